import Dispatch
import Foundation

/// Workers kept across many runs of one compiled model whose numbers change between runs (the
/// inner loop of a PSA): per worker a ``CohortSimulator`` (with its workspace) and a
/// ``SubjectOutcome``; per window slot a block accumulator; and the merged total. A run
/// refreshes the simulators in place (``CohortSimulator/refresh(model:)``) and resets the
/// accumulators, so after the first run nothing is allocated per subject, per block or per day.
///
/// Same rules as ``Runner`` (docs/model.md#12-engine-rules, rules 4 and 5): blocks are claimed in order, at
/// most `window` ahead of the next block to merge, and merged strictly in block order, so the
/// result is bit-identical to ``Runner/run(_:layout:makeSimulator:progress:)`` for any thread
/// count. Block `b` uses slot `b % window`: the claim rule keeps every unmerged block within one
/// window, so no two live blocks share a slot.
///
/// Not for concurrent use: one pool runs one run at a time (the PSA's outer loop is sequential).
final class CohortWorkerPool: @unchecked Sendable {
    /// The configuration of every run.
    let configuration: RunConfiguration
    let layout: OutcomeLayout
    private let workerCount: Int
    private let window: Int
    private let simulators: UnsafeMutablePointer<CohortSimulator>
    private let outcomes: UnsafeMutablePointer<SubjectOutcome>
    private let slots: UnsafeMutablePointer<OutcomeAccumulator>
    /// Per slot: delivered and waiting to be merged. Guarded by `condition`.
    private let delivered: UnsafeMutablePointer<Bool>
    private var total: OutcomeAccumulator
    // Run state, guarded by `condition`.
    private let condition = NSCondition()
    private var nextToClaim = 0
    private var nextToMerge = 0
    private var pendingCount = 0
    private var maxPendingSeen = 0

    /// Builds the workers for `model` (a simulator per worker thread, at most one per block).
    /// - Throws: ``EngineError/invalidConfiguration(_:)``.
    init(model: CohortModel, configuration: RunConfiguration) throws {
        let problems = configuration.validationProblems()
        if !problems.isEmpty { throw EngineError.invalidConfiguration(problems) }
        self.configuration = configuration
        layout = model.layout
        workerCount = max(1, min(configuration.threads, configuration.blockCount))
        window = Runner.windowBlocksPerThread * workerCount
        simulators = .allocate(capacity: workerCount)
        outcomes = .allocate(capacity: workerCount)
        for w in 0..<workerCount {
            (simulators + w).initialize(to: CohortSimulator(model: model))
            (outcomes + w).initialize(to: SubjectOutcome(layout: model.layout,
                                                         recordingTrajectories: configuration.trajectorySubjects > 0))
        }
        let empty = OutcomeAccumulator(layout: model.layout)
        slots = .allocate(capacity: window)
        delivered = .allocate(capacity: window)
        for s in 0..<window {
            // Each slot its own storage (a copy of `empty` would share it until first written).
            (slots + s).initialize(to: OutcomeAccumulator(layout: model.layout))
            (delivered + s).initialize(to: false)
        }
        total = empty
    }

    deinit {
        simulators.deinitialize(count: workerCount)
        simulators.deallocate()
        outcomes.deinitialize(count: workerCount)
        outcomes.deallocate()
        slots.deinitialize(count: window)
        slots.deallocate()
        delivered.deinitialize(count: window)
        delivered.deallocate()
    }

    /// Runs every subject with `model` (the pool's model with numbers changed in place).
    /// - Throws: ``EngineError/tooManyFailures(failed:subjects:maxFailedFraction:firstFailure:)``.
    func run(model: CohortModel) throws -> RunResult {
        precondition(model.layout == layout, "a pool runs one compiled structure")
        for w in 0..<workerCount { simulators[w].refresh(model: model) }
        total.reset()
        nextToClaim = 0
        nextToMerge = 0
        pendingCount = 0
        maxPendingSeen = 0
        let blockCount = configuration.blockCount
        DispatchQueue.concurrentPerform(iterations: workerCount) { w in
            while let block = claimBlock(blockCount: blockCount) {
                let slot = slots + block % window
                slot.pointee.reset()
                simulate(block: block, simulator: simulators + w, outcome: outcomes + w, into: slot)
                deliver(block: block)
            }
        }
        precondition(nextToMerge == blockCount && pendingCount == 0, "blocks left unmerged")
        return try RunResult(layout: layout, configuration: configuration, outcomes: total, maxPendingBlocks: maxPendingSeen)
            .checkedForFailures()
    }

    private func claimBlock(blockCount: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while nextToClaim < blockCount && nextToClaim >= nextToMerge + window { condition.wait() }
        guard nextToClaim < blockCount else { return nil }
        nextToClaim += 1
        return nextToClaim - 1
    }

    /// Marks `block` finished and merges it and any blocks it unblocks, in block order.
    private func deliver(block: Int) {
        condition.lock()
        defer { condition.unlock() }
        delivered[block % window] = true
        pendingCount += 1
        maxPendingSeen = max(maxPendingSeen, pendingCount)
        while delivered[nextToMerge % window] {
            delivered[nextToMerge % window] = false
            total.merge(slots[nextToMerge % window])
            pendingCount -= 1
            nextToMerge += 1
        }
        condition.broadcast()
    }

    /// Every subject of `block` into `accumulator` (as ``Runner``'s block loop).
    private func simulate(block: Int, simulator: UnsafeMutablePointer<CohortSimulator>,
                          outcome: UnsafeMutablePointer<SubjectOutcome>, into accumulator: UnsafeMutablePointer<OutcomeAccumulator>) {
        let start = block * configuration.blockSize
        let end = min(start + configuration.blockSize, configuration.subjects)
        for index in start..<end {
            let subject = configuration.firstSubject + UInt64(index)
            outcome.pointee.reset(subject: subject, recordsTrajectory: index < configuration.trajectorySubjects)
            do {
                try simulator.pointee.simulate(subject: subject, into: &outcome.pointee)
                accumulator.pointee.add(outcome.pointee)
            } catch {
                accumulator.pointee.addFailure(subject: subject, error: error)
            }
        }
    }
}
