/// The microsimulation kernel of a ``StateTransitionModel``: a block of subjects advances one
/// cycle at a time, every subject of the block a lane, in stages over lanes:
///
/// 1. the cycle's uniforms for every lane in one call of the Philox lane kernel
///    (``PhiloxLanes``: block (slot, cycle, ``Purpose/stateTransition``, subject) of each
///    subject's stream, the first 64-bit output as a uniform on (0, 1));
/// 2. per strategy, each lane's next state by inversion of its row of the cycle's cumulative
///    matrix, with the events and one-off rewards of entering it;
/// 3. per strategy, the rewards of the time point: one row of values per state, built once per
///    block and time point (``RewardTables``), added to each lane's sums.
///
/// Every strategy reads the same uniforms (common random numbers). The uniform of a subject's
/// cycle does not depend on the block, the lane or the thread, and each lane's values are added
/// in time order, so a subject's values are bit-identical to a walk of that subject alone
/// (tested against one).
///
/// `slot` selects independent copies of every stream: 0 for `baclosim run`, the draw's index for
/// a microsimulation PSA, so draws do not share their subjects' numbers.
struct MicrosimulationLanes: Sendable {
    /// Values per subject and strategy (``MicrosimulationSums`` layout): cost, QALYs, life-years,
    /// undiscounted life-years, the cost items, the entry cost when any state has one, then the
    /// events.
    let valuesPerStrategy: Int
    /// Index of the first event among a strategy's values.
    let eventBase: Int
    let strategyCount: Int
    let stateCount: Int
    let cycleCount: Int
    let seed: UInt64
    let tables: [RewardTables]
    let events: [StateTransitionModel.Event]
    /// Events counted on entering states, by index in `events`.
    let enteringEvents: [Int]
    /// Per strategy, per cycle 0 … T: the index into `cumulative` of the cycle's matrix (cycle 0
    /// maps to cycle 1's; it is never read).
    let matrixOfCycle: [[Int]]
    /// Cumulative rows of every distinct matrix, n rows of ``width`` each, concatenated.
    let cumulative: [Double]
    /// The stride of a cumulative row: n padded to a multiple of 4 (see ``invert``).
    let width: Int
    /// Per distinct matrix and row: the last column with a positive probability (the draw's
    /// fallback when rounding leaves the cumulative sum just under 1).
    let lastPositive: [Int32]
    let initialCumulative: [Double]
    let initialFallback: Int

    init(model: StateTransitionModel, seed: UInt64) throws {
        let n = model.states.count
        let width = Self.paddedWidth(n)
        let factors = RewardTables.Factors(model: model)
        tables = model.strategies.map { RewardTables(model: model, strategy: $0, factors: factors) }
        let matrices = try model.strategies.map { try TransitionMatrices(model: model, strategy: $0) }
        let itemCount = tables.map(\.itemNames.count).max() ?? 1
        let hasEntry = tables.contains(where: \.hasEntryRewards)
        eventBase = MicrosimulationSums.fixedValues + itemCount + (hasEntry ? 1 : 0)
        valuesPerStrategy = eventBase + model.events.count
        strategyCount = model.strategies.count
        stateCount = n
        cycleCount = model.cycleCount
        self.seed = seed
        events = model.events
        enteringEvents = model.events.indices.filter { model.events[$0].onEntering.contains(true) }
        var cumulative: [Double] = []
        var lastPositive: [Int32] = []
        var matrixOfCycle: [[Int]] = []
        for m in matrices {
            let first = lastPositive.count / max(n, 1)
            for p in m.matrices {
                // Rows padded to `width` with 2 (above any uniform), see invert.
                var c = [Double](repeating: 2, count: n * width)
                for i in 0..<n {
                    var sum = 0.0
                    for j in 0..<n {
                        sum = j == 0 ? p[i * n] : sum + p[i * n + j]
                        c[i * width + j] = sum
                    }
                }
                cumulative += c
                lastPositive += (0..<n).map { i in Int32((0..<n).last { p[i * n + $0] > 0 } ?? i) }
            }
            matrixOfCycle.append((0...model.cycleCount).map { first + m.segment(ofCycle: max($0, 1)) })
        }
        self.cumulative = cumulative
        self.lastPositive = lastPositive
        self.matrixOfCycle = matrixOfCycle
        var c = model.initial
        for j in 1..<max(n, 1) { c[j] += c[j - 1] }
        initialCumulative = c + [Double](repeating: 2, count: width - n)
        initialFallback = (0..<n).last { c[$0] > ($0 > 0 ? c[$0 - 1] : 0) } ?? 0
        self.width = width
    }

