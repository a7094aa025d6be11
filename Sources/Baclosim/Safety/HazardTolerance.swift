import Foundation

/// Tolerance: a hazard multiplier that fades with days on a stable dose,
///
///     mult(d) = floor + (1 − floor)·e^{−d/τ}
///
/// where `d` counts days since the prescribed daily dose last rose (0 on the day it rose).
/// Clinically, sedation and dizziness are worst during titration and wane at a stable dose
/// (Rigal 2015: mean dose at first AE 83 mg/d; persistent AEs in 53%) — so a floor well above 0
/// is usual. The time constant is an assumption: no registered source measures it.
public struct HazardTolerance: Sendable, Hashable {
    /// Multiplier reached after long stable dosing, in [0, 1].
    public let floor: Double
    /// Time constant τ of the fade, in days (> 0).
    public let timeConstantDays: Double
    /// `1/τ` (per day), computed once.
    let inverseTimeConstantPerDay: Double

    /// Creates a tolerance; see the properties for units.
    public init(floor: Double, timeConstantDays: Double) {
        self.floor = floor
        self.timeConstantDays = timeConstantDays
        self.inverseTimeConstantPerDay = 1 / timeConstantDays
    }

    /// `floor + (1 − floor)·e^{−d/τ}` for `d` = `daysOnStableDose` (≥ 0).
    @inline(__always)
    func multiplier(daysOnStableDose days: Int) -> Double {
        floor + (1 - floor) * exp(-Double(days) * inverseTimeConstantPerDay)
    }
}

/// Counts days on a stable prescribed dose for ``HazardTolerance``.
///
/// The count restarts at 0 on any day the prescribed daily dose rises (including the first
/// day of treatment). A dose reduction does not restart it: tolerance acquired at a higher dose
/// is assumed to carry over to a lower one.
struct StableDoseClock: Sendable, Hashable {
    /// Days since the prescribed dose last rose; −1 before the first day.
    private(set) var daysOnStableDose = -1
    /// Yesterday's prescribed daily dose (mg/day).
    private var previousDailyDoseMg = 0.0

    /// Moves to the next day, on which `prescribedDailyDoseMg` (mg/day) is prescribed, and
    /// returns the days on a stable dose for that day.
    @inline(__always)
    mutating func advance(prescribedDailyDoseMg dose: Double) -> Int {
        if dose > previousDailyDoseMg || daysOnStableDose < 0 {
            daysOnStableDose = 0
        } else {
            daysOnStableDose += 1
        }
        previousDailyDoseMg = dose
        return daysOnStableDose
    }
}
