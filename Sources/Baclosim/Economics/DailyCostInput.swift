/// What happened to one subject on one day that costs money; the engine fills one per alive
/// subject-day from the regimen, adherence, safety and drinking kernels, and
/// `CostModel.dailyCost` prices it.
public struct DailyCostInput: Sendable, Equatable {
    /// Days since the start of treatment (0 = first treatment day), or nil when the subject is
    /// not in treatment (before its start, after stopping or dropping out). Scheduled visits,
    /// laboratory tests and psychosocial sessions occur only on treatment days.
    public var treatmentDay: Int?
    /// Tablets dispensed today per product (`CostModel.drugs` order), taken or not.
    public var tabletsDispensed: TabletCounts
    /// Tablets swallowed today per product (≤ dispensed).
    public var tabletsTaken: TabletCounts
    /// Visits outside the schedule (e.g. after a side effect), priced at
    /// `CostModel.unscheduledVisitCost`.
    public var unscheduledVisits: Int
    /// Side-effect episodes starting today, each priced at `CostModel.sideEffectCostPerEvent`.
    public var sideEffectOnsets: Int
    /// Management cost of today's onsets already priced per effect by the safety model
    /// (`SideEffectConsequences.costPerEpisode`, summed); added as is. Use this or
    /// `sideEffectOnsets` with a flat price, not both for the same effect.
    public var sideEffectEpisodeCost: Double
    /// Today's WHO drinking-risk level (drives the hospitalisation cost).
    public var drinkingRiskLevel: DrinkingRiskLevel
    /// Serious events today, by kind.
    public var seriousEvents: PerSeriousEvent<Int>
    /// Cost of today's alcohol-withdrawal complications and toxicity, already priced by their
    /// models (`alcohol_withdrawal.*.cost_per_event`, toxicity `cost_per_event_day`); added as is
    /// to the serious-event costs.
    public var safetyEventCost: Double
    /// Pregnancy tests done today (screening and repeat tests for women of childbearing age on a
    /// drug contraindicated in pregnancy).
    public var pregnancyTests: Int

    /// Creates a day's input; everything not given is zero / none.
    public init(treatmentDay: Int? = nil, tabletsDispensed: TabletCounts = .zero,
                tabletsTaken: TabletCounts = .zero, unscheduledVisits: Int = 0,
                sideEffectOnsets: Int = 0, sideEffectEpisodeCost: Double = 0,
                drinkingRiskLevel: DrinkingRiskLevel = .abstinent,
                seriousEvents: PerSeriousEvent<Int> = .none, safetyEventCost: Double = 0, pregnancyTests: Int = 0) {
        self.treatmentDay = treatmentDay
        self.tabletsDispensed = tabletsDispensed
        self.tabletsTaken = tabletsTaken
        self.unscheduledVisits = unscheduledVisits
        self.sideEffectOnsets = sideEffectOnsets
        self.sideEffectEpisodeCost = sideEffectEpisodeCost
        self.drinkingRiskLevel = drinkingRiskLevel
        self.seriousEvents = seriousEvents
        self.safetyEventCost = safetyEventCost
        self.pregnancyTests = pregnancyTests
    }
}
