/// A dosing regimen: an arm's `regimen:` and a drug file's default `regimen:` (the rules in
/// `Scenarios/drugs/README.md`, "Regimen"). Types and ranges are declared here; how the keys fit
/// together (a taper within the horizon, doses within the cap, renal bands that do not overlap)
/// is checked by ``Regimen/validate(horizonDays:)``.
extension BlockDeclaration {
    /// The largest daily dose a regimen may name, in mg/day: 100 g, far beyond any drug's, so
    /// amounts, tablet counts and concentrations stay finite.
    static let maximumMgPerDay = 100_000.0
    /// A dose in mg/day: ≥ 0 and at most ``maximumMgPerDay``.
    static let dailyDose = NumberRule.within(0, maximumMgPerDay)
    /// A dose that must be given: (0, ``maximumMgPerDay``].
    static let positiveDailyDose = NumberRule.aboveZeroAtMost(maximumMgPerDay)
    /// The longest span of days a regimen's counts may name: the longest horizon.
    static let regimenDays = ScenarioNodeReader.maximumHorizonDays

    static let regimen = BlockDeclaration(
        "regimen", meaning: "the protocol's daily doses, how they are split into doses and tablets, and the rules that change them",
        example: "{titration: [{days: 3, mg_per_day: 15}], maintenance_mg_per_day: 30}",
        atMostOneOf: [["titrate_to_response", "as_needed"]],
        keys: [
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the regimen in words", fix: "Describe the regimen in words."),
            KeyDeclaration("dose_times_h", .numbers(unit: "clock h", rule: .within(0, 24)), .defaulted(.numbers(Regimen.defaultDoseTimesH)),
                           meaning: "clock hours of the day's doses, increasing, each in [0, 24); at most \(Regimen.maximumDosesPerDay)",
                           fix: "Give clock hours of the doses, e.g. [8, 14, 20]."),
            KeyDeclaration("titration", .list(doseStep), .optional(absent: "none"), meaning: "consecutive steps from day 0",
                           fix: "Give a list of steps, e.g. [\(doseStep.example)]."),
            KeyDeclaration("maintenance_mg_per_day", .number(unit: "mg/day", rule: dailyDose), .optional(absent: "required without `titrate_to_response` or `as_needed`"),
                           meaning: "daily dose held after titration until a taper starts", fix: "Give the daily dose after titration in mg/day, e.g. 30."),
            KeyDeclaration("taper", .block(taper), .optional(absent: "none"), meaning: "a planned taper from `start_day` on",
                           fix: "Give the taper as a mapping, e.g. \(taper.example)."),
            KeyDeclaration("discontinuation", .block(discontinuation), .optional(absent: "abrupt"),
                           meaning: "the taper an early stop follows (a side effect's `taper` action; `discontinue` is always abrupt)",
                           fix: "Give how an early stop proceeds, e.g. \(discontinuation.example)."),
            KeyDeclaration("tablet_strengths_mg", .numbers(unit: "mg", rule: positiveDailyDose), .optional(absent: "the daily dose is split exactly"),
                           meaning: "the tablets dispensed; each dose is made of them", fix: "Give the tablet strengths in mg, e.g. [10, 25]."),
            KeyDeclaration("smallest_tablet_scored", .boolean, .defaulted(.boolean(false)), meaning: "the smallest tablet may be halved (with `tablet_strengths_mg`)",
                           fix: "Write true if the smallest tablet may be halved, else false."),
            KeyDeclaration("max_tablets_per_dose", .integer(unit: "tablets", minimum: 1, maximum: 20), .defaulted(.integer(TabletStrengths.defaultMaxTabletsPerDose)),
                           meaning: "most tablets taken at once, a half tablet counting as one (with `tablet_strengths_mg`)",
                           fix: "Give the most tablets taken at once, e.g. 8."),
            KeyDeclaration("cap", .block(doseCap), .optional(absent: "none"), meaning: "the highest daily dose", fix: "Give the cap as a mapping, e.g. \(doseCap.example)."),
            KeyDeclaration("renal", .list(renalBand), .optional(absent: "none"), meaning: "dose rules by creatinine clearance band: above < CrCl ≤ up_to",
                           fix: "Give a list of CrCl bands, e.g. [\(renalBand.example)]."),
            KeyDeclaration("side_effect_reduction_mg", .number(unit: "mg/day", rule: positiveDailyDose), .optional(absent: "none"),
                           meaning: "daily dose removed after an intolerable side effect whose `reduce_dose` consequence gives no `reduce_by_mg_per_day`",
                           fix: "Give the daily dose removed after an intolerable side effect in mg/day, e.g. 10."),
            KeyDeclaration("titrate_to_response", .block(responseGuided), .optional(absent: "none"),
                           meaning: "each subject's dose found by a rule, instead of `titration` and `maintenance_mg_per_day`",
                           fix: "Give the rule as a mapping, e.g. \(responseGuided.example)."),
            KeyDeclaration("as_needed", .block(asNeeded), .optional(absent: "none"),
                           meaning: "one dose on a day the subject expects to drink, instead of a daily schedule",
                           fix: "Give the targeted dose as a mapping, e.g. \(asNeeded.example)."),
            KeyDeclaration("holidays", .list(holiday), .optional(absent: "none"), meaning: "planned interruptions: no dose on these regimen days",
                           fix: "Give a list of interruptions, e.g. [\(holiday.example)]."),
        ])

