import Foundation
import Testing
@testable import Baclosim

/// The economics' drinking-risk level reaches "abstinent" (``RiskLevelWindow``): a cohort that
/// never drinks accrues exactly the abstinent utility, the abstinent hospital cost and the
/// abstinent mortality, in closed form; and the level follows a subject's recent drinking.
@Suite struct AbstinentLevelTests {
    static let horizonDays = 400

    /// One arm, nobody ever drinks (the only state has no drinking hazard). The other levels
    /// carry values far from the abstinent ones, so charging any of them shows.
    static func neverDrinking(relativeRisks: String, windowDays: Int? = nil) -> String {
        """
        schema_version: 2
        name: never-drinks
        run: {subjects: 40, seed: 3, horizon_days: \(horizonDays)}
        population: {male_probability: 0.5, age_years: {fixed: 50}, baseline_craving: {median: 1, log_sd: 0.3}}
        craving: {include: \(ScenarioText.models)/craving-default.yaml}
        drinking:
          initial_state: abstinent
          standard_drink_g: 12
          amount: {distribution: poisson, craving_slope: 1}
          states:
            - name: abstinent
        arms:
          - name: usual_care
        endpoints:
          - {name: risk, kind: drinking_risk_level}
        economics:
          currency: GBP
          price_year: 2024
          discount_rates: {costs_per_year: 0.035, effects_per_year: 0.015}
          utility_by_risk_level: {abstinent: 0.6, low: 0.9, medium: 0.91, high: 0.92, very_high: 0.93}
          hospitalisation_cost_per_day_by_risk_level: {abstinent: 2, low: 50, medium: 51, high: 52, very_high: 53}
        \(windowDays.map { "  risk_level_window_days: \($0)" } ?? "")
          mortality:
            life_table: {band_start_ages_years: [0], annual_death_probabilities: [0.2]}
            relative_risk_by_risk_level: \(relativeRisks)
        """
    }

    static func run(_ text: String) throws -> RunReport {
        guard case .success(let scenario) = try ScenarioText.load(text) else {
            Issue.record("the scenario does not load: \(try ScenarioText.issueLines(text))")
            throw CancellationError()
        }
        return try Simulation(scenario: scenario).run(threads: 2)
    }

    /// Σ_d factor(d) over the horizon at an annual rate r: the start-of-day convention of
    /// ``DiscountCurve``, written out here.
    static func discountedDays(rate: Double) -> Double {
        (0..<horizonDays).reduce(0.0) { $0 + pow(1 + rate, -Double($1) / 365.25) }
    }

    @Test func aCohortThatNeverDrinksAccruesExactlyTheAbstinentUtilityAndCost() throws {
        // Abstinent relative risk ~0: nobody dies, so every subject lives every day.
        let report = try Self.run(Self.neverDrinking(
            relativeRisks: "{abstinent: 0.000000001, low: 1000, medium: 1000, high: 1000, very_high: 1000}"))
        let qalys = try report.metric("qalys", arm: "usual_care")
        let cost = try report.metric("cost", arm: "usual_care")
        let lifeYears = try report.metric("life_years", arm: "usual_care")
        let died = try report.metric("died", arm: "usual_care")
        #expect(try report.metric("risk", arm: "usual_care").mean == 0)
        #expect(died.mean == 0)
        let expectedQALYs = 0.6 * Self.discountedDays(rate: 0.015) / 365.25
        let expectedCost = 2 * Self.discountedDays(rate: 0.035)
        // Before the fix the level never left "low" (0.9 utility, 50 per day): 1.5 and 25 times these.
        #expect(abs(qalys.mean - expectedQALYs) < 1e-12 * expectedQALYs, "QALYs \(qalys.mean) vs \(expectedQALYs)")
        #expect(abs(cost.mean - expectedCost) < 1e-12 * expectedCost, "cost \(cost.mean) vs \(expectedCost)")
        #expect(abs(lifeYears.mean - Self.discountedDays(rate: 0.015) / 365.25) < 1e-12)
        #expect(try report.metric("cost_undiscounted", arm: "usual_care").mean == 2 * Double(Self.horizonDays))
    }

    @Test func aCohortThatNeverDrinksDiesAtTheAbstinentRelativeRisk() throws {
        // Abstinent relative risk 10^6: a daily hazard of about 600, so every subject dies on day 0
        // (half the day lived); every other level's relative risk is ~0.
        let report = try Self.run(Self.neverDrinking(
            relativeRisks: "{abstinent: 1000000, low: 0.000000001, medium: 0.000000001, high: 0.000000001, very_high: 0.000000001}"))
        #expect(try report.metric("died", arm: "usual_care").mean == 1)
        #expect(try report.metric("life_years", arm: "usual_care").mean == 0.5 / 365.25)
        #expect(try report.metric("qalys", arm: "usual_care").mean == 0.5 * 0.6 / 365.25)
    }

    /// The window: a subject's level over its last W days' drinks, exact zero when none.
    @Test func theLevelFollowsTheTrailingWindow() {
        let window = RiskLevelWindow(windowDays: 4, standardDrinkGrams: 10)
        let ring = UnsafeMutablePointer<Double>.allocate(capacity: 4)
        defer { ring.deallocate() }
        ring.initialize(repeating: 0, count: 4)
        var sum = 0.0
        // Day 0: 5 drinks = 50 g over 1 day: medium for a man (40, 60].
        #expect(window.record(drinks: 5, day: 0, sex: .male, ring: ring, drinksInWindow: &sum) == .medium)
        // Day 1: 50 g over 2 days = 25 g/day: low.
        #expect(window.record(drinks: 0, day: 1, sex: .male, ring: ring, drinksInWindow: &sum) == .low)
        #expect(window.record(drinks: 0, day: 2, sex: .male, ring: ring, drinksInWindow: &sum) == .low)
        // Day 3: 50 g over 4 days = 12.5 g/day, still low; a woman the same.
        #expect(window.record(drinks: 0, day: 3, sex: .female, ring: ring, drinksInWindow: &sum) == .low)
        // Day 4: day 0 leaves the window: no drink in it, exactly abstinent.
        #expect(window.record(drinks: 0, day: 4, sex: .male, ring: ring, drinksInWindow: &sum) == .abstinent)
        #expect(sum == 0)
        // 4 days of 11 drinks (110 g/day): very high for men (> 100) and women (> 60).
        for day in 5...8 { _ = window.record(drinks: 11, day: day, sex: .male, ring: ring, drinksInWindow: &sum) }
        #expect(window.level(drinksInWindow: sum, daysInWindow: 4, sex: .male) == .veryHigh)
        // 4 drink-free days empty the window again.
        var last = DrinkingRiskLevel.veryHigh
        for day in 9...12 { last = window.record(drinks: 0, day: day, sex: .female, ring: ring, drinksInWindow: &sum) }
        #expect(last == .abstinent)
    }

    /// The window length is an input: a 1-day window makes the day after a drinking day abstinent.
    @Test func theWindowLengthIsRead() throws {
        #expect(try ScenarioText.issueLines(Self.neverDrinking(relativeRisks: "{abstinent: 1, low: 1, medium: 1, high: 1, very_high: 1}",
                                                               windowDays: 0)).contains { $0.contains("risk_level_window_days") })
        guard case .success(let scenario) = try ScenarioText.load(Self.neverDrinking(
            relativeRisks: "{abstinent: 1, low: 1, medium: 1, high: 1, very_high: 1}", windowDays: 7)) else {
            Issue.record("a 7-day window should load")
            return
        }
        #expect(scenario.economics?.riskLevelWindowDays == 7)
    }
}
