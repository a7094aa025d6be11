import Foundation

/// The report of a run: every output table as text, and the output folder that holds them.
///
/// Files: `summary.csv`, `differences.csv` and `effects.csv` (when the layout has paired differences),
/// `subgroups.csv`, `subgroup-effects.csv` and `subgroup-km.csv` (with `subgroups:`),
/// `timeseries.csv` (daily series), `km.csv` (time-to-event endpoints), with economics `ce.csv`,
/// `ce.md`, `nmb.csv`, `events.csv` and `risk_level_transitions.csv` (``PeriodTransitionTable``), `trajectories.csv`
/// (with `--trajectories`), `summary.md` and `manifest.json`. Every file except the manifest's
/// timing fields is byte-identical for any thread count.
public struct RunReport {
    /// The run's merged outcomes.
    public let result: RunResult
    /// How the run was produced.
    public var manifest: RunManifest
    /// The outcome tables.
    let table: SummaryTable
    /// The willingness-to-pay values (currency/QALY) of `ce.md` and `nmb.csv`, when the run has
    /// `cost` and `qalys` metrics (the currency and price year are the manifest's ``RunManifest/costs``).
    public var willingnessToPay: [Double] = []

    /// The report of `result`, described by `manifest`.
    public init(result: RunResult, manifest: RunManifest) {
        self.result = result
        self.manifest = manifest
        table = SummaryTable(result)
    }

    /// `summary.csv`: `arm,metric,mean,se,ci_low,ci_high`, one row per arm × metric, quantile
    /// and count.
    public var summaryCSV: String { table.summaryCSV }

    /// `differences.csv`: paired differences, arm written `A-B`.
    public var differencesCSV: String { table.differencesCSV }

    /// `summary.md`: a readable Markdown summary (also meant for stdout).
    public var summaryMarkdown: String {
        table.markdown(layout: result.layout, subjects: result.subjects, failedSubjects: result.failedSubjects,
                       effects: result.layout.differences.isEmpty ? nil : EffectTable(result))
    }

    /// `effects.csv`: the effect measures of every compared pair (``EffectTable``).
    public var effectsCSV: String { EffectTable(result).csv }

