import Foundation

/// The uncertainty distribution of one scalar model parameter in a probabilistic sensitivity
/// analysis (PSA), in its native parameters.
///
/// Usual choices (Briggs, Claxton & Sculpher, *Decision Modelling for Health Economic
/// Evaluation*, ch. 4): beta for probabilities and utilities, gamma or lognormal for costs and
/// rates (positive, skewed), lognormal for relative risks and hazard ratios, normal for
/// differences, uniform and triangular where only a range (and a most likely value) is known.
/// Each has a method-of-moments constructor from a mean and a standard error
/// (`ParameterDistribution+Moments.swift`).
public enum ParameterDistribution: Sendable, Equatable {
    /// No uncertainty: always `value`.
    case fixed(Double)
    /// Beta(α, β), α, β > 0, on (0, 1): mean α/(α+β).
    case beta(alpha: Double, beta: Double)
    /// Gamma with shape k > 0 and scale θ > 0: mean kθ, variance kθ².
    case gamma(shape: Double, scale: Double)
    /// Log-normal: exp(N(μ, σ²)), σ > 0, with μ = `meanLog` and σ = `sdLog` on the log scale.
    case lognormal(meanLog: Double, sdLog: Double)
    /// Normal with mean and standard deviation sd > 0.
    case normal(mean: Double, sd: Double)
    /// Uniform on [lower, upper], lower < upper.
    case uniform(lower: Double, upper: Double)
    /// Triangular on [lower, upper] with the density peaking at `mode`
    /// (lower ≤ mode ≤ upper, lower < upper): mean (lower + mode + upper)/3.
    case triangular(lower: Double, mode: Double, upper: Double)

    /// The distribution's mean.
    public var mean: Double {
        switch self {
        case .fixed(let value): value
        case .beta(let a, let b): a / (a + b)
        case .gamma(let shape, let scale): shape * scale
        case .lognormal(let mu, let sigma): exp(mu + sigma * sigma / 2)
        case .normal(let mean, _): mean
        case .uniform(let lower, let upper): (lower + upper) / 2
        case .triangular(let lower, let mode, let upper): (lower + mode + upper) / 3
        }
    }

    /// The distribution's variance.
    public var variance: Double {
        switch self {
        case .fixed: 0
        case .beta(let a, let b): a * b / ((a + b) * (a + b) * (a + b + 1))
        case .gamma(let shape, let scale): shape * scale * scale
        case .lognormal(let mu, let sigma): expm1(sigma * sigma) * exp(2 * mu + sigma * sigma)
        case .normal(_, let sd): sd * sd
        case .uniform(let lower, let upper): (upper - lower) * (upper - lower) / 12
        case .triangular(let a, let c, let b): (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        }
    }

    /// One draw, from the sampler's current stream position.
    ///
    /// Beta, gamma, log-normal and normal use GSL's samplers through `GSLSampler`
    /// (`gsl_ran_beta`, `gsl_ran_gamma`, `gsl_ran_lognormal`, `gsl_ran_gaussian_ziggurat`);
    /// uniform is lower + (upper − lower)·u and triangular is the inverse CDF of one uniform.
    /// `fixed` draws nothing.
    public func sample(using sampler: inout GSLSampler) -> Double {
        switch self {
        case .fixed(let value): value
        case .beta(let a, let b): sampler.beta(a: a, b: b)
        case .gamma(let shape, let scale): sampler.gamma(shape: shape, scale: scale)
        case .lognormal(let mu, let sigma): sampler.lognormal(zeta: mu, sigma: sigma)
        case .normal(let mean, let sd): sampler.normal(mean: mean, sd: sd)
        case .uniform(let lower, let upper): lower + (upper - lower) * sampler.uniform()
        case .triangular(let lower, let mode, let upper):
            Self.triangularQuantile(sampler.uniform(), lower: lower, mode: mode, upper: upper)
        }
    }

    /// Inverse CDF of the triangular distribution:
    /// a + √(p(b − a)(c − a)) for p < F(c) = (c − a)/(b − a), else b − √((1 − p)(b − a)(b − c)).
    static func triangularQuantile(_ p: Double, lower a: Double, mode c: Double, upper b: Double) -> Double {
        let width = b - a
        if p * width < c - a { return a + (p * width * (c - a)).squareRoot() }
        return b - ((1 - p) * width * (b - c)).squareRoot()
    }

    /// Problems with the native parameters, keys relative to the parameter's block (`alpha`,
    /// `shape`, `sdlog`, `min`, …); empty when valid.
    public func validate() -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        func require(_ ok: Bool, _ key: String, _ value: Double, _ requirement: String, _ fix: String) {
            if !ok {
                issues.append(ParameterProblem(keyPath: key, problem: "must be \(requirement) (found \(ParameterProblem.formatNumber(value)))", fix: fix))
            }
        }
        func positive(_ x: Double) -> Bool { x.isFinite && x > 0 }
        switch self {
        case .fixed(let value):
            require(value.isFinite, "value", value, "a finite number", "Give the parameter's value.")
        case .beta(let a, let b):
            require(positive(a), "alpha", a, "> 0", "Give α > 0, e.g. events + 1, or use mean and se.")
            require(positive(b), "beta", b, "> 0", "Give β > 0, e.g. non-events + 1, or use mean and se.")
        case .gamma(let shape, let scale):
            require(positive(shape), "shape", shape, "> 0", "Give the shape k = mean²/se², or use mean and se.")
            require(positive(scale), "scale", scale, "> 0", "Give the scale θ = se²/mean, or use mean and se.")
        case .lognormal(let mu, let sigma):
            require(mu.isFinite, "meanlog", mu, "a finite number", "Give the mean of the log, e.g. ln(median).")
            require(positive(sigma), "sdlog", sigma, "> 0",
                    "Give the SD of the log, e.g. (ln(upper 95%) − ln(lower 95%))/3.92.")
        case .normal(let mean, let sd):
            require(mean.isFinite, "mean", mean, "a finite number", "Give the mean.")
            require(positive(sd), "sd", sd, "> 0", "Give the standard deviation, or use a fixed value for no uncertainty.")
        case .uniform(let lower, let upper):
            require(lower.isFinite, "min", lower, "a finite number", "Give the lower bound.")
            require(upper.isFinite && upper > lower, "max", upper, "> min \(ParameterProblem.formatNumber(lower))",
                    "Give an upper bound above the lower bound.")
        case .triangular(let lower, let mode, let upper):
            require(lower.isFinite, "min", lower, "a finite number", "Give the lower bound.")
            require(upper.isFinite && upper > lower, "max", upper, "> min \(ParameterProblem.formatNumber(lower))",
                    "Give an upper bound above the lower bound.")
            require(mode >= lower && mode <= upper, "mode", mode,
                    "in [min, max] = [\(ParameterProblem.formatNumber(lower)), \(ParameterProblem.formatNumber(upper))]",
                    "Give the most likely value, between the bounds.")
        }
        return issues
    }
}
