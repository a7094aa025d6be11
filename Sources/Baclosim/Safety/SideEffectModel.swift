/// One side effect: its onset hazard, who is more susceptible, tolerance, resolution and
/// consequences (docs/model.md#9-side-effects).
///
/// Daily onset hazard for a subject not currently affected:
///
///     h = s · (h0 + s_drug·T(d)·Emax·X^γ/(EC50^γ + X^γ))
///
/// with `X` the driver's exposure (`Cmax_d` or `Cavg_d` in mg/L, today's dose in mg, the
/// cumulative dose in g or the cumulative AUC in mg·h/L; see ``SideEffectDriver``), `s` the
/// subject's susceptibility multiplier, `s_drug` the drug part's own susceptibility multiplier
/// (1 unless the drug declares one), and `T(d)` the tolerance multiplier after `d` days on a
/// stable dose (1 without tolerance). Tolerance acts on the drug part only: the background
/// (placebo) rate does not fade with the drug. Onset happens iff `u < 1 − e^{−h}`.
///
/// In a scenario the engine builds one model per effect and arm: the scenario's entry with the
/// drug part of the arm's drug (``replacingDrugPart(_:)``) and the arm's consequences.
///
/// Model parameters are immutable (`let`) so the constants computed from them stay valid.
public struct SideEffectModel: Sendable, Hashable {
    /// Name used in outputs, e.g. `somnolence`.
    public let name: String
    /// Which exposure drives the hazard.
    public let driver: SideEffectDriver
    /// `h0 + Emax·X^γ/(EC50^γ + X^γ)` (per day); `ec50MgPerL` holds the EC50 in the driver's
    /// unit (mg/L for `cmax`/`cavg`).
    public let onset: ConcentrationHazard
    /// Subject-level hazard multipliers on the whole hazard.
    public let susceptibility: SideEffectSusceptibility
    /// Subject-level multipliers on the drug part only (a drug's own, e.g. liver disease for
    /// naltrexone's hepatotoxicity).
    public let drugSusceptibility: SideEffectSusceptibility
    /// Fading of the drug part with days on a stable dose; `nil` for none.
    public let tolerance: HazardTolerance?
    /// How episodes end.
    public let resolution: SideEffectResolution
    /// Intolerability, dose actions, disutility and cost.
    public let consequences: SideEffectConsequences

    /// Daily resolution probability, computed once (0 for first-onset-only).
    let resolutionProbabilityPerDay: Double
    /// `resolution == .firstOnsetOnly`, computed once.
    let isFirstOnsetOnly: Bool

    /// Creates a side effect; see the properties. Call ``validationProblems()`` on scenario input.
    public init(name: String, driver: SideEffectDriver = .cmax, onset: ConcentrationHazard,
                susceptibility: SideEffectSusceptibility = .none, drugSusceptibility: SideEffectSusceptibility = .none,
                tolerance: HazardTolerance? = nil,
                resolution: SideEffectResolution, consequences: SideEffectConsequences = .none) {
        self.name = name
        self.driver = driver
        self.onset = onset
        self.susceptibility = susceptibility
        self.drugSusceptibility = drugSusceptibility
        self.tolerance = tolerance
        self.resolution = resolution
        self.consequences = consequences
        self.resolutionProbabilityPerDay = resolution.probabilityPerDay
        if case .firstOnsetOnly = resolution { isFirstOnsetOnly = true } else { isFirstOnsetOnly = false }
    }

    /// The onset hazard (per day) at exposure `c` (the driver's unit) for a subject with
    /// susceptibility multipliers `susceptibilityMultiplier` (whole hazard) and
    /// `drugSusceptibilityMultiplier` (drug part) after `daysOnStableDose` days.
    @inline(__always)
    func onsetHazardPerDay(concentrationMgPerL c: Double, susceptibilityMultiplier: Double,
                           drugSusceptibilityMultiplier: Double = 1, daysOnStableDose: Int) -> Double {
        var drug = drugSusceptibilityMultiplier * onset.drugHazardPerDay(concentrationMgPerL: c)
        if let tolerance { drug *= tolerance.multiplier(daysOnStableDose: daysOnStableDose) }
        return susceptibilityMultiplier * (onset.baselinePerDay + drug)
    }
}

extension SideEffectModel {
    /// RM-1 somnolence: `h = 0.004 + 0.05·Cmax/(Cmax + 0.25)`, first onset only, no
    /// susceptibility, tolerance or consequences (docs/rm1.md#4-one-day-step-by-step, step 4).
    public static let rm1Somnolence = SideEffectModel(
        name: "somnolence", driver: .cmax,
        onset: ConcentrationHazard(baselinePerDay: 0.004, maximumDrugHazardPerDay: 0.05, ec50MgPerL: 0.25),
        resolution: .firstOnsetOnly)
}
