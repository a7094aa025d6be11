/// Why a random-number setup (e.g. a covariance matrix for a multivariate normal) was rejected.
public enum RandomError: Error, Equatable, Sendable {
    /// The matrix has `found` entries but a `dimension`×`dimension` matrix needs
    /// `dimension`² (or the dimension is not positive).
    case dimensionMismatch(dimension: Int, found: Int)
    /// Entry (`row`, `column`) (0-based) is NaN or infinite.
    case nonFinite(row: Int, column: Int)
    /// Entries (`row`, `column`) and (`column`, `row`) differ beyond rounding.
    case notSymmetric(row: Int, column: Int)
    /// The matrix is symmetric but not positive definite (singular, or has a negative
    /// eigenvalue), so it has no Cholesky factor.
    case notPositiveDefinite
    /// A GSL function returned a status other than success (its `gsl_errno.h` code).
    case gslFailure(function: String, status: Int32)
}

extension RandomError: CustomStringConvertible {
    /// One line saying what is wrong and how to fix it.
    public var description: String {
        switch self {
        case let .dimensionMismatch(dimension, found):
            "covariance matrix: expected \(dimension)×\(dimension) = \(dimension * dimension) entries "
                + "(row-major), found \(found). Give one row per variable, each as long as the number of rows."
        case let .nonFinite(row, column):
            "covariance matrix: entry [\(row)][\(column)] is not a finite number."
        case let .notSymmetric(row, column):
            "covariance matrix: entries [\(row)][\(column)] and [\(column)][\(row)] differ; "
                + "a covariance matrix must be symmetric."
        case .notPositiveDefinite:
            "covariance matrix: not positive definite (a variance is ≤ 0, a correlation is ±1 or "
                + "the correlations are mutually inconsistent). Check that all correlations are in (-1, 1) "
                + "and jointly possible."
        case let .gslFailure(function, status):
            "GSL \(function) failed with status \(status)."
        }
    }
}
