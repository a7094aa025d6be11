/// When a state-transition model counts a cycle's rewards (costs, QALYs, life-years), and the
/// within-cycle correction. The trace has time points t = 0 … T for T cycles; a method gives each
/// time point a weight, and a reward is Σ_t trace(t) · reward · cycle length · weight(t) ·
/// discount(t). Sources: Sonnenberg & Beck 1993 (half-cycle); Elbasha & Chhatwal 2016 (trapezoid
/// and Simpson's 1/3 corrections); Alarid-Escudero et al. 2023 (the DARTH tutorials' weights).
public enum RewardTiming: String, Sendable, CaseIterable {
    /// The state at the start of each cycle: t = 0 … T − 1, weight 1.
    case start
    /// The state at the end of each cycle: t = 1 … T, weight 1 (e.g. DMHEE Example 2.5).
    case end
    /// Every time point t = 0 … T, weight 1 (T + 1 points: Krijkamp et al. 2018).
    case allTimePoints = "all_time_points"
    /// Half-cycle correction (the trapezoidal rule): t = 0 … T, weight ½ at both ends, 1 between.
    case halfCycle = "half_cycle"
    /// Composite Simpson's 1/3 rule: t = 0 … T, weights 1/3, 4/3, 2/3, 4/3, …, 4/3, 1/3 (odd t
    /// 4/3); needs an even number of cycles.
    case simpson
    /// The Simpson weights of the DARTH tutorials (`gen_wcc(…, "Simpson1/3")`, Alarid-Escudero
    /// et al. 2023): 1/3 at t = 0 and t = T, else 2/3 for odd t and 4/3 for even t, for any T.
    /// Reproduces the tutorials' published results; for an even T it is not the textbook rule.
    case darthSimpson = "darth_simpson"

    /// The weight of each time point t = 0 … `cycleCount` (0 where the method does not count it).
    public func weights(cycleCount: Int) -> [Double] {
        let last = cycleCount
        return (0...last).map { t in
            switch self {
            case .start: t < last ? 1 : 0
            case .end: t > 0 ? 1 : 0
            case .allTimePoints: 1
            case .halfCycle: t == 0 || t == last ? 0.5 : 1
            case .simpson: t == 0 || t == last ? 1.0 / 3 : (t % 2 == 1 ? 4.0 / 3 : 2.0 / 3)
            case .darthSimpson: t == 0 || t == last ? 1.0 / 3 : (t % 2 == 1 ? 2.0 / 3 : 4.0 / 3)
            }
        }
    }

    /// The cycle (1-based) a reward counted at time point `t` belongs to, for costs given in a
    /// window of cycles: the cycle starting at t for `start`, else the cycle ending at t (t = 0
    /// belongs to cycle 1).
    public func cycle(ofTimePoint t: Int) -> Int {
        self == .start ? t + 1 : max(t, 1)
    }
}
