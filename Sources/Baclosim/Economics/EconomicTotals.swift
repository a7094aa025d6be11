/// One subject's running economic totals in one arm: costs, QALYs and life-years, undiscounted
/// and discounted. Start a fresh value per subject and arm, `add` each simulated day the subject
/// is alive (including the day of death, with the fraction of it lived), then hand the totals to
/// the engine's accumulators.
///
/// Allocation-free; `add` is a handful of multiply-adds.
public struct EconomicTotals: Sendable, Equatable {
    /// Undiscounted costs by category.
    public private(set) var cost = CostBreakdown.zero
    /// Costs by category, each day's discounted to day 0 at the cost rate.
    public private(set) var discountedCost = CostBreakdown.zero
    /// Undiscounted QALYs.
    public private(set) var qalys = 0.0
    /// QALYs discounted at the effect rate.
    public private(set) var discountedQALYs = 0.0
    /// Undiscounted life-years (days alive / 365.25).
    public private(set) var lifeYears = 0.0
    /// Life-years discounted at the effect rate.
    public private(set) var discountedLifeYears = 0.0

    /// All zero.
    public init() {}

    /// Adds day `day`'s flows.
    /// - Parameters:
    ///   - day: simulated day (0-based), the discounting time.
    ///   - cost: the day's costs (`CostModel.dailyCost`).
    ///   - qalys: QALYs accrued on the day (`UtilityModel.qalys`).
    ///   - lifeYears: life-years accrued on the day (1/365.25 for a full day alive).
    ///   - discounting: the analysis's discount curves.
    @inline(__always)
    public mutating func add(day: Int, cost dayCost: CostBreakdown, qalys dayQALYs: Double,
                             lifeYears dayLifeYears: Double, discounting: Discounting) {
        let costFactor = discounting.costs.factor(day: day)
        let effectFactor = discounting.effects.factor(day: day)
        cost += dayCost
        discountedCost += dayCost.scaled(by: costFactor)
        qalys += dayQALYs
        discountedQALYs += dayQALYs * effectFactor
        lifeYears += dayLifeYears
        discountedLifeYears += dayLifeYears * effectFactor
    }
}
