import Foundation
import Testing
@testable import Baclosim

/// PSA draws written into the loaded model in place (``StateTransitionParameterBinding``) against
/// the same draws written into the file's YAML and read again: the same outcomes bit for bit,
/// draw by draw, for every family of key the binding covers; and what a binding must not write.
@Suite struct StateTransitionPSABindingTests {
    /// Every bound family at least once: cost parts and a single cost (one of them a tunnel's),
    /// utilities, entry rewards, probabilities, rates, a hazard ratio, a strategy's relative
    /// risk, hazard ratio, cost and utility, an event rate and both discount rates; one value
    /// written in two rows.
    static let text = """
    name: bound
    states:
      healthy: {costs_per_year: {medical: 100, community: 30}, utility: 1}
      sick: {cost_per_year: 1000, utility: 0.6, tunnel_cycles: 3, entry_cost: 50, entry_qalys: -0.02}
      worse: {cost_per_year: 3000, utility: 0.4}
      dead: {dead: true, entry_cost: 900}
    cycle: {length_years: 0.5, count: 30}
    rewards: half_cycle
    discounting: {costs: 0.035, effects: 0.035}
    transitions:
      - {from: healthy, to: sick, probability: 0.2}
      - {from: healthy, to: dead, rate_per_year: 0.02}
      - {from: sick, to: dead, probabilities_by_time_in_state: [0.1, 0.05, 0.02]}
      - {from: sick, to: healthy, probability: 0.25}
      - {from: sick, to: worse, rate_per_year: 0.3}
      - {from: worse, to: dead, rate_per_year: 0.02, hazard_ratio: 2.5}
    events:
      admissions: {rates_per_year: {sick: 0.4, worse: 1.2}}
    strategies:
      usual: {}
      drug:
        costs: [{name: drug, per_year: 2000, states: [sick, worse], first_cycle: 3, last_cycle: 20}]
        transitions: [{from: [sick], to: [worse], hazard_ratio: 0.6}, {from: [healthy], to: [sick], relative_risk: 0.8}]
        utilities: {worse: 0.5}
    psa:
      draws: 40
      parameters:
        - {key: states.healthy.costs_per_year.community, distribution: gamma, mean: 30, se: 5}
        - {key: states.sick.cost_per_year, distribution: gamma, mean: 1000, se: 100}
        - {key: states.sick.utility, distribution: beta, mean: 0.6, se: 0.05}
        - {key: states.sick.entry_cost, distribution: gamma, mean: 50, se: 10}
        - {key: states.sick.entry_qalys, distribution: normal, mean: -0.02, sd: 0.005}
        - {key: states.dead.entry_cost, distribution: gamma, mean: 900, se: 90}
        - {key: "transitions[0].probability", distribution: beta, mean: 0.2, se: 0.02}
        - {key: "transitions[1].rate_per_year", also_keys: ["transitions[5].rate_per_year"], distribution: gamma, mean: 0.02, se: 0.002}
        - {key: "transitions[5].hazard_ratio", distribution: lognormal, mean: 2.5, se: 0.3}
        - {key: "strategies.drug.transitions[0].hazard_ratio", distribution: lognormal, mean: 0.6, se: 0.06}
        - {key: "strategies.drug.transitions[1].relative_risk", distribution: lognormal, mean: 0.8, se: 0.05}
        - {key: "strategies.drug.costs[0].per_year", distribution: gamma, mean: 2000, se: 100}
        - {key: strategies.drug.utilities.worse, distribution: beta, mean: 0.5, se: 0.05}
        - {key: events.admissions.rates_per_year.worse, distribution: gamma, mean: 1.2, se: 0.2}
        - {key: discounting.costs, distribution: uniform, min: 0, max: 0.06}
        - {key: discounting.effects, distribution: uniform, min: 0, max: 0.06}
    """

    static func bits(_ outcomes: [StateTransitionOutcome]) -> [[UInt64]] {
        outcomes.map { o in
            [o.cost, o.qalys, o.lifeYears, o.lifeYearsUndiscounted].map(\.bitPattern) + o.costByItem.map(\.cost.bitPattern) + o.events.map(\.bitPattern)
        }
    }

