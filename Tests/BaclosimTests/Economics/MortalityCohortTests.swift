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
        schema_version: 2
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
          utility_by_risk_level: {abstinent: 1, low: 1, medium: 1, high: 1, very_high: 1}
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

    /// Subjects, days and side-effect hazard of the competing-risk cohorts below.
    static let competingSubjects = 3000, competingHorizonDays = 365, sideEffectHazardPerDay = 0.005

    /// A one-arm cohort aged 50 over a year with one side effect of constant hazard (background
    /// only, first onset only), costs 0 and utility 1, in which `drinking` and `mortality`
    /// (scenario text, the latter inside `economics:`) make subjects die.
    static func competingRiskScenario(name: String, seed: Int, drinking: String, mortality: String = "") throws -> Scenario? {
        let text = """
            schema_version: 2
            name: \(name)
            run: {subjects: \(competingSubjects), seed: \(seed), horizon_days: \(competingHorizonDays), block_size: 250}
            population: {male_probability: 0.7, age_years: {fixed: 50}, baseline_craving: {median: 1, log_sd: 0.3}}
            \(drinking)
            side_effects:
              - {name: headache, background_per_day: \(sideEffectHazardPerDay), resolution: first_onset_only}
            arms:
              - name: usual_care
            endpoints:
              - {name: any_drinking, kind: time_to_first_drink}
            economics:
              currency: GBP
              price_year: 2024
              discount_rates: {costs_per_year: 0, effects_per_year: 0}
              utility_by_risk_level: {abstinent: 1, low: 1, medium: 1, high: 1, very_high: 1}
            \(mortality)
            """
        guard case .success(let scenario) = try ScenarioText.load(text) else {
            Issue.record("the scenario does not load: \(try ScenarioText.issueLines(text))")
            return nil
        }
        return scenario
    }

    /// The side effect's incidence when death (daily probability `pDeath`) competes with it.
    /// Day d: the side-effect draw, then death (a background death at the day's end; a dead
    /// drinking state is entered before the side effects, but its day is lived). Onset on day d
    /// needs the subject alive and unaffected at its start: P = Σ_d q^d · p = p (1 − q^T)/(1 − q),
    /// q = (1 − p)(1 − p_death).
    static func expectCompetingIncidence(_ report: RunReport, pDeath: Double) throws {
        let pSideEffect = -expm1(-sideEffectHazardPerDay)
        let q = (1 - pSideEffect) * (1 - pDeath)
        let expected = pSideEffect * (1 - pow(q, Double(competingHorizonDays))) / (1 - q)
        let incidence = try report.metric("headache_incidence", arm: "usual_care")
        let se = (expected * (1 - expected) / Double(competingSubjects)).squareRoot()
        #expect(abs(incidence.mean - expected) < 4.5 * se, "incidence \(incidence.mean) vs \(expected) (SE \(se))")
    }

    /// Death ends a subject: no side effect starts after the day of death (0.667 here; 0.833 if
    /// the dead could still have onsets), and the daily series count only the living. A
    /// constant mortality hazard (one life-table band, relative risks 1) competes with the side
    /// effect.
    @Test func nothingHappensAfterDeath() throws {
        let annualDeathProbability = 0.5
        guard let scenario = try Self.competingRiskScenario(
            name: "death-ends-the-subject", seed: 17,
            drinking: """
                craving: {include: \(ScenarioText.models)/craving-default.yaml}
                drinking: {include: \(ScenarioText.models)/alcohol-default.yaml}
                """,
            mortality: """
                  mortality:
                    life_table: {band_start_ages_years: [0], annual_death_probabilities: [\(annualDeathProbability)]}
                    relative_risk_by_risk_level: {abstinent: 1, low: 1, medium: 1, high: 1, very_high: 1}
                """)
        else { return }
        let report = try Simulation(scenario: scenario).run(threads: 2)
        let pDeath = -expm1(log1p(-annualDeathProbability) / 365.25)
        try Self.expectCompetingIncidence(report, pDeath: pDeath)
        // Series on day d count the subjects alive at its start: binomial(n, (1 − p_death)^d).
        let subjects = Self.competingSubjects, lastDay = Self.competingHorizonDays - 1
        let counts = report.result.outcomes.series.counts
        let alive = pow(1 - pDeath, Double(lastDay))
        let countSE = (Double(subjects) * alive * (1 - alive)).squareRoot()
        #expect(counts[0] == subjects)
        #expect(abs(Double(counts[lastDay]) - Double(subjects) * alive) < 4.5 * countSE,
                "alive on day \(lastDay): \(counts[lastDay]) vs \(Double(subjects) * alive) (SD \(countSE))")
        #expect(zip(counts[0..<lastDay], counts[1...lastDay]).allSatisfy { $0 >= $1 }, "the living only decrease")
    }

    /// A `dead` drinking state is a death like a background one: entered with a constant
    /// hazard, it ends side effects and life-years (Σ_d S_d (1 − p/2)/365.25, the day of death
    /// counting half; 0.999 if the dead kept living).
    @Test func aDeadDrinkingStateIsADeath() throws {
        let deathHazardPerDay = 0.002
        guard let scenario = try Self.competingRiskScenario(
            name: "dead-state", seed: 23,
            drinking: """
                craving: {theta_per_day: 0.25, sigma_per_sqrt_day: 0.35}
                drinking:
                  standard_drink_g: 12
                  heavy_day_drinks: {men: 5, women: 4}
                  amount: {distribution: poisson, craving_slope: 3}
                  states:
                    - name: active
                      drinking_hazard: {baseline: {constant_per_day: 0.03}}
                      transitions: [{to: dead, hazard: {baseline: {constant_per_day: \(deathHazardPerDay)}}}]
                    - {name: dead, role: dead}
                """)
        else { return }
        let report = try Simulation(scenario: scenario).run(threads: 2)
        let pDeath = -expm1(-deathHazardPerDay)
        try Self.expectCompetingIncidence(report, pDeath: pDeath)
        var survival = 1.0, lifeYears = 0.0
        for _ in 0..<Self.competingHorizonDays {
            lifeYears += survival * (1 - pDeath / 2) / 365.25
            survival *= 1 - pDeath
        }
        let simulated = try report.metric("life_years", arm: "usual_care")
        let lifeYearsSE = try #require(simulated.standardError)
        #expect(abs(simulated.mean - lifeYears) < 4.5 * lifeYearsSE, "life-years \(simulated.mean) vs \(lifeYears) (SE \(lifeYearsSE))")
        let died = try report.metric("died", arm: "usual_care").mean
        #expect(abs(died - (1 - survival)) < 4.5 * (survival * (1 - survival) / Double(Self.competingSubjects)).squareRoot())
    }
}