    static let doseStep = BlockDeclaration(
        "dose step", meaning: "a daily dose held for a number of days", example: "{days: 3, mg_per_day: 15}",
        keys: [
            KeyDeclaration("days", .integer(unit: "days", minimum: 1, maximum: regimenDays), .required, meaning: "how long the step lasts",
                           fix: "Give the number of days the step lasts, e.g. 3."),
            KeyDeclaration("mg_per_day", .number(unit: "mg/day", rule: dailyDose), .required, meaning: "the daily dose", fix: "Give the daily dose in mg/day, e.g. 15."),
        ])

    /// A taper's shape: `kind` and that kind's keys.
    private static func taperKeys(startDay: Bool) -> [KeyDeclaration] {
        [KeyDeclaration("kind", .choice(TaperKind.names), .required, meaning: "the shape (the kinds in `Scenarios/drugs/README.md`)",
                        fix: "Use kind: abrupt, linear, step_down, proportional or steps.")]
        + (startDay ? [KeyDeclaration("start_day", .integer(unit: "regimen day", minimum: 0, maximum: regimenDays), .required,
                                      meaning: "first taper day (day 0 = first treatment day)",
                                      fix: "Give the first taper day, counting the first treatment day as 0, e.g. 84.")] : [])
        + [
            KeyDeclaration("days", .integer(unit: "days", minimum: 1, maximum: regimenDays), .optional(absent: "`linear` only"),
                           meaning: "N reduced days", fix: "Give the number of days over which the dose falls to zero, e.g. 14."),
            KeyDeclaration("step_mg", .number(unit: "mg/day", rule: positiveDailyDose), .optional(absent: "`step_down` only"),
                           meaning: "daily dose removed at each step", fix: "Give the daily dose removed at each step in mg/day, e.g. 10."),
            KeyDeclaration("every_days", .integer(unit: "days", minimum: 1, maximum: regimenDays), .optional(absent: "`step_down`, `proportional` only"),
                           meaning: "days between steps", fix: "Give the days between steps, e.g. 7."),
            KeyDeclaration("percent", .number(unit: "%", rule: .aboveZeroAtMost(100)), .optional(absent: "`proportional` only"),
                           meaning: "share of the current dose removed at each step", fix: "Give the share of the current dose removed at each step, e.g. 20."),
            KeyDeclaration("floor_mg_per_day", .number(unit: "mg/day", rule: dailyDose), .optional(absent: "`proportional` only"),
                           meaning: "daily dose below which the taper stops", fix: "Give the daily dose below which the taper stops, e.g. 10."),
            KeyDeclaration("steps", .list(doseStep), .optional(absent: "`steps` only"), meaning: "the taper's daily doses in turn, then 0",
                           fix: "Give the taper's daily doses, e.g. [{days: 4, mg_per_day: 45}]."),
        ]
    }

    /// Which keys each taper kind takes.
    private static let taperKindKeys = ChoiceKeys(key: "kind", keys: [
        ("abrupt", []), ("linear", ["days"]), ("step_down", ["step_mg", "every_days"]),
        ("proportional", ["percent", "every_days", "floor_mg_per_day"]), ("steps", ["steps"]),
    ])

    static let taper = BlockDeclaration(
        "taper", meaning: "a planned taper: from `start_day` the dose falls by its kind's rule",
        example: "{kind: linear, days: 14, start_day: 84}", choiceKeys: taperKindKeys, keys: taperKeys(startDay: true))

