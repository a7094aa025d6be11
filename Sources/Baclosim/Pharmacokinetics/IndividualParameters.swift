import Foundation

/// One PK parameter's population model: `P_i = TV × Π covariate effects × exp(η_i[etaIndex])`.
public struct IndividualParameter: Sendable, Equatable {
    /// NONMEM-style name (`CL`, `V`, `KA`, `F`, `TLAG`, `Q`, `V2`, `D1`, `CLM`, `VM`, `FM`).
    public var name: String
    /// Typical value for the reference subject, in the parameter's unit.
    public var typicalValue: Double
    /// Multiplicative covariate effects.
    public var effects: [CovariateEffect]
    /// Index of this parameter's random effect in η, or `nil` for none (fixed parameter).
    public var etaIndex: Int?

    /// Creates a parameter model.
    public init(name: String, typicalValue: Double, effects: [CovariateEffect] = [], etaIndex: Int? = nil) {
        self.name = name
        self.typicalValue = typicalValue
        self.effects = effects
        self.etaIndex = etaIndex
    }

    /// Typical value adjusted for `covariates` (η = 0).
    ///
    /// - Complexity: O(effects); no allocation.
    public func typicalValue(for covariates: PKCovariates) -> Double {
        var value = typicalValue
        for effect in effects { value *= effect.multiplier(for: covariates) }
        return value
    }

    /// The individual value for `covariates` and random effects `eta` (the whole η vector of the
    /// subject; this parameter reads `eta[etaIndex]`).
    ///
    /// - Complexity: O(effects); no allocation.
    public func value(for covariates: PKCovariates, eta: [Double]) -> Double {
        let base = typicalValue(for: covariates)
        guard let etaIndex else { return base }
        return base * exp(eta[etaIndex])
    }
}

/// The population model of a drug's PK parameters: each parameter, and the covariance Ω of the
/// random effects η ~ MVN(0, Ω). The caller samples η (from standard normals through
/// ``eta(fromStandardNormals:into:)``) so randomness stays outside the kernel.
public struct IndividualParameterModel: Sendable, Equatable {
    /// The parameters, in a fixed order (the order of ``evaluate(covariates:eta:into:)``'s output).
    public var parameters: [IndividualParameter]
    /// Names of the random effects, in η order (usually the parameter names that carry one).
    public var etaNames: [String]
    /// Ω, the covariance of η: `etaCount × etaCount`, row-major.
    public var omega: [Double]
    /// Lower Cholesky factor L of Ω (row-major), so η = L·z for standard normal z; `nil` when Ω
    /// is not positive definite.
    public let omegaCholesky: [Double]?

    /// Creates a model; `omega` is `etaNames.count²` values, row-major.
    public init(parameters: [IndividualParameter], etaNames: [String], omega: [Double]) {
        assert(omega.count == etaNames.count * etaNames.count, "Ω must be square with one row per η")
        self.parameters = parameters
        self.etaNames = etaNames
        self.omega = omega
        // Ω comes from variances > 0 only (a fixed parameter gets no η), so it is positive definite
        // unless its correlations are impossible; then there is no factor and validation says so.
        omegaCholesky = etaNames.isEmpty ? [] : try? CholeskyFactor(covariance: omega, dimension: etaNames.count).lower
    }

    /// Number of random effects.
    public var etaCount: Int { etaNames.count }

    /// Index of parameter `name` (NONMEM name), or `nil`.
    public func index(of name: String) -> Int? {
        parameters.firstIndex { $0.name == name }
    }

    /// Writes every parameter's individual value into `values` (same order as ``parameters``).
    /// `values` must already hold `parameters.count` elements, so nothing is allocated.
    public func evaluate(covariates: PKCovariates, eta: [Double], into values: inout [Double]) {
        assert(values.count == parameters.count, "values must have one slot per parameter")
        assert(eta.count >= etaCount, "eta must have one value per random effect")
        for index in parameters.indices {
            values[index] = parameters[index].value(for: covariates, eta: eta)
        }
    }

    /// Writes η = L·z into `eta`, where L is the Cholesky factor of Ω and `z` holds `etaCount`
    /// independent standard normal draws. `eta` must already hold `etaCount` elements.
    ///
    /// - Complexity: O(etaCount²); no allocation.
    public func eta(fromStandardNormals z: [Double], into eta: inout [Double]) {
        let size = etaCount
        assert(z.count >= size && eta.count >= size, "z and eta need one slot per random effect")
        guard let factor = omegaCholesky else {
            assertionFailure("Ω is not positive definite")
            for row in 0..<size { eta[row] = 0 }
            return
        }
        for row in 0..<size {
            var sum = 0.0
            for column in 0...row { sum += factor[row * size + column] * z[column] }
            eta[row] = sum
        }
    }
}
