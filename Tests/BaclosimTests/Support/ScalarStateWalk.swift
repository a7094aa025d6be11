@testable import Baclosim

/// The test oracle of ``MicrosimulationLanes``: one subject's walk through the states of every
/// strategy, a cycle at a time with `CounterStream.uniform` (the scalar generator), written as
/// plainly as possible. The lane kernel must give every subject the same values, bit for bit.
struct ScalarStateWalk: Sendable {
    let stateCount: Int
    let cycleCount: Int
    let valuesPerStrategy: Int
    /// Index of the first event among a strategy's values.
    let eventBase: Int
    let events: [StateTransitionModel.Event]
    let seed: UInt64
    let slot: UInt32
    let tables: [RewardTables]
    /// Per strategy, per cycle 1 … T (index c): the segment's cumulative rows.
    let segmentOfCycle: [[Int]]
    let cumulative: [[[Double]]]
    /// Per strategy, segment, row: the last column with a positive probability (the draw's
    /// fallback when rounding leaves the cumulative sum just under 1).
    let lastPositive: [[[Int]]]
    let initialCumulative: [Double]

    init(model: StateTransitionModel, tables: [RewardTables], matrices: [TransitionMatrices], valuesPerStrategy: Int, eventBase: Int, seed: UInt64, slot: UInt32 = 0) {
        let n = model.states.count
        stateCount = n
        cycleCount = model.cycleCount
        self.valuesPerStrategy = valuesPerStrategy
        self.eventBase = eventBase
        events = model.events
        self.seed = seed
        self.slot = slot
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
        let first = Self.invert(CounterStream.uniform(key: key, day: 0, slot: slot), cumulative: initialCumulative, offset: 0, count: n,
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
                let u = CounterStream.uniform(key: key, day: UInt32(t), slot: slot)
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
