import Foundation

/// Trials simulated at their real size (`baclosim trial`): replicate parallel-group trials of a
/// given number of subjects per arm drawn from the scenario's model, each analysed as the trial
/// would be (``TrialTest``), giving the spread of a trial's result and its power.
///
/// Replicate `r` of size `n` simulates subjects `r·n·A ..< (r + 1)·n·A` (`A` arms), each
/// randomised to one arm (subject mod `A`: exactly `n` per arm), so arms hold different people
/// as in a trial, and every replicate has its own subject streams. Sizes share subjects (the
/// first replicates of a larger size contain those of a smaller one's), which makes a power
/// curve smooth. Each replicate is a run in blocks of `n` subjects merged in block order, so the
/// tables are the same for any thread count.
public struct TrialSimulation: Sendable {
    /// The scenario as loaded.
    public let scenario: Scenario
    private let model: CohortModel

    /// Compiles `scenario`; the comparisons are its `differences.csv` pairs, the metrics theirs.
    public init(scenario: Scenario) throws {
        self.scenario = scenario
        model = try CohortModel(scenario: scenario)
    }

    /// One analysed comparison of one replicate.
    public struct Row: Sendable, Equatable {
        public var subjectsPerArm: Int
        public var replicate: Int
        public var comparison: String
        public var metric: String
        var result: TrialTestResult
    }

    /// One comparison's summary over the replicates of one size.
    public struct PowerRow: Sendable, Equatable {
        public var subjectsPerArm: Int
        public var comparison: String
        public var metric: String
        public var test: String
        /// Replicates analysed (a metric without values in a replicate is left out of it).
        public var replicates: Int
        /// Share of replicates with p < alpha, with Wilson's 95 % interval over the replicates.
        public var power: Double
        public var powerLow: Double
        public var powerHigh: Double
        /// The estimate across replicates: mean, SD, 5th, 50th and 95th percentiles.
        public var estimateMean: Double
        public var estimateSD: Double
        public var estimateP05: Double
        public var estimateP50: Double
        public var estimateP95: Double
        /// The population value (the same estimate on all replicates' subjects pooled) and the
        /// share of the replicates' 95 % confidence intervals that contain it.
        public var populationValue: Double
        public var coverage: Double
    }

    /// Runs `replicates` trials for each of `sizes` subjects per arm and analyses them at
    /// significance level `alpha`.
    /// - Parameter progress: called with (replicates done, replicates in total).
    public func run(subjectsPerArm sizes: [Int], replicates: Int, alpha: Double = 0.05, threads: Int = 1,
                    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> TrialReport {
        GSL.configure()
        var layout = model.layout
        let armCount = layout.arms.count
        // Each endpoint's test, and the rank test's endpoints' values kept subject by subject.
        let tests = Dictionary(scenario.endpoints.compactMap { e in e.trialTest.map { (e.name, $0) } }, uniquingKeysWith: { a, _ in a })
        layout.keptValueMetrics = layout.metrics.indices.filter { tests[layout.metrics[$0].name] == .wilcoxon }
        // The comparisons: every paired difference's arms and metrics.
        let comparisons: [(name: String, a: Int, b: Int, metrics: [(name: String, index: Int)])] = layout.differences.compactMap { difference in
            guard let a = layout.arms.firstIndex(of: difference.minuend), let b = layout.arms.firstIndex(of: difference.subtrahend) else { return nil }
            let metrics = difference.metrics.compactMap { name in layout.metrics.firstIndex { $0.name == name }.map { (name, $0) } }
            return (difference.name, a, b, metrics)
        }
        var rows: [Row] = []
        var power: [PowerRow] = []
        let frozen = model
        var done = 0
        for n in sizes {
            var pooled: OutcomeAccumulator?
            var sizeRows: [Row] = []
            for r in 0..<replicates {
                let configuration = RunConfiguration(subjects: n * armCount, firstSubject: UInt64(r) * UInt64(n * armCount), blockSize: n,
                                                     threads: max(1, threads), maxFailedFraction: frozen.scenario.run.maxFailedFraction)
                let result = try Runner.run(configuration, layout: layout,
                                            makeSimulator: { CohortSimulator(model: frozen, sharesArmPrefixes: false, parallelGroups: true) })
                if pooled == nil { pooled = result.outcomes } else { pooled?.merge(result.outcomes) }
                for comparison in comparisons {
                    for metric in comparison.metrics {
                        guard let test = TrialTest.analyse(result, arm: comparison.a, versus: comparison.b, metric: metric.index,
                                                           test: tests[metric.name]) else { continue }
                        sizeRows.append(Row(subjectsPerArm: n, replicate: r, comparison: comparison.name, metric: metric.name, result: test))
                    }
                }
                done += 1
                progress?(done, sizes.count * replicates)
            }
            rows += sizeRows
            guard let pooled else { continue }
            let population = RunResult(layout: layout, configuration: RunConfiguration(subjects: pooled.subjects), outcomes: pooled, maxPendingBlocks: 0)
            for comparison in comparisons {
                for metric in comparison.metrics {
                    let these = sizeRows.filter { $0.comparison == comparison.name && $0.metric == metric.name }
                    guard let test = these.first?.result.test else { continue }
                    let value = TrialTest.analyse(population, arm: comparison.a, versus: comparison.b, metric: metric.index,
                                                  test: tests[metric.name] == .wilcoxon ? .wilcoxon : nil)?.estimate ?? .nan
                    power.append(Self.summary(these, subjectsPerArm: n, alpha: alpha, test: test, populationValue: value))
                }
            }
        }
        return TrialReport(rows: rows, power: power, alpha: alpha, replicates: replicates, scenarioName: scenario.name)
    }

    /// Power, the estimate's distribution and the coverage of `populationValue` over `rows`.
    static func summary(_ rows: [Row], subjectsPerArm n: Int, alpha: Double, test: String, populationValue: Double) -> PowerRow {
        let count = rows.count
        let rejected = rows.filter { $0.result.pValue < alpha }.count
        let share = count > 0 ? Double(rejected) / Double(count) : .nan
        let wilson = count > 0 ? SummaryRow.wilsonInterval(proportion: share, subjects: count) : (low: Double.nan, high: Double.nan)
        let estimates = rows.map(\.result.estimate).sorted()
        let mean = estimates.reduce(0, +) / Double(max(1, count))
        let variance = count > 1 ? estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1) : .nan
        func percentile(_ p: Double) -> Double {
            guard count > 0 else { return .nan }
            // Linear interpolation between order statistics (type 7).
            let h = p * Double(count - 1), low = Int(h.rounded(.down)), high = min(count - 1, low + 1)
            return estimates[low] + (h - Double(low)) * (estimates[high] - estimates[low])
        }
        let covered = rows.filter { $0.result.ciLow <= populationValue && populationValue <= $0.result.ciHigh }.count
        return PowerRow(subjectsPerArm: n, comparison: rows.first?.comparison ?? "", metric: rows.first?.metric ?? "", test: test,
                        replicates: count, power: share, powerLow: wilson.low, powerHigh: wilson.high, estimateMean: mean,
                        estimateSD: variance.squareRoot(), estimateP05: percentile(0.05), estimateP50: percentile(0.5),
                        estimateP95: percentile(0.95), populationValue: populationValue,
                        coverage: count > 0 && !populationValue.isNaN ? Double(covered) / Double(count) : .nan)
    }
}

