import Foundation

/// Conversions between a daily hazard and the probability of an event on that day.
///
/// A constant hazard `h` (per day) gives the event within one day with probability
/// `p = 1 − e^{−h}`; the inverse is `h = −ln(1 − p)`. `expm1` and `log1p` keep both accurate
/// for the small hazards typical of adverse events (1e-4 per day and below), where
/// `1 − exp(−h)` would lose most of its digits.
enum DailyHazard {
    /// `1 − e^{−h}` for a hazard `h` ≥ 0 per day (`+∞` gives 1).
    @inline(__always)
    static func probability(ofHazard hazardPerDay: Double) -> Double {
        -expm1(-hazardPerDay)
    }

    /// `−ln(1 − p)` for a probability `p` in [0, 1] (1 gives `+∞`).
    @inline(__always)
    static func hazard(ofProbability probability: Double) -> Double {
        -log1p(-probability)
    }

    /// The constant daily hazard whose cumulative incidence over `days` days is `probability`:
    /// `1 − e^{−h·days} = p`, so `h = −ln(1 − p)/days`.
    static func constantHazard(cumulativeIncidence probability: Double, overDays days: Double) -> Double {
        hazard(ofProbability: probability) / days
    }
}
