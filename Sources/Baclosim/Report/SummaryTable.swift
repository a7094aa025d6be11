/// One row of an outcome table: an estimate with its standard error, as in the RM-1 reference
/// CSV (`arm,metric,mean,se,ci_low,ci_high`).
struct SummaryRow: Equatable {
    /// Arm name, or `minuend-subtrahend` for a paired difference.
    var arm: String
    /// Metric name, `<metric>_pXX` for a quantile, or a count (`subjects`, `excluded`, `failed`).
    var metric: String
    /// The estimate (a mean, proportion, quantile or count); nil when there were no values.
    var mean: Double?
    /// Its standard error; nil when there is none (fewer than 2 values, or a count).
    var se: Double?
    /// Whether `mean` is a count (written as an integer).
    var isCount = false
    /// For a proportion (a share of subjects), the number of subjects it is over: its interval
    /// is then Wilson's score interval, which stays within [0, 1]; nil for other estimates.
    var proportionSubjects: Int? = nil

    /// z for a two-sided 95 % normal interval, as in the reference implementation.
    static let z95 = NormalInterval.z95

    /// Lower end of the 95 % interval: mean − 1.96·se, or Wilson's for a proportion.
    var ciLow: Double? { interval?.low }
    /// Upper end of the 95 % interval: mean + 1.96·se, or Wilson's for a proportion.
    var ciHigh: Double? { interval?.high }

    /// The 95 % interval, when there is a standard error.
    var interval: (low: Double, high: Double)? {
        guard let mean, let se else { return nil }
        if let n = proportionSubjects, n > 0 { return Self.wilsonInterval(proportion: mean, subjects: n) }
        return (mean - Self.z95 * se, mean + Self.z95 * se)
    }

    /// Wilson's score interval for a proportion `p` of `n` subjects (Wilson 1927; Newcombe 1998's
    /// method 3): `(p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n)`, inside [0, 1] even at
    /// p = 0 or 1, where the normal interval leaves it.
    static func wilsonInterval(proportion p: Double, subjects n: Int) -> (low: Double, high: Double) {
        let z = z95, count = Double(n)
        let center = (p + z * z / (2 * count)) / (1 + z * z / count)
        let half = z * (p * (1 - p) / count + z * z / (4 * count * count)).squareRoot() / (1 + z * z / count)
        return (max(0, center - half), min(1, center + half))
    }
}

/// The outcome tables of a run: per arm every metric (and its quantiles) and the subject
/// counts; per paired difference its metrics.
struct SummaryTable {
    /// Per-arm rows: for each arm, its metrics in layout order (each followed by its quantile
    /// rows), then the counts `subjects` (counted in the arm), `excluded` and `failed`.
    let armRows: [SummaryRow]
    /// Paired-difference rows, in layout order.
    let differenceRows: [SummaryRow]

    /// The tables of `result`.
    init(_ result: RunResult) {
        let layout = result.layout
        let outcomes = result.outcomes
        var rows: [SummaryRow] = []
        for (arm, armName) in layout.arms.enumerated() {
            for (m, metric) in layout.metrics.enumerated() {
                let accumulator = outcomes.mean(arm: arm, metric: m)
                rows.append(
                    SummaryRow(
                        arm: armName, metric: metric.name, mean: accumulator.meanIfAny,
                        se: accumulator.standardError, proportionSubjects: metric.kind == .proportion ? accumulator.count : nil))
                if metric.reportsStandardDeviation {
                    // The sample SD across the arm's subjects; no standard error is given for it.
                    rows.append(SummaryRow(arm: armName, metric: metric.standardDeviationRowName,
                                           mean: accumulator.sampleVariance.map { $0.squareRoot() }, se: nil))
                }
                if let sketch = outcomes.sketch(arm: arm, metric: m) {
                    for p in metric.quantiles {
                        rows.append(
                            SummaryRow(
                                arm: armName, metric: metric.quantileRowName(p), mean: sketch.quantile(p),
                                se: sketch.quantileStandardError(p)))
                    }
                }
            }
            rows.append(Self.count(armName, "subjects", outcomes.includedSubjects[arm]))
            rows.append(Self.count(armName, "excluded", outcomes.excludedSubjects[arm]))
            rows.append(Self.count(armName, "failed", outcomes.failedSubjects))
        }
        armRows = rows

        var differenceRows: [SummaryRow] = []
        for (d, difference) in layout.differences.enumerated() {
            let a = layout.arms.firstIndex(of: difference.minuend), b = layout.arms.firstIndex(of: difference.subtrahend)
            for (k, metric) in difference.metrics.enumerated() {
                let accumulator = outcomes.difference(d, metricAt: k)
                differenceRows.append(
                    SummaryRow(
                        arm: difference.name, metric: metric, mean: accumulator.meanIfAny,
                        se: accumulator.standardError))
                // A metric some subjects lack (NaN in either arm) is differenced over those with
                // a value in both: say how many, since its arm means are over other subjects.
                if let a, let b, accumulator.count != outcomes.includedSubjects[a] || accumulator.count != outcomes.includedSubjects[b] {
                    differenceRows.append(Self.count(difference.name, "\(metric)_n", accumulator.count))
                }
            }
        }
        self.differenceRows = differenceRows
    }

    private static func count(_ arm: String, _ name: String, _ value: Int) -> SummaryRow {
        SummaryRow(arm: arm, metric: name, mean: Double(value), se: nil, isCount: true)
    }
}
