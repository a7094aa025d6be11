import Foundation
import Testing
@testable import Baclosim

/// Every input counts: the audit (``ScenarioInputAudit``) and the warnings that name inputs
/// without effect (``ScenarioInputWarning``). The audit of every shipped scenario runs in CI as
/// `scripts/audit-inputs` (release build); here, the parts that a debug build can afford.
@Suite struct ScenarioInputAuditTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let ukTwelveMonths = root.appendingPathComponent("Scenarios/economics/uk-relapse-prevention-12m.yaml").path

    /// The three abstinent-level inputs the economics ignored (the level never reached
    /// "abstinent"): each now changes the shipped UK model's outputs.
    @Test func theAbstinentLevelInputsOfTheUKModelChangeItsOutputs() throws {
        let keys: Set<String> = ["economics.utility_by_risk_level.abstinent", "economics.hospitalisation_cost_per_day_by_risk_level.abstinent",
                                 "economics.mortality.relative_risk_by_risk_level.abstinent"]
        let findings = try ScenarioInputAudit(subjects: 30, escalation: 2, threads: 2).audit(path: Self.ukTwelveMonths, only: keys)
        #expect(Set(findings.map(\.input.keyPath)) == keys)
        for finding in findings {
            #expect(finding.changed, "\(finding.input.keyPath) changed no output")
        }
    }

    /// The resolved scenario's numbers: included files' values under the including key, the
    /// `overrides:` block's targets, list items by index; `schema_version` and the block itself left out.
    @Test func numericInputsResolveIncludesAndOverrides() throws {
        let text = ScenarioText.twoArmPlacebo(name: "inputs", then: """
            overrides:
              craving.theta_per_day: 0.3
            """)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("s.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let inputs = try ScenarioTemplate(path: path).numericInputs()
        let byPath = Dictionary(inputs.map { ($0.keyPath, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byPath["schema_version"] == nil)
        #expect(!inputs.contains { $0.keyPath.hasPrefix("overrides") })
        #expect(byPath["craving.theta_per_day"]?.value == 0.3)
        #expect(byPath["craving.theta_per_day"]?.file.hasSuffix("craving-default.yaml") == true)
        #expect(byPath["drinking.states[0].drinking_hazard.craving_coefficient"] != nil)
        #expect(byPath["run.horizon_days"]?.value == 28)
    }

    /// A value that cannot matter is named with its reason, and the audit agrees that it has no
    /// effect, while an effective one is not named.
    @Test func aWarnedInputHasNoEffectAndAnEffectiveOneIsNotWarned() throws {
        let text = ScenarioText.twoArmPlacebo(name: "warned", then: """
            drugs:
              naltrexone: {library: naltrexone, effect: {exposure: cavg, emax: 0.3, ec50_mg_per_L: 0.002}}
            """)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("warned-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("s.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let warnings = try ScenarioTemplate(path: path).inputWarnings(probeSubjects: 100)
        let warned = Dictionary(warnings.map { ($0.keyPath, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(warned["drugs.naltrexone.effect.emax"] == "drug naltrexone is given by no arm")
        #expect(warned["drinking.states[0].drinking_hazard.craving_coefficient"] == nil)
        let findings = try ScenarioInputAudit(subjects: 40, escalation: 2, threads: 1)
            .audit(path: path, only: ["drugs.naltrexone.effect.emax", "drinking.states[0].drinking_hazard.craving_coefficient"],
                   warned: Set(warned.keys))
        let changed = Dictionary(findings.map { ($0.input.keyPath, $0.changed) }, uniquingKeysWith: { a, _ in a })
        #expect(changed["drugs.naltrexone.effect.emax"] == false)
        #expect(changed["drinking.states[0].drinking_hazard.craving_coefficient"] == true)
        #expect(warnings.first?.description.contains(": warning: ") == true)
    }

    /// A trial whose subjects start drinking (ESENSE 1: `initial_state: lapsed`) never enters the
    /// shipped model's `abstinent` state: its hazards are named, and the audit agrees they do
    /// nothing there, while the `lapsed` state's do.
    @Test func theInputsOfAStateNoSubjectEntersAreNamed() throws {
        let path = Self.root.appendingPathComponent("Scenarios/trials/mann2013-esense1.yaml").path
        let warnings = try ScenarioTemplate(path: path).inputWarnings(probeSubjects: 100)
        let warned = Dictionary(warnings.map { ($0.keyPath, $0.reason) }, uniquingKeysWith: { a, _ in a })
        let abstinent = "drinking.states[0].drinking_hazard.craving_coefficient"
        let lapsed = "drinking.states[1].drinking_hazard.baseline.constant_per_day"
        #expect(warned[abstinent]?.hasPrefix("no subject ever enters state 'abstinent': subjects start in 'lapsed'") == true, "\(warned[abstinent] ?? "not warned")")
        #expect(warned[lapsed] == nil)
        let findings = try ScenarioInputAudit(subjects: 60, escalation: 2, threads: 1)
            .audit(path: path, only: [abstinent, lapsed], warned: Set(warned.keys))
        let changed = Dictionary(findings.map { ($0.input.keyPath, $0.changed) }, uniquingKeysWith: { a, _ in a })
        #expect(changed[abstinent] == false)
        #expect(changed[lapsed] == true)
    }

    /// The covariate probe: a scenario whose models read no age finds age unread; one whose
    /// economics has background mortality by age reads it.
    @Test func theCovariateProbeFindsWhatTheModelsRead() throws {
        guard case .success(let plain) = try ScenarioText.load(ScenarioText.twoArmPlacebo(name: "probe", then: "")) else {
            Issue.record("the fixture does not load")
            return
        }
        let unread = CovariateUseProbe(subjects: 60).unreadCovariates(of: plain)
        #expect(unread.contains(.age))
        #expect(!unread.contains(.baselineCraving))
        let withMortality = ScenarioText.twoArmPlacebo(name: "probe", then: """
            economics:
              currency: GBP
              price_year: 2024
              utility_by_risk_level: {abstinent: 0.8, low: 0.8, medium: 0.8, high: 0.8, very_high: 0.8}
              mortality: {gompertz: {a_per_year: 0.001, b_per_year: 0.09}}
            """)
        guard case .success(let economic) = try ScenarioText.load(withMortality) else {
            Issue.record("the economics fixture does not load: \(try ScenarioText.issueLines(withMortality))")
            return
        }
        #expect(!CovariateUseProbe(subjects: 60).unreadCovariates(of: economic).contains(.age))
    }

    @Test func candidatesKeepWholeNumbersWholeAndAvoidTheValue() {
        #expect(ScenarioInputAudit.candidates(for: 28).allSatisfy { $0 == $0.rounded() && $0 != 28 })
        #expect(ScenarioInputAudit.candidates(for: 0.3).first == 0.3 * 1.5)
        #expect(!ScenarioInputAudit.candidates(for: 0).contains(0))
    }
}