    /// Draw by draw, in place equals read again, for the model above and the shipped PSAs.
    @Test(arguments: ["inline", "chancellor-hiv.yaml", "sick-sicker.yaml", "krijkamp-sick-sicker-microsimulation.yaml"])
    func boundDrawsEqualDrawsReadAgain(_ which: String) throws {
        let model = which == "inline" ? try StateTransitionModel.decode(yaml: Self.text, file: "bound.yaml")
            : try StateTransitionModel.load(path: TextbookModelTests.folder + "/" + which)
        let definition = try #require(model.psa)
        let bindings = try #require(StateTransitionPSA.bindings(model: model, definition: definition), "every key binds")
        var sampler = GSLSampler(key: StreamKey(seed: 9, subject: 0, purpose: .psaParameters), day: 0)
        for draw in 0..<25 {
            let values = try definition.parameterSet.draw(iteration: draw, seed: 9, sampler: &sampler)
            let replacements = definition.replacements(values: values)
            let bound = try #require(StateTransitionPSA.bind(replacements, with: bindings, into: model))
            let reread = try StateTransitionPSA.reread(definition, replacements: replacements, draw: draw)
            let evaluation: StateTransitionPSADefinition.Evaluation = which.hasPrefix("krijkamp") ? .microsimulation(subjects: 300) : .cohort
            let a = try StateTransitionPSA.evaluate(bound, draw: draw, seed: 9, evaluation: evaluation)
            let b = try StateTransitionPSA.evaluate(reread, draw: draw, seed: 9, evaluation: evaluation)
            #expect(Self.bits(a) == Self.bits(b), "draw \(draw)")
            if evaluation == .cohort { #expect(try CohortTrace(model: bound).occupancy == CohortTrace(model: reread).occupancy) }
        }
    }

    /// Keys the binding leaves to the file: values per time in state, a life table's, the
    /// initial shares, the cycle. A PSA drawing them reads every draw again.
    @Test func keysThatChangeMoreThanANumberAreReadWithTheFile() throws {
        let model = try StateTransitionModel.decode(yaml: Self.text, file: "bound.yaml")
        for key in ["transitions[2].probabilities_by_time_in_state[1]", "initial.healthy", "states.worse.tunnel_cycles", "cycle.length_years"] {
            #expect(StateTransitionParameterBinding(keyPath: key, model: model) == nil, "\(key)")
        }
        for key in ["states.healthy.costs_per_year.medical", "transitions[3].probability", "discounting.effects"] {
            #expect(StateTransitionParameterBinding(keyPath: key, model: model) != nil, "\(key)")
        }
        // The tunnel's cost goes to its three cycles, its entry cost to the first only.
        let cost = try #require(StateTransitionParameterBinding(keyPath: "states.sick.cost_per_year", model: model))
        #expect(cost.target == .stateCost(states: [1, 2, 3], component: "states"))
        let entry = try #require(StateTransitionParameterBinding(keyPath: "states.sick.entry_cost", model: model))
        #expect(entry.target == .stateEntryCost(states: [1]))
    }

    /// A drawn 0 (which removes a cost part) and a value the decoder refuses are not written in
    /// place: the draw is read again, giving the decoder's model or its message.
    @Test func zerosAndRefusedValuesAreReadAgain() throws {
        let model = try StateTransitionModel.decode(yaml: Self.text, file: "bound.yaml")
        let definition = try #require(model.psa)
        let bindings = try #require(StateTransitionPSA.bindings(model: model, definition: definition))
        var values = definition.replacements(values: [Double](repeating: 0.5, count: definition.parameterSet.valueCount))
        values[1].1 = 0
        #expect(StateTransitionPSA.bind(values, with: bindings, into: model) == nil)
        let reread = try StateTransitionPSA.reread(definition, replacements: values, draw: 0)
        #expect(reread.states[1].costComponents.isEmpty && model.states[1].costComponents.count == 1)
        values[0].1 = -3
        #expect(StateTransitionPSA.bind(values, with: bindings, into: model) == nil)
        #expect(throws: StateTransitionPSA.InvalidDraw.self) { try StateTransitionPSA.reread(definition, replacements: values, draw: 0) }
    }

    /// A microsimulation PSA: the parameter draws are those of the cohort PSA (the same streams),
    /// the result does not depend on the threads, and the mean over draws differs from the
    /// cohort PSA's by no more than the inner loop's noise (4 standard errors of the mean paired
    /// difference over draws).
    @Test func microsimulationDrawsAgreeWithCohortDraws() throws {
        let model = try StateTransitionModel.load(path: TextbookModelTests.folder + "/krijkamp-sick-sicker-microsimulation.yaml")
        let one = try StateTransitionPSA.run(model: model, draws: 60, subjects: 500, threads: 1)
        let three = try StateTransitionPSA.run(model: model, draws: 60, subjects: 500, threads: 3)
        #expect(one.evaluation == .microsimulation(subjects: 500) && one.writtenInPlace)
        #expect(Self.bits(one.outcomes.flatMap { $0 }) == Self.bits(three.outcomes.flatMap { $0 }))
        let cohortModel = try StateTransitionModel.decode(
            yaml: String(contentsOfFile: TextbookModelTests.folder + "/krijkamp-sick-sicker-microsimulation.yaml", encoding: .utf8)
                .replacingOccurrences(of: "  evaluation: microsimulation\n  subjects_per_draw: 1000\n", with: ""), file: "k.yaml")
        let cohort = try StateTransitionPSA.run(model: cohortModel, draws: 60, threads: 2)
        #expect(cohort.evaluation == .cohort)
        #expect(cohort.values == one.values)
        for s in 0..<2 {
            for measure in [\StateTransitionOutcome.cost, \StateTransitionOutcome.qalys] {
                let d = (0..<60).map { one.outcomes[$0][s][keyPath: measure] - cohort.outcomes[$0][s][keyPath: measure] }
                let mean = d.reduce(0, +) / 60
                let sd = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 59).squareRoot()
                #expect(abs(mean) < 4 * sd / 60.0.squareRoot(), "strategy \(s): \(mean) ± \(sd / 60.0.squareRoot())")
                #expect(sd > 0)
            }
        }
    }

