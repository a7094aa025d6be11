import Foundation

/// A reported craving score (OCDS-like, 0…`maximum`) as a monotone map of latent craving:
///   `score = maximum·(1 − e^{−max(x, 0)/scale})`.
/// Zero at x ≤ 0, concave, saturating at `maximum`; `scale` is the latent value at which the
/// score reaches 63% of the maximum. The OCDS (Anton et al. 1995) has 14 items scored 0–4
/// (range 0–40 when the two items of question 1 are counted once); this map is an assumption
/// for reporting, not a calibrated link.
struct CravingScore: Sendable, Equatable {
    /// Upper end of the score (40 for the OCDS).
    var maximum: Double = 40
    /// Latent craving scale (RM-1's median baseline μ = 1 maps to 40(1 − e^{−1/scale})).
    var scale: Double = 1.5

    /// The score for latent craving `x`.
    func score(craving x: Double) -> Double {
        maximum * -expm1(-max(x, 0) / scale)
    }
}
