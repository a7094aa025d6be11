import Dispatch
import Foundation
import Yams

/// The probabilistic sensitivity analysis of a state-transition model: for each draw of the
/// `psa:` block's parameters (``PSAParameterSet``: draw d from its own Philox stream, so a draw
/// does not depend on the others or on the threads), the file with the drawn values is read
/// again and evaluated as a cohort (``CohortTrace``: the exact expectation given the draw, with
/// no inner-loop noise). The per-draw costs and effects feed ``PSASummary`` (acceptability,
/// EVPI, the CE plane).
public enum StateTransitionPSA {
    public struct Result: Sendable {
        public let draws: Int
        public let seed: UInt64
        /// Names of the drawn values (key paths in the file).
        public let valueNames: [String]
        /// Per draw: the drawn values.
        public let values: [[Double]]
        /// Per draw, per strategy: the outcomes.
        public let outcomes: [[StateTransitionOutcome]]
        /// How each draw was evaluated.
        public let evaluation: StateTransitionPSADefinition.Evaluation
        /// Whether draws were written into the loaded model in place (else each was read again
        /// from the file's text).
        public let writtenInPlace: Bool
    }

    /// A draw whose values make the model invalid (a probability above 1, rows summing past 1).
    public struct InvalidDraw: Error, CustomStringConvertible {
        public let draw: Int
        public let issues: [ScenarioIssue]
        public var description: String {
            "draw \(draw) gives an invalid model: " + issues.map { "\($0.keyPath): \($0.problem)" }.joined(separator: "; ")
                + ". Narrow the distributions of the values involved (e.g. a beta for a probability)."
        }
    }

    /// Runs `draws` draws (default: the block's) with `seed` (default: the block's) on `threads`;
    /// `subjects` overrides the subjects per draw of a microsimulation PSA.
    public static func run(model: StateTransitionModel, draws: Int? = nil, seed: UInt64? = nil, subjects: Int? = nil, threads: Int,
                           progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> Result {
        guard let definition = model.psa else { throw InvalidDraw(draw: 0, issues: [ScenarioIssue(keyPath: "psa", problem: "missing", fix: "Add a psa: block.")]) }
        let count = draws ?? definition.draws
        let seed = seed ?? definition.seed
        let evaluation: StateTransitionPSADefinition.Evaluation = switch definition.evaluation {
        case .microsimulation(let perDraw): .microsimulation(subjects: subjects ?? perDraw)
        case .cohort: .cohort
        }
        precondition(count >= 1 && threads >= 1)
        let bindings = bindings(model: model, definition: definition)
        let workers = min(threads, count)
        nonisolated(unsafe) let values = UnsafeMutableBufferPointer<[Double]>.allocate(capacity: count)
        values.initialize(repeating: [])
        nonisolated(unsafe) let outcomes = UnsafeMutableBufferPointer<[StateTransitionOutcome]>.allocate(capacity: count)
        outcomes.initialize(repeating: [])
        defer {
            values.deinitialize()
            values.deallocate()
            outcomes.deinitialize()
            outcomes.deallocate()
        }
        let lock = NSLock()
        nonisolated(unsafe) var firstError: (draw: Int, error: any Error)?
        nonisolated(unsafe) var done = 0
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var sampler = GSLSampler(key: StreamKey(seed: seed, subject: 0, purpose: .psaParameters), day: 0)
            var draw = worker
            while draw < count {
                do {
                    let drawn = try definition.parameterSet.draw(iteration: draw, seed: seed, sampler: &sampler)
                    let replacements = definition.replacements(values: drawn)
                    values[draw] = drawn
                    // In place when every key binds and takes its value; else (and for the
                    // decoder's message when the bound model is invalid) the file is read again.
                    if let bound = bindings.flatMap({ bind(replacements, with: $0, into: model) }),
                       let evaluated = try? evaluate(bound, draw: draw, seed: seed, evaluation: evaluation) {
                        outcomes[draw] = evaluated
                    } else {
                        outcomes[draw] = try evaluate(reread(definition, replacements: replacements, draw: draw), draw: draw, seed: seed, evaluation: evaluation)
                    }
                } catch {
                    lock.lock()
                    if firstError == nil || draw < firstError!.draw { firstError = (draw, error) }
                    lock.unlock()
                    return
                }
                lock.lock()
                done += 1
                let finished = done
                lock.unlock()
                progress?(finished, count)
                draw += workers
            }
        }
        if let firstError { throw firstError.error }
        return Result(draws: count, seed: seed, valueNames: definition.valueNames, values: Array(values), outcomes: Array(outcomes),
                      evaluation: evaluation, writtenInPlace: bindings != nil)
    }

