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
