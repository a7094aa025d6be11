import Foundation

/// Discrete draws by inversion of one caller-supplied uniform: the smallest `n` with
/// `F(n) ≥ u`, found by summing the pmf term by term from 0 (or from far below the mode).
///
/// Inversion makes the count a monotone function of `u` and of the mean, so arms that share
/// `u` but differ in the mean stay coupled (common random numbers): a lower mean never gives a
/// larger count. It is how RM-1's reference implementations draw the drink count (SciPy's
/// `poisson.ppf(u, λ)` and a sequential pmf sum in the Numba coding).
enum DiscreteInversion {
    /// Means above this start the pmf sum at `λ − 10√λ` (in log space) instead of 0, where
    /// `e^{−λ}` would underflow; the skipped mass is below 1e-22.
    static let farStartMean = 500.0

    /// `Poisson(mean)` by inversion of `u`.
    /// - Parameters:
    ///   - u: uniform in (0, 1).
    ///   - mean: λ ≥ 0 (λ = 0 gives 0).
    /// - Returns: the smallest `n` with `P(N ≤ n) ≥ u`. If rounding saturates the running CDF
    ///   below `u` (u within ~1e-16 of 1) the last `n` reached is returned.
    /// - Complexity: O(λ + 1) expected; allocation-free.
    static func poisson(uniform u: Double, mean lambda: Double) -> Int {
        assert(u >= 0 && u <= 1, "uniform out of range")
        guard lambda > 0 else { return 0 }
        var n = 0
        var p: Double
        if lambda < farStartMean {
            p = exp(-lambda)
        } else {
            n = Int(lambda - 10 * lambda.squareRoot())
            p = exp(-lambda + Double(n) * log(lambda) - lgamma(Double(n) + 1))
        }
        var cdf = p
        while cdf < u {
            n += 1
            p *= lambda / Double(n)
            let next = cdf + p
            if next == cdf { break }
            cdf = next
        }
        return n
    }

    /// Negative binomial count with mean `mean` and dispersion (size) `r` by inversion of `u`:
    /// variance `mean + mean²/r`; `r → ∞` tends to Poisson.
    /// pmf(0) = (r/(r+μ))^r, pmf(n+1) = pmf(n)·(n + r)/(n + 1)·μ/(r + μ).
    /// - Parameters:
    ///   - u: uniform in (0, 1).
    ///   - mean: μ ≥ 0.
    ///   - dispersion: r > 0.
    static func negativeBinomial(uniform u: Double, mean: Double, dispersion r: Double) -> Int {
        assert(u >= 0 && u <= 1, "uniform out of range")
        assert(r > 0, "dispersion must be positive")
        guard mean > 0 else { return 0 }
        let q = mean / (r + mean)
        var n = 0
        var logP0 = -r * log1p(mean / r)
        if logP0 < -700 {
            // Start far below the mode: sd = √(μ + μ²/r).
            let sd = (mean + mean * mean / r).squareRoot()
            n = max(0, Int(mean - 10 * sd))
            let k = Double(n)
            logP0 = lgamma(k + r) - lgamma(r) - lgamma(k + 1) + r * log(r / (r + mean)) + k * log(q)
        }
        var p = exp(logP0)
        var cdf = p
        while cdf < u {
            p *= (Double(n) + r) / Double(n + 1) * q
            n += 1
            let next = cdf + p
            if next == cdf { break }
            cdf = next
        }
        return n
    }

    /// `Binomial(trials, probability)` by inversion of `u`.
    /// pmf(0) = (1 − p)^n, pmf(k+1) = pmf(k)·(n − k)/(k + 1)·p/(1 − p).
    static func binomial(uniform u: Double, trials: Int, probability p: Double) -> Int {
        assert(u >= 0 && u <= 1, "uniform out of range")
        if p <= 0 || trials <= 0 { return 0 }
        if p >= 1 { return trials }
        let odds = p / (1 - p)
        var pmf = exp(Double(trials) * log1p(-p))
        var cdf = pmf
        var k = 0
        while cdf < u && k < trials {
            pmf *= Double(trials - k) / Double(k + 1) * odds
            k += 1
            cdf += pmf
        }
        return k
    }
}
