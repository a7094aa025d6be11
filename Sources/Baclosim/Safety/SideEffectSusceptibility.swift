/// Hazard multipliers for subjects more susceptible to a side effect.
///
/// docs/model.md#9-side-effects: susceptibility rises for the elderly, impaired renal function, psychiatric
/// disorder and liver disease. The multipliers combine by product and apply to the whole
/// onset hazard (background and drug part): an elderly subject is assumed more prone to
/// dizziness with or without the drug. Renal impairment here is a pharmacodynamic
/// susceptibility only; the higher exposure from reduced clearance already arrives through
/// the PK model, so do not count it twice. Hulme 1985 found the extra drowsiness of elderly
/// patients to be pharmacodynamic (similar AUC), which is what `elderlyMultiplier` expresses.
/// All values default to 1 (no effect); non-1 values are assumptions unless a scenario cites one.
public struct SideEffectSusceptibility: Sendable, Hashable {
    /// Age from which a subject counts as elderly (years); default 65.
    public var elderlyAgeYears: Double
    /// Hazard multiplier for the elderly (≥ 0).
    public var elderlyMultiplier: Double
    /// CrCl below which renal function counts as impaired (mL/min); default 60.
    public var renalImpairmentBelowCrClMLPerMin: Double
    /// Hazard multiplier for impaired renal function (≥ 0).
    public var renalImpairmentMultiplier: Double
    /// Hazard multiplier for psychiatric comorbidity (≥ 0).
    public var psychiatricMultiplier: Double
    /// Hazard multiplier for liver disease (≥ 0).
    public var liverDiseaseMultiplier: Double

    /// Creates the multipliers; every one defaults to 1.
    public init(elderlyAgeYears: Double = 65, elderlyMultiplier: Double = 1,
                renalImpairmentBelowCrClMLPerMin: Double = 60, renalImpairmentMultiplier: Double = 1,
                psychiatricMultiplier: Double = 1, liverDiseaseMultiplier: Double = 1) {
        self.elderlyAgeYears = elderlyAgeYears
        self.elderlyMultiplier = elderlyMultiplier
        self.renalImpairmentBelowCrClMLPerMin = renalImpairmentBelowCrClMLPerMin
        self.renalImpairmentMultiplier = renalImpairmentMultiplier
        self.psychiatricMultiplier = psychiatricMultiplier
        self.liverDiseaseMultiplier = liverDiseaseMultiplier
    }

    /// No susceptibility differences (every multiplier 1).
    public static let none = SideEffectSusceptibility()

    /// The product of the multipliers that apply to `covariates`.
    public func multiplier(for covariates: SafetyCovariates) -> Double {
        var product = 1.0
        if covariates.ageYears >= elderlyAgeYears { product *= elderlyMultiplier }
        if covariates.creatinineClearanceMLPerMin < renalImpairmentBelowCrClMLPerMin {
            product *= renalImpairmentMultiplier
        }
        if covariates.psychiatric { product *= psychiatricMultiplier }
        if covariates.liverDisease { product *= liverDiseaseMultiplier }
        return product
    }
}
