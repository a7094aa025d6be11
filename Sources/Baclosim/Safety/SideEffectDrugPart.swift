/// One drug's part of a side effect's onset hazard: `s_drug·T(d)·Emax·X^γ/(EC50^γ + X^γ)` with
/// `X` the exposure named by ``driver`` (issue #5: per-drug side-effect parameters).
///
/// A scenario's `side_effects:` entry keeps what belongs to the effect in the population (the
/// background rate, resolution, susceptibility, consequences); the drug part belongs to a drug
/// and comes from the drug's library file or the scenario's `drugs.<name>.side_effects`, so a
/// baclofen EC50 is never applied to naltrexone concentrations. Which part an arm uses is decided
/// by ``SideEffectPartResolver``.
public struct SideEffectDrugPart: Sendable, Hashable {
    /// The exposure that drives the hazard.
    public var driver: SideEffectDriver
    /// `Emax`: extra hazard at saturating exposure (per day, ≥ 0).
    public var maximumDrugHazardPerDay: Double
    /// `EC50` in the driver's unit (mg/L, mg/day, g or mg·h/L; > 0).
    public var ec50InDriverUnit: Double
    /// `γ`: Hill coefficient (> 0).
    public var hillCoefficient: Double
    /// Fading of the drug part on a stable dose, or `nil`.
    public var tolerance: HazardTolerance?
    /// Multipliers on this drug part only (e.g. naltrexone's hepatotoxicity in liver disease);
    /// the scenario's susceptibility still multiplies the whole hazard.
    public var susceptibility: SideEffectSusceptibility
    /// Where the numbers come from (free text), if given.
    public var source: String?

    /// Creates a drug part; see the properties for units.
    public init(driver: SideEffectDriver, maximumDrugHazardPerDay: Double, ec50InDriverUnit: Double,
                hillCoefficient: Double = 1, tolerance: HazardTolerance? = nil,
                susceptibility: SideEffectSusceptibility = .none, source: String? = nil) {
        self.driver = driver
        self.maximumDrugHazardPerDay = maximumDrugHazardPerDay
        self.ec50InDriverUnit = ec50InDriverUnit
        self.hillCoefficient = hillCoefficient
        self.tolerance = tolerance
        self.susceptibility = susceptibility
        self.source = source
    }
}

extension SideEffectDrugPart {
    /// Every invalid parameter, keys as in a drug file's `side_effects.<name>` block.
    public func validationProblems() -> [ParameterProblem] {
        var list = SafetyProblemList()
        list.requireNonNegative(maximumDrugHazardPerDay, "max_drug_hazard_per_day", example: "0.01")
        list.requirePositive(ec50InDriverUnit, driver.ec50Key, example: "0.25")
        list.requirePositive(hillCoefficient, "hill", example: "1")
        if let tolerance { list.check(tolerance, prefix: "tolerance") }
        let s = susceptibility
        for (value, key) in [(s.elderlyMultiplier, "elderly"), (s.renalImpairmentMultiplier, "renal_impairment"),
                             (s.psychiatricMultiplier, "psychiatric"), (s.liverDiseaseMultiplier, "liver_disease")] {
            list.requireNonNegative(value, "susceptibility.\(key)", example: "1.5")
        }
        return list.problems
    }
}
