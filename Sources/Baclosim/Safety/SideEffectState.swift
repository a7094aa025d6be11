/// One subject's state for one side effect, advanced once per day.
///
/// Create one per subject, arm and effect with ``init(model:covariates:)`` (which computes the
/// subject's susceptibility multiplier once), then call ``advance(_:cmaxMgPerL:cavgMgPerL:prescribedDailyDoseMg:u:uIntolerable:)``
/// for days 0, 1, 2, … in order. Allocation-free; randomness comes in as uniforms so that the
/// caller keys them by (subject, purpose, day) and the same subject uses the same numbers in
/// every arm.
///
/// Within a day one uniform `u` decides either the onset (when not affected) or the
/// resolution (when affected), never both: on a resolution day no new episode can start.
public struct SideEffectState: Sendable, Hashable {
    /// The subject's susceptibility multiplier for this effect (product of those that apply).
    public let susceptibilityMultiplier: Double
    /// The subject's multiplier on the drug part (the drug's own susceptibility).
    public let drugSusceptibilityMultiplier: Double
    /// Amount taken from day 0 to the last advanced day (mg), for the `cumulative_dose` driver.
    public private(set) var cumulativeDoseMg = 0.0
    /// Plasma AUC from day 0 to the end of the last advanced day (mg·h/L), for `cumulative_auc`.
    public private(set) var cumulativeAUCMgHPerL = 0.0
    /// An episode is in progress (after the last advanced day).
    public private(set) var isAffected = false
    /// The episode in progress was judged intolerable at its onset (false when not affected);
    /// a titration to response does not escalate while it lasts.
    public private(set) var isIntolerable = false
    /// Days with the effect in the current episode (0 when not affected).
    public private(set) var currentEpisodeDays = 0
    /// Running totals.
    public private(set) var counters = SideEffectCounters()
    /// Index of the next day to advance.
    public private(set) var nextDay = 0
    /// Days on a stable prescribed dose, for tolerance.
    private var doseClock = StableDoseClock()

    /// Starts a subject with no effect, computing `model`'s susceptibility for `covariates`.
    public init(model: SideEffectModel, covariates: SafetyCovariates) {
        self.susceptibilityMultiplier = model.susceptibility.multiplier(for: covariates)
        self.drugSusceptibilityMultiplier = model.drugSusceptibility.multiplier(for: covariates)
    }

    /// Advances one day.
    ///
    /// - Parameters:
    ///   - model: the side effect (the same every day).
    ///   - cmaxMgPerL: `Cmax_d` (mg/L).
    ///   - cavgMgPerL: `Cavg_d` (mg/L).
    ///   - prescribedDailyDoseMg: today's prescribed daily dose (mg/day), for tolerance; any
    ///     value when the model has no tolerance.
    ///   - u: uniform in (0, 1) for onset or resolution.
    ///   - uIntolerable: uniform in (0, 1), read only on an onset day.
    ///   - takenDoseMg: amount taken today (mg), for the `dose` and `cumulative_dose` drivers.
    ///   - aucMgHPerL: today's plasma AUC (mg·h/L), for the `cumulative_auc` driver.
    /// - Returns: the day's status and any requested treatment change.
    /// - Complexity: O(1), no allocation.
    public mutating func advance(_ model: SideEffectModel, cmaxMgPerL: Double, cavgMgPerL: Double,
                                 prescribedDailyDoseMg: Double, u: Double, uIntolerable: Double,
                                 takenDoseMg: Double = 0, aucMgHPerL: Double = 0)
        -> SideEffectDayOutcome
    {
        advance(SideEffectDayModel(model), cmaxMgPerL: cmaxMgPerL, cavgMgPerL: cavgMgPerL,
                prescribedDailyDoseMg: prescribedDailyDoseMg, u: u, uIntolerable: uIntolerable,
                takenDoseMg: takenDoseMg, aucMgHPerL: aucMgHPerL)
    }