    static let discontinuation = BlockDeclaration(
        "discontinuation", meaning: "how an early stop proceeds, from the day it is decided (a taper kind)",
        example: "{kind: linear, days: 14}", choiceKeys: taperKindKeys, keys: taperKeys(startDay: false))

    static let doseCap = BlockDeclaration(
        "cap", meaning: "the highest daily dose: a protocol dose above it is an error, unless given under supervision",
        example: "{max_mg_per_day: 100}",
        keys: [
            KeyDeclaration("max_mg_per_day", .number(unit: "mg/day", rule: positiveDailyDose), .required, meaning: "the cap",
                           fix: "Give the highest daily dose in mg/day, e.g. 100."),
            KeyDeclaration("supervised_exception", .boolean, .defaulted(.boolean(false)),
                           meaning: "doses above the cap are given (medical supervision), and the run reports the days above it",
                           fix: "Write true to allow doses above the cap under medical supervision, else false."),
        ])

    static let renalBand = BlockDeclaration(
        "renal band", meaning: "a creatinine clearance band (above < CrCl ≤ up_to) and its one action",
        example: "{crcl_above_mL_per_min: 50, crcl_up_to_mL_per_min: 80, dose_factor: 0.75}",
        exactlyOneOf: [["dose_factor", "max_mg_per_day", "contraindicated"]],
        keys: [
            KeyDeclaration("crcl_above_mL_per_min", .number(unit: "mL/min", rule: .within(0, 1_000)), .optional(absent: "no lower bound"),
                           meaning: "lower bound (exclusive)", fix: "Give the band's lower CrCl bound in mL/min (exclusive), e.g. 50."),
            KeyDeclaration("crcl_up_to_mL_per_min", .number(unit: "mL/min", rule: .within(0, 1_000)), .optional(absent: "no upper bound"),
                           meaning: "upper bound (inclusive)", fix: "Give the band's upper CrCl bound in mL/min (inclusive), e.g. 80."),
            KeyDeclaration("dose_factor", .number(unit: "", rule: .unitInterval), .optional(absent: "another action"),
                           meaning: "share of the dose kept", fix: "Give the share of the dose kept, e.g. 0.75."),
            KeyDeclaration("max_mg_per_day", .number(unit: "mg/day", rule: dailyDose), .optional(absent: "another action"),
                           meaning: "highest daily dose in the band", fix: "Give the highest daily dose in mg/day, e.g. 999."),
            KeyDeclaration("contraindicated", .boolean, .optional(absent: "another action"),
                           meaning: "`true`: no drug in the band", fix: "Write contraindicated: true, or use dose_factor or max_mg_per_day."),
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the band's source", fix: "Describe the band in words."),
        ])

    static let holiday = BlockDeclaration(
        "interruption", meaning: "no dose on regimen days start_day … start_day + days − 1; the protocol's clock runs on",
        example: "{start_day: 84, days: 7}",
        keys: [
            KeyDeclaration("start_day", .integer(unit: "regimen day", minimum: 0, maximum: regimenDays), .required, meaning: "first day without a dose",
                           fix: "Give the first day without a dose, counting the first treatment day as 0."),
            KeyDeclaration("days", .integer(unit: "days", minimum: 1, maximum: regimenDays), .required, meaning: "days without a dose",
                           fix: "Give the number of days without a dose, e.g. 7."),
        ])

    static let asNeeded = BlockDeclaration(
        "as_needed", meaning: "one dose on a day the subject expects to drink, at the regimen's single dose time",
        example: "{dose_mg: 18, take_probability: 0.8}",
        keys: [
            KeyDeclaration("dose_mg", .number(unit: "mg", rule: positiveDailyDose), .required, meaning: "the dose taken", fix: "Give the dose taken in mg, e.g. 18."),
            KeyDeclaration("take_probability", .number(unit: "", rule: .unitInterval), .defaulted(.number(1)),
                           meaning: "probability a dose is taken on a day it is indicated (the regimen's own adherence)",
                           fix: "Give the probability a dose is taken on a day it is indicated, e.g. 0.8."),
        ])

