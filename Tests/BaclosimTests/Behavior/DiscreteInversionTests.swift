import Foundation
import Testing
@testable import Baclosim

@Suite struct DiscreteInversionTests {
    /// Poisson pmf from logs (independent of the sequential recurrence under test).
    static func poissonPMF(_ k: Int, _ lambda: Double) -> Double {
        exp(-lambda + Double(k) * log(lambda) - lgamma(Double(k) + 1))
    }

    @Test func poissonFrequenciesMatchThePMF() {
        var random = BehaviorTestRandom(seed: 1)
        let n = 200_000, lambda = 3.0
        var counts = [Int](repeating: 0, count: 40)
        for _ in 0..<n { counts[min(39, DiscreteInversion.poisson(uniform: random.uniform(), mean: lambda))] += 1 }
        for k in 0...12 {
            #expect(BehaviorStats.proportionAgrees(Double(counts[k]) / Double(n), Self.poissonPMF(k, lambda), n: n), "k = \(k)")
        }
    }

    @Test func poissonReturnsTheSmallestCountWhoseCDFReachesU() {
        var random = BehaviorTestRandom(seed: 2)
        for lambda in [0.05, 1.0, 3.0, 12.5, 80.0, 600.0, 2500.0] {
            for _ in 0..<300 {
                let u = random.uniform()
                let k = DiscreteInversion.poisson(uniform: u, mean: lambda)
                // F(k) ≥ u > F(k − 1), with F summed in log space around the mode.
                var below = 0.0
                let start = max(0, Int(lambda - 12 * lambda.squareRoot()))
                if k > start { for j in start..<k { below += Self.poissonPMF(j, lambda) } }
                let atK = below + Self.poissonPMF(k, lambda)
                #expect(atK >= u - 1e-12 && below < u + 1e-12, "λ \(lambda), u \(u), k \(k)")
            }
        }
    }

    @Test func poissonCountIsMonotoneInTheMeanForAFixedUniform() {
        // The coupling that keeps arms paired: the same u never gives more drinks at a lower mean.
        var random = BehaviorTestRandom(seed: 3)
        for _ in 0..<400 {
            let u = random.uniform()
            var previous = 0
            for step in 0...300 {
                let k = DiscreteInversion.poisson(uniform: u, mean: Double(step) * 0.1)
                #expect(k >= previous)
                previous = k
            }
            // Across the switch to the far start.
            #expect(DiscreteInversion.poisson(uniform: u, mean: DiscreteInversion.farStartMean - 1e-9)
                    <= DiscreteInversion.poisson(uniform: u, mean: DiscreteInversion.farStartMean))
        }
        #expect(DiscreteInversion.poisson(uniform: 0.7, mean: 0) == 0)
    }

    @Test func negativeBinomialMatchesItsPMFAndMoments() {
        let mean = 4.0, r = 2.0
        func pmf(_ k: Int) -> Double {
            exp(lgamma(Double(k) + r) - lgamma(r) - lgamma(Double(k) + 1)
                + r * log(r / (r + mean)) + Double(k) * log(mean / (r + mean)))
        }
        var random = BehaviorTestRandom(seed: 4)
        let n = 100_000
        var counts = [Int](repeating: 0, count: 200)
        var values: [Double] = []
        for _ in 0..<n {
            let k = DiscreteInversion.negativeBinomial(uniform: random.uniform(), mean: mean, dispersion: r)
            counts[min(199, k)] += 1
            values.append(Double(k))
        }
        for k in 0...15 { #expect(BehaviorStats.proportionAgrees(Double(counts[k]) / Double(n), pmf(k), n: n), "k = \(k)") }
        let (m, v) = BehaviorStats.meanAndVariance(values)
        let variance = mean + mean * mean / r
        #expect(abs(m - mean) <= 5 * (variance / Double(n)).squareRoot())
        #expect(abs(v - variance) <= 0.05 * variance)
        // Far start (p0 underflows): still the quantile.
        let big = DiscreteInversion.negativeBinomial(uniform: 0.5, mean: 5000, dispersion: 1000)
        #expect(abs(Double(big) - 5000) < 5 * (5000.0 + 25_000).squareRoot())
    }

    @Test func binomialFrequenciesMatchThePMF() {
        let trials = 9, p = 0.35
        func pmf(_ k: Int) -> Double {
            exp(lgamma(10) - lgamma(Double(k) + 1) - lgamma(Double(trials - k) + 1)
                + Double(k) * log(p) + Double(trials - k) * log(1 - p))
        }
        var random = BehaviorTestRandom(seed: 5)
        let n = 100_000
        var counts = [Int](repeating: 0, count: trials + 1)
        for _ in 0..<n { counts[DiscreteInversion.binomial(uniform: random.uniform(), trials: trials, probability: p)] += 1 }
        for k in 0...trials { #expect(BehaviorStats.proportionAgrees(Double(counts[k]) / Double(n), pmf(k), n: n), "k = \(k)") }
        #expect(DiscreteInversion.binomial(uniform: 0.999, trials: 9, probability: 1) == 9)
        #expect(DiscreteInversion.binomial(uniform: 0.999, trials: 9, probability: 0) == 0)
    }
}
