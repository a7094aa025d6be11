import Foundation

/// The output folder of `baclosim psa` on a state-transition model: `psa.csv` (per draw the
/// drawn values and each strategy's cost and effect), `ceac.csv` (probability each strategy has
/// the highest net benefit, and the acceptability frontier), `evpi.csv`, `ce_plane.csv`
/// (incremental cost and effect of each draw against the first strategy), `summary.md` and
/// `manifest.json`. Byte-identical for any thread count.
public struct StateTransitionPSAReport: Sendable {
    public let model: StateTransitionModel
    public let result: StateTransitionPSA.Result
    /// The deterministic cohort at the file's values, beside the draws' means.
    public let deterministic: CohortTrace
    public let summary: PSASummary
    public let file: String
    /// EVPPI per group and λ (``PartialPerfectInformation``), computed once; a group with too
    /// few draws for its basis has nil and is named in `summary.md`.
    public let evppi: [(group: String, values: [Double]?)]

    public init(model: StateTransitionModel, result: StateTransitionPSA.Result, deterministic: CohortTrace, file: String) throws {
        self.model = model
        self.result = result
        self.deterministic = deterministic
        self.file = file
        var draws: [PSADrawResult] = []
        for (d, outcomes) in result.outcomes.enumerated() {
            for (s, o) in outcomes.enumerated() {
                draws.append(PSADrawResult(draw: d, arm: s, cost: o.cost, qalys: o.effect(model.effectMeasure)))
            }
        }
        summary = try PSASummary(armNames: model.strategies.map(\.name), results: draws)
        let costs = result.outcomes.map { $0.map(\.cost) }
        let effects = result.outcomes.map { $0.map { $0.effect(model.effectMeasure) } }
        let willingnessToPay = model.psa?.willingnessToPay ?? PSADefinition.defaultWillingnessToPay
        evppi = Self.evppiGroups(model: model).map { group in
            (group.name, try? PartialPerfectInformation.evppi(values: result.values, group: group.columns, costs: costs, effects: effects,
                                                              willingnessToPay: willingnessToPay))
        }
    }

    var willingnessToPay: [Double] { model.psa?.willingnessToPay ?? PSADefinition.defaultWillingnessToPay }

    public func files() -> [(name: String, text: String)] {
        [("psa.csv", psaCSV()), ("ceac.csv", summary.acceptabilityCSV(willingnessToPay: willingnessToPay)),
         ("evpi.csv", summary.evpiCSV(willingnessToPay: willingnessToPay)), ("evppi.csv", evppiCSV()), ("ce_plane.csv", planeCSV()),
         ("summary.md", summaryMarkdown()), ("manifest.json", manifestJSON())]
    }

    public func write(to folder: String) throws {
        try OutputFolder.write(to: folder) { writer in
            for (name, text) in files() { try writer.write(text, to: name) }
        }
    }

