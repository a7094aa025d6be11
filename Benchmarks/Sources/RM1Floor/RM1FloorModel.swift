import Baclosim
import Foundation

/// RM-1 (`docs/rm1.md`) for one subject at a time, all four arms side by side with the same
/// random numbers. Constants and day order are docs/rm1.md's; comments name only
/// what differs from a direct transcription.
final class RM1FloorModel {
    static let armNames = ["placebo", "baclofen30", "baclofen60taper", "baclofen60abrupt"]
    static let days = 84
    /// Per-dose amounts (mg) by arm and day; doses at 08:00, 14:00 and 20:00.
    static let dosesMg: [[Double]] = {
        func schedule(_ segments: [(first: Int, last: Int, mg: Double)]) -> [Double] {
            var doses = Array(repeating: 0.0, count: days)
            for segment in segments { for d in segment.first...segment.last { doses[d] = segment.mg } }
            return doses
        }
        return [
            schedule([]),
            schedule([(0, 2, 5), (3, 83, 10)]),
            schedule([(0, 2, 5), (3, 5, 10), (6, 8, 15), (9, 69, 20), (70, 73, 15), (74, 77, 10), (78, 80, 5)]),
            schedule([(0, 2, 5), (3, 5, 10), (6, 8, 15), (9, 77, 20)]),
        ]
    }()

    // Model constants (docs/rm1.md).
    static let takeProbability = 0.90
    static let emax = 0.70, ec50MgPerL = 0.20
    static let ouDecay = exp(-0.25), ouSD = 0.35 * ((1 - exp(-2 * 0.25)) / (2 * 0.25)).squareRoot()
    static let gainUp = 1 - exp(-1.0 / 20), gainDown = 1 - exp(-1.0 / 3)
    static let drinkingCravingSlope = 1.2
    /// ln 0.03 − 1.2: the drinking hazard is h = exp(1.2·x + ln 0.03 − 1.2) × (4 if has drunk).
    static let drinkingLogIntercept = log(0.03) - 1.2
    static let logHasDrunkMultiplier = log(4.0)
    static let somnolenceBackground = 0.004, somnolenceMax = 0.05, somnolenceEC50 = 0.25
    /// A somnolence onset needs E_ae < h ≤ 0.004 + 0.05; P(u below this) is the cap.
    static let somnolenceCapProbability = -expm1(-(0.004 + 0.05))
    static let withdrawalThreshold = 0.05, withdrawalHazardPerDrive = 3.0

    let options: Options
    let tables: RM1FloorTables
    private let philoxKey: SIMD2<UInt32>
    /// The purposes of the day's eight Philox blocks, in `CohortSimulator.simulate`'s lanes:
    /// adherence slots 0 and 1, drinking, craving, dropout, withdrawal, side effects, mortality.
    private let purposes = SIMD8<UInt32>(Purpose.adherence.rawValue, Purpose.adherence.rawValue, Purpose.drinking.rawValue,
                                         Purpose.craving.rawValue, Purpose.dropout.rawValue, Purpose.withdrawal.rawValue,
                                         Purpose.sideEffects.rawValue, Purpose.mortality.rawValue)
    /// Per arm: the arm it shares its first days with (−1: none) and the first day it has its own.
    private let leader: [Int]
    private let forkDay: [Int]
    /// Per arm: the state (allocated once; the loop works in place, with no array checks).
    private let arms: UnsafeMutablePointer<ArmState>
    /// Per arm: today's values of the five daily series (`--outputs`).
    private let dayValues: UnsafeMutablePointer<SIMD8<Double>>
    /// `doses[arm * days + day]`, mg per dose.
    private let doses: UnsafeMutablePointer<Double>

