/// The expected (or mean simulated) outcomes of one strategy of a ``StateTransitionModel``:
/// discounted cost, QALYs and life-years, and the cost by item.
public struct StateTransitionOutcome: Sendable, Equatable {
    public let strategy: String
    /// Discounted cost (currency units).
    public var cost: Double
    /// Discounted QALYs.
    public var qalys: Double
    /// Discounted life-years.
    public var lifeYears: Double
    /// Life-years, undiscounted.
    public var lifeYearsUndiscounted: Double
    /// Discounted cost by item (`states`, the strategy's named costs, `entry`), in that order.
    public var costByItem: [(name: String, cost: Double)]
    /// Expected events per person over the horizon, in the model's event order (undiscounted).
    public var events: [Double] = []

    /// The effect used for ICERs.
    public func effect(_ measure: StateTransitionModel.EffectMeasure) -> Double {
        measure == .qalys ? qalys : lifeYears
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.strategy == b.strategy && a.cost == b.cost && a.qalys == b.qalys && a.lifeYears == b.lifeYears
            && a.lifeYearsUndiscounted == b.lifeYearsUndiscounted
            && a.costByItem.map(\.name) == b.costByItem.map(\.name) && a.costByItem.map(\.cost) == b.costByItem.map(\.cost)
            && a.events == b.events
    }
}
