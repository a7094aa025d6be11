import Foundation

/// When, within a day, drug withdrawal starts and ends, from the exact course of the drug in
/// the body over that day (docs/model.md §10, "Timing in hours").
///
/// The withdrawal model decides per day (``WithdrawalState``): a withdrawal day iff
/// `u < 1 − e^{−h_d}`, `h_d = k·W_d`, `W_d = max(0, A_d − E_d − threshold)` with the day's level
/// `E_d` (from `Cavg` or `Cmax`). Within the day the drug's concentration `C(t)` is known exactly
/// (the linear PK model from the subject's amounts at midnight and the day's doses), and so is
/// the instantaneous drive
///
///     w(t) = max(0, A_d − L(C(t)) − threshold)
///
/// with `L` the driver's level at a concentration (the arm's effect model, or the driver's
/// occupancy). These functions place a withdrawal day's onset where that drive puts it: with
/// `Λ(t)` the integral of `w` from midnight, scaled so that `Λ(24 h) = h_d` (so the daily
/// decision is unchanged), the onset is the first event of a Poisson process of intensity `Λ′`
/// conditioned on an event that day, at the hour `t*` where `1 − e^{−Λ(t*)} = v·(1 − e^{−h_d})`
/// for a uniform `v` of its own. And they find where the drive ends after the drug is restarted:
/// the first time `w(t)` reaches 0 after a given hour.
///
/// The drive is sampled at the midpoints of ``stepH``-hour steps (96 a day); `Λ` is exact for
/// the sampled profile and linear within a step. Pure functions of their arguments; they
/// allocate only the profile they return, and the engine calls them on withdrawal days and
/// after a restart only.
enum WithdrawalTiming {
    /// Sampling step of the within-day drive (h).
    static let stepH = 0.25
    /// Steps per day.
    static let stepsPerDay = 96

    /// The within-day drive `w` at the midpoints of the day's steps.
    /// - Parameters:
    ///   - model: the subject's linear PK model.
    ///   - midnight: compartment amounts at 00:00 of the day, before that instant's inputs.
    ///   - doses: the day's doses, times in hours after 00:00 (a dose still in an absorption lag
    ///     from the day before at its time minus 24).
    ///   - adaptation: `A_d`, the adaptation at the start of the day.
    ///   - threshold: the model's drive threshold.
    ///   - level: the driver's level at a concentration (mg/L).
    static func driveProfile(model: LinearPKModel, midnight: LinearPKState, doses: [DoseEvent], adaptation: Double,
                             threshold: Double, level: (Double) -> Double) -> [Double] {
        // One transition for the whole steps and one for the first half step; a piece with an
        // input in it takes the event-driven walk.
        let step = model.transition(overH: stepH, includeIntegrals: false)
        let half = model.transition(overH: stepH / 2, includeIntegrals: false)
        let inputTimes = doses.map { model.impulseTimeH(of: $0) ?? $0.timeH }
        var state = midnight
        var tracker = ExposureTracker()
        func advance(from t0: Double, to t1: Double, _ transition: LinearPKTransition) {
            if inputTimes.contains(where: { $0 >= t0 && $0 < t1 }) {
                model.walk(&state, fromH: t0, toH: t1, doses: doses, analyte: .parent, tracker: &tracker, tracking: false)
            } else {
                state = transition.apply(to: state)
            }
        }
        var profile = [Double](repeating: 0, count: stepsPerDay)
        for i in 0..<stepsPerDay {
            let midpoint = (Double(i) + 0.5) * stepH
            if i == 0 { advance(from: 0, to: midpoint, half) } else { advance(from: midpoint - stepH, to: midpoint, step) }
            profile[i] = max(0, adaptation - level(model.concentration(of: state)) - threshold)
        }
        return profile
    }

    /// The onset hour (in [0, 24)) of a withdrawal day whose daily hazard is `dailyHazard`
    /// (> 0), placed by the drive `profile` and the uniform `v` in (0, 1). A flat profile (or
    /// one without drive, which the daily decision rules out) places it uniformly.
    static func onsetHour(profile: [Double], dailyHazard: Double, uniform v: Double) -> Double {
        let total = profile.reduce(0, +)
        // Λ(t*) for the conditional first event: −ln(1 − v·(1 − e^{−h})).
        let target = -log1p(-v * -expm1(-dailyHazard))
        guard total > 0, dailyHazard > 0 else { return v * 24 }
        // Λ(t) = h · (∑ w up to t) / ∑ w, linear within a step.
        let scale = dailyHazard / total
        var cumulative = 0.0
        for (i, w) in profile.enumerated() {
            let next = cumulative + w * scale
            if next >= target && w > 0 {
                let fraction = (target - cumulative) / (w * scale)
                return (Double(i) + min(1, max(0, fraction))) * stepH
            }
            cumulative = next
        }
        return 24 * (1 - .ulpOfOne)
    }

    /// The first hour at or after `fromH` (in [0, 24)) at which the drive of `profile` is 0, or
    /// `nil` when it lasts to the end of the day. A step counts from its start when its
    /// midpoint has no drive.
    static func driveEndHour(profile: [Double], fromH: Double) -> Double? {
        let first = max(0, Int((fromH / stepH).rounded(.down)))
        guard first < profile.count else { return nil }
        for i in first..<profile.count where profile[i] == 0 {
            return max(fromH, Double(i) * stepH)
        }
        return nil
    }
}
