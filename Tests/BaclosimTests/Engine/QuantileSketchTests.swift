import Foundation
import Testing

@testable import Baclosim

@Suite struct QuantileSketchTests {
    /// The exact p-quantile with NumPy's default linear interpolation, and the reference's
    /// order-statistic standard error (rm1_common.quantile_with_se), on sorted `x`.
    private func exactQuantile(_ sorted: [Double], _ p: Double) -> (q: Double, se: Double) {
        let n = sorted.count
        let h = Double(n - 1) * p
        let lo = Int(h.rounded(.down))
        let q = lo + 1 < n ? sorted[lo] + (h - Double(lo)) * (sorted[lo + 1] - sorted[lo]) : sorted[lo]
        let half = 1.96 * (Double(n) * p * (1 - p)).squareRoot()
        let loRank = min(max(Int((Double(n) * p - half).rounded(.down)), 1), n)
        let hiRank = min(max(Int((Double(n) * p + half).rounded(.up)), 1), n)
        return (q, (sorted[hiRank - 1] - sorted[loRank - 1]) / (2 * 1.96))
    }

    @Test func linearGridQuantilesAreWithinOneBinOfExact() {
        let grid = QuantileGrid(lower: -5, upper: 10, bins: 1500)
        let width = (grid.upper - grid.lower) / Double(grid.bins)
        let values = EngineFixtures.values(count: 5000, seed: 11)
        var sketch = QuantileSketch(grid: grid)
        for x in values { sketch.add(x) }
        let sorted = values.sorted()
        for p in [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] {
            let exact = exactQuantile(sorted, p)
            #expect(abs((sketch.quantile(p) ?? .nan) - exact.q) <= width)
            // Each bracketing order statistic is within one bin, so se within 2 bins / 3.92.
            #expect(abs((sketch.quantileStandardError(p) ?? .nan) - exact.se) <= 2 * width / 3.92)
        }
    }

    @Test func logGridQuantilesAreWithinOneBinOfExact() {
        let grid = QuantileGrid(lower: 1e-3, upper: 1e3, bins: 3000, scale: .log)
        let ratio = pow(grid.upper / grid.lower, 1 / Double(grid.bins))
        let values = EngineFixtures.values(count: 4000, seed: 12).map { exp($0 - 3) * 0.1 }
        var sketch = QuantileSketch(grid: grid)
        for x in values { sketch.add(x) }
        let sorted = values.sorted()
        for p in [0.05, 0.5, 0.95] {
            let exact = exactQuantile(sorted, p)
            // A log bin at value q spans q·(ratio − 1) at most (relative width).
            #expect(abs((sketch.quantile(p) ?? .nan) - exact.q) <= exact.q * (ratio - 1) * 1.0001)
        }
    }

    @Test func smallestAndLargestAreExactEvenOutsideTheRange() {
        var sketch = QuantileSketch(grid: QuantileGrid(lower: 0, upper: 1, bins: 10))
        for x in [-3.5, 0.2, 0.4, 0.6, 7.25] { sketch.add(x) }
        #expect(sketch.count == 5)
        #expect(sketch.belowCount == 1 && sketch.aboveCount == 1)
        #expect(sketch.quantile(0) == -3.5)
        #expect(sketch.quantile(1) == 7.25)
    }

    @Test func constantValuesGiveThatValueWithZeroError() {
        // Placebo exposure is exactly 0 in every subject: the quantile must be 0, se 0.
        var sketch = QuantileSketch(grid: QuantileGrid(lower: 0, upper: 2, bins: 100))
        for _ in 0..<1000 { sketch.add(0) }
        for p in [0.05, 0.5, 0.95] {
            #expect(sketch.quantile(p) == 0)
            #expect(sketch.quantileStandardError(p) == 0)
        }
        var logSketch = QuantileSketch(grid: QuantileGrid(lower: 1e-3, upper: 2, bins: 100, scale: .log))
        for _ in 0..<1000 { logSketch.add(0) }
        #expect(logSketch.quantile(0.5) == 0 && logSketch.quantileStandardError(0.5) == 0)
    }

    @Test func mergingSplitsEqualsOneSketch() {
        let grid = QuantileGrid(lower: 0, upper: 6, bins: 64)
        let values = EngineFixtures.values(count: 1000, seed: 13)
        var whole = QuantileSketch(grid: grid)
        for x in values { whole.add(x) }
        var merged = QuantileSketch(grid: grid)
        for chunk in stride(from: 0, to: values.count, by: 137) {
            var part = QuantileSketch(grid: grid)
            for x in values[chunk..<min(chunk + 137, values.count)] { part.add(x) }
            merged.merge(part)
        }
        #expect(merged == whole)
    }

    @Test func mergeAndResetTouchOnlyCountedBinsYetMatchFullSweeps() {
        // Parts on disjoint and overlapping stretches of a fine grid: the merged counts equal
        // the bin-by-bin sums, and an emptied sketch equals a fresh one.
        let grid = QuantileGrid(lower: 0, upper: 20, bins: 200_000)
        let low = EngineFixtures.values(count: 300, seed: 21).map { $0 / 3 }
        let high = EngineFixtures.values(count: 300, seed: 22).map { $0 + 9 }
        var a = QuantileSketch(grid: grid), b = QuantileSketch(grid: grid), whole = QuantileSketch(grid: grid)
        for x in low { a.add(x); whole.add(x) }
        for x in high { b.add(x); whole.add(x) }
        var merged = QuantileSketch(grid: grid)
        merged.merge(a)
        merged.merge(QuantileSketch(grid: grid))
        merged.merge(b)
        #expect(merged == whole)
        #expect(merged.binCounts == zip(a.binCounts, b.binCounts).map { $0 + $1 })
        #expect(merged.count == low.count + high.count)
        for p in [0.05, 0.5, 0.95] { #expect(merged.quantile(p) == whole.quantile(p)) }
        merged.reset()
        #expect(merged == QuantileSketch(grid: grid))
        #expect(!merged.binCounts.contains { $0 != 0 })
    }

    @Test func emptySketchHasNoQuantile() {
        let sketch = QuantileSketch(grid: QuantileGrid(lower: 0, upper: 1, bins: 4))
        #expect(sketch.quantile(0.5) == nil && sketch.quantileStandardError(0.5) == nil)
    }
}
