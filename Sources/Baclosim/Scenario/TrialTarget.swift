/// A published trial result a scenario should reproduce (`targets:` block, issue #6).
///
/// A target names one simulated quantity — a metric in one arm, a paired difference between two
/// arms, or a ratio of two arms' means — and the published value with its 95 % interval. It is
/// met when the simulated mean lies inside that interval (``TargetComparison``). The weight is
/// for a calibration objective; comparisons ignore it.
public struct TrialTarget: Sendable, Equatable {
    /// What is compared.
    public enum Quantity: Sendable, Equatable {
        /// The metric's mean in one arm.
        case arm(String)
        /// The paired difference of the metric, `a − b` (needs `a-b` in the run's differences).
        case difference(String, String)
        /// The ratio of the arms' means, `a / b` (e.g. a risk ratio; needs `a-b` for its CI).
        case ratio(String, String)
        /// The odds ratio of a proportion, `[a/(1−a)] / [b/(1−b)]` (as trials and meta-analyses
        /// report abstinence; needs `a-b` for its CI).
        case oddsRatio(String, String)
    }

    /// Short name, unique in the scenario (e.g. `abstinence_baclofen`).
    public var name: String
    /// Metric name as reported in `summary.csv` (an endpoint, metric or `<side effect>_incidence`).
    public var metric: String
    /// Arm, difference or ratio.
    public var quantity: Quantity
    /// The published value, in the metric's unit (proportions as 0–1, days as days).
    public var value: Double
    /// The published 95 % interval (or a computed binomial interval; `source` says which).
    public var interval: ClosedRange<Double>
    /// Relative weight in a calibration objective (> 0, default 1).
    public var weight: Double
    /// Where the number comes from, with its evidence tag (docs/sources.md#evidence-tags).
    public var source: String

    /// How the quantity reads in tables: `placebo`, `baclofen30 − placebo`, `baclofen30 / placebo`,
    /// `odds baclofen30 / placebo`.
    public var quantityLabel: String {
        switch quantity {
        case .arm(let arm): return arm
        case .difference(let a, let b): return "\(a) − \(b)"
        case .ratio(let a, let b): return "\(a) / \(b)"
        case .oddsRatio(let a, let b): return "odds \(a) / \(b)"
        }
    }
}