    /// One binding per key a draw writes, in ``StateTransitionPSADefinition/replacements(values:)``
    /// order, or nil when some key is read with the file (then every draw is read again).
    static func bindings(model: StateTransitionModel, definition: StateTransitionPSADefinition) -> [StateTransitionParameterBinding]? {
        bindings(keys: definition.replacements(values: [Double](repeating: 0, count: definition.parameterSet.valueCount)).map(\.0), model: model)
    }

    /// One binding per key, in order, or nil when some key does not bind.
    static func bindings(keys: [String], model: StateTransitionModel) -> [StateTransitionParameterBinding]? {
        let bound = keys.compactMap { StateTransitionParameterBinding(keyPath: $0, model: model) }
        return bound.count == keys.count ? bound : nil
    }

    /// `model` with the draw's values written in place, or nil when a value is not accepted.
    static func bind(_ replacements: [(String, Double)], with bindings: [StateTransitionParameterBinding],
                     into model: StateTransitionModel) -> StateTransitionModel? {
        var drawn = model
        for (binding, (_, value)) in zip(bindings, replacements) {
            let normalised = StateTransitionParameterBinding.normalised(value)
            guard binding.accepts(normalised) else { return nil }
            binding.write(normalised, into: &drawn)
        }
        return drawn
    }

    /// The file with the draw's values written into its YAML, read again (checked as the file was).
    static func reread(_ definition: StateTransitionPSADefinition, replacements: [(String, Double)], draw: Int) throws -> StateTransitionModel {
        try reread(document: definition.document, file: definition.file, replacements: replacements, draw: draw)
    }

    /// The file `document` (named `file`) with `replacements` written into its YAML, read again.
    static func reread(document: String, file: String, replacements: [(String, Double)], draw: Int) throws -> StateTransitionModel {
        let reader = ScenarioNodeReader(file: file)
        reader.readme = StateTransitionModel.readme
        guard var node = try? Yams.compose(yaml: document) else { throw InvalidDraw(draw: draw, issues: []) }
        for (key, value) in replacements {
            node = StateTransitionPSADefinition.replacing(node, at: ScenarioKeyPath(parsing: key).components[...], with: value)
        }
        guard let drawnModel = reader.stateTransitionModel(from: node, text: document), reader.issues.isEmpty else {
            throw InvalidDraw(draw: draw, issues: reader.issues)
        }
        return drawnModel
    }

    /// The outcomes of every strategy of `model` under `evaluation`.
    static func evaluate(_ model: StateTransitionModel, draw: Int, seed: UInt64, evaluation: StateTransitionPSADefinition.Evaluation) throws
        -> [StateTransitionOutcome] {
        switch evaluation {
        case .cohort:
            return try CohortTrace.outcomes(of: model)
        case .microsimulation(let subjects):
            let lanes = try MicrosimulationLanes(model: model, seed: seed)
            var workspace = MicrosimulationLanes.Workspace(lanes, capacity: min(subjects, MicrosimulationLanes.lanesPerChunk))
            var sums = MicrosimulationSums(strategyCount: model.strategies.count, valuesPerStrategy: lanes.valuesPerStrategy)
            lanes.simulate(first: 0, count: subjects, slot: UInt32(draw), workspace: &workspace, into: &sums, occupancy: nil)
            return StateTransitionMicrosimulation.outcomes(sums, lanes: lanes, model: model)
        }
    }
}
