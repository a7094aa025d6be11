/// Liver function category, for covariate effects on hepatically cleared drugs and for
/// side-effect susceptibility.
public enum LiverFunction: String, Sendable, CaseIterable {
    /// No known liver disease.
    case none
    /// Compensated liver disease (e.g. Child–Pugh A).
    case compensated
    /// Cirrhosis (decompensated, e.g. Child–Pugh B–C), as in Addolorato 2007's population.
    case cirrhosis
}

/// The subject characteristics that PK covariate effects read.
public struct PKCovariates: Sendable, Equatable {
    /// Biological sex.
    public enum Sex: String, Sendable, CaseIterable {
        case female
        case male
    }

    /// Body weight (kg).
    public var weightKg: Double
    /// Creatinine clearance (mL/min), e.g. Cockcroft–Gault.
    public var creatinineClearanceMLPerMin: Double
    /// Age (years).
    public var ageYears: Double
    /// Liver function category.
    public var liver: LiverFunction
    /// Sex.
    public var sex: Sex

    /// Creates a covariate set.
    public init(weightKg: Double, creatinineClearanceMLPerMin: Double, ageYears: Double,
                liver: LiverFunction = .none, sex: Sex) {
        self.weightKg = weightKg
        self.creatinineClearanceMLPerMin = creatinineClearanceMLPerMin
        self.ageYears = ageYears
        self.liver = liver
        self.sex = sex
    }

    /// A reference adult: 70 kg, CrCl 100 mL/min, 45 years, no liver disease, male. Every default
    /// covariate effect in the drug library equals 1 here (reference weight 70 kg, reference
    /// CrCl 100 mL/min, docs/sources.md#d-renal-covariate), except age effects, which name their own reference age.
    public static let reference = PKCovariates(
        weightKg: 70, creatinineClearanceMLPerMin: 100, ageYears: 45, liver: .none, sex: .male)

    /// The value of a continuous covariate.
    public func value(of covariate: CovariateEffect.Covariate) -> Double {
        switch covariate {
        case .weight: weightKg
        case .creatinineClearance: creatinineClearanceMLPerMin
        case .age: ageYears
        }
    }
}
