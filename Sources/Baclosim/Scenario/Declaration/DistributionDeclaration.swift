/// The distribution vocabulary shared by `psa:` parameters and covariates given as
/// `{distribution: NAME, …}`: the distribution's name and its parameters, either by mean and
/// standard error (method of moments) or natively. Which parameters a distribution reads is
/// ``ScenarioNodeReader/distributionParameterKeys``; its kernel (``ParameterDistribution``)
/// checks their values.
extension BlockDeclaration {
    /// The distributions of the vocabulary; `dirichlet` only for a PSA's list of proportions.
    static let distributionNames = ["beta", "gamma", "lognormal", "normal", "uniform", "triangular", "fixed", "empirical", "dirichlet"]

    /// The parameter keys of every distribution, in documentation order.
    static let distributionParameters: [KeyDeclaration] = [
        parameter("mean", "mean (every distribution but fixed, empirical and dirichlet; with `se`, or with `sd` for normal)"),
        parameter("se", "standard error: with `mean`, the distribution by method of moments"),
        parameter("sd", "normal: standard deviation, with `mean`"),
        parameter("alpha", "beta: first shape α"),
        parameter("beta", "beta: second shape β"),
        parameter("shape", "gamma: shape k"),
        parameter("scale", "gamma: scale θ"),
        parameter("meanlog", "lognormal: mean of the log"),
        parameter("sdlog", "lognormal: SD of the log"),
        parameter("min", "uniform, triangular: lowest value"),
        parameter("mode", "triangular: mode"),
        parameter("max", "uniform, triangular: highest value"),
        parameter("value", "fixed: the value"),
        KeyDeclaration("values", .numbers(unit: "", rule: .any), .optional(absent: "needed by those distributions"),
                       meaning: "empirical: the possible values, ascending", fix: "Give the possible values, e.g. values: [30, 60, 90]."),
        KeyDeclaration("probabilities", .numbers(unit: "", rule: .any), .optional(absent: "equal weights"),
                       meaning: "empirical: one probability per value, summing to 1", fix: "Give one probability per value, e.g. [0.2, 0.5, 0.3]."),
    ]

    private static func parameter(_ name: String, _ meaning: String) -> KeyDeclaration {
        KeyDeclaration(name, .number(unit: "", rule: .any), .optional(absent: "needed by those distributions"), meaning: meaning,
                       fix: "Give \(name) of the distribution (see the distributions in Scenarios/README.md).")
    }

    /// A covariate given as a distribution of the vocabulary, bounded.
    static let covariateDistribution = BlockDeclaration(
        "distribution", meaning: "a covariate drawn from a distribution of the `psa:` vocabulary, restricted to [lower, upper]",
        example: "{distribution: NAME, …, lower, upper}",
        keys: [KeyDeclaration("distribution", .choice(distributionNames.filter { $0 != "dirichlet" }), .required,
                              meaning: "the distribution's name",
                              fix: "Use one of \(distributionNames.filter { $0 != "dirichlet" }.joined(separator: ", ")), e.g. distribution: gamma, mean: 100, se: 25.")]
            + distributionParameters
            + [
                KeyDeclaration("lower", .number(unit: "the covariate's unit", rule: .any), .optional(absent: "unbounded"),
                               meaning: "lowest value", fix: "Give the lowest value."),
                KeyDeclaration("upper", .number(unit: "the covariate's unit", rule: .any), .optional(absent: "unbounded"),
                               meaning: "highest value", fix: "Give the highest value."),
                KeyDeclaration("bounds", .choice(["truncate", "clamp"]), .defaulted(.text("truncate")),
                               meaning: "`truncate`: the distribution restricted to [lower, upper]; `clamp`: values beyond a bound set to it",
                               fix: "Use bounds: truncate (the distribution restricted to [lower, upper]) or clamp (values beyond a bound set to it)."),
            ])
}
