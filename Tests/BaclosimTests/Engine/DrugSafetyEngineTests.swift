import Foundation
import Testing
@testable import Baclosim

/// Per-drug withdrawal and toxicity through the whole engine: each arm uses its own drug's model.
@Suite struct DrugSafetyEngineTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios").path

    /// Two drugs with methadone's PK stopped abruptly on day 30; withdrawal driven by occupancy
    /// with EC50 0.01 mg/L (≈ 96% at 60 mg/day) or 100 mg/L (< 0.3%); toxicity: a constant
    /// 0.01/day serious hazard for the first drug only.
    static let text = """
        schema_version: 2
        name: drug-safety-engine
        run: {subjects: 400, seed: 3, horizon_days: 45, block_size: 100}
        population: {include: \(scenarios)/models/population-aud.yaml}
        craving: {include: \(scenarios)/models/craving-default.yaml}
        drinking: {include: \(scenarios)/models/alcohol-default.yaml}
        drugs:
          potent:
            file: \(scenarios)/drugs/methadone.yaml
            effect: {emax: 0, ec50_mg_per_L: 1}
            withdrawal: {driver: {kind: occupancy, ec50_mg_per_L: 0.01}, tau_up_days: 5, tau_down_days: 5, threshold: 0.1, hazard_per_unit_drive: 2}
            toxicity: {grades: [{kind: respiratory_depression, hazard: {baseline_per_day: 0.01, emax_per_day: 0, ec50_mg_per_L: 1}}]}
          weak:
            file: \(scenarios)/drugs/methadone.yaml
            effect: {emax: 0, ec50_mg_per_L: 1}
            withdrawal: {driver: {kind: occupancy, ec50_mg_per_L: 100}, tau_up_days: 5, tau_down_days: 5, threshold: 0.1, hazard_per_unit_drive: 2}
            toxicity: none
        arms:
          - name: placebo
          - {name: potent, drug: potent, regimen: {dose_times_h: [8], maintenance_mg_per_day: 60, taper: {start_day: 30, kind: abrupt}}}
          - {name: weak, drug: weak, regimen: {dose_times_h: [8], maintenance_mg_per_day: 60, taper: {start_day: 30, kind: abrupt}}}
        endpoints:
          - {name: pda, kind: proportion_days_abstinent}
        """

    func estimate(_ report: RunReport, arm: String, metric: String) throws -> MeanAccumulator {
        try report.metric(metric, arm: arm)
    }

    @Test func eachArmUsesItsOwnDrugsWithdrawalAndToxicity() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drug-safety-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("s.yaml").path
        try Self.text.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try Simulation(scenario: try Scenario.load(path: path)).run(threads: 1)

        // Same PK and stop; only the EC50 differs: the weak drug's occupancy never reaches the
        // threshold, the potent drug's falls from ≈ 0.96 after the stop.
        #expect(try estimate(report, arm: "weak", metric: "withdrawal_incidence").mean == 0)
        #expect(try estimate(report, arm: "placebo", metric: "withdrawal_incidence").mean == 0)
        #expect(try estimate(report, arm: "potent", metric: "withdrawal_incidence").mean > 0.5)
        #expect(try estimate(report, arm: "potent", metric: "withdrawal_onset_days_after_last_dose").mean >= 1)

        // Toxicity: 1 − e^{−0.01 × 45} in the potent arm (constant hazard), none elsewhere.
        let serious = try estimate(report, arm: "potent", metric: "toxicity_serious_incidence")
        let expected = -expm1(-0.01 * 45)
        let se = (expected * (1 - expected) / Double(serious.count)).squareRoot()
        #expect(abs(serious.mean - expected) < 5 * se)
        #expect(try estimate(report, arm: "weak", metric: "toxicity_serious_incidence").mean == 0)
        #expect(try estimate(report, arm: "placebo", metric: "toxicity_serious_incidence").mean == 0)
    }
}
