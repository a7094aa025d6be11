import CGSL
import Foundation
import Testing
@testable import Baclosim

@Suite struct ParameterDistributionTests {
    let n = 20_000

    /// n draws from consecutive positions of one stream.
    func draws(_ distribution: ParameterDistribution, subject: UInt64) -> SampleMoments {
        var sampler = GSLSampler(key: StreamKey(seed: 77, subject: subject, purpose: .psaParameters), day: 0)
        var moments = SampleMoments()
        for _ in 0..<n { moments.add(distribution.sample(using: &sampler)) }
        return moments
    }

    static func betaExcessKurtosis(_ a: Double, _ b: Double) -> Double {
        6 * ((a - b) * (a - b) * (a + b + 1) - a * b * (a + b + 2)) / (a * b * (a + b + 2) * (a + b + 3))
    }

    @Test func methodOfMomentsRecoversTheGivenMeanAndStandardError() throws {
        let cases: [(ParameterDistribution, Double, Double)] = [
            (try .beta(mean: 0.3, standardError: 0.05), 0.3, 0.05),
            (try .gamma(mean: 1_200, standardError: 300), 1_200, 300),
            (try .lognormal(mean: 1.5, standardError: 0.4), 1.5, 0.4),
            (try .normal(mean: -0.2, standardError: 0.1), -0.2, 0.1),
            (try .uniform(mean: 10, standardError: 2), 10, 2),
            (try .triangular(mean: 10, standardError: 2), 10, 2),
        ]
        for (distribution, mean, se) in cases {
            #expect(abs(distribution.mean - mean) <= 1e-12 * max(1, abs(mean)), "\(distribution)")
            #expect(abs(distribution.variance - se * se) <= 1e-12 * max(1, se * se), "\(distribution)")
        }
        if case .beta(let a, let b) = try ParameterDistribution.beta(mean: 0.3, standardError: 0.05) {
            // m(1−m)/v − 1 = 0.21/0.0025 − 1 = 83.
            #expect(abs(a - 0.3 * 83) <= 1e-10 && abs(b - 0.7 * 83) <= 1e-10)
        }
        if case .gamma(let shape, let scale) = try ParameterDistribution.gamma(mean: 1_200, standardError: 300) {
            #expect(abs(shape - 16) <= 1e-12 && abs(scale - 75) <= 1e-12)
        }
    }

    @Test func sampledMomentsMatchTheTargetsWithinFiveStandardErrors() throws {
        let beta = try ParameterDistribution.beta(mean: 0.3, standardError: 0.05)
        guard case .beta(let a, let b) = beta else { return }
        draws(beta, subject: 1).expectMatches(mean: 0.3, variance: 0.0025,
                                              excessKurtosis: Self.betaExcessKurtosis(a, b), "beta")
        draws(try .gamma(mean: 1_200, standardError: 300), subject: 2)
            .expectMatches(mean: 1_200, variance: 90_000, excessKurtosis: 6.0 / 16, "gamma")
        let lognormal = try ParameterDistribution.lognormal(mean: 1.5, standardError: 0.4)
        guard case .lognormal(_, let sigma) = lognormal else { return }
        let s2 = sigma * sigma
        draws(lognormal, subject: 3).expectMatches(
            mean: 1.5, variance: 0.16, excessKurtosis: exp(4 * s2) + 2 * exp(3 * s2) + 3 * exp(2 * s2) - 6, "lognormal")
        draws(.normal(mean: -0.2, sd: 0.1), subject: 4).expectMatches(mean: -0.2, variance: 0.01, excessKurtosis: 0, "normal")
        draws(.uniform(lower: 2, upper: 5), subject: 5).expectMatches(mean: 3.5, variance: 0.75, excessKurtosis: -1.2, "uniform")
    }

    @Test func triangularMeanIsTheAverageOfItsThreePoints() {
        let triangular = ParameterDistribution.triangular(lower: 0, mode: 1, upper: 5)
        #expect(triangular.mean == 2)
        // (a² + b² + c² − ab − ac − bc)/18 = (0 + 25 + 1 − 0 − 0 − 5)/18.
        #expect(abs(triangular.variance - 21.0 / 18) <= 1e-15)
        draws(triangular, subject: 6).expectMatches(mean: 2, variance: 21.0 / 18, excessKurtosis: -0.6, "triangular")
        // The CDF at the mode is (c − a)/(b − a).
        #expect(abs(triangular.quantile(0.2) - 1) <= 1e-15)
        #expect(triangular.quantile(0) == 0 && triangular.quantile(1) == 5)
    }

