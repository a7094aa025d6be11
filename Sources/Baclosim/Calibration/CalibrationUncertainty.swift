import Foundation

/// The uncertainty of calibrated parameters from the curvature of the objective at the fit.
///
/// The objective `Σ w·z²` standardises each target's error by its published 95 % half-width
/// `h ≈ 1.96·σ`, so `½·1.96²·Σ w·z²` is a Gaussian negative log-likelihood of the targets, and the
/// observed information in the minimiser's coordinates `y` (the parameters' logit transforms,
/// ``ParameterTransform``) is `I = ½·1.96²·∇²(Σ w·z²)`. Its inverse is the covariance of `y`
/// (Laplace approximation); intervals are `y ± 1.96·σ_y` mapped back through the transform, so
/// they stay inside the bounds, and the value-scale covariance is the delta method's
/// `J·I⁻¹·J` (`J = dvalue/dy`). The Hessian is taken by central differences with step
/// ``step`` in `y` (wide enough to see through the small steps that discrete outcomes give a
/// common-random-number objective). A Hessian that is not positive definite (a parameter the
/// targets do not identify) gives no covariance, and says so.
public struct CalibrationUncertainty: Sendable {
    /// The parameters it covers (indices in `parameters:` order), the fit's free ones.
    public var free: [Int]
    /// Parameter values at the fit (all parameters).
    public var values: [Double]
    /// The transforms of all parameters.
    public var transforms: [ParameterTransform]
    /// Finite-difference step in the transformed coordinates.
    public var step: Double
    /// Covariance of the free parameters' transformed coordinates, row-major; nil with ``problem``.
    public var transformedCovariance: [Double]?
    /// Why there is no covariance.
    public var problem: String?
    /// The parameters whose own curvature is not positive (indices in `parameters:` order), when
    /// there is no covariance.
    public var unidentified: [Int] = []

    /// The default finite-difference step: 0.2 in logit units moves a mid-range value by
    /// about 5 % of its range.
    public static let defaultStep = 0.2

    /// `½·1.96²`: from `Σ w·z²` to a negative log-likelihood.
    static let informationScale = 0.5 * 1.96 * 1.96

    /// Estimates the uncertainty of the `free` parameters at `values` by differencing
    /// `objective` (a function of all parameter values) around them: `2n + 2n(n − 1)`
    /// evaluations for n free parameters.
    static func estimate(at values: [Double], free: [Int], transforms: [ParameterTransform], step: Double = defaultStep,
                         objective: ([Double]) throws -> Double) throws -> CalibrationUncertainty {
        var result = CalibrationUncertainty(free: free, values: values, transforms: transforms, step: step)
        let n = free.count
        guard n > 0 else { return result }
        let y0 = free.map { transforms[$0].unbounded(values[$0]) }
        func f(_ shifts: [(Int, Double)]) throws -> Double {
            var v = values
            for (k, d) in shifts { v[free[k]] = transforms[free[k]].bounded(y0[k] + d) }
            return try objective(v)
        }
        let center = try f([])
        var hessian = Array(repeating: 0.0, count: n * n)
        for i in 0..<n {
            let plus = try f([(i, step)]), minus = try f([(i, -step)])
            hessian[i * n + i] = (plus - 2 * center + minus) / (step * step)
            for j in 0..<i {
                let pp = try f([(i, step), (j, step)]), pm = try f([(i, step), (j, -step)])
                let mp = try f([(i, -step), (j, step)]), mm = try f([(i, -step), (j, -step)])
                let h = (pp - pm - mp + mm) / (4 * step * step)
                hessian[i * n + j] = h
                hessian[j * n + i] = h
            }
        }
        let information = hessian.map { $0 * informationScale }
        do {
            let factor = try CholeskyFactor(covariance: information, dimension: n)
            result.transformedCovariance = Self.inverse(lower: factor.lower, dimension: n)
        } catch {
            let flat = (0..<n).filter { hessian[$0 * n + $0] <= 0 }
            result.unidentified = flat.map { free[$0] }
            result.problem = "the objective's curvature at the fit is not positive definite: "
                + (flat.isEmpty ? "a combination of the parameters is not identified by the targets"
                                : "\(flat.count == 1 ? "parameter" : "parameters") \(flat.map { "#\(free[$0] + 1)" }.joined(separator: ", ")) (in parameters: order) \(flat.count == 1 ? "is" : "are") not identified by the targets (no curvature)")
                + "; no covariance"
        }
        return result
    }

    /// `(L·Lᵀ)⁻¹ = L⁻ᵀ·L⁻¹` for a lower-triangular `L` (row-major), by forward substitution.
    static func inverse(lower l: [Double], dimension n: Int) -> [Double] {
        var inv = Array(repeating: 0.0, count: n * n)   // L⁻¹, lower triangular
        for column in 0..<n {
            for row in column..<n {
                var sum = row == column ? 1.0 : 0.0
                for k in column..<row { sum -= l[row * n + k] * inv[k * n + column] }
                inv[row * n + column] = sum / l[row * n + row]
            }
        }
        var result = Array(repeating: 0.0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var sum = 0.0
                for k in max(i, j)..<n { sum += inv[k * n + i] * inv[k * n + j] }
                result[i * n + j] = sum
            }
        }
        return result
    }

    /// dvalue/dy of parameter `p` at the fit (central difference).
    private func slope(_ p: Int) -> Double {
        let t = transforms[p], y = t.unbounded(values[p]), e = 1e-5
        return (t.bounded(y + e) - t.bounded(y - e)) / (2 * e)
    }

    /// The standard deviation of parameter `p`'s transformed coordinate, if covered.
    public func transformedSD(of p: Int) -> Double? {
        guard let k = free.firstIndex(of: p), let c = transformedCovariance else { return nil }
        return c[k * free.count + k].squareRoot()
    }

    /// The delta-method standard error of parameter `p`'s value, if covered.
    public func standardError(of p: Int) -> Double? {
        transformedSD(of: p).map { $0 * abs(slope(p)) }
    }

    /// The 95 % interval of parameter `p`: `y ± 1.96·σ_y` mapped back (inside the bounds).
    public func interval(of p: Int) -> ClosedRange<Double>? {
        guard let sd = transformedSD(of: p) else { return nil }
        let t = transforms[p], y = t.unbounded(values[p])
        return t.bounded(y - 1.96 * sd)...t.bounded(y + 1.96 * sd)
    }

    /// The correlation of parameters `a` and `b` (the same on both scales to first order).
    public func correlation(_ a: Int, _ b: Int) -> Double? {
        guard let i = free.firstIndex(of: a), let j = free.firstIndex(of: b), let c = transformedCovariance else { return nil }
        let n = free.count
        return c[i * n + j] / (c[i * n + i] * c[j * n + j]).squareRoot()
    }
}
