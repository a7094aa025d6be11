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
        /// Per draw, per strategy: the cohort outcomes.
        public let outcomes: [[StateTransitionOutcome]]
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

    /// Runs `draws` draws (default: the block's) with `seed` (default: the block's) on `threads`.
    public static func run(model: StateTransitionModel, draws: Int? = nil, seed: UInt64? = nil, threads: Int,
                           progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> Result {
        guard let definition = model.psa else { throw InvalidDraw(draw: 0, issues: [ScenarioIssue(keyPath: "psa", problem: "missing", fix: "Add a psa: block.")]) }
        let count = draws ?? definition.draws
        let seed = seed ?? definition.seed
        precondition(count >= 1 && threads >= 1)
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
            guard let root = try? Yams.compose(yaml: definition.document) else { return }
            var sampler = GSLSampler(key: StreamKey(seed: seed, subject: 0, purpose: .psaParameters), day: 0)
            var draw = worker
            while draw < count {
                do {
                    let drawn = try definition.parameterSet.draw(iteration: draw, seed: seed, sampler: &sampler)
                    var node = root
                    for (key, value) in definition.replacements(values: drawn) {
                        node = StateTransitionPSADefinition.replacing(node, at: ScenarioKeyPath(parsing: key).components[...], with: value)
                    }
                    let reader = ScenarioNodeReader(file: definition.file)
                    reader.readme = StateTransitionModel.readme
                    guard let drawnModel = reader.stateTransitionModel(from: node, text: definition.document), reader.issues.isEmpty else {
                        throw InvalidDraw(draw: draw, issues: reader.issues)
                    }
                    values[draw] = drawn
                    outcomes[draw] = try CohortTrace(model: drawnModel).outcomes
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
        return Result(draws: count, seed: seed, valueNames: definition.valueNames, values: Array(values), outcomes: Array(outcomes))
    }
}
