/// CDFs and inverse CDFs for the Gaussian copula of correlated PSA draws and for bounded
/// covariate margins (``BoundedDistribution``), from GSL's `gsl_cdf.h` (through ``GSL``).
extension ParameterDistribution {
    /// The p-quantile F⁻¹(p), p in (0, 1). Each case says which GSL function it calls;
    /// triangular is closed form.
    ///
    /// GSL's error handler is off (`GSL.configure()`), so a quantile GSL cannot compute comes
    /// back as NaN; `PSAParameterSet` checks every draw is finite.
    public func quantile(_ p: Double) -> Double {
        GSL.configure()
        switch self {
        case .fixed(let value):
            return value
        case .beta(let a, let b):
            return GSL.betaQuantile(p, a: a, b: b)
        case .gamma(let shape, let scale):
            return GSL.gammaQuantile(p, shape: shape, scale: scale)
        case .lognormal(let mu, let sigma):
            return GSL.lognormalQuantile(p, mu: mu, sigma: sigma)
        case .normal(let mean, let sd):
            return mean + GSL.gaussianQuantile(p, sigma: sd)
        case .uniform(let lower, let upper):
            return GSL.flatQuantile(p, lower: lower, upper: upper)
        case .triangular(let lower, let mode, let upper):
            return Self.triangularQuantile(p, lower: lower, mode: mode, upper: upper)
        case .empirical(let values, let probabilities):
            return Self.empiricalQuantile(p, values: values, probabilities: probabilities)
        }
    }

    /// The CDF F(x) = P(X ≤ x), from GSL's `gsl_cdf_*_P`; triangular and fixed are closed form.
    /// F(−∞) = 0 and F(+∞) = 1 for every case.
    public func cdf(_ x: Double) -> Double {
        GSL.configure()
        if x == -.infinity { return 0 }
        if x == .infinity { return 1 }
        switch self {
        case .fixed(let value):
            return x < value ? 0 : 1
        case .beta(let a, let b):
            return x <= 0 ? 0 : x >= 1 ? 1 : GSL.betaCDF(x, a: a, b: b)
        case .gamma(let shape, let scale):
            return x <= 0 ? 0 : GSL.gammaCDF(x, shape: shape, scale: scale)
        case .lognormal(let mu, let sigma):
            return x <= 0 ? 0 : GSL.lognormalCDF(x, mu: mu, sigma: sigma)
        case .normal(let mean, let sd):
            return GSL.gaussianCDF(x - mean, sigma: sd)
        case .uniform(let lower, let upper):
            return GSL.flatCDF(x, lower: lower, upper: upper)
        case .triangular(let a, let c, let b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            if x < c { return (x - a) * (x - a) / ((b - a) * (c - a)) }
            return 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        case .empirical(let values, let probabilities):
            return zip(values, probabilities).reduce(0) { $1.0 <= x ? $0 + $1.1 : $0 }
        }
    }

    /// P(X < x): the CDF just below `x`; differs from ``cdf(_:)`` only at the values of an
    /// empirical distribution (a truncation's lower bound keeps a value equal to it).
    public func cdfBelow(_ x: Double) -> Double {
        if case .empirical(let values, let probabilities) = self {
            return zip(values, probabilities).reduce(0) { $1.0 < x ? $0 + $1.1 : $0 }
        }
        return cdf(x)
    }

    /// Φ(z), the standard normal CDF (`gsl_cdf_ugaussian_P`).
    static func standardNormalCDF(_ z: Double) -> Double {
        GSL.standardNormalCDF(z)
    }
}
