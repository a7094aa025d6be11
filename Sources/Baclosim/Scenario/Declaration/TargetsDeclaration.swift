/// The `targets:` list (published results the run is compared with, and `baclosim calibrate`
/// fits to) and the `differences:` list (the paired differences a run reports).
extension BlockDeclaration {
    static let target = BlockDeclaration(
        "target", meaning: "a published result the run should reproduce (met: the simulated mean lies inside `interval`)",
        example: "{name: abstinence_placebo, metric: abstinent, arm: placebo, value: 0.29, interval: [0.17, 0.44], source: ...}",
        exactlyOneOf: [["arm", "difference", "ratio", "odds_ratio"]],
        keys: [
            KeyDeclaration("name", .text, .required, meaning: "unique target name", fix: "Name the target, e.g. name: abstinence_placebo."),
            KeyDeclaration("metric", .text, .required, meaning: "a metric of `summary.csv` (endpoint, metric, `<side effect>_incidence`, withdrawal)",
                           fix: "Name a metric the run reports, e.g. metric: abstinent."),
            KeyDeclaration("arm", .text, .optional(absent: "a comparison below"), meaning: "the arm's mean", fix: "Name an arm, e.g. arm: placebo."),
            KeyDeclaration("difference", .texts(count: 2), .optional(absent: "another quantity"),
                           meaning: "`[a, b]`: the paired difference a − b (needs `a-b` among the run's differences)",
                           fix: "Write difference: [a, b]."),
            KeyDeclaration("ratio", .texts(count: 2), .optional(absent: "another quantity"),
                           meaning: "`[a, b]`: a / b of the arms' means, delta-method interval", fix: "Write ratio: [a, b]."),
            KeyDeclaration("odds_ratio", .texts(count: 2), .optional(absent: "another quantity"),
                           meaning: "`[a, b]`: the odds ratio of a proportion, [a/(1−a)]/[b/(1−b)], delta-method interval on the log odds",
                           fix: "Write odds_ratio: [a, b]."),
            KeyDeclaration("value", .number(unit: "the metric's unit", rule: .any), .required,
                           meaning: "the published value (proportions 0–1)", fix: "Give the published value, e.g. 0.71 for 71%."),
            KeyDeclaration("interval", .numbers(unit: "the metric's unit", rule: .any, count: 2), .required,
                           meaning: "`[low, high]`: the published 95 % interval, or a binomial interval you computed (say so in `source`); must contain `value`",
                           fix: "Give the published 95% interval as [low, high], e.g. [0.56, 0.83]."),
            KeyDeclaration("weight", .number(unit: "", rule: .positive), .defaulted(.number(1)),
                           meaning: "the target's weight in the `baclosim calibrate` objective Σ weight·z²", fix: "Give a positive weight, e.g. 1."),
            KeyDeclaration("source", .text, .required, meaning: "citation with its evidence tag (docs/sources.md)",
                           fix: "Cite the source with its evidence tag, e.g. source: Addolorato 2007 [V]."),
        ])

    static let difference = BlockDeclaration(
        "difference", meaning: "a paired difference a − b reported per subject",
        example: "{arms: [baclofen, placebo], metrics: [pda]}",
        keys: [
            KeyDeclaration("arms", .texts(count: 2), .required, meaning: "the two arms a and b", fix: "Write arms: [a, b] for a − b."),
            KeyDeclaration("metrics", .texts(), .optional(absent: "every metric"), meaning: "the metrics compared", fix: "List metric names."),
        ])
}
