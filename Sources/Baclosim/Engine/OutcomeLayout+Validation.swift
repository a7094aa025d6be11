extension OutcomeLayout {
    /// Every problem with this layout, each naming what is wrong and how to fix it; empty when
    /// the layout is usable.
    func validationProblems() -> [String] {
        var problems: [String] = []
        func checkNames(_ names: [String], _ what: String, allowEmpty: Bool = true) {
            if names.isEmpty && !allowEmpty {
                problems.append("\(what): none given. Give at least one.")
            }
            var seen = Set<String>()
            for name in names {
                if !OutputNames.isIdentifier(name) {
                    problems.append(
                        "\(what): '\(name)' is not a valid name. Use letters, digits and underscores, "
                            + "starting with a letter (e.g. 'baclofen_30').")
                }
                if !seen.insert(name).inserted {
                    problems.append("\(what): '\(name)' appears more than once. Names must be unique.")
                }
            }
        }
        checkNames(arms, "arms", allowEmpty: false)
        checkNames(metrics.map(\.name), "metrics")
        checkNames(endpoints, "endpoints")
        checkNames(series, "series")
        checkNames(trajectoryColumns, "trajectory columns")
        if horizonDays < 1 {
            problems.append("horizon: \(horizonDays) days. The horizon must be at least 1 day.")
        }
        for metric in metrics {
            problems += metric.validationProblems()
        }
        for difference in differences {
            for arm in [difference.minuend, difference.subtrahend] where armIndex(arm) == nil {
                problems.append(
                    "differences \(difference.name): arm '\(arm)' is not one of the arms "
                        + "(\(arms.joined(separator: ", "))).")
            }
            if difference.minuend == difference.subtrahend {
                problems.append("differences \(difference.name): an arm minus itself is always 0. Pick two arms.")
            }
            for metric in difference.metrics where metricIndex(metric) == nil {
                problems.append("differences \(difference.name): metric '\(metric)' is not one of the metrics.")
            }
        }
        return problems
    }
}

extension MetricSpec {
    /// Problems with this metric's quantiles and grid.
    func validationProblems() -> [String] {
        var problems: [String] = []
        for p in quantiles where !(p > 0 && p < 1) {
            problems.append("metric \(name): quantile \(p) is outside (0, 1). Use e.g. 0.05 for the 5th percentile.")
        }
        if !quantiles.isEmpty && grid == nil {
            problems.append("metric \(name): quantiles need a grid (lower, upper, bins) covering the usual values.")
        }
        if let grid {
            if !(grid.lower.isFinite && grid.upper.isFinite && grid.lower < grid.upper) {
                problems.append(
                    "metric \(name): grid range [\(grid.lower), \(grid.upper)) is empty or not finite. "
                        + "Give finite lower < upper.")
            }
            if grid.bins < 1 {
                problems.append("metric \(name): grid has \(grid.bins) bins. Use at least 1 (e.g. 2048).")
            }
            if grid.scale == .log && !(grid.lower > 0) {
                problems.append("metric \(name): a log grid needs lower > 0 (found \(grid.lower)).")
            }
        }
        return problems
    }
}
