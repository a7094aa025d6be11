import Foundation
import Testing

/// Sample moments for distribution tests, and tolerances derived from the sample size.
///
/// Tolerances are 5 standard errors of the estimator under the distribution being tested, so a
/// correct sampler fails a check with probability about 6·10⁻⁷ (and the tests use fixed seeds, so
/// a pass is reproducible):
/// - mean: SE = σ/√n;
/// - variance: the sample variance s² has SE = √((μ₄ − σ⁴)/n) to first order, where μ₄ is the
///   fourth central moment; with excess kurtosis κ, μ₄ = (κ + 3)σ⁴, so SE = σ²·√((κ + 2)/n);
/// - a proportion: SE = √(p(1 − p)/n);
/// - a correlation of independent variables: SE = 1/√n.
struct SampleMoments {
    private(set) var count = 0
    private(set) var mean = 0.0
    private var sumOfSquares = 0.0

    mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        sumOfSquares += delta * (x - mean)
    }

    var variance: Double { sumOfSquares / Double(count - 1) }

    /// Checks mean and variance against the distribution's, within 5 standard errors.
    func expectMatches(mean expectedMean: Double, variance expectedVariance: Double,
                       excessKurtosis: Double, _ what: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let n = Double(count)
        let meanTolerance = 5 * expectedVariance.squareRoot() / n.squareRoot()
        let varianceTolerance = 5 * expectedVariance * ((excessKurtosis + 2) / n).squareRoot()
        #expect(abs(mean - expectedMean) <= meanTolerance,
                "\(what): mean \(mean) vs \(expectedMean) ± \(meanTolerance)",
                sourceLocation: sourceLocation)
        #expect(abs(variance - expectedVariance) <= varianceTolerance,
                "\(what): variance \(variance) vs \(expectedVariance) ± \(varianceTolerance)",
                sourceLocation: sourceLocation)
    }
}

/// Pearson correlation of paired samples.
func correlation(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count && x.count > 1)
    let n = Double(x.count)
    let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in x.indices {
        let dx = x[i] - meanX, dy = y[i] - meanY
        sxy += dx * dy
        sxx += dx * dx
        syy += dy * dy
    }
    return sxy / (sxx * syy).squareRoot()
}

/// Checks an observed proportion against `p` within 5 standard errors.
func expectProportion(_ hits: Int, of n: Int, near p: Double, _ what: String,
                      sourceLocation: SourceLocation = #_sourceLocation) {
    let observed = Double(hits) / Double(n)
    let tolerance = 5 * (p * (1 - p) / Double(n)).squareRoot()
    #expect(abs(observed - p) <= tolerance, "\(what): \(observed) vs \(p) ± \(tolerance)",
            sourceLocation: sourceLocation)
}

/// Standard normal CDF Φ(x) = erfc(−x/√2)/2.
func standardNormalCDF(_ x: Double) -> Double {
    0.5 * erfc(-x / 2.0.squareRoot())
}