/// The outputs of ``TrialSimulation``: `trials.csv` (one row per replicate and comparison:
/// estimate, 95 % confidence interval, p-value) and `power.csv` (per size and comparison: power
/// with its interval, the estimate's distribution, the population value and the coverage of the
/// trials' intervals).
public struct TrialReport: Sendable {
    public let rows: [TrialSimulation.Row]
    public let power: [TrialSimulation.PowerRow]
    public let alpha: Double
    public let replicates: Int
    public let scenarioName: String

    /// `trials.csv`.
    public var trialsCSV: String {
        var text = "subjects_per_arm,replicate,comparison,metric,test,estimate,ci_low,ci_high,p_value\n"
        for row in rows {
            let r = row.result
            text += "\(row.subjectsPerArm),\(row.replicate),\(row.comparison),\(row.metric),\(r.test),"
            text += [r.estimate, r.ciLow, r.ciHigh, r.pValue].map { CSVNumber.format($0) }.joined(separator: ",") + "\n"
        }
        return text
    }

    /// `power.csv`.
    public var powerCSV: String {
        var text = "subjects_per_arm,comparison,metric,test,replicates,alpha,power,power_ci_low,power_ci_high,"
        text += "estimate_mean,estimate_sd,estimate_p05,estimate_p50,estimate_p95,population_value,ci_coverage\n"
        for row in power {
            text += "\(row.subjectsPerArm),\(row.comparison),\(row.metric),\(row.test),\(row.replicates),\(CSVNumber.format(alpha)),"
            text += [row.power, row.powerLow, row.powerHigh, row.estimateMean, row.estimateSD, row.estimateP05, row.estimateP50,
                     row.estimateP95, row.populationValue, row.coverage].map { CSVNumber.format($0) }.joined(separator: ",") + "\n"
        }
        return text
    }

    /// `power.md`: the power table, readable.
    public var powerMarkdown: String {
        var text = "# Simulated trials: \(scenarioName)\n\n"
        text += "\(replicates) replicate trials per size, parallel groups, two-sided α = \(CSVNumber.format(alpha)). "
        text += "Tests: χ² (or Fisher's exact test) for proportions, Welch's t (or the Wilcoxon rank-sum test) for means, "
        text += "log-rank for time to event (estimates: risk difference, mean difference, Mann–Whitney probability "
        text += "P(A > B) + ½·P(A = B), Mantel–Haenszel hazard ratio).\n\n"
        text += "| n per arm | comparison | metric | test | power (95% CI) | estimate: median (5th–95th) | population value | CI coverage |\n"
        text += "|---|---|---|---|---|---|---|---|\n"
        func g(_ x: Double) -> String { String(format: "%.4g", x) }
        for row in power {
            text += "| \(row.subjectsPerArm) | \(row.comparison) | \(row.metric) | \(row.test) | \(g(row.power)) (\(g(row.powerLow)), \(g(row.powerHigh))) "
            text += "| \(g(row.estimateP50)) (\(g(row.estimateP05))–\(g(row.estimateP95))) | \(g(row.populationValue)) | \(g(row.coverage)) |\n"
        }
        return text
    }

    /// Writes `trials.csv`, `power.csv` and `power.md` into `path`, atomically.
    public func write(to path: String) throws {
        try OutputFolder.write(to: path, marker: "power.md") { writer in
            try writer.write(trialsCSV, to: "trials.csv")
            try writer.write(powerCSV, to: "power.csv")
            try writer.write(powerMarkdown, to: "power.md")
        }
    }
}
