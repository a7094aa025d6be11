import Foundation

/// Method-of-moments constructors: each distribution from a mean and a standard error (the
/// SE of the parameter's estimate, i.e. the SD of the uncertainty distribution).
///
/// Each throws `ParameterProblems` naming the problem and the fix, with keys `mean` and `se`
/// relative to the parameter's block.
extension ParameterDistribution {
    /// Beta with mean m and variance v = se²: α = m·(m(1 − m)/v − 1), β = (1 − m)·(m(1 − m)/v − 1).
    /// Requires 0 < m < 1 and 0 < v < m(1 − m).
    public static func beta(mean m: Double, standardError se: Double) throws(ParameterProblems) -> ParameterDistribution {
        var issues: [ParameterProblem] = []
        if !(m > 0 && m < 1) {
            issues.append(ParameterProblem(
                keyPath: "mean", problem: "must be in (0, 1) for a beta distribution (found \(ParameterProblem.formatNumber(m)))",
                fix: "Use beta for probabilities and utilities only; for a positive value use gamma or lognormal."))
        }
        requirePositiveStandardError(se, &issues)
        if issues.isEmpty, !(se * se < m * (1 - m)) {
            issues.append(ParameterProblem(
                keyPath: "se",
                problem: "se² = \(ParameterProblem.formatNumber(se * se)) must be < mean·(1 − mean) = \(ParameterProblem.formatNumber(m * (1 - m))) for a beta distribution",
                fix: "Use se < \(ParameterProblem.formatNumber((m * (1 - m)).squareRoot())) (the SE of a proportion is √(p(1 − p)/n)), or give alpha and beta directly."))
        }
        guard issues.isEmpty else { throw ParameterProblems(issues) }
        let common = m * (1 - m) / (se * se) - 1
        return .beta(alpha: m * common, beta: (1 - m) * common)
    }

    /// Gamma with mean m > 0 and variance se²: shape k = m²/se², scale θ = se²/m.
    public static func gamma(mean m: Double, standardError se: Double) throws(ParameterProblems) -> ParameterDistribution {
        var issues: [ParameterProblem] = []
        requirePositiveMean(m, "gamma", &issues)
        requirePositiveStandardError(se, &issues)
        guard issues.isEmpty else { throw ParameterProblems(issues) }
        return .gamma(shape: m * m / (se * se), scale: se * se / m)
    }

    /// Log-normal with mean m > 0 and variance se² on the natural scale:
    /// σ² = ln(1 + se²/m²), μ = ln m − σ²/2.
    public static func lognormal(mean m: Double, standardError se: Double) throws(ParameterProblems) -> ParameterDistribution {
        var issues: [ParameterProblem] = []
        requirePositiveMean(m, "lognormal", &issues)
        requirePositiveStandardError(se, &issues)
        guard issues.isEmpty else { throw ParameterProblems(issues) }
        let sigma2 = log1p(se * se / (m * m))
        return .lognormal(meanLog: log(m) - sigma2 / 2, sdLog: sigma2.squareRoot())
    }

    /// Normal with mean m and SD se.
    public static func normal(mean m: Double, standardError se: Double) throws(ParameterProblems) -> ParameterDistribution {
        var issues: [ParameterProblem] = []
        if !m.isFinite {
            issues.append(ParameterProblem(keyPath: "mean", problem: "must be a finite number (found \(ParameterProblem.formatNumber(m)))",
                                        fix: "Give the parameter's mean."))
        }
        requirePositiveStandardError(se, &issues)
        guard issues.isEmpty else { throw ParameterProblems(issues) }
        return .normal(mean: m, sd: se)
    }

    /// Uniform with mean m and SD se: [m − √3·se, m + √3·se].
    public static func uniform(mean m: Double, standardError se: Double) throws(ParameterProblems) -> ParameterDistribution {
        let halfWidth = try symmetricHalfWidth(mean: m, standardError: se, factor: 3.0.squareRoot())
        return .uniform(lower: m - halfWidth, upper: m + halfWidth)
    }

    /// Symmetric triangular with mean (= mode) m and SD se: [m − √6·se, m, m + √6·se].
    public static func triangular(mean m: Double, standardError se: Double) throws(ParameterProblems) -> ParameterDistribution {
        let halfWidth = try symmetricHalfWidth(mean: m, standardError: se, factor: 6.0.squareRoot())
        return .triangular(lower: m - halfWidth, mode: m, upper: m + halfWidth)
    }

    private static func symmetricHalfWidth(mean m: Double, standardError se: Double,
                                           factor: Double) throws(ParameterProblems) -> Double {
        var issues: [ParameterProblem] = []
        if !m.isFinite {
            issues.append(ParameterProblem(keyPath: "mean", problem: "must be a finite number (found \(ParameterProblem.formatNumber(m)))",
                                        fix: "Give the parameter's mean."))
        }
        requirePositiveStandardError(se, &issues)
        guard issues.isEmpty else { throw ParameterProblems(issues) }
        return factor * se
    }

    private static func requirePositiveMean(_ m: Double, _ name: String, _ issues: inout [ParameterProblem]) {
        if !(m.isFinite && m > 0) {
            issues.append(ParameterProblem(
                keyPath: "mean", problem: "must be > 0 for a \(name) distribution (found \(ParameterProblem.formatNumber(m)))",
                fix: "Use \(name) for positive values such as costs and rates; for a value that can be ≤ 0 use normal."))
        }
    }

    private static func requirePositiveStandardError(_ se: Double, _ issues: inout [ParameterProblem]) {
        if !(se.isFinite && se > 0) {
            issues.append(ParameterProblem(
                keyPath: "se", problem: "must be > 0 (found \(ParameterProblem.formatNumber(se)))",
                fix: "Give the standard error of the estimate, or use a fixed value for no uncertainty."))
        }
    }
}
