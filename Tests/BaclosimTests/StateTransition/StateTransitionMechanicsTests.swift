import Foundation
import Testing
@testable import Baclosim

/// The mechanics of state-transition models against closed forms: rate conversion with the
/// cycle length, reward timing weights, one-off entry rewards, time windows of strategy changes
/// and costs.
@Suite struct StateTransitionMechanicsTests {
    /// A two-state model (alive → dead) with the given lines after `states:`.
    static func twoState(cycle: String, transition: String, rewards: String = "start", discounting: String = "{costs: 0, effects: 0}",
                         alive: String = "{cost_per_year: 1000, utility: 0.8}", dead: String = "{dead: true}",
                         strategies: String = "{usual: {}}") -> String {
        """
        name: two_state
        states:
          alive: \(alive)
          dead: \(dead)
        cycle: \(cycle)
        transitions:
          - \(transition)
        rewards: \(rewards)
        discounting: \(discounting)
        strategies: \(strategies)
        """
    }

    static func cohort(_ text: String) throws -> (StateTransitionModel, CohortTrace) {
        let model = try StateTransitionModel.decode(yaml: text, file: "test.yaml")
        return (model, try CohortTrace(model: model))
    }

    /// Monthly cycles of a constant death rate λ = 0.1/year, counted at the start of each cycle
    /// for 10 years: life-years = Σ_{t<120} e^{−λt/12}/12 (a geometric sum), costs and QALYs
    /// in proportion; the trace is e^{−λt/12} exactly.
    @Test func rateConversionFollowsTheCycleLength() throws {
        let (_, cohort) = try Self.cohort(Self.twoState(cycle: "{length_years: 0.0833333333333333333, count: 120}",
                                                        transition: "{from: alive, to: dead, rate_per_year: 0.1}"))
        let q = exp(-0.1 / 12)
        let expected = (1 - pow(q, 120)) / (1 - q) / 12
        let o = cohort.outcomes[0]
        #expect(abs(o.lifeYears - expected) < 1e-12 * expected)
        #expect(abs(o.cost - 1000 * expected) < 1e-9 * o.cost)
        #expect(abs(o.qalys - 0.8 * expected) < 1e-12 * expected)
        #expect(abs(cohort.occupancy[0][60][0] - exp(-0.5)) < 1e-13)
    }

    /// Each timing's weights over 10 cycles of survival probability s per cycle, undiscounted:
    /// start Σ_{t<T} s^t; end Σ_{1≤t≤T} s^t; all points Σ_{t≤T} s^t; half-cycle = all points −
    /// (1 + s^T)/2; Simpson integrates a cubic exactly and weights sum to T.
    @Test func rewardTimingsMatchTheirSums() throws {
        let s = 0.9, T = 10
        func lifeYears(_ rewards: String) throws -> Double {
            try Self.cohort(Self.twoState(cycle: "{length_years: 1, count: \(T)}", transition: "{from: alive, to: dead, probability: 0.1}",
                                          rewards: rewards)).1.outcomes[0].lifeYears
        }
        let powers = (0...T).map { pow(s, Double($0)) }
        let all = powers.reduce(0, +)
        #expect(abs(try lifeYears("start") - (all - powers[T])) < 1e-12)
        #expect(abs(try lifeYears("end") - (all - 1)) < 1e-12)
        #expect(abs(try lifeYears("all_time_points") - all) < 1e-12)
        #expect(abs(try lifeYears("half_cycle") - (all - (1 + powers[T]) / 2)) < 1e-12)
        var simpson = 0.0
        for t in 0...T { simpson += powers[t] * (t == 0 || t == T ? 1.0 / 3 : (t % 2 == 1 ? 4.0 / 3 : 2.0 / 3)) }
        #expect(abs(try lifeYears("simpson") - simpson) < 1e-12)
        for timing in RewardTiming.allCases where timing != .darthSimpson && timing != .allTimePoints {
            #expect(abs(timing.weights(cycleCount: T).reduce(0, +) - Double(T)) < 1e-12, "\(timing)")
        }
        // Simpson's rule is exact for a cubic: ∫₀¹⁰ x³ dx = 2,500.
        let cubic = RewardTiming.simpson.weights(cycleCount: T).enumerated().reduce(0.0) { $0 + $1.element * pow(Double($1.offset), 3) }
        #expect(abs(cubic - 2_500) < 1e-9)
    }

