/// The Dirichlet distribution of a set of probabilities that must sum to 1 (e.g. the initial
/// split across drinking-risk levels, or a multinomial transition row), for PSA.
///
/// Dirichlet(α₁…α_K): component means α_i/α₀ with α₀ = Σα, variances m_i(1 − m_i)/(α₀ + 1).
/// With counts n_i from data, α_i = n_i (Briggs et al. 2003 use n_i + a uniform prior).
/// Drawn as independent Gamma(α_i, 1) variables divided by their sum.
public struct DirichletDistribution: Sendable, Equatable {
    /// The concentration parameters α_i > 0 (at least two).
    public let alphas: [Double]

    /// From concentration parameters (e.g. observed counts); validate with `validate()`.
    public init(alphas: [Double]) {
        self.alphas = alphas
    }

    /// From the component means (summing to 1) and the effective sample size α₀ > 0:
    /// α_i = m_i·α₀.
    public init(means: [Double], effectiveSampleSize: Double) {
        self.alphas = means.map { $0 * effectiveSampleSize }
    }

    /// From the component means and the standard error of component `component`, by moments:
    /// α₀ = m_k(1 − m_k)/se² − 1, α_i = m_i·α₀.
    /// - Throws: `ParameterProblems` when the means do not sum to 1 (within 1e-6), one is outside
    ///   (0, 1), or se² ≥ m_k(1 − m_k).
    public init(means: [Double], standardError se: Double, ofComponent component: Int = 0) throws(ParameterProblems) {
        var issues: [ParameterProblem] = []
        if means.count < 2 {
            issues.append(ParameterProblem(keyPath: "means", problem: "needs at least two components (found \(means.count))",
                                        fix: "List the mean probability of every category; they must sum to 1."))
        }
        for (index, m) in means.enumerated() where !(m > 0 && m < 1) {
            issues.append(ParameterProblem(keyPath: "means[\(index)]", problem: "must be in (0, 1) (found \(ParameterProblem.formatNumber(m)))",
                                        fix: "Give each category's mean probability; drop categories that never occur."))
        }
        let sum = means.reduce(0, +)
        if means.count >= 2, abs(sum - 1) > 1e-6 {
            issues.append(ParameterProblem(keyPath: "means", problem: "must sum to 1 (found \(ParameterProblem.formatNumber(sum)))",
                                        fix: "Rescale the means so they sum to 1."))
        }
        if !means.indices.contains(component) {
            issues.append(ParameterProblem(keyPath: "se_of", problem: "component \(component) out of range 0..<\(means.count)",
                                        fix: "Name the component whose standard error is given."))
        }
        if !(se.isFinite && se > 0) {
            issues.append(ParameterProblem(keyPath: "se", problem: "must be > 0 (found \(ParameterProblem.formatNumber(se)))",
                                        fix: "Give the standard error of the named component's probability."))
        }
        if issues.isEmpty {
            let m = means[component]
            if !(se * se < m * (1 - m)) {
                issues.append(ParameterProblem(
                    keyPath: "se",
                    problem: "se² = \(ParameterProblem.formatNumber(se * se)) must be < mean·(1 − mean) = \(ParameterProblem.formatNumber(m * (1 - m)))",
                    fix: "Use se < \(ParameterProblem.formatNumber((m * (1 - m)).squareRoot())), or give alphas (counts) directly."))
            }
        }
        guard issues.isEmpty else { throw ParameterProblems(issues) }
        let m = means[component]
        let concentration = m * (1 - m) / (se * se) - 1
        self.alphas = means.map { $0 * concentration }
    }

    /// Number of components K.
    public var dimension: Int { alphas.count }

    /// Component means α_i/α₀.
    public var means: [Double] {
        let total = alphas.reduce(0, +)
        return alphas.map { $0 / total }
    }

    /// Component variances m_i(1 − m_i)/(α₀ + 1).
    public var variances: [Double] {
        let total = alphas.reduce(0, +)
        return alphas.map { let m = $0 / total; return m * (1 - m) / (total + 1) }
    }

    /// One draw written to `values[offset ..< offset + dimension]`: Gamma(α_i, 1) draws
    /// (`gsl_ran_gamma` through `GSLSampler`) divided by their sum.
    public func sample(using sampler: inout GSLSampler, into values: inout [Double], at offset: Int) {
        var total = 0.0
        for (index, alpha) in alphas.enumerated() {
            let g = sampler.gamma(shape: alpha, scale: 1)
            values[offset + index] = g
            total += g
        }
        for index in alphas.indices { values[offset + index] /= total }
    }

    /// Problems, keys relative to the parameter's block.
    public func validate() -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        if alphas.count < 2 {
            issues.append(ParameterProblem(keyPath: "alphas", problem: "needs at least two components (found \(alphas.count))",
                                        fix: "List one concentration (e.g. a count) per category."))
        }
        for (index, alpha) in alphas.enumerated() where !(alpha.isFinite && alpha > 0) {
            issues.append(ParameterProblem(keyPath: "alphas[\(index)]", problem: "must be > 0 (found \(ParameterProblem.formatNumber(alpha)))",
                                        fix: "Give a positive concentration, e.g. the category's count (add 1 for a category never observed)."))
        }
        return issues
    }
}
