/// The day's mean of the craving process:
///   `m_d = μ_i × (1 − E_d) × psychosocial × priming × early withdrawal`.
///
/// - psychosocial: a multiplier while the subject receives psychosocial therapy (e.g. 0.9);
/// - priming: a multiplier on the `primingDays` days after a drinking day (day + 1 … day + k):
///   drinking primes craving (Grasman et al. 2016 use drinking and cue events as drivers);
/// - early withdrawal: a multiplier on study days `0 ..< earlyWithdrawalDays` (alcohol
///   withdrawal after stopping drinking raises craving early on).
/// All multipliers default to 1 (RM-1: `m = μ(1 − E)`).
struct CravingMeanModel: Sendable, Equatable {
    /// Multiplier while in psychosocial therapy.
    var psychosocialMultiplier: Double = 1
    /// Multiplier on each of the `primingDays` days after a drinking day.
    var primingMultiplier: Double = 1
    /// Number of days priming lasts after a drinking day (0 = none).
    var primingDays: Int = 0
    /// Multiplier on study days before `earlyWithdrawalDays`.
    var earlyWithdrawalMultiplier: Double = 1
    /// Number of early days with the withdrawal multiplier (0 = none).
    var earlyWithdrawalDays: Int = 0

    /// The mean `m_d`.
    /// - Parameters:
    ///   - baseline: μ_i, the subject's baseline craving level.
    ///   - effect: the drug effect E_d in [0, 1].
    ///   - day: study day d (0-based).
    ///   - lastDrinkingDay: the most recent drinking day before today, or nil.
    ///   - inPsychosocialTherapy: the subject receives psychosocial therapy today.
    @inline(__always)
    func mean(baseline: Double, effect: Double, day: Int, lastDrinkingDay: Int?,
              inPsychosocialTherapy: Bool) -> Double {
        var m = baseline * (1 - effect)
        if inPsychosocialTherapy { m *= psychosocialMultiplier }
        if let last = lastDrinkingDay, day - last >= 1, day - last <= primingDays {
            m *= primingMultiplier
        }
        if day < earlyWithdrawalDays { m *= earlyWithdrawalMultiplier }
        return m
    }
}
