import Dispatch

/// The microsimulation of a ``StateTransitionModel``: each subject walks the states one cycle at
/// a time, the next state drawn by inversion of its row of the cycle's matrix with one uniform
/// per cycle from the subject's own Philox stream (``Purpose/stateTransition``, the cycle as the
/// day). Every strategy uses the same uniforms (common random numbers), so paired differences
/// are tight. Rewards come from the same ``RewardTables`` as the cohort trace, so the mean
/// converges to the cohort expectation; blocks merge in block order (``OrderedBlockMerger``), so
/// the result is bit-identical for any thread count.
public enum StateTransitionMicrosimulation {
    /// The outcome of a microsimulation.
    public struct Result: Sendable {
        public let subjects: Int
        public let seed: UInt64
        /// Per strategy: mean outcomes.
        public let outcomes: [StateTransitionOutcome]
        /// Per strategy: Monte Carlo standard errors of the mean cost, QALYs and life-years.
        public let standardErrors: [(cost: Double, qalys: Double, lifeYears: Double)]
        /// Per strategy, per event: Monte Carlo standard error of the mean events per person.
        public let eventStandardErrors: [[Double]]
        /// Per ordered pair (s, r), r < s: the mean paired difference s − r and its standard error.
        public let differences: [PairedDifference]
        /// Per strategy, time point, state: the share of subjects.
        public let occupancy: [[[Double]]]
    }

    /// A paired difference between two strategies.
    public struct PairedDifference: Sendable {
        public let strategy: Int
        public let comparator: Int
        public let cost: (mean: Double, standardError: Double)
        public let qalys: (mean: Double, standardError: Double)
        public let lifeYears: (mean: Double, standardError: Double)
    }

    /// Simulates `subjects` subjects in every strategy of `model`.
    /// - Parameters:
    ///   - blockSize: subjects per work block (the result does not depend on it or on `threads`
    ///     for the counts; the sums' rounding depends on it, not on the threads).
    ///   - progress: called with (subjects done, subjects in total) after each merged block.
    public static func run(model: StateTransitionModel, subjects: Int, seed: UInt64, threads: Int, blockSize: Int = 1000,
                           progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> Result {
        precondition(subjects >= 1 && threads >= 1 && blockSize >= 1)
        let n = model.states.count
        let timePoints = model.cycleCount + 1
        let lanes = try MicrosimulationLanes(model: model, seed: seed)
        let eventBase = lanes.eventBase
        let empty = { MicrosimulationSums(strategyCount: model.strategies.count, valuesPerStrategy: lanes.valuesPerStrategy) }
        let blockCount = (subjects + blockSize - 1) / blockSize
        let workers = min(threads, blockCount)
        let merger = OrderedBlockMerger(window: Runner.windowBlocksPerThread * workers, empty: empty)
        merger.start(blockCount: blockCount)
        // Occupancy counts per worker (integers: their sum does not depend on who counted what).
        let cells = model.strategies.count * timePoints * n
        nonisolated(unsafe) let counts = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: workers * cells)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var workspace = MicrosimulationLanes.Workspace(lanes, capacity: min(MicrosimulationLanes.lanesPerChunk, subjects))
            let mine = UnsafeMutableBufferPointer(rebasing: counts[(worker * cells)..<((worker + 1) * cells)])
            while let (block, sums) = merger.claimBlock() {
                let first = block * blockSize
                lanes.simulate(first: first, count: min(blockSize, subjects - first), slot: 0, workspace: &workspace,
                               into: &sums.pointee, occupancy: mine)
                let done = merger.deliver(block: block)
                progress?(done, subjects)
            }
        }
        let total = try merger.finish().total
        var occupied = [Int](repeating: 0, count: cells)
        for worker in 0..<workers { for cell in 0..<cells { occupied[cell] += Int(counts[worker * cells + cell]) } }
        let outcomes = Self.outcomes(total, lanes: lanes, model: model)
        var errors: [(cost: Double, qalys: Double, lifeYears: Double)] = []
        var eventErrors: [[Double]] = []
        for s in model.strategies.indices {
            eventErrors.append(model.events.indices.map { total.estimate(strategy: s, value: eventBase + $0).standardError })
            errors.append((total.estimate(strategy: s, value: 0).standardError, total.estimate(strategy: s, value: 1).standardError,
                           total.estimate(strategy: s, value: 2).standardError))
        }
        var differences: [PairedDifference] = []
        for s in 0..<model.strategies.count {
            for r in 0..<s {
                differences.append(PairedDifference(strategy: s, comparator: r, cost: total.difference(strategy: s, minus: r, value: 0),
                                                    qalys: total.difference(strategy: s, minus: r, value: 1),
                                                    lifeYears: total.difference(strategy: s, minus: r, value: 2)))
            }
        }
        let occupancy = (0..<model.strategies.count).map { s in
            (0..<timePoints).map { t in (0..<n).map { Double(occupied[(s * timePoints + t) * n + $0]) / Double(total.subjects) } }
        }
        return Result(subjects: subjects, seed: seed, outcomes: outcomes, standardErrors: errors, eventStandardErrors: eventErrors,
                      differences: differences, occupancy: occupancy)
    }

    /// Per strategy: the mean outcomes of the subjects summed in `total`.
    static func outcomes(_ total: MicrosimulationSums, lanes: MicrosimulationLanes, model: StateTransitionModel) -> [StateTransitionOutcome] {
        model.strategies.enumerated().map { s, strategy in
            let table = lanes.tables[s]
            let items = table.itemNames.enumerated().map { (name: $0.element, cost: total.estimate(strategy: s, value: MicrosimulationSums.fixedValues + $0.offset).mean) }
                + (table.hasEntryRewards ? [(name: "entry", cost: total.estimate(strategy: s, value: lanes.eventBase - 1).mean)] : [])
            return StateTransitionOutcome(
                strategy: strategy.name, cost: total.estimate(strategy: s, value: 0).mean, qalys: total.estimate(strategy: s, value: 1).mean,
                lifeYears: total.estimate(strategy: s, value: 2).mean, lifeYearsUndiscounted: total.estimate(strategy: s, value: 3).mean,
                costByItem: items, events: model.events.indices.map { total.estimate(strategy: s, value: lanes.eventBase + $0).mean })
        }
    }
}
