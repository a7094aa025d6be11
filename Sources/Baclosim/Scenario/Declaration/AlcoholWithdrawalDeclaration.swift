/// The `alcohol_withdrawal:` block: seizures and delirium tremens over the first days of
/// abstinence and their reduction by benzodiazepine cover (docs/sources.md#mayosmith1997,
/// #amato2010). A complication left out takes the standard values (``AlcoholWithdrawalModel/standard``,
/// [D] from Mayo-Smith 1997); in one that is given, every key but `untreated_risk` defaults to them.
extension BlockDeclaration {
    static let alcoholWithdrawal = BlockDeclaration(
        "alcohol_withdrawal", meaning: "alcohol-withdrawal complications at treatment start",
        example: "{seizures: {untreated_risk: 0.08, benzodiazepine: {risk_difference: 0.077}, window_start_day: 0, window_days: 2}}",
        keys: [
            KeyDeclaration("seizures", .block(complication("seizures", standard: AlcoholWithdrawalModel.standard.seizure)),
                           .optional(absent: "the standard values"), meaning: "alcohol-withdrawal seizures",
                           fix: "Give {untreated_risk: 0.08, benzodiazepine: {risk_difference: 0.077}, window_start_day: 0, window_days: 2, serious: true}."),
            KeyDeclaration("delirium_tremens", .block(complication("delirium_tremens", standard: AlcoholWithdrawalModel.standard.delirium)),
                           .optional(absent: "the standard values"), meaning: "delirium tremens",
                           fix: "Give {untreated_risk: 0.05, benzodiazepine: {risk_difference: 0.049}, window_start_day: 1, window_days: 3, serious: true}."),
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "what the block is based on", fix: "Write text."),
            KeyDeclaration("source", .text, .optional(absent: ""), meaning: "where the numbers come from", fix: "Write text."),
        ])

    /// One complication, with `standard`'s values as defaults.
    static func complication(_ name: String, standard: AlcoholWithdrawalComplication) -> BlockDeclaration {
        let effect: (String, Double) = switch standard.benzodiazepineEffect {
        case .riskDifference(let d): ("risk_difference", d)
        case .relativeRisk(let r): ("relative_risk", r)
        }
        return BlockDeclaration(
            name, meaning: "an episode risk over a window of abstinence days and its change under benzodiazepine cover",
            example: "{untreated_risk: \(ScenarioIssue.formatNumber(standard.untreatedEpisodeRisk)), window_start_day: \(standard.windowStartDay), window_days: \(standard.windowDays)}",
            keys: [
                KeyDeclaration("untreated_risk", .number(unit: "probability", rule: .unitInterval), .required,
                               meaning: "cumulative incidence over the window without cover",
                               fix: "Give the cumulative risk over the window without cover, in [0, 1), e.g. \(ScenarioIssue.formatNumber(standard.untreatedEpisodeRisk))."),
                KeyDeclaration("benzodiazepine", .block(benzodiazepineEffect), .optional(absent: "no effect (relative risk 1)"),
                               meaning: "effect of cover in arms with `benzodiazepine_cover: true`; the standard value is `{\(effect.0): \(ScenarioIssue.formatNumber(effect.1))}`",
                               fix: "Give {risk_difference: 0.077} or {relative_risk: 0.16}."),
                KeyDeclaration("window_start_day", .integer(unit: "days", minimum: 0, maximum: ScenarioNodeReader.maximumHorizonDays),
                               .defaulted(.integer(standard.windowStartDay)),
                               meaning: "first day at risk, in abstinence days from treatment start (an episode ends at the first drinking day)",
                               fix: "Give the first day at risk in days after the last drink, e.g. \(standard.windowStartDay)."),
                KeyDeclaration("window_days", .integer(unit: "days", minimum: 1, maximum: ScenarioNodeReader.maximumHorizonDays),
                               .defaulted(.integer(standard.windowDays)), meaning: "days at risk",
                               fix: "Give the number of days at risk, e.g. \(standard.windowDays)."),
                KeyDeclaration("serious", .boolean, .defaulted(.boolean(standard.isSerious)), meaning: "counts as a serious event",
                               fix: "Write true or false."),
                KeyDeclaration("cost_per_event", .number(unit: "currency", rule: .within(0, 1e9)), .defaulted(.number(0)),
                               meaning: "charged on the day it occurs, with the serious-event costs", fix: "Give a cost, e.g. 2500."),
                KeyDeclaration("description", .text, .optional(absent: ""), meaning: "what the numbers describe", fix: "Write text."),
                KeyDeclaration("source", .text, .optional(absent: ""), meaning: "where the numbers come from", fix: "Write text."),
            ])
    }

    static let benzodiazepineEffect = BlockDeclaration(
        "benzodiazepine", meaning: "how benzodiazepine cover changes the episode risk p",
        example: "{risk_difference: 0.077}", exactlyOneOf: [["risk_difference", "relative_risk"]],
        keys: [
            KeyDeclaration("risk_difference", .number(unit: "probability", rule: .unitInterval), .optional(absent: "—"),
                           meaning: "p with cover = max(0, p − this), as Mayo-Smith 1997 reports it",
                           fix: "Give the absolute risk reduction, e.g. 0.077 (Mayo-Smith 1997)."),
            KeyDeclaration("relative_risk", .number(unit: "", rule: .within(0, 1e6)), .optional(absent: "—"),
                           meaning: "p with cover = p × this", fix: "Give the relative risk with cover, e.g. 0.16 (Amato 2010)."),
        ])
}
