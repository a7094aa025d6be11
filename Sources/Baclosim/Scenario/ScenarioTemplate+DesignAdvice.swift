import Foundation
import Yams

/// A scenario that validates but probably does not do what its author meant (issue 20, "honest
/// defaults"): `baclosim validate --warnings` prints these beside the inputs without effect.
public struct ScenarioDesignAdvice: Sendable, Equatable, CustomStringConvertible {
    /// Where the doubtful design is written.
    public let keyPath: String
    public let file: String
    public let line: Int?
    /// What the scenario will do (no full stop).
    public let problem: String
    /// What to write instead, if that was not meant.
    public let fix: String

    /// `FILE:LINE: warning: key.path: problem. fix`
    public var description: String {
        "\(file):\(line.map(String.init) ?? "?"): warning: \(keyPath): \(problem). \(fix)"
    }
}

extension ScenarioTemplate {
    /// Days after the last dose a withdrawal model needs to show a withdrawal syndrome: baclofen
    /// withdrawal begins within 1–3 days of the last oral dose ([V-sec], docs/sources.md), and
    /// the shipped withdrawal models let the drive fall with a time constant of about 3 days, so
    /// a week (ASSUMPTION) covers onset and peak.
    static let withdrawalObservationDays = 7

    /// Designs that validate but are probably not meant:
    /// - an arm that tapers a drug whose file has a withdrawal model, while the scenario applies
    ///   none to it (and does not say `withdrawal: none`), so the taper cannot change withdrawal;
    /// - an arm with a withdrawal model whose last dose falls within
    ///   ``withdrawalObservationDays`` of the horizon (or not at all), so withdrawal after the last
    ///   dose cannot be observed;
    /// - an economics block whose costs and QALYs run past every endpoint's window
    ///   (``economicsPeriodAdvice(_:)``).
    /// - Throws: ``ScenarioIssues`` when the scenario does not validate.
    public func designAdvice() throws(ScenarioIssues) -> [ScenarioDesignAdvice] {
        let scenario = try scenario()
        var advice: [ScenarioDesignAdvice] = []
        let horizon = scenario.run.horizonDays
        for (a, arm) in scenario.arms.enumerated() {
            guard let treatment = arm.treatment else { continue }
            let tapers = treatment.regimen.taper != nil
            let taperPath = ScenarioKeyPath.root.appending("arms").appending(index: a).appending("regimen").appending("taper")
            let model = scenario.withdrawalModel(arm: a)
            if tapers, model == nil, treatment.withdrawal == .scenarioLevel,
               let drug = drugDefinition(named: treatment.drugName), drug.withdrawal != nil {
                advice.append(ScenarioDesignAdvice(
                    keyPath: taperPath.description, file: path, line: line(at: taperPath),
                    problem: "arm '\(arm.name)' tapers \(treatment.drugName), whose drug file has a withdrawal model, but the scenario applies no withdrawal model to it, so no taper can change withdrawal here",
                    fix: "Write withdrawal: library under drugs.\(treatment.drugName) to use the drug file's model, or withdrawal: none there to say it is meant."))
            }
            guard model != nil, tapers else { continue }
            // Validation has made sure the taper reaches 0 within the run.
            let lastDoseDay = (0..<horizon).last { treatment.regimen.protocolDailyDoseMg(day: $0) > 0 }
            guard let last = lastDoseDay else { continue }
            let daysAfter = horizon - 1 - last
            if daysAfter < Self.withdrawalObservationDays {
                let when = "gives its last dose on day \(last), \(daysAfter) day\(daysAfter == 1 ? "" : "s") before the run ends"
                advice.append(ScenarioDesignAdvice(
                    keyPath: taperPath.description, file: path, line: line(at: taperPath),
                    problem: "arm '\(arm.name)' \(when), so withdrawal after the last dose cannot be observed (it needs about \(Self.withdrawalObservationDays) days)",
                    fix: "Set run.horizon_days to at least \(last + 1 + Self.withdrawalObservationDays), or start the taper earlier."))
            }
        }
        if let period = economicsPeriodAdvice(scenario) { advice.append(period) }
        return advice
    }

    /// Costs and QALYs accrue over every day of the run; when every endpoint stops measuring
    /// well before the run ends (a 12-week trial outcome beside a one-year cost-effectiveness
    /// table), the two tables describe different periods, which is rarely meant. Nil when some
    /// endpoint measures to the run's last day, or within ``economicsPeriodSlackDays`` of it.
    func economicsPeriodAdvice(_ scenario: Scenario) -> ScenarioDesignAdvice? {
        guard scenario.economics != nil, !scenario.endpoints.isEmpty else { return nil }
        let horizon = scenario.run.horizonDays
        let lastMeasured = scenario.endpoints.map(\.definition.window.lastDay).max() ?? horizon - 1
        guard horizon - 1 - lastMeasured > Self.economicsPeriodSlackDays else { return nil }
        let economicsPath = ScenarioKeyPath.root.appending("economics")
        return ScenarioDesignAdvice(
            keyPath: economicsPath.description, file: path, line: line(at: economicsPath),
            problem: "costs and QALYs accrue over all \(horizon) days of the run (days 0–\(horizon - 1)), but no endpoint measures past day \(lastMeasured), so the cost-effectiveness table and the endpoint tables describe different periods",
            fix: "If they should cover the same period, give an endpoint window_days ending at \(horizon - 1), or set run.horizon_days to \(lastMeasured + 1).")
    }

    /// Days by which the run may outlast every endpoint before ``economicsPeriodAdvice(_:)``
    /// speaks: a trial's last visit often falls a few days before the protocol's end.
    static let economicsPeriodSlackDays = 7

    /// The drug file behind the scenario's `drugs.<name>` entry (`library:` or `file:`), read
    /// through the loader's cache; nil when it cannot be found.
    func drugDefinition(named name: String) -> DrugDefinition? {
        guard case .mapping(let top) = root, let drugs = top["drugs"], case .mapping(let entries) = drugs,
              let entry = entries[Node(name)], case .mapping(let block) = entry else { return nil }
        let drugPath: String
        if let library = block["library"]?.string {
            drugPath = ScenarioLoader.resolve("\(ScenarioNodeReader.libraryFolder(from: path))/\(library).yaml", from: "")
        } else if let file = block["file"]?.string {
            drugPath = ScenarioLoader.resolve(file, from: path)
        } else {
            return nil
        }
        return try? loader.drug(path: drugPath)
    }

    /// The line of `keyPath` in the scenario file as written, or of its deepest written parent.
    func line(at keyPath: ScenarioKeyPath) -> Int? {
        var node: Node? = writtenRoot
        var line = writtenRoot.mark?.line
        for component in keyPath.components {
            switch (component, node) {
            case (.key(let key), .mapping(let mapping)?):
                node = mapping[Node(key)]
                if let found = mapping.first(where: { $0.key.string == key }) { line = found.key.mark?.line ?? line }
            case (.index(let index), .sequence(let items)?) where items.indices.contains(index):
                node = items[index]
                line = items[index].mark?.line ?? line
            default:
                return line
            }
        }
        return line
    }
}
