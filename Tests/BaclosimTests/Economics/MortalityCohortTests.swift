import Foundation
import Testing
@testable import Baclosim

/// A cohort whose only randomness that matters is mortality (every relative risk 1, so drinking
/// cannot change anyone's hazard) run through the whole engine: its undiscounted life-years
/// converge to the life table's expectation, computed here from the table alone.
@Suite struct MortalityCohortTests {
    static let bandStartAgesYears = [0.0, 60.25, 60.5]
    static let annualDeathProbabilities = [0.2, 0.5, 0.8]
    static let startAgeYears = 60.0
    static let horizonDays = 365  // a year: the cohort crosses both band boundaries
    static let subjects = 1000

    static let scenario = """
        schema_version: 1
        name: mortality-cohort
        run: {subjects: \(subjects), seed: 7, horizon_days: \(horizonDays), block_size: 500}
        population: {male_probability: 0.7, age_years: {fixed: \(startAgeYears)}, baseline_craving: {median: 1, log_sd: 0.3}}
        craving: {include: \(ScenarioText.models)/craving-default.yaml}
        drinking: {include: \(ScenarioText.models)/alcohol-default.yaml}
        arms:
          - name: usual_care
        endpoints:
          - {name: dropout, kind: dropout}
        economics:
          currency: GBP
          price_year: 2024
          discount_rates: {costs_per_year: 0, effects_per_year: 0}
          utilities: {abstinent: 1, low: 1, medium: 1, high: 1, very_high: 1}
          mortality:
            life_table: {band_start_ages_years: [0, 60.25, 60.5], annual_death_probabilities: [0.2, 0.5, 0.8]}
            relative_risk_by_risk_level: {abstinent: 1, low: 1, medium: 1, high: 1, very_high: 1}
        """

    /// The table's expectation, day by day as the engine counts: a day survived adds 1/365.25
    /// life-years, the day of death half of that; the daily death probability is
    /// 1 − exp(−(cumulative hazard over the day)), the hazard piecewise constant per band at
    /// −ln(1 − annual probability) per year.
    static func expected() -> (survival: Double, lifeYears: Double) {
        func hazardPerYear(atAge age: Double) -> Double {
            let band = bandStartAgesYears.lastIndex { $0 <= age }!
            return -log1p(-annualDeathProbabilities[band])
        }
        func cumulativeHazard(from a: Double, to b: Double) -> Double {
            // Integrate band by band across any boundary inside [a, b].
            var h = 0.0, x = a
            for edge in bandStartAgesYears where edge > a && edge < b {
                h += hazardPerYear(atAge: x) * (edge - x)
                x = edge
            }
            return h + hazardPerYear(atAge: x) * (b - x)
        }
        var survival = 1.0, lifeYears = 0.0
        for day in 0..<horizonDays {
            let age = startAgeYears + Double(day) / 365.25
            let p = -expm1(-cumulativeHazard(from: age, to: age + 1 / 365.25))
            lifeYears += survival * (1 - p / 2) / 365.25
            survival *= 1 - p
        }
        return (survival, lifeYears)
    }

    @Test func survivalAndLifeYearsConvergeToTheLifeTable() throws {
        guard case .success(let scenario) = try ScenarioText.load(Self.scenario) else {
            Issue.record("the mortality scenario does not load: \(try ScenarioText.issueLines(Self.scenario))")
            return
        }
        let report = try Simulation(scenario: scenario).run(threads: 2)
        let lifeYears = try report.metric("life_years", arm: "usual_care")
        let expected = Self.expected()
        #expect(lifeYears.count == Self.subjects)
        // Life-years lie in [0, 1]; 5 of their Monte Carlo standard errors (≈ 0.012 here). The
        // table gives 0.733; an engine that did not age its subjects would give 0.896, one that
        // kept the dead accruing 1. Daily probabilities to 1e-12 are MortalityModelTests' job.
        let se = try #require(lifeYears.standardError)
        #expect(se > 0 && se < 0.02)
        #expect(abs(lifeYears.mean - expected.lifeYears) < 5 * se,
                "life-years \(lifeYears.mean) vs the table's \(expected.lifeYears) (SE \(se))")
        // The oracle itself: 365 days (of 365.25) survive a quarter year at 0.2, a quarter at
        // 0.5 and half a year at 0.8: 0.8^¼ · 0.5^¼ · 0.2^½ ≈ 0.356.
        #expect(abs(expected.survival - pow(0.8, 0.25) * pow(0.5, 0.25) * pow(0.2, 0.5)) < 2e-3, "table survival \(expected.survival)")
    }
}
