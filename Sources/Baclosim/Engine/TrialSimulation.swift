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
        var analysis = Analysis(self, sizes: sizes, replicates: replicates, alpha: alpha)
        for unit in 0..<(sizes.count * replicates) {
            try analysis.add(replicate(unit: unit, sizes: sizes, replicates: replicates, threads: threads))
            progress?(unit + 1, sizes.count * replicates)
        }
        return analysis.report()
    }

    /// The layout every replicate accumulates: the scenario's, keeping subject by subject the
    /// values of the metrics a rank test analyses.
    private var trialLayout: OutcomeLayout {
        var layout = model.layout
        layout.keptValueMetrics = layout.metrics.indices.filter { tests[layout.metrics[$0].name] == .wilcoxon }
        return layout
    }

    /// Each endpoint's test.
    private var tests: [String: TrialTestKind] {
        Dictionary(scenario.endpoints.compactMap { e in e.trialTest.map { (e.name, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// Work unit `unit` (size `unit / replicates`, replicate `unit mod replicates`): its run's
    /// configuration. Replicate `r` of size `n` simulates subjects `r·n·A ..< (r + 1)·n·A`.
    private func configuration(unit: Int, sizes: [Int], replicates: Int, threads: Int) -> RunConfiguration {
        let n = sizes[unit / replicates], r = unit % replicates, armCount = model.layout.arms.count
        return RunConfiguration(subjects: n * armCount, firstSubject: UInt64(r) * UInt64(n * armCount), blockSize: n,
                                threads: max(1, threads), maxFailedFraction: model.scenario.run.maxFailedFraction)
    }

    /// Simulates work unit `unit`: one replicate trial.
    private func replicate(unit: Int, sizes: [Int], replicates: Int, threads: Int) throws -> RunResult {
        let frozen = model
        return try Runner.run(configuration(unit: unit, sizes: sizes, replicates: replicates, threads: threads), layout: trialLayout,
                              makeSimulator: { CohortSimulator(model: frozen, sharesArmPrefixes: false, parallelGroups: true) })
    }

    /// Part `shard` of ``run(subjectsPerArm:replicates:alpha:threads:progress:)``: its share of
    /// the replicates (all sizes' replicates in order, contiguous), each replicate's outcomes
    /// kept for ``mergeParts(paths:)``.
    /// - Parameter scenarioDigest: ``ScenarioTemplate/portableDigest`` of the scenario file.
    public func runPart(_ shard: Shard, scenarioDigest: String, subjectsPerArm sizes: [Int], replicates: Int, alpha: Double = 0.05,
                        threads: Int = 1, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> CohortPart {
        GSL.configure()
        let startedAt = CohortPart.timestamp(), start = Date()
        let units = sizes.count * replicates
        guard shard.count <= units else {
            throw EngineError.invalidConfiguration(["--shard \(shard): \(shard.count) parts of \(units) replicate trials would leave some parts empty; use at most \(units) parts"])
        }
        let range = shard.range(of: units)
        var kept: [(index: Int, bytes: [UInt8])] = []
        for unit in range {
            var encoder = PartEncoder()
            try replicate(unit: unit, sizes: sizes, replicates: replicates, threads: threads).outcomes.encode(into: &encoder)
            kept.append((unit, encoder.bytes))
            progress?(unit - range.lowerBound + 1, range.count)
        }
        var header = CohortPart.header(kind: "trial", scenario: scenario, digest: scenarioDigest, seed: scenario.run.seed, shard: shard,
                                       units: units, threads: max(1, threads), startedAt: startedAt, wallTimeS: Date().timeIntervalSince(start))
        header.sizes = sizes
        header.replicates = replicates
        header.alpha = alpha
        return CohortPart(header: header, units: kept)
    }

    /// Merges the parts of sharded trials at `paths` (`trial --shard K/N` folders or their
    /// `trial.part`, any order): the report the single process writes, and the parts.
    /// - Throws: ``PSAPartMerge/MergeError`` naming every missing, duplicate, foreign, corrupt or
    ///   truncated part, or a scenario that changed since the parts ran.
    /// - Parameter scenarioPath: the scenario file, where it is not at the path the parts record.
    public static func mergeParts(paths: [String], scenarioPath: String? = nil) throws -> (report: TrialReport, parts: [CohortPart.Record]) {
        let parts = try CohortPart.readAll(paths: paths, fileName: "trial.part", command: "baclosim trial …")
        let simulation = try TrialSimulation(scenario: try parts[0].loadScenario(at: scenarioPath))
        return (try simulation.mergeParts(parts), parts.map(\.record))
    }

    /// The report of the single process from `parts`: every part of these trials in part order.
    public func mergeParts(_ parts: [CohortPart]) throws -> TrialReport {
        let header = parts[0].header
        let simulation = self
        guard let sizes = header.sizes, let replicates = header.replicates, let alpha = header.alpha else {
            throw PSAPartMerge.MergeError(problems: ["\(parts[0].path): not a trial part (no sizes, replicates or alpha)"])
        }
        var analysis = Analysis(simulation, sizes: sizes, replicates: replicates, alpha: alpha)
        let layout = simulation.trialLayout
        do {
            for part in parts {
                for k in part.units.indices {
                    let outcomes = try part.outcomes(unit: k, layout: layout)
                    let configuration = simulation.configuration(unit: part.units[k].index, sizes: sizes, replicates: replicates,
                                                                 threads: part.header.threads)
                    analysis.add(try RunResult(layout: layout, configuration: configuration, outcomes: outcomes, maxPendingBlocks: 0)
                        .checkedForFailures())
                }
            }
        } catch let error as CohortPart.ReadError {
            throw PSAPartMerge.MergeError(problems: [error.description])
        }
        return analysis.report()
    }

    /// The analysis of the replicates, fed one replicate at a time in unit order (sizes in
    /// order, each size's replicates in order): each replicate's tests, and per size the power
    /// and the population value over the replicates' subjects pooled in replicate order.
    private struct Analysis {
        let layout: OutcomeLayout
        let tests: [String: TrialTestKind]
        let sizes: [Int]
        let replicates: Int
        let alpha: Double
        let scenarioName: String
        /// The comparisons: every paired difference's arms and metrics.
        let comparisons: [(name: String, a: Int, b: Int, metrics: [(name: String, index: Int)])]
        var rows: [Row] = []
        var power: [PowerRow] = []
        private var unit = 0
        private var pooled: OutcomeAccumulator?
        private var sizeRows: [Row] = []

        init(_ simulation: TrialSimulation, sizes: [Int], replicates: Int, alpha: Double) {
            let layout = simulation.trialLayout
            self.layout = layout
            tests = simulation.tests
            self.sizes = sizes
            self.replicates = replicates
            self.alpha = alpha
            scenarioName = simulation.scenario.name
            comparisons = layout.differences.compactMap { difference in
                guard let a = layout.arms.firstIndex(of: difference.minuend), let b = layout.arms.firstIndex(of: difference.subtrahend) else { return nil }
                let metrics = difference.metrics.compactMap { name in layout.metrics.firstIndex { $0.name == name }.map { (name, $0) } }
                return (difference.name, a, b, metrics)
            }
        }

        /// Adds the next replicate's result.
        mutating func add(_ result: RunResult) {
            let n = sizes[unit / replicates], r = unit % replicates
            if pooled == nil { pooled = result.outcomes } else { pooled?.merge(result.outcomes) }
            for comparison in comparisons {
                for metric in comparison.metrics {
                    guard let test = TrialTest.analyse(result, arm: comparison.a, versus: comparison.b, metric: metric.index,
                                                       test: tests[metric.name]) else { continue }
                    sizeRows.append(Row(subjectsPerArm: n, replicate: r, comparison: comparison.name, metric: metric.name, result: test))
                }
            }
            unit += 1
            if r == replicates - 1 { finishSize(n) }
        }

        /// The power rows of size `n`, from its replicates' rows and their pooled subjects.
        private mutating func finishSize(_ n: Int) {
            rows += sizeRows
            defer {
                pooled = nil
                sizeRows = []
            }
            guard let pooled else { return }
            let population = RunResult(layout: layout, configuration: RunConfiguration(subjects: pooled.subjects), outcomes: pooled, maxPendingBlocks: 0)
            for comparison in comparisons {
                for metric in comparison.metrics {
                    let these = sizeRows.filter { $0.comparison == comparison.name && $0.metric == metric.name }
                    guard let test = these.first?.result.test else { continue }
                    let value = TrialTest.analyse(population, arm: comparison.a, versus: comparison.b, metric: metric.index,
                                                  test: tests[metric.name] == .wilcoxon ? .wilcoxon : nil)?.estimate ?? .nan
                    power.append(TrialSimulation.summary(these, subjectsPerArm: n, alpha: alpha, test: test, populationValue: value))
                }
            }
        }

        /// The report of every replicate added.
        func report() -> TrialReport {
            TrialReport(rows: rows, power: power, alpha: alpha, replicates: replicates, scenarioName: scenarioName)
        }
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

    /// Writes `trials.csv`, `power.csv` and `power.md` into `path`, atomically; merged parts
    /// (`shards`) are listed in `shards.json` beside them.
    public func write(to path: String, shards: [CohortPart.Record] = []) throws {
        var shardsJSON: String?
        if !shards.isEmpty {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            shardsJSON = String(decoding: try encoder.encode(["parts": shards]), as: UTF8.self) + "\n"
        }
        try OutputFolder.write(to: path, marker: "power.md") { writer in
            try writer.write(trialsCSV, to: "trials.csv")
            try writer.write(powerCSV, to: "power.csv")
            try writer.write(powerMarkdown, to: "power.md")
            if let shardsJSON { try writer.write(shardsJSON, to: "shards.json") }
        }
    }
}
