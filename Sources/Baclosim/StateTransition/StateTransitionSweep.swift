import Dispatch
import Foundation
import Yams

/// The `sweep:` block of a state-transition model: the numbers `baclosim sweep` varies (a grid,
/// or one way at a time for a tornado), each point evaluated as a cohort.
public struct StateTransitionSweepDefinition: Sendable {
    /// The points, as for a scenario's sweep (``SweepDefinition``; keys are the file's).
    public let definition: SweepDefinition
    /// Per varied key: the other key paths that take its values.
    let alsoKeys: [String: [String]]
    /// The file's text and name, into which a point is written when it cannot be bound in place.
    let document: String
    let file: String

    /// A point's values as (key path, value) replacements: each varied key, then its `also_keys`.
    func replacements(for point: SweepPoint) -> [(String, Double)] {
        definition.overrides(for: point).flatMap { key, value in [(key, value)] + (alsoKeys[key] ?? []).map { ($0, value) } }
    }
}

/// Deterministic sensitivity analysis of a state-transition model: every point of its `sweep:`
/// block evaluated as a cohort (``CohortTrace``), the point's values written into the loaded model
/// in place where they bind (``StateTransitionParameterBinding``) and otherwise into the file's
/// text, read again. The results are ``OutcomeRow``s per point: each strategy's cost, QALYs and
/// life-years, and for each strategy against the first its ICER, cost and effect differences,
/// so one-way sweeps give the same tornado table and figure as a scenario's.
public enum StateTransitionSweep {
    /// A point whose values make the model invalid.
    public struct InvalidPoint: Error, CustomStringConvertible {
        public let point: Int
        public let issues: [ScenarioIssue]
        public var description: String {
            "point \(point) gives an invalid model: " + issues.map { "\($0.keyPath): \($0.problem)" }.joined(separator: "; ")
                + ". Keep the sweep's values within what the model allows (probabilities in a row summing to at most 1)."
        }
    }

    public struct Result: Sendable {
        public let sweep: StateTransitionSweepDefinition
        public let points: [SweepPoint]
        /// Per point, per strategy: the cohort outcomes.
        public let outcomes: [[StateTransitionOutcome]]
        /// Per point (by index): the outcome rows (``rows(_:model:)``).
        public let rows: [Int: [OutcomeRow]]
        /// Whether points were written into the loaded model in place.
        public let writtenInPlace: Bool
    }

