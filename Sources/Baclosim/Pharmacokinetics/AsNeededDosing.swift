/// Targeted ("as needed") dosing: one dose on a day the subject expects to drink, taken at the
/// regimen's single dose time, instead of a fixed daily schedule — nalmefene's licensed
/// regimen ("one tablet on each day the patient perceives a risk of drinking, 1–2 hours before
/// drinking if possible, at most one a day", Selincro SmPC 4.2, docs/sources.md#nalmefene).
///
/// Each day, before its dose (docs/model.md §4):
/// 1. *Expects to drink*: with probability `p`, the drinking model's probability of a drinking
///    day today from the subject's own state and today's craving, without any drug effect or
///    hazard ratio (the risk as the subject perceives it, not the drug's answer to it): a
///    uniform `u₁ < p` of the as-needed stream (its own purpose, so every arm reads the same
///    numbers). The dose is then *indicated* (prescribed) that day.
/// 2. *Takes it*: with probability ``takeProbability`` on an indicated day (`u₂ < q`), the
///    regimen's own adherence; the scenario's scheduled-dose adherence does not apply.
///
/// The indicated dose follows the regimen's other rules (renal rule, cap, reduction after an
/// intolerable side effect, an early stop, planned interruptions).
public struct AsNeededDosing: Sendable, Equatable {
    /// The dose taken on a day it is taken (mg).
    public var doseMg: Double
    /// Probability of taking the dose on a day it is indicated, in [0, 1].
    public var takeProbability: Double

    public init(doseMg: Double, takeProbability: Double = 1) {
        self.doseMg = doseMg
        self.takeProbability = takeProbability
    }
}
