/// The `side_effects:` list and a drug's part of an effect (`side_effects.<effect>` in a drug file
/// or under a scenario's `drugs.<name>`): the daily onset hazard h = susceptibility ×
/// (background + drug part), the drug part s × tolerance × max·X^h/(EC50^h + X^h) on the driver's
/// exposure X (docs/model.md, side effects).
extension BlockDeclaration {
    /// The keys of a drug part, shared by a scenario's entry and a drug's own part.
    static func drugPartKeys(susceptibilityMeaning: String) -> [KeyDeclaration] {
        [
            KeyDeclaration("driver", .choice(SideEffectDriver.allCases.map(\.rawValue)), .defaulted(.text(SideEffectDriver.cmax.rawValue)),
                           meaning: "the exposure X the drug part reads; its EC50 key names its unit",
                           fix: "Use \(SideEffectDriver.allCases.map(\.rawValue).joined(separator: ", "))."),
            KeyDeclaration("max_drug_hazard_per_day", .number(unit: "/day", rule: .nonNegative), .optional(absent: "no drug part"),
                           meaning: "the drug part's maximal hazard", fix: "Give the maximal drug-driven hazard per day, e.g. 0.05."),
            ec50("ec50_mg_per_L", "mg/L", "`cmax` or `cavg`"),
            ec50("ec50_mg_per_day", "mg/day", "`dose`"),
            ec50("ec50_g", "g", "`cumulative_dose`"),
            ec50("ec50_mg_h_per_L", "mg·h/L", "`cumulative_auc`"),
            KeyDeclaration("hill", .number(unit: "", rule: .aboveZeroAtMost(20)), .defaulted(.number(1)),
                           meaning: "the Hill coefficient h", fix: "Give the Hill coefficient (0–20), e.g. 1."),
            KeyDeclaration("tolerance", .block(hazardTolerance), .optional(absent: "none"),
                           meaning: "the drug part falls on a stable dose", fix: "Give \(hazardTolerance.example)."),
            KeyDeclaration("susceptibility", .block(susceptibility), .optional(absent: "all 1"),
                           meaning: susceptibilityMeaning, fix: "Give \(susceptibility.example)."),
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the effect in words", fix: "Describe the effect in words."),
            KeyDeclaration("source", .text, .optional(absent: ""), meaning: "where the numbers come from, with an evidence tag", fix: "Cite the numbers' source."),
        ]
    }

    private static func ec50(_ key: String, _ unit: String, _ drivers: String) -> KeyDeclaration {
        KeyDeclaration(key, .number(unit: unit, rule: .positive), .optional(absent: "another driver's"),
                       meaning: "the EC50 for driver \(drivers)", fix: "Give the exposure of half-maximal hazard in \(unit).")
    }

    static let sideEffect = BlockDeclaration(
        "side effect", meaning: "a side effect the run reports: its background rate, who is susceptible, how episodes end and what an intolerable one leads to; optionally a drug part of its own",
        example: "{name: somnolence, background_per_day: 0.004}",
        keys: [
            KeyDeclaration("name", .identifier, .required,
                           meaning: "reported as `<name>_incidence` (first onset), `<name>_discontinued`, `<name>_dose_reduced`, and `<name>_prevalence` in the time series",
                           fix: "Name the effect (snake_case), e.g. somnolence."),
            KeyDeclaration("background_per_day", .number(unit: "/day", rule: .nonNegative), .required,
                           meaning: "the placebo hazard (every arm)", fix: "Give the placebo hazard per day, e.g. 0.004."),
            KeyDeclaration("drugs", .texts(), .optional(absent: "the arms' single drug"),
                           meaning: "the drugs this entry's own drug part describes (see Side effects per drug)",
                           fix: "List the drugs this entry's drug part describes, e.g. drugs: [baclofen]."),
            KeyDeclaration("resolution", .block(resolution), .optional(absent: "`first_onset_only`"),
                           meaning: "`first_onset_only`, or episodes that end with a daily probability and may start again",
                           fix: "Write first_onset_only or {probability_per_day: 0.1}."),
            KeyDeclaration("consequences", .block(consequences), .optional(absent: "none"),
                           meaning: "what an intolerable onset leads to, and its costs", fix: "Give \(consequences.example)."),
        ] + drugPartKeys(susceptibilityMeaning: "multipliers on the whole hazard"))