    @Test func quantilesInvertGSLsCDFs() {
        for p in [0.001, 0.1, 0.5, 0.9, 0.999] {
            #expect(abs(gsl_cdf_beta_P(ParameterDistribution.beta(alpha: 2, beta: 8).quantile(p), 2, 8) - p) <= 1e-10)
            #expect(abs(gsl_cdf_gamma_P(ParameterDistribution.gamma(shape: 3, scale: 2).quantile(p), 3, 2) - p) <= 1e-10)
            #expect(abs(gsl_cdf_lognormal_P(ParameterDistribution.lognormal(meanLog: 1, sdLog: 0.5).quantile(p), 1, 0.5) - p) <= 1e-10)
            #expect(abs(gsl_cdf_gaussian_P(ParameterDistribution.normal(mean: 3, sd: 2).quantile(p) - 3, 2) - p) <= 1e-10)
            #expect(abs(ParameterDistribution.uniform(lower: 1, upper: 3).quantile(p) - (1 + 2 * p)) <= 1e-15)
        }
        #expect(ParameterDistribution.fixed(4).quantile(0.3) == 4)
    }

    @Test func dirichletMeansAreAlphaOverTheirSum() {
        let dirichlet = DirichletDistribution(alphas: [2, 3, 5])
        #expect(dirichlet.means == [0.2, 0.3, 0.5])
        var sampler = GSLSampler(key: StreamKey(seed: 77, subject: 7, purpose: .psaParameters), day: 0)
        var moments = [SampleMoments](repeating: SampleMoments(), count: 3)
        var values = [Double](repeating: 0, count: 4)
        for _ in 0..<n {
            dirichlet.sample(using: &sampler, into: &values, at: 1)
            #expect(abs(values[1] + values[2] + values[3] - 1) <= 1e-12)
            for i in 0..<3 { moments[i].add(values[1 + i]) }
        }
        #expect(values[0] == 0)
        // Each component is Beta(α_i, α₀ − α_i).
        for i in 0..<3 {
            let a = dirichlet.alphas[i], b = 10 - a
            moments[i].expectMatches(mean: dirichlet.means[i], variance: dirichlet.variances[i],
                                     excessKurtosis: Self.betaExcessKurtosis(a, b), "Dirichlet component \(i)")
        }
    }

    @Test func dirichletFromMeansAndAStandardErrorRoundTrips() throws {
        let dirichlet = try DirichletDistribution(means: [0.5, 0.3, 0.2], standardError: 0.05, ofComponent: 1)
        #expect(abs(dirichlet.variances[1] - 0.0025) <= 1e-15)
        #expect(zip(dirichlet.means, [0.5, 0.3, 0.2]).allSatisfy { abs($0 - $1) <= 1e-15 })
        #expect(DirichletDistribution(means: [0.25, 0.75], effectiveSampleSize: 40).alphas == [10, 30])
        #expect(throws: ParameterProblems.self) { try DirichletDistribution(means: [0.5, 0.6], standardError: 0.1) }
    }

    @Test func betaOutsideTheUnitIntervalOrTooWideNamesTheProblemAndTheFix() {
        do {
            _ = try ParameterDistribution.beta(mean: 1.2, standardError: 0.1)
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.keyPath) == ["mean"])
            #expect(error.description.contains("must be in (0, 1) for a beta distribution (found 1.2)"))
        }
        do {
            _ = try ParameterDistribution.beta(mean: 0.5, standardError: 0.6)
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.keyPath) == ["se"])
            #expect(error.description.contains("must be < mean·(1 − mean) = 0.25"))
            #expect(error.description.contains("Use se < 0.5"))
        }
        do {
            _ = try ParameterDistribution.gamma(mean: -1, standardError: 0)
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.keyPath) == ["mean", "se"])
            #expect(error.problems[0].fix.contains("normal"))
        }
    }

    @Test func nativeParametersAreValidated() {
        #expect(ParameterDistribution.beta(alpha: 0, beta: 2).validate().map(\.keyPath) == ["alpha"])
        #expect(ParameterDistribution.triangular(lower: 1, mode: 5, upper: 3).validate().map(\.keyPath) == ["mode"])
        #expect(ParameterDistribution.uniform(lower: 3, upper: 3).validate().map(\.keyPath) == ["max"])
        #expect(ParameterDistribution.lognormal(meanLog: 0, sdLog: -1).validate().map(\.keyPath) == ["sdlog"])
        #expect(DirichletDistribution(alphas: [1, 0]).validate().map(\.keyPath) == ["alphas[1]"])
        #expect(ParameterDistribution.gamma(shape: 2, scale: 3).validate().isEmpty)
    }
}
