import Foundation

/// A continuous covariate's margin, read at its coordinate `y` of the Gaussian copula. Every
/// continuous covariate (age aside, ``AgeDistribution``) takes the same two forms:
/// - `{median, log_sd, lower, upper}`: a lognormal clamped to `[lower, upper]`
///   (``LogNormalMargin``, RM-1's form, computed as RM-1 specifies);
/// - `{distribution: NAME, …}`: any distribution of the PSA vocabulary (beta, gamma, lognormal,
///   normal, uniform, triangular, fixed; mean and se or native parameters, as in `psa:`), read
///   by its quantile at `Φ(y)` and bounded by `lower`/`upper`, truncated (the default: no one
///   piles up at a bound) or clamped (``BoundedDistribution``).
enum CovariateMargin: Sendable, Equatable {
    /// The clamped lognormal shorthand.
    case lognormal(LogNormalMargin)
    /// A distribution of the shared vocabulary, bounded.
    case distribution(BoundedDistribution)

    /// Everyone has `value` (a lognormal with no spread: exactly `value`).
    static func fixed(_ value: Double) -> CovariateMargin {
        .lognormal(LogNormalMargin(median: value, logSD: 0))
    }

    /// The value at correlated normal `y`.
    func value(normal y: Double) -> Double {
        switch self {
        case .lognormal(let margin): margin.value(normal: y)
        case .distribution(let bounded): bounded.value(uniform: StandardNormalDistribution.cdf(y))
        }
    }
}

/// A ``ParameterDistribution`` restricted to `[lower, upper]`: truncated (inverted on the
/// restricted probability range, `F⁻¹(F(lower⁻) + u·(F(upper) − F(lower⁻)))`, both bounds kept
/// for an empirical distribution) or clamped
/// (`min(upper, max(lower, F⁻¹(u)))`, which puts the tails' mass on the bounds).
struct BoundedDistribution: Sendable, Equatable {
    /// The distribution before bounding.
    let distribution: ParameterDistribution
    /// The bounds, in the covariate's unit (infinite for none).
    let lower: Double
    let upper: Double
    /// Truncate (true) or clamp (false).
    let truncates: Bool
    /// F(lower) and F(upper), computed once.
    let probabilityBelowLower: Double
    let probabilityBelowUpper: Double

    init(_ distribution: ParameterDistribution, lower: Double = -.infinity, upper: Double = .infinity, truncates: Bool = true) {
        self.distribution = distribution
        self.lower = lower
        self.upper = upper
        self.truncates = truncates
        probabilityBelowLower = distribution.cdfBelow(lower)
        probabilityBelowUpper = distribution.cdf(upper)
    }

    /// The probability the unbounded distribution gives `[lower, upper]`; a truncation needs
    /// some (validation asks for more than 10⁻⁹).
    var mass: Double { probabilityBelowUpper - probabilityBelowLower }

    /// The value at uniform `u` in (0, 1).
    func value(uniform u: Double) -> Double {
        let p = truncates ? probabilityBelowLower + u * (probabilityBelowUpper - probabilityBelowLower) : u
        return min(upper, max(lower, distribution.quantile(p)))
    }
}
