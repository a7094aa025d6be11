/// One subject's withdrawal state in one arm, advanced once per day.
///
/// Each day, in this order (RM-1 day steps 5–6): the drive `W` from `A_d` and `E_d`, the
/// hazard `k·W`, the withdrawal-day draw `u < 1 − e^{−k·W}`, the symptom tier (from
/// `uSeverity`, withdrawal days only), then the update of `A` with `E_d`. Allocation-free.
public struct WithdrawalState: Sendable, Hashable {
    /// The adaptation level `A` (after the last advanced day's update).
    public private(set) var adaptation: AdaptationState
    /// Running totals.
    public private(set) var counters = WithdrawalCounters()
    /// Index of the next day to advance.
    public private(set) var nextDay = 0
    /// Length of the current episode (0 when yesterday was not a withdrawal day).
    public private(set) var currentEpisodeDays = 0
    /// Yesterday's effect (effect units); `nil` before the first day.
    private var previousEffect: Double?
    /// First day of the effect's current fall, `nil` when it is not falling.
    private var effectFallStartDay: Int?
    /// Last day a dose was taken, `nil` before any.
    private var lastDoseDay: Int?

    /// Starts with adaptation `initialAdaptation` (RM-1: 0; a subject already on the drug at
    /// steady state starts at its effect).
    public init(initialAdaptation: Double = 0) {
        self.adaptation = AdaptationState(level: initialAdaptation)
    }

    /// Advances one day.
    ///
    /// - Parameters:
    ///   - model: the withdrawal model (the same every day).
    ///   - effect: today's effect `E_d` (effect units, as the adaptation).
    ///   - doseTakenToday: a dose of the drug was taken today (tracks time since the last dose).
    ///   - u: uniform in (0, 1) for the withdrawal-day draw.
    ///   - uSeverity: uniform in (0, 1) for the symptom tier, read on withdrawal days only.
    /// - Complexity: O(number of tiers), no allocation.
    public mutating func advance(_ model: WithdrawalModel, effect: Double, doseTakenToday: Bool,
                                 u: Double, uSeverity: Double) -> WithdrawalDayOutcome {
        assert(u >= 0 && u <= 1 && uSeverity >= 0 && uSeverity <= 1, "uniforms must be in [0, 1]")
        let day = nextDay
        nextDay += 1
        if doseTakenToday { lastDoseDay = day }
        if let previousEffect {
            if effect < previousEffect {
                if effectFallStartDay == nil { effectFallStartDay = day }
            } else if effect > previousEffect {
                effectFallStartDay = nil
            }
        }
        previousEffect = effect

        let drive = adaptation.drive(effect: effect, threshold: model.driveThreshold)
        let hazard = model.hazardPerDay(drive: drive)
        // Most subject-days have no drive; skip expm1 there.
        let probability = drive > 0 ? DailyHazard.probability(ofHazard: hazard) : 0
        counters.expectedWithdrawalDays += probability
        let isWithdrawalDay = drive > 0 && u < probability
        adaptation.update(effect: effect, riseGain: model.riseGain, fallGain: model.fallGain)

        var outcome = WithdrawalDayOutcome(
            drive: drive, hazardPerDay: hazard, isWithdrawalDay: isWithdrawalDay, isEpisodeOnset: false,
            symptom: nil, reinstateDrug: false,
            daysSinceEffectStartedFalling: effectFallStartDay.map { day - $0 },
            daysSinceLastDose: lastDoseDay.map { day - $0 })
        guard isWithdrawalDay else {
            currentEpisodeDays = 0
            return outcome
        }

        outcome.isEpisodeOnset = currentEpisodeDays == 0
        currentEpisodeDays += 1
        counters.withdrawalDays += 1
        counters.longestEpisodeDays = max(counters.longestEpisodeDays, currentEpisodeDays)
        if outcome.isEpisodeOnset { counters.episodes += 1 }
        if counters.firstWithdrawalDay == nil {
            counters.firstWithdrawalDay = day
            counters.firstOnsetDaysAfterLastDose = outcome.daysSinceLastDose
            counters.firstOnsetDaysAfterEffectFall = outcome.daysSinceEffectStartedFalling
        }

        if let symptom = Self.symptom(model.severityTiers, drive: drive, u: uSeverity) {
            outcome.symptom = symptom
            counters.symptomDays[symptom] += 1
            counters.worstSymptom = max(counters.worstSymptom ?? symptom, symptom)
            if let threshold = model.reinstateAtSymptom, symptom >= threshold {
                outcome.reinstateDrug = true
                counters.reinstatementRequests += 1
            }
        }
        return outcome
    }

    /// The most severe tier `j` with `u < min_{i ≤ j} p_i(W)`, or `nil` (see
    /// ``WithdrawalSeverityTier``).
    @inline(__always)
    static func symptom(_ tiers: [WithdrawalSeverityTier], drive: Double, u: Double) -> WithdrawalSymptom? {
        var reached: WithdrawalSymptom?
        var nestedProbability = 1.0
        for tier in tiers {
            nestedProbability = min(nestedProbability, tier.probability(drive: drive))
            guard u < nestedProbability else { break }
            reached = tier.symptom
        }
        return reached
    }
}
