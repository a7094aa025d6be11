import Foundation

/// Latent craving as an Ornstein–Uhlenbeck process `dx = θ(m − x)dt + σ dW`, advanced exactly
/// over one day (docs/model.md#6-craving):
///   `x_{d+1} = m_d + (x_d − m_d)·e^{−θ} + σ·√((1 − e^{−2θ})/(2θ))·z_d`.
/// The conditional mean is `m + (x − m)e^{−θ}` and the variance `σ²(1 − e^{−2θ})/(2θ)`, exact for
/// a mean held constant over the day. RM-1: θ = 0.25 /day, σ = 0.35.
struct CravingProcess: Sendable, Equatable {
    /// Mean-reversion rate θ, per day.
    let reversionPerDay: Double
    /// Volatility σ, per √day.
    let volatility: Double
    /// `e^{−θ}`, cached.
    let decay: Double
    /// `σ·√((1 − e^{−2θ})/(2θ))` (σ at θ = 0: a random walk), cached.
    let noiseSD: Double

    /// - Parameters:
    ///   - reversionPerDay: θ ≥ 0.
    ///   - volatility: σ ≥ 0.
    init(reversionPerDay theta: Double, volatility sigma: Double) {
        precondition(theta >= 0 && sigma >= 0, "θ and σ must be non-negative")
        reversionPerDay = theta
        volatility = sigma
        decay = exp(-theta)
        noiseSD = theta > 0 ? sigma * (-expm1(-2 * theta) / (2 * theta)).squareRoot() : sigma
    }

    /// One day's exact step: two multiply–adds.
    /// - Parameters:
    ///   - x: craving today.
    ///   - mean: today's mean `m_d` (see `CravingMeanModel`).
    ///   - normal: a standard normal `z_d` from the subject's craving stream.
    /// - Returns: craving tomorrow (before any cue jump).
    @inline(__always)
    func advance(_ x: Double, mean: Double, normal z: Double) -> Double {
        mean + (x - mean) * decay + noiseSD * z
    }
}
