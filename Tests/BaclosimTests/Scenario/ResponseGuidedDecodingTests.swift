import Foundation
import Testing
@testable import Baclosim

/// The `titrate_to_response` block of a regimen and `metrics.dose`: a valid rule decodes to its
/// model; contradictory or impossible rules are rejected with their line, key path and fix, all
/// at once.
@Suite struct ResponseGuidedDecodingTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios").path

    /// A placebo and a baclofen arm whose regimen is `regimen` (its first line is line 14), then
    /// `block`.
    static func scenario(regimen: String, _ block: String = "") -> String {
        """
        schema_version: 2
        name: response-guided-test
        run: {subjects: 10, seed: 1, horizon_days: 84}
        population: {include: \(scenarios)/models/population-aud.yaml}
        craving: {include: \(scenarios)/models/craving-default.yaml}
        drinking: {include: \(scenarios)/models/alcohol-default.yaml}
        drugs:
          baclofen: {file: \(scenarios)/drugs/baclofen.yaml, effect: {emax: 0.5, ec50_mg_per_L: 0.08}}
        arms:
          - name: placebo
          - name: guided
            drug: baclofen
            regimen:
        \(regimen)
        endpoints:
          - {name: pda, kind: proportion_days_abstinent}

        """ + block
    }

    @Test func aRuleDecodesWithItsDefaultsAndTurnsTheDoseOutputsOn() throws {
        let text = Self.scenario(regimen: """
                  titrate_to_response:
                    {start_mg_per_day: 15, step_mg_per_day: 15, step_interval_days: 3, ceiling_mg_per_day: 300,
                     response: {window_days: 14, max_heavy_days: 0, max_mean_craving: 1.5}, stop_without_response_weeks: 12}
            """)
        let scenario = try ScenarioText.load(text).get()
        let rule = try #require(scenario.arms[1].treatment?.regimen.responseGuided)
        #expect(rule == ResponseGuidedTitration(startMgPerDay: 15, stepMgPerDay: 15, stepIntervalDays: 3, ceilingMgPerDay: 300,
                                                response: ResponseCriterion(windowDays: 14, maxHeavyDays: 0, maxMeanCraving: 1.5),
                                                stepDownMgPerDay: 15, holdAfterStepDownDays: 0, maxReescalations: 0,
                                                stopWithoutResponseDays: 84))
        #expect(scenario.reportsDoses)
        // Off on request; on for a fixed regimen on request.
        let off = try ScenarioText.load(text + "metrics: {dose: false}\n").get()
        #expect(!off.reportsDoses)
        let fixed = try ScenarioText.load(Self.scenario(regimen: "          maintenance_mg_per_day: 30", "metrics: {dose: true}\n")).get()
        #expect(fixed.reportsDoses)
        #expect(try !ScenarioText.load(Self.scenario(regimen: "          maintenance_mg_per_day: 30")).get().reportsDoses)
    }

    @Test func contradictoryRulesAreReportedAtOnceWithTheirLines() throws {
        let lines = try ScenarioText.issueLines(Self.scenario(regimen: """
                  maintenance_mg_per_day: 30
                  titrate_to_response:
                    {start_mg_per_day: 60, step_mg_per_day: 0, step_interval_days: 3, ceiling_mg_per_day: 30, response: {window_days: 7}}
            """))
        #expect(lines == [
            "16: arms[1].regimen.titrate_to_response.step_mg_per_day: must be in (0, 100000] (found 0). Give the daily dose added at each step in mg/day, e.g. 15; for a fixed dose use maintenance_mg_per_day instead.",
            "14: arms[1].regimen.maintenance_mg_per_day: is not used with titrate_to_response (each subject's dose is found by the rule). Remove maintenance_mg_per_day; the rule's ceiling_mg_per_day bounds the dose.",
            "16: arms[1].regimen.titrate_to_response.ceiling_mg_per_day: is below start_mg_per_day (30 < 60 mg/day): the rule could never give its start dose. Raise ceiling_mg_per_day to at least 60, or lower start_mg_per_day.",
            "16: arms[1].regimen.titrate_to_response.response: names no condition, so no subject could ever respond. Give max_drinking_days, max_heavy_days or max_mean_craving, e.g. max_heavy_days: 0.",
        ])
    }

    @Test func aCeilingAboveTheCapAndAnUnreachableCriterionAreReported() throws {
        let lines = try ScenarioText.issueLines(Self.scenario(regimen: """
                  cap: {max_mg_per_day: 100}
                  titrate_to_response:
                    start_mg_per_day: 15
                    step_mg_per_day: 15
                    step_interval_days: 14
                    ceiling_mg_per_day: 300
                    response: {window_days: 7, max_drinking_days: 7}
                    stop_without_response_weeks: 1
            """, "metrics: {dose: true}\n"))
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("20: arms[1].regimen.titrate_to_response.response.max_drinking_days: must be in 0…6") })
        #expect(lines.contains { $0.hasPrefix("21: arms[1].regimen.titrate_to_response.stop_without_response_weeks: is shorter than one step interval") })
        #expect(lines.contains { $0.hasPrefix("19: arms[1].regimen.titrate_to_response.ceiling_mg_per_day: 300 mg/day is above the daily cap of 100 mg/day") })
    }

    @Test func doseOutputsWithoutADrugArmAreRejected() throws {
        let text = """
            schema_version: 2
            name: no-drug
            run: {subjects: 10, seed: 1, horizon_days: 28}
            population: {include: \(Self.scenarios)/models/population-aud.yaml}
            craving: {include: \(Self.scenarios)/models/craving-default.yaml}
            drinking: {include: \(Self.scenarios)/models/alcohol-default.yaml}
            arms: [{name: placebo}]
            endpoints: [{name: pda, kind: proportion_days_abstinent}]
            metrics: {dose: true}

            """
        #expect(try ScenarioText.issueLines(text) == [
            "9: metrics.dose: asks for dose outputs, but no arm gives a drug. Remove metrics.dose, or give an arm a drug.",
        ])
    }
}
