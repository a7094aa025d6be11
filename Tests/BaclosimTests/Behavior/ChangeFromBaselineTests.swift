import Foundation
import Testing
@testable import Baclosim

/// Change-from-baseline endpoints (issue 18) on a cohort whose drinking is fixed: every subject
/// drinks one 12 g drink every day against a baseline of exactly 4 drinks a day, so the change
/// is −3 drinks/day, −36 g/day and −75 %; after a dropout (`dropout_is_failure`) the baseline is
/// carried forward, so the unobserved days change nothing.
@Suite struct ChangeFromBaselineTests {
    static func scenario(dropoutPerDay: Double, cravingSigma: Double = 0.35) -> String {
        """
        schema_version: 2
        name: change-from-baseline
        run: {subjects: 300, seed: 2, horizon_days: 28}
        population:
          male_probability: 0.5
          weight_kg:
            male: {median: 80, log_sd: 0.18}
            female: {median: 65, log_sd: 0.18}
          creatinine_clearance_mL_per_min: {median: 100, log_sd: 0.25, lower: 15, upper: 180}
          baseline_craving: {median: 1, log_sd: 0.30}
          baseline_drinks_per_day: {median: 4, log_sd: 0}
        arms: [{name: placebo}]
        craving: {theta_per_day: 0.25, sigma_per_sqrt_day: \(cravingSigma)}
        drinking:
          standard_drink_g: 12
          heavy_day_drinks: {men: 5, women: 4}
          amount: {distribution: poisson, craving_slope: 0}
          states:
            - name: active
              drinking_hazard: {baseline: {constant_per_day: 1000}}
              transitions:
                - {to: gone, hazard: {baseline: {constant_per_day: \(dropoutPerDay)}}}
            - name: gone
              drinking_hazard: {baseline: {constant_per_day: 1000}}
              role: dropped_out
        endpoints:
          - {name: change_drinks, kind: change_in_drinks_per_day, missing: dropout_is_failure}
          - {name: change_grams, kind: change_in_grams_per_day, missing: observed_only}
          - {name: change_percent, kind: percent_change_in_drinks_per_day}
          - {name: retained, kind: retention}
          - {name: change_locf, kind: change_in_drinks_per_day, missing: last_observation_carried_forward}
          - {name: change_completers, kind: change_in_drinks_per_day, missing: completers}
          - {name: first_drink_completers, kind: time_to_first_drink, missing: completers}
          - {name: change_craving, kind: change_in_craving}

        """
    }

    @Test func aFixedCohortGivesTheClosedForm() throws {
        let scenario = try ScenarioText.load(Self.scenario(dropoutPerDay: 0)).get()
        let report = try Simulation(scenario: scenario).run(threads: 2)
        #expect(try report.metric("change_drinks", arm: "placebo").mean == -3)
        #expect(try report.metric("change_grams", arm: "placebo").mean == -36)
        #expect(try report.metric("change_percent", arm: "placebo").mean == -75)
    }

    @Test func unobservedDaysCarryTheBaselineForwardOrAreLeftOut() throws {
        let scenario = try ScenarioText.load(Self.scenario(dropoutPerDay: 0.05)).get()
        let report = try Simulation(scenario: scenario).run(threads: 2)
        #expect(try report.metric("retained", arm: "placebo").mean < 0.5)
        // Observed only: the observed days' change, −36 g/day for everyone with one.
        #expect(try report.metric("change_grams", arm: "placebo").mean == -36)
        // Baseline carried forward: a subject observed k of 28 days changes by −3·k/28, so the
        // mean change lies strictly between −3 and 0.
        let change = try report.metric("change_drinks", arm: "placebo").mean
        #expect(change > -3 && change < -1)
    }