    /// Evaluates every point of `model`'s sweep on `threads`.
    public static func run(model: StateTransitionModel, threads: Int) throws -> Result {
        guard let sweep = model.sweep else {
            throw InvalidPoint(point: 0, issues: [ScenarioIssue(keyPath: "sweep", problem: "missing", fix: "Add a sweep: block.")])
        }
        let points = sweep.definition.points
        // Every key a point can write (a one-way point writes only its own parameter's keys).
        let allKeys = sweep.definition.parameters.flatMap { [$0.keyPath] + (sweep.alsoKeys[$0.keyPath] ?? []) }
        let bindings = StateTransitionPSA.bindings(keys: allKeys, model: model)
        let bindingByKey = bindings.map { Dictionary(uniqueKeysWithValues: zip(allKeys, $0)) }
        let workers = max(1, min(threads, points.count))
        nonisolated(unsafe) let outcomes = UnsafeMutableBufferPointer<[StateTransitionOutcome]>.allocate(capacity: points.count)
        outcomes.initialize(repeating: [])
        defer {
            outcomes.deinitialize()
            outcomes.deallocate()
        }
        let lock = NSLock()
        nonisolated(unsafe) var firstError: (point: Int, error: any Error)?
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var p = worker
            while p < points.count {
                let replacements = sweep.replacements(for: points[p])
                do {
                    let pointBindings = bindingByKey.map { byKey in replacements.map { byKey[$0.0]! } }
                    if let bound = pointBindings.flatMap({ StateTransitionPSA.bind(replacements, with: $0, into: model) }),
                       let evaluated = try? CohortTrace.outcomes(of: bound) {
                        outcomes[p] = evaluated
                    } else {
                        do {
                            let reread = try StateTransitionPSA.reread(document: sweep.document, file: sweep.file, replacements: replacements, draw: p)
                            outcomes[p] = try CohortTrace.outcomes(of: reread)
                        } catch let error as StateTransitionPSA.InvalidDraw {
                            throw InvalidPoint(point: p, issues: error.issues)
                        }
                    }
                } catch {
                    lock.lock()
                    if firstError == nil || p < firstError!.point { firstError = (p, error) }
                    lock.unlock()
                    return
                }
                p += workers
            }
        }
        if let firstError { throw firstError.error }
        let all = Array(outcomes)
        var rows: [Int: [OutcomeRow]] = [:]
        for (p, point) in points.enumerated() { rows[point.index] = Self.rows(all[p], model: model) }
        return Result(sweep: sweep, points: points, outcomes: all, rows: rows, writtenInPlace: bindings != nil)
    }

    /// One point's rows: per strategy its cost, QALYs, life-years and undiscounted life-years;
    /// per later strategy against the first (`S-R`), its ICER (cost per unit of the model's
    /// effect; none when the effects are equal), the cost difference and the effect difference.
    static func rows(_ outcomes: [StateTransitionOutcome], model: StateTransitionModel) -> [OutcomeRow] {
        var rows: [OutcomeRow] = []
        for o in outcomes {
            rows += [OutcomeRow(arm: o.strategy, metric: "cost", mean: o.cost, se: nil),
                     OutcomeRow(arm: o.strategy, metric: "qalys", mean: o.qalys, se: nil),
                     OutcomeRow(arm: o.strategy, metric: "life_years", mean: o.lifeYears, se: nil),
                     OutcomeRow(arm: o.strategy, metric: "life_years_undiscounted", mean: o.lifeYearsUndiscounted, se: nil)]
        }
        guard let reference = outcomes.first else { return rows }
        let effect = model.effectMeasure.rawValue
        for o in outcomes.dropFirst() {
            let cost = o.cost - reference.cost
            let gain = o.effect(model.effectMeasure) - reference.effect(model.effectMeasure)
            let name = "\(o.strategy)-\(reference.strategy)"
            rows += [OutcomeRow(arm: name, metric: "icer", kind: .difference, mean: gain != 0 ? cost / gain : nil, se: nil),
                     OutcomeRow(arm: name, metric: "cost", kind: .difference, mean: cost, se: nil),
                     OutcomeRow(arm: name, metric: effect, kind: .difference, mean: gain, se: nil)]
        }
        return rows
    }
}

extension ScenarioNodeReader {
    /// The `sweep:` block of a state-transition model (``BlockDeclaration/stateTransitionSweep``),
    /// or nil with its problems reported.
    func stateTransitionSweep(_ block: DeclaredMapping, root: Node, text: String, states: [StateTransitionModel.State]) -> StateTransitionSweepDefinition? {
        let before = issues.count
        let kind = block.text("kind").flatMap(SweepDefinition.Kind.init(rawValue:)) ?? .grid
        let items = block.list("parameters") ?? []
        if items.isEmpty { report(block.path.appending("parameters"), at: block.value("parameters"), "is empty", fix: "List at least one parameter.") }
        var seen: Set<String> = []
        var parameters: [SweepDefinition.Parameter] = []
        var alsoKeys: [String: [String]] = [:]
        for entry in items {
            guard let key = entry.text("key"), let text = numberKey(key, at: (entry.path.appending("key"), entry.value("key")), root: root,
                                                                 states: states, role: "varied", seen: &seen),
                  let node = StateTransitionPSADefinition.number(at: ScenarioKeyPath(parsing: text), in: root),
                  let base = node.scalar.flatMap({ Double($0.string.trimmingCharacters(in: .whitespaces)) }) else { continue }
            var others: [String] = []
            for (position, other) in (entry.texts("also_keys") ?? []).enumerated() {
                let at = entry.item("also_keys", position)
                if let otherText = numberKey(other, at: (at.path, at.node), root: root, states: states, role: "varied", seen: &seen) { others.append(otherText) }
            }
            if !others.isEmpty { alsoKeys[text] = others }
            if let values = sweepValues(entry, base: base) { parameters.append(.init(keyPath: text, baseValue: base, values: values)) }
        }
        guard issues.count == before, !parameters.isEmpty else { return nil }
        let definition = SweepDefinition(kind: kind, parameters: parameters)
        guard reportTooManyPoints(definition, block: block) else { return nil }
        return StateTransitionSweepDefinition(definition: definition, alsoKeys: alsoKeys, document: text, file: file)
    }
}
