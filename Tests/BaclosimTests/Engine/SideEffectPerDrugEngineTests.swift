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
        let acc = try report.metric(metric, arm: arm)
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
            #expect(observed.n == 3000)
            let se = (p * (1 - p) / Double(observed.n)).squareRoot()
            #expect(abs(observed.mean - p) < 5 * se, "\(arm): \(observed.mean) vs \(p)")
        }
        // The three alpha arms share random numbers, drug and part: the same onsets up to the
        // first onset (first-onset only), so the same incidence; only the consequence differs.
        let alpha = try estimate(report, arm: "alpha", metric: "nausea_incidence").mean
        for arm in ["alpha_step_down", "alpha_stop", "alpha_taper"] {
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
        #expect(try estimate(report, arm: "alpha_taper", metric: "nausea_discontinued").mean == alpha)
        // And the regimen follows: by day 27, exposure is lower after a step-down and lowest
        // after a stop (subjects' PK is the same in the three arms).
        let full = try estimate(report, arm: "alpha", metric: "cavg_day27").mean
        let stepped = try estimate(report, arm: "alpha_step_down", metric: "cavg_day27").mean
        let stopped = try estimate(report, arm: "alpha_stop", metric: "cavg_day27").mean
        #expect(stopped < stepped && stepped < full)
        // A stop by the 7-day taper leaves some drug on day 27 for onsets in the last week.
        let tapered = try estimate(report, arm: "alpha_taper", metric: "cavg_day27").mean
        #expect(stopped < tapered && tapered < full)
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

    /// An acamprosate trial whose whole population has CrCl in `[lower, upper]` mL/min, with a
    /// steep diarrhoea part on the dose taken (so the dose given shows in the incidence).
    static func acamprosateScenario(crclLower: Double, crclUpper: Double) -> String {
        let drugs = fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios/drugs/acamprosate.yaml").path
        return """
            schema_version: 2
            name: acamprosate-renal
            run: {subjects: 2000, seed: 13, horizon_days: 28, block_size: 500}
            population:
              male_probability: 0.70
              weight_kg:
                male: {median: 80, log_sd: 0.18}
                female: {median: 65, log_sd: 0.18}
              creatinine_clearance_mL_per_min: {median: \((crclLower + crclUpper) / 2), log_sd: 0.2, lower: \(crclLower), upper: \(crclUpper)}
              baseline_craving: {median: 1, log_sd: 0.30}
            drugs:
              acamprosate:
                file: \(drugs)
                effect: {exposure: cavg, emax: 0.34, ec50_mg_per_L: 0.2}
                side_effects: {diarrhoea: {driver: dose, max_drug_hazard_per_day: 0.06, ec50_mg_per_day: 999}}
            arms:
              - name: placebo
              - {name: acamprosate, drug: acamprosate}
            craving: {theta_per_day: 0.25, sigma_per_sqrt_day: 0.35}
            drinking:
              standard_drink_g: 12
              heavy_day_drinks: {men: 5, women: 5}
              amount: {distribution: poisson, craving_slope: 3}
              states:
                - name: active
                  drinking_hazard:
                    baseline: {constant_per_day: 0.03}
            side_effects:
              - {name: diarrhoea, background_per_day: 0.002}
            endpoints:
              - {name: abstinent, kind: continuous_abstinence}
            metrics:
              exposure:
                - {name: cavg_day20, measure: cavg, day: 20}
            """
    }

    func runAcamprosate(crclLower: Double, crclUpper: Double) throws -> RunReport {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("acamprosate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("s.yaml").path
        try Self.acamprosateScenario(crclLower: crclLower, crclUpper: crclUpper).write(toFile: path, atomically: true, encoding: .utf8)
        return try Simulation(scenario: try Scenario.load(path: path)).run(threads: 2)
    }

    @Test func acamprosatesRenalRuleIsEnforcedAndItsDoseDrivesItsSideEffect() throws {
        // CrCl ≤ 30: contraindicated by the library regimen's renal rule — no drug at all, so
        // exactly placebo's diarrhoea (common random numbers).
        let severe = try runAcamprosate(crclLower: 12, crclUpper: 30)
        #expect(try estimate(severe, arm: "acamprosate", metric: "cavg_day20").mean == 0)
        #expect(try estimate(severe, arm: "acamprosate", metric: "diarrhoea_incidence").mean
                == estimate(severe, arm: "placebo", metric: "diarrhoea_incidence").mean)
        // CrCl 30–50: 333 mg tid (999 mg/day) instead of 1998: the closed form at 999 mg/day.
        let moderate = try runAcamprosate(crclLower: 31, crclUpper: 50)
        let atHalfDose = Self.incidence(h0: 0.002, emax: 0.06, ec50MgPerDay: 999, doseMgPerDay: 999, days: 28)
        let atFullDose = Self.incidence(h0: 0.002, emax: 0.06, ec50MgPerDay: 999, doseMgPerDay: 1998, days: 28)
        let observed = try estimate(moderate, arm: "acamprosate", metric: "diarrhoea_incidence")
        let se = (atHalfDose * (1 - atHalfDose) / Double(observed.n)).squareRoot()
        #expect(abs(observed.mean - atHalfDose) < 5 * se && abs(observed.mean - atFullDose) > 5 * se)
    }

    @Test func perEffectCostAndDisutilityEnterTheEconomics() throws {
        // The US payer scenario, shortened, with one effect every subject has from day 0 on
        // (hazard 50/day, first onset only): once without and once with its economics hooks.
        let path = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios/economics/us-payer-12m.yaml").path
        var base = try Scenario.load(path: path)
        base.run.subjects = 200
        base.run.horizonDays = 30
        let onset = ConcentrationHazard(baselinePerDay: 50, maximumDrugHazardPerDay: 0, ec50MgPerL: 1)
        var plain = base, hooked = base
        plain.sideEffects = [NamedSideEffect(name: "x", model: SideEffectModel(name: "x", onset: onset, resolution: .firstOnsetOnly))]
        hooked.sideEffects = [NamedSideEffect(name: "x", model: SideEffectModel(
            name: "x", onset: onset, resolution: .firstOnsetOnly,
            consequences: SideEffectConsequences(disutilityPerEpisodeDay: 0.05, costPerEpisode: 200)))]
        let a = try Simulation(scenario: plain).run(threads: 1), b = try Simulation(scenario: hooked).run(threads: 1)
        for arm in base.armNames {
            // Same random numbers and the same side-effect days: only the hooks differ. One
            // episode per subject costs 200; each day alive loses 0.05 of a QALY weight.
            let cost = try estimate(b, arm: arm, metric: "cost_undiscounted").mean - estimate(a, arm: arm, metric: "cost_undiscounted").mean
            #expect(abs(cost - 200) < 1e-9, "\(arm)")
            let qalys = try estimate(b, arm: arm, metric: "qalys").mean - estimate(a, arm: arm, metric: "qalys").mean
            let lifeYears = try estimate(a, arm: arm, metric: "life_years").mean
            #expect(abs(qalys + 0.05 * lifeYears) < 1e-12, "\(arm)")
        }
    }
}
