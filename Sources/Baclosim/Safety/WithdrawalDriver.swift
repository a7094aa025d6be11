import Foundation

/// What the withdrawal adaptation `A` follows for one drug: the level `E_w` (0…1 or 0…Emax)
/// fed to ``WithdrawalState/advance(_:effect:doseTakenToday:u:uSeverity:)`` each day.
///
/// Baclofen's withdrawal follows its effect in the AUD model (the craving effect `E` of the
/// arm's pharmacodynamics, docs/model.md#10-drug-withdrawal-and-toxicity). A benzodiazepine or an opioid agonist has no
/// craving effect there, so its withdrawal cannot follow `E`: it follows an occupancy of its
/// own receptor, `C^γ/(C^γ + EC50^γ)` on the drug's daily `Cavg` or `Cmax` (mg/L of that
/// drug), with the drug's own EC50. The adaptation, threshold and tiers are then in occupancy
/// units (0…1). All occupancy parameters are assumptions, labelled in the drug files.
public enum WithdrawalDriver: Sendable, Hashable {
    /// The arm's craving effect `E` (the default; RM-1 and the scenario-level block).
    /// Scenario value `craving_effect`.
    case cravingEffect
    /// Receptor occupancy `C^γ/(C^γ + EC50^γ)` on `exposure` (mg/L of the drug).
    /// Scenario value `{kind: occupancy, exposure: cavg, ec50_mg_per_L: …, hill: 1}`.
    case occupancy(exposure: SafetyExposureDriver, ec50MgPerL: Double, hill: Double)

    /// The day's level `E_w` for this driver: `effect` for ``cravingEffect``, else the
    /// occupancy at the day's `Cavg` or `Cmax` (mg/L).
    @inline(__always)
    func level(effect: Double, cmaxMgPerL: Double, cavgMgPerL: Double) -> Double {
        switch self {
        case .cravingEffect:
            return effect
        case .occupancy(let exposure, let ec50, let hill):
            let c = exposure.concentrationMgPerL(cmaxMgPerL: cmaxMgPerL, cavgMgPerL: cavgMgPerL)
            guard c > 0 else { return 0 }
            if hill == 1 { return c / (c + ec50) }
            let ratio = Foundation.pow(c / ec50, hill)
            return ratio / (1 + ratio)
        }
    }

    /// A short description for messages (`craving effect`, `occupancy of cavg, EC50 0.1 mg/L`).
    var summary: String {
        switch self {
        case .cravingEffect: "the craving effect"
        case .occupancy(let exposure, let ec50, _):
            "occupancy of \(exposure.rawValue), EC50 \(ParameterProblem.formatNumber(ec50)) mg/L"
        }
    }
}
