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

    /// z for a two-sided 95 % normal interval, as in the reference implementation.
    static let z95 = 1.96

    /// Lower end of the 95 % interval, mean − 1.96·se.
    var ciLow: Double? { mean.flatMap { m in se.map { m - Self.z95 * $0 } } }
    /// Upper end of the 95 % interval, mean + 1.96·se.
    var ciHigh: Double? { mean.flatMap { m in se.map { m + Self.z95 * $0 } } }
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
                        se: accumulator.standardError))
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
            for (k, metric) in difference.metrics.enumerated() {
                let accumulator = outcomes.difference(d, metricAt: k)
                differenceRows.append(
                    SummaryRow(
                        arm: difference.name, metric: metric, mean: accumulator.meanIfAny,
                        se: accumulator.standardError))
            }
        }
        self.differenceRows = differenceRows
    }

    private static func count(_ arm: String, _ name: String, _ value: Int) -> SummaryRow {
        SummaryRow(arm: arm, metric: name, mean: Double(value), se: nil, isCount: true)
    }
}
