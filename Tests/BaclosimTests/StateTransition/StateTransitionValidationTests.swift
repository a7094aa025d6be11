import Foundation
import Testing
@testable import Baclosim

/// A state-transition file with mistakes gets every problem at once, each with its line, key
/// path and fix; a file that validates runs.
@Suite struct StateTransitionValidationTests {
    static func problems(_ text: String) -> [ScenarioIssue] {
        do {
            _ = try StateTransitionModel.decode(yaml: text, file: "bad.yaml")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func everyMistakeIsReportedWithItsLine() {
        let text = """
        name: bad
        states:
          well: {cost_per_year: 100, utility: 1}
          ill: {cost_per_year: 500, utility: 0.5}
          dead: {dead: true, utility: 0.2}
        cycle: {length_years: 1, count: 5}
        rewards: simpson
        transitions:
          - {from: well, to: ill, probability: 0.7}
          - {from: well, to: dead, probability: 0.5}
          - {from: ill, to: sick, probability: 0.1}
          - {from: ill, to: ill, probability: 0.1}
        strategies:
          usual: {}
          drug:
            transitions: [{from: [ill], to: [well], relative_risk: 0.5}]
            costs: [{name: pill, per_year: 10, states: [well], last_cycle: 9}]
        """
        let issues = Self.problems(text)
        let summary = issues.map { "\($0.line ?? 0) \($0.keyPath): \($0.problem)" }
        #expect(issues.count >= 6, "\(summary)")
        func has(_ line: Int, _ path: String, _ words: String) -> Bool {
            issues.contains { $0.line == line && $0.keyPath == path && $0.problem.contains(words) && !$0.fix.isEmpty }
        }
        #expect(has(5, "states.dead.utility", "death state"), "\(summary)")
        #expect(has(7, "rewards", "even number of cycles"), "\(summary)")
        #expect(has(11, "transitions[2].to", "no state named 'sick'"), "\(summary)")
        #expect(has(12, "transitions[3].to", "the stay is the complement"), "\(summary)")
        #expect(has(16, "strategies.drug.transitions[0].to", "no move ill → well"), "\(summary)")
        #expect(has(17, "strategies.drug.costs[0].last_cycle", "after the last cycle"), "\(summary)")
        #expect(issues.allSatisfy { $0.file == "bad.yaml" })
    }

    /// Probabilities that cannot be a distribution in some cycle of some strategy are found when
    /// the file is read, not when it runs.
    @Test func rowsThatAreNotDistributionsAreRejected() {
        let text = """
        name: over
        states: {well: {utility: 1}, ill: {utility: 0.5}, dead: {dead: true}}
        cycle: {length_years: 1, count: 4}
        transitions:
          - {from: well, to: ill, probability: 0.6}
          - {from: well, to: dead, probability: 0.3}
        strategies:
          usual: {}
          harmful:
            transitions: [{from: [well], to: [ill], relative_risk: 1.5, first_cycle: 3}]
        """
        let issues = Self.problems(text)
        #expect(issues.count == 1)
        #expect(issues.first?.keyPath == "strategies.harmful")
        #expect(issues.first?.problem.contains("from cycle 3") == true)
        #expect(issues.first?.problem.contains("more than 1") == true)
    }

    @Test func unknownKeysAndMixedRowsAreNamed() {
        let text = """
        name: mixed
        states: {a: {utility: 1}, b: {utility: 1}, dead: {dead: true}}
        cycle: {length_years: 1, count: 3, lenght: 2}
        transitions:
          - {from: a, to: b, count: 3}
          - {from: a, to: dead, probability: 0.1}
        strategies: {usual: {}}
        """
        let issues = Self.problems(text)
        #expect(issues.contains { $0.keyPath == "cycle.lenght" && $0.problem == "unknown key" && $0.line == 3 })
        #expect(issues.contains { $0.keyPath == "transitions" && $0.problem.contains("mix counts") })
    }

    /// Every shipped state-transition file loads and has its targets in the README.
    @Test func shippedModelsLoad() throws {
        let folder = TextbookModelTests.folder
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 3)
        let readme = try String(contentsOfFile: folder + "/README.md", encoding: .utf8)
        for file in files {
            #expect(StateTransitionModel.isStateTransitionFile(path: folder + "/" + file))
            _ = try StateTransitionModel.load(path: folder + "/" + file)
            #expect(readme.contains(file), "\(file) is not described in Scenarios/textbook/README.md")
        }
    }
}
