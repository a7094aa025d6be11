import Foundation

/// A simulated estimate compared with a published trial target (``TrialTarget``).
///
/// The target is met when the simulated mean lies inside the published 95 % interval. The
/// simulated interval (mean ± 1.96 SE; for a ratio or odds ratio, a delta-method interval on the log scale)
/// shows the Monte Carlo error, which should be small against the published interval's width.
public struct TargetComparison: Sendable, Equatable {
    /// The target compared.
    public var target: TrialTarget
    /// The scenario it belongs to.
    public var scenario: String
    /// Simulated mean (difference, ratio); `nil` when the run has no such estimate.
    public var simulated: Double?
    /// Simulated 95 % Monte Carlo interval, when a standard error exists.
    public var simulatedInterval: ClosedRange<Double>?

    /// Whether the simulated mean lies inside the published interval.
    public var isMet: Bool { simulated.map(target.interval.contains) ?? false }

    /// Whether the Monte Carlo interval crosses a bound of the published interval, so that the
    /// verdict could change with the seed or the number of subjects (run more subjects).
    public var isBorderline: Bool {
        guard let mc = simulatedInterval else { return false }
        let published = target.interval
        return mc.contains(published.lowerBound) || mc.contains(published.upperBound)
    }

    /// `met`, `MISS`, each with `(borderline)` when ``isBorderline``.
    public var verdict: String {
        (isMet ? "**met**" : "**MISS**") + (isBorderline ? " (borderline: MC interval crosses a bound)" : "")
    }

    /// z of a two-sided 95 % normal interval.
    static let z95 = NormalInterval.z95

    /// Compares `target` with a run's rows (``RunReport/armOutcomeRows`` and
    /// ``RunReport/differenceOutcomeRows``).
    ///
    /// A ratio a/b (or an odds ratio) uses the delta method on its log with the paired
    /// covariance recovered from the three standard errors (``logScaleEstimate``).
    public init(target: TrialTarget, scenario: String, armRows: [OutcomeRow], differenceRows: [OutcomeRow]) {
        self.target = target
        self.scenario = scenario
        func row(_ arm: String, in rows: [OutcomeRow]) -> OutcomeRow? { Self.row(arm, target.metric, in: rows) }
        func normal(_ row: OutcomeRow?) -> (Double?, ClosedRange<Double>?) {
            guard let mean = row?.mean else { return (nil, nil) }
            guard let se = row?.se, se.isFinite else { return (mean, nil) }
            return (mean, (mean - Self.z95 * se)...(mean + Self.z95 * se))
        }
        switch target.quantity {
        case .arm(let arm):
            (simulated, simulatedInterval) = normal(row(arm, in: armRows))
        case .difference(let a, let b):
            (simulated, simulatedInterval) = normal(row("\(a)-\(b)", in: differenceRows))
        case .ratio(let a, let b):
            (simulated, simulatedInterval) = Self.logScaleEstimate(a, b, armRows: armRows, differenceRows: differenceRows,
                                                                    metric: target.metric, transform: RatioScale.plain)
        case .oddsRatio(let a, let b):
            (simulated, simulatedInterval) = Self.logScaleEstimate(a, b, armRows: armRows, differenceRows: differenceRows,
                                                                    metric: target.metric, transform: RatioScale.odds)
        }
    }

    /// The row of `metric` for `arm` (an arm, or `a-b` among the differences).
    static func row(_ arm: String, _ metric: String, in rows: [OutcomeRow]) -> OutcomeRow? {
        rows.first { $0.arm == arm && $0.metric == metric }
    }

    /// How a ratio reads the arms' means: the mean itself (a ratio of means or risks) or its odds.
    enum RatioScale {
        case plain, odds

        /// The value the ratio divides (`m`, or `m/(1 − m)`); `nil` outside its domain.
        func value(_ m: Double) -> Double? {
            switch self {
            case .plain: return m
            case .odds: return m > 0 && m < 1 ? m / (1 - m) : nil
            }
        }