    init(options: Options) {
        self.options = options
        tables = RM1FloorTables(arms: Self.armNames.count)
        // Any 64-bit key will do for timing; derived from the seed by splitmix64's finaliser.
        let mixed = SplitMix64.mix(options.seed)
        philoxKey = SIMD2(UInt32(truncatingIfNeeded: mixed), UInt32(truncatingIfNeeded: mixed >> 32))
        var leader = Array(repeating: -1, count: Self.armNames.count)
        var forkDay = Array(repeating: 0, count: Self.armNames.count)
        if options.sharing {
            // The engine's plan for RM-1: a later arm follows the earlier arm with which it shares
            // the longest run of equal doses from day 0, until the first day they differ.
            for a in Self.dosesMg.indices {
                for b in 0..<a {
                    let shared = zip(Self.dosesMg[a], Self.dosesMg[b]).prefix { $0 == $1 }.count
                    if shared > forkDay[a] && shared > 0 { leader[a] = b; forkDay[a] = shared }
                }
            }
        }
        self.leader = leader
        self.forkDay = forkDay
        arms = .allocate(capacity: Self.armNames.count)
        arms.initialize(repeating: ArmState(), count: Self.armNames.count)
        dayValues = .allocate(capacity: Self.armNames.count)
        dayValues.initialize(repeating: .zero, count: Self.armNames.count)
        doses = .allocate(capacity: Self.armNames.count * Self.days)
        doses.initialize(from: Self.dosesMg.flatMap { $0 }, count: Self.armNames.count * Self.days)
    }

    deinit {
        arms.deallocate()
        dayValues.deallocate()
        doses.deallocate()
    }

