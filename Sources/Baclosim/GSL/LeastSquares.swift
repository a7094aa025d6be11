@preconcurrency import CGSL

/// Ordinary least squares y ≈ X·β by a truncated singular value decomposition: the columns of X
/// are scaled to unit length (which leaves the fitted values unchanged), X = U·S·Vᵀ once by GSL
/// (`gsl_linalg_SV_decomp_mod`, a QR step first for tall matrices), and singular values below
/// 10⁻¹⁰ of the largest are dropped, so collinear or nearly collinear columns (the proportions of
/// a Dirichlet, which sum to 1) give stable fitted values. The fitted values of a response y are
/// then U_r·(U_rᵀ·y) for the kept columns U_r of U: one decomposition serves every response (the
/// costs and effects of every strategy), as `gsl_multifit_linear_tsvd` would give response by
/// response with a decomposition each.
enum LeastSquares {
    /// A fit that could not be made.
    enum Failure: Error, Equatable {
        case shape(rows: Int, columns: Int, values: Int)
        case gsl(status: Int32)
    }

    /// Singular values below this share of the largest are dropped.
    static let truncation = 1e-10

    /// The fitted values X·β̂ for each response in `responses` (all of `rows` values), with
    /// `design` row-major, `rows` × `columns`.
    /// - Precondition: rows ≥ columns (a least-squares fit, not an interpolation).
    static func fittedValues(design: [Double], rows: Int, columns: Int, responses: [[Double]]) throws(Failure) -> [[Double]] {
        guard rows >= 1, columns >= 1, rows >= columns, design.count == rows * columns, responses.allSatisfy({ $0.count == rows }) else {
            throw .shape(rows: rows, columns: columns, values: design.count)
        }
        GSL.configure()
        let u = gsl_matrix_alloc(rows, columns)!, square = gsl_matrix_alloc(columns, columns)!, v = gsl_matrix_alloc(columns, columns)!
        let singular = gsl_vector_alloc(columns)!, work = gsl_vector_alloc(columns)!
        defer {
            gsl_matrix_free(u); gsl_matrix_free(square); gsl_matrix_free(v)
            gsl_vector_free(singular); gsl_vector_free(work)
        }
        // Columns scaled to unit length (a zero column stays zero and gets a zero singular value).
        for c in 0..<columns {
            var norm = 0.0
            for r in 0..<rows { norm += design[r * columns + c] * design[r * columns + c] }
            let scale = norm > 0 ? 1 / norm.squareRoot() : 1
            for r in 0..<rows { gsl_matrix_set(u, r, c, design[r * columns + c] * scale) }
        }
        let status = gsl_linalg_SV_decomp_mod(u, square, v, singular, work)
        guard status == GSL_SUCCESS else { throw .gsl(status: status) }
        let largest = gsl_vector_get(singular, 0)
        let kept = (0..<columns).filter { gsl_vector_get(singular, $0) > truncation * largest }
        // U's kept columns, row-major.
        var basis = [Double](repeating: 0, count: rows * kept.count)
        for r in 0..<rows { for (k, c) in kept.enumerated() { basis[r * kept.count + k] = gsl_matrix_get(u, r, c) } }
        return responses.map { y in
            var coefficients = [Double](repeating: 0, count: kept.count)
            for r in 0..<rows { for k in kept.indices { coefficients[k] += basis[r * kept.count + k] * y[r] } }
            return (0..<rows).map { r in
                var value = 0.0
                for k in kept.indices { value += basis[r * kept.count + k] * coefficients[k] }
                return value
            }
        }
    }
}
