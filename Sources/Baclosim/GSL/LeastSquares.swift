@preconcurrency import CGSL

/// Ordinary least squares y ≈ X·β by GSL's truncated SVD (`gsl_multifit_linear_tsvd`): singular
/// values below 10⁻¹⁰ of the largest are dropped, so collinear or nearly collinear columns (the
/// proportions of a Dirichlet, which sum to 1) give stable fitted values.
enum LeastSquares {
    /// A fit that could not be made.
    enum Failure: Error, Equatable {
        case shape(rows: Int, columns: Int, values: Int)
        case gsl(status: Int32)
    }

    /// The fitted values X·β̂ for each response in `responses` (all of `rows` values), with
    /// `design` row-major, `rows` × `columns`.
    static func fittedValues(design: [Double], rows: Int, columns: Int, responses: [[Double]]) throws(Failure) -> [[Double]] {
        guard rows >= 1, columns >= 1, design.count == rows * columns, responses.allSatisfy({ $0.count == rows }) else {
            throw .shape(rows: rows, columns: columns, values: design.count)
        }
        GSL.configure()
        let x = gsl_matrix_alloc(rows, columns)!, y = gsl_vector_alloc(rows)!, beta = gsl_vector_alloc(columns)!
        let covariance = gsl_matrix_alloc(columns, columns)!, fitted = gsl_vector_alloc(rows)!
        let work = gsl_multifit_linear_alloc(rows, columns)!
        defer {
            gsl_matrix_free(x); gsl_vector_free(y); gsl_vector_free(beta)
            gsl_matrix_free(covariance); gsl_vector_free(fitted); gsl_multifit_linear_free(work)
        }
        for r in 0..<rows { for c in 0..<columns { gsl_matrix_set(x, r, c, design[r * columns + c]) } }
        var results: [[Double]] = []
        for response in responses {
            for r in 0..<rows { gsl_vector_set(y, r, response[r]) }
            var chiSquared = 0.0
            var rank = 0
            let status = gsl_multifit_linear_tsvd(x, y, 1e-10, beta, covariance, &chiSquared, &rank, work)
            guard status == GSL_SUCCESS else { throw .gsl(status: status) }
            gsl_blas_dgemv(CblasNoTrans, 1, x, beta, 0, fitted)
            results.append((0..<rows).map { gsl_vector_get(fitted, $0) })
        }
        return results
    }
}