    /// Last observation carried forward repeats the last observed day (one drink: −3) and, for a
    /// subject never observed, the baseline (no change); the completers' population keeps only
    /// the subjects observed through day 27, each at −3, and so does its Kaplan–Meier curve.
    @Test func carriedForwardAndCompletersFollowTheirDefinitions() throws {
        let scenario = try ScenarioText.load(Self.scenario(dropoutPerDay: 0.05)).get()
        let report = try Simulation(scenario: scenario).run(threads: 2)
        let n = 300.0
        let locf = try report.metric("change_locf", arm: "placebo")
        #expect(locf.count == 300)
        // −3 for a subject observed on day 0 (probability e^{−0.05}), 0 for one never observed.
        let expected = -3 * exp(-0.05)
        let sd = 3 * (exp(-0.05) * (1 - exp(-0.05)) / n).squareRoot()
        #expect(abs(locf.mean - expected) < 4.5 * sd, "\(locf.mean) vs \(expected)")
        #expect(locf.mean > -3 && locf.mean < -2.5)
        let retained = try report.metric("retained", arm: "placebo")
        let completers = try report.metric("change_completers", arm: "placebo")
        #expect(completers.mean == -3)
        #expect(completers.count == Int((retained.mean * n).rounded()))
        let layout = report.result.layout
        let endpoint = try #require(layout.endpoints.firstIndex(of: "first_drink_completers"))
        #expect(report.result.outcomes.survival(arm: 0, endpoint: endpoint).subjects == completers.count)
        #expect(try report.metric("first_drink_completers", arm: "placebo").mean == 1)
    }

    @Test func carryingAUrineTestForwardIsRefused() throws {
        let text = Self.scenario(dropoutPerDay: 0)
            .replacingOccurrences(of: "  - {name: retained, kind: retention}",
                                  with: "  - {name: retained, kind: retention}\n  - {name: urine, kind: urine_negative_share, missing: last_observation_carried_forward}")
        let lines = try ScenarioText.issueLines(text)
        #expect(lines.contains { $0.contains("endpoints[4].missing: last_observation_carried_forward is not defined for urine tests") })
    }

    /// Craving without noise stays at each subject's baseline (no drug, a mean at the baseline):
    /// no change, exactly; with noise the stationary process changes by 0 on average.
    @Test func cravingChangesFromItsOwnBaseline() throws {
        let still = try Simulation(scenario: ScenarioText.load(Self.scenario(dropoutPerDay: 0, cravingSigma: 0)).get()).run(threads: 2)
        let change = try still.metric("change_craving", arm: "placebo")
        #expect(change.count == 300 && abs(change.mean) < 1e-12, "\(change.mean)")
        let noisy = try Simulation(scenario: ScenarioText.load(Self.scenario(dropoutPerDay: 0)).get()).run(threads: 2)
        let moving = try noisy.metric("change_craving", arm: "placebo")
        #expect(abs(moving.mean) < 4.5 * (moving.standardError ?? 1) && (moving.standardError ?? 0) > 0)
    }

    /// Heavy drinking days against each subject's own baseline percentage (Beta, mean 70 %, SD
    /// 20 points): every day one drink, so with a 1-drink threshold every day is heavy (change
    /// = 100 − baseline, mean 30) and with the model's 5/4 thresholds none is (change =
    /// −baseline, mean −70); the spread across subjects is the baseline's SD.
    @Test func heavyDrinkingDaysChangeFromTheSubjectsBaseline() throws {
        let text = Self.scenario(dropoutPerDay: 0)
            .replacingOccurrences(of: "  baseline_drinks_per_day: {median: 4, log_sd: 0}",
                                  with: "  baseline_drinks_per_day: {median: 4, log_sd: 0}\n  baseline_heavy_drinking_days_percent: {mean: 70, sd: 20}")
            .replacingOccurrences(of: "  - {name: retained, kind: retention}",
                                  with: """
                                    - {name: retained, kind: retention}
                                    - {name: change_hdd_all, kind: change_in_percent_heavy_drinking_days, heavy_day_drinks: {men: 1, women: 1}}
                                    - {name: change_hdd_none, kind: change_in_percent_heavy_drinking_days}
                                  """)
        let report = try Simulation(scenario: ScenarioText.load(text).get()).run(threads: 2)
        let all = try report.metric("change_hdd_all", arm: "placebo"), none = try report.metric("change_hdd_none", arm: "placebo")
        let se = 20 / 300.0.squareRoot()
        #expect(abs(all.mean - 30) < 4.5 * se, "\(all.mean)")
        #expect(abs(none.mean + 70) < 4.5 * se, "\(none.mean)")
        // Each subject's two changes add up to 100 points exactly.
        #expect(abs(all.mean - none.mean - 100) < 1e-9)
        // The baseline's SD: the sample SD of 300 draws lies within about 15 % of 20.
        let sd = (all.standardError ?? 0) * 300.0.squareRoot()
        #expect(sd > 16 && sd < 24, "SD \(sd)")
    }

