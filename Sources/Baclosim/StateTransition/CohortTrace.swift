/// The cohort (expected-value) evaluation of a ``StateTransitionModel``: per strategy, the state
/// trace m(t + 1) = m(t) · P(t + 1) from the initial shares, and the rewards Σ_t m(t) · r(t)
/// (``RewardTables``). Deterministic and exact up to floating point; milliseconds for textbook
/// models.
public struct CohortTrace: Sendable {
    /// Per strategy, per time point t = 0 … T, per state: the share of the cohort.
    public let occupancy: [[[Double]]]
    /// Per strategy: the expected outcomes.
    public let outcomes: [StateTransitionOutcome]

    /// Evaluates every strategy of `model` (whose matrices were checked when it was loaded).
    public init(model: StateTransitionModel) throws {
        var traces: [[[Double]]] = []
        var results: [StateTransitionOutcome] = []
        let n = model.states.count
        for strategy in model.strategies {
            let matrices = try TransitionMatrices(model: model, strategy: strategy)
            let rewards = RewardTables(model: model, strategy: strategy)
            var trace = [model.initial]
            var entryCost = 0.0, entryQALYs = 0.0
            var events = [Double](repeating: 0, count: model.events.count)
            for cycle in 1...max(model.cycleCount, 1) where cycle <= model.cycleCount {
                let p = matrices.matrix(cycle: cycle)
                let m = trace[cycle - 1]
                var next = [Double](repeating: 0, count: n)
                for i in 0..<n where m[i] != 0 {
                    for j in 0..<n { next[j] += m[i] * p[i * n + j] }
                }
                if rewards.hasEntryRewards {
                    for j in 0..<n {
                        var inflow = 0.0
                        for i in 0..<n where i != j { inflow += m[i] * p[i * n + j] }
                        entryCost += inflow * rewards.entryCost[j] * rewards.entryCostDiscount[cycle - 1]
                        entryQALYs += inflow * rewards.entryQALYs[j] * rewards.entryEffectDiscount[cycle - 1]
                    }
                }
                for (e, event) in model.events.enumerated() where event.onEntering.contains(true) {
                    for j in 0..<n where event.onEntering[j] {
                        for i in 0..<n where !event.onEntering[i] { events[e] += m[i] * p[i * n + j] }
                    }
                }
                trace.append(next)
            }
            var itemCosts = [Double](repeating: 0, count: rewards.itemNames.count)
            var qalys = 0.0, lifeYears = 0.0, undiscounted = 0.0
            for (t, m) in trace.enumerated() {
                for i in 0..<n where m[i] != 0 {
                    for k in itemCosts.indices { itemCosts[k] += m[i] * rewards.itemCost(k, state: i, timePoint: t) }
                    for (k, event) in model.events.enumerated() where event.ratePerYear[i] != 0 {
                        events[k] += m[i] * event.ratePerYear[i] * rewards.undiscountedFactor[t]
                    }
                    let e = rewards.effects(state: i, timePoint: t)
                    qalys += m[i] * e.qalys
                    lifeYears += m[i] * e.lifeYears
                    undiscounted += m[i] * e.undiscounted
                }
            }
            var items = zip(rewards.itemNames, itemCosts).map { (name: $0.0, cost: $0.1) }
            if rewards.hasEntryRewards { items.append((name: "entry", cost: entryCost)) }
            results.append(StateTransitionOutcome(
                strategy: strategy.name, cost: items.reduce(0) { $0 + $1.cost }, qalys: qalys + entryQALYs,
                lifeYears: lifeYears, lifeYearsUndiscounted: undiscounted, costByItem: items, events: events))
            traces.append(trace)
        }
        occupancy = traces
        outcomes = results
    }
}
