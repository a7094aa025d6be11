import Foundation
import Testing
@testable import Baclosim

/// As-needed dosing through the whole engine (issue 17): the dose is indicated on a day with the
/// probability the drinking model gives a drinking day without drug effect, and taken with the
/// regimen's own probability; every day indicated and taken is the daily schedule, bit for bit.
@Suite struct AsNeededDosingEngineTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/scenarios")

    /// `treatment-course.yaml`: everyone drinks every day, so every day is indicated.
    @Test func alwaysIndicatedAndTakenIsTheDailyScheduleAndTakingHalfTakesHalf() throws {
        let scenario = try Scenario.load(path: Self.fixtures.appendingPathComponent("treatment-course.yaml").path)
        let n = 600
        let report = try Simulation(scenario: scenario).run(subjects: n, threads: 2)
        for metric in report.result.layout.metrics.map(\.name) {
            let a = try report.metric(metric, arm: "as_needed_always"), b = try report.metric(metric, arm: "daily_18")
            #expect(a.mean.bitPattern == b.mean.bitPattern && a.count == b.count, "\(metric)")
        }
        #expect(try report.metric("total_mg_taken", arm: "daily_18").mean == 18 * 84)
        // Taken with probability 1/2 on each of 84 days: 18 mg × Binomial(84, 1/2) per subject.
        let half = try report.metric("total_mg_taken", arm: "as_needed_half").mean
        let sd = 18 * (84 * 0.25).squareRoot() / Double(n).squareRoot()
        #expect(abs(half - 18 * 42) < 4 * sd, "\(half)")
        // Indicated every day: on treatment and prescribed 18 mg/day every day.
        let layout = report.result.layout
        let a = try #require(layout.armIndex("as_needed_half")), series = try #require(layout.seriesIndex("prescribed_mg_per_day"))
        for day in 0..<84 {
            #expect(report.result.outcomes.series.mean(at: (a * layout.series.count + series) * 84 + day) == 18)
        }
    }

    /// RM-1's stochastic subject model with a drug that has no effect: the as-needed arm's
    /// subjects live the placebo arm's days, and the share of subjects for whom the dose is
    /// indicated on day d estimates the placebo drinking-day probability on day d.
    @Test func theDoseIsIndicatedWithTheDrinkingProbabilityOfTheDay() throws {
        var scenario = try Scenario.load(path: Self.fixtures.appendingPathComponent("response-guided-rules.yaml").path)
        var arm = try #require(scenario.arms.first { $0.name == "fixed" })
        arm.name = "inert_as_needed"
        arm.treatment?.pharmacodynamics = PharmacodynamicModel(responder: EffectModel(emax: 0, ec50MgPerL: 1, hill: 1))
        arm.treatment?.regimen = Regimen(doseTimesH: [18], maintenanceMgPerDay: .nan, asNeeded: AsNeededDosing(doseMg: 18, takeProbability: 1))
        #expect(arm.treatment?.regimen.validate(horizonDays: 84).isEmpty == true)
        arm.sideEffectConsequences = [:]
        scenario.arms.append(arm)
        scenario.reportsDoses = true
        let n = 4000
        let report = try Simulation(scenario: scenario).run(subjects: n, threads: 2)
        let layout = report.result.layout
        let inert = try #require(layout.armIndex("inert_as_needed")), placebo = try #require(layout.armIndex("placebo"))
        let prescribed = try #require(layout.seriesIndex("prescribed_mg_per_day")), abstinent = try #require(layout.seriesIndex("abstinent_share"))
        func mean(_ arm: Int, _ series: Int, _ day: Int) -> Double {
            report.result.outcomes.series.mean(at: (arm * layout.series.count + series) * 84 + day) ?? .nan
        }
        // Two shares of the same n subjects: the SE of their difference is at most √(2·¼/n).
        let tolerance = 4.5 * (0.5 / Double(n)).squareRoot()
        var indicatedDays = 0.0, drinkingDays = 0.0
        for day in 0..<84 {
            #expect(mean(inert, abstinent, day) == mean(placebo, abstinent, day), "day \(day): the inert drug changes nothing")
            let indicated = mean(inert, prescribed, day) / 18, drinking = 1 - mean(placebo, abstinent, day)
            #expect(abs(indicated - drinking) < tolerance, "day \(day): indicated \(indicated) vs drinking \(drinking)")
            indicatedDays += indicated
            drinkingDays += drinking
        }
        #expect(indicatedDays > 5, "the fixture drinks on some days")
        // Taken every day it is indicated (take_probability 1, the scenario's adherence not applied).
        #expect(abs(try report.metric("total_mg_taken", arm: "inert_as_needed").mean - 18 * indicatedDays) < 1e-6 * 18 * 84)
    }
}
