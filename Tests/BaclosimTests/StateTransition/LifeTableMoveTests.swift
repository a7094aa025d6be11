import Foundation
import Testing
@testable import Baclosim

/// Moves given as `life_table: true`: the cohort's age over each cycle read against the table,
/// exact for its piecewise-constant hazard, with hazard ratios on top.
@Suite struct LifeTableMoveTests {
    static func model(cycle: String, startAge: Double, hazardRatio: Double = 1, rewards: String = "start") throws -> StateTransitionModel {
        try StateTransitionModel.decode(yaml: """
        name: aging
        start_age_years: \(startAge)
        life_table: {band_start_ages_years: [0, 65, 75], annual_death_probabilities: [0.01, 0.02, 0.05]}
        states:
          alive: {cost_per_year: 100, utility: 1}
          dead: {dead: true}
        cycle: \(cycle)
        transitions:
          - {from: alive, to: dead, life_table: true, hazard_ratio: \(hazardRatio)}
        rewards: \(rewards)
        strategies: {usual: {}}
        """, file: "aging.yaml")
    }

    /// Annual cycles from age 60, aligned with the bands: survival is the product of (1 − q)^hr
    /// over the ages passed, and life-years counted at cycle starts are its sum.
    @Test func annualCyclesFollowTheTableBandByBand() throws {
        for hr in [1.0, 2.0] {
            let model = try Self.model(cycle: "{length_years: 1, count: 30}", startAge: 60, hazardRatio: hr)
            let cohort = try CohortTrace(model: model)
            var survival = 1.0, lifeYears = 0.0
            for t in 0..<30 {
                #expect(abs(cohort.occupancy[0][t][0] - survival) < 1e-14 * max(1, survival), "t=\(t) hr=\(hr)")
                lifeYears += survival
                let age = 60.0 + Double(t)
                let q = age < 65 ? 0.01 : (age < 75 ? 0.02 : 0.05)
                survival *= pow(1 - q, hr)
            }
            #expect(abs(cohort.outcomes[0].lifeYears - lifeYears) < 1e-12 * lifeYears)
            // Three bands crossed: three matrices.
            #expect(try TransitionMatrices(model: model, strategy: model.strategies[0]).segmentStarts == [1, 6, 16])
        }
    }

    /// Monthly cycles from age 64.5: after a year the cohort has spent half of it in each of the
    /// first two bands, so survival is exp(−(½μ₁ + ½μ₂)) with μ = −ln(1 − q).
    @Test func cyclesAcrossABandBoundaryIntegrateTheHazard() throws {
        let model = try Self.model(cycle: "{length_years: 0.08333333333333333, count: 24}", startAge: 64.5)
        let cohort = try CohortTrace(model: model)
        let mu1 = -log(1 - 0.01), mu2 = -log(1 - 0.02)
        #expect(abs(cohort.occupancy[0][12][0] - exp(-(0.5 * mu1 + 0.5 * mu2))) < 1e-12)
        #expect(abs(cohort.occupancy[0][24][0] - exp(-(0.5 * mu1 + 1.5 * mu2))) < 1e-12)
        // The microsimulation draws the same moves.
        let micro = try StateTransitionMicrosimulation.run(model: model, subjects: 20_000, seed: 1, threads: 2)
        #expect(abs(micro.outcomes[0].lifeYears - cohort.outcomes[0].lifeYears) < 3 * micro.standardErrors[0].lifeYears)
    }

    @Test func aLifeTableMoveNeedsATable() {
        let text = """
        name: no_table
        states: {alive: {utility: 1}, dead: {dead: true}}
        cycle: {length_years: 1, count: 3}
        transitions: [{from: alive, to: dead, life_table: true}]
        strategies: {usual: {}}
        """
        do {
            _ = try StateTransitionModel.decode(yaml: text, file: "t.yaml")
            Issue.record("a life-table move without a table passed")
        } catch {
            #expect(error.issues.contains { $0.keyPath == "transitions[0].life_table" && $0.problem == "the file has no life_table" })
        }
    }
}
