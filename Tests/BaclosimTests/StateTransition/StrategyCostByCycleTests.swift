import Foundation
import Testing
@testable import Baclosim

/// A strategy cost given per cycle (`per_year_by_cycle`) against the same costs written as one
/// named cost per cycle window: equal totals, bit for bit up to the order of addition; the last
/// value repeats to `last_cycle`; too many values are an error on their line.
@Suite struct StrategyCostByCycleTests {
    static func model(_ costs: String) -> String {
        """
        name: by_cycle
        states:
          well: {cost_per_year: 100, utility: 1}
          sick: {cost_per_year: 500, utility: 0.6}
          dead: {dead: true}
        cycle: {length_years: 0.5, count: 8}
        transitions:
          - {from: well, to: sick, probability: 0.2}
          - {from: well, to: dead, probability: 0.02}
          - {from: sick, to: dead, probability: 0.1}
        discounting: {costs: 0.035, effects: 0.035}
        strategies:
          usual:
            costs:
        \(costs)
        """
    }

    @Test func byCycleEqualsOneCostPerWindow() throws {
        let byCycle = try StateTransitionModel.decode(yaml: Self.model("      - {name: care, per_year_by_cycle: [1200, 900, 300], states: [well, sick], first_cycle: 2, last_cycle: 6}"),
                                                      file: "by-cycle.yaml")
        let windows = try StateTransitionModel.decode(yaml: Self.model("""
              - {name: c2, per_year: 1200, states: [well, sick], first_cycle: 2, last_cycle: 2}
              - {name: c3, per_year: 900, states: [well, sick], first_cycle: 3, last_cycle: 3}
              - {name: c4, per_year: 300, states: [well, sick], first_cycle: 4, last_cycle: 6}
        """), file: "windows.yaml")
        let a = try CohortTrace(model: byCycle).outcomes[0], b = try CohortTrace(model: windows).outcomes[0]
        let care = try #require(a.costByItem.first { $0.name == "care" }?.cost)
        let parts = b.costByItem.filter { $0.name.hasPrefix("c") }.reduce(0) { $0 + $1.cost }
        #expect(care > 0)
        #expect(abs(care - parts) <= 1e-12 * parts)
        #expect(abs(a.cost - b.cost) <= 1e-12 * b.cost)
        #expect(a.qalys == b.qalys)
        // The microsimulation reads the same tables: its mean is within Monte Carlo error of the cohort.
        let micro = try StateTransitionMicrosimulation.run(model: byCycle, subjects: 4000, seed: 3, threads: 2)
        #expect(abs(micro.outcomes[0].cost - a.cost) < 4 * micro.standardErrors[0].cost)
    }

    @Test func tooManyValuesAreAnError() {
        #expect {
            _ = try StateTransitionModel.decode(yaml: Self.model("      - {name: care, per_year_by_cycle: [1, 2, 3], states: [well], first_cycle: 7}"), file: "m.yaml")
        } throws: { error in
            let issues = (error as? ScenarioIssues)?.issues ?? []
            return issues.contains { $0.keyPath.description == "strategies.usual.costs[0].per_year_by_cycle" && $0.problem.contains("3 values for the 2 cycles") && $0.line == 15 }
        }
    }
}
