/// A Gaussian copula over the covariate slots: correlated standard normals `y = L·z` from
/// independent standard normals `z`, with `L` the lower-triangular Cholesky factor of the
/// correlation matrix `R = L·Lᵀ`.
///
/// Each margin then reads its own coordinate `y_i`: continuous normal / lognormal margins use
/// `y_i` directly (no Φ⁻¹(Φ(·)) round trip); discrete margins use the uniform `Φ(y_i)`. Because
/// `L` has a unit diagonal when `R` is the identity, the independent case gives `y = z` exactly.
struct GaussianCopula: Sendable, Equatable {
    /// Matrix dimension (number of slots).
    let dimension: Int
    /// Lower-triangular Cholesky factor, row-major, `dimension × dimension`.
    let choleskyFactor: [Double]
    /// True when `L` is the identity: `correlate` then returns `z_i` without arithmetic.
    let isIdentity: Bool

    /// Errors from building a copula.
    enum BuildError: Error, Equatable, Sendable {
        /// The matrix is not `dimension × dimension`.
        case wrongSize(expected: Int, found: Int)
        /// A diagonal entry is not 1, or an entry is outside [−1, 1], or the matrix is not symmetric.
        case notACorrelationMatrix(row: Int, column: Int, value: Double)
        /// The Cholesky factorisation met a non-positive pivot: the correlations are
        /// inconsistent (the matrix is not positive definite).
        case notPositiveDefinite
        /// A correlation pair names the same slot twice.
        case selfCorrelation(slot: Int)
    }

    /// Independent margins (`L = I`).
    static func independent(dimension: Int = CovariateSlot.count) -> GaussianCopula {
        var identity = [Double](repeating: 0, count: dimension * dimension)
        for i in 0..<dimension { identity[i * dimension + i] = 1 }
        return GaussianCopula(dimension: dimension, choleskyFactor: identity, isIdentity: true)
    }

    /// From a precomputed lower-triangular factor (row-major); entries above the diagonal are
    /// ignored.
    init(choleskyFactor: [Double], dimension: Int) throws {
        guard choleskyFactor.count == dimension * dimension else {
            throw BuildError.wrongSize(expected: dimension * dimension, found: choleskyFactor.count)
        }
        var lower = choleskyFactor
        var identity = true
        for i in 0..<dimension {
            for j in 0..<dimension {
                if j > i { lower[i * dimension + j] = 0 }
                let expected: Double = i == j ? 1 : 0
                if lower[i * dimension + j] != expected { identity = false }
            }
        }
        self.init(dimension: dimension, choleskyFactor: lower, isIdentity: identity)
    }

    /// From a full correlation matrix (row-major, symmetric, unit diagonal), factorised here.
    init(correlation: [Double], dimension: Int) throws {
        guard correlation.count == dimension * dimension else {
            throw BuildError.wrongSize(expected: dimension * dimension, found: correlation.count)
        }
        for i in 0..<dimension {
            for j in 0..<dimension {
                let r = correlation[i * dimension + j]
                let symmetric = abs(r - correlation[j * dimension + i]) <= 1e-12
                let valid = i == j ? r == 1 : (r >= -1 && r <= 1 && symmetric)
                if !valid { throw BuildError.notACorrelationMatrix(row: i, column: j, value: r) }
            }
        }
        let factor = try GaussianCopula.cholesky(correlation, dimension: dimension)
        try self.init(choleskyFactor: factor, dimension: dimension)
    }

    /// From pairwise correlations between covariate slots (all other pairs independent).
    init(correlations: [(CovariateSlot, CovariateSlot, Double)]) throws {
        let n = CovariateSlot.count
        var matrix = [Double](repeating: 0, count: n * n)
        for i in 0..<n { matrix[i * n + i] = 1 }
        for (a, b, rho) in correlations {
            guard a != b else { throw BuildError.selfCorrelation(slot: a.rawValue) }
            matrix[a.rawValue * n + b.rawValue] = rho
            matrix[b.rawValue * n + a.rawValue] = rho
        }
        try self.init(correlation: matrix, dimension: n)
    }

    /// Stores a validated factor.
    private init(dimension: Int, choleskyFactor: [Double], isIdentity: Bool) {
        self.dimension = dimension
        self.choleskyFactor = choleskyFactor
        self.isIdentity = isIdentity
    }

    /// The lower Cholesky factor `A = L·Lᵀ` of a correlation matrix (row-major), through
    /// ``CholeskyFactor`` (GSL).
    /// - Complexity: O(n³), once per scenario.
    static func cholesky(_ a: [Double], dimension n: Int) throws -> [Double] {
        do {
            return try CholeskyFactor(covariance: a, dimension: n).lower
        } catch .notPositiveDefinite {
            throw BuildError.notPositiveDefinite
        }
    }

    /// The correlated normal of coordinate `i`: `y_i = Σ_{j ≤ i} L_ij·z_j`.
    /// - Parameter normals: independent standard normals, at least `dimension` of them.
    /// - Complexity: O(i); allocation-free.
    func correlate(_ i: Int, normals: some RandomAccessCollection<Double>) -> Double {
        let base = normals.startIndex
        if isIdentity { return normals[normals.index(base, offsetBy: i)] }
        var y = 0.0
        var index = base
        for j in 0...i {
            y += choleskyFactor[i * dimension + j] * normals[index]
            index = normals.index(after: index)
        }
        return y
    }
}
