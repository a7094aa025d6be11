import Foundation
import Testing
@testable import Baclosim

/// SplitMix64 (Steele, Lea & Flood 2014): a small deterministic generator for feeding uniforms to
/// the adherence kernel in tests. Not the engine's generator.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform in (0, 1): 53 random bits, offset by half a step so 0 never occurs.
    mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }
}

@Suite struct AdherenceTests {
    @Test func independentMissFrequencyMatchesOneMinusP() {
        let takeProbability = 0.85
        var state = Adherence(pattern: .independent(takeProbability: takeProbability)).makeState()
        var generator = SplitMix64(state: 1)
        let n = 200_000
        var misses = 0
        for _ in 0..<n where !state.takes(u: generator.uniform()) { misses += 1 }
        let missRate = Double(misses) / Double(n)
        let standardError = (takeProbability * (1 - takeProbability) / Double(n)).squareRoot()
        #expect(abs(missRate - (1 - takeProbability)) < 5 * standardError)
    }

    @Test func perfectAdherenceTakesEveryDose() {
        var state = Adherence.perfect.makeState()
        var generator = SplitMix64(state: 2)
        var allTaken = true
        for _ in 0..<10_000 where !state.takes(u: generator.uniform()) { allTaken = false }
        #expect(allTaken)
    }

    @Test func independentDecisionUsesTheRM1Convention() {
        // RM-1: a dose is taken iff u < 0.90.
        var state = Adherence(pattern: .independent(takeProbability: 0.9)).makeState()
        let justBelow = state.takes(u: 0.899_999)
        let atThreshold = state.takes(u: 0.9)
        #expect(justBelow)
        #expect(!atThreshold)
    }

    @Test func persistentMissesHaveTheStationaryRateAndConditionalRates() {
        let p01 = 0.05   // P(miss | previous taken)
        let p11 = 0.40   // P(miss | previous missed); p10 = 0.60
        let adherence = Adherence(pattern: .persistent(missAfterTaken: p01, missAfterMissed: p11))
        var state = adherence.makeState()
        var generator = SplitMix64(state: 3)
        let n = 400_000
        var misses = 0
        var afterTaken = 0, missesAfterTaken = 0
        var afterMissed = 0, missesAfterMissed = 0
        var previousMissed = false
        for _ in 0..<n {
            let missed = !state.takes(u: generator.uniform())
            if missed { misses += 1 }
            if previousMissed {
                afterMissed += 1
                if missed { missesAfterMissed += 1 }
            } else {
                afterTaken += 1
                if missed { missesAfterTaken += 1 }
            }
            previousMissed = missed
        }
        let stationary = p01 / (p01 + (1 - p11))
        #expect(abs(adherence.stationaryMissProbability - stationary) < 1e-15)
        // The chain's draws are autocorrelated with lag-1 correlation λ = p11 − p01, which
        // inflates the variance of the mean by (1 + λ)/(1 − λ).
        let lambda = p11 - p01
        let seStationary = (stationary * (1 - stationary) / Double(n) * (1 + lambda) / (1 - lambda)).squareRoot()
        #expect(abs(Double(misses) / Double(n) - stationary) < 5 * seStationary)
        let seAfterTaken = (p01 * (1 - p01) / Double(afterTaken)).squareRoot()
        #expect(abs(Double(missesAfterTaken) / Double(afterTaken) - p01) < 5 * seAfterTaken)
        let seAfterMissed = (p11 * (1 - p11) / Double(afterMissed)).squareRoot()
        #expect(abs(Double(missesAfterMissed) / Double(afterMissed) - p11) < 5 * seAfterMissed)
    }

    @Test func holidaysHaveGeometricLengthsWithTheGivenMean() {
        let meanLength = 4.0
        let rate = 0.05
        let adherence = Adherence(pattern: .independent(takeProbability: 1),
                                  holidays: .init(startRatePerDay: rate, meanLengthDays: meanLength))
        var state = adherence.makeState()
        var generator = SplitMix64(state: 4)
        var lengths: [Int] = []
        var current = 0
        var daysOffHoliday = 0, starts = 0
        for _ in 0..<400_000 {
            let wasOnHoliday = state.onHoliday
            state.beginDay(u: generator.uniform())
            if !wasOnHoliday {
                daysOffHoliday += 1
                if state.onHoliday { starts += 1 }
            }
            if state.onHoliday {
                current += 1
                // Every dose of a holiday day is missed.
                let taken = state.takes(u: generator.uniform())
                #expect(!taken)
            } else {
                if current > 0 { lengths.append(current) }
                current = 0
                let taken = state.takes(u: generator.uniform())
                #expect(taken)
            }
        }
        // Geometric on 1, 2, …: mean L, standard deviation sqrt(1 − q)/q with q = 1/L.
        let q = 1 / meanLength
        let sd = (1 - q).squareRoot() / q
        let meanObserved = Double(lengths.reduce(0, +)) / Double(lengths.count)
        #expect(abs(meanObserved - meanLength) < 5 * sd / Double(lengths.count).squareRoot())
        // Holidays start on a day off holiday with probability 1 − exp(−rate).
        let pStart = 1 - exp(-rate)
        let seStart = (pStart * (1 - pStart) / Double(daysOffHoliday)).squareRoot()
        #expect(abs(Double(starts) / Double(daysOffHoliday) - pStart) < 5 * seStart)
    }

    @Test func holidayDosesCountAsMissedForPersistence() {
        let adherence = Adherence(pattern: .persistent(missAfterTaken: 0, missAfterMissed: 1),
                                  holidays: .init(startRatePerDay: 1000, meanLengthDays: 1))
        var state = adherence.makeState()
        state.beginDay(u: 0.5)     // a holiday starts (P ≈ 1)
        #expect(state.onHoliday)
        let taken = state.takes(u: 0.5)
        #expect(!taken)
        #expect(state.previousMissed)
    }

    @Test func invalidParametersAreReported() {
        let adherence = Adherence(pattern: .persistent(missAfterTaken: -0.1, missAfterMissed: 1.5),
                                  holidays: .init(startRatePerDay: -1, meanLengthDays: 0.5))
        #expect(Set(adherence.validate().map(\.keyPath)) == [
            "miss_after_taken_probability", "miss_after_missed_probability",
            "holidays.start_rate_per_day", "holidays.mean_length_days",
        ])
        #expect(Adherence(pattern: .independent(takeProbability: 0.9)).validate().isEmpty)
    }
}
