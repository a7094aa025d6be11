/// An item of the `endpoints:` list: what is computed per subject, over which days, under which
/// missing-data convention (docs/model.md, endpoints). The kinds are described in
/// `Scenarios/README.md` below the generated table.
extension BlockDeclaration {
    /// The endpoint kinds; the illicit-drug aliases last.
    static let endpointKinds = ["continuous_abstinence", "abstinent_days", "proportion_days_abstinent",
                                "proportion_heavy_drinking_days", "time_to_first_drink", "time_to_relapse",
                                "drinking_risk_level", "low_risk_drinking", "mean_grams_per_day", "total_drinks",
                                "dropout", "time_to_dropout", "retention", "urine_negative_share",
                                "proportion_use_free_days", "time_to_first_use", "change_in_drinks_per_day",
                                "change_in_grams_per_day", "percent_change_in_drinks_per_day", "change_in_craving",
                                "change_in_percent_heavy_drinking_days", "drinks_per_drinking_day"]

    /// Keys that only one kind reads, and that kind (given to another, an error: it would go unused).
    static let endpointKeysOfOneKind = ["relapse": "time_to_relapse", "test_every_days": "urine_negative_share",
                                        "detection_days": "urine_negative_share"]

    /// The missing-data conventions by their scenario names.
    static let missingDataConventions: [(name: String, convention: MissingDataConvention)] = [
        ("complete", .complete), ("observed_only", .observedOnly), ("dropout_is_failure", .dropoutIsFailure),
        ("last_observation_carried_forward", .lastObservationCarriedForward), ("completers", .completers),
    ]

    static let endpoint = BlockDeclaration(
        "endpoint", meaning: "a per-subject trial endpoint, summarised per arm (mean, SE, 95 % CI)",
        example: "{name: pda, kind: proportion_days_abstinent}",
        atMostOneOf: [["window_days", "through_day", "final_days"]],
        keys: [
            KeyDeclaration("name", .identifier, .required, meaning: "metric name (unique among endpoints, metrics and `<side effect>_incidence`)",
                           fix: "Name the endpoint (snake_case), e.g. pda."),
            KeyDeclaration("kind", .choice(endpointKinds), .required, meaning: "what is computed per subject (the kinds below)",
                           fix: "Use a kind listed in Scenarios/README.md, e.g. kind: proportion_days_abstinent."),
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the endpoint in words", fix: "Describe the endpoint."),
            KeyDeclaration("window_days", .numbers(unit: "study days", rule: .wholeWithin(0, ScenarioNodeReader.maximumHorizonDays - 1), count: 2),
                           .optional(absent: "the whole horizon"), meaning: "`[first, last]` whole days, inclusive, first ≤ last, within the horizon",
                           fix: "Give [first, last] days (inclusive), e.g. [0, 83]."),
            KeyDeclaration("through_day", .integer(unit: "study day", minimum: 1, maximum: ScenarioNodeReader.maximumHorizonDays),
                           .optional(absent: "the whole horizon"), meaning: "X: days 0 … X − 1", fix: "Give X for days 0 … X − 1, e.g. 28."),
            KeyDeclaration("final_days", .integer(unit: "days", minimum: 1, maximum: ScenarioNodeReader.maximumHorizonDays),
                           .optional(absent: "the whole horizon"), meaning: "N: the last N days of the horizon", fix: "Give the number of final days, e.g. 28."),
            KeyDeclaration("missing", .choice(missingDataConventions.map(\.name)), .defaulted(.text("complete")),
                           meaning: "`complete`: the simulated truth, dropouts included; `observed_only`: observed days only (time to event censored at dropout); `dropout_is_failure`: each unobserved day a heavy drinking day at baseline amount; `last_observation_carried_forward`: each unobserved day repeats the last observed one (before any, as `dropout_is_failure`; not for urine tests); `completers`: subjects not observed through the window's last day are left out. A course event with `endpoints: as_dropout` ends observation like a dropout",
                           fix: "Use complete, observed_only, dropout_is_failure, last_observation_carried_forward or completers."),
            KeyDeclaration("heavy_day_drinks", .block(heavyDayDrinks), .optional(absent: "the drinking model's (NIAAA 5/4 by default)"),
                           meaning: "what a heavy day is for this endpoint", fix: "Give \(heavyDayDrinks.example)."),
            KeyDeclaration("relapse", .block(relapse), .optional(absent: "required by `time_to_relapse`"),
                           meaning: "`time_to_relapse` only: the relapse criterion (any of those given)",
                           fix: "Give \(relapse.example)."),
            KeyDeclaration("test_every_days", .integer(unit: "days", minimum: 1, maximum: ScenarioNodeReader.maximumHorizonDays),
                           .optional(absent: "required by `urine_negative_share`"),
                           meaning: "`urine_negative_share` only: a urine test on the last day of every n days of the window (7 = weekly)",
                           fix: "Give days between urine tests, e.g. 7 (weekly)."),
            KeyDeclaration("detection_days", .integer(unit: "days", minimum: 1, maximum: ScenarioNodeReader.maximumHorizonDays),
                           .optional(absent: "required by `urine_negative_share`"),
                           meaning: "`urine_negative_share` only: days a use day stays detectable, the use day included",
                           fix: "Give days a use stays detectable (use day included), e.g. 3."),
            KeyDeclaration("report_sd", .boolean, .defaulted(.boolean(false)),
                           meaning: "`true`: `summary.csv` also gives `<name>_sd`, the SD across the arm's subjects (as trials report mean ± SD; not for shares of subjects or times to event)",
                           fix: "Write true for a <name>_sd row (the SD across subjects), else false."),
            KeyDeclaration("test", .choice(TrialTestKind.allCases.map(\.rawValue)), .optional(absent: "chi_square, welch_t or log_rank by kind"),
                           meaning: "the test of `baclosim trial`: `chi_square` or `fisher` (a binary endpoint), `welch_t` or `wilcoxon` (a mean), `log_rank` (time to event)",
                           fix: "Use chi_square or fisher (a binary endpoint), welch_t or wilcoxon (a mean), log_rank (time to event)."),
            KeyDeclaration("population", .block(reachedDosePopulation), .optional(absent: "every subject (intention to treat)"),
                           meaning: "the analysis population", fix: "Give \(reachedDosePopulation.example)."),
        ])