    /// ``advance(_:cmaxMgPerL:cavgMgPerL:prescribedDailyDoseMg:u:uIntolerable:)`` with the
    /// model's daily parts in trivially copyable form (what the engine keeps per side effect,
    /// so a subject-day copies no name string).
    ///
    /// `onsetProbabilityCap`: an upper bound of this subject's daily onset probability at any
    /// exposure (`CohortSimulator.onsetProbabilityCap`; 1 when unknown). An onset uniform at or
    /// above it cannot give an onset, so the hazard is not computed (`onsetHazardPerDay` is NaN
    /// then): the same decision, without its `expm1`.
    @inline(__always)
    mutating func advance(_ model: SideEffectDayModel, cmaxMgPerL: Double, cavgMgPerL: Double,
                          prescribedDailyDoseMg: Double, u: Double, uIntolerable: Double,
                          takenDoseMg: Double = 0, aucMgHPerL: Double = 0, onsetProbabilityCap: Double = 1)
        -> SideEffectDayOutcome
    {
        assert(u >= 0 && u <= 1 && uIntolerable >= 0 && uIntolerable <= 1, "uniforms must be in [0, 1]")
        let day = nextDay
        nextDay += 1
        // Exposure accumulates every day, affected or not: today's dose counts for today's hazard.
        cumulativeDoseMg += takenDoseMg
        cumulativeAUCMgHPerL += aucMgHPerL
        let daysOnStableDose = doseClock.advance(prescribedDailyDoseMg: prescribedDailyDoseMg)

        if isAffected {
            if !model.isFirstOnsetOnly && u < model.resolutionProbabilityPerDay {
                isAffected = false
                isIntolerable = false
                currentEpisodeDays = 0
                return SideEffectDayOutcome(status: .resolved, onsetHazardPerDay: 0, isIntolerable: false,
                                            action: .none)
            }
            currentEpisodeDays += 1
            counters.daysWithEffect += 1
            return SideEffectDayOutcome(status: .ongoing, onsetHazardPerDay: 0, isIntolerable: false,
                                        action: .none)
        }

        if u >= onsetProbabilityCap {
            return SideEffectDayOutcome(status: .unaffected, onsetHazardPerDay: .nan, isIntolerable: false, action: .none)
        }
        let exposure = model.driver.exposure(cmaxMgPerL: cmaxMgPerL, cavgMgPerL: cavgMgPerL, takenDoseMg: takenDoseMg,
                                             cumulativeDoseMg: cumulativeDoseMg, cumulativeAUCMgHPerL: cumulativeAUCMgHPerL)
        let hazard = model.onsetHazardPerDay(concentrationMgPerL: exposure,
                                             susceptibilityMultiplier: susceptibilityMultiplier,
                                             drugSusceptibilityMultiplier: drugSusceptibilityMultiplier,
                                             daysOnStableDose: daysOnStableDose)
        guard u < DailyHazard.probability(ofHazard: hazard) else {
            return SideEffectDayOutcome(status: .unaffected, onsetHazardPerDay: hazard, isIntolerable: false,
                                        action: .none)
        }
        isAffected = true
        currentEpisodeDays = 1
        counters.episodes += 1
        counters.daysWithEffect += 1
        if counters.firstOnsetDay == nil { counters.firstOnsetDay = day }

        let intolerable = uIntolerable < model.consequences.intolerableProbability
        isIntolerable = intolerable
        var action = SideEffectAction.none
        if intolerable {
            counters.intolerableEpisodes += 1
            action = model.consequences.intolerableAction
            switch action {
            case .none: break
            case .reduceDose: counters.doseReductions += 1
            case .discontinue: counters.discontinued = true
            }
        }
        return SideEffectDayOutcome(status: .onset, onsetHazardPerDay: hazard, isIntolerable: intolerable,
                                    action: action)
    }
}

/// The parts of a ``SideEffectModel`` a day's update reads, without its name: trivially
/// copyable, so the engine's per-subject-day call retains nothing.
struct SideEffectDayModel: Sendable {
    let driver: SideEffectDriver
    let onset: ConcentrationHazard
    let tolerance: HazardTolerance?
    let consequences: SideEffectConsequences
    let resolutionProbabilityPerDay: Double
    let isFirstOnsetOnly: Bool

    init(_ model: SideEffectModel) {
        driver = model.driver
        onset = model.onset
        tolerance = model.tolerance
        consequences = model.consequences
        resolutionProbabilityPerDay = model.resolutionProbabilityPerDay
        isFirstOnsetOnly = model.isFirstOnsetOnly
    }

    /// `SideEffectModel.onsetHazardPerDay`, same arithmetic.
    @inline(__always)
    func onsetHazardPerDay(concentrationMgPerL c: Double, susceptibilityMultiplier: Double,
                           drugSusceptibilityMultiplier: Double, daysOnStableDose: Int) -> Double {
        var drug = drugSusceptibilityMultiplier * onset.drugHazardPerDay(concentrationMgPerL: c)
        if let tolerance { drug *= tolerance.multiplier(daysOnStableDose: daysOnStableDose) }
        return susceptibilityMultiplier * (onset.baselinePerDay + drug)
    }
}
