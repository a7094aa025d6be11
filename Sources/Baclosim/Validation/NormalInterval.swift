/// The two-sided 95 % normal interval every table uses: `estimate ± 1.96·SE` (1.96, as the RM-1
/// reference implementation and the trials' reports print it; the exact quantile is 1.959964).
/// One value for the summary and difference intervals, the effect measures, the target
/// comparisons and the cost-effectiveness analysis's verdicts on Monte Carlo error.
enum NormalInterval {
    /// z of a two-sided 95 % normal interval.
    static let z95 = 1.96
}
