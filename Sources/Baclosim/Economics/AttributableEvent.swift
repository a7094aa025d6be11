/// An alcohol-attributable event (a disease episode, an injury, a death by a cause) whose rate
/// depends on the drinking-risk level: the scenario gives its expected events per person-year
/// lived at each WHO level (`economics.alcohol_attributable_events`), from a source's
/// attributable fractions or risk functions applied to its base rate. The engine sums each
/// subject's expected events over the days lived (rate[level of the day] / 365.25 per day, half
/// on the day of death), undiscounted: `events_<name>` per subject, reported per 100,000 and as
/// events avoided against the first arm (`events.csv`). The events are counted, not simulated:
/// they change no cost, utility or survival (deaths come from `economics.mortality`).
public struct AttributableEvent: Sendable, Equatable {
    /// The event's name (letters, digits and underscores: an output column).
    public var name: String
    /// Expected events per person-year lived at each drinking-risk level.
    public var ratePerYear: PerDrinkingRiskLevel<Double>

    /// Most events a scenario may count (each subject's counts are a fixed-size vector).
    public static let maximumCount = 8

    public init(name: String, ratePerYear: PerDrinkingRiskLevel<Double>) {
        self.name = name
        self.ratePerYear = ratePerYear
    }

    /// The metric that holds a subject's expected count.
    public var metricName: String { "events_" + name }
}
