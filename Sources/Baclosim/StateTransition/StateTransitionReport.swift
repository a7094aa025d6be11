import Foundation

/// The output folder of a state-transition model run: `results.csv` (per strategy cost, QALYs
/// and life-years; with a microsimulation their Monte Carlo standard errors and the cohort
/// expectation beside them), `ce.csv` and `ce.md` (the efficient frontier and ICERs on the
/// model's effect), `costs.csv` (cost by item), `trace.csv` (state occupancy per time point),
/// `summary.md` and `manifest.json`. Every file is a function of the model file, the mode, the
/// subjects and the seed only, so reruns with any thread count are byte-identical.
public struct StateTransitionReport: Sendable {
    public let model: StateTransitionModel
    /// The cohort expectation (always computed: it is exact and takes milliseconds).
    public let cohort: CohortTrace
    /// The microsimulation, for `baclosim run`; nil for `baclosim cohort`.
    public let microsimulation: StateTransitionMicrosimulation.Result?
    /// The model file as given, and its SHA-256.
    public let file: String
    public let digest: String

    public init(model: StateTransitionModel, cohort: CohortTrace, microsimulation: StateTransitionMicrosimulation.Result?, file: String) {
        self.model = model
        self.cohort = cohort
        self.microsimulation = microsimulation
        self.file = file
        digest = StateTransitionModel.digest(path: file) ?? ""
    }

    /// The outcomes the report is about: the microsimulation's means, else the cohort's.
    public var outcomes: [StateTransitionOutcome] { microsimulation?.outcomes ?? cohort.outcomes }

    /// The efficient frontier on the model's effect.
    public var frontier: EfficientFrontier {
        EfficientFrontier(costs: outcomes.map(\.cost), effects: outcomes.map { $0.effect(model.effectMeasure) })
    }

    var effectLabel: String { model.effectMeasure == .qalys ? "QALYs" : "life-years" }

    /// Every file of the folder, in writing order (the manifest last).
    public func files() -> [(name: String, text: String)] {
        [("results.csv", resultsCSV()), ("ce.csv", ceCSV()), ("ce.md", ceMarkdown()), ("costs.csv", costsCSV())]
            + (model.events.isEmpty ? [] : [("events.csv", eventsCSV())])
            + [("trace.csv", traceCSV()), ("summary.md", summaryMarkdown()), ("manifest.json", manifestJSON())]
    }

    /// The data files, in writing order (the manifest lists them).
    var dataFiles: [String] {
        ["results.csv", "ce.csv", "ce.md", "costs.csv"] + (model.events.isEmpty ? [] : ["events.csv"]) + ["trace.csv", "summary.md"]
    }

