/// The `economics:` block (docs/model.md section 11, docs/sources.md#health-economics): prices,
/// utilities, mortality and discounting for a cost-utility analysis of the arms.
///
/// schema_version 2 renamed `utilities` to `utility_by_risk_level` and `hospitalisation_cost_per_day`
/// to `hospitalisation_cost_per_day_by_risk_level`: values indexed by WHO drinking-risk level say
/// so in their names, as `mortality.relative_risk_by_risk_level` always did, so that costs and
/// utilities of other states (issue 22) can sit beside them unambiguously.
extension BlockDeclaration {
    /// The economics keys an arm may give for itself (``armEconomics``).
    static let armEconomicsKeys = ["drug_products", "monitoring_visits", "laboratory_tests", "psychosocial_sessions", "unscheduled_visit_cost",
                                   "side_effect_cost_per_event", "hospitalisation_cost_per_day_by_risk_level", "utility_by_risk_level",
                                   "disutility_per_side_effect_day", "mortality"]

    /// An arm's `economics:`: strategy-specific inputs. Each key given replaces the scenario
    /// economics' value of that key for subjects on this arm's treatment; currency, price year,
    /// discounting, willingness to pay and the risk-level window are the scenario's for all arms.
    static let armEconomics: BlockDeclaration = BlockDeclaration(
        "arm economics", meaning: "this arm's own economics inputs: each key given replaces the scenario economics' value of that key (a table or block whole)",
        example: "{utility_by_risk_level: {abstinent: 0.82, low: 0.84, medium: 0.85, high: 0.78, very_high: 0.72}}",
        keys: economics.keys.filter { armEconomicsKeys.contains($0.name) }.map { key in
            KeyDeclaration(key.name, key.value, .optional(absent: "the scenario's"), meaning: key.meaning, fix: key.fix)
        })

