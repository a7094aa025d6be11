import Foundation
import Testing
@testable import Baclosim

/// A generator that returns one fixed word, to probe the bits-to-double conversions at their
/// extremes.
private struct ConstantGenerator: RandomGenerator {
    let word: UInt64
    mutating func next() -> UInt64 { word }
}

@Suite struct CounterStreamTests {
    let key = StreamKey(seed: 20_251_124, subject: 17, purpose: .craving)

    // MARK: Layout and addressing

    @Test func outputsAreTheAddressedBlockWordsLowWordFirst() {
        var stream = CounterStream(key: key, day: 9, slot: 4)
        for slot: UInt32 in 4..<8 {
            let b = Philox4x32.block(counter: SIMD4(slot, 9, key.purpose.rawValue, 17),
                                     key: SIMD2(20_251_124, 0))
            #expect(stream.next() == UInt64(b.y) << 32 | UInt64(b.x))
            #expect(stream.next() == UInt64(b.w) << 32 | UInt64(b.z))
        }
    }

    @Test func startingAtASlotSkipsTwoOutputsPerSlot() {
        var fromZero = CounterStream(key: key, day: 2)
        for _ in 0..<10 { _ = fromZero.next() }
        var fromFive = CounterStream(key: key, day: 2, slot: 5)
        #expect(fromFive.slot == 5)
        for _ in 0..<20 {
            let expected = fromZero.next(), actual = fromFive.next()
            #expect(actual == expected)
        }
    }

    @Test func slotReportsTheBlockOfTheNextOutput() {
        var stream = CounterStream(key: key, day: 0, slot: 3)
        _ = stream.next()
        #expect(stream.slot == 3)
        _ = stream.next()
        #expect(stream.slot == 4)
    }

    @Test func addressedUniformEqualsFirstDrawOfStreamAtThatSlot() {
        for slot: UInt32 in [0, 1, 77, .max - 1] {
            var stream = CounterStream(key: key, day: 12, slot: slot)
            let streamed = stream.uniform()
            #expect(CounterStream.uniform(key: key, day: 12, slot: slot) == streamed)
        }
    }

    @Test func twoIndependentlyBuiltStreamsForOneAddressAgree() {
        var first = CounterStream(key: key, day: 30)
        var second = CounterStream(key: StreamKey(seed: 20_251_124, subject: 17, purpose: .craving), day: 30)
        for _ in 0..<50 {
            let a = first.normal(), b = second.normal()
            #expect(a == b)
        }
    }

    /// Engine rule 2: how many draws one purpose uses never moves another purpose's numbers.
    @Test func drawsForOnePurposeDoNotShiftAnotherPurposesNumbers() {
        func simulateDay(extraAdherenceDraws: Int) -> [Double] {
            var adherence = CounterStream(
                key: StreamKey(seed: 5, subject: 3, purpose: .adherence), day: 14)
            for _ in 0..<extraAdherenceDraws { _ = adherence.normal() }
            var craving = CounterStream(key: StreamKey(seed: 5, subject: 3, purpose: .craving), day: 14)
            _ = adherence.uniform()   // interleaved draws from the other purpose
            return (0..<20).map { _ in craving.normal() }
        }
        let baseline = simulateDay(extraAdherenceDraws: 0)
        #expect(simulateDay(extraAdherenceDraws: 1) == baseline)
        #expect(simulateDay(extraAdherenceDraws: 13) == baseline)
    }

    @Test func aSubjectsNumbersDoNotDependOnWhichSubjectsRanBefore() {
        func draws(ofSubject target: UInt64, afterSubjects others: [UInt64]) -> [Double] {
            for subject in others {
                var stream = CounterStream(key: StreamKey(seed: 8, subject: subject, purpose: .dropout), day: 3)
                for _ in 0..<Int(subject % 5) { _ = stream.normal() }
            }
            var stream = CounterStream(key: StreamKey(seed: 8, subject: target, purpose: .dropout), day: 3)
            return (0..<5).map { _ in stream.uniform() }
        }
        #expect(draws(ofSubject: 40, afterSubjects: Array(0..<40)) == draws(ofSubject: 40, afterSubjects: []))
        #expect(draws(ofSubject: 40, afterSubjects: [7, 3]) == draws(ofSubject: 40, afterSubjects: []))
    }