    /// A worker's scratch space for blocks of up to `capacity` subjects.
    struct Workspace {
        let capacity: Int
        var counter0: [UInt32], counter1: [UInt32], counter2: [UInt32], counter3: [UInt32]
        var words0: [UInt32], words1: [UInt32], words2: [UInt32], words3: [UInt32]
        var uniforms: [Double]
        /// Per strategy and lane: the state.
        var states: [Int32]
        /// Per lane, strategy and value (``valuesPerStrategy``): the subject's values.
        var values: [Double]
        /// Per state and value: what a subject in the state earns at the time point.
        var row: [Double]

        init(_ lanes: MicrosimulationLanes, capacity: Int) {
            self.capacity = capacity
            counter0 = [UInt32](repeating: 0, count: capacity)
            counter1 = counter0
            counter2 = [UInt32](repeating: Purpose.stateTransition.rawValue, count: capacity)
            counter3 = counter0
            words0 = counter0
            words1 = counter0
            words2 = counter0
            words3 = counter0
            uniforms = [Double](repeating: 0, count: capacity)
            states = [Int32](repeating: 0, count: lanes.strategyCount * capacity)
            values = [Double](repeating: 0, count: capacity * lanes.strategyCount * lanes.valuesPerStrategy)
            row = [Double](repeating: 0, count: lanes.stateCount * lanes.valuesPerStrategy)
        }
    }

    /// Lanes a workspace holds: a block's subjects advance this many at a time, so that their
    /// values stay in the first-level cache (the sums do not depend on it: subjects are added in
    /// order either way).
    static let lanesPerChunk = 256

    /// Simulates subjects `first ..< first + count` in every strategy, in stream copy `slot`,
    /// ``Workspace/capacity`` lanes at a time; adds each subject's values to `sums` in subject
    /// order and, when given, each subject's state at each time point to `occupancy` (index
    /// (strategy · (T + 1) + t) · n + state).
    func simulate(first: Int, count: Int, slot: UInt32, workspace w: inout Workspace, into sums: inout MicrosimulationSums,
                  occupancy: UnsafeMutableBufferPointer<UInt32>?) {
        var start = first
        while start < first + count {
            let lanes = min(w.capacity, first + count - start)
            simulateChunk(first: start, count: lanes, slot: slot, workspace: &w, into: &sums, occupancy: occupancy)
            start += lanes
        }
    }

    private func simulateChunk(first: Int, count: Int, slot: UInt32, workspace w: inout Workspace, into sums: inout MicrosimulationSums,
                               occupancy: UnsafeMutableBufferPointer<UInt32>?) {
        precondition(count <= w.capacity)
        let n = stateCount, S = strategyCount, V = valuesPerStrategy, T = cycleCount
        for lane in 0..<count {
            w.counter0[lane] = slot
            w.counter3[lane] = UInt32(truncatingIfNeeded: first + lane)
        }
        for i in 0..<(count * S * V) { w.values[i] = 0 }
        let key = StreamKey(seed: seed, subject: 0, purpose: .stateTransition).philoxKey
        for t in 0...T {
            drawUniforms(cycle: UInt32(t), count: count, key: key, workspace: &w)
            if t == 0 {
                initialCumulative.withUnsafeBufferPointer { initial in
                    for lane in 0..<count {
                        let state = Int32(Self.invert(w.uniforms[lane], initial, offset: 0, count: n, fallback: initialFallback))
                        for s in 0..<S { w.states[s * w.capacity + lane] = state }
                    }
                }
            } else {
                for s in 0..<S { advance(strategy: s, cycle: t, count: count, workspace: &w) }
            }
            for s in 0..<S {
                fillRow(strategy: s, timePoint: t, row: &w.row)
                let capacity = w.capacity
                w.row.withUnsafeBufferPointer { row in
                    w.values.withUnsafeMutableBufferPointer { values in
                        w.states.withUnsafeBufferPointer { states in
                            let lanes = states.baseAddress! + s &* capacity
                            for lane in 0..<count {
                                let earned = row.baseAddress! + Int(lanes[lane]) &* V
                                let mine = values.baseAddress! + (lane &* S &+ s) &* V
                                for k in 1..<V { mine[k] += earned[k] }
                            }
                            if let occupancy {
                                let cells = occupancy.baseAddress! + (s &* (T &+ 1) &+ t) &* n
                                for lane in 0..<count { cells[Int(lanes[lane])] &+= 1 }
                            }
                        }
                    }
                }
            }
        }
        for lane in 0..<count {
            for s in 0..<S {
                let base = (lane * S + s) * V
                var cost = 0.0
                for k in MicrosimulationSums.fixedValues..<eventBase { cost += w.values[base + k] }
                w.values[base] = cost
            }
            w.values.withUnsafeBufferPointer { values in
                sums.add(values: UnsafeBufferPointer(rebasing: values[(lane * S * V)..<((lane + 1) * S * V)]))
            }
        }
    }

