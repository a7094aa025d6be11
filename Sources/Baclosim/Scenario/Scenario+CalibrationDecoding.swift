import Foundation
import Yams

/// Reading the `calibration:` block (`baclosim calibrate`). Every key path is checked against
/// the scenario's own node tree (includes and `overrides:` applied), as for `sweep:`, so a
/// mistyped path is reported at load time on the line of its `key:`, with a "did you mean".
extension ScenarioNodeReader {
    static let calibrationKeys = ["subjects", "max_iterations", "size_tolerance", "parameters", "description"]
    static let calibrationParameterKeys = ["key", "initial", "lower", "upper", "scale", "source"]

    /// The `calibration:` block, or `nil` (every problem reported).
    ///
    /// - Parameter hasTargets: whether the scenario declares `targets:` (the objective needs them).
    func calibrationDefinition(_ block: ScenarioMapping, root: Node, loader: ScenarioLoader, hasTargets: Bool) -> CalibrationDefinition? {
        calibrationDefinition(block, hasTargets: hasTargets) { numberKey($0, root: root, loader: loader) }
    }

    /// The `calibration:` block with each parameter's `key:` resolved by `locate` (which reports
    /// a key that leads to no number and returns nil): a scenario's own tree, or the scenarios
    /// of a joint calibration.
    func calibrationDefinition(_ block: ScenarioMapping, hasTargets: Bool,
                               locate: (ScenarioMapping) -> (key: String, base: Double)?) -> CalibrationDefinition? {
        let before = issues.count
        block.checkKeys(allowed: Self.calibrationKeys, fix: "calibration has parameters, subjects, max_iterations, size_tolerance and description.")
        if block.has("description") { _ = block.text("description", fix: "Write text.") }
        if !hasTargets {
            report(block.path, at: block.node, "has no targets to fit",
                   fix: "Add a targets: block with the published values (and weight:) the parameters are fitted to.")
        }
        let subjects = block.integer("subjects", required: false, minimum: 2,
                                     fix: "Give the subjects per evaluation, e.g. subjects: 2000.") ?? CalibrationDefinition.defaultSubjects
        let iterations = block.integer("max_iterations", required: false, minimum: 1,
                                       fix: "Give the Nelder–Mead iteration limit, e.g. max_iterations: 100.") ?? CalibrationDefinition.defaultMaxIterations
        let tolerance = block.number("size_tolerance", required: false, rule: .positive,
                                     fix: "Give the simplex size at convergence (transformed units), e.g. 0.01.") ?? CalibrationDefinition.defaultSizeTolerance
        guard let items = block.sequence("parameters", fix: "List the fitted values, e.g. [{key: drugs.baclofen.effect.emax, initial: 0.5, lower: 0.05, upper: 0.95}].") else { return nil }
        if items.isEmpty { report(block.path.appending("parameters"), at: block.value("parameters"), "is empty", fix: "List at least one parameter.") }
        var parameters: [CalibrationDefinition.Parameter] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let entry = mapping(item.node, at: item.path, fix: "Give {key: a.b.c, initial: 0.5, lower: 0.05, upper: 0.95}.") else { continue }
            entry.checkKeys(allowed: Self.calibrationParameterKeys, fix: "A calibration parameter has key, initial, lower, upper, scale and source.")
            if entry.has("source") { _ = entry.text("source", fix: "Say why these bounds, with an evidence tag (docs/sources.md) or ASSUMPTION.") }
            let located = locate(entry)
            if let key = located?.key { requireKeyOnce(key, index: index, entry: entry, seen: &seen, role: "fitted", fix: "Fit each value once.") }
            let lower = entry.number("lower", fix: "Give the lower bound, e.g. lower: 0.05.")
            let upper = entry.number("upper", fix: "Give the upper bound, e.g. upper: 0.95.")
            let scale = entry.choice("scale", required: false, among: ["linear", "log"], fix: "Use scale: linear or log.") ?? "linear"
            let initial = entry.number("initial", required: false, fix: "Give the start value, between lower and upper.") ?? located?.base
            guard let lower, let upper, lower.isFinite, upper.isFinite else { continue }
            guard lower < upper else {
                report(item.path.appending("lower"), at: entry.value("lower"),
                       "lower \(ScenarioIssue.formatNumber(lower)) is not below upper \(ScenarioIssue.formatNumber(upper))",
                       fix: "Write lower < upper, e.g. lower: 0.05, upper: 0.95.")
                continue
            }
            if scale == "log" && lower <= 0 {
                report(item.path.appending("lower"), at: entry.value("lower"),
                       "must be above 0 on the log scale (found \(ScenarioIssue.formatNumber(lower)))",
                       fix: "Give a positive lower bound, e.g. 1e-4, or use scale: linear.")
                continue
            }
            guard let initial, initial.isFinite else { continue }
            guard lower < initial, initial < upper else {
                report(item.path.appending(entry.has("initial") ? "initial" : "key"), at: entry.value("initial") ?? entry.value("key"),
                       "start value \(ScenarioIssue.formatNumber(initial)) is not strictly between lower \(ScenarioIssue.formatNumber(lower)) and upper \(ScenarioIssue.formatNumber(upper))",
                       fix: "Give initial: inside the bounds, or widen them.")
                continue
            }
            if let key = located?.key {
                parameters.append(.init(keyPath: key, initial: initial, lower: lower, upper: upper, isLogScale: scale == "log"))
            }
        }
        guard issues.count == before else { return nil }
        return CalibrationDefinition(parameters: parameters, subjects: subjects, maxIterations: iterations, sizeTolerance: tolerance)
    }
}
