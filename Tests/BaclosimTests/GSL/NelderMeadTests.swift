import Foundation
import Testing
@testable import Baclosim

/// The GSL Nelder–Mead wrapper on analytic functions with known minima, its error path, and the
/// bounded-parameter transform.
@Suite struct NelderMeadTests {
    /// Rosenbrock's banana, minimum 0 at (1, 1): a curved valley that tests the simplex moves.
    @Test func rosenbrockMinimumIsFoundFromTheClassicStart() throws {
        let result = try NelderMead.minimize(start: [-1.2, 1], step: [0.5, 0.5], maxIterations: 2000, sizeTolerance: 1e-9) { x in
            let a = 1 - x[0], b = x[1] - x[0] * x[0]
            return a * a + 100 * b * b
        }
        #expect(result.converged)
        #expect(abs(result.x[0] - 1) < 1e-4 && abs(result.x[1] - 1) < 1e-4, "\(result.x)")
        #expect(result.value < 1e-8)
        #expect(result.evaluations > result.iterations)
    }

    /// A shifted, scaled quadratic in three dimensions: minimum 2 at (1, −2, 3).
    @Test func quadraticMinimumAndValueAreRecovered() throws {
        let centre = [1.0, -2, 3], scale = [1.0, 10, 0.1]
        let result = try NelderMead.minimize(start: [0, 0, 0], step: [1, 1, 1], maxIterations: 5000, sizeTolerance: 1e-7) { x in
            var sum = 2.0
            for i in 0..<3 {
                let d = x[i] - centre[i]
                sum += scale[i] * d * d
            }
            return sum
        }
        #expect(result.converged)
        for i in 0..<3 {
            let error: Double = abs(result.x[i] - centre[i])
            #expect(error < 1e-3, "coordinate \(i): \(result.x)")
        }
        #expect(abs(result.value - 2) < 1e-8)
    }

    /// One dimension works (the calibration of one parameter).
    @Test func oneDimensionalParabola() throws {
        let result = try NelderMead.minimize(start: [5], step: [1], maxIterations: 500, sizeTolerance: 1e-8) { x in (x[0] - 0.25) * (x[0] - 0.25) }
        #expect(abs(result.x[0] - 0.25) < 1e-4)
    }

    /// The iteration limit stops a minimisation and says it did not converge.
    @Test func iterationLimitIsReportedAsNotConverged() throws {
        let result = try NelderMead.minimize(start: [-1.2, 1], step: [0.5, 0.5], maxIterations: 3, sizeTolerance: 1e-12) { x in
            (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0])
        }
        #expect(!result.converged)
        #expect(result.iterations == 3)
    }

    struct Boom: Error, Equatable {}

    /// An error thrown by the objective stops the minimiser and is rethrown as is.
    @Test func objectiveErrorIsRethrown() {
        var calls = 0
        #expect(throws: Boom.self) {
            _ = try NelderMead.minimize(start: [0, 0], step: [1, 1], maxIterations: 100, sizeTolerance: 1e-6) { x in
                calls += 1
                if calls == 4 { throw Boom() }
                return x[0] * x[0] + x[1] * x[1]
            }
        }
        #expect(calls == 4)
    }

    /// A non-finite objective value is a failure, not a silent result.
    @Test func nonFiniteObjectiveFails() {
        #expect(throws: NelderMead.Failure.self) {
            _ = try NelderMead.minimize(start: [0], step: [1], maxIterations: 100, sizeTolerance: 1e-6) { _ in .infinity }
        }
    }

    /// The logit (and log-logit) transform round-trips and maps every real inside the bounds.
    @Test func parameterTransformRoundTripsAndStaysInBounds() {
        for transform in [ParameterTransform(lower: 0.01, upper: 0.99, isLogScale: false),
                          ParameterTransform(lower: 1e-4, upper: 0.2, isLogScale: true)] {
            for x in [transform.lower * 1.01, (transform.lower + transform.upper) / 2, transform.upper * 0.99] {
                #expect(abs(transform.bounded(transform.unbounded(x)) - x) <= 1e-12 * max(1, abs(x)))
            }
            for y in [-1e6, -40, 0, 40, 1e6] {
                let x = transform.bounded(y)
                #expect(x >= transform.lower && x <= transform.upper)
            }
        }
        // Mid-range maps to 0 (linear: the arithmetic, log: the geometric mean).
        #expect(abs(ParameterTransform(lower: 1e-4, upper: 1e-2, isLogScale: true).unbounded(1e-3)) < 1e-12)
        #expect(abs(ParameterTransform(lower: 0, upper: 2, isLogScale: false).unbounded(1)) < 1e-12)
    }
}
