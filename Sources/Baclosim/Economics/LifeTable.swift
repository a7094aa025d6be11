import Foundation

/// Background mortality from a life table: age bands, each with an annual probability of death
/// q, read as a constant hazard μ = −ln(1 − q) per year within the band.
///
/// q is the probability of dying within one year for a person of an age in the band (a
/// national life table's q_x). For a band table that gives n-year probabilities ₙq_x, convert
/// with `annualProbability(_:overYears:)`. The first band applies below its start age too and the
/// last band is open-ended. q = 1 (a closing band) gives certain death on the first day in it.
///
/// With a constant hazard the daily death probability inside a band is 1 − (1 − q)^{1/365.25},
/// so 365.25 daily decisions reproduce q exactly; a day that crosses a band boundary uses the
/// exact piecewise integral.
public struct LifeTable: Sendable, Equatable {
    /// Start age of each band in years, strictly increasing.
    public let bandStartAgesYears: [Double]
    /// Annual death probability q of each band, in [0, 1].
    public let annualDeathProbabilities: [Double]
    /// μ = −ln(1 − q) per year, per band (+∞ when q = 1).
    let hazardsPerYear: [Double]

    /// Creates a table; validate scenario input with `validate()` first.
    /// - Precondition: both arrays have the same non-zero length.
    public init(bandStartAgesYears: [Double], annualDeathProbabilities: [Double]) {
        precondition(!bandStartAgesYears.isEmpty && bandStartAgesYears.count == annualDeathProbabilities.count,
                     "LifeTable: need one probability per band")
        self.bandStartAgesYears = bandStartAgesYears
        self.annualDeathProbabilities = annualDeathProbabilities
        self.hazardsPerYear = annualDeathProbabilities.map { -log1p(-$0) }
    }

    /// Annual probability equivalent to probability `p` of dying over `years` years at a constant
    /// hazard: 1 − (1 − p)^{1/years} (e.g. a 5-year ₅q_x to an annual q).
    public static func annualProbability(_ p: Double, overYears years: Double) -> Double {
        -expm1(log1p(-p) / years)
    }

    /// Index of the band containing `age` (the first band for ages below its start).
    /// - Complexity: O(log bands).
    @inline(__always)
    func band(containing age: Double) -> Int {
        var low = 0, high = bandStartAgesYears.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if bandStartAgesYears[mid] <= age { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// ∫ μ over ages [from, to] (to ≥ from), exact for the piecewise-constant hazard.
    @inline(__always)
    public func cumulativeHazard(fromAgeYears from: Double, toAgeYears to: Double) -> Double {
        guard to > from else { return 0 }
        var index = band(containing: from)
        var start = from
        var total = 0.0
        while true {
            let end = index + 1 < bandStartAgesYears.count ? min(to, bandStartAgesYears[index + 1]) : to
            if end > start { total += hazardsPerYear[index] * (end - start) }
            if end >= to { return total }
            start = end
            index += 1
        }
    }

    /// Problems, keys relative to the `life_table` block.
    func validate() -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        if bandStartAgesYears.isEmpty || bandStartAgesYears.count != annualDeathProbabilities.count {
            issues.append(ParameterProblem(
                keyPath: "annual_death_probability",
                problem: "needs one value per age band (found \(annualDeathProbabilities.count) for \(bandStartAgesYears.count) bands)",
                fix: "List the annual probability of death q for each band in age_from_years."))
        }
        for (index, age) in bandStartAgesYears.enumerated() {
            if !(age.isFinite && age >= 0) {
                issues.append(ParameterProblem(keyPath: "age_from_years[\(index)]",
                                            problem: "must be ≥ 0 (found \(ParameterProblem.formatNumber(age)))",
                                            fix: "Give the age in years at which the band starts, e.g. 40."))
            } else if index > 0, !(age > bandStartAgesYears[index - 1]) {
                issues.append(ParameterProblem(keyPath: "age_from_years[\(index)]",
                                            problem: "must be greater than the previous band's start \(ParameterProblem.formatNumber(bandStartAgesYears[index - 1])) (found \(ParameterProblem.formatNumber(age)))",
                                            fix: "List band start ages in increasing order."))
            }
        }
        for (index, q) in annualDeathProbabilities.enumerated() where !(q >= 0 && q <= 1) {
            issues.append(ParameterProblem(keyPath: "annual_death_probability[\(index)]",
                                        problem: "must be a probability in [0, 1] (found \(ParameterProblem.formatNumber(q)))",
                                        fix: "Give the one-year probability of death q_x; convert an n-year nqx with 1 − (1 − nqx)^(1/n)."))
        }
        return issues
    }
}