    /// `events.csv`: per strategy and event, the expected events per 100,000 people over the
    /// horizon (with the microsimulation's standard error), and the events avoided against the
    /// first strategy (positive: fewer than it).
    func eventsCSV() -> String {
        var lines = ["strategy,event,per_100000,se_per_100000,avoided_per_100000_vs_\(model.strategies[0].name)"]
        for (s, o) in outcomes.enumerated() {
            for (e, event) in model.events.enumerated() {
                let se = microsimulation.map { CSVNumber.format($0.eventStandardErrors[s][e] * 100_000) } ?? ""
                lines.append("\(o.strategy),\(event.name),\(f(o.events[e] * 100_000)),\(se),\(f((outcomes[0].events[e] - o.events[e]) * 100_000))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The events table of `summary.md`.
    func eventsMarkdown() -> String {
        guard !model.events.isEmpty else { return "" }
        var text = "Events per 100,000 people over the horizon (avoided: fewer than \(model.strategies[0].name)):\n\n"
        text += "| event | " + model.strategies.map(\.name).joined(separator: " | ") + " |\n|---|" + String(repeating: "---:|", count: model.strategies.count) + "\n"
        for (e, event) in model.events.enumerated() {
            let cells = outcomes.enumerated().map { s, o -> String in
                let value = String(format: "%.1f", o.events[e] * 100_000)
                return s == 0 ? value : value + String(format: " (avoided %.1f)", (outcomes[0].events[e] - o.events[e]) * 100_000)
            }
            text += "| \(event.name) | " + cells.joined(separator: " | ") + " |\n"
        }
        return text + "\n"
    }

    /// Writes the folder atomically (``OutputFolder``).
    public func write(to folder: String) throws {
        try OutputFolder.write(to: folder) { writer in
            for (name, text) in files() { try writer.write(text, to: name) }
        }
    }

    // MARK: Files

    func resultsCSV() -> String {
        var lines: [String] = []
        if let micro = microsimulation {
            lines.append("strategy,cost,cost_se,qalys,qalys_se,life_years,life_years_se,life_years_undiscounted,cohort_cost,cohort_qalys,cohort_life_years")
            for (s, o) in micro.outcomes.enumerated() {
                let e = micro.standardErrors[s], c = cohort.outcomes[s]
                lines.append([o.strategy, f(o.cost), f(e.cost), f(o.qalys), f(e.qalys), f(o.lifeYears), f(e.lifeYears),
                              f(o.lifeYearsUndiscounted), f(c.cost), f(c.qalys), f(c.lifeYears)].joined(separator: ","))
            }
        } else {
            lines.append("strategy,cost,qalys,life_years,life_years_undiscounted")
            for o in cohort.outcomes {
                lines.append([o.strategy, f(o.cost), f(o.qalys), f(o.lifeYears), f(o.lifeYearsUndiscounted)].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func ceCSV() -> String {
        let frontier = self.frontier
        var lines = ["strategy,cost,effect,effect_measure,status,comparator,incremental_cost,incremental_effect,icer,currency,price_year"]
        for (s, o) in outcomes.enumerated() {
            let comparator = frontier.comparator[s]
            let dc = comparator.map { o.cost - outcomes[$0].cost }
            let de = comparator.map { o.effect(model.effectMeasure) - outcomes[$0].effect(model.effectMeasure) }
            lines.append([o.strategy, f(o.cost), f(o.effect(model.effectMeasure)), model.effectMeasure.rawValue, frontier.status[s].rawValue,
                          comparator.map { outcomes[$0].strategy } ?? "", CSVNumber.format(dc), CSVNumber.format(de),
                          CSVNumber.format(frontier.icer[s]), model.currency, model.priceYear.map(String.init) ?? ""].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func ceMarkdown() -> String {
        let frontier = self.frontier
        let source = microsimulation.map { "microsimulation of \(thousandsGrouped(UInt64($0.subjects), separator: ",")) subjects (means)" } ?? "cohort expectation"
        var text = "# Cost-effectiveness: \(model.name)\n\n"
        text += "Costs in \(model.currency)\(model.priceYear.map { " (\($0) prices)" } ?? ""), discounted at \(percent(model.costDiscountRate)); \(effectLabel) discounted at \(percent(model.effectDiscountRate)); \(source). Strategies on the efficient frontier are compared with the previous one on it.\n\n"
        text += "| strategy | cost | \(effectLabel) | incremental cost | incremental \(effectLabel) | ICER | status |\n|---|---:|---:|---:|---:|---:|---|\n"
        let order = outcomes.indices.sorted { (outcomes[$0].cost, $0) < (outcomes[$1].cost, $1) }
        for s in order {
            let o = outcomes[s]
            let comparator = frontier.comparator[s]
            let dc = comparator.map { money(o.cost - outcomes[$0].cost) } ?? ""
            let de = comparator.map { effect(o.effect(model.effectMeasure) - outcomes[$0].effect(model.effectMeasure)) } ?? ""
            let status: String
            switch frontier.status[s] {
            case .reference: status = "reference"
            case .frontier: status = "on the frontier (vs \(outcomes[comparator!].strategy))"
            case .dominated: status = "dominated" + (frontier.dominatedBy[s].map { " by \(outcomes[$0].strategy)" } ?? "")
            case .extendedlyDominated: status = "extendedly dominated"
            case .identical: status = "identical to " + (frontier.dominatedBy[s].map { outcomes[$0].strategy } ?? "an earlier strategy")
            }
            text += "| \(o.strategy) | \(money(o.cost)) | \(effect(o.effect(model.effectMeasure))) | \(dc) | \(de) | \(frontier.icer[s].map(money) ?? "") | \(status) |\n"
        }
        return text
    }

    func costsCSV() -> String {
        var lines = ["strategy,item,cost,currency"]
        for o in outcomes { for item in o.costByItem { lines.append("\(o.strategy),\(item.name),\(f(item.cost)),\(model.currency)") } }
        return lines.joined(separator: "\n") + "\n"
    }

    func traceCSV() -> String {
        let occupancy = microsimulation?.occupancy ?? cohort.occupancy
        var lines = ["strategy,cycle,years," + model.states.map(\.name).joined(separator: ",")]
        for (s, strategy) in model.strategies.enumerated() {
            for (t, shares) in occupancy[s].enumerated() {
                lines.append("\(strategy.name),\(t),\(f(Double(t) * model.cycleLengthYears))," + shares.map(f).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `summary.md`: what was run, the outcomes, and for a microsimulation how far each mean
    /// lies from the cohort expectation in Monte Carlo standard errors, and the paired
    /// differences with 95 % intervals.
    public func summaryMarkdown() -> String {
        var text = "# \(model.name)\n\n"
        if !model.description.isEmpty { text += model.description + "\n\n" }
        text += "\(model.states.count) states, \(model.cycleCount) cycles of \(model.cycleLengthYears == 1 ? "1 year" : ScenarioIssue.formatNumber(model.cycleLengthYears) + " years"), rewards: \(model.timing.rawValue). "
        if let micro = microsimulation {
            text += "Microsimulation: \(thousandsGrouped(UInt64(micro.subjects), separator: ",")) subjects in every strategy, seed \(micro.seed), common random numbers.\n\n"
            text += "| strategy | cost (± MCSE) | QALYs (± MCSE) | life-years (± MCSE) | cohort cost | cohort QALYs | z cost | z QALYs |\n|---|---:|---:|---:|---:|---:|---:|---:|\n"
            for (s, o) in micro.outcomes.enumerated() {
                let e = micro.standardErrors[s], c = cohort.outcomes[s]
                text += "| \(o.strategy) | \(money(o.cost)) ± \(money(e.cost)) | \(effect(o.qalys)) ± \(effect(e.qalys)) | \(effect(o.lifeYears)) ± \(effect(e.lifeYears)) | \(money(c.cost)) | \(effect(c.qalys)) | \(z(o.cost, c.cost, e.cost)) | \(z(o.qalys, c.qalys, e.qalys)) |\n"
            }
            text += "\nz: (simulated mean − cohort expectation) / MCSE; |z| > 3 would point to a fault, not chance.\n\n"
            if !micro.differences.isEmpty {
                text += "Paired differences (95 % intervals):\n\n| strategy − comparator | cost | \(effectLabel) |\n|---|---:|---:|\n"
                for d in micro.differences {
                    let de = model.effectMeasure == .qalys ? d.qalys : d.lifeYears
                    text += "| \(model.strategies[d.strategy].name) − \(model.strategies[d.comparator].name) | \(money(d.cost.mean)) (\(money(d.cost.mean - NormalInterval.z95 * d.cost.standardError)) to \(money(d.cost.mean + NormalInterval.z95 * d.cost.standardError))) | \(effect(de.mean)) (\(effect(de.mean - NormalInterval.z95 * de.standardError)) to \(effect(de.mean + NormalInterval.z95 * de.standardError))) |\n"
                }
                text += "\n"
            }
        } else {
            text += "Cohort expectation (matrix products; exact).\n\n"
            text += "| strategy | cost | QALYs | life-years | life-years (undiscounted) |\n|---|---:|---:|---:|---:|\n"
            for o in cohort.outcomes {
                text += "| \(o.strategy) | \(money(o.cost)) | \(effect(o.qalys)) | \(effect(o.lifeYears)) | \(effect(o.lifeYearsUndiscounted)) |\n"
            }
            text += "\n"
        }
        text += eventsMarkdown()
        text += ceMarkdown().split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
        return text
    }

    func manifestJSON() -> String {
        var object: [String: Any] = [
            "tool_version": Baclosim.version, "model": model.name, "model_file": file, "model_sha256": digest,
            "mode": microsimulation == nil ? "cohort" : "microsimulation", "states": model.states.map(\.name),
            "strategies": model.strategies.map(\.name), "cycles": model.cycleCount, "cycle_length_years": model.cycleLengthYears,
            "rewards": model.timing.rawValue, "currency": model.currency,
            "files": dataFiles,
        ]
        if let priceYear = model.priceYear { object["price_year"] = priceYear }
        if let micro = microsimulation {
            object["subjects"] = micro.subjects
            object["seed"] = micro.seed
            object["random"] = ["generator": "Philox4x32-10", "purpose": Purpose.stateTransition.description]
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: Formatting

    private func f(_ x: Double) -> String { CSVNumber.format(x) }

    private func money(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        let cents = (abs(x) * 100).rounded()
        let whole = UInt64(cents / 100), fraction = Int(cents.truncatingRemainder(dividingBy: 100))
        return (x < 0 && cents > 0 ? "−" : "") + thousandsGrouped(whole, separator: ",") + String(format: ".%02d", fraction)
    }

    private func effect(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        let text = String(format: "%.4f", abs(x))
        return (x < 0 && text != "0.0000" ? "−" : "") + text
    }

    private func percent(_ rate: Double) -> String { rate == 0 ? "0 %" : "\(ScenarioIssue.formatNumber((rate * 1e6).rounded() / 1e4)) %/year" }

    private func z(_ mean: Double, _ expected: Double, _ standardError: Double) -> String {
        standardError > 0 ? String(format: "%+.2f", (mean - expected) / standardError) : "–"
    }
}
