import Foundation

/// The output folder of `baclosim psa`.
///
/// Always: `psa.csv` (tidy: draw, arm, metric, mean, se — every metric of every arm and every
/// paired difference) and `psa_parameters.csv` (draw, key, value). When every arm reports the
/// metrics `cost` and `qalys`, also the cost-effectiveness outputs of ``PSASummary``:
/// `ceac.csv`, `evpi.csv`, `evppi.csv` (by regression on the draws, ``PartialPerfectInformation``;
/// groups with too few draws for the metamodel are left out), `ce-plane.csv` (against the first arm), `psa-noise.csv` (the share
/// of each arm's PSA variance that is inner-loop Monte Carlo noise) and the figures `ceac.svg`
/// and `ce-plane.svg`. Without them ``note`` says so.
public struct PSAReport {
    /// The draws.
    public let result: PSARunResult
    /// λ values of the acceptability outputs.
    public let willingnessToPay: [Double]
    /// The CE summary, when `cost` and `qalys` exist for every arm.
    public let summary: PSASummary?

    /// The report of `result`.
    /// - Throws: ``ScenarioIssues`` when cost or QALY values are not finite.
    public init(result: PSARunResult, willingnessToPay: [Double]) throws {
        self.result = result
        self.willingnessToPay = willingnessToPay
        var draws: [PSADrawResult] = []
        var complete = !result.rows.isEmpty
        for (draw, rows) in result.rows.enumerated() {
            for (a, arm) in result.armNames.enumerated() {
                let cost = rows.first { $0.kind == .arm && $0.arm == arm && $0.metric == "cost" }
                let qalys = rows.first { $0.kind == .arm && $0.arm == arm && $0.metric == "qalys" }
                guard let cost, let qalys, let c = cost.mean, let q = qalys.mean else {
                    complete = false
                    continue
                }
                draws.append(PSADrawResult(draw: draw, arm: a, cost: c, qalys: q,
                                           costStandardError: cost.se, qalysStandardError: qalys.se))
            }
        }
        summary = complete ? try PSASummary(armNames: result.armNames, results: draws) : nil
    }

    /// A one-line note when there are no CE outputs.
    public var note: String? {
        summary == nil ? "no cost and qalys metrics in every arm: wrote psa.csv and psa_parameters.csv only (no CEAC, EVPI or CE plane)" : nil
    }

    /// One line per arm: the inner-loop noise shares of mean cost and QALYs.
    public var noiseLines: [String] {
        guard let summary else { return [] }
        func percent(_ x: Double?) -> String { x.map { String(format: "%.1f %%", 100 * $0) } ?? "n/a" }
        return summary.innerLoopNoise().map {
            "\($0.arm): inner-loop noise is \(percent($0.costShare)) of the PSA variance of cost, \(percent($0.qalysShare)) of QALYs"
        }
    }

    /// Every file, in writing order.
    public func files() -> [(name: String, text: String)] {
        var psa = "draw,arm,metric,mean,se\n"
        for (draw, rows) in result.rows.enumerated() {
            for row in rows {
                psa += ["\(draw)", CSVField.escaped(row.arm), CSVField.escaped(row.metric), CSVNumber.format(row.mean),
                        CSVNumber.format(row.se)].joined(separator: ",") + "\n"
            }
        }
        var parameters = "draw,key,value\n"
        for (draw, values) in result.drawValues.enumerated() {
            for (name, value) in zip(result.valueNames, values) {
                parameters += "\(draw),\(CSVField.escaped(name)),\(CSVNumber.format(value))\n"
            }
        }
        var files: [(name: String, text: String)] = [("psa.csv", psa), ("psa_parameters.csv", parameters)]
        // How each key path reached the model: written in place, or re-decoded every draw (and why).
        if !result.binding.isEmpty {
            var binding = "key,bound_in_place,reason,has_effect,no_effect_reason\n"
            for entry in result.binding {
                binding += "\(CSVField.escaped(entry.keyPath)),\(entry.boundInPlace),\(CSVField.escaped(entry.reason ?? "")),"
                    + "\(entry.noEffect == nil),\(CSVField.escaped(entry.noEffect ?? ""))\n"
            }
            files.append(("psa_binding.csv", binding))
        }
        guard let summary else { return files }
        files.append(("ceac.csv", summary.acceptabilityCSV(willingnessToPay: willingnessToPay)))
        files.append(("evpi.csv", summary.evpiCSV(willingnessToPay: willingnessToPay)))
        if let (costs, effects) = perDrawCostsAndQALYs() {
            files.append(("evppi.csv", PartialPerfectInformation.csv(groups: PartialPerfectInformation.groups(valueNames: result.valueNames),
                                                                     values: result.drawValues, costs: costs, effects: effects,
                                                                     willingnessToPay: willingnessToPay)))
        }
        files.append(("ce-plane.csv", summary.costEffectivenessPlaneCSV(referenceArm: 0)))
        var noise = "arm,cost_noise_share,qalys_noise_share\n"
        for item in summary.innerLoopNoise() {
            noise += "\(CSVField.escaped(item.arm)),\(CSVNumber.format(item.costShare)),\(CSVNumber.format(item.qalysShare))\n"
        }
        files.append(("psa-noise.csv", noise))
        files.append(("ceac.svg", acceptabilityFigure(summary)))
        files.append(("ce-plane.svg", planeFigure(summary)))
        return files
    }

