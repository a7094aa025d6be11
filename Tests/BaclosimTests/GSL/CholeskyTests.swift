import Testing
@testable import Baclosim

@Suite struct CholeskyTests {
    /// Ω from standard deviations (1, 2, 0.5) and correlations ρ₁₂ = 0.5, ρ₁₃ = −0.3, ρ₂₃ = 0.2.
    static let covariance: [Double] = [
        1.0, 1.0, -0.15,
        1.0, 4.0, 0.2,
        -0.15, 0.2, 0.25,
    ]

    @Test func factorOfATwoByTwoMatchesHandComputation() throws {
        // [[4, 2], [2, 3]] = L·Lᵀ with L = [[2, 0], [1, √2]].
        let factor = try CholeskyFactor(covariance: [4, 2, 2, 3], dimension: 2)
        #expect(factor.lower[0] == 2 && factor.lower[1] == 0 && factor.lower[2] == 1)
        #expect(abs(factor.lower[3] - 2.0.squareRoot()) <= 1e-15)
    }

    @Test func factorTimesItsTransposeReproducesTheCovariance() throws {
        let factor = try CholeskyFactor(covariance: Self.covariance, dimension: 3)
        let l = factor.lower
        for i in 0..<3 {
            #expect(l[i * 3 + i] > 0)
            for j in 0..<3 {
                if j > i { #expect(l[i * 3 + j] == 0) }
                let product = (0..<3).reduce(0.0) { $0 + l[i * 3 + $1] * l[j * 3 + $1] }
                #expect(abs(product - Self.covariance[i * 3 + j]) <= 1e-14)
            }
        }
    }

    @Test func transformInPlaceAgreesWithTransform() throws {
        let factor = try CholeskyFactor(covariance: Self.covariance, dimension: 3)
        let z = [0.3, -1.2, 2.5]
        var x = [0.0, 0.0, 0.0]
        factor.transform(z, into: &x)
        var v = z
        factor.transformInPlace(&v)
        #expect(v == x)
        // Row 0 of L·z is L₀₀·z₀ = 1·0.3.
        #expect(x[0] == 0.3)
    }

    @Test func indefiniteMatrixIsRejected() {
        // Eigenvalues 3 and −1.
        #expect(throws: RandomError.notPositiveDefinite) {
            try CholeskyFactor(covariance: [1, 2, 2, 1], dimension: 2)
        }
    }

    @Test func singularMatrixIsRejected() {
        // Correlation exactly 1: positive semi-definite only.
        #expect(throws: RandomError.notPositiveDefinite) {
            try CholeskyFactor(covariance: [1, 1, 1, 1], dimension: 2)
        }
    }

    @Test func jointlyImpossibleCorrelationsAreRejected() {
        // ρ₁₂ = ρ₁₃ = 0.9 but ρ₂₃ = −0.9: each in (−1, 1), together impossible.
        #expect(throws: RandomError.notPositiveDefinite) {
            try CholeskyFactor(covariance: [1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1], dimension: 3)
        }
    }

    @Test func asymmetricMatrixIsRejectedNamingTheEntry() {
        #expect(throws: RandomError.notSymmetric(row: 2, column: 1)) {
            try CholeskyFactor(covariance: [1, 0, 0, 0, 1, 0.1, 0, 0.2, 1], dimension: 3)
        }
    }

    @Test func roundingLevelAsymmetryIsAccepted() throws {
        let a = 0.1 * 0.3 * 0.7, b = 0.7 * 0.3 * 0.1   // equal up to rounding
        _ = try CholeskyFactor(covariance: [1, a, b, 1], dimension: 2)
    }

    @Test func wrongEntryCountAndNonFiniteEntriesAreRejected() {
        #expect(throws: RandomError.dimensionMismatch(dimension: 2, found: 3)) {
            try CholeskyFactor(covariance: [1, 0, 1], dimension: 2)
        }
        #expect(throws: RandomError.dimensionMismatch(dimension: 0, found: 0)) {
            try CholeskyFactor(covariance: [], dimension: 0)
        }
        #expect(throws: RandomError.nonFinite(row: 1, column: 0)) {
            try CholeskyFactor(covariance: [1, 0, .nan, 1], dimension: 2)
        }
    }

    @Test func errorMessagesSayWhatToFix() {
        #expect(RandomError.notPositiveDefinite.description.contains("correlations"))
        #expect(RandomError.notSymmetric(row: 2, column: 1).description.contains("[2][1]"))
    }
}