    /// `also_keys` that name no number, or a number already drawn, are reported.
    @Test func badSharedKeysAreReported() {
        let text = StateTransitionFixtures.wellDead("""
        psa:
          parameters:
            - {key: states.well.cost_per_year, also_keys: [states.well.cost, states.well.cost_per_year], distribution: gamma, mean: 100, se: 10}
        """)
        let issues: [ScenarioIssue]
        do { _ = try StateTransitionModel.decode(yaml: text, file: "s.yaml"); issues = [] } catch { issues = error.issues }
        let shown = issues.map { "\($0.line ?? 0) \($0.keyPath): \($0.problem)" }
        #expect(shown.contains { $0.hasPrefix("11 psa.parameters[0].also_keys[0]: 'states.well.cost' names no number") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("11 psa.parameters[0].also_keys[1]: 'states.well.cost_per_year' is drawn twice") }, "\(shown)")
    }

    @Test func subjectsPerDrawNeedAMicrosimulation() {
        let text = StateTransitionFixtures.wellDead("""
        psa:
          subjects_per_draw: 100
          parameters:
            - {key: states.well.cost_per_year, distribution: gamma, mean: 100, se: 10}
        """)
        let issues: [ScenarioIssue]
        do { _ = try StateTransitionModel.decode(yaml: text, file: "s.yaml"); issues = [] } catch { issues = error.issues }
        #expect(issues.map { "\($0.line ?? 0) \($0.keyPath): \($0.problem)" } == ["10 psa.subjects_per_draw: has no effect: each draw is evaluated as a cohort"])
    }
}
