import Foundation

/// Baseline hazard of a daily event as a function of elapsed days `t` on its clock (time in
/// state or study day), given by its cumulative hazard `H(t)`.
///
/// The hazard used for day `τ` (τ = 0 on the first day) is the integrated hazard over the day,
/// `H(τ + 1) − H(τ)`, so that with no multipliers `P(no event in days 0…t−1) = e^{−H(t)}`
/// exactly: the daily process reproduces the continuous survival function at whole days.
enum BaselineHazard: Sendable, Equatable {
    /// Constant hazard, per day (`H(t) = h·t`; days to event geometric with `P(T > t) = e^{−ht}`).
    case constant(perDay: Double)
    /// Weibull: `H(t) = (t/scale)^shape`; shape < 1 falling, > 1 rising hazard.
    case weibull(shape: Double, scaleDays: Double)
    /// Log-logistic: `S(t) = 1/(1 + (t/scale)^shape)`, `H(t) = ln(1 + (t/scale)^shape)`;
    /// hump-shaped for shape > 1. Kirshenbaum et al. 2009 found it the best fit to continuous
    /// abstinence across 20 studies (docs/sources.md#kirshenbaum2009).
    case logLogistic(shape: Double, scaleDays: Double)
    /// Mixture cure: `S(t) = π + (1 − π)/(1 + (t/scale)^shape)`, π the never-relapsing fraction
    /// (docs/sources.md#d-relapse-curves: π 0.5, scale 28 wk, shape 3 fits Pickens 1985's 44% at 1 year).
    case logLogisticCure(shape: Double, scaleDays: Double, curedFraction: Double)
    /// Piecewise constant: `ratesPerDay[i]` applies from day `startDays[i]` (ascending, first 0)
    /// until the next start.
    case piecewiseConstant(startDays: [Int], ratesPerDay: [Double])

    /// Weibull cumulative hazard `(t/scale)^shape`.
    static func weibullCumulative(_ t: Double, shape: Double, scaleDays: Double) -> Double {
        t <= 0 ? 0 : pow(t / scaleDays, shape)
    }

    /// Log-logistic cumulative hazard `ln(1 + (t/scale)^shape)`.
    static func logLogisticCumulative(_ t: Double, shape: Double, scaleDays: Double) -> Double {
        t <= 0 ? 0 : log1p(pow(t / scaleDays, shape))
    }

    /// Mixture-cure log-logistic cumulative hazard `−ln(π + (1 − π)/(1 + (t/scale)^shape))`.
    static func logLogisticCureCumulative(_ t: Double, shape: Double, scaleDays: Double,
                                          curedFraction: Double) -> Double {
        t <= 0 ? 0 : -log(curedFraction + (1 - curedFraction) / (1 + pow(t / scaleDays, shape)))
    }

    /// Cumulative hazard `H(t)` at `t` days.
    func cumulative(atDays t: Double) -> Double {
        switch self {
        case .constant(let h):
            return h * t
        case .weibull(let shape, let scale):
            return Self.weibullCumulative(t, shape: shape, scaleDays: scale)
        case .logLogistic(let shape, let scale):
            return Self.logLogisticCumulative(t, shape: shape, scaleDays: scale)
        case .logLogisticCure(let shape, let scale, let cured):
            return Self.logLogisticCureCumulative(t, shape: shape, scaleDays: scale, curedFraction: cured)
        case .piecewiseConstant(let starts, let rates):
            var total = 0.0
            for i in starts.indices where Double(starts[i]) < t {
                let end = i + 1 < starts.count ? min(Double(starts[i + 1]), t) : t
                total += rates[i] * (end - Double(starts[i]))
            }
            return total
        }
    }

    /// The hazard of day `τ` on this clock, `H(τ + 1) − H(τ)` (per day).
    /// - Complexity: O(1), or O(pieces) for piecewise constant; allocation-free.
    func dayHazard(elapsedDays tau: Int) -> Double {
        switch self {
        case .constant(let h):
            return h
        case .piecewiseConstant(let starts, let rates):
            var rate = 0.0
            for i in starts.indices where starts[i] <= tau { rate = rates[i] }
            return rate
        default:
            let t = Double(tau)
            return cumulative(atDays: t + 1) - cumulative(atDays: t)
        }
    }
}
