import Foundation

/// What a subject (or the cohort's share) in each state at each time point earns in one strategy
/// of a ``StateTransitionModel``, with the cycle length, the timing weights (``RewardTiming``)
/// and discounting folded into per-time-point factors. The cohort trace and the microsimulation
/// both read these, so they count rewards identically and differ only in how occupancy is
/// found. Memory is O(time points + states + cost items), never their product.
struct RewardTables: Sendable {
    /// A named strategy cost: its amount per year and the states and cycles it is charged in.
    struct Item: Sendable {
        let perYear: Double
        /// Per cycle from `firstCycle`, the cost per year (the last repeats); empty: `perYear`.
        let perYearByCycle: [Double]
        let charged: [Bool]
        let firstCycle: Int
        let lastCycle: Int
    }

    let stateCount: Int
    /// Cost items: the parts of the states' own costs (``StateTransitionModel/CostComponent``,
    /// in order of first appearance), then the strategy's named costs in order.
    let itemNames: [String]
    /// Per state-cost part: its cost per year in each state.
    let stateItems: [[Double]]
    let items: [Item]
    /// Per state: utility (the strategy's), and whether alive.
    let utility: [Double]
    let alive: [Bool]
    /// Per time point t = 0 … T: cycle length × timing weight × discount factor of costs, of
    /// effects, and without discounting.
    let costFactor: [Double]
    let effectFactor: [Double]
    let undiscountedFactor: [Double]
    /// Per time point: the cycle a reward counted there belongs to (for windows of costs).
    let cycleOfTimePoint: [Int]
    /// Per state: one-off cost and QALYs on entering it; per cycle c = 1 … T (index c − 1): the
    /// discount factors at its end.
    let entryCost: [Double]
    let entryQALYs: [Double]
    let entryCostDiscount: [Double]
    let entryEffectDiscount: [Double]
    /// Whether any state has a one-off entry reward.
    let hasEntryRewards: Bool

    /// The per-time-point factors, the same for every strategy of a model.
    struct Factors: Sendable {
        let costFactor: [Double]
        let effectFactor: [Double]
        let undiscountedFactor: [Double]
        let cycleOfTimePoint: [Int]
        let entryCostDiscount: [Double]
        let entryEffectDiscount: [Double]

        init(model: StateTransitionModel) {
            let dt = model.cycleLengthYears
            let weights = model.timing.weights(cycleCount: model.cycleCount)
            func discounts(_ rate: Double) -> [Double] { (0...model.cycleCount).map { 1 / pow(1 + rate, Double($0) * dt) } }
            let costDiscount = discounts(model.costDiscountRate)
            let effectDiscount = model.effectDiscountRate == model.costDiscountRate ? costDiscount : discounts(model.effectDiscountRate)
            costFactor = weights.indices.map { dt * weights[$0] * costDiscount[$0] }
            effectFactor = weights.indices.map { dt * weights[$0] * effectDiscount[$0] }
            undiscountedFactor = weights.map { dt * $0 }
            cycleOfTimePoint = weights.indices.map(model.timing.cycle(ofTimePoint:))
            entryCostDiscount = Array(costDiscount[1...])
            entryEffectDiscount = Array(effectDiscount[1...])
        }
    }

    init(model: StateTransitionModel, strategy: StateTransitionModel.Strategy) {
        self.init(model: model, strategy: strategy, factors: Factors(model: model))
    }

    init(model: StateTransitionModel, strategy: StateTransitionModel.Strategy, factors: Factors) {
        let n = model.states.count
        stateCount = n
        var parts: [String] = []
        for state in model.states { for part in state.costComponents where !parts.contains(part.name) { parts.append(part.name) } }
        itemNames = parts + strategy.costs.map(\.name)
        stateItems = parts.map { part in model.states.map { $0.costComponents.first { $0.name == part }?.perYear ?? 0 } }
        items = strategy.costs.map { cost in
            Item(perYear: cost.perYear, perYearByCycle: cost.perYearByCycle, charged: (0..<n).map(cost.states.contains), firstCycle: cost.firstCycle, lastCycle: cost.lastCycle)
        }
        utility = model.states.indices.map { strategy.utilities[$0] ?? model.states[$0].utility }
        alive = model.states.map { !$0.isDead }
        costFactor = factors.costFactor
        effectFactor = factors.effectFactor
        undiscountedFactor = factors.undiscountedFactor
        cycleOfTimePoint = factors.cycleOfTimePoint
        entryCost = model.states.map(\.entryCost)
        entryQALYs = model.states.map(\.entryQALYs)
        entryCostDiscount = factors.entryCostDiscount
        entryEffectDiscount = factors.entryEffectDiscount
        hasEntryRewards = model.states.contains { $0.entryCost != 0 || $0.entryQALYs != 0 }
    }

    /// Cost of item `k` (the states' own parts first) for one subject in `state` at time point `t`.
    func itemCost(_ k: Int, state: Int, timePoint t: Int) -> Double {
        if k < stateItems.count { return stateItems[k][state] * costFactor[t] }
        let item = items[k - stateItems.count]
        let cycle = cycleOfTimePoint[t]
        guard item.charged[state] && cycle >= item.firstCycle && cycle <= item.lastCycle else { return 0 }
        let perYear = item.perYearByCycle.isEmpty ? item.perYear : item.perYearByCycle[min(cycle - item.firstCycle, item.perYearByCycle.count - 1)]
        return perYear * costFactor[t]
    }

    /// QALYs, discounted life-years and undiscounted life-years of one subject in `state` at `t`.
    func effects(state: Int, timePoint t: Int) -> (qalys: Double, lifeYears: Double, undiscounted: Double) {
        (utility[state] * effectFactor[t], alive[state] ? effectFactor[t] : 0, alive[state] ? undiscountedFactor[t] : 0)
    }
}
