import Foundation

/// One multiplicative covariate effect on a PK parameter: `P_i = TV × Π effects × exp(η_i)`.
/// Each effect equals 1 at its reference, so the typical value stays the value of the reference
/// subject.
public enum CovariateEffect: Sendable, Equatable {
    /// A continuous covariate an effect can read.
    public enum Covariate: String, Sendable, CaseIterable {
        /// Body weight (kg); scenario name `weight_kg`.
        case weight = "weight_kg"
        /// Creatinine clearance (mL/min); scenario name `crcl_mL_per_min`.
        case creatinineClearance = "crcl_mL_per_min"
        /// Age (years); scenario name `age_years`.
        case age = "age_years"
    }

    /// `(x / reference)^exponent`, e.g. allometric weight on clearance `(WT/70)^0.75`, on volume
    /// `(WT/70)^1`.
    case power(Covariate, reference: Double, exponent: Double)
    /// `max(0, 1 + slope × (x − reference))`: a linear change per unit of the covariate (per year
    /// of age, per kg, per mL/min). Floored at 0 so an extreme covariate cannot make the
    /// parameter negative.
    case linear(Covariate, reference: Double, slopePerUnit: Double)
    /// Renal split of clearance: `CL = CLnr + CLr × CrCl/reference` with `CLr = fe × TV` and
    /// `CLnr = (1 − fe) × TV`, i.e. a factor `(1 − fe) + fe × CrCl/reference` (never below 0).
    /// For baclofen renal clearance tracks creatinine clearance (Wuis 1989 [V]); fe 0.57 from
    /// Kochak's CLr/CL = 103/180, 0.70 from Wuis (docs/sources.md#d-renal-covariate [D]).
    case renal(renalFraction: Double, referenceCrClMLPerMin: Double)
    /// A multiplier per liver-function category (1 for ``LiverFunction/none``).
    case liver(compensated: Double, cirrhosis: Double)
    /// A multiplier for women (1 for men).
    case sex(female: Double)

    /// The effect's factor for `covariates`.
    ///
    /// - Complexity: O(1); no allocation.
    public func multiplier(for covariates: PKCovariates) -> Double {
        switch self {
        case .power(let covariate, let reference, let exponent):
            return pow(covariates.value(of: covariate) / reference, exponent)
        case .linear(let covariate, let reference, let slope):
            return max(0, 1 + slope * (covariates.value(of: covariate) - reference))
        case .renal(let fe, let referenceCrCl):
            return max(0, (1 - fe) + fe * covariates.creatinineClearanceMLPerMin / referenceCrCl)
        case .liver(let compensated, let cirrhosis):
            switch covariates.liver {
            case .none: return 1
            case .compensated: return compensated
            case .cirrhosis: return cirrhosis
            }
        case .sex(let female):
            return covariates.sex == .female ? female : 1
        }
    }

    /// The scenario name of the effect kind (`power`, `linear`, `renal`, `liver`, `sex`).
    public var kindName: String {
        switch self {
        case .power: "power"
        case .linear: "linear"
        case .renal: "renal"
        case .liver: "liver"
        case .sex: "sex"
        }
    }
}