    /// The Beta margin has the mean and SD it is given, and an impossible pair or a missing
    /// baseline is a located error.
    @Test func theBaselineHeavyDaysMarginAndItsErrors() throws {
        let margin = BetaPercentMargin(meanPercent: 70, sdPercent: 20)
        let shapes = try #require(margin.shapes)
        // κ = 0.7·0.3/0.04 − 1 = 4.25: Beta(2.975, 1.275).
        #expect(abs(shapes.alpha - 2.975) < 1e-12 && abs(shapes.beta - 1.275) < 1e-12)
        // The median of the quantile function is between 0 and 100 and the extremes are the bounds.
        #expect(margin.value(uniform: 0) == 0 && margin.value(uniform: 1) == 100)
        // A midpoint-rule mean of the quantile function over 10⁵ uniforms is the mean.
        let n = 100_000
        let mean = (0..<n).reduce(0.0) { $0 + margin.value(uniform: (Double($1) + 0.5) / Double(n)) } / Double(n)
        #expect(abs(mean - 70) < 0.01, "\(mean)")
        #expect(BetaPercentMargin(meanPercent: 50, sdPercent: 0).value(uniform: 0.9) == 50)
        #expect(BetaPercentMargin(meanPercent: 90, sdPercent: 30).problem != nil)

        let impossible = Self.scenario(dropoutPerDay: 0)
            .replacingOccurrences(of: "  baseline_drinks_per_day: {median: 4, log_sd: 0}",
                                  with: "  baseline_drinks_per_day: {median: 4, log_sd: 0}\n  baseline_heavy_drinking_days_percent: {mean: 90, sd: 30}")
        #expect(try ScenarioText.issueLines(impossible).contains { $0.contains("population.baseline_heavy_drinking_days_percent.sd: no Beta distribution") })
        let missing = Self.scenario(dropoutPerDay: 0)
            .replacingOccurrences(of: "  - {name: retained, kind: retention}",
                                  with: "  - {name: retained, kind: retention}\n  - {name: hdd, kind: change_in_percent_heavy_drinking_days}")
        #expect(try ScenarioText.issueLines(missing).contains {
            $0.contains("endpoints[4].kind: endpoint 'hdd' compares heavy drinking days with each subject's baseline, which the population does not give")
        })
    }

    /// Drinks per drinking day: one drink every day gives exactly 1; with 1 + Poisson(2) drinks
    /// every day the subjects' means average 3 (SD of a subject's mean √(2/28)).
    @Test func drinksPerDrinkingDayIsTheMeanOverDrinkingDays() throws {
        let one = Self.scenario(dropoutPerDay: 0)
            .replacingOccurrences(of: "  - {name: retained, kind: retention}", with: "  - {name: retained, kind: retention}\n  - {name: ddd, kind: drinks_per_drinking_day}")
        let exact = try Simulation(scenario: ScenarioText.load(one).get()).run(threads: 2)
        #expect(try exact.metric("ddd", arm: "placebo").mean == 1)
        let poisson = one.replacingOccurrences(of: "amount: {distribution: poisson, craving_slope: 0}", with: "amount: {distribution: poisson, craving_slope: 0, intercept: 2}")
        let report = try Simulation(scenario: ScenarioText.load(poisson).get()).run(threads: 2)
        let ddd = try report.metric("ddd", arm: "placebo")
        #expect(abs(ddd.mean - 3) < 4.5 * (2.0 / 28).squareRoot() / 300.0.squareRoot(), "\(ddd.mean)")
    }
}
