/// The `psa:` block: the uncertain numbers `baclosim psa` draws, each addressed by the key path
/// of a number (or, for a Dirichlet, of a list of proportions) in the scenario.
extension BlockDeclaration {
    static let psa = BlockDeclaration(
        "psa", meaning: "probabilistic sensitivity analysis: an outer loop over parameter draws, an inner run of the same subjects per draw",
        example: "{draws: 200, parameters: [{key: drugs.baclofen.effect.emax, distribution: beta, mean: 0.5, se: 0.05}]}",
        keys: [
            KeyDeclaration("draws", .integer(unit: "count", minimum: 1, maximum: 10_000_000), .defaulted(.integer(1000)),
                           meaning: "outer-loop draws (`--draws` overrides)", fix: "Give the number of outer-loop draws, e.g. draws: 1000."),
            KeyDeclaration("subjects_per_draw", .integer(unit: "count", minimum: 1, maximum: 999_999_999), .optional(absent: "`run.subjects`"),
                           meaning: "inner-loop subjects (`--subjects` overrides)", fix: "Give the inner-loop subjects per draw, e.g. 1000."),
            KeyDeclaration("willingness_to_pay", .numbers(unit: "currency/QALY", rule: .nonNegative),
                           .defaulted(.numbers(PSADefinition.defaultWillingnessToPay)),
                           meaning: "λ values for the acceptability curve and the EVPI", fix: "Give λ values in currency per QALY, e.g. [0, 20000, 30000]."),
            KeyDeclaration("parameters", .list(psaParameter), .required,
                           meaning: "the uncertain numbers (the block may `include:` a file giving `parameters` and `correlations`, e.g. a joint calibration's `--psa-out`; keys beside `include:` win)",
                           fix: "List the uncertain values, e.g. [{key: drugs.baclofen.effect.emax, distribution: beta, mean: 0.7, se: 0.05}]."),
            KeyDeclaration("correlations", .list(psaCorrelation), .optional(absent: "independent"),
                           meaning: "normal-copula correlations between parameters", fix: "Give [{between: [key1, key2], rho: 0.3}]."),
        ])

    static let psaParameter = BlockDeclaration(
        "psa parameter", meaning: "one uncertain number: its key path and its distribution",
        example: "{key: drugs.baclofen.effect.emax, distribution: beta, mean: 0.7, se: 0.05}",
        keys: [
            KeyDeclaration("key", .text, .required,
                           meaning: "key path of a number in this scenario (of a list of proportions for `dirichlet`), as for `sweep`",
                           fix: "Give the key path of a number in this scenario, e.g. drugs.baclofen.effect.emax."),
            KeyDeclaration("distribution", .choice(distributionNames), .required, meaning: "the distribution's name",
                           fix: "Use beta (probabilities, utilities), gamma or lognormal (costs, rates), normal, uniform, triangular, fixed, empirical or dirichlet."),
        ] + distributionParameters + [
            KeyDeclaration("alphas", .numbers(unit: "counts", rule: .any), .optional(absent: "needed by dirichlet"),
                           meaning: "dirichlet: the concentrations, one per proportion of the list", fix: "Give the concentrations, e.g. alphas: [30, 50, 20] (counts)."),
        ])

    static let psaCorrelation = BlockDeclaration(
        "psa correlation", meaning: "a normal-copula correlation between two parameters",
        example: "{between: [key1, key2], rho: 0.3}",
        keys: [
            KeyDeclaration("between", .texts(count: 2), .required, meaning: "the two parameters' keys",
                           fix: "Name the two parameters' keys, e.g. between: [a.b, c.d]."),
            KeyDeclaration("rho", .number(unit: "", rule: .any), .required, meaning: "the normal-copula correlation, in (−1, 1)",
                           fix: "Give the normal-copula correlation in (−1, 1), e.g. 0.3."),
        ])
}
