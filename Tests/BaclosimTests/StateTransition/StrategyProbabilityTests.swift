import Foundation
import Testing
@testable import Baclosim

/// A strategy's own probability of a move (`{from, to, probability}`): the same as the model with
/// that probability written in its transitions, within its window only; bound in place by a PSA
/// as read from the file; refused without the moves it sets.
@Suite struct StrategyProbabilityTests {
    static func model(base: Double, strategy: String, psa: Bool = true) -> String {
        let block = psa ? """
        psa:
          draws: 5
          parameters:
            - {key: "strategies.own.transitions[0].probability", distribution: beta, mean: 0.25, se: 0.03}
        """ : ""
        return """
        name: own
        states:
          well: {cost_per_year: 100, utility: 1}
          ill: {cost_per_year: 1000, utility: 0.6}
          dead: {dead: true}
        cycle: {length_years: 1, count: 10}
        discounting: {costs: 0.035, effects: 0.035}
        transitions:
          - {from: well, to: ill, probability: \(base), hazard_ratio: 1.5}
          - {from: well, to: dead, probability: 0.02}
          - {from: ill, to: well, probability: 0.3}
          - {from: ill, to: dead, probability: 0.1}
        strategies:
          usual: {}
          own: \(strategy)
        \(block)
        """
    }

    @Test func theStrategysProbabilityReplacesTheModels() throws {
        let own = try StateTransitionModel.decode(yaml: Self.model(base: 0.15, strategy: "{transitions: [{from: [well], to: [ill], probability: 0.25}]}"), file: "a.yaml")
        // The model's hazard ratio of the move does not apply to the strategy's own probability.
        let written = try StateTransitionModel.decode(yaml: Self.model(base: 0.25, strategy: "{}", psa: false).replacingOccurrences(of: ", hazard_ratio: 1.5", with: ""), file: "b.yaml")
        let a = try CohortTrace(model: own), b = try CohortTrace(model: written)
        #expect(a.outcomes[1].cost == b.outcomes[1].cost && a.outcomes[1].qalys == b.outcomes[1].qalys)
        #expect(a.occupancy[1] == b.occupancy[1])
        // The reference strategy keeps the model's probability (with its hazard ratio).
        #expect(a.outcomes[0].cost != a.outcomes[1].cost)
    }

    @Test func onlyInItsWindow() throws {
        let windowed = try StateTransitionModel.decode(
            yaml: Self.model(base: 0.15, strategy: "{transitions: [{from: [well], to: [ill], probability: 0.25, first_cycle: 3}]}"), file: "w.yaml")
        let trace = try CohortTrace(model: windowed)
        for t in 0...2 { #expect(trace.occupancy[0][t] == trace.occupancy[1][t], "t = \(t)") }
        #expect(trace.occupancy[0][3] != trace.occupancy[1][3])
    }

    @Test func aDrawOfItIsWrittenInPlace() throws {
        let model = try StateTransitionModel.decode(yaml: Self.model(base: 0.15, strategy: "{transitions: [{from: [well], to: [ill], probability: 0.25}]}"), file: "p.yaml")
        let definition = try #require(model.psa)
        let bindings = try #require(StateTransitionPSA.bindings(model: model, definition: definition))
        let replacements = [("strategies.own.transitions[0].probability", 0.3125)]
        let bound = try #require(StateTransitionPSA.bind(replacements, with: bindings, into: model))
        let reread = try StateTransitionPSA.reread(definition, replacements: replacements, draw: 0)
        #expect(try CohortTrace.outcomes(of: bound) == CohortTrace.outcomes(of: reread))
    }

    @Test func itNeedsTheMovesItSets() {
        let issues: [ScenarioIssue]
        do {
            _ = try StateTransitionModel.decode(yaml: Self.model(base: 0.15, strategy: "{transitions: [{from: [well], probability: 0.25}]}"), file: "m.yaml")
            issues = []
        } catch { issues = error.issues }
        #expect(issues.map { "\($0.line ?? 0) \($0.keyPath): \($0.problem)" }
            == ["15 strategies.own.transitions[0].probability: sets every move out of those states to the same probability"])
    }
}
