import Foundation
import Testing
@testable import Baclosim

/// The subject's drinking frailty (issue 19: heterogeneity in how often subjects drink): a
/// lognormal multiplier of the drinking hazards that opt in (`drinking_frailty_power`), and the
/// SD across subjects that `report_sd` reports. Oracle: with a constant hazard h the days are
/// independent given the frailty F, so a subject's share of abstinent days over n days is
/// Binomial(n, e^{−hF})/n: mean E[e^{−hF}], variance E[q(1 − q)]/n + Var(q) with q = e^{−hF},
/// integrated over the lognormal by a fine midpoint rule.
@Suite struct DrinkingFrailtyTests {
    static func scenario(frailty: String, power: String, hazard: Double = 0.3, subjects: Int = 4000) -> String {
        """
        schema_version: 2
        name: frailty
        run: {subjects: \(subjects), seed: 7, horizon_days: 28}
        population:
          male_probability: 0.5
          baseline_craving: {median: 1, log_sd: 0.30}
          drinking_frailty: \(frailty)
        arms: [{name: placebo}]
        craving: {theta_per_day: 0.25, sigma_per_sqrt_day: 0.35}
        drinking:
          standard_drink_g: 12
          amount: {distribution: poisson, craving_slope: 0}
          states:
            - name: active
              drinking_hazard: {baseline: {constant_per_day: \(hazard)}, multipliers: {drinking_frailty_power: \(power)}}
        endpoints:
          - {name: pda, kind: proportion_days_abstinent, window_days: [0, 27], report_sd: true}

        """
    }

    /// E over F = exp(σZ), Z standard normal, of f(F), by the midpoint rule on Z ∈ [−8, 8].
    static func expectation(sigma: Double, _ f: (Double) -> Double) -> Double {
        let steps = 20_000, width = 16.0 / Double(steps)
        var sum = 0.0
        for i in 0..<steps {
            let z = -8 + (Double(i) + 0.5) * width
            sum += f(exp(sigma * z)) * exp(-z * z / 2) * width
        }
        return sum / (2 * Double.pi).squareRoot()
    }

    /// The `pda_sd` row of the run's arm table.
    static func sd(_ report: RunReport) throws -> Double {
        try #require(report.armOutcomeRows.first { $0.metric == "pda_sd" && $0.arm == "placebo" }?.mean)
    }

    @Test func aFixedFrailtyScalesTheHazardExactly() throws {
        let doubled = try Simulation(scenario: ScenarioText.load(Self.scenario(frailty: "{median: 2, log_sd: 0}", power: "1", subjects: 500)).get()).run(threads: 1)
        let plain = try Simulation(scenario: ScenarioText.load(Self.scenario(frailty: "{median: 1, log_sd: 0}", power: "1", hazard: 0.6, subjects: 500)).get()).run(threads: 1)
        #expect(try doubled.metric("pda", arm: "placebo").mean == plain.metric("pda", arm: "placebo").mean)
        // Power 0: the frailty is not read.
        let unread = try Simulation(scenario: ScenarioText.load(Self.scenario(frailty: "{median: 5, log_sd: 1}", power: "0", subjects: 500)).get()).run(threads: 1)
        let one = try Simulation(scenario: ScenarioText.load(Self.scenario(frailty: "{median: 1, log_sd: 0}", power: "1", subjects: 500)).get()).run(threads: 1)
        #expect(try unread.metric("pda", arm: "placebo").mean == one.metric("pda", arm: "placebo").mean)
    }

    @Test func aLognormalFrailtySpreadsDrinkingAsTheClosedFormSays() throws {
        let sigma = 1.0, h = 0.3, n = 28.0, subjects = 4000.0
        let report = try Simulation(scenario: ScenarioText.load(Self.scenario(frailty: "{median: 1, log_sd: \(sigma)}", power: "1")).get()).run(threads: 2)
        let pda = try report.metric("pda", arm: "placebo")
        let mean = Self.expectation(sigma: sigma) { exp(-h * $0) }
        let second = Self.expectation(sigma: sigma) { exp(-2 * h * $0) }
        let variance = (mean - second) / n + (second - mean * mean)
        #expect(abs(pda.mean - mean) < 4.5 * (variance / subjects).squareRoot(), "PDA \(pda.mean) vs \(mean)")
        let sd = try Self.sd(report)
        // The sample SD of 4,000 subjects: within 8 % of the closed form.
        #expect(abs(sd - variance.squareRoot()) < 0.08 * variance.squareRoot(), "SD \(sd) vs \(variance.squareRoot())")
        // Without frailty the spread is the binomial one alone, much smaller.
        let q = exp(-h)
        let plain = try Simulation(scenario: ScenarioText.load(Self.scenario(frailty: "{median: 1, log_sd: 0}", power: "1")).get()).run(threads: 2)
        let plainSD = try Self.sd(plain)
        #expect(abs(plainSD - (q * (1 - q) / n).squareRoot()) < 0.08 * (q * (1 - q) / n).squareRoot() && plainSD < sd / 2)
    }

    @Test func frailtyAndReportSDAreCheckedAndAnUnreadFrailtyIsNamed() throws {
        let wide = try ScenarioText.issueLines(Self.scenario(frailty: "{median: 1, log_sd: 5}", power: "1"))
        #expect(wide.contains { $0.contains("population.drinking_frailty.log_sd: must be in [0, 3]") })
        let power = try ScenarioText.issueLines(Self.scenario(frailty: "{median: 1, log_sd: 1}", power: "9"))
        #expect(power.contains { $0.contains("drinking_frailty_power: must be in [0, 4]") })
        let binary = try ScenarioText.issueLines(Self.scenario(frailty: "{median: 1, log_sd: 1}", power: "1")
            .replacingOccurrences(of: "kind: proportion_days_abstinent", with: "kind: continuous_abstinence"))
        #expect(binary.contains { $0.contains("endpoints[0].report_sd: applies to an endpoint with a value per subject") })
        let scenario = try ScenarioText.load(Self.scenario(frailty: "{median: 1, log_sd: 1}", power: "0", subjects: 200)).get()
        #expect(CovariateUseProbe(subjects: 200).unreadCovariates(of: scenario).contains(.drinkingFrailty))
        let read = try ScenarioText.load(Self.scenario(frailty: "{median: 1, log_sd: 1}", power: "1", subjects: 200)).get()
        #expect(!CovariateUseProbe(subjects: 200).unreadCovariates(of: read).contains(.drinkingFrailty))
    }
}
