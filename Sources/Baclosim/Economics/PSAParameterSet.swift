import Foundation

/// One uncertain parameter of a PSA: the scenario key path it replaces and its distribution.
public struct PSAParameter: Sendable, Equatable {
    /// A scalar or a vector (Dirichlet) distribution.
    public enum Distribution: Sendable, Equatable {
        /// One value.
        case scalar(ParameterDistribution)
        /// K probabilities summing to 1.
        case dirichlet(DirichletDistribution)
    }

    /// Key path of the scenario value the draws replace, e.g.
    /// `economics.utilities.by_risk_level.high` (a Dirichlet names a list of K values).
    public var keyPath: String
    /// The distribution.
    public var distribution: Distribution

    /// Creates a parameter.
    public init(keyPath: String, distribution: Distribution) {
        self.keyPath = keyPath
        self.distribution = distribution
    }

    /// Number of values a draw gives (1, or K for a Dirichlet).
    public var dimension: Int {
        switch distribution {
        case .scalar: 1
        case .dirichlet(let dirichlet): dirichlet.dimension
        }
    }
}

/// A correlation between two scalar PSA parameters, induced by a Gaussian copula.
///
/// `normalCorrelation` is the copula's parameter ρ: the correlation of the two underlying
/// standard normals. The draws then have Spearman rank correlation (6/π)·asin(ρ/2) whatever
/// their margins; `normalCorrelation(fromRankCorrelation:)` inverts that.
public struct PSACorrelation: Sendable, Equatable {
    /// Key path of one parameter.
    public var first: String
    /// Key path of the other.
    public var second: String
    /// ρ in (−1, 1).
    public var normalCorrelation: Double

    /// Creates a correlation.
    public init(first: String, second: String, normalCorrelation: Double) {
        self.first = first
        self.second = second
        self.normalCorrelation = normalCorrelation
    }

    /// ρ = 2·sin(π·ρ_S/6): the copula parameter giving Spearman rank correlation ρ_S.
    public static func normalCorrelation(fromRankCorrelation rankCorrelation: Double) -> Double {
        2 * sin(Double.pi * rankCorrelation / 6)
    }
}

/// The parameters of a probabilistic sensitivity analysis and how one outer-loop draw is made.
///
/// **Stream addresses.** Draw `iteration` of parameter i reads the stream
/// (seed, subject = iteration, purpose `.psaParameters`, day = i, slot 0): the day field, unused
/// by this purpose otherwise, holds the parameter index. So each parameter's draws depend only on
/// its own position, not on how many numbers other parameters consumed (docs/model.md#12-engine-rules,
/// rule 1), and appending a parameter leaves earlier parameters' draws unchanged.
///
/// **Correlation.** Scalar parameters named in `correlations` are drawn together by a Gaussian
/// copula: z_i ~ N(0, 1) from each member's own address, z ← L·z with L the Cholesky factor
/// (`CholeskyFactor`) of the members' correlation matrix, x_i = F_i⁻¹(Φ(z_i)) with GSL's inverse
/// CDFs. Other parameters use GSL's samplers directly. Dirichlet parameters cannot be correlated.
public struct PSAParameterSet: Sendable {
    /// The parameters, in scenario order.
    public let parameters: [PSAParameter]
    /// Index of each parameter's first value in a draw's flat value array.
    public let offsets: [Int]
    /// Number of values in a draw (Σ dimensions).
    public let valueCount: Int
    /// Parameter indices in the copula, in parameter order.
    let correlatedMembers: [Int]
    /// Cholesky factor of the members' correlation matrix, nil when no correlation is given.
    let copula: CholeskyFactor?

