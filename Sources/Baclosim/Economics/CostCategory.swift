/// The cost categories a run reports per arm (metrics `cost_<category>`, discounted like `cost`,
/// and the cost breakdown of `ce.md`): the analyst's grouping of ``CostBreakdown``'s items.
/// The categories add up to the total cost. The societal ones (productivity, crime) are reported
/// only by scenarios that give their costs (a societal perspective).
public enum CostCategory: String, CaseIterable, Sendable {
    /// Drug acquisition (``CostBreakdown/drug``).
    case drug
    /// Monitoring: scheduled and unscheduled visits, laboratory tests and pregnancy tests.
    case monitoring
    /// Psychosocial sessions.
    case psychosocial
    /// Management of side effects (per onset and per episode).
    case sideEffects = "side_effects"
    /// Alcohol-related hospital care, by drinking-risk level.
    case hospital
    /// Serious safety events: alcohol-withdrawal seizures and delirium, toxicity.
    case safetyEvents = "safety_events"
    /// Societal perspective: productivity lost, by drinking-risk level.
    case productivity
    /// Societal perspective: alcohol-related crime, by drinking-risk level.
    case crime

    /// Whether the category belongs to the societal perspective only.
    public var isSocietal: Bool { self == .productivity || self == .crime }

    /// The metric that holds the category's discounted cost per subject.
    public var metricName: String { "cost_" + rawValue }

    /// The label in `ce.md`.
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    /// The category's share of `breakdown` (currency).
    @inline(__always)
    public func amount(in breakdown: CostBreakdown) -> Double {
        switch self {
        case .drug: breakdown.drug
        case .monitoring: breakdown.visits + breakdown.laboratory + breakdown.pregnancyTests
        case .psychosocial: breakdown.psychosocial
        case .sideEffects: breakdown.sideEffects
        case .hospital: breakdown.hospitalisation
        case .safetyEvents: breakdown.seriousEvents
        case .productivity: breakdown.productivity
        case .crime: breakdown.crime
        }
    }
}
