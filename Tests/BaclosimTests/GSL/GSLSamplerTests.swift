import CGSL
import Foundation
import Testing
@testable import Baclosim

@Suite struct GSLSamplerTests {
    let key = StreamKey(seed: 424_242, subject: 9, purpose: .drinkCount)
    let n = 100_000

    // MARK: The generator type

    @Test func generatorTypeDescribesPhiloxWith32BitWords() throws {
        GSL.configure()
        let generator = try #require(gsl_rng_alloc(philoxGSLType))
        defer { gsl_rng_free(generator) }
        #expect(String(cString: gsl_rng_name(generator)) == "philox4x32-10")
        #expect(gsl_rng_min(generator) == 0)
        #expect(gsl_rng_max(generator) == 0xFFFF_FFFF)
    }

    @Test func generatorWordsAreTheBlockWordsInLaneOrder() throws {
        let generator = try #require(gsl_rng_alloc(philoxGSLType))
        defer { gsl_rng_free(generator) }
        generator.pointee.state.assumingMemoryBound(to: PhiloxGSLState.self).pointee =
            PhiloxGSLState(key: key, day: 6, slot: 2)
        for slot: UInt32 in 2..<5 {
            let b = key.block(day: 6, slot: slot)
            for word in [b.x, b.y, b.z, b.w] { #expect(gsl_rng_get(generator) == UInt(word)) }
        }
    }

    @Test func gslSeedSelectsTheReservedPurposeZeroStream() throws {
        let generator = try #require(gsl_rng_alloc(philoxGSLType))
        defer { gsl_rng_free(generator) }
        gsl_rng_set(generator, 77)
        let b = StreamKey(seed: 77, subject: 0, purpose: Purpose(rawValue: 0)).block(day: 0, slot: 0)
        #expect(gsl_rng_get(generator) == UInt(b.x))
    }

    @Test func clonedGeneratorContinuesIdentically() throws {
        let generator = try #require(gsl_rng_alloc(philoxGSLType))
        defer { gsl_rng_free(generator) }
        gsl_rng_set(generator, 5)
        _ = gsl_rng_get(generator)
        let clone = try #require(gsl_rng_clone(generator))
        defer { gsl_rng_free(clone) }
        for _ in 0..<9 { #expect(gsl_rng_get(clone) == gsl_rng_get(generator)) }
    }

    // MARK: Consistency with CounterStream

    @Test func uniformsMatchCounterStreamOnTheSameAddress() {
        var sampler = GSLSampler(key: key, day: 3, slot: 1)
        var stream = CounterStream(key: key, day: 3, slot: 1)
        for _ in 0..<1_000 {
            let fromGSL = sampler.uniform(), native = stream.uniform()
            // Same 64 bits: GSL keeps 53 of them from 0, CounterStream 52 at grid midpoints.
            #expect(abs(fromGSL - native) <= 0x1p-53)
        }
    }

    @Test func repositionReproducesAFreshSamplersSequence() {
        func mixedDraws(_ sampler: inout GSLSampler) -> [Double] {
            (0..<30).map { i in
                switch i % 3 {
                case 0: sampler.normal(mean: 0, sd: 1)
                case 1: sampler.gamma(shape: 0.7, scale: 2)
                default: Double(sampler.poisson(mean: 4))
                }
            }
        }
        var fresh = GSLSampler(key: key, day: 21, slot: 3)
        let expected = mixedDraws(&fresh)

        var reused = GSLSampler(key: StreamKey(seed: 1, subject: 2, purpose: .craving), day: 0)
        _ = mixedDraws(&reused)
        reused.reposition(key: key, day: 21, slot: 3)
        #expect(mixedDraws(&reused) == expected)
        reused.reposition(key: key, day: 21, slot: 3)
        #expect(mixedDraws(&reused) == expected)
    }

    /// Engine rule 2 with one sampler shared across purposes.
    @Test func drawsForOnePurposeDoNotShiftAnotherPurposesNumbers() {
        func drinksAfter(sideEffectDraws k: Int) -> [Int] {
            var sampler = GSLSampler(key: StreamKey(seed: 3, subject: 1, purpose: .sideEffects), day: 8)
            for _ in 0..<k { _ = sampler.beta(a: 2, b: 3) }
            sampler.reposition(key: StreamKey(seed: 3, subject: 1, purpose: .drinkCount), day: 8)
            return (0..<20).map { _ in sampler.negativeBinomial(mean: 5, dispersion: 0.5) }
        }
        let baseline = drinksAfter(sideEffectDraws: 0)
        #expect(drinksAfter(sideEffectDraws: 1) == baseline)
        #expect(drinksAfter(sideEffectDraws: 11) == baseline)
    }

    // MARK: Distributions (tolerances: see SampleMoments)

    private func moments(_ draw: (inout GSLSampler) -> Double, day: UInt32) -> SampleMoments {
        var sampler = GSLSampler(key: key, day: day)
        var moments = SampleMoments()
        for _ in 0..<n { moments.add(draw(&sampler)) }
        return moments
    }

    @Test func uniformHasUniformMoments() {
        moments({ $0.uniform() }, day: 0)
            .expectMatches(mean: 0.5, variance: 1.0 / 12, excessKurtosis: -1.2, "uniform")
    }

    @Test func normalHasTheGivenMeanAndVariance() {
        moments({ $0.normal(mean: 2, sd: 3) }, day: 1)
            .expectMatches(mean: 2, variance: 9, excessKurtosis: 0, "normal(2, 3)")
    }

    @Test func lognormalHasLognormalMoments() {
        let zeta = 0.5, sigma = 0.25, s2 = sigma * sigma
        moments({ $0.lognormal(zeta: zeta, sigma: sigma) }, day: 2).expectMatches(
            mean: exp(zeta + s2 / 2), variance: expm1(s2) * exp(2 * zeta + s2),
            excessKurtosis: exp(4 * s2) + 2 * exp(3 * s2) + 3 * exp(2 * s2) - 6, "lognormal")
    }

    @Test func gammaHasShapeTimesScaleMoments() {
        // Shape ≥ 1 and < 1 take different paths in GSL (Marsaglia–Tsang, then a boost by U^(1/k)).
        for (shape, scale) in [(2.5, 1.5), (0.5, 4.0)] {
            moments({ $0.gamma(shape: shape, scale: scale) }, day: 3).expectMatches(
                mean: shape * scale, variance: shape * scale * scale, excessKurtosis: 6 / shape,
                "gamma(\(shape), \(scale))")
        }
    }

    @Test func betaHasBetaMoments() {
        let a = 2.0, b = 5.0, s = a + b
        moments({ $0.beta(a: a, b: b) }, day: 4).expectMatches(
            mean: a / s, variance: a * b / (s * s * (s + 1)),
            excessKurtosis: 6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2)) / (a * b * (s + 2) * (s + 3)),
            "beta(2, 5)")
    }

