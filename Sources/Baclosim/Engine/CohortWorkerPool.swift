import Dispatch
import Foundation

/// Workers kept across many runs of one compiled model whose numbers change between runs (the
/// inner loop of a PSA): per worker a ``CohortSimulator`` (with its workspace) and a
/// ``SubjectOutcome``; per window slot a block accumulator; and the merged total. A run
/// refreshes the simulators in place (``CohortSimulator/refresh(model:)``) and resets the
/// accumulators, so after the first run nothing is allocated per subject, per block or per day.
///
/// The same scheduler and block loop as ``Runner`` (``OrderedBlockMerger``,
/// ``Runner/simulate(block:configuration:simulator:outcome:into:)``; docs/model.md#12-engine-rules,
/// rules 4 and 5), so the result is bit-identical to ``Runner/run(_:layout:makeSimulator:progress:)``
/// for any thread count.
///
/// Not for concurrent use: one pool runs one run at a time (the PSA's outer loop is sequential).
final class CohortWorkerPool: @unchecked Sendable {
    /// The configuration of every run.
    let configuration: RunConfiguration
    let layout: OutcomeLayout
    private let workerCount: Int
    private let simulators: UnsafeMutablePointer<CohortSimulator>
    private let outcomes: UnsafeMutablePointer<SubjectOutcome>
    /// The scheduler and in-order merge, with its reused block accumulators (``Runner``'s).
    private let merger: OrderedBlockMerger<OutcomeAccumulator>

    /// Builds the workers for `model` (a simulator per worker thread, at most one per block).
    /// - Throws: ``EngineError/invalidConfiguration(_:)``.
    init(model: CohortModel, configuration: RunConfiguration) throws {
        let problems = configuration.validationProblems()
        if !problems.isEmpty { throw EngineError.invalidConfiguration(problems) }
        self.configuration = configuration
        layout = model.layout
        workerCount = max(1, min(configuration.threads, configuration.blockCount))
        simulators = .allocate(capacity: workerCount)
        outcomes = .allocate(capacity: workerCount)
        for w in 0..<workerCount {
            (simulators + w).initialize(to: CohortSimulator(model: model))
            (outcomes + w).initialize(to: SubjectOutcome(layout: model.layout,
                                                         recordingTrajectories: configuration.trajectorySubjects > 0))
        }
        merger = OrderedBlockMerger(window: Runner.windowBlocksPerThread * workerCount) { OutcomeAccumulator(layout: model.layout) }
    }

    deinit {
        simulators.deinitialize(count: workerCount)
        simulators.deallocate()
        outcomes.deinitialize(count: workerCount)
        outcomes.deallocate()
    }

    /// Runs every subject with `model` (the pool's model with numbers changed in place).
    /// - Throws: ``EngineError/tooManyFailures(failed:subjects:maxFailedFraction:firstFailure:)``.
    func run(model: CohortModel) throws -> RunResult {
        precondition(model.layout == layout, "a pool runs one compiled structure")
        for w in 0..<workerCount { simulators[w].refresh(model: model) }
        merger.start(blockCount: configuration.blockCount)
        DispatchQueue.concurrentPerform(iterations: workerCount) { w in
            while let (block, accumulator) = merger.claimBlock() {
                Runner.simulate(block: block, configuration: configuration, simulator: &simulators[w],
                                outcome: &outcomes[w], into: accumulator)
                merger.deliver(block: block)
            }
        }
        let (total, maxPendingBlocks) = try merger.finish()
        return try RunResult(layout: layout, configuration: configuration, outcomes: total, maxPendingBlocks: maxPendingBlocks)
            .checkedForFailures()
    }
}
