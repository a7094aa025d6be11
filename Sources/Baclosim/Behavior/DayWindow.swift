/// An inclusive range of study days `[firstDay, lastDay]` over which an endpoint is assessed.
struct DayWindow: Sendable, Equatable, Hashable {
    /// First day (0-based, inclusive).
    var firstDay: Int
    /// Last day (inclusive).
    var lastDay: Int

    /// Number of days in the window.
    var lengthDays: Int { lastDay - firstDay + 1 }

    /// True when day `d` is in the window.
    @inline(__always)
    func contains(_ d: Int) -> Bool { d >= firstDay && d <= lastDay }

    /// Days `0 … X − 1`: "abstinent through day X" (RM-1's `abstinent_through_day_X`).
    static func through(day x: Int) -> DayWindow { DayWindow(firstDay: 0, lastDay: x - 1) }

    /// The last `days` days of a horizon of `horizonDays` (e.g. the final 28 days).
    static func final(days: Int, horizonDays: Int) -> DayWindow {
        DayWindow(firstDay: max(0, horizonDays - days), lastDay: horizonDays - 1)
    }
}

/// How an endpoint treats the days after dropout (docs/model.md#8-endpoints-as-trials-define-them: missing-data conventions are
/// explicit). Dropout is the first day the tracker is told a day is not observed; every later
/// day is unobserved too.
enum MissingDataConvention: String, Sendable, Equatable {
    /// Use the simulated days as if the subject were followed up (the model's truth, for
    /// economics and for checking the conventions' bias).
    case complete
    /// Observed days only: proportions and means over observed days, time-to-event censored at
    /// the last observed day, binary outcomes from observed days and flagged censored.
    case observedOnly
    /// Dropout counts as failure: each unobserved day is a drinking and heavy drinking day with
    /// the baseline amount (baseline observation carried forward) and a time-to-event endpoint
    /// has its event on the first unobserved day.
    case dropoutIsFailure
    /// Last observation carried forward: each unobserved day repeats the subject's last
    /// observed day (its drinks and grams; before any observed day, the baseline amount as under
    /// `dropoutIsFailure`). Not defined for urine tests.
    case lastObservationCarriedForward
    /// The completers' analysis population: a subject not observed through the window's last day
    /// (dropout, a course event counted as dropout, death) is left out of the endpoint (NaN);
    /// the others have every day of the window observed.
    case completers
}
