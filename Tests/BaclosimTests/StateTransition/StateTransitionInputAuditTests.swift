import Foundation
import Testing
import Yams
@testable import Baclosim

/// Every input counts in the shipped state-transition models: each numeric value, moved to
/// another valid value, changes an output file of the cohort (or, for the microsimulation's
/// subjects and seed, what `run` simulates); and `validate --warnings` names inputs that cannot.
@Suite struct StateTransitionInputAuditTests {
    /// The numeric scalars of `node` with their key paths.
    static func numbers(in node: Node, at path: [ScenarioKeyPath.Component] = []) -> [[ScenarioKeyPath.Component]] {
        switch node {
        case .mapping(let mapping):
            return mapping.flatMap { numbers(in: $0.value, at: path + [.key($0.key.string ?? "")]) }
        case .sequence(let sequence):
            return sequence.enumerated().flatMap { numbers(in: $0.element, at: path + [.index($0.offset)]) }
        case .scalar(let scalar):
            return Double(scalar.string) != nil && scalar.style == .plain ? [path] : []
        case .alias:
            return []
        }
    }

    static func value(at path: [ScenarioKeyPath.Component], in node: Node) -> Double {
        Double(ScenarioNodeReader.node(at: ScenarioKeyPath(components: path), in: node)!.scalar!.string)!
    }

    /// The cohort's files, what `run` and `psa` start from (subjects, seed, draws, λ), for a
    /// model with a PSA the files of five draws, and for one with a sweep its files.
    static func outputs(_ model: StateTransitionModel) throws -> [String] {
        let cohort = try CohortTrace(model: model)
        let report = StateTransitionReport(model: model, cohort: cohort, microsimulation: nil, file: "model.yaml")
        var texts = report.files().filter { $0.name != "manifest.json" && $0.name != "summary.md" }.map(\.text)
            + ["\(model.subjects) \(model.seed)"]
        if let psa = model.psa {
            texts.append("\(psa.draws) \(psa.seed) \(psa.willingnessToPay)")
            let result = try StateTransitionPSA.run(model: model, draws: 5, threads: 1)
            texts += try StateTransitionPSAReport(model: model, result: result, deterministic: cohort, file: "model.yaml").files()
                .filter { $0.name != "manifest.json" }.map(\.text)
        }
        if model.sweep != nil {
            let result = try StateTransitionSweep.run(model: model, threads: 1)
            texts += try StateTransitionSweepReport(model: model, result: result, file: "model.yaml").files()
                .filter { $0.name != "manifest.json" }.map(\.text)
        }
        return texts
    }

    @Test(arguments: ["chancellor-hiv.yaml", "sick-sicker.yaml", "krijkamp-sick-sicker-microsimulation.yaml"])
    func everyNumericInputChangesAnOutput(file: String) throws {
        let path = TextbookModelTests.folder + "/" + file
        #expect(try StateTransitionModel.inputWarnings(path: path).isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let root = try #require(try Yams.compose(yaml: text))
        let base = try Self.outputs(StateTransitionModel.decode(yaml: text, file: file))
        let inputs = Self.numbers(in: root)
        #expect(inputs.count >= 10)
        for input in inputs {
            let name = ScenarioKeyPath(components: input).description
            let value = Self.value(at: input, in: root)
            let isWhole = value == value.rounded() && !name.hasSuffix("utility")
            var candidates = isWhole ? [value + 1, value - 1, value + 2] : [value * 1.1, value * 0.9, value + 0.01, value - 0.01]
            if name.hasSuffix("price_year") { candidates = [value - 1] }
            var changed: Bool?
            for candidate in candidates {
                let edited = try Yams.serialize(node: StateTransitionPSADefinition.replacing(root, at: input[...], with: candidate))
                guard let model = try? StateTransitionModel.decode(yaml: edited, file: file) else { continue }
                changed = try Self.outputs(model) != base
                break
            }
            // A single initial share is forced to 1 (shares sum to 1): it has no other valid value.
            if changed == nil && name.hasPrefix("initial.") && value == 1 { continue }
            #expect(changed == true, "\(file) \(name): \(changed == nil ? "no valid other value tried" : "changes no output")")
        }
    }

    /// A state no one reaches: its values, the moves out of it and a strategy cost charged only
    /// there are named, on their lines.
    @Test func unreachableInputsAreNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("st-warnings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("m.yaml").path
        try """
        name: island
        states:
          well: {cost_per_year: 10, utility: 1}
          island: {cost_per_year: 99, utility: 0.3}
          dead: {dead: true}
        cycle: {length_years: 1, count: 5}
        transitions:
          - {from: well, to: dead, probability: 0.1}
          - {from: island, to: dead, probability: 0.2}
        strategies:
          usual: {}
          drug:
            costs: [{name: pill, per_year: 5, states: [island]}]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let warnings = try StateTransitionModel.inputWarnings(path: path)
        let named = warnings.map { "\($0.line ?? 0) \($0.keyPath)" }
        #expect(named.contains("4 states.island.cost_per_year"), "\(named)")
        #expect(named.contains("4 states.island.utility"), "\(named)")
        #expect(named.contains("9 transitions[1].probability"), "\(named)")
        #expect(named.contains("13 strategies.drug.costs[0].per_year"), "\(named)")
        #expect(!named.contains { $0.contains("states.well") || $0.contains("transitions[0]") }, "\(named)")
    }
}