    /// `manifest.json`: sorted keys, so that only the timing values differ between runs.
    public func manifestJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(manifest), as: UTF8.self) + "\n"
    }

    /// Every file of the output folder, in writing order (the manifest last).
    public func files() throws -> [(name: String, text: String)] {
        let layout = result.layout
        var files: [(name: String, text: String)] = [("summary.csv", summaryCSV)]
        if !layout.differences.isEmpty {
            files.append(("differences.csv", differencesCSV))
            files.append(("effects.csv", effectsCSV))
        }
        if !layout.subgroups.isEmpty {
            files.append(("subgroups.csv", SubgroupTables.summaryCSV(result)))
            if !layout.differences.isEmpty { files.append(("subgroup-effects.csv", SubgroupTables.effectsCSV(result))) }
            if !layout.endpoints.isEmpty { files.append(("subgroup-km.csv", SubgroupTables.kaplanMeierCSV(result))) }
        }
        if !layout.series.isEmpty { files.append(("timeseries.csv", SeriesTables.timeSeriesCSV(result))) }
        if !layout.endpoints.isEmpty { files.append(("km.csv", SeriesTables.kaplanMeierCSV(result))) }
        if let analysis = try costEffectiveness() {
            let currency = manifest.costs?.currency ?? "", priceYear = manifest.costs?.priceYear
            files.append(("ce.csv", analysis.csv(currency: currency, priceYear: priceYear)))
            files.append(("ce.md", analysis.markdown(currency: currency, willingnessToPay: willingnessToPay, priceYear: priceYear)))
            if !willingnessToPay.isEmpty {
                files.append(("nmb.csv", analysis.netBenefitCSV(willingnessToPay: willingnessToPay, currency: currency, priceYear: priceYear)))
            }
        }
        if !layout.attributableEvents.isEmpty { files.append(("events.csv", attributableEventsCSV)) }
        if let transitions = PeriodTransitionTable.file(result) { files.append(transitions) }
        if !result.outcomes.trajectories.isEmpty {
            files.append(("trajectories.csv", SeriesTables.trajectoriesCSV(result)))
        }
        files.append(("summary.md", summaryMarkdown))
        files.append(("manifest.json", try manifestJSON()))
        return files
    }

    /// The cost-effectiveness analysis of the arms' mean discounted `cost`, `qalys` and
    /// `life_years` (reference: the first arm), or `nil` when the run has no such metrics.
    public func costEffectiveness() throws -> CostEffectivenessAnalysis? {
        let metrics = result.layout.metrics.map(\.name)
        guard metrics.contains("cost"), metrics.contains("qalys") else { return nil }
        func mean(_ arm: String, _ metric: String) -> Double {
            table.armRows.first { $0.arm == arm && $0.metric == metric }?.mean ?? .nan
        }
        let arms = result.layout.arms.map { arm in
            ArmOutcome(name: arm, cost: mean(arm, "cost"), qalys: mean(arm, "qalys"),
                       lifeYears: metrics.contains("life_years") ? mean(arm, "life_years") : .nan,
                       costByCategory: Dictionary(uniqueKeysWithValues: CostCategory.allCases.filter { metrics.contains($0.metricName) }
                           .map { ($0, mean(arm, $0.metricName)) }))
        }
        var analysis = try CostEffectivenessAnalysis(arms: arms, referenceArm: 0)
        let layout = result.layout
        analysis.pairedDifferences = layout.decisionPairs.enumerated().compactMap { pair, difference in
            guard let a = layout.armIndex(difference.minuend), let b = layout.armIndex(difference.subtrahend) else { return nil }
            func estimate(_ k: Int) -> PairedEstimate {
                let accumulator = result.outcomes.decisionPair(pair, metricAt: k)
                return PairedEstimate(mean: accumulator.meanIfAny ?? .nan, standardError: accumulator.standardError ?? .nan,
                                      subjects: accumulator.count)
            }
            return PairedEconomicDifference(minuend: a, subtrahend: b, cost: estimate(0), qalys: estimate(1))
        }
        return analysis
    }

    /// `events.csv`: each alcohol-attributable event per 100,000 subjects in each arm (mean and
    /// 95 % interval of the expected count), and the events avoided per 100,000 by each arm
    /// against the first (the paired difference first − arm, with its 95 % interval: common
    /// random numbers make it far tighter than the arms' own intervals).
    var attributableEventsCSV: String {
        let layout = result.layout
        var text = "event,arm,comparator,per_100000,ci_low,ci_high,avoided_per_100000,avoided_ci_low,avoided_ci_high\n"
        let scale = 100_000.0
        for metric in layout.attributableEvents {
            let event = String(metric.dropFirst("events_".count))
            for (a, arm) in layout.arms.enumerated() {
                let row = table.armRows.first { $0.arm == arm && $0.metric == metric }
                var cells = [CSVField.escaped(event), CSVField.escaped(arm), a == 0 ? "" : CSVField.escaped(layout.arms[0]),
                             CSVNumber.format(row?.mean.map { $0 * scale }), CSVNumber.format(row?.ciLow.map { $0 * scale }),
                             CSVNumber.format(row?.ciHigh.map { $0 * scale })]
                let pair = layout.decisionPairs.firstIndex { $0.minuend == arm && $0.subtrahend == layout.arms[0] }
                let k = pair.flatMap { layout.decisionPairs[$0].metrics.firstIndex(of: metric) }
                if let pair, let k {
                    let accumulator = result.outcomes.decisionPair(pair, metricAt: k)
                    let avoided = accumulator.meanIfAny.map { -$0 * scale }
                    let half = accumulator.standardError.map { SummaryRow.z95 * $0 * scale }
                    cells += [CSVNumber.format(avoided), CSVNumber.format(avoided.flatMap { m in half.map { m - $0 } }),
                              CSVNumber.format(avoided.flatMap { m in half.map { m + $0 } })]
                } else {
                    cells += ["", "", ""]
                }
                text += cells.joined(separator: ",") + "\n"
            }
        }
        return text
    }

    /// Writes every file into the folder at `path`, atomically (see ``OutputFolder``).
    public func write(to path: String) throws {
        let files = try files()
        try OutputFolder.write(to: path) { writer in
            for file in files { try writer.write(file.text, to: file.name) }
        }
    }
}
