/// A percentage in [0, 100] with a Beta distribution given by its mean and standard deviation,
/// as trials report a baseline share of days (e.g. heavy drinking days 70 ± 20 %): with
/// `m = mean/100`, `v = (sd/100)²` and `κ = m(1 − m)/v − 1`, the share follows Beta(mκ, (1 − m)κ),
/// which has exactly that mean and variance. The value at copula uniform `u` is
/// `100·F⁻¹(u)` (GSL's Beta quantile), so the margin correlates like the others. `sd = 0`
/// gives everyone the mean.
struct BetaPercentMargin: Sendable, Equatable {
    /// Mean, in percent (0 < mean < 100 unless sd = 0).
    var meanPercent: Double
    /// Standard deviation, in percentage points; `sd² < mean·(100 − mean)`.
    var sdPercent: Double

    /// Why the pair is not a Beta distribution, or nil when it is.
    var problem: String? {
        if !(0...100).contains(meanPercent) { return "the mean must lie in 0–100 %" }
        if sdPercent < 0 { return "the standard deviation must be ≥ 0" }
        if sdPercent > 0 && sdPercent * sdPercent >= meanPercent * (100 - meanPercent) {
            return "no Beta distribution on 0–100 % has mean \(meanPercent) and SD \(sdPercent) (the SD must be below √(mean·(100 − mean)))"
        }
        return nil
    }

    /// The Beta shape parameters (α, β) of the share (nil when `sd = 0`).
    var shapes: (alpha: Double, beta: Double)? {
        guard sdPercent > 0 else { return nil }
        let m = meanPercent / 100, v = (sdPercent / 100) * (sdPercent / 100)
        let kappa = m * (1 - m) / v - 1
        return (m * kappa, (1 - m) * kappa)
    }

    /// The percentage at copula uniform `u` ∈ (0, 1).
    func value(uniform u: Double) -> Double {
        guard let (alpha, beta) = shapes else { return meanPercent }
        return 100 * GSL.betaQuantile(min(max(u, 0), 1), a: alpha, b: beta)
    }
}
