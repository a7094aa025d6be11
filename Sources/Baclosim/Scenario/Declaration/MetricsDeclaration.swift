/// The `metrics:` block (exposure and craving summaries on given days, dose outputs) and the
/// `subgroups:` list (every table is also reported for each subgroup).
extension BlockDeclaration {
    static let metrics = BlockDeclaration(
        "metrics", meaning: "exposure and craving summaries on given days, and dose outputs",
        example: "{exposure: [{name: cavg_day30, measure: cavg, day: 30}], craving: [{name: craving_day83, day: 83}]}",
        keys: [
            KeyDeclaration("exposure", .list(exposureMetric), .optional(absent: "none"),
                           meaning: "per-arm exposure on a study day", fix: "List {name: cavg_day30, measure: cavg, day: 30}."),
            KeyDeclaration("craving", .list(cravingMetric), .optional(absent: "none"),
                           meaning: "per-arm mean craving on a study day", fix: "List {name: craving_day83, day: 83}."),
            KeyDeclaration("dose", .boolean, .optional(absent: "true when an arm titrates to response"),
                           meaning: "report each subject's achieved dose, dose reductions and amount taken (below); `true` needs an arm with a drug",
                           fix: "Write true to report each subject's achieved dose, dose reductions and amount taken, else false."),
        ])

    static let exposureMetric = BlockDeclaration(
        "exposure metric", meaning: "a summary of each subject's exposure on one study day",
        example: "{name: cavg_day30, measure: cavg, day: 30}",
        keys: [
            KeyDeclaration("name", .identifier, .required, meaning: "the metric's column name", fix: "Name it, e.g. cavg_day30."),
            KeyDeclaration("measure", .choice(ExposureMetric.Measure.allCases.map(\.rawValue)), .required,
                           meaning: "average, peak or trough concentration (mg/L), or AUC (mg·h/L) over the day",
                           fix: "Use cavg, cmax, cmin or auc."),
            KeyDeclaration("day", .integer(unit: "study day", minimum: 0, maximum: ScenarioNodeReader.maximumHorizonDays - 1), .required,
                           meaning: "the day, below the horizon", fix: "Give the study day, e.g. 30."),
            KeyDeclaration("quantiles", .numbers(unit: "probabilities", rule: .within(0.001, 0.999)), .optional(absent: "none"),
                           meaning: "quantiles of the measure across subjects reported beside the mean", fix: "Give probabilities, e.g. [0.05, 0.5, 0.95]."),
        ])

    static let cravingMetric = BlockDeclaration(
        "craving metric", meaning: "the mean craving on one study day", example: "{name: craving_day83, day: 83}",
        keys: [
            KeyDeclaration("name", .identifier, .required, meaning: "the metric's column name", fix: "Name it, e.g. craving_day83."),
            KeyDeclaration("day", .integer(unit: "study day", minimum: 0, maximum: ScenarioNodeReader.maximumHorizonDays - 1), .required,
                           meaning: "the day, below the horizon", fix: "Give the study day, e.g. 83."),
        ])

    static let subgroup = BlockDeclaration(
        "subgroup", meaning: "subjects meeting every condition given (at least one); bands are inclusive `[low, high]`",
        example: "{name: women, sex: female}",
        keys: [
            KeyDeclaration("name", .identifier, .required, meaning: "the subgroup's name in the outputs",
                           fix: "Name the subgroup (used in the outputs), e.g. name: women."),
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the subgroup in words", fix: "Describe the subgroup in words."),
            KeyDeclaration("sex", .choice(Sex.allCases.map(\.rawValue)), .optional(absent: "either"), meaning: "sex", fix: "Write male or female."),
            KeyDeclaration("age_years", .numbers(unit: "years", rule: .within(0, 150), count: 2), .optional(absent: "any"),
                           meaning: "age band", fix: "Give [low, high] (inclusive), e.g. [65, 120]."),
            KeyDeclaration("creatinine_clearance_mL_per_min", .numbers(unit: "mL/min", rule: .within(0, 1000), count: 2), .optional(absent: "any"),
                           meaning: "creatinine clearance band", fix: "Give [low, high] (inclusive), e.g. [0, 60]."),
            KeyDeclaration("baseline_drinks_per_day", .numbers(unit: "drinks/day", rule: .within(0, 1000), count: 2), .optional(absent: "any"),
                           meaning: "band of pre-treatment drinks per day", fix: "Give [low, high] (inclusive), e.g. [10, 100]."),
            KeyDeclaration("dsm5_criteria", .numbers(unit: "criteria", rule: .within(0, 11), count: 2), .optional(absent: "any"),
                           meaning: "band of DSM-5 criteria met", fix: "Give [low, high] (inclusive), e.g. [6, 11]."),
            KeyDeclaration("liver_disease", .choiceList(LiverDisease.allCases.map(\.rawValue)), .optional(absent: "any"),
                           meaning: "liver states included", fix: "List liver states, e.g. [compensated, cirrhosis]."),
            KeyDeclaration("psychiatric", .boolean, .optional(absent: "either"), meaning: "with (true) or without (false) psychiatric comorbidity",
                           fix: "Write true or false."),
        ])
}
