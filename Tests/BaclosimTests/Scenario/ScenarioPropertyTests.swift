import Foundation
import PropertyBased
import Testing
@testable import Baclosim

/// Properties of the scenario layer over generated scenarios (issue 20): a shipped scenario with
/// one numeric input moved to a generated value (an edge value, or the written value scaled or
/// negated) either fails validation or runs to completion; and every shipped scenario's resolved
/// form resolves to itself and runs the same.
///
/// The generated cases differ from run to run; a failure prints the input and a seed
/// (`.fixedSeed(…)`) that replays it.
@Suite struct ScenarioPropertyTests {
    /// The shipped scenarios (every YAML file under `Scenarios` with an `arms:` block).
    static let shippedPaths: [String] = {
        let root = DesignAdviceTests.scenarios
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { relative in
            let path = root + "/" + relative
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                  text.split(separator: "\n").contains(where: { $0.hasPrefix("arms:") }) else { return nil }
            return path
        }
    }()

    /// Each shipped scenario's template and numeric inputs (templates cache their files, so a
    /// test loads them once and keeps them to itself).
    static func loadShipped() -> [(template: ScenarioTemplate, inputs: [ScenarioInput])] {
        shippedPaths.compactMap { path in
            guard let template = try? ScenarioTemplate(path: path) else { return nil }
            return (template, template.numericInputs())
        }
    }

    /// Values an input is moved to: edges of the number line and of the bounds validation keeps.
    static let edgeValues: [Double] = [0, -1, 1e-12, 0.5, 1, 2, 7, 1_000, 1e9, 1e15, 1e300, -1e300]

    /// The generated value for choice `k`: an edge value, or the written value ×0.01, ×100 or ×−1.
    static func movedValue(_ written: Double, choice k: Int) -> Double {
        switch k - edgeValues.count {
        case 0: written * 0.01
        case 1: written * 100
        case 2: -written
        default: edgeValues[k]
        }
    }

    @Test func theShippedScenariosAllLoad() {
        let shipped = Self.loadShipped()
        #expect(Self.shippedPaths.count >= 25)
        #expect(shipped.count == Self.shippedPaths.count)
        #expect(shipped.allSatisfy { !$0.inputs.isEmpty })
    }

    /// Validate accepts ⇒ run completes: the scenario compiles, and three subjects run to the
    /// horizon (a run may still end in a counted numerical failure, ``EngineError``, never in a
    /// trap or any other error).
    @Test func aScenarioThatValidatesRunsToCompletion() async {
        let scenarios = Self.loadShipped()
        var accepted = 0
        await propertyCheck(count: 60, input: Gen.int(in: 0...(scenarios.count - 1)), Gen.int(in: 0...99_999),
                            Gen.int(in: 0...(Self.edgeValues.count + 2))) { s, i, k in
            let (template, inputs) = scenarios[s]
            let input = inputs[i % inputs.count]
            let value = Self.movedValue(input.value, choice: k)
            let scenario: Scenario
            do {
                scenario = try template.scenario(overrides: [(input.keyPath, value)])
                _ = try Simulation(scenario: scenario)
            } catch {
                return
            }
            accepted += 1
            do {
                let report = try Simulation(scenario: scenario).run(subjects: 3, threads: 1)
                _ = try report.files()
            } catch is EngineError {
            } catch {
                Issue.record("\(template.path) with \(input.keyPath) = \(value): validated, then run threw \(error)")
            }
        }
        // About half the moved values are valid; the property must have been exercised.
        #expect(accepted >= 5, "only \(accepted) of 60 generated scenarios validated")
        print("ScenarioPropertyTests: \(accepted) of 60 generated scenarios validated and ran")
    }

    /// `resolve` is idempotent and changes nothing that runs: the resolved file (written where
    /// the scenario's relative drug and calibration paths still lead) resolves to the same text,
    /// and 20 subjects give the same tables from either file.
    @Test(arguments: shippedPaths)
    func resolvingTwiceGivesTheSameScenario(path: String) throws {
        let original = try ScenarioTemplate(path: path)
        let resolved = try original.resolvedYAML()
        let folder = try Self.mirrorFolder(of: path)
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let copy = folder + "/resolved-" + (path as NSString).lastPathComponent
        try resolved.write(toFile: copy, atomically: true, encoding: .utf8)
        let again = try ScenarioTemplate(path: copy)
        #expect(try again.resolvedYAML() == resolved)
        let tables = { (scenario: Scenario) throws -> [String] in
            try Simulation(scenario: scenario).run(subjects: 20, threads: 1).files()
                .filter { $0.name != "manifest.json" }.map { $0.name + "\n" + $0.text }
        }
        #expect(try tables(again.scenario()) == tables(original.scenario()))
    }

    /// A temporary `Scenarios` folder whose entries link to the shipped ones, except the folder
    /// of `path`, which is a real folder whose files link to the shipped ones; returns that
    /// folder. The `Scenarios` folder's parent is removed by the caller.
    static func mirrorFolder(of path: String) throws -> String {
        let manager = FileManager.default
        let shipped = DesignAdviceTests.scenarios
        let root = manager.temporaryDirectory.appendingPathComponent("resolve-\(UUID().uuidString)/Scenarios").path
        let own = (path as NSString).deletingLastPathComponent
        let relative = own == shipped ? "" : String(own.dropFirst(shipped.count + 1))
        try manager.createDirectory(atPath: root + "/" + relative, withIntermediateDirectories: true)
        for entry in try manager.contentsOfDirectory(atPath: shipped) where entry != relative.split(separator: "/").first.map(String.init) {
            try manager.createSymbolicLink(atPath: root + "/" + entry, withDestinationPath: shipped + "/" + entry)
        }
        if !relative.isEmpty {
            for entry in try manager.contentsOfDirectory(atPath: own) {
                try manager.createSymbolicLink(atPath: root + "/" + relative + "/" + entry, withDestinationPath: own + "/" + entry)
            }
        }
        return relative.isEmpty ? root : root + "/" + relative
    }
}
