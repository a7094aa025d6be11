/// One estimate of a run in the tidy form shared by sweeps and PSA: arm (or `A-B` for a paired
/// difference), metric, mean and standard error.
public struct OutcomeRow: Sendable, Equatable {
    /// What the row is: a metric of one arm, a paired difference, or a subject count.
    public enum Kind: String, Sendable {
        case arm, difference, count
    }

    /// Arm name, or `minuend-subtrahend` for a paired difference.
    public var arm: String
    /// Metric name (`<metric>_pXX` for a quantile; `subjects`, `excluded`, `failed` for counts).
    public var metric: String
    /// Arm metric, difference or count.
    public var kind: Kind
    /// The estimate; `nil` when there were no values.
    public var mean: Double?
    /// Its Monte Carlo standard error; `nil` when there is none.
    public var se: Double?
    /// Its 95 % interval (Wilson's for a proportion of subjects, else normal); `nil` without a
    /// standard error.
    public var ciLow: Double?
    public var ciHigh: Double?

    /// Creates a row; without `interval`, the normal 95 % interval of `mean` and `se`.
    public init(arm: String, metric: String, kind: Kind = .arm, mean: Double?, se: Double?,
                interval: (low: Double, high: Double)? = nil) {
        self.arm = arm
        self.metric = metric
        self.kind = kind
        self.mean = mean
        self.se = se
        let normal = mean.flatMap { m in se.map { (low: m - SummaryRow.z95 * $0, high: m + SummaryRow.z95 * $0) } }
        ciLow = (interval ?? normal)?.low
        ciHigh = (interval ?? normal)?.high
    }

    /// Every row of `report`'s `summary.csv` then `differences.csv`, in their order.
    public static func rows(of report: RunReport) -> [OutcomeRow] {
        report.table.armRows.map {
            OutcomeRow(arm: $0.arm, metric: $0.metric, kind: $0.isCount ? .count : .arm, mean: $0.mean, se: $0.se, interval: $0.interval)
        } + report.table.differenceRows.map {
            OutcomeRow(arm: $0.arm, metric: $0.metric, kind: $0.isCount ? .count : .difference, mean: $0.mean, se: $0.se, interval: $0.interval)
        }
    }
}
