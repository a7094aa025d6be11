import Testing
@testable import Baclosim

/// The substance-neutral endpoints for opioid and cocaine use: retention at day N and the share
/// of negative urine tests, on hand-written records; the substance label's names and rules.
@Suite struct IllicitUseEndpointTests {
    @Test func retentionIsOneMinusDropoutAtTheWindowEnd() {
        let days = 28
        let use = [Int](repeating: 0, count: days)
        let through20 = DayWindow(firstDay: 0, lastDay: 20), all = DayWindow(firstDay: 0, lastDay: 27)
        let definitions: [EndpointDefinition] = [.retention(through20), .retention(all), .dropout(all)]
        // Dropout on day 21 (first unobserved day): retained through day 20, not through 27.
        let dropped = EndpointTrackerTests.evaluate(definitions, drinks: use, dropoutDay: 21)
        #expect(dropped.map(\.value) == [1, 0, 1])
        let stayed = EndpointTrackerTests.evaluate(definitions, drinks: use)
        #expect(stayed.map(\.value) == [1, 1, 0])
    }

    /// Weekly tests on days 6, 13, 20, 27; a use day is detectable for 3 days (day of use + 2).
    @Test func urineTestsArePositiveWithinTheDetectionWindow() {
        let all = DayWindow(firstDay: 0, lastDay: 27)
        let weekly = UrineSchedule(everyDays: 7, detectionDays: 3)
        // Use on day 4 (detected on day 6), day 10 (not detected on 13: 3 days before), day 27.
        let use = EndpointTrackerTests.record(days: 28, [4: 1, 10: 1, 27: 1])
        let complete = EndpointTrackerTests.evaluate([.urineNegativeShare(all, weekly, .complete)], drinks: use)
        #expect(complete[0].value == 0.5)          // tests 6 +, 13 −, 20 −, 27 +
        #expect(!complete[0].censored)
        // Dropout from day 15: the tests on days 20 and 27 are missing.
        let failure = EndpointTrackerTests.evaluate([.urineNegativeShare(all, weekly, .dropoutIsFailure)], drinks: use, dropoutDay: 15)
        #expect(failure[0].value == 0.25)          // 6 +, 13 −, 20 missing = +, 27 missing = +
        let observed = EndpointTrackerTests.evaluate([.urineNegativeShare(all, weekly, .observedOnly)], drinks: use, dropoutDay: 15)
        #expect(observed[0].value == 0.5 && observed[0].censored)   // 6 +, 13 −
        // Use before the window is still detected at the first test in it.
        let late = DayWindow(firstDay: 7, lastDay: 27)
        let before = EndpointTrackerTests.evaluate([.urineNegativeShare(late, weekly, .complete)],
                                                   drinks: EndpointTrackerTests.record(days: 28, [12: 1]))
        #expect(before[0].value == 2.0 / 3.0)      // tests 13 +, 20 −, 27 −
    }

    @Test func urineScheduleProblemsAreSentences() {
        let window = DayWindow(firstDay: 0, lastDay: 5)
        #expect(!EndpointDefinition.urineNegativeShare(window, UrineSchedule(everyDays: 7, detectionDays: 3), .complete)
            .problems(horizonDays: 10).isEmpty)
        #expect(EndpointDefinition.urineNegativeShare(window, UrineSchedule(everyDays: 3, detectionDays: 3), .complete)
            .problems(horizonDays: 10).isEmpty)
    }

    @Test func substanceNamesTheUseFreeSeriesAndRejectsAmountEndpoints() {
        #expect(Substance.alcohol.useFreeSeriesName == "abstinent_share")
        #expect(Substance.opioids.useFreeSeriesName == "use_free_share")
        #expect(Substance.alcohol.hasAmounts && !Substance.cocaine.hasAmounts)
        let all = DayWindow(firstDay: 0, lastDay: 27)
        #expect(EndpointDefinition.proportionHeavyDrinkingDays(all, .niaaa, .complete).needsAmounts)
        #expect(EndpointDefinition.meanGramsPerDay(all, .complete).needsAmounts)
        #expect(!EndpointDefinition.proportionDaysAbstinent(all, .complete).needsAmounts)
        #expect(!EndpointDefinition.retention(all).needsAmounts)
    }
}