    static let drugPart = BlockDeclaration(
        "drug part", meaning: "a drug's part of the effect's hazard", example: "{driver: cmax, max_drug_hazard_per_day: 0.05, ec50_mg_per_L: 0.25}",
        keys: drugPartKeys(susceptibilityMeaning: "the drug part's own multipliers"))

    static let susceptibility = BlockDeclaration(
        "susceptibility", meaning: "hazard multipliers by the subject's covariates",
        example: "{elderly: 1.5, elderly_age_years: 65, renal_impairment: 1.5, renal_below_crcl_mL_per_min: 60, psychiatric: 1.3, liver_disease: 1.3}",
        keys: [
            multiplier("elderly", "at age ≥ `elderly_age_years`"),
            KeyDeclaration("elderly_age_years", .number(unit: "years", rule: .within(0, 150)), .defaulted(.number(65)),
                           meaning: "the age from which `elderly` applies", fix: "Give an age, e.g. 65."),
            multiplier("renal_impairment", "with CrCl below `renal_below_crcl_mL_per_min`"),
            KeyDeclaration("renal_below_crcl_mL_per_min", .number(unit: "mL/min", rule: .within(0, 1000)), .defaulted(.number(60)),
                           meaning: "the CrCl below which `renal_impairment` applies", fix: "Give a CrCl, e.g. 60."),
            multiplier("psychiatric", "with psychiatric comorbidity"),
            multiplier("liver_disease", "with liver disease"),
        ])

    private static func multiplier(_ name: String, _ when: String) -> KeyDeclaration {
        KeyDeclaration(name, .number(unit: "", rule: .aboveZeroAtMost(1000)), .defaulted(.number(1)), meaning: "multiplier \(when)",
                       fix: "Give a multiplier, e.g. 1.5.")
    }

    static let resolution = BlockDeclaration(
        "resolution", meaning: "episodes end with a daily probability; new ones may start", example: "{probability_per_day: 0.1}",
        scalarForms: ["first_onset_only"],
        keys: [KeyDeclaration("probability_per_day", .number(unit: "/day", rule: .fractionAboveZero), .required,
                              meaning: "the daily probability an episode ends", fix: "Give the daily resolution probability, e.g. 0.1.")])

    static let consequences = BlockDeclaration(
        "consequences", meaning: "an onset is intolerable with `intolerable_probability` and then leads to `action`; its days and episodes enter the economics (beside the `economics:` block's flat side-effect cost and disutility); an arm may change them with `side_effect_consequences`",
        example: "{intolerable_probability: 0.2, action: reduce_dose, reduce_by_mg_per_day: 10}",
        keys: [
            KeyDeclaration("intolerable_probability", .number(unit: "", rule: .unitInterval), .optional(absent: "0 (the effect's, for an arm)"),
                           meaning: "the probability an onset is intolerable", fix: "Give a probability, e.g. 0.2."),
            KeyDeclaration("action", .choice(["none", "reduce_dose", "discontinue", "taper", "protocol_taper"]), .optional(absent: "`none` (the effect's, for an arm)"),
                           meaning: "`reduce_dose` (by `reduce_by_mg_per_day`, else by the arm's regimen `side_effect_reduction_mg`), `discontinue` (abrupt stop from the next day), `taper` (stop by the arm's declared taper: its regimen's `discontinuation:`, else its scheduled `taper:`'s shape; `protocol_taper` is the same)",
                           fix: "Use none, reduce_dose, discontinue (abrupt) or taper (the arm's declared taper; protocol_taper is the same)."),
            KeyDeclaration("reduce_by_mg_per_day", .number(unit: "mg/day", rule: .positive), .optional(absent: "the arm's regimen `side_effect_reduction_mg`"),
                           meaning: "`reduce_dose` only: the reduction", fix: "Give the reduction in mg/day, e.g. 10."),
            KeyDeclaration("disutility_per_day", .number(unit: "utility", rule: .unitInterval), .optional(absent: "0 (the effect's, for an arm)"),
                           meaning: "utility lost per episode day", fix: "Give a utility decrement, e.g. 0.02."),
            KeyDeclaration("cost_per_episode", .number(unit: "currency", rule: .nonNegative), .optional(absent: "0 (the effect's, for an arm)"),
                           meaning: "cost of an episode", fix: "Give a cost, e.g. 30."),
        ])
}
