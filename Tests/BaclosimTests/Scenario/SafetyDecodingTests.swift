import Foundation
import Testing
@testable import Baclosim

/// The safety blocks (`withdrawal:` reinstatement, `alcohol_withdrawal:`, `toxicity:`): valid
/// blocks decode to their models; a bad value is reported with its line, key path and fix.
@Suite struct SafetyDecodingTests {
    static let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios/models").path

    /// A two-arm placebo scenario followed by `block` (from line 19).
    static func scenario(_ block: String) -> String {
        """
        schema_version: 1
        name: safety-test
        run: {subjects: 10, seed: 1, horizon_days: 28}
        population: {include: \(models)/population-aud.yaml}
        craving: {include: \(models)/craving-default.yaml}
        drinking: {include: \(models)/alcohol-default.yaml}
        arms:
          - name: placebo
          - name: therapy
            psychosocial_therapy: true
        endpoints:
          - {name: abstinent, kind: continuous_abstinence}
          - {name: pda, kind: proportion_days_abstinent}
          - {name: dropout, kind: dropout}
        # line 15
        # line 16
        # line 17
        # line 18

        """ + block
    }

    func load(_ text: String) throws -> Result<Scenario, ScenarioIssues> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("s.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do { return .success(try Scenario.load(path: path)) } catch { return .failure(error) }
    }

    /// The issues of a rejected scenario as `line: key.path: problem. fix`.
    func issueLines(_ text: String) throws -> [String] {
        guard case .failure(let failure) = try load(text) else {
            Issue.record("expected the scenario to be rejected")
            return []
        }
        return failure.issues.map { "\($0.line.map(String.init) ?? "?"): \($0.keyPath): \($0.problem). \($0.fix)" }
    }

    @Test func withdrawalReinstateAtSymptomDecodes() throws {
        let scenario = try load(Self.scenario("""
            withdrawal: {tau_up_days: 20, tau_down_days: 3, threshold: 0.05, hazard_per_unit_drive: 3, severity_tiers: assumed_default, reinstate_at_symptom: hallucinations}
            """)).get()
        #expect(scenario.withdrawal?.reinstateAtSymptom == .hallucinations)
        #expect(scenario.withdrawal?.severityTiers.count == 5)
        let without = try load(Self.scenario("withdrawal: {tau_up_days: 20, tau_down_days: 3, threshold: 0.05, hazard_per_unit_drive: 3}\n")).get()
        #expect(without.withdrawal?.reinstateAtSymptom == nil)
    }

    @Test func unknownReinstateSymptomIsReportedWithItsLine() throws {
        let lines = try issueLines(Self.scenario("""
            withdrawal: {tau_up_days: 20, tau_down_days: 3, threshold: 0.05, hazard_per_unit_drive: 3, reinstate_at_symptom: halucinations}
            """))
        #expect(lines == [
            "19: withdrawal.reinstate_at_symptom: unknown value 'halucinations'. Use one of 'anxiety', 'tachycardia', 'hallucinations', 'psychosis', 'convulsions'. Did you mean 'hallucinations'?",
        ])
    }
}
