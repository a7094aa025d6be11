/// The running state of a ``RelapseDefinition`` over a subject's days: a 64-bit ring of heavy
/// days and the weekly-drinks counters, no per-day storage. Used by the time-to-relapse
/// endpoint and by a treatment course's relapse trigger (``TreatmentCourseRule``).
struct RelapseDetector: Sendable, Equatable {
    /// Bit i set = heavy on the i-th most recent day observed.
    private var heavyRing: UInt64 = 0
    /// Drinks so far in the current week of the weekly criterion.
    private var weekDrinks = 0.0
    /// Consecutive qualifying weeks up to the last completed one.
    private var qualifyingWeeks = 0

    /// A detector with no days seen.
    init() {}

    /// Takes day `d` (days in order, every day from `firstDay` on) with `n` standard drinks and
    /// says whether any criterion of `relapse` is met on it.
    /// - Parameters:
    ///   - firstDay: the first day counted (weeks are days firstDay + 7k … firstDay + 7k + 6).
    ///   - lastDay: the last day counted: a final partial week is judged on it.
    /// - Complexity: O(1); allocation-free.
    @inline(__always)
    mutating func observe(_ relapse: RelapseDefinition, day d: Int, firstDay: Int, lastDay: Int, drinks n: Int, sex: Sex) -> Bool {
        var met = false
        if let above = relapse.singleDayDrinksAbove, n > above { met = true }
        if let heavy = relapse.heavyDays {
            let bit: UInt64 = heavy.threshold.isHeavy(drinks: n, sex: sex) ? 1 : 0
            heavyRing = (heavyRing << 1) | bit
            let mask: UInt64 = heavy.windowDays >= 64 ? ~0 : (1 << UInt64(heavy.windowDays)) - 1
            if (heavyRing & mask).nonzeroBitCount >= heavy.count { met = true }
        }
        if let weekly = relapse.weeklyDrinks {
            weekDrinks += Double(n)
            if (d - firstDay) % 7 == 6 || d == lastDay {
                qualifyingWeeks = weekDrinks >= Double(weekly.drinksAtLeast) ? qualifyingWeeks + 1 : 0
                weekDrinks = 0
                if qualifyingWeeks >= weekly.consecutiveWeeks { met = true }
            }
        }
        return met
    }
}