    static let responseGuided = BlockDeclaration(
        "titrate_to_response", meaning: "start low, raise the dose while the subject neither responds nor has an intolerable side effect",
        example: "{start_mg_per_day: 15, step_mg_per_day: 15, step_interval_days: 3, ceiling_mg_per_day: 300, response: {window_days: 14, max_heavy_days: 0}}",
        keys: [
            KeyDeclaration("start_mg_per_day", .number(unit: "mg/day", rule: positiveDailyDose), .required, meaning: "daily dose from day 0",
                           fix: "Give the first daily dose in mg/day, e.g. 15."),
            KeyDeclaration("step_mg_per_day", .number(unit: "mg/day", rule: positiveDailyDose), .required, meaning: "added at each escalation",
                           fix: "Give the daily dose added at each step in mg/day, e.g. 15; for a fixed dose use maintenance_mg_per_day instead."),
            KeyDeclaration("step_interval_days", .integer(unit: "days", minimum: 1, maximum: regimenDays), .required, meaning: "a decision every this many days",
                           fix: "Give the days between dose decisions, e.g. 3."),
            KeyDeclaration("ceiling_mg_per_day", .number(unit: "mg/day", rule: positiveDailyDose), .required, meaning: "highest dose of the rule (≥ start)",
                           fix: "Give the highest daily dose in mg/day, e.g. 300."),
            KeyDeclaration("response", .block(responseCriterion), .required, meaning: "met when every condition given holds over the window",
                           fix: "Give the response criterion, e.g. \(responseCriterion.example)."),
            KeyDeclaration("on_intolerable_side_effect", .block(intolerableStepDown), .optional(absent: "step down by `step_mg_per_day`, no hold"),
                           meaning: "what an intolerable side effect does to the rule", fix: "Give e.g. \(intolerableStepDown.example)."),
            KeyDeclaration("stop_without_response_weeks", .integer(unit: "weeks", minimum: 1, maximum: regimenDays / 7), .optional(absent: "never"),
                           meaning: "stop the drug (its discontinuation) when no decision in this long found a response",
                           fix: "Give the weeks without response after which the drug stops, e.g. 12."),
        ])

    static let responseCriterion = BlockDeclaration(
        "response", meaning: "the response criterion read on each decision day over the days before it",
        example: "{window_days: 14, max_heavy_days: 0}",
        keys: [
            KeyDeclaration("window_days", .integer(unit: "days", minimum: 1, maximum: ResponseCriterion.maximumWindowDays), .required,
                           meaning: "days looked back at each decision (fewer on the first decisions)", fix: "Give the days looked back at each decision, e.g. 14."),
            KeyDeclaration("max_drinking_days", .integer(unit: "days", minimum: 0, maximum: ResponseCriterion.maximumWindowDays), .optional(absent: "no condition"),
                           meaning: "at most this many drinking days", fix: "Give the most drinking days in the window that still count as a response, e.g. 0."),
            KeyDeclaration("max_heavy_days", .integer(unit: "days", minimum: 0, maximum: ResponseCriterion.maximumWindowDays), .optional(absent: "no condition"),
                           meaning: "at most this many heavy drinking days (`drinking.heavy_day_drinks`)",
                           fix: "Give the most heavy drinking days in the window that still count as a response, e.g. 0."),
            KeyDeclaration("max_mean_craving", .number(unit: "craving score", rule: .within(-1e6, 1e6)), .optional(absent: "no condition"),
                           meaning: "mean craving score over the window at most this", fix: "Give the highest mean craving score that counts as a response, e.g. 0.5."),
        ])

    static let intolerableStepDown = BlockDeclaration(
        "on_intolerable_side_effect", meaning: "the step down after an intolerable side effect, and escalation after it",
        example: "{step_down_mg_per_day: 15, hold_days: 14, max_reescalations: 2}",
        keys: [
            KeyDeclaration("step_down_mg_per_day", .number(unit: "mg/day", rule: positiveDailyDose), .optional(absent: "`step_mg_per_day`"),
                           meaning: "daily dose removed, never below the start dose", fix: "Give the daily dose removed after an intolerable side effect in mg/day, e.g. 15."),
            KeyDeclaration("hold_days", .integer(unit: "days", minimum: 0, maximum: regimenDays), .defaulted(.integer(0)),
                           meaning: "no escalation for this many days after a step down", fix: "Give the days the dose is held after a step down, e.g. 14."),
            KeyDeclaration("max_reescalations", .integer(unit: "", minimum: 0, maximum: 1_000), .defaulted(.integer(0)),
                           meaning: "escalations allowed after step downs", fix: "Give how many times escalation may resume after a step down, e.g. 2."),
        ])
}

extension TaperKind {
    /// The kinds by their scenario names, in the order documented.
    static let names = ["abrupt", "linear", "step_down", "proportional", "steps"]
}
