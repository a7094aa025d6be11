import Foundation

/// Gompertz background mortality: hazard μ(x) = a·e^{b·x} per year at age x years.
///
/// Cumulative hazard from age x₀ to x₁: H = (a/b)(e^{b·x₁} − e^{b·x₀}), so survival from age x
/// over t years is S(t) = exp(−(a/b)(e^{b(x+t)} − e^{b·x})). Daily death probabilities use this
/// exact integral over each day, so the product of daily survivals equals S(t).
///
/// Typical adult values: b ≈ 0.08–0.1 per year (mortality doubling every 7–9 years); a set so
/// that the hazard at 50 matches a national life table, e.g. a = 3·10⁻⁵, b = 0.09 gives
/// μ(50) ≈ 0.0027/year (illustrative, not a source; prefer a life table).
public struct GompertzHazard: Sendable, Equatable {
    /// a: hazard at age 0, per year (> 0).
    public var aPerYear: Double
    /// b: rate of increase of the log hazard per year of age (≥ 0).
    public var bPerYear: Double

    /// Creates the hazard.
    public init(aPerYear: Double, bPerYear: Double) {
        self.aPerYear = aPerYear
        self.bPerYear = bPerYear
    }

    /// μ(x) = a·e^{b·x} per year.
    public func hazardPerYear(ageYears: Double) -> Double {
        aPerYear * exp(bPerYear * ageYears)
    }

    /// ∫ μ over ages [from, to] (dimensionless), exact; a·(to − from) when b = 0.
    @inline(__always)
    public func cumulativeHazard(fromAgeYears from: Double, toAgeYears to: Double) -> Double {
        if bPerYear == 0 { return aPerYear * (to - from) }
        // (a/b)·e^{b·from}·(e^{b(to−from)} − 1), with expm1 for the short day interval.
        return aPerYear / bPerYear * exp(bPerYear * from) * expm1(bPerYear * (to - from))
    }

    /// S(t) = exp(−H(x, x + t)): probability of surviving `years` from age `ageYears`.
    public func survival(fromAgeYears ageYears: Double, years: Double) -> Double {
        exp(-cumulativeHazard(fromAgeYears: ageYears, toAgeYears: ageYears + years))
    }

    /// Problems, keys relative to the `gompertz` block.
    func validate() -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        if !(aPerYear.isFinite && aPerYear > 0) {
            issues.append(ParameterProblem(keyPath: "a_per_year", problem: "must be > 0 (found \(ParameterProblem.formatNumber(aPerYear)))",
                                        fix: "Give the Gompertz hazard at age 0 per year, e.g. 3e-5."))
        }
        if !(bPerYear.isFinite && bPerYear >= 0 && bPerYear < 1) {
            issues.append(ParameterProblem(keyPath: "b_per_year", problem: "must be in [0, 1) (found \(ParameterProblem.formatNumber(bPerYear)))",
                                        fix: "Give the yearly growth rate of the log hazard, e.g. 0.09 (doubling every 7.7 years)."))
        }
        return issues
    }
}