    /// One subject in every arm, added to `tables`.
    func simulate(subject: UInt64) {
        var covariateStream = CounterStream(key: StreamKey(seed: options.seed, subject: subject, purpose: .covariates), day: 0)
        let male = covariateStream.uniform() < 0.70
        var z = SIMD8<Double>.zero
        for i in 0..<6 { z[i] = covariateStream.normal() }
        let weightKg = (male ? 80.0 : 65.0) * exp(0.18 * z[0])
        let crclMLPerMin = min(180, max(15, 100 * exp(0.25 * z[1])))
        let mu = exp(0.30 * z[2])
        let clearanceLPerH = 11.6 * (0.35 + 0.65 * crclMLPerMin / 100) * exp(0.21 * z[3])
        let volumeL = 72.8 * (weightKg / 75) * exp(0.22 * z[4])
        let kaPerH = 1.64 * exp(0.44 * z[5])
        let pk = OneCompartmentDay(clearanceLPerH: clearanceLPerH, volumeL: volumeL, kaPerH: kaPerH)

        let armCount = Self.armNames.count, days = Self.days
        for a in 0..<armCount { arms[a] = ArmState(craving: mu) }
        // The constants as locals: a `static let` read in the loop is a `swift_once` call.
        let takeProbability = Self.takeProbability, emax = Self.emax, ec50 = Self.ec50MgPerL
        let slope = Self.drinkingCravingSlope, logHasDrunk = Self.logHasDrunkMultiplier, intercept = Self.drinkingLogIntercept
        let somnolenceCap = Self.somnolenceCapProbability, background = Self.somnolenceBackground
        let maxHazard = Self.somnolenceMax, somnolenceEC50 = Self.somnolenceEC50
        let threshold = Self.withdrawalThreshold, perDrive = Self.withdrawalHazardPerDrive
        let gainUp = Self.gainUp, gainDown = Self.gainDown, ouDecay = Self.ouDecay, ouSD = Self.ouSD
        let dailyOutputs = options.dailyOutputs, useXoshiro = options.xoshiro
        let leader = self.leader, forkDay = self.forkDay, arms = self.arms, dayValues = self.dayValues, doses = self.doses
        let tables = self.tables
        var xoshiro = Xoshiro256StarStar(seed: options.seed, subject: subject)
        let subjects = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: subject))
        let slots = SIMD8<UInt32>(0, 1, 0, 0, 0, 0, 0, 0)
        let purposes = self.purposes
        let cravingKey = StreamKey(seed: options.seed, subject: subject, purpose: .craving)

        for day in 0..<days {
            // The day's numbers, shared by every arm.
            var words = SIMD8<UInt64>.zero
            var normal: Double
            if useXoshiro {
                for i in 0..<8 { words[i] = xoshiro.next() }
                normal = xoshiro.normal()
            } else {
                let d = UInt32(day)
                let b = Philox4x32.blocks(c0: slots, c1: SIMD8(repeating: d), c2: purposes, c3: subjects, key: philoxKey)
                let low = SIMD8<UInt64>(truncatingIfNeeded: b.0) | SIMD8<UInt64>(truncatingIfNeeded: b.1) &<< 32
                let high = SIMD8<UInt64>(truncatingIfNeeded: b.2) | SIMD8<UInt64>(truncatingIfNeeded: b.3) &<< 32
                // Lanes: adherence slots 0 and 1, drinking, craving, dropout, withdrawal, side effects, mortality.
                words = SIMD8(low[0], high[0], low[1], low[2], high[2], low[5], low[6], 0)
                var craving = PrefetchedWords(first: low[3], second: high[3], key: cravingKey, day: d)
                normal = craving.normal()
            }
            let u = (SIMD8<Double>(words &>> 12) + 0.5) * 0x1p-52
            let takes = SIMD4<Double>(u[0] < takeProbability ? 1 : 0, u[1] < takeProbability ? 1 : 0,
                                      u[2] < takeProbability ? 1 : 0, 0)
            let uDrink = u[3], uCount = u[4], uWithdrawal = u[5], uSomnolence = u[6]
            // Drinks iff E < h with E = −ln(1 − u): iff 1.2·x + ln(4 if has drunk) > ln E − ln 0.03 + 1.2.
            let drinkingThreshold = log(-log1p(-uDrink)) - intercept
            let somnolenceMayStart = uSomnolence < somnolenceCap
            let somnolenceExponential = somnolenceMayStart ? -log1p(-uSomnolence) : .infinity
            var withdrawalExponential = -1.0  // computed on the first arm with a drive

            // Forks first, so that a follower takes its leader's state from the start of the day.
            for a in 0..<armCount where leader[a] >= 0 && day == forkDay[a] { arms[a] = arms[leader[a]] }
            for a in 0..<armCount {
                if leader[a] >= 0 && day < forkDay[a] {
                    if dailyOutputs { dayValues[a] = dayValues[leader[a]]; tables.addDay(arm: a, day: day, dayValues[a]) }
                    continue
                }
                let mg = doses[a * days + day]
                var state = arms[a]
                var cavg = 0.0, cmax = 0.0
                if mg > 0 || state.gut > 0 || state.central > 0 {
                    let needsCmax = day == 30 || (somnolenceMayStart && !state.somnolent)
                    let exposure = pk.day(gut: state.gut, central: state.central, dosesMg: takes * mg, needsMax: needsCmax)
                    state.gut = exposure.gut
                    state.central = exposure.central
                    cavg = exposure.cavgMgPerL
                    cmax = exposure.cmaxMgPerL
                }
                let effect = emax * cavg / (ec50 + cavg)
                let x = state.craving

                let drinks = slope * x + (state.hasDrunk ? logHasDrunk : 0) > drinkingThreshold
                if drinks {
                    let n = 1 + Self.poissonInverse(uCount, mean: 3 * max(x, 0))
                    if !state.hasDrunk { state.firstDrinkDay = day; state.hasDrunk = true }
                    state.drinkingDays += 1
                    state.drinks += n
                    if n >= 5 { state.heavyDays += 1 }
                }
                if somnolenceMayStart && !state.somnolent {
                    let hazard = background + maxHazard * cmax / (cmax + somnolenceEC50)
                    if somnolenceExponential < hazard { state.somnolent = true }
                }
                let drive = state.adaptation - effect - threshold
                if drive > 0 {
                    if withdrawalExponential < 0 { withdrawalExponential = -log1p(-uWithdrawal) }
                    if withdrawalExponential < perDrive * drive { state.withdrawalDays += 1 }
                }
                if day == 30 { state.cavgDay30 = cavg; state.cmaxDay30 = cmax }
                if day == days - 1 { state.cravingDay83 = x }
                if dailyOutputs {
                    dayValues[a] = SIMD8(drinks ? 0 : 1, x, cavg, mg > 0 ? 1 : 0, state.somnolent ? 1 : 0, 0, 0, 0)
                    tables.addDay(arm: a, day: day, dayValues[a])
                }
                state.adaptation += (effect - state.adaptation) * (effect > state.adaptation ? gainUp : gainDown)
                let m = mu * (1 - effect)
                state.craving = m + (x - m) * ouDecay + ouSD * normal
                arms[a] = state
            }
        }
        for a in 0..<armCount {
            if leader[a] >= 0 && forkDay[a] >= days { arms[a] = arms[leader[a]] }
            tables.add(arm: a, arms[a])
        }
    }

    /// Smallest n with P(Poisson(mean) ≤ n) ≥ u, summing the pmf term by term (docs/rm1.md's
    /// sequential inversion).
    @inline(__always)
    static func poissonInverse(_ u: Double, mean: Double) -> Int {
        var n = 0
        var p = exp(-mean)
        var cdf = p
        while cdf < u {
            n += 1
            p *= mean / Double(n)
            if p == 0 { break }
            cdf += p
        }
        return n
    }
}

