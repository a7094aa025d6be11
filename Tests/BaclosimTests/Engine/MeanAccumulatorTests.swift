import Testing

@testable import Baclosim

@Suite struct MeanAccumulatorTests {
    /// Relative difference, with a floor so that values near 0 compare absolutely.
    private func relative(_ a: Double, _ b: Double) -> Double {
        abs(a - b) / max(abs(a), abs(b), 1e-300)
    }

    @Test func chanMergeOfRandomSplitsEqualsSinglePass() {
        let values = EngineFixtures.values(count: 2000, seed: 7).map { $0 * 1e3 + 1e6 }
        var single = MeanAccumulator()
        for x in values { single.add(x) }
        for trial in 0..<20 {
            // Cut the data at random points into up to 12 chunks, accumulate each, merge in order.
            var cuts = (0..<11).map { Int(EngineFixtures.uniform(UInt64(trial), UInt64($0)) * Double(values.count)) }
            cuts = ([0] + cuts + [values.count]).sorted()
            var merged = MeanAccumulator()
            for (start, end) in zip(cuts, cuts.dropFirst()) {
                var chunk = MeanAccumulator()
                for x in values[start..<end] { chunk.add(x) }
                merged.merge(chunk)
            }
            #expect(merged.count == single.count)
            #expect(relative(merged.mean, single.mean) < 1e-12)
            #expect(relative(merged.m2, single.m2) < 1e-12)
        }
    }

    @Test func mergingIntoOrFromEmptyKeepsTheOtherSide() {
        var a = MeanAccumulator()
        for x in [1.0, 2.0, 4.0] { a.add(x) }
        var empty = MeanAccumulator()
        empty.merge(a)
        #expect(empty == a)
        a.merge(MeanAccumulator())
        #expect(empty == a)
    }

    @Test func standardErrorAndIntervalMatchHandExample() {
        // 1, 2, 3, 4: mean 2.5, sample variance 5/3, se = sqrt(5/3 / 4).
        var a = MeanAccumulator()
        for x in [1.0, 2.0, 3.0, 4.0] { a.add(x) }
        let se = (5.0 / 3.0 / 4.0).squareRoot()
        #expect(a.mean == 2.5)
        #expect(abs((a.sampleVariance ?? 0) - 5.0 / 3.0) < 1e-15)
        #expect(abs((a.standardError ?? 0) - se) < 1e-15)
        let row = SummaryRow(arm: "a", metric: "m", mean: a.mean, se: a.standardError)
        #expect(abs((row.ciLow ?? 0) - (2.5 - 1.96 * se)) < 1e-15)
        #expect(abs((row.ciHigh ?? 0) - (2.5 + 1.96 * se)) < 1e-15)
    }

    @Test func standardErrorNeedsTwoValues() {
        var a = MeanAccumulator()
        #expect(a.meanIfAny == nil && a.standardError == nil)
        a.add(3)
        #expect(a.meanIfAny == 3 && a.standardError == nil)
        a.add(3)
        #expect(a.standardError == 0)
    }
}