    // MARK: Conversions

    @Test func uniformStaysStrictlyInsideTheUnitIntervalAtExtremeBits() {
        var allZero = ConstantGenerator(word: 0)
        var allOne = ConstantGenerator(word: .max)
        let smallest = allZero.uniform(), largest = allOne.uniform()
        #expect(smallest == 0x1p-53)
        #expect(largest == 1 - 0x1p-53)
    }

    @Test func uniformGridIsSymmetricAboutOneHalf() {
        for word: UInt64 in [0, 1 << 12, 0x1234_5678_9ABC_DEF0, .max] {
            var low = ConstantGenerator(word: word)
            var high = ConstantGenerator(word: ~word)
            let sum = low.uniform() + high.uniform()
            #expect(sum == 1)
        }
    }

    @Test func bernoulliHitsWithTheGivenProbability() {
        var stream = CounterStream(key: key, day: 1)
        let n = 100_000
        var hits = 0
        for _ in 0..<n where stream.bernoulli(probability: 0.3) { hits += 1 }
        expectProportion(hits, of: n, near: 0.3, "bernoulli(0.3)")
        let never = stream.bernoulli(probability: 0), always = stream.bernoulli(probability: 1)
        #expect(!never && always)
    }

    // MARK: Distributions

    @Test func uniformHasMeanOneHalfAndVarianceOneTwelfth() {
        var stream = CounterStream(key: key, day: 0)
        var moments = SampleMoments()
        for _ in 0..<200_000 { moments.add(stream.uniform()) }
        // Uniform(0, 1): excess kurtosis −6/5.
        moments.expectMatches(mean: 0.5, variance: 1.0 / 12, excessKurtosis: -1.2, "uniform")
    }

    @Test func normalHasUnitMomentsAndNormalTailProbabilities() {
        var stream = CounterStream(key: key, day: 1)
        let n = 400_000
        var moments = SampleMoments()
        var belowMinus2 = 0, belowHalf = 0, above3 = 0, beyondZigguratTail = 0
        for _ in 0..<n {
            let z = stream.normal()
            moments.add(z)
            if z < -2 { belowMinus2 += 1 }
            if z < 0.5 { belowHalf += 1 }
            if z > 3 { above3 += 1 }
            if abs(z) > 3.6541528853610088 { beyondZigguratTail += 1 }
        }
        moments.expectMatches(mean: 0, variance: 1, excessKurtosis: 0, "normal")
        expectProportion(belowMinus2, of: n, near: standardNormalCDF(-2), "P(Z < -2)")
        expectProportion(belowHalf, of: n, near: standardNormalCDF(0.5), "P(Z < 0.5)")
        expectProportion(above3, of: n, near: 1 - standardNormalCDF(3), "P(Z > 3)")
        expectProportion(beyondZigguratTail, of: n, near: 2 * standardNormalCDF(-3.6541528853610088),
                         "P(|Z| > R)")
    }

    @Test func exponentialHasUnitMomentsAndExponentialTailProbabilities() {
        var stream = CounterStream(key: key, day: 2)
        let n = 400_000
        var moments = SampleMoments()
        var belowTenth = 0, above1 = 0, aboveZigguratTail = 0
        for _ in 0..<n {
            let e = stream.exponential()
            moments.add(e)
            if e < 0.1 { belowTenth += 1 }
            if e > 1 { above1 += 1 }
            if e > 7.69711747013104972 { aboveZigguratTail += 1 }
        }
        // Exp(1): variance 1, excess kurtosis 6.
        moments.expectMatches(mean: 1, variance: 1, excessKurtosis: 6, "exponential")
        expectProportion(belowTenth, of: n, near: -expm1(-0.1), "P(E < 0.1)")
        expectProportion(above1, of: n, near: exp(-1), "P(E > 1)")
        expectProportion(aboveZigguratTail, of: n, near: exp(-7.69711747013104972), "P(E > R)")
    }