    func psaCSV() -> String {
        let effect = model.effectMeasure.rawValue
        var header = ["draw"] + result.valueNames
        for strategy in model.strategies { header += ["cost_\(strategy.name)", "\(effect)_\(strategy.name)"] }
        var lines = [header.map { CSVField.escaped($0) }.joined(separator: ",")]
        for d in 0..<result.draws {
            var row = ["\(d)"] + result.values[d].map { CSVNumber.format($0) }
            for o in result.outcomes[d] { row += [CSVNumber.format(o.cost), CSVNumber.format(o.effect(model.effectMeasure))] }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The parameter groups of the EVPPI: each drawn parameter (a count row's proportions
    /// together, less the last, which the others fix), then all of them.
    static func evppiGroups(model: StateTransitionModel) -> [(name: String, columns: [Int])] {
        guard let set = model.psa?.parameterSet else { return [] }
        var groups = set.parameters.enumerated().map { index, parameter in
            (name: parameter.keyPath, columns: Array(set.offsets[index] ..< set.offsets[index] + max(1, parameter.dimension - (parameter.dimension > 1 ? 1 : 0))))
        }
        if groups.count > 1 { groups.append((name: "all", columns: groups.flatMap(\.columns))) }
        return groups
    }

    func evppiCSV() -> String {
        PartialPerfectInformation.csv(estimates: evppi, willingnessToPay: willingnessToPay)
    }

    func planeCSV() -> String {
        var text = "draw,strategy,incremental_cost,incremental_\(model.effectMeasure.rawValue)\n"
        for point in summary.costEffectivenessPlane(referenceArm: 0) {
            text += "\(point.draw),\(point.arm),\(CSVNumber.format(point.incrementalCost)),\(CSVNumber.format(point.incrementalQALYs))\n"
        }
        return text
    }

    public func summaryMarkdown() -> String {
        let effect = model.effectMeasure == .qalys ? "QALYs" : "life-years"
        var text = "# \(model.name): probabilistic sensitivity analysis\n\n"
        let evaluated = switch result.evaluation {
        case .cohort: "each evaluated as a cohort"
        case .microsimulation(let subjects): "each evaluated as a microsimulation of \(thousandsGrouped(UInt64(subjects), separator: ",")) subjects (each draw with its own copy of the subjects' streams)"
        }
        text += "\(result.draws) draws (seed \(result.seed)) of \(result.valueNames.count) values, \(evaluated). Costs in \(model.currency).\n\n"
        text += "| strategy | mean cost | 95 % interval | mean \(effect) | 95 % interval | deterministic cost | deterministic \(effect) |\n|---|---:|---:|---:|---:|---:|---:|\n"
        for (s, strategy) in model.strategies.enumerated() {
            let costs = result.outcomes.map { $0[s].cost }.sorted()
            let effects = result.outcomes.map { $0[s].effect(model.effectMeasure) }.sorted()
            let base = deterministic.outcomes[s]
            func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
            func quantile(_ x: [Double], _ p: Double) -> Double { x[min(x.count - 1, max(0, Int((p * Double(x.count - 1)).rounded())))] }
            text += "| \(strategy.name) | \(format(mean(costs), 2)) | \(format(quantile(costs, 0.025), 2)) to \(format(quantile(costs, 0.975), 2)) | \(format(mean(effects), 4)) | \(format(quantile(effects, 0.025), 4)) to \(format(quantile(effects, 0.975), 4)) | \(format(base.cost, 2)) | \(format(base.effect(model.effectMeasure), 4)) |\n"
        }
        text += "\nProbability each strategy has the highest net benefit, and the expected value of perfect information per person:\n\n"
        text += "| λ (\(model.currency) per \(effect == "QALYs" ? "QALY" : "life-year")) | " + model.strategies.map(\.name).joined(separator: " | ") + " | EVPI |\n"
        text += "|---:|" + String(repeating: "---:|", count: model.strategies.count + 1) + "\n"
        let acceptability = summary.acceptability(willingnessToPay: willingnessToPay)
        let evpi = summary.expectedValueOfPerfectInformation(willingnessToPay: willingnessToPay)
        for (i, lambda) in willingnessToPay.enumerated() {
            let row = model.strategies.map { strategy in
                acceptability.first { $0.willingnessToPay == lambda && $0.arm == strategy.name }.map { format($0.probabilityOptimal, 3) } ?? ""
            }
            text += "| \(format(lambda, 0)) | " + row.joined(separator: " | ") + " | \(format(evpi[i].evpi, 2)) |\n"
        }
        let partial = evppi
        if !partial.isEmpty {
            text += "\nExpected value of partial perfect information per person (regression on the draws, Strong et al. 2014; `evppi.csv` for every λ):\n\n"
            let shown = [0, willingnessToPay.count / 2, willingnessToPay.count - 1].filter { $0 >= 0 && $0 < willingnessToPay.count }
            let columns = Array(Set(shown)).sorted()
            text += "| parameters | " + columns.map { "λ = \(format(willingnessToPay[$0], 0))" }.joined(separator: " | ") + " |\n|---|" + String(repeating: "---:|", count: columns.count) + "\n"
            for (group, values) in partial {
                let row = columns.map { c in values.map { format($0[c], 2) } ?? "too few draws" }
                text += "| \(group) | " + row.joined(separator: " | ") + " |\n"
            }
        }
        return text
    }

    func manifestJSON() -> String {
        let object: [String: Any] = [
            "tool_version": Baclosim.version, "model": model.name, "model_file": file,
            "model_sha256": StateTransitionModel.digest(path: file) ?? "", "mode": "psa", "draws": result.draws, "seed": result.seed,
            "subjects_per_draw": result.evaluation.subjects.map { $0 as Any } ?? NSNull(),
            "parameters": result.valueNames, "strategies": model.strategies.map(\.name), "currency": model.currency,
            "random": ["generator": "Philox4x32-10", "purpose": Purpose.psaParameters.description],
            "evaluation": result.evaluation.name, "draws_written_in_place": result.writtenInPlace,
            "files": ["psa.csv", "ceac.csv", "evpi.csv", "evppi.csv", "ce_plane.csv", "summary.md"],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func format(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        let text = String(format: "%.\(digits)f", abs(x))
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = thousandsGrouped(UInt64(parts[0]) ?? 0, separator: ",")
        let sign = x < 0 && Double(text) != 0 ? "−" : ""
        return sign + whole + (parts.count > 1 ? "." + parts[1] : "")
    }
}
