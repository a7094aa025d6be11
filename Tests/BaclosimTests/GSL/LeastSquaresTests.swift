import Foundation
import Testing
@testable import Baclosim

/// The truncated-SVD least squares behind EVPPI: a response in the columns' span is fitted
/// exactly; any residual is orthogonal to every column (the normal equations); a repeated column
/// (collinear, as a Dirichlet's proportions are) changes nothing.
@Suite struct LeastSquaresTests {
    static let rows = 200
    static let x = (0..<rows).map { Double($0) / Double(rows) * 3 - 1 }

    static func design(_ columns: [[Double]]) -> [Double] {
        (0..<rows).flatMap { r in columns.map { $0[r] } }
    }

    @Test func spanIsFittedExactlyAndResidualsAreOrthogonal() throws {
        let x = Self.x
        let columns = [x.map { _ in 1.0 }, x, x.map { $0 * $0 * 1000 }]
        let inSpan = x.map { 2 - 3 * $0 + 0.5 * $0 * $0 }
        let other = x.map { sin(5 * $0) }
        let fitted = try LeastSquares.fittedValues(design: Self.design(columns), rows: Self.rows, columns: 3, responses: [inSpan, other])
        for r in 0..<Self.rows { #expect(abs(fitted[0][r] - inSpan[r]) < 1e-10) }
        for column in columns {
            var residualDot = 0.0, columnNorm = 0.0, responseNorm = 0.0
            for r in 0..<Self.rows {
                residualDot += (other[r] - fitted[1][r]) * column[r]
                columnNorm += column[r] * column[r]
                responseNorm += other[r] * other[r]
            }
            let scale = (columnNorm * responseNorm).squareRoot()
            #expect(abs(residualDot) < 1e-10 * scale)
        }
    }

    @Test func aRepeatedColumnChangesNothing() throws {
        let x = Self.x
        let y = x.map { exp($0) }
        let plain = try LeastSquares.fittedValues(design: Self.design([x.map { _ in 1.0 }, x]), rows: Self.rows, columns: 2, responses: [y])
        let repeated = try LeastSquares.fittedValues(design: Self.design([x.map { _ in 1.0 }, x, x]), rows: Self.rows, columns: 3, responses: [y])
        for r in 0..<Self.rows { #expect(abs(plain[0][r] - repeated[0][r]) < 1e-10) }
    }

    @Test func moreColumnsThanRowsIsRefused() {
        #expect(throws: LeastSquares.Failure.self) { try LeastSquares.fittedValues(design: [1, 2], rows: 1, columns: 2, responses: [[1]]) }
    }
}
