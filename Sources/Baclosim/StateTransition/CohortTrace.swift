/// The cohort (expected-value) evaluation of a ``StateTransitionModel``: per strategy, the state
/// trace m(t + 1) = m(t) · P(t + 1) from the initial shares, and the rewards Σ_t m(t) · r(t)
/// (``RewardTables``). Deterministic and exact up to floating point; microseconds to
/// milliseconds for textbook models (a PSA evaluates one per draw, ``outcomes(of:)``).
public struct CohortTrace: Sendable {
    /// Per strategy, per time point t = 0 … T, per state: the share of the cohort.
    public let occupancy: [[[Double]]]
    /// Per strategy: the expected outcomes.
    public let outcomes: [StateTransitionOutcome]

    /// Evaluates every strategy of `model` (whose matrices were checked when it was loaded).
    public init(model: StateTransitionModel) throws {
        let n = model.states.count
        let factors = RewardTables.Factors(model: model)
        var traces: [[[Double]]] = []
        var results: [StateTransitionOutcome] = []
        for strategy in model.strategies {
            let (outcome, trace) = try Self.evaluate(model, strategy: strategy, factors: factors)
            results.append(outcome)
            traces.append((0...model.cycleCount).map { t in Array(trace[(t * n)..<((t + 1) * n)]) })
        }
        occupancy = traces
        outcomes = results
    }

    /// The expected outcomes of every strategy of `model`, without keeping the trace.
    static func outcomes(of model: StateTransitionModel) throws -> [StateTransitionOutcome] {
        let factors = RewardTables.Factors(model: model)
        return try model.strategies.map { try evaluate(model, strategy: $0, factors: factors).outcome }
    }

    /// One strategy's outcomes and its trace (time point t's shares at t·n ..< (t + 1)·n).
    private static func evaluate(_ model: StateTransitionModel, strategy: StateTransitionModel.Strategy,
                                 factors: RewardTables.Factors) throws -> (outcome: StateTransitionOutcome, trace: [Double]) {
        let n = model.states.count
        let T = model.cycleCount
        let matrices = try TransitionMatrices(model: model, strategy: strategy)
        let rewards = RewardTables(model: model, strategy: strategy, factors: factors)
        var trace = [Double](repeating: 0, count: (T + 1) * n)
        for i in 0..<n { trace[i] = model.initial[i] }
        var entryCost = 0.0, entryQALYs = 0.0
        var events = [Double](repeating: 0, count: model.events.count)
        let enteringEvents = model.events.indices.filter { model.events[$0].onEntering.contains(true) }
        var segment = 0
        for cycle in 1...max(T, 1) where cycle <= T {
            while segment + 1 < matrices.segmentStarts.count && matrices.segmentStarts[segment + 1] <= cycle { segment += 1 }
            let p = matrices.matrices[segment]
            let from = (cycle - 1) * n, to = cycle * n
            for i in 0..<n where trace[from + i] != 0 {
                let share = trace[from + i]
                for j in 0..<n { trace[to + j] += share * p[i * n + j] }
            }
            if rewards.hasEntryRewards {
                for j in 0..<n {
                    var inflow = 0.0
                    for i in 0..<n where i != j { inflow += trace[from + i] * p[i * n + j] }
                    entryCost += inflow * rewards.entryCost[j] * rewards.entryCostDiscount[cycle - 1]
                    entryQALYs += inflow * rewards.entryQALYs[j] * rewards.entryEffectDiscount[cycle - 1]
                }
            }
            for e in enteringEvents {
                let event = model.events[e]
                for j in 0..<n where event.onEntering[j] {
                    for i in 0..<n where !event.onEntering[i] { events[e] += trace[from + i] * p[i * n + j] }
                }
            }
        }
        var itemCosts = [Double](repeating: 0, count: rewards.itemNames.count)
        var qalys = 0.0, lifeYears = 0.0, undiscounted = 0.0
        for t in 0...T {
            for i in 0..<n where trace[t * n + i] != 0 {
                let share = trace[t * n + i]
                for k in itemCosts.indices { itemCosts[k] += share * rewards.itemCost(k, state: i, timePoint: t) }
                for (k, event) in model.events.enumerated() where event.ratePerYear[i] != 0 {
                    events[k] += share * event.ratePerYear[i] * rewards.undiscountedFactor[t]
                }
                let e = rewards.effects(state: i, timePoint: t)
                qalys += share * e.qalys
                lifeYears += share * e.lifeYears
                undiscounted += share * e.undiscounted
            }
        }
        var items = zip(rewards.itemNames, itemCosts).map { (name: $0.0, cost: $0.1) }
        if rewards.hasEntryRewards { items.append((name: "entry", cost: entryCost)) }
        let outcome = StateTransitionOutcome(
            strategy: strategy.name, cost: items.reduce(0) { $0 + $1.cost }, qalys: qalys + entryQALYs,
            lifeYears: lifeYears, lifeYearsUndiscounted: undiscounted, costByItem: items, events: events)
        return (outcome, trace)
    }
}
