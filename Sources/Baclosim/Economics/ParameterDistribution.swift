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
    /// Empirical (discrete): `values[i]` with probability `probabilities[i]`; values ascending
    /// and distinct, probabilities ≥ 0 summing to 1. Drawn by inversion of one uniform.
    case empirical(values: [Double], probabilities: [Double])

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
        case .empirical(let values, let probabilities): zip(values, probabilities).reduce(0) { $0 + $1.0 * $1.1 }
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
        case .empirical(let values, let probabilities):
            zip(values, probabilities).reduce(0) { $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean) }
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
        case .empirical(let values, let probabilities):
            Self.empiricalQuantile(sampler.uniform(), values: values, probabilities: probabilities)
        }
    }

    /// Inverse CDF of the empirical distribution: the smallest value whose cumulative
    /// probability reaches `p` (the last value for `p` at or above the total).
    static func empiricalQuantile(_ p: Double, values: [Double], probabilities: [Double]) -> Double {
        var cumulative = 0.0
        for (value, probability) in zip(values, probabilities) {
            cumulative += probability
            if p <= cumulative { return value }
        }
        return values.last ?? .nan
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
        case .empirical(let values, let probabilities):
            if values.isEmpty || values.count != probabilities.count {
                issues.append(ParameterProblem(keyPath: "probabilities",
                                               problem: "must give one probability per value (\(values.count) values, \(probabilities.count) probabilities)",
                                               fix: "List as many probabilities as values, or leave probabilities out for equal weights."))
            }
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                require(false, "values[\(bad)]", values[bad], "a finite number", "Give the value.")
            }
            if zip(values, values.dropFirst()).contains(where: { !($0 < $1) }) {
                issues.append(ParameterProblem(keyPath: "values", problem: "must be distinct and ascending",
                                               fix: "List each value once, smallest first, with its probability beside it."))
            }
            if let bad = probabilities.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
                require(false, "probabilities[\(bad)]", probabilities[bad], "in [0, 1]", "Give a probability.")
            }
            let total = probabilities.reduce(0, +)
            if !probabilities.isEmpty && abs(total - 1) > 1e-6 {
                issues.append(ParameterProblem(keyPath: "probabilities", problem: "sum to \(ParameterProblem.formatNumber(total)), not 1",
                                               fix: "Make the probabilities add up to 1."))
            }
        }
        return issues
    }
}