    /// Per draw, per arm: mean cost and QALYs (for the EVPPI), when every draw has them.
    func perDrawCostsAndQALYs() -> (costs: [[Double]], qalys: [[Double]])? {
        var costs: [[Double]] = [], qalys: [[Double]] = []
        for rows in result.rows {
            var c: [Double] = [], q: [Double] = []
            for arm in result.armNames {
                guard let cost = rows.first(where: { $0.kind == .arm && $0.arm == arm && $0.metric == "cost" })?.mean,
                      let qaly = rows.first(where: { $0.kind == .arm && $0.arm == arm && $0.metric == "qalys" })?.mean else { return nil }
                c.append(cost)
                q.append(qaly)
            }
            costs.append(c)
            qalys.append(q)
        }
        return result.drawValues.count == costs.count && !costs.isEmpty ? (costs, qalys) : nil
    }

    /// Writes every file, and `extra` files, into the folder at `path`, atomically
    /// (``OutputFolder``; `psa.csv` marks a PSA folder that may be replaced).
    public func write(to path: String, extra: [(name: String, text: String)] = []) throws {
        let files = files() + extra
        try OutputFolder.write(to: path, marker: "psa.csv") { writer in
            for file in files { try writer.write(file.text, to: file.name) }
        }
    }

    /// Writes every file into the folder at `path` (created when missing) one complete file at
    /// a time (``AtomicFile``), leaving the folder's other files, its `psa.sqlite`, in place.
    public func writeFiles(into path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for file in files() { try AtomicFile.write(file.text, to: path + "/" + file.name) }
    }

    /// CEAC: probability each arm is optimal against λ.
    func acceptabilityFigure(_ summary: PSASummary) -> String {
        let points = summary.acceptability(willingnessToPay: willingnessToPay)
        let series = summary.armNames.map { arm in
            SVGPlot.Series(name: arm, points: points.filter { $0.arm == arm }.map { ($0.willingnessToPay, $0.probabilityOptimal) },
                           style: .line)
        }
        return SVGPlot(title: "Cost-effectiveness acceptability curves (\(summary.drawCount) draws)",
                       xLabel: "Willingness to pay per QALY", yLabel: "Probability cost-effective",
                       series: series, yRange: 0...1).svg
    }

    /// CE plane: each draw's incremental QALYs and cost against the first arm.
    func planeFigure(_ summary: PSASummary) -> String {
        let points = summary.costEffectivenessPlane(referenceArm: 0)
        let series = summary.armNames.dropFirst().map { arm in
            SVGPlot.Series(name: arm, points: points.filter { $0.arm == arm }.map { ($0.incrementalQALYs, $0.incrementalCost) },
                           style: .points)
        }
        return SVGPlot(title: "Cost-effectiveness plane vs \(summary.armNames[0]) (\(summary.drawCount) draws)",
                       xLabel: "Incremental QALYs", yLabel: "Incremental cost", series: Array(series), originLines: true).svg
    }
}
