/// Costs split by category, in the model's currency (`CostModel.currency`, prices of
/// `CostModel.priceYear`). Used for one day's costs and for a subject's totals.
///
/// A fixed struct with named fields (no dictionary): adding two breakdowns is ten additions.
public struct CostBreakdown: Sendable, Equatable {
    /// Drug acquisition (tablets taken, dispensed or whole packs, per `DrugCostBasis`).
    public var drug: Double = 0
    /// Monitoring visits, scheduled and unscheduled.
    public var visits: Double = 0
    /// Laboratory tests (e.g. liver and renal function).
    public var laboratory: Double = 0
    /// Psychosocial sessions.
    public var psychosocial: Double = 0
    /// Management of side effects (per onset).
    public var sideEffects: Double = 0
    /// Alcohol-related hospital care, by drinking-risk level.
    public var hospitalisation: Double = 0
    /// Serious events (seizure, delirium, toxicity).
    public var seriousEvents: Double = 0
    /// Pregnancy tests.
    public var pregnancyTests: Double = 0
    /// Societal perspective: lost productivity, by drinking-risk level (0 unless the scenario
    /// gives `productivity_cost_per_day_by_risk_level`).
    public var productivity: Double = 0
    /// Societal perspective: alcohol-related crime, by drinking-risk level (0 unless the
    /// scenario gives `crime_cost_per_day_by_risk_level`).
    public var crime: Double = 0

    /// All zero.
    public init() {}

    /// All zero.
    public static let zero = CostBreakdown()

    /// Sum of all categories.
    public var total: Double {
        drug + visits + laboratory + psychosocial + sideEffects + hospitalisation + seriousEvents
            + pregnancyTests + productivity + crime
    }

    /// Sum of the categories that do not follow the drinking-risk level (all but hospital,
    /// productivity and crime): the care a strategy gives, which a Markov model on the levels
    /// charges per strategy and cycle (``PeriodTransitionCounts/costs``).
    public var careNotByRiskLevel: Double {
        drug + visits + laboratory + psychosocial + sideEffects + seriousEvents + pregnancyTests
    }

    /// Category-wise sum.
    public static func + (a: CostBreakdown, b: CostBreakdown) -> CostBreakdown {
        var sum = a
        sum += b
        return sum
    }

    /// Category-wise sum in place.
    public static func += (a: inout CostBreakdown, b: CostBreakdown) {
        a.drug += b.drug
        a.visits += b.visits
        a.laboratory += b.laboratory
        a.psychosocial += b.psychosocial
        a.sideEffects += b.sideEffects
        a.hospitalisation += b.hospitalisation
        a.seriousEvents += b.seriousEvents
        a.pregnancyTests += b.pregnancyTests
        a.productivity += b.productivity
        a.crime += b.crime
    }

    /// Every category multiplied by `factor` (e.g. a discount factor).
    public func scaled(by factor: Double) -> CostBreakdown {
        var result = self
        result.drug *= factor
        result.visits *= factor
        result.laboratory *= factor
        result.psychosocial *= factor
        result.sideEffects *= factor
        result.hospitalisation *= factor
        result.seriousEvents *= factor
        result.pregnancyTests *= factor
        result.productivity *= factor
        result.crime *= factor
        return result
    }

    /// Output column names of the categories, in a fixed order (`cost_drug`, …); matches
    /// `categoryValues`.
    public static let categoryNames = [
        "drug", "visits", "laboratory", "psychosocial", "side_effects", "hospitalisation",
        "serious_events", "pregnancy_tests", "productivity", "crime",
    ]

    /// The categories in `categoryNames` order (allocates: for reports, not the day loop).
    public var categoryValues: [Double] {
        [drug, visits, laboratory, psychosocial, sideEffects, hospitalisation, seriousEvents, pregnancyTests, productivity, crime]
    }
}
