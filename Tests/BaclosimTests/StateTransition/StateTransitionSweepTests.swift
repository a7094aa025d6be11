import Foundation
import Testing
import Yams
@testable import Baclosim

/// `baclosim sweep` on a state-transition model: each point equals the cohort of the file with
/// the point's values written in by hand; the tornado ranks the swings of the chosen outcome;
/// bad sweep blocks and invalid points are named.
@Suite struct StateTransitionSweepTests {
    static let path = TextbookModelTests.folder + "/sick-sicker.yaml"

    static func edited(_ text: String, _ replacements: [(String, Double)]) throws -> StateTransitionModel {
        var node = try #require(try Yams.compose(yaml: text))
        for (key, value) in replacements {
            node = StateTransitionPSADefinition.replacing(node, at: ScenarioKeyPath(parsing: key).components[...], with: value)
        }
        return try StateTransitionModel.decode(yaml: try Yams.serialize(node: node), file: "edited.yaml")
    }

    @Test func pointsEqualTheFileEditedByHand() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let model = try StateTransitionModel.decode(yaml: text, file: Self.path)
        let result = try StateTransitionSweep.run(model: model, threads: 2)
        #expect(result.writtenInPlace)
        #expect(result.points.count == 11)
        #expect(result.outcomes[0] == (try CohortTrace(model: model).outcomes))
        // Point 1: B's hazard ratio at its low value, in B and in AB (also_keys).
        let low = try Self.edited(text, [("strategies.B.transitions[0].hazard_ratio", 0.4), ("strategies.AB.transitions[0].hazard_ratio", 0.4)])
        #expect(result.outcomes[1] == (try CohortTrace(model: low).outcomes))
        // Point 9: the cost discount rate at 0, everything else as in the file.
        let undiscounted = try Self.edited(text, [("discounting.costs", 0)])
        #expect(result.outcomes[9] == (try CohortTrace(model: undiscounted).outcomes))
        // The ICER row of B against standard of care is the ratio of the differences.
        let rows = try #require(result.rows[1])
        let icer = try #require(rows.first { $0.arm == "B-standard_of_care" && $0.metric == "icer" }?.mean)
        let b = result.outcomes[1][2], soc = result.outcomes[1][0]
        #expect(icer == (b.cost - soc.cost) / (b.qalys - soc.qalys))
    }

    @Test func tornadoRanksTheSwings() throws {
        let model = try StateTransitionModel.load(path: Self.path)
        let result = try StateTransitionSweep.run(model: model, threads: 1)
        let report = StateTransitionSweepReport(model: model, result: result, file: Self.path, arm: "B-standard_of_care", metric: "icer")
        let files = try report.files()
        #expect(files.map(\.name) == ["sweep.csv", "tornado.csv", "tornado.svg", "summary.md", "manifest.json"])
        let tornado = try #require(files.first { $0.name == "tornado.csv" }?.text).split(separator: "\n").dropFirst()
        let swings = tornado.map { Double($0.split(separator: ",").last!)! }
        #expect(swings == swings.sorted(by: >))
        #expect(swings.count == 5 && swings.allSatisfy { $0 > 0 })
        #expect(throws: SweepReport.OutcomeError.self) {
            try StateTransitionSweepReport(model: model, result: result, file: Self.path, arm: "nobody", metric: nil).files()
        }
    }

    @Test func badSweepBlocksAreNamed() {
        let text = StateTransitionFixtures.wellDead("""
        sweep:
          parameters:
            - {key: states.well.cost, values: [1, 2]}
            - {key: cycle.count, values: [3]}
            - {key: states.well.cost_per_year, also_keys: [states.well.cost_per_year], relative: 0.1}
        """)
        let issues: [ScenarioIssue]
        do { _ = try StateTransitionModel.decode(yaml: text, file: "s.yaml"); issues = [] } catch { issues = error.issues }
        let shown = issues.map { "\($0.line ?? 0) \($0.keyPath): \($0.problem)" }
        #expect(shown.contains { $0.hasPrefix("11 sweep.parameters[0].key: 'states.well.cost' names no number") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("12 sweep.parameters[1].key: 'cycle.count' cannot be varied") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("13 sweep.parameters[2].also_keys[0]: 'states.well.cost_per_year' is varied twice") }, "\(shown)")
    }

    @Test func anInvalidPointIsNamed() throws {
        let text = """
        name: risky
        states:
          well: {cost_per_year: 100, utility: 1}
          ill: {cost_per_year: 500, utility: 0.5}
          dead: {dead: true}
        cycle: {length_years: 1, count: 3}
        transitions:
          - {from: well, to: ill, probability: 0.5}
          - {from: well, to: dead, probability: 0.3}
        strategies: {usual: {}}
        sweep:
          kind: one_way
          parameters:
            - {key: "transitions[0].probability", values: [0.4, 0.8]}
        """
        let model = try StateTransitionModel.decode(yaml: text, file: "risky.yaml")
        do {
            _ = try StateTransitionSweep.run(model: model, threads: 2)
            Issue.record("an invalid point passed")
        } catch let error as StateTransitionSweep.InvalidPoint {
            #expect(error.point == 2)
            #expect(error.description.contains("point 2 gives an invalid model"))
        }
    }
}
