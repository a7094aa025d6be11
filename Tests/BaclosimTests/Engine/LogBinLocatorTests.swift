import Foundation
import Testing

@testable import Baclosim

@Suite struct LogBinLocatorTests {
    /// The sketch's own bin formula on a log grid: the oracle the locator must reproduce bit
    /// for bit.
    private func formulaBin(_ x: Double, _ grid: QuantileGrid) -> Int {
        let scaledLower = log(grid.lower)
        let width = (log(grid.upper) - scaledLower) / Double(grid.bins)
        let position = (log(x) - scaledLower) / width
        return min(max(Int(position), 0), grid.bins - 1)
    }

    private func locator(_ grid: QuantileGrid) throws -> LogBinLocator {
        try #require(QuantileSketch.logBinLocator(grid))
    }

    /// The engine's Cavg percentile grid and a few others (a bin narrower than a bucket, a
    /// single bin, a range inside one octave).
    private static let grids = [
        QuantileGrid(lower: 1e-4, upper: 50, bins: 256, scale: .log),
        QuantileGrid(lower: 1e-3, upper: 1e3, bins: 3000, scale: .log),
        QuantileGrid(lower: 0.3, upper: 7, bins: 1, scale: .log),
        QuantileGrid(lower: 1.1, upper: 1.9, bins: 17, scale: .log),
    ]

    @Test(arguments: grids)
    func binEqualsTheLogFormulaForValuesSpreadOverTheRange(grid: QuantileGrid) throws {
        let locator = try locator(grid)
        let logLower = log(grid.lower), logUpper = log(grid.upper)
        for i in 0..<20_000 {
            let u = EngineFixtures.uniform(41, UInt64(i))
            let x = min(max(exp(logLower + u * (logUpper - logLower)), grid.lower), grid.upper.nextDown)
            #expect(locator.bin(x) == formulaBin(x, grid), "x = \(x)")
        }
    }

    @Test(arguments: grids)
    func binEqualsTheLogFormulaAtAndAroundEveryBinEdge(grid: QuantileGrid) throws {
        let locator = try locator(grid)
        let logLower = log(grid.lower), width = (log(grid.upper) - logLower) / Double(grid.bins)
        for i in 0...grid.bins {
            var x = exp(logLower + Double(i) * width)
            for _ in 0..<8 { x = x.nextDown }
            for _ in 0..<16 {
                if x >= grid.lower && x < grid.upper {
                    #expect(locator.bin(x) == formulaBin(x, grid), "x = \(x), edge \(i)")
                }
                x = x.nextUp
            }
        }
        #expect(locator.bin(grid.lower) == formulaBin(grid.lower, grid))
        #expect(locator.bin(grid.upper.nextDown) == formulaBin(grid.upper.nextDown, grid))
    }

    @Test func noLocatorForLinearGridsOrRangesOverTwoHundredFiftySixOctaves() {
        #expect(QuantileSketch.logBinLocator(QuantileGrid(lower: 1, upper: 2, bins: 10)) == nil)
        #expect(QuantileSketch.logBinLocator(QuantileGrid(lower: 1e-100, upper: 1e100, bins: 10, scale: .log)) == nil)
        #expect(QuantileSketch.logBinLocator(QuantileGrid(lower: 1e-30, upper: 1e30, bins: 10, scale: .log)) != nil)
    }

    @Test func aSketchWithTheLocatorCountsLikeOneThatTakesTheLog() {
        let grid = QuantileGrid(lower: 1e-4, upper: 50, bins: 256, scale: .log)
        var fast = QuantileSketch(grid: grid)
        var slow = QuantileSketch(grid: grid, logBins: nil)
        for x in EngineFixtures.values(count: 5000, seed: 13).map({ exp(2 * $0 - 4) }) + [0, -1, 1e-4, 50, 1e3] {
            fast.add(x)
            slow.add(x)
        }
        #expect(fast.binCounts == slow.binCounts)
        #expect(fast.belowCount == slow.belowCount && fast.aboveCount == slow.aboveCount)
        for p in [0.05, 0.5, 0.95] { #expect(fast.quantile(p) == slow.quantile(p)) }
    }
}
