import Foundation

/// Which daily exposure drives the drug effect (docs/model.md#5-drug-effect).
enum ExposureMeasure: String, Sendable, Equatable {
    /// `Cavg_d`: exact AUC over the day / 24 h (mg/L).
    case averageConcentration
    /// `Cmax_d` (mg/L).
    case peakConcentration
    /// Effect-site concentration `Ce` (mg/L), linked to the plasma by `ke0` (see `EffectSiteLink`).
    case effectSite
    /// The inactivated enzyme fraction `I` (0–1) of an irreversible inhibitor, driven by `Cavg_d`
    /// (see `EnzymeInactivation`); the effect model then reads `I` in place of a concentration.
    case enzymeInactivation
}

/// A sigmoid Emax model, `E = Emax·C^γ/(EC50^γ + C^γ)` (the Hill equation; γ = 1 is the
/// hyperbolic Emax model). RM-1: `E = 0.70·Cavg/(0.20 + Cavg)`.
struct EffectModel: Sendable, Equatable {
    /// Maximum effect (fraction of craving removed at saturation; RM-1 0.70).
    var emax: Double
    /// Concentration at half the maximum effect, mg/L (RM-1 0.20). With
    /// `ExposureMeasure.enzymeInactivation` the driver is the inactivated fraction, and this is
    /// the fraction of half-maximal effect (dimensionless, scenario key
    /// `ec50_inactivated_fraction`).
    var ec50MgPerL: Double
    /// Hill coefficient γ (1 = hyperbolic).
    var hill: Double = 1

    /// No effect at any concentration (placebo, non-responders by default).
    static let none = EffectModel(emax: 0, ec50MgPerL: 1)

    /// Effect at concentration `c` (mg/L, ≥ 0). γ = 1 is computed as `Emax·C/(EC50 + C)` with
    /// no powers (the RM-1 expression, bit for bit).
    func effect(concentrationMgPerL c: Double) -> Double {
        guard c > 0 else { return 0 }
        if hill == 1 { return emax * c / (ec50MgPerL + c) }
        let ratio = pow(c / ec50MgPerL, hill)
        return emax * ratio / (1 + ratio)
    }
}

/// The drug-effect layer: exposure measure and a responder / non-responder mixture (a
/// published baclofen PK/PD analysis found a responder subpopulation; docs/model.md#5-drug-effect).
struct PharmacodynamicModel: Sendable, Equatable {
    /// Exposure the effect reads.
    var exposure: ExposureMeasure = .averageConcentration
    /// Effect in responders.
    var responder: EffectModel
    /// Effect in non-responders (`EffectModel.none` = no effect).
    var nonResponder: EffectModel = .none
    /// P(responder); 1 = everyone responds (RM-1).
    var responderProbability: Double = 1
    /// Irreversible enzyme inactivation driving the effect (with `exposure ==
    /// .enzymeInactivation`); nil otherwise.
    var inactivation: EnzymeInactivation? = nil

    /// The subject's effect model: responder iff `u < responderProbability`. Draw `u` once per
    /// subject from its own stream (the same in every arm).
    func effectModel(responderUniform u: Double) -> EffectModel {
        u < responderProbability ? responder : nonResponder
    }
}
