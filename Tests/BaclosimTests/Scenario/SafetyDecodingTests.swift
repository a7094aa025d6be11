import Foundation
import Testing
@testable import Baclosim

/// The safety blocks (`withdrawal:` reinstatement, `alcohol_withdrawal:`, `toxicity:`): valid
/// blocks decode to their models; a bad value is reported with its line, key path and fix.
@Suite struct SafetyDecodingTests {
    /// A two-arm placebo scenario followed by `block` (from line 19).
    static func scenario(_ block: String) -> String {
        ScenarioText.twoArmPlacebo(name: "safety-test", then: block)
    }

    func load(_ text: String) throws -> Result<Scenario, ScenarioIssues> { try ScenarioText.load(text) }

    func issueLines(_ text: String) throws -> [String] { try ScenarioText.issueLines(text) }

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

/// The `alcohol_withdrawal:` and `toxicity:` blocks and the arm's `benzodiazepine_cover`.
extension SafetyDecodingTests {
    @Test func alcoholWithdrawalBlockDecodesWithDefaultsForOmittedComplications() throws {
        let scenario = try load(Self.scenario("""
            alcohol_withdrawal:
              seizures: {untreated_risk: 0.06, benzodiazepine: {relative_risk: 0.16}, window_start_day: 0, window_days: 2, serious: true}
            """)).get()
        let model = try #require(scenario.alcoholWithdrawal)
        #expect(model.seizure.untreatedEpisodeRisk == 0.06)
        #expect(model.seizure.benzodiazepineEffect == .relativeRisk(0.16))
        #expect(abs(model.seizure.coveredEpisodeRisk - 0.06 * 0.16) < 1e-15)
        #expect(model.delirium == AlcoholWithdrawalModel.standard.delirium)
        #expect(scenario.arms.allSatisfy { !$0.benzodiazepineCover })
    }

    @Test func badAlcoholWithdrawalValuesAreReportedWithLineKeyPathAndFix() throws {
        let lines = try issueLines(Self.scenario("""
            alcohol_withdrawal:
              seizures: {untreated_risk: 1.5, benzodiazepine: {risk_difference: 0.077}, window_days: 2}
              delirum_tremens: {untreated_risk: 0.05}
            """))
        #expect(lines.count == 2)
        #expect(lines.contains { $0.hasPrefix("21: alcohol_withdrawal.delirum_tremens: unknown key. Did you mean 'delirium_tremens'?") })
        #expect(lines.contains("20: alcohol_withdrawal.seizures.untreated_risk: must be in [0, 1] (found 1.5). Give the cumulative risk over the window without cover, in [0, 1), e.g. 0.08."))
    }

    @Test func benzodiazepineCoverIsAnArmKey() throws {
        let text = Self.scenario("alcohol_withdrawal: {}\n").replacingOccurrences(
            of: "    psychosocial_therapy: true", with: "    psychosocial_therapy: true\n    benzodiazepine_cover: true")
            .replacingOccurrences(of: "# line 18\n", with: "")
        let scenario = try load(text).get()
        #expect(scenario.arms.map(\.benzodiazepineCover) == [false, true])
        #expect(scenario.alcoholWithdrawal == .standard)
    }

    @Test func toxicityBlockDecodesGradesAndTheAssumedShorthand() throws {
        let scenario = try load(Self.scenario("""
            toxicity:
              driver: cavg
              grades:
                - {kind: deep_sedation, hazard: {emax_per_day: 2, ec50_mg_per_L: 1.8, hill: 12}, serious: false}
                - {kind: coma, hazard: {emax_per_day: 1, ec50_mg_per_L: 2.2, hill: 8}}
              tolerance: {floor: 0.5, time_constant_days: 10}
            """)).get()
        let model = try #require(scenario.toxicity)
        #expect(model.driver == .cavg)
        #expect(model.grades.map(\.kind) == [.deepSedation, .coma])
        #expect(model.grades.map(\.isSerious) == [false, true])
        #expect(model.grades[1].hazard == ConcentrationHazard(maximumDrugHazardPerDay: 1, ec50MgPerL: 2.2, hillCoefficient: 8))
        #expect(model.tolerance == HazardTolerance(floor: 0.5, timeConstantDays: 10))
        #expect(try load(Self.scenario("toxicity: assumed_baclofen\n")).get().toxicity == .assumedBaclofen)
    }

    @Test func badToxicityValuesAreReportedWithLineKeyPathAndFix() throws {
        let lines = try issueLines(Self.scenario("""
            toxicity:
              grades:
                - {kind: comma, hazard: {emax_per_day: 2, ec50_mg_per_L: -1, hil: 12}}
            """))
        #expect(lines == [
            "21: toxicity.grades[0].kind: unknown value 'comma'. Use one of 'deep_sedation', 'coma', 'respiratory_depression'. Did you mean 'coma'?",
            "21: toxicity.grades[0].hazard.hil: unknown key. Did you mean 'hill'? hazard has baseline_per_day, emax_per_day, ec50_mg_per_L and hill; see Scenarios/README.md.",
            "21: toxicity.grades[0].hazard.ec50_mg_per_L: must be in [1e-09, 1000000] (found -1). Give the concentration of half-maximal hazard in mg/L, e.g. 2.2.",
        ])
    }
}
