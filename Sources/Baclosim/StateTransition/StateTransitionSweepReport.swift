import Foundation

/// The output folder of `baclosim sweep` on a state-transition model: `sweep.csv` (per point the
/// varied values and the outcome rows, the layout of a scenario sweep's), for a one-way sweep
/// `tornado.csv` and `tornado.svg` (the outcome at each parameter's low and high value, widest
/// swing first), `summary.md` and `manifest.json`.
public struct StateTransitionSweepReport: Sendable {
    public let model: StateTransitionModel
    public let result: StateTransitionSweep.Result
    public let file: String
    /// The tornado's outcome: arm (or `S-R`) and metric; nil for the default (the first
    /// strategy pair's ICER).
    public let arm: String?
    public let metric: String?

    public init(model: StateTransitionModel, result: StateTransitionSweep.Result, file: String, arm: String? = nil, metric: String? = nil) {
        self.model = model
        self.result = result
        self.file = file
        self.arm = arm
        self.metric = metric
    }

    /// The files, in writing order.
    /// - Throws: ``SweepReport/OutcomeError`` when `arm`/`metric` name no outcome.
    public func files() throws -> [(name: String, text: String)] {
        var files = [("sweep.csv", sweepCSV())]
        var tornado: TornadoTable?
        if result.sweep.definition.kind == .oneWay {
            do {
                let table = try TornadoTable(definition: result.sweep.definition, results: result.rows, arm: arm, metric: metric)
                files += [("tornado.csv", table.csv), ("tornado.svg", SVGPlot.tornado(table))]
                tornado = table
            } catch {
                throw SweepReport.OutcomeError(description: error.description)
            }
        }
        files += [("summary.md", summaryMarkdown(tornado: tornado)), ("manifest.json", manifestJSON())]
        return files
    }

    /// Writes the files into `folder` atomically (all or nothing).
    public func write(to folder: String) throws {
        let files = try files()
        try OutputFolder.write(to: folder) { writer in
            for file in files { try writer.write(file.text, to: file.name) }
        }
    }

    func sweepCSV() -> String {
        let names = result.sweep.definition.parameters.map(\.keyPath)
        var text = (["point"] + names + ["arm", "metric", "value"]).map(CSVField.escaped).joined(separator: ",") + "\n"
        for point in result.points {
            let prefix = (["\(point.index)"] + point.values.map { CSVNumber.format($0) }).joined(separator: ",")
            for row in result.rows[point.index] ?? [] {
                text += [prefix, CSVField.escaped(row.arm), CSVField.escaped(row.metric), CSVNumber.format(row.mean)].joined(separator: ",") + "\n"
            }
        }
        return text
    }

    func summaryMarkdown(tornado: TornadoTable?) -> String {
        let effect = model.effectMeasure == .qalys ? "QALYs" : "life-years"
        let definition = result.sweep.definition
        var text = "# \(model.name): deterministic sensitivity analysis\n\n"
        text += "\(result.points.count) points (\(definition.kind == .oneWay ? "one-way" : "grid") over \(definition.parameters.count) parameters), each evaluated as a cohort. Costs in \(model.currency).\n\n"
        if let tornado {
            text += "Tornado of \(tornado.metric) (\(tornado.arm)); base case \(format(tornado.base)):\n\n"
            text += "| parameter | low | high | at low | at high | swing |\n|---|---:|---:|---:|---:|---:|\n"
            for bar in tornado.bars {
                text += "| \(bar.parameter) | \(format(bar.lowValue)) | \(format(bar.highValue)) | \(format(bar.atLow)) | \(format(bar.atHigh)) | \(format(bar.swing)) |\n"
            }
        } else {
            let strategies = model.strategies.map(\.name)
            text += "| point | " + definition.parameters.map(\.keyPath).joined(separator: " | ") + " | "
                + strategies.map { "\($0) cost | \($0) \(effect)" }.joined(separator: " | ") + " |\n"
            text += "|" + String(repeating: "---:|", count: 1 + definition.parameters.count + 2 * strategies.count) + "\n"
            for (p, point) in result.points.enumerated() {
                let values = point.values.map { format($0) }
                let outcomes = result.outcomes[p].flatMap { [format($0.cost), format($0.effect(model.effectMeasure))] }
                text += "| \(point.index) | " + (values + outcomes).joined(separator: " | ") + " |\n"
            }
        }
        text += "\n`sweep.csv` has every point's rows: each strategy's cost, QALYs and life-years, and against \(model.strategies.first?.name ?? "the first strategy") its ICER and differences.\n"
        return text
    }

    func manifestJSON() -> String {
        let object: [String: Any] = [
            "tool_version": Baclosim.version, "model": model.name, "model_file": file,
            "model_sha256": StateTransitionModel.digest(path: file) ?? "", "mode": "sweep", "kind": result.sweep.definition.kind.rawValue,
            "points": result.points.count, "parameters": result.sweep.definition.parameters.map(\.keyPath),
            "strategies": model.strategies.map(\.name), "currency": model.currency, "points_written_in_place": result.writtenInPlace,
            "files": ["sweep.csv"] + (result.sweep.definition.kind == .oneWay ? ["tornado.csv", "tornado.svg"] : []) + ["summary.md"],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func format(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        return abs(x) >= 1000 ? thousandsGrouped(UInt64(abs(x).rounded()), separator: ",").withSign(x < 0) : String(format: "%.4g", x)
    }
}

private extension String {
    func withSign(_ negative: Bool) -> String { negative ? "−" + self : self }
}
