/// Biological sex, as used by sex-specific weight medians, heavy-drinking thresholds, WHO
/// drinking-risk bands, Cockcroft–Gault and pregnancy.
public enum Sex: String, Sendable, Hashable, CaseIterable {
    /// Male.
    case male
    /// Female.
    case female
}

/// Liver disease category of a subject (docs/model.md#2-population-and-covariates): eligibility rules exclude
/// some categories (e.g. naltrexone in cirrhosis) and hazards may carry multipliers for them.
public enum LiverDisease: String, Sendable, Hashable, CaseIterable {
    /// No liver disease.
    case none
    /// Compensated liver disease (without cirrhosis).
    case compensated
    /// Liver cirrhosis (Addolorato 2007's population).
    case cirrhosis
}

/// One subject's covariates, drawn once and identical in every arm (common random numbers).
///
/// Produced by `CovariateModel.sample(normals:)`; read by PK covariate effects, eligibility,
/// hazard multipliers, endpoints (sex-specific thresholds) and economics.
public struct Covariates: Sendable, Hashable {
    /// Biological sex.
    public var sex: Sex
    /// Age at day 0, in years.
    public var ageYears: Double
    /// Body weight, in kg.
    public var weightKg: Double
    /// Creatinine clearance, in mL/min (drawn directly or from serum creatinine by
    /// Cockcroft–Gault).
    public var creatinineClearanceMLPerMin: Double
    /// Liver disease category.
    public var liver: LiverDisease
    /// Psychiatric comorbidity present.
    public var psychiatric: Bool
    /// AUD severity as the number of DSM-5 criteria met (2…11; 2–3 mild, 4–5 moderate, ≥ 6 severe).
    public var dsm5Criteria: Int
    /// Baseline drinks per day (standard drinks) before treatment.
    public var baselineDrinksPerDay: Double
    /// Pregnant at screening (only ever true for women of childbearing age).
    public var pregnant: Bool
    /// Baseline craving level μ (the long-run mean of the latent craving process without
    /// treatment; dimensionless, RM-1 has median 1).
    public var baselineCraving: Double
    /// Percentage of days with heavy drinking before treatment (0–100), NaN when the
    /// population does not give it.
    public var baselineHeavyDrinkingDaysPercent: Double
    /// Drinking frailty: the subject's multiplier of the drinking-day hazards that opt in
    /// (dimensionless, population median 1; 1 when the population gives none).
    public var drinkingFrailty: Double

    /// Memberwise initialiser; see the properties for units.
    public init(
        sex: Sex, ageYears: Double, weightKg: Double, creatinineClearanceMLPerMin: Double,
        liver: LiverDisease, psychiatric: Bool, dsm5Criteria: Int, baselineDrinksPerDay: Double,
        pregnant: Bool, baselineCraving: Double, baselineHeavyDrinkingDaysPercent: Double = .nan, drinkingFrailty: Double = 1
    ) {
        self.sex = sex
        self.ageYears = ageYears
        self.weightKg = weightKg
        self.creatinineClearanceMLPerMin = creatinineClearanceMLPerMin
        self.liver = liver
        self.psychiatric = psychiatric
        self.dsm5Criteria = dsm5Criteria
        self.baselineDrinksPerDay = baselineDrinksPerDay
        self.pregnant = pregnant
        self.baselineCraving = baselineCraving
        self.baselineHeavyDrinkingDaysPercent = baselineHeavyDrinkingDaysPercent
        self.drinkingFrailty = drinkingFrailty
    }
}
