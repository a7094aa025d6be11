import Testing
@testable import Baclosim

extension RunReport {
    /// The accumulated mean (count, mean, standard error) of `metric` in `arm`, looked up by
    /// name; records a test failure and throws when either name is not in the layout.
    func metric(_ metric: String, arm: String) throws -> MeanAccumulator {
        let layout = result.layout
        let a = try #require(layout.arms.firstIndex(of: arm), "no arm \(arm)")
        let m = try #require(layout.metrics.firstIndex { $0.name == metric }, "no metric \(metric)")
        return result.outcomes.mean(arm: a, metric: m)
    }
}