/// One arm's state and per-subject tallies.
struct ArmState {
    var gut = 0.0, central = 0.0, adaptation = 0.0, craving = 0.0
    var hasDrunk = false, somnolent = false
    var firstDrinkDay = RM1FloorModel.days, drinkingDays = 0, heavyDays = 0, drinks = 0, withdrawalDays = 0
    var cavgDay30 = 0.0, cmaxDay30 = 0.0, cravingDay83 = 0.0

    init(craving: Double = 0) { self.craving = craving }
}

/// A craving normal's words: the first two from the batched block, the rest from the stream.
/// The engine's `PrefetchedCounterStream` does the same; it stays internal to keep the library's
/// API narrow, so the floor has this small copy (a public, non-inlinable one would also put a
/// call across the module boundary into the floor's day loop).
struct PrefetchedWords: RandomGenerator {
    let first: UInt64, second: UInt64
    var used = 0
    let key: StreamKey
    let day: UInt32
    var rest: CounterStream?

    init(first: UInt64, second: UInt64, key: StreamKey, day: UInt32) {
        self.first = first
        self.second = second
        self.key = key
        self.day = day
    }

    mutating func next() -> UInt64 {
        used += 1
        if used == 1 { return first }
        if used == 2 { return second }
        if rest == nil { rest = CounterStream(key: key, day: day, slot: 1) }
        return rest!.next()
    }
}

/// splitmix64's finaliser (Steele, Lea & Flood 2014).
enum SplitMix64 {
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman & Vigna 2018), the Numba reference's generator, one stream per
/// subject seeded by splitmix64.
struct Xoshiro256StarStar: RandomGenerator {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(seed: UInt64, subject: UInt64) {
        var key = SplitMix64.mix(seed) ^ SplitMix64.mix(subject ^ 0xD1B5_4A32_D192_ED03)
        key &+= 0x9E37_79B9_7F4A_7C15; s0 = SplitMix64.mix(key)
        key &+= 0x9E37_79B9_7F4A_7C15; s1 = SplitMix64.mix(key)
        key &+= 0x9E37_79B9_7F4A_7C15; s2 = SplitMix64.mix(key)
        key &+= 0x9E37_79B9_7F4A_7C15; s3 = SplitMix64.mix(key)
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }
}
