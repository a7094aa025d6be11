import Foundation
import Testing
@testable import Baclosim

/// Treatment-course events and planned interruptions through the whole engine (issue 17):
/// restarts after a planned stop, switches to an open-label arm on relapse or on a titration's
/// stopping rule, holidays, the endpoint conventions for switchers, common random numbers up to
/// the event, and the same tables for any thread count. Fixture
/// `Tests/Fixtures/scenarios/treatment-course.yaml`: every subject drinks every day, so each
/// arm's daily prescribed dose has a closed form.
@Suite struct TreatmentCourseEngineTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/scenarios")
    static let fixture = fixtures.appendingPathComponent("treatment-course.yaml").path

    /// The closed-form daily dose (mg/day) of each arm of the fixture on study day `d`.
    static func closedForm(_ arm: String, day d: Int) -> Double {
        switch arm {
        case "restart":
            // A course is 15 for 3 days, 30 to its day 19, 0 from its day 20; a relapse on its
            // day 20 (off the drug) restarts it the next day, twice: courses start on 0, 21, 42.
            let start = d >= 42 ? 42 : d >= 21 ? 21 : 0
            let courseDay = d - start
            return courseDay < 3 ? 15 : courseDay < 20 ? 30 : 0
        case "switch_dropout", "switch_observed":
            // Relapse read from day 10 (a drinking day): open label from day 11.
            return d <= 10 ? 0 : d <= 12 ? 20 : 40
        case "holiday":
            return (30...34).contains(d) ? 0 : 30
        case "no_response":
            // +15 every 3 days until the stopping rule is due on rule day 15: open label from then.
            return d < 15 ? 15 + Double(d / 3) * 15 : d < 17 ? 20 : 40
        case "guided_holiday":
            // 15, 30 from day 3; nothing on days 5–9 (rule days 6 and 9 hold); then +15 on
            // rule days 12, 15, … from 30.
            if (5...9).contains(d) { return 0 }
            return d < 3 ? 15 : d < 12 ? 30 : min(300, 30 + Double((d - 9) / 3) * 15)
        case "open_label":
            return d < 2 ? 20 : 40
        default:
            return 0
        }
    }

    @Test func dosesFollowTheCoursesClosedFormsAndTheEventsAreRecorded() throws {
        let scenario = try Scenario.load(path: Self.fixture)
        let report = try Simulation(scenario: scenario).run(threads: 2)
        let layout = report.result.layout
        let series = try #require(layout.seriesIndex("prescribed_mg_per_day"))
        let horizon = 84
        for arm in ["restart", "switch_dropout", "switch_observed", "holiday", "no_response", "open_label", "guided_holiday"] {
            let a = try #require(layout.armIndex(arm))
            for day in 0..<horizon {
                let mean = report.result.outcomes.series.mean(at: (a * layout.series.count + series) * horizon + day)
                #expect(mean == Self.closedForm(arm, day: day), "\(arm), day \(day)")
            }
        }
        #expect(try report.metric("treatment_restarted", arm: "restart").mean == 1)
        #expect(try report.metric("treatment_switched", arm: "restart").mean == 0)
        #expect(try report.metric("days_to_treatment_change", arm: "restart").mean == 21)
        for arm in ["switch_dropout", "switch_observed"] {
            #expect(try report.metric("treatment_switched", arm: arm).mean == 1)
            #expect(try report.metric("days_to_treatment_change", arm: arm).mean == 11)
        }
        #expect(try report.metric("days_to_treatment_change", arm: "no_response").mean == 15)
        #expect(try report.metric("treatment_switched", arm: "holiday").mean == 0)
        // No event: not applicable (NaN), counted over nobody.
        #expect(try report.metric("days_to_treatment_change", arm: "holiday").count == 0)
        // As a dropout: not retained, and only days 0–10 counted by the observed-only PDA; as
        // observed: retained.
        #expect(try report.metric("retained", arm: "switch_dropout").mean == 0)
        #expect(try report.metric("retained", arm: "switch_observed").mean == 1)
        #expect(try report.metric("retained", arm: "restart").mean == 1)
    }

    @Test func theTablesAreTheSameForAnyThreadCountAndWithoutArmSharing() throws {
        let scenario = try Scenario.load(path: Self.fixture)
        let one = try Simulation(scenario: scenario).run(subjects: 120, threads: 1)
        let three = try Simulation(scenario: scenario).run(subjects: 120, threads: 3)
        let unshared = try Simulation(scenario: scenario).run(subjects: 120, threads: 2, sharesArmPrefixes: false)
        #expect(SummaryTable(one.result).summaryCSV == SummaryTable(three.result).summaryCSV)
        #expect(SummaryTable(one.result).summaryCSV == SummaryTable(unshared.result).summaryCSV)
        #expect(SeriesTables.timeSeriesCSV(one.result) == SeriesTables.timeSeriesCSV(three.result))
    }

    /// RM-1's stochastic subject model: an arm switched to another baclofen arm at its first
    /// drinking day from day 0 (read on days 0–82: the switch is from the next day) is the
    /// unswitched arm up to then, so the share switched is exactly the share with a first
    /// drink in days 0–82 of the unswitched arm, and the switch day is one day after it.
    @Test func aSwitchOnTheFirstDrinkMatchesTheUnswitchedArmUpToIt() throws {
        var scenario = try Scenario.load(path: Self.fixtures.appendingPathComponent("response-guided-rules.yaml").path)
        var fixed = try #require(scenario.arms.first { $0.name == "fixed" })
        fixed.name = "fixed_switch"
        fixed.course = [TreatmentCourseRule(trigger: .relapse(RelapseDefinition(singleDayDrinksAbove: 0)), fromDay: 0,
                                            targetArm: "never_met", maxTimes: 1, endpoints: .asObserved)]
        scenario.arms.append(fixed)
        scenario.endpoints.append(NamedEndpoint(name: "first_drink", definition: .timeToFirstDrink(DayWindow(firstDay: 0, lastDay: 82), .complete)))
        let report = try Simulation(scenario: scenario).run(subjects: 800, threads: 2)
        let firstDrink = try report.metric("first_drink", arm: "fixed")
        let switched = try report.metric("treatment_switched", arm: "fixed_switch")
        #expect(switched.mean == firstDrink.mean && firstDrink.mean > 0.2 && firstDrink.mean < 1)
        #expect(try report.metric("first_drink", arm: "fixed_switch").mean == firstDrink.mean)
        #expect(try report.metric("days_to_treatment_change", arm: "fixed_switch").count == Int((switched.mean * 800).rounded()))
        // After the switch the arms differ: the switched subjects titrate up to 90 mg/day.
        #expect(try report.metric("total_mg_taken", arm: "fixed_switch").mean > report.metric("total_mg_taken", arm: "fixed").mean)
        // Arms with course rules are never shared, and sharing does not change the tables.
        let unshared = try Simulation(scenario: scenario).run(subjects: 300, threads: 1, sharesArmPrefixes: false)
        let shared = try Simulation(scenario: scenario).run(subjects: 300, threads: 2)
        #expect(SummaryTable(shared.result).summaryCSV == SummaryTable(unshared.result).summaryCSV)
    }
}
