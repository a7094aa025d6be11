import Yams

/// Reading the `alcohol_withdrawal:` block by its declaration (``BlockDeclaration/alcoholWithdrawal``).
extension ScenarioNodeReader {
    /// `{seizures: {...}, delirium_tremens: {...}}`; what is left out takes its
    /// ``AlcoholWithdrawalModel/standard`` value [D] (Mayo-Smith 1997, docs/sources.md#mayosmith1997).
    func alcoholWithdrawal(from node: Node, at path: ScenarioKeyPath) -> AlcoholWithdrawalModel? {
        let before = issues.count
        guard let block = declared(node, at: path, as: .alcoholWithdrawal) else { return nil }
        let standard = AlcoholWithdrawalModel.standard
        let seizure = block.block("seizures").map(complication) ?? standard.seizure
        let delirium = block.block("delirium_tremens").map(complication) ?? standard.delirium
        guard let seizure, let delirium, issues.count == before else { return nil }
        let model = AlcoholWithdrawalModel(seizure: seizure, delirium: delirium)
        for problem in model.validationProblems() { report(path.appending(problem.keyPath), at: node, problem.problem, fix: problem.fix) }
        return issues.count == before ? model : nil
    }

    /// One complication (``BlockDeclaration/complication(_:standard:)``).
    private func complication(_ c: DeclaredMapping) -> AlcoholWithdrawalComplication? {
        var effect: AlcoholWithdrawalComplication.BenzodiazepineEffect? = .relativeRisk(1)
        if let b = c.block("benzodiazepine") {
            effect = b.number("risk_difference").map { .riskDifference($0) } ?? b.number("relative_risk").map { .relativeRisk($0) }
        }
        guard let risk = c.number("untreated_risk"), let effect, let start = c.integer("window_start_day"),
              let days = c.integer("window_days"), let serious = c.boolean("serious"), let cost = c.number("cost_per_event") else { return nil }
        return AlcoholWithdrawalComplication(untreatedEpisodeRisk: risk, benzodiazepineEffect: effect, windowStartDay: start,
                                             windowDays: days, isSerious: serious, costPerEvent: cost)
    }
}
