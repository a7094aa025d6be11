/// What happened to one side effect on one day.
public struct SideEffectDayOutcome: Sendable, Hashable {
    /// The day's status.
    public enum Status: Sendable, Hashable {
        /// Not affected today (and no episode ended today).
        case unaffected
        /// An episode started today (today counts as a day with the effect).
        case onset
        /// An episode continued today.
        case ongoing
        /// The episode that was ongoing ended today (today does not count as a day with it).
        case resolved
    }

    /// The day's status.
    public var status: Status
    /// The onset hazard evaluated today (per day); 0 on days the subject was already affected,
    /// NaN on days it was not evaluated (an onset uniform at or above the onset cap).
    public var onsetHazardPerDay: Double
    /// Today's onset is intolerable.
    public var isIntolerable: Bool
    /// The treatment change requested today (`.none` except on intolerable onset days).
    public var action: SideEffectAction

    /// Today is a day with the effect (onset or ongoing): disutility applies.
    public var hasEffect: Bool { status == .onset || status == .ongoing }
}

/// A subject's running totals for one side effect, summarised by the engine.
public struct SideEffectCounters: Sendable, Hashable {
    /// Day of the first onset (0-based), `nil` if none: incidence is `firstOnsetDay != nil`.
    public var firstOnsetDay: Int?
    /// Number of episodes (onsets).
    public var episodes = 0
    /// Days with the effect (onset and ongoing days): numerator of prevalence.
    public var daysWithEffect = 0
    /// Episodes that were intolerable.
    public var intolerableEpisodes = 0
    /// Dose reductions requested because of this effect.
    public var doseReductions = 0
    /// A discontinuation was requested because of this effect.
    public var discontinued = false

    /// The subject had at least one onset.
    public var hasOnset: Bool { firstOnsetDay != nil }
}
