import Testing

@testable import Baclosim

@Suite struct KaplanMeierCountsTests {
    @Test func productLimitMatchesHandComputedTable() {
        // Five subjects over 5 days: events on days 1, 1, 3; censored after days 2 and 4.
        var counts = KaplanMeierCounts(horizonDays: 5)
        counts.add(day: 1, event: true)
        counts.add(day: 2, event: false)
        counts.add(day: 1, event: true)
        counts.add(day: 4, event: false)
        counts.add(day: 3, event: true)
        let table = counts.table()
        #expect(table.map(\.atRisk) == [5, 5, 3, 2, 1])
        #expect(table.map(\.events) == [0, 2, 0, 1, 0])
        #expect(table.map(\.censored) == [0, 0, 1, 0, 1])
        // S = 1, 1·(1 − 2/5) = 0.6, 0.6, 0.6·(1 − 1/2) = 0.3, 0.3.
        let expected = [1.0, 0.6, 0.6, 0.3, 0.3]
        for (row, s) in zip(table, expected) { #expect(abs(row.survival - s) < 1e-15) }
    }

    @Test func mergeAddsCounts() {
        var a = KaplanMeierCounts(horizonDays: 3)
        a.add(day: 0, event: true)
        var b = KaplanMeierCounts(horizonDays: 3)
        b.add(day: 2, event: false)
        b.add(day: 0, event: true)
        var both = KaplanMeierCounts(horizonDays: 3)
        both.add(day: 0, event: true)
        both.add(day: 2, event: false)
        both.add(day: 0, event: true)
        a.merge(b)
        #expect(a == both)
        #expect(abs((a.table().last?.survival ?? 0) - 1.0 / 3.0) < 1e-15)
    }
}

/// A subject censored before day 0 (never observed, e.g. a dropout on day 0) never enters the
/// risk set; the others' Kaplan–Meier table is unchanged by it.
@Suite struct NeverObservedCensoringTests {
    @Test func aSubjectNeverObservedIsNotAtRisk() throws {
        let layout = try OutcomeLayout(arms: ["a"], metrics: [MetricSpec("m")], differences: [], endpoints: ["relapse"],
                                       series: [], trajectoryColumns: [], horizonDays: 5)
        var accumulator = OutcomeAccumulator(layout: layout)
        var outcome = SubjectOutcome(layout: layout)
        outcome.reset(subject: 0, recordsTrajectory: false)
        outcome.set(1, arm: 0, metric: 0)
        outcome.recordEvent(arm: 0, endpoint: 0, day: 2)
        accumulator.add(outcome)
        outcome.reset(subject: 1, recordsTrajectory: false)
        outcome.set(0, arm: 0, metric: 0)
        outcome.recordCensoring(arm: 0, endpoint: 0, lastObservedDay: -1)
        accumulator.add(outcome)
        let table = accumulator.survival[0].table()
        #expect(table[0].atRisk == 1)
        #expect(table[2].events == 1 && table[2].survival == 0)
        #expect(table.allSatisfy { $0.censored == 0 })
    }
}
