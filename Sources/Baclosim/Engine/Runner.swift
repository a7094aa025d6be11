import Dispatch

/// Runs a model over a cohort in parallel and returns the merged outcomes.
///
/// Subjects are cut into fixed-size blocks; worker threads claim blocks one at a time from an
/// ``OrderedBlockMerger``, simulate each subject of a block in every arm into a reused
/// ``SubjectOutcome`` and accumulate the block into the merger's slot, and the merger merges
/// blocks strictly in block order. Because a block's
/// accumulator depends only on its subjects and the merge order is fixed, the result is
/// bit-identical for any thread count (docs/model.md#12-engine-rules, rules 4 and 5).
public enum Runner {
    /// Finished blocks allowed to wait for an earlier one, per thread.
    static let windowBlocksPerThread = 2

    /// Simulates `configuration.subjects` subjects with simulators made by `makeSimulator`
    /// (one per worker thread) and merges their outcomes.
    ///
    /// - Parameters:
    ///   - configuration: subjects, block size, threads, failure tolerance, trajectory sample.
    ///   - layout: what each subject's outcome holds.
    ///   - makeSimulator: makes a worker's simulator; called once per worker, on that worker.
    ///   - progress: called with (subjects done, subjects in total) after each merged block, from
    ///     any worker thread.
    ///   - beforeMerge: called with each block (its index in this run) and its accumulator in
    ///     block order, one at a time, just before it is merged (a shard keeps its blocks).
    ///   - checksFailures: apply `maxFailedFraction` (a shard leaves it to the merge).
    /// - Throws: ``EngineError/invalidConfiguration(_:)``;
    ///   ``EngineError/tooManyFailures(failed:subjects:maxFailedFraction:firstFailure:)`` when more
    ///   than `maxFailedFraction` of the subjects failed; or what `makeSimulator` threw.
    public static func run<Simulator: SubjectSimulator>(
        _ configuration: RunConfiguration,
        layout: OutcomeLayout,
        makeSimulator: @escaping @Sendable () throws -> Simulator,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> RunResult {
        try run(configuration, layout: layout, makeSimulator: makeSimulator, progress: progress, beforeMerge: nil)
    }

    /// ``run(_:layout:makeSimulator:progress:)``, showing each block to `beforeMerge` and
    /// leaving the failure check to the caller when `checksFailures` is false.
    static func run<Simulator: SubjectSimulator>(
        _ configuration: RunConfiguration,
        layout: OutcomeLayout,
        makeSimulator: @escaping @Sendable () throws -> Simulator,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
        beforeMerge: ((_ block: Int, _ accumulator: OutcomeAccumulator) -> Void)?,
        checksFailures: Bool = true
    ) throws -> RunResult {
        let problems = configuration.validationProblems()
        if !problems.isEmpty { throw EngineError.invalidConfiguration(problems) }
        let blockCount = configuration.blockCount
        let threads = min(configuration.threads, blockCount)
        let merger = OrderedBlockMerger(window: windowBlocksPerThread * threads) { OutcomeAccumulator(layout: layout) }
        merger.beforeMerge = beforeMerge
        merger.start(blockCount: blockCount)

        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            do {
                var simulator = try makeSimulator()
                var outcome = SubjectOutcome(
                    layout: layout, recordingTrajectories: configuration.trajectorySubjects > 0)
                while let (block, accumulator) = merger.claimBlock() {
                    simulate(block: block, configuration: configuration, simulator: &simulator,
                             outcome: &outcome, into: accumulator)
                    let done = merger.deliver(block: block)
                    progress?(done, configuration.subjects)
                }
            } catch {
                merger.stop(with: error)
            }
        }

        let (total, maxPendingBlocks) = try merger.finish()
        let result = RunResult(layout: layout, configuration: configuration, outcomes: total, maxPendingBlocks: maxPendingBlocks)
        return checksFailures ? try result.checkedForFailures() : result
    }

    /// Simulates every subject of `block` into `accumulator` (emptied by the claim): the block
    /// loop of every cohort run.
    static func simulate<Simulator: SubjectSimulator>(
        block: Int,
        configuration: RunConfiguration,
        simulator: inout Simulator,
        outcome: inout SubjectOutcome,
        into accumulator: UnsafeMutablePointer<OutcomeAccumulator>
    ) {
        let start = block * configuration.blockSize
        let end = min(start + configuration.blockSize, configuration.subjects)
        for index in start..<end {
            let subject = configuration.firstSubject + UInt64(index)
            outcome.reset(subject: subject, recordsTrajectory: index < configuration.trajectorySubjects)
            do {
                try simulator.simulate(subject: subject, into: &outcome)
                accumulator.pointee.add(outcome)
            } catch {
                accumulator.pointee.addFailure(subject: subject, error: error)
            }
        }
    }
}
