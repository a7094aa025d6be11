/// Number of standard drinks on a drinking day: `1 + N`, `N` a count with mean
/// `λ = max(0, a·max(x, 0) + b + c·baselineDrinksPerDay)`, drawn by inversion of one uniform
/// (monotone in λ, so arms sharing the uniform stay coupled).
/// RM-1: `n = 1 + Poisson(3·max(x, 0))` (a = 3, b = c = 0).
struct DrinkAmountModel: Sendable, Equatable {
    /// Count distribution of the drinks beyond the first.
    enum Distribution: Sendable, Equatable {
        case poisson
        /// Negative binomial with dispersion (size) r: variance λ + λ²/r.
        case negativeBinomial(dispersion: Double)
    }

    /// a: extra drinks per unit of positive craving.
    var cravingSlope: Double
    /// b: extra drinks at zero craving.
    var intercept: Double = 0
    /// c: extra drinks per baseline drink per day.
    var baselineDrinksSlope: Double = 0
    /// Count distribution.
    var distribution: Distribution = .poisson

    /// The largest mean count of extra drinks: 100 drinks beyond the first (1.2 kg of ethanol at
    /// 12 g a drink, far beyond any survivable day). A guard, not a clinical limit: it keeps the
    /// count an `Int` and the inversion short whatever the craving process does (a huge noise or
    /// cue jump makes craving overflow), so no input that validates can trap or hang here. A
    /// sensible model never reaches it (the shipped ones stay below 10), so their results do not
    /// depend on it.
    static let maximumExtraDrinksMean = 100.0

    /// Mean of the extra drinks, `0 ≤ λ ≤ maximumExtraDrinksMean` (0 when the craving is NaN).
    @inline(__always)
    func extraDrinksMean(craving x: Double, baselineDrinksPerDay: Double) -> Double {
        let lambda = cravingSlope * max(x, 0) + intercept + baselineDrinksSlope * baselineDrinksPerDay
        // `lambda > 0` is false for NaN: no drinks beyond the first.
        return lambda > 0 ? min(lambda, Self.maximumExtraDrinksMean) : 0
    }

    /// Drinks today (≥ 1), from uniform `u` in (0, 1).
    @inline(__always)
    func drinks(uniform u: Double, craving x: Double, baselineDrinksPerDay: Double) -> Int {
        let lambda = extraDrinksMean(craving: x, baselineDrinksPerDay: baselineDrinksPerDay)
        switch distribution {
        case .poisson:
            return 1 + DiscreteInversion.poisson(uniform: u, mean: lambda)
        case .negativeBinomial(let r):
            return 1 + DiscreteInversion.negativeBinomial(uniform: u, mean: lambda, dispersion: r)
        }
    }
}