    /// A one-off cost and QALY loss on death: expected X·(1 − (1 − p)^T) undiscounted, and
    /// Σ_c X·(1 − p)^{c−1}·p/(1 + r)^c discounted; the microsimulation agrees within 3 SE.
    @Test func entryRewardsAreOneOff() throws {
        let p = 0.2, T = 8, cost = 5_000.0, loss = -0.1
        let (model, cohort) = try Self.cohort(Self.twoState(
            cycle: "{length_years: 1, count: \(T)}", transition: "{from: alive, to: dead, probability: \(p)}",
            discounting: "{costs: 0.05, effects: 0}", alive: "{cost_per_year: 0, utility: 0}", dead: "{dead: true, entry_cost: \(cost), entry_qalys: \(loss)}"))
        var expectedCost = 0.0
        for c in 1...T { expectedCost += cost * pow(1 - p, Double(c - 1)) * p / pow(1.05, Double(c)) }
        let o = cohort.outcomes[0]
        #expect(abs(o.cost - expectedCost) < 1e-9)
        #expect(abs(o.qalys - loss * (1 - pow(1 - p, Double(T)))) < 1e-12)
        #expect(o.costByItem.map(\.name) == ["entry"])
        let micro = try StateTransitionMicrosimulation.run(model: model, subjects: 20_000, seed: 1, threads: 2)
        #expect(abs(micro.outcomes[0].cost - expectedCost) < 3 * micro.standardErrors[0].cost)
        #expect(abs(micro.outcomes[0].qalys - o.qalys) < 3 * micro.standardErrors[0].qalys)
    }

    /// A relative risk in cycles 1–2 changes only those cycles' matrices: the Chancellor
    /// combination arm has two segments, and from cycle 3 its matrix equals monotherapy's.
    @Test func strategyChangesApplyInTheirWindow() throws {
        let path = TextbookModelTests.folder + "/chancellor-hiv.yaml"
        let model = try StateTransitionModel.load(path: path)
        let mono = try TransitionMatrices(model: model, strategy: model.strategies[0])
        let combo = try TransitionMatrices(model: model, strategy: model.strategies[1])
        #expect(mono.segmentStarts == [1])
        #expect(combo.segmentStarts == [1, 3])
        #expect(combo.matrix(cycle: 3) == mono.matrix(cycle: 1))
        // Cycle 1: A → B is 350/1734 × 0.509, and the row sums to 1.
        let first = combo.matrix(cycle: 1)
        #expect(abs(first[1] - 350.0 / 1734 * 0.509) < 1e-15)
        for row in 0..<4 { #expect(abs(first[row * 4 ..< row * 4 + 4].reduce(0, +) - 1) < 1e-14) }
    }

    /// Moves conditional on survival: p(H → S1) = (1 − p_death)·p_move, stay the rest.
    @Test func conditionalOnSurvivalScalesTheLivingMoves() throws {
        let text = """
        name: three
        states: {well: {utility: 1}, ill: {utility: 0.5}, dead: {dead: true}}
        cycle: {length_years: 1, count: 1}
        competition: conditional_on_survival
        transitions:
          - {from: well, to: dead, probability: 0.1}
          - {from: well, to: ill, probability: 0.3}
        strategies: {usual: {}}
        """
        let model = try StateTransitionModel.decode(yaml: text, file: "t.yaml")
        let m = try TransitionMatrices(model: model, strategy: model.strategies[0]).matrix(cycle: 1)
        #expect(abs(m[0] - 0.9 * 0.7) < 1e-15 && abs(m[1] - 0.9 * 0.3) < 1e-15 && m[2] == 0.1)
    }

    /// Events: a rate per year in a state counts r·(time there), with the file's timing; entering
    /// the death state counts deaths: Σ_{t<T} r·s^t and 1 − s^T for survival s per cycle. The
    /// microsimulation agrees within 3 standard errors; events.csv gives them per 100,000.
    @Test func eventsCountTimeInStatesAndEntries() throws {
        let text = """
        name: harms
        states:
          alive: {cost_per_year: 10, utility: 1}
          dead: {dead: true}
        cycle: {length_years: 1, count: 10}
        transitions: [{from: alive, to: dead, probability: 0.1}]
        rewards: start
        events:
          admissions: {rates_per_year: {alive: 0.3}}
          deaths: {on_entering: [dead]}
        strategies: {usual: {}, safer: {transitions: [{from: [alive], relative_risk: 0.5}]}}
        """
        let model = try StateTransitionModel.decode(yaml: text, file: "harms.yaml")
        let cohort = try CohortTrace(model: model)
        for (s, survival) in [0.9, 0.95].enumerated() {
            let admissions = (0..<10).reduce(0.0) { $0 + 0.3 * pow(survival, Double($1)) }
            #expect(abs(cohort.outcomes[s].events[0] - admissions) < 1e-12)
            #expect(abs(cohort.outcomes[s].events[1] - (1 - pow(survival, 10))) < 1e-12)
        }
        let micro = try StateTransitionMicrosimulation.run(model: model, subjects: 20_000, seed: 2, threads: 2)
        for s in 0..<2 {
            for e in 0..<2 {
                #expect(abs(micro.outcomes[s].events[e] - cohort.outcomes[s].events[e]) < 3 * micro.eventStandardErrors[s][e])
            }
        }
        let report = StateTransitionReport(model: model, cohort: cohort, microsimulation: nil, file: "harms.yaml")
        let csv = report.eventsCSV().split(separator: "\n")
        #expect(csv[0] == "strategy,event,per_100000,se_per_100000,avoided_per_100000_vs_usual")
        #expect(csv.count == 5)
        #expect(report.files().map(\.name).contains("events.csv"))
    }
}