    /// Stage 1: the uniform of cycle `cycle` for every lane.
    private func drawUniforms(cycle: UInt32, count: Int, key: SIMD2<UInt32>, workspace w: inout Workspace) {
        for lane in 0..<count { w.counter1[lane] = cycle }
        PhiloxLanes.encrypt(c0: w.counter0, c1: w.counter1, c2: w.counter2, c3: w.counter3, key: key, count: count,
                            out0: &w.words0, out1: &w.words1, out2: &w.words2, out3: &w.words3)
        for lane in 0..<count {
            w.uniforms[lane] = UniformBits.openUnit(CounterStream.output(low: w.words0[lane], high: w.words1[lane]))
        }
    }

    /// Stage 2: each lane's move in `cycle` (1-based) under `strategy`, with the events and
    /// one-off rewards of entering its new state.
    private func advance(strategy s: Int, cycle t: Int, count: Int, workspace w: inout Workspace) {
        let n = stateCount, S = strategyCount, V = valuesPerStrategy
        let matrix = matrixOfCycle[s][t]
        let table = tables[s]
        let entering = !enteringEvents.isEmpty
        let capacity = w.capacity
        let lastPositive = lastPositive
        let moved: (_ lane: Int, _ from: Int, _ to: Int, _ values: UnsafeMutablePointer<Double>) -> Void = { lane, state, next, values in
            let base = (lane &* S &+ s) &* V
            if entering {
                for k in self.enteringEvents where self.events[k].onEntering[next] && !self.events[k].onEntering[state] { values[base + self.eventBase + k] += 1 }
            }
            if table.hasEntryRewards {
                values[base + self.eventBase - 1] += table.entryCost[next] * table.entryCostDiscount[t - 1]
                values[base + 1] += table.entryQALYs[next] * table.entryEffectDiscount[t - 1]
            }
        }
        let plain = !entering && !table.hasEntryRewards
        cumulative.withUnsafeBufferPointer { cumulative in
            lastPositive.withUnsafeBufferPointer { lastPositive in
                w.uniforms.withUnsafeBufferPointer { uniforms in
                    w.values.withUnsafeMutableBufferPointer { values in
                        w.states.withUnsafeMutableBufferPointer { states in
                            let lanes = states.baseAddress! + s &* capacity
                            let rows = matrix &* n
                            for lane in 0..<count {
                                let state = Int(lanes[lane])
                                let next = Self.invert(uniforms[lane], cumulative, offset: (rows &+ state) &* width, count: n,
                                                       fallback: Int(lastPositive[rows &+ state]))
                                lanes[lane] = Int32(truncatingIfNeeded: next)
                                // Only moves with an event or a one-off reward do more.
                                if !plain && next != state { moved(lane, state, next, values.baseAddress!) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Stage 3's row: what one subject in each state earns at time point `t` under `strategy`
    /// (the slots of the cost total and the entry cost stay 0: they are not earned per time point).
    private func fillRow(strategy s: Int, timePoint t: Int, row: inout [Double]) {
        let V = valuesPerStrategy
        let table = tables[s]
        for state in 0..<stateCount {
            let base = state * V
            for k in 0..<V { row[base + k] = 0 }
            let e = table.effects(state: state, timePoint: t)
            row[base + 1] = e.qalys
            row[base + 2] = e.lifeYears
            row[base + 3] = e.undiscounted
            for k in table.itemNames.indices { row[base + MicrosimulationSums.fixedValues + k] = table.itemCost(k, state: state, timePoint: t) }
            for (k, event) in events.enumerated() where event.ratePerYear[state] != 0 {
                row[base + eventBase + k] = event.ratePerYear[state] * table.undiscountedFactor[t]
            }
        }
    }

    /// The first column j with u < cumulative[offset + j], else `fallback`. The row is
    /// nondecreasing, so that column is the number of entries ≤ u: counted four at a time with
    /// vector compares and no branch (a search that stops early mispredicts on most draws).
    /// - Precondition: the row is padded to a multiple of 4 entries with values above 1.
    @inline(__always)
    static func invert(_ u: Double, _ cumulative: UnsafeBufferPointer<Double>, offset: Int, count: Int, fallback: Int) -> Int {
        let row = UnsafeRawPointer(cumulative.baseAddress! + offset)
        let threshold = SIMD4<Double>(repeating: u)
        var below = SIMD4<Int64>()
        var j = 0
        while j < count {
            let entries = row.loadUnaligned(fromByteOffset: j &* 8, as: SIMD4<Double>.self)
            below &-= unsafeBitCast(entries .<= threshold, to: SIMD4<Int64>.self)
            j &+= 4
        }
        let columns = Int(below.wrappedSum())
        return columns < count ? columns : fallback
    }

    /// `n` rounded up to a multiple of 4: the stride of a padded cumulative row.
    static func paddedWidth(_ n: Int) -> Int { (n + 3) / 4 * 4 }
}
