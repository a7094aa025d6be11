import Foundation
import Yams

/// Reading the `calibration:` block (`baclosim calibrate`). Every key path is checked against
/// the scenario's own node tree (includes and `overrides:` applied), as for `sweep:`, so a
/// mistyped path is reported at load time on the line of its `key:`, with a "did you mean".
extension ScenarioNodeReader {
    /// The `calibration:` block, or `nil` (every problem reported).
    ///
    /// - Parameter hasTargets: whether the scenario declares `targets:` (the objective needs them).
    func calibrationDefinition(_ node: Node, at path: ScenarioKeyPath, root: Node, loader: ScenarioLoader, hasTargets: Bool) -> CalibrationDefinition? {
        declared(node, at: path, as: .calibration).flatMap { block in
            calibrationDefinition(block, hasTargets: hasTargets) { numberKey($0, root: root, loader: loader) }
        }
    }

    /// The `calibration:` block (``BlockDeclaration/calibration``) with each parameter's `key:`
    /// resolved by `locate` (which reports a key that leads to no number and returns nil): a
    /// scenario's own tree, or the scenarios of a joint calibration.
    func calibrationDefinition(_ block: DeclaredMapping, hasTargets: Bool,
                               locate: (DeclaredMapping) -> (key: String, base: Double)?) -> CalibrationDefinition? {
        let before = issues.count
        if !hasTargets {
            report(block.path, at: block.node, "has no targets to fit",
                   fix: "Add a targets: block with the published values (and weight:) the parameters are fitted to.")
        }
        guard let items = block.list("parameters") else { return nil }
        if items.isEmpty { report(block.path.appending("parameters"), at: block.value("parameters"), "is empty", fix: "List at least one parameter.") }
        var parameters: [CalibrationDefinition.Parameter] = []
        var seen: [String: Int] = [:]
        for (index, entry) in items.enumerated() {
            let located = locate(entry)
            if let key = located?.key { requireKeyOnce(key, index: index, entry: entry, seen: &seen, role: "fitted", fix: "Fit each value once.") }
            let isLogScale = entry.text("scale") == "log"
            guard let lower = entry.number("lower"), let upper = entry.number("upper") else { continue }
            guard lower < upper else {
                report(entry.path.appending("lower"), at: entry.value("lower"),
                       "lower \(ScenarioIssue.formatNumber(lower)) is not below upper \(ScenarioIssue.formatNumber(upper))",
                       fix: "Write lower < upper, e.g. lower: 0.05, upper: 0.95.")
                continue
            }
            if isLogScale && lower <= 0 {
                report(entry.path.appending("lower"), at: entry.value("lower"),
                       "must be above 0 on the log scale (found \(ScenarioIssue.formatNumber(lower)))",
                       fix: "Give a positive lower bound, e.g. 1e-4, or use scale: linear.")
                continue
            }
            guard let initial = entry.number("initial") ?? located?.base, initial.isFinite else { continue }
            guard lower < initial, initial < upper else {
                report(entry.path.appending(entry.has("initial") ? "initial" : "key"), at: entry.value("initial") ?? entry.value("key"),
                       "start value \(ScenarioIssue.formatNumber(initial)) is not strictly between lower \(ScenarioIssue.formatNumber(lower)) and upper \(ScenarioIssue.formatNumber(upper))",
                       fix: "Give initial: inside the bounds, or widen them.")
                continue
            }
            if let key = located?.key {
                parameters.append(.init(keyPath: key, initial: initial, lower: lower, upper: upper, isLogScale: isLogScale))
            }
        }
        guard issues.count == before else { return nil }
        return CalibrationDefinition(parameters: parameters,
                                     subjects: block.integer("subjects") ?? CalibrationDefinition.defaultSubjects,
                                     maxIterations: block.integer("max_iterations") ?? CalibrationDefinition.defaultMaxIterations,
                                     sizeTolerance: block.number("size_tolerance") ?? CalibrationDefinition.defaultSizeTolerance)
    }
}
