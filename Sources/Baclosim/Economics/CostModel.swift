/// The unit costs of one arm (or one analysis), as data, and the daily costing rule.
///
/// Every price is in `currency` at `priceYear` prices; the model never converts or inflates.
/// `dailyCost` is pure and allocation-free: it reads the schedules and prices and returns a
/// `CostBreakdown` for one subject-day.
///
/// docs/sources.md#health-economics has few verified unit costs (drug prices are [U]); the scenario files must give
/// their sources. NICE reference-case costs are NHS and PSS costs (§7.3, [V]).
public struct CostModel: Sendable, Equatable {
    /// ISO 4217 currency code of every price, e.g. `GBP`, `EUR`, `USD`.
    public var currency: String
    /// The year the prices refer to, e.g. 2024.
    public var priceYear: Int
    /// Drug products (at most `TabletCounts.capacity`), in the order of `DailyCostInput`'s counts.
    public var drugs: [DrugProduct]
    /// Scheduled monitoring visits.
    public var monitoringVisits: ScheduledService
    /// Price of a visit outside the schedule.
    public var unscheduledVisitCost: Double
    /// Scheduled laboratory tests.
    public var laboratoryTests: ScheduledService
    /// Scheduled psychosocial sessions.
    public var psychosocialSessions: ScheduledService
    /// Flat management cost of one side-effect onset.
    public var sideEffectCostPerEvent: Double
    /// Expected alcohol-related hospital cost per day lived at each drinking-risk level (the
    /// admission rate per day times the cost per admission, or a daily rate from a source).
    public var hospitalisationCostPerDay: PerDrinkingRiskLevel<Double>
    /// Cost of one serious event of each kind.
    public var seriousEventCost: PerSeriousEvent<Double>
    /// Cost of one pregnancy test.
    public var pregnancyTestCost: Double
    /// Societal perspective: productivity lost per day lived at each drinking-risk level
    /// (absenteeism, presenteeism, unemployment); nil for a health-care perspective.
    public var productivityCostPerDay: PerDrinkingRiskLevel<Double>?
    /// Societal perspective: alcohol-related crime cost per day lived at each drinking-risk
    /// level; nil for a health-care perspective.
    public var crimeCostPerDay: PerDrinkingRiskLevel<Double>?

    /// Creates a cost model; every cost not given is 0.
    public init(currency: String, priceYear: Int, drugs: [DrugProduct] = [],
                monitoringVisits: ScheduledService = .none, unscheduledVisitCost: Double = 0,
                laboratoryTests: ScheduledService = .none, psychosocialSessions: ScheduledService = .none,
                sideEffectCostPerEvent: Double = 0,
                hospitalisationCostPerDay: PerDrinkingRiskLevel<Double> = PerDrinkingRiskLevel(all: 0),
                seriousEventCost: PerSeriousEvent<Double> = PerSeriousEvent(all: 0),
                pregnancyTestCost: Double = 0, productivityCostPerDay: PerDrinkingRiskLevel<Double>? = nil,
                crimeCostPerDay: PerDrinkingRiskLevel<Double>? = nil) {
        self.currency = currency
        self.priceYear = priceYear
        self.drugs = drugs
        self.monitoringVisits = monitoringVisits
        self.unscheduledVisitCost = unscheduledVisitCost
        self.laboratoryTests = laboratoryTests
        self.psychosocialSessions = psychosocialSessions
        self.sideEffectCostPerEvent = sideEffectCostPerEvent
        self.hospitalisationCostPerDay = hospitalisationCostPerDay
        self.seriousEventCost = seriousEventCost
        self.pregnancyTestCost = pregnancyTestCost
        self.productivityCostPerDay = productivityCostPerDay
        self.crimeCostPerDay = crimeCostPerDay
    }

    /// One subject-day's costs.
    /// - Parameters:
    ///   - input: what happened today.
    ///   - supply: the subject's packs in hand in this arm; updated for `.wholePacks` products.
    /// - Complexity: O(products + schedules); no allocation.
    public func dailyCost(_ input: DailyCostInput, supply: inout DrugSupply) -> CostBreakdown {
        var cost = CostBreakdown()
        // Fields are read in place (not `let drug = drugs[i]`), so the name String is not retained.
        for product in drugs.indices {
            switch drugs[product].costBasis {
            case .tabletsTaken:
                cost.drug += Double(input.tabletsTaken[product]) * drugs[product].pricePerTablet
            case .tabletsDispensed:
                cost.drug += Double(input.tabletsDispensed[product]) * drugs[product].pricePerTablet
            case .wholePacks:
                let packs = supply.dispense(input.tabletsDispensed[product], product: product,
                                            packSize: drugs[product].tabletsPerPack)
                cost.drug += Double(packs) * drugs[product].packPrice
            }
        }
        if let day = input.treatmentDay {
            if monitoringVisits.occurs(onTreatmentDay: day) { cost.visits += monitoringVisits.unitCost }
            if laboratoryTests.occurs(onTreatmentDay: day) { cost.laboratory += laboratoryTests.unitCost }
            if psychosocialSessions.occurs(onTreatmentDay: day) {
                cost.psychosocial += psychosocialSessions.unitCost
            }
        }
        cost.visits += Double(input.unscheduledVisits) * unscheduledVisitCost
        cost.sideEffects = Double(input.sideEffectOnsets) * sideEffectCostPerEvent + input.sideEffectEpisodeCost
        cost.hospitalisation = hospitalisationCostPerDay[input.drinkingRiskLevel]
        let events = input.seriousEvents
        cost.seriousEvents = Double(events.seizure) * seriousEventCost.seizure
            + Double(events.delirium) * seriousEventCost.delirium
            + Double(events.toxicity) * seriousEventCost.toxicity + input.safetyEventCost
        cost.pregnancyTests = Double(input.pregnancyTests) * pregnancyTestCost
        if let productivityCostPerDay { cost.productivity = productivityCostPerDay[input.drinkingRiskLevel] }
        if let crimeCostPerDay { cost.crime = crimeCostPerDay[input.drinkingRiskLevel] }
        return cost
    }
}