    /// Validates and prepares the parameters.
    /// - Throws: `ParameterProblems` with every problem (keys `parameters[i]…`, `correlations[j]…`):
    ///   invalid distributions, duplicate key paths, correlations naming unknown, Dirichlet or
    ///   identical parameters, |ρ| ≥ 1, duplicate pairs, or a correlation matrix that is not
    ///   positive definite.
    public init(parameters: [PSAParameter], correlations: [PSACorrelation] = []) throws(ParameterProblems) {
        var issues: [ParameterProblem] = []
        var indexByKey: [String: Int] = [:]
        for (index, parameter) in parameters.enumerated() {
            let prefix = "parameters[\(index)]"
            if parameter.keyPath.isEmpty {
                issues.append(ParameterProblem(keyPath: "\(prefix).key", problem: "must not be empty",
                                            fix: "Name the scenario value to vary, e.g. economics.discount_rates.costs_per_year."))
            } else if let earlier = indexByKey[parameter.keyPath] {
                issues.append(ParameterProblem(keyPath: "\(prefix).key",
                                            problem: "\(parameter.keyPath) is already varied by parameters[\(earlier)]",
                                            fix: "Give each scenario value one distribution."))
            } else {
                indexByKey[parameter.keyPath] = index
            }
            let problems: [ParameterProblem]
            switch parameter.distribution {
            case .scalar(let distribution): problems = distribution.validate()
            case .dirichlet(let dirichlet): problems = dirichlet.validate()
            }
            issues += problems.map { $0.under(prefix) }
        }

        var members: [Int] = []
        var pairs: [(Int, Int, Double)] = []
        var seenPairs = Set<[Int]>()
        for (index, correlation) in correlations.enumerated() {
            let prefix = "correlations[\(index)]"
            var ends: [Int] = []
            for (key, name) in [("first", correlation.first), ("second", correlation.second)] {
                guard let parameter = indexByKey[name] else {
                    issues.append(ParameterProblem(keyPath: "\(prefix).\(key)", problem: "\(name) is not a PSA parameter",
                                                fix: "Name the key of a parameter listed under psa.parameters."))
                    continue
                }
                if case .dirichlet = parameters[parameter].distribution {
                    issues.append(ParameterProblem(keyPath: "\(prefix).\(key)", problem: "\(name) is a Dirichlet parameter",
                                                fix: "Correlate scalar parameters only; a Dirichlet's components are already dependent."))
                    continue
                }
                ends.append(parameter)
            }
            let rho = correlation.normalCorrelation
            if !(rho > -1 && rho < 1) {
                issues.append(ParameterProblem(keyPath: "\(prefix).rho", problem: "must be in (−1, 1) (found \(ParameterProblem.formatNumber(rho)))",
                                            fix: "Give the copula correlation, e.g. 0.5; for a rank correlation ρs use 2·sin(π·ρs/6)."))
            }
            guard ends.count == 2 else { continue }
            if ends[0] == ends[1] {
                issues.append(ParameterProblem(keyPath: "\(prefix).second", problem: "names the same parameter as first",
                                            fix: "Correlate two different parameters."))
                continue
            }
            if !seenPairs.insert(ends.sorted()).inserted {
                issues.append(ParameterProblem(keyPath: prefix, problem: "the pair \(correlation.first), \(correlation.second) is correlated twice",
                                            fix: "Give each pair one correlation."))
                continue
            }
            pairs.append((ends[0], ends[1], rho))
            for end in ends where !members.contains(end) { members.append(end) }
        }
        members.sort()

        var copula: CholeskyFactor?
        if issues.isEmpty, !members.isEmpty {
            let n = members.count
            var matrix = [Double](repeating: 0, count: n * n)
            for i in 0..<n { matrix[i * n + i] = 1 }
            for (a, b, rho) in pairs {
                guard let i = members.firstIndex(of: a), let j = members.firstIndex(of: b) else { continue }
                matrix[i * n + j] = rho
                matrix[j * n + i] = rho
            }
            do {
                copula = try CholeskyFactor(covariance: matrix, dimension: n)
            } catch {
                issues.append(ParameterProblem(
                    keyPath: "correlations",
                    problem: "the correlations are not jointly possible (the correlation matrix is not positive definite)",
                    fix: "Weaken some correlations; e.g. a, b and c cannot have ρ(a,b) = ρ(a,c) = 0.9 and ρ(b,c) = −0.9."))
            }
        }
        guard issues.isEmpty else { throw ParameterProblems(issues) }

        var offsets: [Int] = []
        var next = 0
        for parameter in parameters {
            offsets.append(next)
            next += parameter.dimension
        }
        self.parameters = parameters
        self.offsets = offsets
        self.valueCount = next
        self.correlatedMembers = members
        self.copula = copula
    }

    /// Index of the parameter with `keyPath`, or nil.
    public func index(of keyPath: String) -> Int? {
        parameters.firstIndex { $0.keyPath == keyPath }
    }

    /// The values of outer-loop draw `iteration`, flat: parameter i's values at
    /// `offsets[i] ..< offsets[i] + parameters[i].dimension`.
    /// - Parameters:
    ///   - iteration: PSA draw index, 0 ≤ iteration < 2^32.
    ///   - seed: the run's seed.
    ///   - sampler: any sampler (it is repositioned for every parameter).
    /// - Throws: `ParameterProblems` if a value is not finite (a GSL inverse CDF failed for extreme
    ///   parameters), naming the parameter.
    public func draw(iteration: Int, seed: UInt64, sampler: inout GSLSampler) throws(ParameterProblems) -> [Double] {
        precondition(iteration >= 0, "PSAParameterSet: iteration must be ≥ 0")
        let key = StreamKey(seed: seed, subject: UInt64(iteration), purpose: .psaParameters)
        var values = [Double](repeating: 0, count: valueCount)
        for (index, parameter) in parameters.enumerated() where !correlatedMembers.contains(index) {
            sampler.reposition(key: key, day: UInt32(index))
            switch parameter.distribution {
            case .scalar(let distribution):
                values[offsets[index]] = distribution.sample(using: &sampler)
            case .dirichlet(let dirichlet):
                dirichlet.sample(using: &sampler, into: &values, at: offsets[index])
            }
        }
        if let copula {
            var normals = [Double](repeating: 0, count: correlatedMembers.count)
            for (position, member) in correlatedMembers.enumerated() {
                sampler.reposition(key: key, day: UInt32(member))
                normals[position] = sampler.normal(mean: 0, sd: 1)
            }
            copula.transformInPlace(&normals)
            for (position, member) in correlatedMembers.enumerated() {
                guard case .scalar(let distribution) = parameters[member].distribution else { continue }
                let u = ParameterDistribution.standardNormalCDF(normals[position])
                values[offsets[member]] = distribution.quantile(u)
            }
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            let parameter = offsets.lastIndex { $0 <= bad } ?? 0
            throw ParameterProblems([ParameterProblem(
                keyPath: "parameters[\(parameter)]",
                problem: "draw \(iteration) of \(parameters[parameter].keyPath) is not a finite number",
                fix: "Use a less extreme distribution (GSL could not invert its CDF), e.g. a larger se for a beta near 0 or 1.")])
        }
        return values
    }

    /// `draw(iteration:seed:sampler:)` with a sampler of its own (one `gsl_rng` allocation).
    public func draw(iteration: Int, seed: UInt64) throws(ParameterProblems) -> [Double] {
        var sampler = GSLSampler(key: StreamKey(seed: seed, subject: 0, purpose: .psaParameters), day: 0)
        return try draw(iteration: iteration, seed: seed, sampler: &sampler)
    }
}
