import Foundation
import Testing

@testable import Baclosim

@Suite struct DailySeriesSumsTests {
    @Test func addingABufferEqualsAddingItsNonNaNValuesOneByOneBitForBit() {
        // NaNs (skipped), signed zeros and ordinary values.
        let days = 13
        let subjects: [[Double]] = [
            [1.5, .nan, -0.0, 2, .nan, 0, 3.25, -7, .nan, 1e-300, -0.0, 4, 5],
            [-0.0, .nan, -0.0, .nan, 0.1, -0.0, .nan, 2, 0.2, .nan, -0.0, .nan, 6],
            [.nan, .nan, -0.0, 1, 0.3, -0.0, 9, .nan, 0.7, 8, -0.0, 1e300, .nan],
        ]
        var bulk = DailySeriesSums(cells: 2, horizonDays: days)
        var oneByOne = DailySeriesSums(cells: 2, horizonDays: days)
        for values in subjects {
            values.withUnsafeBufferPointer { bulk.add($0, at: days) }
            for (day, x) in values.enumerated() where !x.isNaN { oneByOne.add(x, at: days + day) }
        }
        #expect(bulk.counts == oneByOne.counts)
        #expect(bulk.sums.map(\.bitPattern) == oneByOne.sums.map(\.bitPattern))
        #expect(bulk.squares.map(\.bitPattern) == oneByOne.squares.map(\.bitPattern))
        #expect(bulk.counts[days + 1] == 0 && bulk.counts[days + 2] == 3)
    }
}
