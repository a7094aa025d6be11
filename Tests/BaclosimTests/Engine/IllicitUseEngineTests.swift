import Foundation
import Testing
@testable import Baclosim

/// The OUD and cocaine scenarios through the whole engine: retention against its closed form
/// given each subject's simulated effect path, Mattick's retention targets, and small runs of
/// the shipped efficacy scenarios.
@Suite struct IllicitUseEngineTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios").path

    static func mean(_ report: RunReport, arm: String, metric: String) throws -> MeanAccumulator {
        try report.metric(metric, arm: arm)
    }

    /// With the dropout hazard h × (1 − E_d) × context (and no competing transition), a subject
    /// stays in treatment through day N with probability p = exp(−context·h·Σ_{d ≤ N}(1 − E_d)),
    /// E_d its own effect path (recorded as a trajectory). Simulated retention equals the mean of
    /// p within 5 standard errors (SE² = Σ p(1 − p)/n²), in a no-drug arm, a methadone arm and the
    /// placebo-context arm.
    @Test func retentionFollowsTheEffectScaledDropoutHazard() throws {
        var scenario = try Scenario.load(path: Self.scenarios + "/trials/mattick-oud.yaml")
        scenario.arms = scenario.arms.filter { ["no_ort", "methadone60", "placebo"].contains($0.name) }
        scenario.differences = []
        scenario.targets = []
        // Remove using → abstinent so that dropout is the only hazard-driven transition.
        // Keep dosing after dropout, so that each recorded effect path is the one a retained
        // subject would have had (retention depends only on days before dropout anyway).
        let roles = scenario.drinking.states.map(\.role)
        for s in scenario.drinking.states.indices {
            scenario.drinking.states[s].transitions.removeAll { roles[$0.target] == .active }
            scenario.drinking.states[s].endsTreatment = false
        }
        let dropout = try #require(scenario.drinking.states[0].transitions.first?.hazard)
        guard case .constant(let h) = dropout.baseline else { Issue.record("dropout hazard is not constant"); return }
        let n = 800, horizon = scenario.run.horizonDays
        let report = try Simulation(scenario: scenario).run(subjects: n, threads: 2, trajectories: n)
        let layout = report.result.layout
        let effectColumn = try #require(layout.trajectoryColumns.firstIndex(of: "effect"))
        let columns = layout.trajectoryColumns.count
        #expect(report.result.outcomes.trajectories.count == n)
        for (a, arm) in layout.arms.enumerated() {
            let context = scenario.arms[a].treatmentHazardRatio
            var sumP = 0.0, sumVariance = 0.0
            for sample in report.result.outcomes.trajectories {
                var exponent = 0.0
                for day in 0..<horizon { exponent += 1 - sample.values[(a * horizon + day) * columns + effectColumn] }
                let p = exp(-context * h * exponent)
                sumP += p
                sumVariance += p * (1 - p)
            }
            let expected = sumP / Double(n), se = sumVariance.squareRoot() / Double(n)
            let simulated = try Self.mean(report, arm: arm, metric: "retention_24wk").mean
            #expect(abs(simulated - expected) < 5 * se, "\(arm): simulated \(simulated), closed form \(expected) ± \(se)")
        }
        // The drug matters: methadone's mean effect keeps most subjects.
        #expect(try Self.mean(report, arm: "methadone60", metric: "retention_24wk").mean > 0.5)
        #expect(try Self.mean(report, arm: "no_ort", metric: "retention_24wk").mean < 0.25)
    }

    /// `ends_treatment: true` on dropped_out (the OUD model): from the day after dropout no dose
    /// is given, so methadone's Cavg falls every day (pure elimination, half-life ≈ 25 h with
    /// 40% IIV in CL), while retained subjects stay on their dose.
    @Test func droppingOutStopsTheDrug() throws {
        var scenario = try Scenario.load(path: Self.scenarios + "/trials/mattick-oud.yaml")
        scenario.arms = scenario.arms.filter { $0.name == "methadone60" }
        scenario.differences = []
        scenario.targets = []
        let dropped = try #require(scenario.drinking.states.firstIndex { $0.role == .droppedOut })
        #expect(scenario.drinking.states[dropped].endsTreatment)
        let n = 200, horizon = scenario.run.horizonDays
        let report = try Simulation(scenario: scenario).run(subjects: n, threads: 2, trajectories: n)
        let layout = report.result.layout
        let columns = layout.trajectoryColumns.count
        let cavg = try #require(layout.trajectoryColumns.firstIndex(of: "cavg_mg_per_L"))
        let state = try #require(layout.trajectoryColumns.firstIndex(of: "state"))
        var checked = 0
        for sample in report.result.outcomes.trajectories {
            let value = { (day: Int, column: Int) in sample.values[day * columns + column] }
            // State column = state from tomorrow; the first day it reads dropped_out is the dropout day.
            guard let day = (20..<(horizon - 8)).first(where: { Int(value($0, state)) == dropped }) else {
                if Int(value(horizon - 1, state)) != dropped { #expect(value(horizon - 1, cavg) > 0.01) }
                continue
            }
            guard Int(value(day - 1, state)) != dropped else { continue }
            for k in 1...7 { #expect(value(day + k + 1, cavg) < value(day + k, cavg)) }
            #expect(value(day + 8, cavg) < 0.5 * value(day + 1, cavg))
            checked += 1
        }
        #expect(checked > 10)
    }

    /// Mattick 2009/2014 retention ratios (calibration target 10, docs/sources.md#calibration-targets), each marked met in
    /// Scenarios/trials: at 1 500 subjects the Monte Carlo interval of each ratio is a few
    /// percent wide, far inside the published intervals; the simulated ratio must lie inside the
    /// published 95% interval and the MC interval must not cross its bounds.
    @Test func matticksRetentionTargetsAreMet() throws {
        var scenario = try Scenario.load(path: Self.scenarios + "/trials/mattick-oud.yaml")
        scenario.arms.removeAll { $0.name == "bup16" }
        scenario.differences.removeAll { $0.a == "bup16" }
        #expect(scenario.targets.count == 4)
        let report = try Simulation(scenario: scenario).run(subjects: 1_500, threads: 2)
        for target in scenario.targets {
            let comparison = TargetComparison(target: target, scenario: scenario.name, armRows: report.armOutcomeRows,
                                              differenceRows: report.differenceOutcomeRows)
            #expect(comparison.isMet && !comparison.isBorderline,
                    "\(target.name): simulated \(comparison.simulated ?? .nan), published \(target.interval)")
        }
    }

    @Test func shippedOpioidScenarioRunsWithRetentionAndUseOutputs() throws {
        let scenario = try Scenario.load(path: Self.scenarios + "/oud/methadone-buprenorphine.yaml")
        let report = try Simulation(scenario: scenario).run(subjects: 200, threads: 2)
        #expect(report.result.layout.series.contains("use_free_share"))
        #expect(!report.result.layout.series.contains("abstinent_share"))
        let none = try Self.mean(report, arm: "no_agonist", metric: "retention_24wk").mean
        let methadone = try Self.mean(report, arm: "methadone60", metric: "retention_24wk").mean
        let high = try Self.mean(report, arm: "buprenorphine16", metric: "urine_negative").mean
        let low = try Self.mean(report, arm: "buprenorphine4", metric: "urine_negative").mean
        #expect(methadone > none + 0.3)
        #expect(high > low)
    }

    /// Vigabatrin acts through the inactivated GABA-T fraction: the shipped scenario runs and
    /// the drug raises the share of negative urine tests.
    @Test func shippedCocaineScenarioRunsWithTheInactivationEffect() throws {
        let scenario = try Scenario.load(path: Self.scenarios + "/cocaine/vigabatrin.yaml")
        #expect(scenario.arms[1].treatment?.pharmacodynamics.exposure == .enzymeInactivation)
        let report = try Simulation(scenario: scenario).run(subjects: 300, threads: 2, trajectories: 1)
        let placebo = try Self.mean(report, arm: "placebo", metric: "urine_negative")
        let vigabatrin = try Self.mean(report, arm: "vigabatrin3g", metric: "urine_negative")
        #expect(vigabatrin.mean > placebo.mean + 0.1)
        // The effect path of the first subject: rises over the titration towards Emax·I*/(I50 + I*).
        let layout = report.result.layout
        let column = try #require(layout.trajectoryColumns.firstIndex(of: "effect"))
        let horizon = layout.horizonDays, columns = layout.trajectoryColumns.count
        let sample = try #require(report.result.outcomes.trajectories.first)
        let effect = { (day: Int) in sample.values[(1 * horizon + day) * columns + column] }
        #expect(effect(0) > 0 && effect(0) < effect(30))
        #expect(effect(60) > 0.4 && effect(60) < 0.85)
        // Stopped after day 41: three days later the plasma is empty but more than half of the
        // effect remains (GABA-T resynthesis t½ ≈ 72 h); it fades over the following weeks.
        let stop = try #require(layout.arms.firstIndex(of: "vigabatrin_stop_wk6"))
        let column0 = try #require(layout.trajectoryColumns.firstIndex(of: "cavg_mg_per_L"))
        let value = { (day: Int, c: Int) in sample.values[(stop * horizon + day) * columns + c] }
        #expect(value(44, column0) < 1e-3 * value(41, column0))
        #expect(value(44, column) > 0.5 * value(41, column))
        #expect(value(70, column) < 0.1 * value(41, column))
    }
}
