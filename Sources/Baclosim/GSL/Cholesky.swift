@preconcurrency import CGSL

/// The lower-triangular Cholesky factor L of a covariance matrix Ω = L·Lᵀ, for drawing
/// correlated normals: if z is standard normal, L·z has covariance Ω.
///
/// Built once per scenario (not on the hot path); `transform` is allocation-free.
public struct CholeskyFactor: Sendable {
    /// Number of variables n.
    public let dimension: Int
    /// L, row-major n×n, zero above the diagonal.
    public let lower: [Double]

    /// Factors a covariance matrix with GSL's `gsl_linalg_cholesky_decomp1`.
    /// - Parameters:
    ///   - covariance: Ω, row-major, `dimension`² entries, in the squared units of the variables.
    ///   - dimension: n ≥ 1.
    /// - Throws: `RandomError.dimensionMismatch`, `.nonFinite`, `.notSymmetric` (entries differing
    ///   by more than 1e-10·√(Ωᵢᵢ·Ωⱼⱼ)), `.notPositiveDefinite`, or `.gslFailure`.
    public init(covariance: [Double], dimension: Int) throws(RandomError) {
        guard dimension >= 1, covariance.count == dimension * dimension else {
            throw .dimensionMismatch(dimension: dimension, found: covariance.count)
        }
        let n = dimension
        for row in 0..<n {
            for column in 0..<n where !covariance[row * n + column].isFinite {
                throw .nonFinite(row: row, column: column)
            }
        }
        for row in 0..<n {
            for column in 0..<row {
                let scale = (abs(covariance[row * n + row] * covariance[column * n + column])).squareRoot()
                // Tolerates rounding when Ω was computed as sdᵢ·ρᵢⱼ·sdⱼ in different orders.
                if abs(covariance[row * n + column] - covariance[column * n + row]) > 1e-10 * scale {
                    throw .notSymmetric(row: row, column: column)
                }
            }
        }

        GSL.configure()
        var factor = covariance
        let status = factor.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var view = gsl_matrix_view_array(buffer.baseAddress, n, n)
            return gsl_linalg_cholesky_decomp1(&view.matrix)
        }
        if status == Int32(GSL_EDOM) { throw .notPositiveDefinite }
        if status != Int32(GSL_SUCCESS) {
            throw .gslFailure(function: "gsl_linalg_cholesky_decomp1", status: status)
        }
        // decomp1 leaves Lᵀ (or workspace) above the diagonal.
        for row in 0..<n {
            for column in (row + 1)..<n { factor[row * n + column] = 0 }
        }
        self.dimension = n
        self.lower = factor
    }

    /// x = L·z.
    /// - Precondition: `z.count == dimension == x.count`. No allocation when `x` is uniquely
    ///   referenced.
    /// - Complexity: n(n+1)/2 multiply-adds.
    public func transform(_ z: [Double], into x: inout [Double]) {
        let n = dimension
        precondition(z.count == n && x.count == n, "CholeskyFactor.transform: expected \(n) values")
        for row in 0..<n {
            var sum = 0.0
            for column in 0...row { sum += lower[row * n + column] * z[column] }
            x[row] = sum
        }
    }

    /// v ← L·v. Rows are computed bottom-up, so row i reads only v[0...i], none yet overwritten.
    /// - Precondition: `v.count == dimension`.
    public func transformInPlace(_ v: inout [Double]) {
        let n = dimension
        precondition(v.count == n, "CholeskyFactor.transformInPlace: expected \(n) values")
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = 0.0
            for column in 0...row { sum += lower[row * n + column] * v[column] }
            v[row] = sum
        }
    }
}