    static let heavyDayDrinks = BlockDeclaration(
        "heavy_day_drinks", meaning: "a heavy drinking day has at least this many standard drinks",
        example: "{men: 5, women: 4}",
        keys: [
            KeyDeclaration("men", .integer(unit: "drinks", minimum: 1, maximum: 1000), .required, meaning: "for men", fix: "Give drinks for men, e.g. 5."),
            KeyDeclaration("women", .integer(unit: "drinks", minimum: 1, maximum: 1000), .required, meaning: "for women", fix: "Give drinks for women, e.g. 4."),
        ])

    static let relapse = BlockDeclaration(
        "relapse", meaning: "a relapse criterion: met on the first day any criterion given is met",
        example: "{single_day_drinks_above: 4, weekly_drinks: {at_least: 14, consecutive_weeks: 4}}",
        keys: [
            KeyDeclaration("single_day_drinks_above", .integer(unit: "drinks", minimum: 0, maximum: 1000), .optional(absent: "not a criterion"),
                           meaning: "a day with more than this many drinks", fix: "Give a drink count, e.g. 4."),
            KeyDeclaration("weekly_drinks", .block(weeklyDrinks), .optional(absent: "not a criterion"),
                           meaning: "`consecutive_weeks` weeks in a row of at least `at_least` drinks", fix: "Give \(weeklyDrinks.example)."),
            KeyDeclaration("heavy_days", .block(heavyDays), .optional(absent: "not a criterion"),
                           meaning: "`count` heavy days within `window_days` days", fix: "Give \(heavyDays.example)."),
        ])

    static let weeklyDrinks = BlockDeclaration(
        "weekly_drinks", meaning: "drinks per study week, for several weeks in a row", example: "{at_least: 14, consecutive_weeks: 4}",
        keys: [
            KeyDeclaration("at_least", .integer(unit: "drinks/week", minimum: 1, maximum: 7000), .required,
                           meaning: "drinks in a week", fix: "Give drinks per week, e.g. 14."),
            KeyDeclaration("consecutive_weeks", .integer(unit: "weeks", minimum: 1, maximum: ScenarioNodeReader.maximumHorizonDays / 7), .required,
                           meaning: "weeks in a row", fix: "Give weeks, e.g. 4."),
        ])

    static let heavyDays = BlockDeclaration(
        "heavy_days", meaning: "heavy drinking days within a moving window", example: "{count: 1, window_days: 1}",
        keys: [
            KeyDeclaration("count", .integer(unit: "days", minimum: 1, maximum: ScenarioNodeReader.maximumHorizonDays), .required,
                           meaning: "heavy days", fix: "Give heavy days, e.g. 1."),
            KeyDeclaration("window_days", .integer(unit: "days", minimum: 1, maximum: ScenarioNodeReader.maximumHorizonDays), .required,
                           meaning: "the window they fall in", fix: "Give a window, e.g. 7."),
        ])

    static let reachedDosePopulation = BlockDeclaration(
        "population", meaning: "the analysis population of subjects prescribed a dose or more on some day (who entered a high-dose phase); the others are left out of the endpoint and its Kaplan–Meier curve",
        example: "{reached_dose_mg_per_day: 180}",
        keys: [
            KeyDeclaration("reached_dose_mg_per_day", .number(unit: "mg/day", rule: .positive), .required,
                           meaning: "the daily dose a subject must have been prescribed on some day",
                           fix: "Give the daily dose (mg/day) a subject must have been prescribed on some day, e.g. 180."),
        ])
}
