import Foundation
import Testing
@testable import Baclosim

/// An endpoint over the subjects who entered a phase (`population: {reached_dose_mg_per_day}`,
/// issue 18), on the titration fixture: the arm whose criterion is never met reaches 90 mg/day
/// for everyone (its population is the whole arm), the arm whose criterion is always met never
/// leaves 15 mg/day (an empty population), and the result is the same with or without the dose
/// outputs.
@Suite struct ReachedDosePopulationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/scenarios/response-guided-rules.yaml").path

    @Test func onlyTheSubjectsWhoReachedTheDoseCount() throws {
        var scenario = try Scenario.load(path: Self.fixture)
        let window = DayWindow(firstDay: 0, lastDay: 83)
        scenario.endpoints.append(NamedEndpoint(name: "pda_high_dose", definition: .proportionDaysAbstinent(window, .complete), reachedDoseMgPerDay: 90))
        scenario.endpoints.append(NamedEndpoint(name: "first_drink_high_dose", definition: .timeToFirstDrink(window, .complete), reachedDoseMgPerDay: 90))
        let n = 600
        let report = try Simulation(scenario: scenario).run(subjects: n, threads: 2)
        #expect(try report.metric("pda_high_dose", arm: "never_met").count == n)
        #expect(try report.metric("pda_high_dose", arm: "never_met").mean == report.metric("pda", arm: "never_met").mean)
        #expect(try report.metric("pda_high_dose", arm: "always_met").count == 0)
        #expect(try report.metric("pda_high_dose", arm: "placebo").count == 0)
        let guided = try report.metric("pda_high_dose", arm: "guided").count
        #expect(guided > 0 && guided < n)
        let layout = report.result.layout
        let km = try #require(layout.endpoints.firstIndex(of: "first_drink_high_dose"))
        #expect(report.result.outcomes.survival(arm: try #require(layout.armIndex("guided")), endpoint: km).subjects == guided)
        #expect(report.result.outcomes.survival(arm: try #require(layout.armIndex("always_met")), endpoint: km).subjects == 0)
        // Without the dose outputs the day loop keeps the highest dose for the population alone.
        scenario.reportsDoses = false
        let plain = try Simulation(scenario: scenario).run(subjects: n, threads: 2)
        #expect(try plain.metric("pda_high_dose", arm: "guided").count == guided)
        #expect(try plain.metric("pda_high_dose", arm: "guided").mean == report.metric("pda_high_dose", arm: "guided").mean)
    }
}
