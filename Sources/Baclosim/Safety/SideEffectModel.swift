/// One side effect: its onset hazard, who is more susceptible, tolerance, resolution and
/// consequences (DESIGN.md "Safety").
///
/// Daily onset hazard for a subject not currently affected:
///
///     h = s · (h0 + T(d)·Emax·C^γ/(EC50^γ + C^γ))
///
/// with `C` the driver concentration (`Cmax_d` or `Cavg_d`, mg/L), `s` the subject's
/// susceptibility multiplier, and `T(d)` the tolerance multiplier after `d` days on a stable
/// dose (1 without tolerance). Tolerance acts on the drug part only: the background (placebo)
/// rate does not fade with the drug. Onset happens iff `u < 1 − e^{−h}`.
///
/// Model parameters are immutable (`let`) so the constants computed from them stay valid.
public struct SideEffectModel: Sendable, Hashable {
    /// Name used in outputs, e.g. `somnolence`.
    public let name: String
    /// Which concentration drives the hazard.
    public let driver: SafetyExposureDriver
    /// `h0 + Emax·C^γ/(EC50^γ + C^γ)` (per day).
    public let onset: ConcentrationHazard
    /// Subject-level hazard multipliers.
    public let susceptibility: SideEffectSusceptibility
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
    public init(name: String, driver: SafetyExposureDriver = .cmax, onset: ConcentrationHazard,
                susceptibility: SideEffectSusceptibility = .none, tolerance: HazardTolerance? = nil,
                resolution: SideEffectResolution, consequences: SideEffectConsequences = .none) {
        self.name = name
        self.driver = driver
        self.onset = onset
        self.susceptibility = susceptibility
        self.tolerance = tolerance
        self.resolution = resolution
        self.consequences = consequences
        self.resolutionProbabilityPerDay = resolution.probabilityPerDay
        if case .firstOnsetOnly = resolution { isFirstOnsetOnly = true } else { isFirstOnsetOnly = false }
    }

    /// The onset hazard (per day) at concentration `c` (mg/L) for a subject with
    /// susceptibility multiplier `susceptibilityMultiplier` after `daysOnStableDose` days.
    @inline(__always)
    func onsetHazardPerDay(concentrationMgPerL c: Double, susceptibilityMultiplier: Double,
                           daysOnStableDose: Int) -> Double {
        var drug = onset.drugHazardPerDay(concentrationMgPerL: c)
        if let tolerance { drug *= tolerance.multiplier(daysOnStableDose: daysOnStableDose) }
        return susceptibilityMultiplier * (onset.baselinePerDay + drug)
    }
}

extension SideEffectModel {
    /// RM-1 somnolence: `h = 0.004 + 0.05·Cmax/(Cmax + 0.25)`, first onset only, no
    /// susceptibility, tolerance or consequences (reference-model/RM1.md, day step 4).
    public static let rm1Somnolence = SideEffectModel(
        name: "somnolence", driver: .cmax,
        onset: ConcentrationHazard(baselinePerDay: 0.004, maximumDrugHazardPerDay: 0.05, ec50MgPerL: 0.25),
        resolution: .firstOnsetOnly)
}
