import Foundation

/// Maps a bounded parameter `lower < x < upper` to an unbounded coordinate `y` for an
/// unconstrained minimiser (Nelder–Mead), and back.
///
/// `y = logit((g(x) − g(lower)) / (g(upper) − g(lower)))` with `g` the identity (linear scale) or
/// `ln` (log scale, `lower > 0`). The inverse maps every real `y` strictly inside the bounds, so
/// the minimiser can never propose an out-of-range value.
public struct ParameterTransform: Sendable, Equatable {
    /// Lower bound.
    public var lower: Double
    /// Upper bound (> lower).
    public var upper: Double
    /// Whether the position between the bounds is measured on log(x).
    public var isLogScale: Bool

    /// Creates the transform; `lower < upper` (and `lower > 0` on the log scale) are the
    /// caller's to check (the scenario decoder does).
    public init(lower: Double, upper: Double, isLogScale: Bool) {
        assert(lower < upper && (!isLogScale || lower > 0), "invalid bounds")
        self.lower = lower
        self.upper = upper
        self.isLogScale = isLogScale
    }

    private func g(_ x: Double) -> Double { isLogScale ? log(x) : x }
    private func gInverse(_ u: Double) -> Double { isLogScale ? exp(u) : u }

    /// The unbounded coordinate of `x` (strictly inside the bounds).
    public func unbounded(_ x: Double) -> Double {
        let t = (g(x) - g(lower)) / (g(upper) - g(lower))
        return log(t / (1 - t))
    }

    /// The value at unbounded coordinate `y`, clamped into the bounds against rounding.
    public func bounded(_ y: Double) -> Double {
        let t = 1 / (1 + exp(-y))
        let x = gInverse(g(lower) + t * (g(upper) - g(lower)))
        return min(max(x, lower), upper)
    }
}
