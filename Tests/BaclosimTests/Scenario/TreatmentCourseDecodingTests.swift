import Foundation
import Testing
@testable import Baclosim

/// An arm's `course:` rules and a regimen's `holidays:`: valid blocks decode to their models;
/// unknown targets, switches between two drugs, a no-response trigger without a stopping rule
/// and out-of-range values are reported with line, key path and fix, all at once.
@Suite struct TreatmentCourseDecodingTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios").path

    /// Placebo, baclofen and naltrexone arms; `baclofen`'s course rules are `course` (from line 17 when
    /// `regimen` is one line), its regimen `regimen` (from line 15).
    static func scenario(course: String, regimen: String = "            maintenance_mg_per_day: 30") -> String {
        """
        schema_version: 2
        name: course-test
        run: {subjects: 10, seed: 1, horizon_days: 84}
        population: {include: \(scenarios)/models/population-aud.yaml}
        craving: {include: \(scenarios)/models/craving-default.yaml}
        drinking: {include: \(scenarios)/models/alcohol-default.yaml}
        drugs:
          baclofen: {file: \(scenarios)/drugs/baclofen.yaml, effect: {emax: 0.5, ec50_mg_per_L: 0.08}}
          naltrexone: {file: \(scenarios)/drugs/naltrexone.yaml, effect: {emax: 0.3, ec50_mg_per_L: 0.01}}
        arms:
          - name: placebo
          - name: baclofen
            drug: baclofen
            regimen:
        \(regimen)
            course:
        \(course)
          - name: open_label
            drug: baclofen
            regimen: {maintenance_mg_per_day: 60}
          - name: naltrexone
            drug: naltrexone
        endpoints:
          - {name: pda, kind: proportion_days_abstinent}

        """
    }

    @Test func rulesAndHolidaysDecodeWithTheirDefaults() throws {
        let scenario = try ScenarioText.load(Self.scenario(course: """
                  - {on: relapse, relapse: {heavy_days: {count: 2, window_days: 14}}, from_day: 28, switch_to: open_label, endpoints: as_dropout}
                  - {on: relapse, relapse: {single_day_drinks_above: 4}, heavy_day_drinks: {men: 6, women: 4}, while_off_drug: true, switch_to: baclofen, times: 2}
            """, regimen: """
                    maintenance_mg_per_day: 30
                    holidays: [{start_day: 42, days: 7}]
            """)).get()
        let arm = scenario.arms[1]
        #expect(arm.treatment?.regimen.holidays == [DrugHoliday(startDay: 42, days: 7)])
        #expect(arm.course.count == 2)
        // Heavy days by the drinking model's threshold unless the rule gives its own.
        let modelThreshold = scenario.drinking.heavyThreshold
        #expect(arm.course[0] == TreatmentCourseRule(
            trigger: .relapse(RelapseDefinition(heavyDays: HeavyDaysCriterion(count: 2, windowDays: 14, threshold: modelThreshold))),
            fromDay: 28, targetArm: "open_label", maxTimes: 1, endpoints: .asDropout))
        #expect(arm.course[1].whileOffDrug && arm.course[1].maxTimes == 2 && arm.course[1].endpoints == .asObserved)
        #expect(arm.course[1].targetArm == "baclofen" && arm.course[1].heavyThresholdGiven)
        #expect(scenario.hasTreatmentCourse)
    }

    @Test func badRulesAreReportedAtOnceWithTheirLines() throws {
        let lines = try ScenarioText.issueLines(Self.scenario(course: """
                  - {on: relapse, relapse: {single_day_drinks_above: 0}, switch_to: open_lable}
                  - {on: relapse, relapse: {heavy_days: {count: 3, window_days: 70}}, switch_to: naltrexone, from_day: 90}
                  - {on: no_response, switch_to: placebo}
                  - {on: relapse, relapse: {}, switch_to: placebo, endpoints: as_failure, times: 0}
            """))
        #expect(lines == [
            "20: arms[1].course[3].times: must be ≥ 1 (found 0). Give the most times the rule fires per subject, e.g. 1.",
            "20: arms[1].course[3].endpoints: unknown value 'as_failure'. Use one of 'as_observed', 'as_dropout'.",
            "18: arms[1].course[1].from_day: is after the last day simulated (day 83). Give a day within the horizon, or remove the rule.",
            "18: arms[1].course[1].relapse.heavy_days: needs 1 ≤ count ≤ window_days ≤ 64 (found 3 in 70). Give at most 64 days and no more heavy days than the window has.",
            "20: arms[1].course[3].relapse: has no criterion. Give single_day_drinks_above, weekly_drinks or heavy_days.",
            "17: arms[1].course[0].switch_to: no arm 'open_lable'. Use one of: placebo, baclofen, open_label, naltrexone. Did you mean 'open_label'?",
            "18: arms[1].course[1].switch_to: switches from baclofen to naltrexone: the engine follows one drug's amounts per subject and arm, so the first drug's washout would be lost. Switch to an arm giving baclofen or no drug, or start the rescue arm's drug in an arm of its own.",
            "19: arms[1].course[2].on: no_response needs this arm's regimen to titrate to response with stop_without_response_weeks. Add titrate_to_response with stop_without_response_weeks to the arm's regimen, or use on: relapse.",
        ])
    }

    @Test func holidaysOutOfRangeAreReported() throws {
        let rule = "          - {on: relapse, relapse: {single_day_drinks_above: 0}, switch_to: placebo}"
        #expect(try ScenarioText.issueLines(Self.scenario(course: rule, regimen: """
                    maintenance_mg_per_day: 30
                    holidays: [{start_day: -1, days: 0}]
            """)) == [
            "16: arms[1].regimen.holidays[0].start_day: must be ≥ 0 (found -1). Give the first day without a dose, counting the first treatment day as 0.",
            "16: arms[1].regimen.holidays[0].days: must be ≥ 1 (found 0). Give the number of days without a dose, e.g. 7.",
        ])
        // Past the horizon: found once the regimen is read, against the scenario's horizon.
        #expect(try ScenarioText.issueLines(Self.scenario(course: rule, regimen: """
                    maintenance_mg_per_day: 30
                    holidays: [{start_day: 90, days: 3}]
            """)) == [
            "16: arms[1].regimen.holidays[0].start_day: is after the last day simulated (day 83). Start the interruption within the horizon, or remove it.",
        ])
    }

    @Test func asNeededRegimensDecodeAndContradictionsAreReported() throws {
        let rule = "          - {on: relapse, relapse: {single_day_drinks_above: 0}, switch_to: placebo}"
        let scenario = try ScenarioText.load(Self.scenario(course: rule, regimen: """
                    dose_times_h: [18]
                    as_needed: {dose_mg: 18, take_probability: 0.8}
            """)).get()
        #expect(scenario.arms[1].treatment?.regimen.asNeeded == AsNeededDosing(doseMg: 18, takeProbability: 0.8))
        #expect(scenario.arms[1].treatment?.regimen.maximumProtocolMgPerDay == 18)
        let lines = try ScenarioText.issueLines(Self.scenario(course: rule, regimen: """
                    maintenance_mg_per_day: 30
                    taper: {kind: linear, days: 7, start_day: 28}
                    as_needed: {dose_mg: 0, take_probability: 1.5}
            """))
        #expect(lines == [
            "17: arms[1].regimen.as_needed.dose_mg: must be in (0, 100000] (found 0). Give the dose taken in mg, e.g. 18.",
            "17: arms[1].regimen.as_needed.take_probability: must be in [0, 1] (found 1.5). Give the probability a dose is taken on a day it is indicated, e.g. 0.8.",
            "15: arms[1].regimen.maintenance_mg_per_day: is not used with as_needed (the dose is as_needed.dose_mg on the days it is taken). Remove maintenance_mg_per_day.",
            "16: arms[1].regimen.taper: cannot be combined with as_needed (there is no daily dose to bring down). Remove the taper; an as-needed course ends when the horizon does, or by a side effect's discontinue.",
            "15: arms[1].regimen.dose_times_h: must give one time with as_needed (at most one dose a day; found 3). Give the clock hour the dose is taken on a day it is, e.g. [18] for 18:00, before an evening's drinking.",
        ])
    }
}
