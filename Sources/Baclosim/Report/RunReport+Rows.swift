/// One estimate of a run's outcome tables: an arm's (or a paired difference's) metric mean and
/// its Monte Carlo standard error, as written to `summary.csv` / `differences.csv`.
public struct OutcomeRow: Sendable, Equatable {
    /// Arm name, or `a-b` for a paired difference.
    public var arm: String
    /// Metric name.
    public var metric: String
    /// The mean (a proportion for binary endpoints); `nil` when no subject had a value.
    public var mean: Double?
    /// Its standard error; `nil` when there is none.
    public var se: Double?

    /// Creates a row.
    public init(arm: String, metric: String, mean: Double?, se: Double?) {
        self.arm = arm
        self.metric = metric
        self.mean = mean
        self.se = se
    }
}

extension RunReport {
    /// Per-arm rows of `summary.csv` (metrics and quantiles; the subject counts left out).
    public var armOutcomeRows: [OutcomeRow] {
        table.armRows.filter { !$0.isCount }.map { OutcomeRow(arm: $0.arm, metric: $0.metric, mean: $0.mean, se: $0.se) }
    }

    /// Rows of `differences.csv`: paired differences, arm written `a-b`.
    public var differenceOutcomeRows: [OutcomeRow] {
        table.differenceRows.map { OutcomeRow(arm: $0.arm, metric: $0.metric, mean: $0.mean, se: $0.se) }
    }
}