    static let economics = BlockDeclaration(
        "economics", meaning: "prices, utilities, mortality and discounting; every arm is costed with these unless it gives keys of its own (`arms[].economics`)",
        example: "{currency: GBP, price_year: 2024, utility_by_risk_level: {abstinent: 0.8, low: 0.83, medium: 0.85, high: 0.75, very_high: 0.7}}",
        keys: [
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "perspective and sources",
                           fix: "Describe the perspective and sources."),
            KeyDeclaration("currency", .text, .required, meaning: "ISO 4217 code, e.g. `GBP`, `USD`; prices are never converted or inflated",
                           fix: "Give an ISO 4217 code, e.g. GBP."),
            KeyDeclaration("price_year", .integer(unit: "year", minimum: 1900, maximum: 2200), .required, meaning: "year of every price",
                           fix: "Give the price year, e.g. 2024."),
            KeyDeclaration("discount_rates", .block(discountRates), .optional(absent: "0.035 and 0.035"),
                           meaning: "annual discount rates, applied per day from day 0",
                           fix: "Give {costs_per_year: 0.035, effects_per_year: 0.035}."),
            KeyDeclaration("willingness_to_pay_per_qaly", .numbers(unit: "currency/QALY", rule: .within(0, 1e9)),
                           .defaulted(.numbers([20_000, 30_000])), meaning: "values for net monetary benefit",
                           fix: "Give values per QALY, e.g. [20000, 30000]."),
            KeyDeclaration("drug_products", .list(drugProduct), .optional(absent: "none"),
                           meaning: "the packs each drug is dispensed in and their prices (at most \(TabletCounts.capacity))",
                           fix: "List {drug: baclofen, tablet_strength_mg: 10, tablets_per_pack: 84, pack_price: 2}."),
            KeyDeclaration("monitoring_visits", .block(scheduledService), .optional(absent: "none"),
                           meaning: "scheduled prescriber visits", fix: "Give {unit_cost: 40, schedule: [{first_day: 0, every_days: 28}]}."),
            KeyDeclaration("laboratory_tests", .block(scheduledService), .optional(absent: "none"),
                           meaning: "scheduled laboratory tests", fix: "Give {unit_cost: 40, schedule: [{first_day: 0, every_days: 28}]}."),
            KeyDeclaration("psychosocial_sessions", .block(scheduledService), .optional(absent: "none"),
                           meaning: "scheduled psychosocial sessions", fix: "Give {unit_cost: 40, schedule: [{first_day: 0, every_days: 28}]}."),
            KeyDeclaration("unscheduled_visit_cost", .number(unit: "currency", rule: .within(0, 1e9)), .defaulted(.number(0)),
                           meaning: "per visit outside the schedule: one on each day the prescriber reduces or stops the drug for an intolerable side effect",
                           fix: "Give a cost, e.g. 40."),
            KeyDeclaration("side_effect_cost_per_event", .number(unit: "currency", rule: .within(0, 1e9)), .defaulted(.number(0)),
                           meaning: "per side-effect onset", fix: "Give a cost, e.g. 30."),
            KeyDeclaration("hospitalisation_cost_per_day_by_risk_level", .block(perRiskLevel("hospital cost", unit: "currency/day", rule: .within(0, 1e9), example: "1.5")),
                           .optional(absent: "all 0"), meaning: "expected hospital cost per day lived at each WHO drinking-risk level",
                           fix: "Give expected hospital cost per day by drinking-risk level.",
                           renamedFrom: ("hospitalisation_cost_per_day", 2)),
            KeyDeclaration("utility_by_risk_level", .block(perRiskLevel("utility", unit: "", rule: .within(-1, 1), example: "0.8")), .required,
                           meaning: "utility of a day lived at each drinking-risk level",
                           fix: "Give utilities by drinking-risk level, e.g. {abstinent: 0.80, low: 0.83, medium: 0.85, high: 0.75, very_high: 0.70}.",
                           renamedFrom: ("utilities", 2)),
            KeyDeclaration("risk_level_window_days", .integer(unit: "days", minimum: 1, maximum: RiskLevelWindow.maximumWindowDays),
                           .defaulted(.integer(RiskLevelWindow.defaultWindowDays)),
                           meaning: "the trailing window whose mean g/day gives the drinking-risk level (below)",
                           fix: "Give the days whose mean g/day sets the drinking-risk level, e.g. 28 (4 weeks, as NICE TA325)."),
            KeyDeclaration("disutility_per_side_effect_day", .number(unit: "", rule: .within(0, 1)), .defaulted(.number(0)),
                           meaning: "utility lost on a day with a side effect", fix: "Give the utility lost on a day with a side effect, e.g. 0.02."),
            KeyDeclaration("mortality", .block(mortality), .optional(absent: "none (nobody dies)"),
                           meaning: "background mortality and its relative risk by drinking-risk level",
                           fix: "Give {gompertz: {a_per_year: 0.00003, b_per_year: 0.09}} or a life_table."),
            KeyDeclaration("productivity_cost_per_day_by_risk_level", .block(perRiskLevel("productivity cost", unit: "currency/day", rule: .within(0, 1e9), example: "12")),
                           .optional(absent: "not counted (a health-care perspective)"),
                           meaning: "societal perspective: productivity lost per day lived at each drinking-risk level (cost category `productivity`)",
                           fix: "Give productivity lost per day by drinking-risk level, e.g. {abstinent: 0, low: 0, medium: 2, high: 8, very_high: 15}."),
            KeyDeclaration("crime_cost_per_day_by_risk_level", .block(perRiskLevel("crime cost", unit: "currency/day", rule: .within(0, 1e9), example: "5")),
                           .optional(absent: "not counted (a health-care perspective)"),
                           meaning: "societal perspective: alcohol-related crime cost per day lived at each drinking-risk level (cost category `crime`)",
                           fix: "Give crime cost per day by drinking-risk level, e.g. {abstinent: 0, low: 0, medium: 1, high: 4, very_high: 9}."),
            KeyDeclaration("alcohol_attributable_events", .named(attributableEvent), .optional(absent: "none"),
                           meaning: "events counted by drinking-risk level (diseases, injuries, deaths by cause), by name: `events_<name>` per subject and `events.csv` per 100,000 and avoided against the first arm; at most \(AttributableEvent.maximumCount)",
                           fix: "Give events by name, e.g. {injuries: {rates_per_year_by_risk_level: {abstinent: 0.01, low: 0.012, medium: 0.02, high: 0.04, very_high: 0.08}}}."),
        ])

    /// One alcohol-attributable event (``AttributableEvent``).
    static let attributableEvent = BlockDeclaration(
        "alcohol-attributable event", meaning: "an event whose rate depends on the drinking-risk level, counted per subject (expected events over the days lived)",
        example: "{rates_per_year_by_risk_level: {abstinent: 0.01, low: 0.012, medium: 0.02, high: 0.04, very_high: 0.08}}",
        keys: [
            KeyDeclaration("rates_per_year_by_risk_level", .block(perRiskLevel("event rate", unit: "per person-year", rule: .within(0, 1000), example: "0.02")),
                           .required, meaning: "expected events per person-year lived at each drinking-risk level (undiscounted)",
                           fix: "Give the rates by drinking-risk level, e.g. {abstinent: 0.01, low: 0.012, medium: 0.02, high: 0.04, very_high: 0.08}."),
            KeyDeclaration("source", .text, .optional(absent: ""), meaning: "where the rates come from", fix: "Cite the rates' source."),
        ])

    /// `{abstinent, low, medium, high, very_high}`, every level required.
    static func perRiskLevel(_ quantity: String, unit: String, rule: NumberRule, example: String) -> BlockDeclaration {
        BlockDeclaration(
            "\(quantity) by drinking-risk level", meaning: "one value per WHO drinking-risk level",
            example: "{abstinent: \(example), low: \(example), medium: \(example), high: \(example), very_high: \(example)}",
            keys: DrinkingRiskLevel.allCases.map { level in
                let key = PerDrinkingRiskLevel<Double>.scenarioKey(level)
                return KeyDeclaration(key, .number(unit: unit, rule: rule), .required, meaning: "\(quantity) at level \(key)",
                                      fix: "Give the value for \(key), e.g. \(example).")
            })
    }

    static let discountRates = BlockDeclaration(
        "discount_rates", meaning: "annual discount rates, applied per day from day 0",
        example: "{costs_per_year: 0.035, effects_per_year: 0.035}",
        keys: [
            KeyDeclaration("costs_per_year", .number(unit: "/year", rule: .within(0, 1)), .defaulted(.number(0.035)),
                           meaning: "annual discount rate of costs", fix: "Give an annual rate, e.g. 0.035 (NICE)."),
            KeyDeclaration("effects_per_year", .number(unit: "/year", rule: .within(0, 1)), .defaulted(.number(0.035)),
                           meaning: "annual discount rate of QALYs and life-years", fix: "Give an annual rate, e.g. 0.035 (NICE)."),
        ])

    static let drugProduct = BlockDeclaration(
        "drug product", meaning: "a pack of one drug and its price",
        example: "{drug: baclofen, tablet_strength_mg: 10, tablets_per_pack: 84, pack_price: 2}",
        keys: [
            KeyDeclaration("drug", .text, .required, meaning: "a drug declared under `drugs:`", fix: "Name a drug declared under drugs:."),
            KeyDeclaration("tablet_strength_mg", .number(unit: "mg", rule: .within(1e-6, 1e6)), .required,
                           meaning: "strength of one tablet", fix: "Give the tablet strength in mg, e.g. 10."),
            KeyDeclaration("tablets_per_pack", .integer(unit: "tablets", minimum: 1, maximum: 100_000), .required,
                           meaning: "tablets in one pack", fix: "Give tablets per pack, e.g. 84."),
            KeyDeclaration("pack_price", .number(unit: "currency", rule: .within(0, 1e9)), .required,
                           meaning: "price of one pack", fix: "Give the price of one pack, e.g. 2."),
            KeyDeclaration("basis", .choice(DrugCostBasis.allCases.map(\.rawValue)), .defaulted(.text(DrugCostBasis.tabletsDispensed.rawValue)),
                           meaning: "`tablets_dispensed`: per-tablet price of every tablet dispensed, taken or missed; `tablets_taken`: no wastage; `whole_packs`: a new pack paid in full whenever the tablets in hand run out",
                           fix: "Use tablets_taken, tablets_dispensed or whole_packs."),
            KeyDeclaration("source", .text, .optional(absent: ""), meaning: "where the price comes from", fix: "Cite the price's source."),
        ])

    static let scheduledService = BlockDeclaration(
        "scheduled service", meaning: "a service given on treatment days by schedule (day 0 = first treatment day); a day on which several schedules coincide counts once",
        example: "{unit_cost: 40, schedule: [{first_day: 0, every_days: 28, last_day: 364}]}",
        keys: [
            KeyDeclaration("unit_cost", .number(unit: "currency", rule: .within(0, 1e9)), .required,
                           meaning: "cost of one", fix: "Give the cost of one, e.g. 40."),
            KeyDeclaration("schedule", .list(recurringSchedule), .required, meaning: "when it is given",
                           fix: "List {first_day: 0, every_days: 28, last_day: 364}."),
            KeyDeclaration("source", .text, .optional(absent: ""), meaning: "where the unit cost comes from", fix: "Cite the unit cost."),
        ])

    static let recurringSchedule = BlockDeclaration(
        "schedule", meaning: "days from `first_day`, every `every_days`, up to `last_day` inclusive",
        example: "{first_day: 0, every_days: 28, last_day: 364}",
        keys: [
            KeyDeclaration("first_day", .integer(unit: "treatment day", minimum: 0, maximum: ScenarioNodeReader.maximumHorizonDays), .required,
                           meaning: "the first day", fix: "Give the first treatment day, e.g. 0."),
            KeyDeclaration("every_days", .integer(unit: "days", minimum: 1, maximum: ScenarioNodeReader.maximumHorizonDays), .optional(absent: "once"),
                           meaning: "the interval", fix: "Give the interval in days, e.g. 28."),
            KeyDeclaration("last_day", .integer(unit: "treatment day", minimum: 0, maximum: ScenarioNodeReader.maximumHorizonDays), .optional(absent: "no end"),
                           meaning: "the last day it may fall on", fix: "Give the last day, e.g. 364."),
        ])

    static let mortality = BlockDeclaration(
        "mortality", meaning: "background mortality (a Gompertz hazard or a life table) and its relative risk by drinking-risk level",
        example: "{gompertz: {a_per_year: 0.00003, b_per_year: 0.09}}",
        exactlyOneOf: [["gompertz", "life_table"]],
        keys: [
            KeyDeclaration("gompertz", .block(gompertz), .optional(absent: "none"), meaning: "hazard a·e^{b·age} per year",
                           fix: "Give {a_per_year: 0.00003, b_per_year: 0.09}."),
            KeyDeclaration("life_table", .block(lifeTable), .optional(absent: "none"), meaning: "annual death probabilities by age band",
                           fix: "Give {band_start_ages_years: [...], annual_death_probabilities: [...]}."),
            KeyDeclaration("relative_risk_by_risk_level", .block(perRiskLevel("relative risk", unit: "", rule: .within(0, 1e6), example: "1.5")),
                           .optional(absent: "all 1"), meaning: "relative risk of death at each drinking-risk level",
                           fix: "Give relative risks by drinking-risk level."),
            KeyDeclaration("source", .text, .optional(absent: ""), meaning: "the life table or fit", fix: "Cite the life table or fit."),
        ])

    static let gompertz = BlockDeclaration(
        "gompertz", meaning: "background hazard a·e^{b·age} per year",
        example: "{a_per_year: 0.00003, b_per_year: 0.09}",
        keys: [
            KeyDeclaration("a_per_year", .number(unit: "/year", rule: .within(1e-12, 1)), .required,
                           meaning: "hazard at age 0", fix: "Give the hazard at age 0 per year, e.g. 0.00003."),
            KeyDeclaration("b_per_year", .number(unit: "/year of age", rule: .within(1e-6, 0.99)), .required,
                           meaning: "log-hazard slope per year of age", fix: "Give the log-hazard slope per year of age, e.g. 0.09."),
        ])

    static let lifeTable = BlockDeclaration(
        "life_table", meaning: "annual death probabilities by age band",
        example: "{band_start_ages_years: [18, 40, 60, 80], annual_death_probabilities: [0.001, 0.002, 0.01, 0.06]}",
        keys: [
            KeyDeclaration("band_start_ages_years", .numbers(unit: "years", rule: .within(0, 150)), .required,
                           meaning: "the first age of each band", fix: "Give the first age of each band, e.g. [18, 40, 60, 80]."),
            KeyDeclaration("annual_death_probabilities", .numbers(unit: "", rule: .unitInterval), .required,
                           meaning: "one annual probability per band", fix: "Give one annual probability per band."),
        ])
}
