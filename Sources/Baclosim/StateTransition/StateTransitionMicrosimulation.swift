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
        let tables = model.strategies.map { RewardTables(model: model, strategy: $0) }
        let matrices = try model.strategies.map { try TransitionMatrices(model: model, strategy: $0) }
        let itemCount = tables.map(\.itemNames.count).max() ?? 1
        let hasEntry = tables.contains(where: \.hasEntryRewards)
        // Per strategy: the fixed values, the cost items, the entry cost, then the events.
        let eventBase = MicrosimulationSums.fixedValues + itemCount + (hasEntry ? 1 : 0)
        let valuesPerStrategy = eventBase + model.events.count
        let kernel = Kernel(model: model, tables: tables, matrices: matrices, valuesPerStrategy: valuesPerStrategy, eventBase: eventBase, seed: seed)
        let empty = { MicrosimulationSums(strategyCount: model.strategies.count, valuesPerStrategy: valuesPerStrategy) }
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
            var values = [Double](repeating: 0, count: model.strategies.count * valuesPerStrategy)
            var path = [Int](repeating: 0, count: model.strategies.count * timePoints)
            let mine = UnsafeMutableBufferPointer(rebasing: counts[(worker * cells)..<((worker + 1) * cells)])
            while let (block, sums) = merger.claimBlock() {
                for index in (block * blockSize)..<min((block + 1) * blockSize, subjects) {
                    kernel.simulate(subject: UInt64(index), values: &values, path: &path)
                    sums.pointee.add(values: values)
                    for (cell, state) in path.enumerated() { mine[cell * n + state] &+= 1 }
                }
                let done = merger.deliver(block: block)
                progress?(done, subjects)
            }
        }
        let total = try merger.finish().total
        var occupied = [Int](repeating: 0, count: cells)
        for worker in 0..<workers { for cell in 0..<cells { occupied[cell] += Int(counts[worker * cells + cell]) } }
        var outcomes: [StateTransitionOutcome] = []
        var errors: [(cost: Double, qalys: Double, lifeYears: Double)] = []
        var eventErrors: [[Double]] = []
        for (s, strategy) in model.strategies.enumerated() {
            let items = tables[s].itemNames.enumerated().map { (name: $0.element, cost: total.estimate(strategy: s, value: MicrosimulationSums.fixedValues + $0.offset).mean) }
                + (tables[s].hasEntryRewards ? [(name: "entry", cost: total.estimate(strategy: s, value: eventBase - 1).mean)] : [])
            outcomes.append(StateTransitionOutcome(
                strategy: strategy.name, cost: total.estimate(strategy: s, value: 0).mean, qalys: total.estimate(strategy: s, value: 1).mean,
                lifeYears: total.estimate(strategy: s, value: 2).mean, lifeYearsUndiscounted: total.estimate(strategy: s, value: 3).mean,
                costByItem: items, events: model.events.indices.map { total.estimate(strategy: s, value: eventBase + $0).mean }))
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

    /// One subject's walk through the states of every strategy.
    struct Kernel: Sendable {
        let stateCount: Int
        let cycleCount: Int
        let valuesPerStrategy: Int
        /// Index of the first event among a strategy's values.
        let eventBase: Int
        let events: [StateTransitionModel.Event]
        let seed: UInt64
        let tables: [RewardTables]
        /// Per strategy, per cycle 1 … T (index c): the segment's cumulative rows.
        let segmentOfCycle: [[Int]]
        let cumulative: [[[Double]]]
        /// Per strategy, segment, row: the last column with a positive probability (the draw's
        /// fallback when rounding leaves the cumulative sum just under 1).
        let lastPositive: [[[Int]]]
        let initialCumulative: [Double]

        init(model: StateTransitionModel, tables: [RewardTables], matrices: [TransitionMatrices], valuesPerStrategy: Int, eventBase: Int, seed: UInt64) {
            let n = model.states.count
            stateCount = n
            cycleCount = model.cycleCount
            self.valuesPerStrategy = valuesPerStrategy
            self.eventBase = eventBase
            events = model.events
            self.seed = seed
            self.tables = tables
            segmentOfCycle = matrices.map { m in (0...model.cycleCount).map { m.segment(ofCycle: max($0, 1)) } }
            cumulative = matrices.map { m in
                m.matrices.map { p in
                    var c = p
                    for i in 0..<n { for j in 1..<n { c[i * n + j] += c[i * n + j - 1] } }
                    return c
                }
            }
            lastPositive = matrices.map { m in m.matrices.map { p in (0..<n).map { i in (0..<n).last { p[i * n + $0] > 0 } ?? i } } }
            var c = model.initial
            for j in 1..<max(n, 1) { c[j] += c[j - 1] }
            initialCumulative = c
        }

        /// Simulates `subject` in every strategy: its values (``MicrosimulationSums`` layout) and
        /// its state at each time point.
        func simulate(subject: UInt64, values: inout [Double], path: inout [Int]) {
            let n = stateCount
            let key = StreamKey(seed: seed, subject: subject, purpose: .stateTransition)
            let first = Self.invert(CounterStream.uniform(key: key, day: 0, slot: 0), cumulative: initialCumulative, offset: 0, count: n,
                                    fallback: (0..<n).last { initialCumulative[$0] > ($0 > 0 ? initialCumulative[$0 - 1] : 0) } ?? 0)
            for i in values.indices { values[i] = 0 }
            for (s, table) in tables.enumerated() {
                let base = s * valuesPerStrategy
                var state = first
                var t = 0
                while true {
                    let e = table.effects(state: state, timePoint: t)
                    values[base + 1] += e.qalys
                    values[base + 2] += e.lifeYears
                    values[base + 3] += e.undiscounted
                    for k in table.itemNames.indices {
                        values[base + MicrosimulationSums.fixedValues + k] += table.itemCost(k, state: state, timePoint: t)
                    }
                    for (k, event) in events.enumerated() where event.ratePerYear[state] != 0 {
                        values[base + eventBase + k] += event.ratePerYear[state] * table.undiscountedFactor[t]
                    }
                    path[s * (cycleCount + 1) + t] = state
                    if t == cycleCount { break }
                    t += 1
                    let segment = segmentOfCycle[s][t]
                    let u = CounterStream.uniform(key: key, day: UInt32(t), slot: 0)
                    let next = Self.invert(u, cumulative: cumulative[s][segment], offset: state * n, count: n,
                                           fallback: lastPositive[s][segment][state])
                    for (k, event) in events.enumerated() where event.onEntering[next] && !event.onEntering[state] {
                        values[base + eventBase + k] += 1
                    }
                    if next != state && table.hasEntryRewards {
                        values[base + eventBase - 1] += table.entryCost[next] * table.entryCostDiscount[t - 1]
                        values[base + 1] += table.entryQALYs[next] * table.entryEffectDiscount[t - 1]
                    }
                    state = next
                }
                var cost = 0.0
                for k in MicrosimulationSums.fixedValues..<eventBase { cost += values[base + k] }
                values[base] = cost
            }
        }

        /// The first column j with u < cumulative[offset + j], else `fallback`.
        static func invert(_ u: Double, cumulative: [Double], offset: Int, count: Int, fallback: Int) -> Int {
            for j in 0..<count where u < cumulative[offset + j] { return j }
            return fallback
        }
    }
}
