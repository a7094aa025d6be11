import Foundation
import Testing
@testable import Baclosim

/// Titration to response through the whole engine (issue 17; fixture
/// `Tests/Fixtures/scenarios/response-guided-rules.yaml`): the dose outputs against closed forms
/// for criteria never and always met, common random numbers between identical rule arms, the
/// same tables for any thread count, and the daily prescribed dose.
@Suite struct ResponseGuidedEngineTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/scenarios/response-guided-rules.yaml").path

    /// The closed-form daily dose of the fixture's rule when it is never met: 15 mg/day, +15
    /// every 3 days, up to 90.
    static func neverMetDose(day: Int) -> Double { min(90, 15 + Double(day / 3) * 15) }

    @Test func doseOutputsFollowTheClosedFormsAndIdenticalRulesGiveIdenticalOutcomes() throws {
        let scenario = try Scenario.load(path: Self.fixture)
        let report = try Simulation(scenario: scenario).run(threads: 2)
        let n = 2000
        // Never met, no intolerable episode: everyone reaches 90 mg/day on day 15.
        #expect(try report.metric("achieved_dose_mg_per_day", arm: "never_met").mean == 90)
        #expect(try report.metric("achieved_dose_mg_per_day", arm: "never_met").count == n)
        #expect(try report.metric("days_to_achieved_dose", arm: "never_met").mean == 15)
        #expect(try report.metric("reached_ceiling_dose", arm: "never_met").mean == 1)
        #expect(try report.metric("dose_stepped_down", arm: "never_met").mean == 0)
        // Always met: the start dose throughout.
        #expect(try report.metric("achieved_dose_mg_per_day", arm: "always_met").mean == 15)
        #expect(try report.metric("days_to_achieved_dose", arm: "always_met").mean == 0)
        #expect(try report.metric("reached_ceiling_dose", arm: "always_met").mean == 0)
        // Amount taken: each of 3 daily doses taken with probability 0.9, so the mean is 0.9 ×
        // the prescribed total, with variance Σ (dose/3)² · 0.9 · 0.1 per subject.
        let alwaysMetDose: (Int) -> Double = { _ in 15 }
        let courses: [(String, (Int) -> Double)] = [("never_met", Self.neverMetDose), ("always_met", alwaysMetDose)]
        for (arm, dose) in courses {
            let doses = (0..<84).map(dose)
            let prescribed = doses.reduce(0, +)
            let variance = doses.reduce(0.0) { sum, mg in sum + 3 * (mg / 3) * (mg / 3) * 0.09 }
            let taken = try report.metric("total_mg_taken", arm: arm).mean
            #expect(abs(taken - 0.9 * prescribed) < 4 * (variance / Double(n)).squareRoot(), "\(arm): \(taken) vs \(0.9 * prescribed)")
        }
        // The daily prescribed dose of the never-met arm is its closed form on every day.
        let layout = report.result.layout
        let arm = try #require(layout.armIndex("never_met")), series = try #require(layout.seriesIndex("prescribed_mg_per_day"))
        for day in 0..<84 {
            let mean = report.result.outcomes.series.mean(at: (arm * layout.series.count + series) * 84 + day)
            #expect(mean == Self.neverMetDose(day: day), "day \(day)")
        }
        // The rule works on the subject: some respond early, some step down, some reach 90.
        let guided = try report.metric("achieved_dose_mg_per_day", arm: "guided")
        #expect(guided.mean > 15 && guided.mean < 90)
        #expect(try report.metric("dose_stepped_down", arm: "guided").mean > 0.05)
        // Identical rules, identical numbers: every metric equal, every paired difference 0.
        for metric in layout.metrics.map(\.name) {
            let a = try report.metric(metric, arm: "guided"), b = try report.metric(metric, arm: "guided_copy")
            #expect(a.mean.bitPattern == b.mean.bitPattern && a.count == b.count, "\(metric)")
        }
    }

    @Test func theTablesAreTheSameForAnyThreadCount() throws {
        let scenario = try Scenario.load(path: Self.fixture)
        let one = try Simulation(scenario: scenario).run(subjects: 600, threads: 1)
        let three = try Simulation(scenario: scenario).run(subjects: 600, threads: 3)
        #expect(SummaryTable(one.result).summaryCSV == SummaryTable(three.result).summaryCSV)
        #expect(SeriesTables.timeSeriesCSV(one.result) == SeriesTables.timeSeriesCSV(three.result))
        // And the same without arm sharing (rule arms are never shared; the fixed arm may be).
        let unshared = try Simulation(scenario: scenario).run(subjects: 600, threads: 2, sharesArmPrefixes: false)
        #expect(SummaryTable(one.result).summaryCSV == SummaryTable(unshared.result).summaryCSV)
    }

    @Test func theSummaryReportsTheAchievedDosesSpreadAndPercentiles() throws {
        let scenario = try Scenario.load(path: Self.fixture)
        let report = try Simulation(scenario: scenario).run(subjects: 400, threads: 2)
        let csv = SummaryTable(report.result).summaryCSV
        #expect(csv.contains("never_met,achieved_dose_mg_per_day_sd,0.0,"))
        #expect(csv.contains("guided,achieved_dose_mg_per_day_p50,"))
        // No dose outputs for an arm without a drug.
        #expect(csv.contains("placebo,achieved_dose_mg_per_day,nan,"))
    }

    /// RM-1's subject model with `arms` (given as YAML list items) and the dose outputs on.
    static func rm1Scenario(arms: String, horizonDays: Int = 28) -> String {
        let fixture = try! String(contentsOfFile: fixture, encoding: .utf8)
        let population = fixture[fixture.range(of: "population:")!.lowerBound..<fixture.range(of: "drugs:")!.lowerBound]
        let rest = fixture[fixture.range(of: "adherence:")!.lowerBound..<fixture.range(of: "side_effects:")!.lowerBound]
        let drugFile = URL(fileURLWithPath: Self.fixture).deletingLastPathComponent()
            .appendingPathComponent("../../../Scenarios/reference/rm1-baclofen.yaml").standardized.path
        return """
            schema_version: 2
            name: dose-outputs
            run: {subjects: 300, seed: 5, horizon_days: \(horizonDays), block_size: 100}
            \(population)drugs:
              baclofen: {file: \(drugFile), effect: {exposure: cavg, emax: 0.70, ec50_mg_per_L: 0.20}}
            arms:
            \(arms)
            \(rest)endpoints:
              - {name: pda, kind: proportion_days_abstinent}
            metrics: {dose: true}

            """
    }

    @Test func armsThatShareDaysKeepTheirOwnDoseFindingPhase() throws {
        // `tapered` gives 30 mg/day on days 5-7 as a taper step, `held` as its maintenance: the
        // same doses, but only `held` is still finding its dose. Shared or not, the same tables.
        let text = Self.rm1Scenario(arms: """
              - name: tapered
                drug: baclofen
                regimen: {titration: [{days: 5, mg_per_day: 15}], maintenance_mg_per_day: 15, taper: {start_day: 5, kind: steps, steps: [{days: 3, mg_per_day: 30}]}}
              - name: held
                drug: baclofen
                regimen: {titration: [{days: 5, mg_per_day: 15}], maintenance_mg_per_day: 30}
            """)
        let scenario = try ScenarioText.load(text).get()
        let shared = try Simulation(scenario: scenario).run(threads: 1)
        let unshared = try Simulation(scenario: scenario).run(threads: 1, sharesArmPrefixes: false)
        #expect(SummaryTable(shared.result).summaryCSV == SummaryTable(unshared.result).summaryCSV)
        #expect(try shared.metric("days_to_achieved_dose", arm: "held").mean == 5)
        #expect(try shared.metric("achieved_dose_mg_per_day", arm: "tapered").mean == 15)
    }

    /// The largest dose a regimen may name runs (its concentrations stay finite); a larger one
    /// is a validation error, not a run that overflows.
    @Test func theLargestValidDoseRunsWithItsDoseOutputs() throws {
        let text = Self.rm1Scenario(arms: """
              - {name: huge, drug: baclofen, regimen: {maintenance_mg_per_day: 100000}}
            """, horizonDays: 3)
        let scenario = try ScenarioText.load(text).get()
        let tooLarge = Self.rm1Scenario(arms: """
              - {name: huge, drug: baclofen, regimen: {maintenance_mg_per_day: 1e300}}
            """, horizonDays: 3)
        #expect(try ScenarioText.issueLines(tooLarge).contains { $0.hasSuffix("arms[0].regimen.maintenance_mg_per_day: must be in [0, 100000] (found 1e+300). Give the daily dose after titration in mg/day, e.g. 30.") })
        let report = try Simulation(scenario: scenario).run(subjects: 20, threads: 1)
        #expect(try report.metric("reached_ceiling_dose", arm: "huge").mean == 1)
    }
}
