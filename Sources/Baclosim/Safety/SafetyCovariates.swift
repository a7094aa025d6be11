/// The subject characteristics that change side-effect susceptibility.
///
/// docs/model.md#9-side-effects: susceptibility to side effects rises for the elderly, impaired
/// renal function, psychiatric disorder and liver disease. The engine builds one value per
/// subject from the population covariates (identical in every arm); each side effect turns it
/// into a single hazard multiplier once, when its per-subject state is created.
public struct SafetyCovariates: Sendable, Hashable {
    /// Age at day 0, in years.
    public var ageYears: Double
    /// Creatinine clearance, in mL/min.
    public var creatinineClearanceMLPerMin: Double
    /// Psychiatric comorbidity present.
    public var psychiatric: Bool
    /// Any liver disease (compensated or cirrhosis).
    public var liverDisease: Bool

    /// Memberwise initialiser; see the properties for units.
    public init(ageYears: Double, creatinineClearanceMLPerMin: Double, psychiatric: Bool, liverDisease: Bool) {
        self.ageYears = ageYears
        self.creatinineClearanceMLPerMin = creatinineClearanceMLPerMin
        self.psychiatric = psychiatric
        self.liverDisease = liverDisease
    }

    /// A 45-year-old with CrCl 100 mL/min and no comorbidity: every susceptibility multiplier
    /// is 1 (RM-1 has no susceptibility covariates).
    public static let reference = SafetyCovariates(
        ageYears: 45, creatinineClearanceMLPerMin: 100, psychiatric: false, liverDisease: false)
}
