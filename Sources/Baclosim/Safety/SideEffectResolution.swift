/// How an episode of a side effect ends.
public enum SideEffectResolution: Sendable, Hashable {
    /// Only the first onset matters: once started the effect persists to the end of the
    /// horizon and never recurs. Gives incidence exactly as RM-1 defines it ("if not yet
    /// somnolent, onset iff u < 1 − e^{−h}"). Scenario value `first_onset_only`.
    case firstOnsetOnly
    /// Each day after the onset day, the episode ends with this probability (in (0, 1]).
    /// Durations are geometric: mean 1/p days with the effect. Scenario `daily_probability`.
    case dailyProbability(Double)
    /// As `dailyProbability` with `p = 1 − e^{−h}` for a resolution hazard `h` per day
    /// (mean duration 1/p = 1/(1 − e^{−h}) ≈ 1/h for small h). Scenario `hazard_per_day`.
    case hazardPerDay(Double)

    /// The daily probability of resolution; 0 for ``firstOnsetOnly``.
    var probabilityPerDay: Double {
        switch self {
        case .firstOnsetOnly: 0
        case .dailyProbability(let p): p
        case .hazardPerDay(let h): DailyHazard.probability(ofHazard: h)
        }
    }
}
