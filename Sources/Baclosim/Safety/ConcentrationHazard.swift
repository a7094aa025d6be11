import Foundation

/// A daily hazard that rises with concentration along a sigmoid Emax (Hill) curve:
///
///     h(C) = h0 + Emax·C^γ / (EC50^γ + C^γ)      (per day; C in mg/L)
///
/// Used for side-effect onset (docs/model.md#9-side-effects; RM-1 somnolence is
/// `h = 0.004 + 0.05·Cmax/(Cmax + 0.25)`) and, with a steep γ and no baseline, for toxicity.
public struct ConcentrationHazard: Sendable, Hashable {
    /// `h0`: hazard without drug (per day), e.g. the placebo-arm rate of the symptom.
    public let baselinePerDay: Double
    /// `Emax`: extra hazard at saturating concentration (per day).
    public let maximumDrugHazardPerDay: Double
    /// `EC50`: concentration giving half of `Emax` (mg/L).
    public let ec50MgPerL: Double
    /// `γ`: Hill coefficient (1 = hyperbolic Emax; large values approach a threshold).
    public let hillCoefficient: Double

    /// Creates the curve; see the properties for units. `hillCoefficient` defaults to 1.
    public init(baselinePerDay: Double = 0, maximumDrugHazardPerDay: Double, ec50MgPerL: Double,
                hillCoefficient: Double = 1) {
        self.baselinePerDay = baselinePerDay
        self.maximumDrugHazardPerDay = maximumDrugHazardPerDay
        self.ec50MgPerL = ec50MgPerL
        self.hillCoefficient = hillCoefficient
    }

    /// The drug part `Emax·C^γ/(EC50^γ + C^γ)` (per day) at `concentrationMgPerL`; 0 for C ≤ 0.
    ///
    /// For γ ≠ 1 it is evaluated as `Emax/(1 + (EC50/C)^γ)`, which neither overflows nor gives
    /// ∞/∞ for the steep curves used for toxicity.
    @inline(__always)
    func drugHazardPerDay(concentrationMgPerL c: Double) -> Double {
        guard c > 0 else { return 0 }
        if hillCoefficient == 1 {
            return maximumDrugHazardPerDay * c / (ec50MgPerL + c)
        }
        return maximumDrugHazardPerDay / (1 + pow(ec50MgPerL / c, hillCoefficient))
    }

    /// `h(C) = h0 + drug part` (per day).
    @inline(__always)
    func hazardPerDay(concentrationMgPerL c: Double) -> Double {
        baselinePerDay + drugHazardPerDay(concentrationMgPerL: c)
    }

    /// A curve calibrated to two cumulative incidences over a trial window at constant
    /// exposure: `placeboIncidence` with no drug and `drugIncidence` at `concentrationMgPerL`,
    /// both over `days` days, for a chosen `EC50` and `γ` (which trials cannot identify).
    ///
    /// `h0 = −ln(1 − p0)/D` and `Emax` solves `h0 + Emax·C^γ/(EC50^γ + C^γ) = −ln(1 − p1)/D`.
    /// This is how the defaults derived from trial AE tables (Rolland 2018) are built [D].
    public static func calibrated(placeboIncidence: Double, drugIncidence: Double, overDays days: Double,
                           atConcentrationMgPerL concentration: Double, ec50MgPerL: Double,
                           hillCoefficient: Double = 1) -> ConcentrationHazard {
        let baseline = DailyHazard.constantHazard(cumulativeIncidence: placeboIncidence, overDays: days)
        let total = DailyHazard.constantHazard(cumulativeIncidence: drugIncidence, overDays: days)
        let unitCurve = ConcentrationHazard(maximumDrugHazardPerDay: 1, ec50MgPerL: ec50MgPerL,
                                            hillCoefficient: hillCoefficient)
        let fraction = unitCurve.drugHazardPerDay(concentrationMgPerL: concentration)
        return ConcentrationHazard(baselinePerDay: baseline,
                                   maximumDrugHazardPerDay: (total - baseline) / fraction,
                                   ec50MgPerL: ec50MgPerL, hillCoefficient: hillCoefficient)
    }
}