    @Test func zigguratTablesAreMonotoneAndClosed() {
        for table in [Ziggurat.normalTable, Ziggurat.exponentialTable] {
            let x = Array(UnsafeBufferPointer(start: table.x, count: 257))
            let f = Array(UnsafeBufferPointer(start: table.f, count: 257))
            #expect(x.allSatisfy(\.isFinite) && f.allSatisfy(\.isFinite))
            #expect(zip(x, x.dropFirst()).allSatisfy { $0 > $1 })
            #expect(zip(f, f.dropFirst()).allSatisfy { $0 < $1 })
            #expect(x[255] > 0 && x[256] == 0 && f[256] == 1)
        }
    }

    // MARK: Independence

    /// Pairs the outputs of streams whose addresses differ in one component by one; with n
    /// independent uniform pairs the correlation has SE 1/√n and each bit agrees with
    /// probability 1/2 (SE 1/(2√(64n)) for the fraction of agreeing bits).
    private func expectIndependent(_ what: String, _ address: (UInt64) -> (CounterStream, CounterStream)) {
        let streams = 5_000, drawsPerStream = 4
        var x: [Double] = [], y: [Double] = []
        var agreeingBits = 0
        for i in 0..<UInt64(streams) {
            var (a, b) = address(i)
            for _ in 0..<drawsPerStream {
                let wordA = a.next(), wordB = b.next()
                agreeingBits += (~(wordA ^ wordB)).nonzeroBitCount
                x.append(UniformBits.openUnit(wordA))
                y.append(UniformBits.openUnit(wordB))
            }
        }
        let n = Double(x.count)
        let r = correlation(x, y)
        #expect(abs(r) <= 5 / n.squareRoot(), "\(what): correlation \(r)")
        expectProportion(agreeingBits, of: x.count * 64, near: 0.5, "\(what): agreeing bits")
    }

    @Test func adjacentSeedsGiveUncorrelatedStreams() {
        expectIndependent("seeds") { i in
            (CounterStream(key: StreamKey(seed: 1000 + 2 * i, subject: 0, purpose: .craving), day: 0),
             CounterStream(key: StreamKey(seed: 1001 + 2 * i, subject: 0, purpose: .craving), day: 0))
        }
    }

    @Test func adjacentSubjectsGiveUncorrelatedStreams() {
        expectIndependent("subjects") { i in
            (CounterStream(key: StreamKey(seed: 99, subject: 2 * i, purpose: .craving), day: 0),
             CounterStream(key: StreamKey(seed: 99, subject: 2 * i + 1, purpose: .craving), day: 0))
        }
    }

    @Test func adjacentPurposesGiveUncorrelatedStreams() {
        expectIndependent("purposes") { i in
            (CounterStream(key: StreamKey(seed: 99, subject: i, purpose: .craving), day: 0),
             CounterStream(key: StreamKey(seed: 99, subject: i, purpose: .cueJumps), day: 0))
        }
    }

    @Test func adjacentDaysGiveUncorrelatedStreams() {
        expectIndependent("days") { i in
            let key = StreamKey(seed: 99, subject: i, purpose: .drinking)
            return (CounterStream(key: key, day: 10), CounterStream(key: key, day: 11))
        }
    }

    @Test func consecutiveDrawsOfOneStreamAreUncorrelated() {
        var stream = CounterStream(key: key, day: 5)
        let n = 100_000
        let draws = (0...n).map { _ in stream.uniform() }
        let r = correlation(Array(draws.dropLast()), Array(draws.dropFirst()))
        #expect(abs(r) <= 5 / Double(n).squareRoot(), "lag-1 correlation \(r)")
    }
}
