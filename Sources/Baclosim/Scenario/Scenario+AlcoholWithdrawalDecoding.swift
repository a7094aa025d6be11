import Yams

/// Reading the `alcohol_withdrawal:` block: seizures and delirium tremens at treatment start
/// and their reduction by benzodiazepine cover (arms with `benzodiazepine_cover: true`).
extension ScenarioNodeReader {
    static let alcoholWithdrawalKeys = ["seizures", "delirium_tremens", "description", "source"]
    static let alcoholWithdrawalComplicationKeys = ["untreated_risk", "benzodiazepine", "window_start_day", "window_days",
                                                    "serious", "cost_per_event", "description", "source"]

    /// `{seizures: {...}, delirium_tremens: {...}}`; a complication left out takes its
    /// ``AlcoholWithdrawalModel/standard`` value [D] (Mayo-Smith 1997, docs/sources.md#mayosmith1997).
    func alcoholWithdrawal(from node: Node, at path: ScenarioKeyPath) -> AlcoholWithdrawalModel? {
        guard let block = mapping(node, at: path, fix: "Give {seizures: {untreated_risk: 0.08, benzodiazepine: {risk_difference: 0.077}, window_start_day: 0, window_days: 2}, delirium_tremens: {...}}.") else { return nil }
        let before = issues.count
        block.checkKeys(allowed: Self.alcoholWithdrawalKeys, fix: "alcohol_withdrawal has seizures and delirium_tremens.")
        for key in ["description", "source"] where block.has(key) { _ = block.text(key, fix: "Write text.") }
        let standard = AlcoholWithdrawalModel.standard
        let seizure = block.mapping("seizures", required: false, fix: "Give {untreated_risk: 0.08, benzodiazepine: {risk_difference: 0.077}, window_start_day: 0, window_days: 2, serious: true}.")
            .map { complication($0, example: standard.seizure) } ?? standard.seizure
        let delirium = block.mapping("delirium_tremens", required: false, fix: "Give {untreated_risk: 0.05, benzodiazepine: {risk_difference: 0.049}, window_start_day: 1, window_days: 3, serious: true}.")
            .map { complication($0, example: standard.delirium) } ?? standard.delirium
        guard let seizure, let delirium, issues.count == before else { return nil }
        let model = AlcoholWithdrawalModel(seizure: seizure, delirium: delirium)
        for problem in model.validationProblems() { report(path.appending(problem.keyPath), at: node, problem.problem, fix: problem.fix) }
        return issues.count == before ? model : nil
    }

    /// One complication; `example` supplies the numbers quoted in fixes.
    private func complication(_ c: ScenarioMapping, example: AlcoholWithdrawalComplication) -> AlcoholWithdrawalComplication? {
        c.checkKeys(allowed: Self.alcoholWithdrawalComplicationKeys,
                    fix: "A complication has untreated_risk, benzodiazepine, window_start_day, window_days, serious and cost_per_event.")
        for key in ["description", "source"] where c.has(key) { _ = c.text(key, fix: "Write text.") }
        let risk = c.number("untreated_risk", rule: .unitInterval,
                            fix: "Give the cumulative risk over the window without cover, in [0, 1), e.g. \(example.untreatedEpisodeRisk).")
        var effect: AlcoholWithdrawalComplication.BenzodiazepineEffect? = .relativeRisk(1)
        if let b = c.mapping("benzodiazepine", required: false, fix: "Give {risk_difference: 0.077} or {relative_risk: 0.16}.") {
            b.checkKeys(allowed: ["risk_difference", "relative_risk"], fix: "benzodiazepine has risk_difference or relative_risk.")
            switch (b.has("risk_difference"), b.has("relative_risk")) {
            case (true, false):
                effect = b.number("risk_difference", rule: .unitInterval, fix: "Give the absolute risk reduction, e.g. 0.077 (Mayo-Smith 1997).")
                    .map { .riskDifference($0) }
            case (false, true):
                effect = b.number("relative_risk", rule: .nonNegative, fix: "Give the relative risk with cover, e.g. 0.16 (Amato 2010).")
                    .map { .relativeRisk($0) }
            default:
                report(b.path, at: c.value("benzodiazepine"), "needs exactly one of risk_difference and relative_risk",
                       fix: "Give {risk_difference: 0.077} or {relative_risk: 0.16}.")
                effect = nil
            }
        }
        let start = c.integer("window_start_day", required: false, minimum: 0,
                              fix: "Give the first day at risk in days after the last drink, e.g. \(example.windowStartDay).") ?? example.windowStartDay
        let days = c.integer("window_days", required: false, minimum: 1,
                             fix: "Give the number of days at risk, e.g. \(example.windowDays).") ?? example.windowDays
        let serious = c.boolean("serious", required: false, fix: "Write true or false.") ?? true
        let cost = c.number("cost_per_event", required: false, rule: .nonNegative, fix: "Give a cost, e.g. 2500.") ?? 0
        guard let risk, let effect else { return nil }
        return AlcoholWithdrawalComplication(untreatedEpisodeRisk: risk, benzodiazepineEffect: effect, windowStartDay: start,
                                             windowDays: days, isSerious: serious, costPerEvent: cost)
    }
}
