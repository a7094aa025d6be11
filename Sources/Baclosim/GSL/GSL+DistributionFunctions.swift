@preconcurrency import CGSL

/// The distribution functions Baclosim takes from GSL (`gsl_cdf.h`, `gsl_randist.h`), under
/// Swift names, so that this folder is the only code that imports GSL. Parameters as GSL's:
/// scale (not rate) for the gamma, µ and σ of the log for the lognormal, σ (not σ²) for the
/// Gaussian.
extension GSL {
    /// F⁻¹(p) of Beta(a, b).
    static func betaQuantile(_ p: Double, a: Double, b: Double) -> Double { gsl_cdf_beta_Pinv(p, a, b) }
    /// F⁻¹(p) of Gamma(shape, scale).
    static func gammaQuantile(_ p: Double, shape: Double, scale: Double) -> Double { gsl_cdf_gamma_Pinv(p, shape, scale) }
    /// F⁻¹(p) of a lognormal with log-mean `mu` and log-SD `sigma`.
    static func lognormalQuantile(_ p: Double, mu: Double, sigma: Double) -> Double { gsl_cdf_lognormal_Pinv(p, mu, sigma) }
    /// F⁻¹(p) of a Gaussian with mean 0 and SD `sigma`.
    static func gaussianQuantile(_ p: Double, sigma: Double) -> Double { gsl_cdf_gaussian_Pinv(p, sigma) }
    /// F⁻¹(p) of the uniform distribution on [lower, upper].
    static func flatQuantile(_ p: Double, lower: Double, upper: Double) -> Double { gsl_cdf_flat_Pinv(p, lower, upper) }

    /// P(X ≤ x) of Beta(a, b).
    static func betaCDF(_ x: Double, a: Double, b: Double) -> Double { gsl_cdf_beta_P(x, a, b) }
    /// P(X ≤ x) of Gamma(shape, scale).
    static func gammaCDF(_ x: Double, shape: Double, scale: Double) -> Double { gsl_cdf_gamma_P(x, shape, scale) }
    /// P(X ≤ x) of a lognormal with log-mean `mu` and log-SD `sigma`.
    static func lognormalCDF(_ x: Double, mu: Double, sigma: Double) -> Double { gsl_cdf_lognormal_P(x, mu, sigma) }
    /// P(X ≤ x) of a Gaussian with mean 0 and SD `sigma`.
    static func gaussianCDF(_ x: Double, sigma: Double) -> Double { gsl_cdf_gaussian_P(x, sigma) }
    /// P(X ≤ x) of the uniform distribution on [lower, upper].
    static func flatCDF(_ x: Double, lower: Double, upper: Double) -> Double { gsl_cdf_flat_P(x, lower, upper) }
    /// Φ(z), the standard normal CDF.
    static func standardNormalCDF(_ z: Double) -> Double { gsl_cdf_ugaussian_P(z) }

    /// P(T > t) of Student's t with `df` degrees of freedom.
    static func tUpperTail(_ t: Double, df: Double) -> Double { gsl_cdf_tdist_Q(t, df) }
    /// The t with P(T > t) = q, Student's t with `df` degrees of freedom.
    static func tUpperQuantile(_ q: Double, df: Double) -> Double { gsl_cdf_tdist_Qinv(q, df) }
    /// P(X = k) of the hypergeometric distribution: `k` successes in `draws` drawn without
    /// replacement from `successes` successes and `failures` failures.
    static func hypergeometricPDF(_ k: UInt32, successes: UInt32, failures: UInt32, draws: UInt32) -> Double {
        gsl_ran_hypergeometric_pdf(k, successes, failures, draws)
    }
}