    @Test func poissonHasMeanEqualToVariance() {
        // GSL switches algorithm at mean 10.
        for mean in [3.2, 40.0] {
            moments({ Double($0.poisson(mean: mean)) }, day: 5)
                .expectMatches(mean: mean, variance: mean, excessKurtosis: 1 / mean, "poisson(\(mean))")
        }
    }

    @Test func binomialHasBinomialMoments() {
        // Small n·p uses inversion, large n·p the BTPE algorithm.
        for (p, trials) in [(0.3, 20), (0.4, 1_000)] {
            let m = Double(trials)
            moments({ Double($0.binomial(p: p, n: trials)) }, day: 6).expectMatches(
                mean: m * p, variance: m * p * (1 - p),
                excessKurtosis: (1 - 6 * p * (1 - p)) / (m * p * (1 - p)), "binomial(\(p), \(trials))")
        }
    }

    @Test func negativeBinomialHasFailureCountMoments() {
        let p = 0.4, size = 3.5
        moments({ Double($0.negativeBinomial(p: p, n: size)) }, day: 7).expectMatches(
            mean: size * (1 - p) / p, variance: size * (1 - p) / (p * p),
            excessKurtosis: 6 / size + p * p / (size * (1 - p)), "negativeBinomial(0.4, 3.5)")
    }

    @Test func negativeBinomialByMeanAndDispersionHasQuadraticVariance() {
        let mean = 6.0, dispersion = 0.4
        let size = 1 / dispersion, p = 1 / (1 + dispersion * mean)
        moments({ Double($0.negativeBinomial(mean: mean, dispersion: dispersion)) }, day: 8).expectMatches(
            mean: mean, variance: mean + dispersion * mean * mean,
            excessKurtosis: 6 / size + p * p / (size * (1 - p)), "negativeBinomial(mean 6, α 0.4)")
        moments({ Double($0.negativeBinomial(mean: mean, dispersion: 0)) }, day: 9)
            .expectMatches(mean: mean, variance: mean, excessKurtosis: 1 / mean, "negativeBinomial(α 0)")
    }

    @Test func exponentialHasTheGivenMean() {
        moments({ $0.exponential(mean: 2.5) }, day: 10)
            .expectMatches(mean: 2.5, variance: 6.25, excessKurtosis: 6, "exponential(2.5)")
    }

    @Test func multivariateNormalHasTheGivenMeanAndCovariance() throws {
        let omega = CholeskyTests.covariance
        let mean = [10.0, -1.0, 0.5]
        let factor = try CholeskyFactor(covariance: omega, dimension: 3)
        var sampler = GSLSampler(key: key, day: 11)
        var x = [0.0, 0.0, 0.0]
        var sums = [Double](repeating: 0, count: 3)
        var crossProducts = [Double](repeating: 0, count: 9)
        for _ in 0..<n {
            sampler.multivariateNormal(mean: mean, cholesky: factor, into: &x)
            for i in 0..<3 {
                sums[i] += x[i]
                for j in 0..<3 { crossProducts[i * 3 + j] += (x[i] - mean[i]) * (x[j] - mean[j]) }
            }
        }
        let count = Double(n)
        for i in 0..<3 {
            let sampleMean = sums[i] / count
            #expect(abs(sampleMean - mean[i]) <= 5 * (omega[i * 4] / count).squareRoot(), "mean \(i)")
            for j in 0..<3 {
                // Covariance about the known mean; for a normal pair SE = √((ΩᵢᵢΩⱼⱼ + Ωᵢⱼ²)/n).
                let sampleCovariance = crossProducts[i * 3 + j] / count
                let se = ((omega[i * 4] * omega[j * 4] + omega[i * 3 + j] * omega[i * 3 + j]) / count).squareRoot()
                #expect(abs(sampleCovariance - omega[i * 3 + j]) <= 5 * se,
                        "Ω[\(i)][\(j)]: \(sampleCovariance) vs \(omega[i * 3 + j]) ± \(5 * se)")
            }
        }
    }

    // MARK: Setup

    @Test func configureIsIdempotentAndVersionIsKnown() {
        GSL.configure()
        GSL.configure()
        #expect(GSL.version.hasPrefix("2."))
        // With the handler off, a failing GSL call returns its status instead of aborting.
        var indefinite: [Double] = [1, 2, 2, 1]
        let status = indefinite.withUnsafeMutableBufferPointer { buffer in
            var view = gsl_matrix_view_array(buffer.baseAddress, 2, 2)
            return gsl_linalg_cholesky_decomp1(&view.matrix)
        }
        #expect(status == Int32(GSL_EDOM))
    }
}
