import Foundation

/// How a subject takes scheduled doses: each dose is taken or missed.
///
/// Two layers: a per-dose pattern (independent misses, or Markov persistence in which a miss
/// makes the next miss likelier) and, optionally, drug holidays (runs of whole days off the drug,
/// starting at a daily rate, with geometric lengths). Randomness is passed in: the engine draws
/// uniforms from the counter-based stream keyed by (seed, subject, purpose = adherence, day, slot),
/// so the same subject misses the same doses in every arm (docs/model.md#12-engine-rules, rule 2).
public struct Adherence: Sendable, Equatable {
    /// The per-dose pattern.
    public enum Pattern: Sendable, Equatable {
        /// Each dose taken with probability `takeProbability`, independently.
        case independent(takeProbability: Double)
        /// Two-state Markov chain over doses: P(miss | previous taken) = `missAfterTaken` (p01),
        /// P(miss | previous missed) = `missAfterMissed` (p11 = 1 − p10). Persistence means
        /// p11 > p01. Stationary miss rate p01 / (p01 + p10).
        case persistent(missAfterTaken: Double, missAfterMissed: Double)
    }

    /// Drug holidays: whole days on which every dose is missed.
    public struct Holidays: Sendable, Equatable {
        /// Rate of starting a holiday (per day, on days not already in one); the probability that a
        /// given day starts one is `1 − exp(−rate)`.
        public var startRatePerDay: Double
        /// Mean holiday length (days, ≥ 1); lengths are geometric on 1, 2, 3, … with this mean.
        public var meanLengthDays: Double

        /// Creates a holiday process.
        public init(startRatePerDay: Double, meanLengthDays: Double) {
            self.startRatePerDay = startRatePerDay
            self.meanLengthDays = meanLengthDays
        }
    }

    /// The per-dose pattern.
    public var pattern: Pattern
    /// Drug holidays, or `nil` for none.
    public var holidays: Holidays?

    /// Creates an adherence model.
    public init(pattern: Pattern, holidays: Holidays? = nil) {
        self.pattern = pattern
        self.holidays = holidays
    }

    /// Every dose taken.
    public static let perfect = Adherence(pattern: .independent(takeProbability: 1))

    /// The state of a subject before their first dose: previous dose counted as taken, not on
    /// holiday.
    public func makeState() -> AdherenceState {
        AdherenceState(self)
    }

    /// Long-run share of doses missed by the per-dose pattern alone (no holidays).
    public var stationaryMissProbability: Double {
        switch pattern {
        case .independent(let take):
            return 1 - take
        case .persistent(let p01, let p11):
            let p10 = 1 - p11
            return p01 + p10 > 0 ? p01 / (p01 + p10) : 0
        }
    }

    /// Every problem with the parameters, with key paths relative to the adherence block
    /// (`take_probability`, `miss_after_taken_probability`, `miss_after_missed_probability`,
    /// `holidays.start_rate_per_day`, `holidays.mean_length_days`).
    public func validate() -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        func checkProbability(_ value: Double, _ keyPath: String, _ example: String) {
            if !(value >= 0 && value <= 1) {
                issues.append(ParameterProblem(
                    keyPath: keyPath, problem: "must be a probability in [0, 1] (found \(ParameterProblem.formatNumber(value)))",
                    fix: "Give a probability, e.g. \(example)."))
            }
        }
        switch pattern {
        case .independent(let take):
            checkProbability(take, "take_probability", "0.9")
        case .persistent(let p01, let p11):
            checkProbability(p01, "miss_after_taken_probability", "0.05")
            checkProbability(p11, "miss_after_missed_probability", "0.4")
        }
        if let holidays {
            if !(holidays.startRatePerDay >= 0 && holidays.startRatePerDay.isFinite) {
                issues.append(ParameterProblem(
                    keyPath: "holidays.start_rate_per_day",
                    problem: "must be ≥ 0 (found \(ParameterProblem.formatNumber(holidays.startRatePerDay)))",
                    fix: "Give the rate of starting a drug holiday per day, e.g. 0.02 (about one every 7 weeks)."))
            }
            if !(holidays.meanLengthDays >= 1 && holidays.meanLengthDays.isFinite) {
                issues.append(ParameterProblem(
                    keyPath: "holidays.mean_length_days",
                    problem: "must be ≥ 1 (found \(ParameterProblem.formatNumber(holidays.meanLengthDays)))",
                    fix: "Give the mean holiday length in days, e.g. 3."))
            }
        }
        return issues
    }
}

/// One subject's adherence: the model's probabilities and the memory they need (was the previous
/// dose missed, is the subject on a drug holiday). Inline and allocation-free.
///
/// Each day: call ``beginDay(u:)`` once with that day's holiday uniform, then ``takes(u:)`` once
/// per scheduled dose in time order with that dose's uniform. Uniforms are in (0, 1).
public struct AdherenceState: Sendable, Equatable {
    /// P(take | previous dose taken); stored as a take probability so that `independent(0.9)`
    /// compares `u < 0.9` exactly as RM-1 does.
    let takeAfterTaken: Double
    /// P(take | previous dose missed).
    let takeAfterMissed: Double
    /// P(a day not on holiday starts one) = 1 − exp(−rate).
    let holidayStartProbability: Double
    /// P(a holiday ends before the next day) = 1 / mean length.
    let holidayEndProbability: Double

    /// Whether the previous scheduled dose was missed (holiday doses count as missed).
    public private(set) var previousMissed: Bool
    /// Whether the current day is a drug-holiday day.
    public private(set) var onHoliday: Bool

    /// The state before the first dose of `adherence`.
    public init(_ adherence: Adherence) {
        switch adherence.pattern {
        case .independent(let take):
            takeAfterTaken = take
            takeAfterMissed = take
        case .persistent(let p01, let p11):
            takeAfterTaken = 1 - p01
            takeAfterMissed = 1 - p11
        }
        if let holidays = adherence.holidays {
            holidayStartProbability = -expm1(-holidays.startRatePerDay)
            holidayEndProbability = 1 / max(1, holidays.meanLengthDays)
        } else {
            holidayStartProbability = 0
            holidayEndProbability = 1
        }
        previousMissed = false
        onHoliday = false
    }

    /// Advances the holiday process to a new day with uniform `u`: on holiday, the holiday ends
    /// (before this day) iff `u < 1/mean length`; otherwise one starts (this day is its first) iff
    /// `u < 1 − exp(−rate)`. So holiday lengths are geometric with the given mean.
    public mutating func beginDay(u: Double) {
        assert(u >= 0 && u <= 1, "uniform out of range")
        if onHoliday {
            onHoliday = !(u < holidayEndProbability)
        } else {
            onHoliday = u < holidayStartProbability
        }
    }

    /// Whether the next scheduled dose is taken, given uniform `u`: on a holiday never; otherwise
    /// taken iff `u < P(take | previous dose)` (the same convention as RM-1: taken iff u < 0.90).
    public mutating func takes(u: Double) -> Bool {
        assert(u >= 0 && u <= 1, "uniform out of range")
        if onHoliday {
            previousMissed = true
            return false
        }
        let taken = u < (previousMissed ? takeAfterMissed : takeAfterTaken)
        previousMissed = !taken
        return taken
    }
}
