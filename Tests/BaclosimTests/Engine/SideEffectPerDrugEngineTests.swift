import Foundation
import Testing
@testable import Baclosim

/// Per-drug side effects and per-arm consequences through the whole engine (issue #5): each arm
/// uses its own drug's part, overrides fire as declared, and a subject excluded or reassigned
/// for pregnancy never receives baclofen.
@Suite struct SideEffectPerDrugEngineTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/scenarios")

    /// Mean, standard error and count of `metric` in `arm`.
    func estimate(_ report: RunReport, arm: String, metric: String) throws -> (mean: Double, se: Double, n: Int) {
        let layout = report.result.layout
        let a = try #require(layout.arms.firstIndex(of: arm))
        let m = try #require(layout.metrics.firstIndex { $0.name == metric })
        let acc = report.result.outcomes.mean(arm: a, metric: m)
        return (acc.mean, acc.standardError ?? .nan, acc.count)
    }

    /// `1 − e^{−h·days}` with `h = h0 + Emax·dose/(EC50 + dose)`.
    static func incidence(h0: Double, emax: Double, ec50MgPerDay: Double, doseMgPerDay: Double, days: Double) -> Double {
        -expm1(-(h0 + emax * doseMgPerDay / (ec50MgPerDay + doseMgPerDay)) * days)
    }

    @Test func eachArmUsesItsOwnDrugsPartAndOverridesFireAsDeclared() throws {
        let scenario = try Scenario.load(path: Self.fixtures.appendingPathComponent("per-drug-side-effects.yaml").path)
        let report = try Simulation(scenario: scenario).run(threads: 2)
        let expected = [
            "placebo": -expm1(-0.002 * 28),
            "alpha": Self.incidence(h0: 0.002, emax: 0.02, ec50MgPerDay: 60, doseMgPerDay: 60, days: 28),
            "beta": Self.incidence(h0: 0.002, emax: 0.02, ec50MgPerDay: 180, doseMgPerDay: 60, days: 28),
        ]
        for (arm, p) in expected {
            let observed = try estimate(report, arm: arm, metric: "nausea_incidence")
            #expect(observed.n == 4000)
            let se = (p * (1 - p) / Double(observed.n)).squareRoot()
            #expect(abs(observed.mean - p) < 5 * se, "\(arm): \(observed.mean) vs \(p)")
        }
        // The three alpha arms share random numbers, drug and part: the same onsets up to the
        // first onset (first-onset only), so the same incidence; only the consequence differs.
        let alpha = try estimate(report, arm: "alpha", metric: "nausea_incidence").mean
        for arm in ["alpha_step_down", "alpha_stop"] {
            #expect(try estimate(report, arm: arm, metric: "nausea_incidence").mean == alpha)
        }
        // Every onset is intolerable: the step-down arm reduces, the stop arm discontinues, the
        // scenario's own action (none) does neither.
        #expect(try estimate(report, arm: "alpha", metric: "nausea_dose_reduced").mean == 0)
        #expect(try estimate(report, arm: "alpha", metric: "nausea_discontinued").mean == 0)
        #expect(try estimate(report, arm: "alpha_step_down", metric: "nausea_dose_reduced").mean == alpha)
        #expect(try estimate(report, arm: "alpha_step_down", metric: "nausea_discontinued").mean == 0)
        #expect(try estimate(report, arm: "alpha_stop", metric: "nausea_discontinued").mean == alpha)
        #expect(try estimate(report, arm: "alpha_stop", metric: "nausea_dose_reduced").mean == 0)
        // And the regimen follows: by day 27, exposure is lower after a step-down and lowest
        // after a stop (subjects' PK is the same in the three arms).
        let full = try estimate(report, arm: "alpha", metric: "cavg_day27").mean
        let stepped = try estimate(report, arm: "alpha_step_down", metric: "cavg_day27").mean
        let stopped = try estimate(report, arm: "alpha_stop", metric: "cavg_day27").mean
        #expect(stopped < stepped && stepped < full)
        // Linear PK: halving the dose halves Cavg, and onset is independent of PK here, so the
        // step-down arm keeps about 1 − q/2 of the exposure and the stop arm 1 − q, q the share
        // with an onset by day 25 (2 days to wash out; t½ ≈ 4–6 h).
        let q = -expm1(-(0.002 + 0.01) * 26)
        #expect(abs(stepped / full - (1 - q / 2)) < 0.03)
        #expect(abs(stopped / full - (1 - q)) < 0.03)
    }

    @Test func aSubjectExcludedOrReassignedForPregnancyNeverReceivesBaclofen() throws {
        let scenario = try Scenario.load(path: Self.fixtures.appendingPathComponent("pregnancy-reassign.yaml").path)
        let report = try Simulation(scenario: scenario).run(threads: 1)
        #expect(try estimate(report, arm: "baclofen_excluded", metric: "somnolence_incidence").n == 0)
        let reassigned = try estimate(report, arm: "baclofen_reassigned", metric: "cavg_day10")
        #expect(reassigned.n == 2000 && reassigned.mean == 0)
        // Reassigned to placebo's treatment: exactly placebo's side effects (common random numbers),
        // not baclofen's large somnolence part.
        let placebo = try estimate(report, arm: "placebo", metric: "somnolence_incidence").mean
        #expect(try estimate(report, arm: "baclofen_reassigned", metric: "somnolence_incidence").mean == placebo)
        #expect(placebo < 0.3)
    }
}
