/// What one subject was prescribed and took in one arm, for the per-subject dose outputs
/// (`metrics.dose`, docs/model.md §4): the achieved dose, the highest dose, the day the achieved
/// dose was reached, and the total amount taken. Trivially copyable; updated once per arm-day.
struct DoseRecord: Sendable, Equatable {
    /// The achieved dose (mg/day): the daily dose prescribed (after tablet rounding) on the last
    /// day of the dose-finding phase, i.e. before a planned taper starts and while the drug is
    /// not stopped; NaN before the first such day with a dose.
    var achievedMgPerDay = Double.nan
    /// First day of the run of days at the achieved dose that lasted to the phase's end (days
    /// from day 0).
    var achievedSinceDay = 0
    /// Highest daily dose prescribed on any day (mg/day).
    var highestMgPerDay = 0.0
    /// Amount taken over the horizon (mg), after missed doses.
    var totalTakenMg = 0.0

    /// Records `day`: `prescribedMgPerDay` the daily dose prescribed, `takenMg` the amount
    /// taken, `findingDose` whether the day is in the dose-finding phase.
    @inline(__always)
    mutating func record(day: Int, prescribedMgPerDay: Double, takenMg: Double, findingDose: Bool) {
        totalTakenMg += takenMg
        highestMgPerDay = max(highestMgPerDay, prescribedMgPerDay)
        // NaN at first: any dose differs from it.
        if findingDose && prescribedMgPerDay > 0 && prescribedMgPerDay != achievedMgPerDay {
            achievedMgPerDay = prescribedMgPerDay
            achievedSinceDay = day
        }
    }
}