        /// d log(value)/dm: 1/m, or 1/(m(1 − m)) for odds.
        func logSlope(_ m: Double) -> Double {
            switch self {
            case .plain: return 1 / m
            case .odds: return 1 / (m * (1 - m))
            }
        }
    }

    /// `g(a)/g(b)` with `g` the scale's transform, and its delta-method interval on the log
    /// scale: var(log r) = s_a²·se_a² + s_b²·se_b² − 2·s_a·s_b·cov(a, b), with `s` the log slope
    /// and the paired covariance recovered from the three standard errors,
    /// cov(a, b) = (se_a² + se_b² − se_{a−b}²)/2.
    static func logScaleEstimate(_ a: String, _ b: String, armRows: [OutcomeRow], differenceRows: [OutcomeRow],
                                 metric: String, transform: RatioScale) -> (Double?, ClosedRange<Double>?) {
        func row(_ arm: String, in rows: [OutcomeRow]) -> OutcomeRow? { Self.row(arm, metric, in: rows) }
        guard let ma = row(a, in: armRows)?.mean, let mb = row(b, in: armRows)?.mean,
              let ga = transform.value(ma), let gb = transform.value(mb), gb != 0 else { return (nil, nil) }
        let ratio = ga / gb
        guard ma > 0, mb > 0, let sa = row(a, in: armRows)?.se, let sb = row(b, in: armRows)?.se,
              let sd = row("\(a)-\(b)", in: differenceRows)?.se else { return (ratio, nil) }
        let covariance = (sa * sa + sb * sb - sd * sd) / 2
        let slopeA = transform.logSlope(ma), slopeB = transform.logSlope(mb)
        let logVariance = max(0, slopeA * slopeA * sa * sa + slopeB * slopeB * sb * sb - 2 * slopeA * slopeB * covariance)
        let half = z95 * logVariance.squareRoot()
        return (ratio, (ratio * exp(-half))...(ratio * exp(half)))
    }
}

extension TargetComparison {
    /// A number for tables: 3 significant decimals for values below 10, else one decimal.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        return abs(value) >= 10 ? String(format: "%.1f", value) : String(format: "%.3f", value)
    }

    /// `value (low–high)`.
    static func format(_ value: Double?, _ interval: ClosedRange<Double>?) -> String {
        guard let value else { return "—" }
        guard let interval else { return format(value) }
        return "\(format(value)) (\(format(interval.lowerBound)) to \(format(interval.upperBound)))"
    }

    /// The comparisons as a Markdown table: scenario, target, metric, quantity, published value
    /// (95 % interval), simulated mean (Monte Carlo 95 % interval), met or missed, source.
    public static func markdownTable(_ comparisons: [TargetComparison]) -> String {
        var lines = ["| scenario | target | metric | quantity | published (95% interval) | simulated (95% MC interval) | result | source |",
                     "|---|---|---|---|---|---|---|---|"]
        for c in comparisons {
            let t = c.target
            let cells = [c.scenario, t.name, t.metric, t.quantityLabel, format(t.value, t.interval),
                         format(c.simulated, c.simulatedInterval), c.verdict, t.source]
            lines.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Replaces the text between `<!-- MARKER:begin -->` and `<!-- MARKER:end -->` (`targets` by
    /// default) in `document` by `section` (markers kept), or `nil` when the markers are missing
    /// or out of order.
    public static func replacingGeneratedSection(in document: String, with section: String, marker: String = "targets") -> String? {
        let begin = "<!-- \(marker):begin -->", end = "<!-- \(marker):end -->"
        guard let start = document.range(of: begin), let stop = document.range(of: end),
              start.upperBound <= stop.lowerBound else { return nil }
        return String(document[..<start.upperBound]) + "\n" + section + String(document[stop.lowerBound...])
    }
}
