/// The `adherence:` and `craving:` blocks (docs/model.md sections 4 and 5).
extension BlockDeclaration {
    static let adherence = BlockDeclaration(
        "adherence", meaning: "whether each scheduled dose is taken: independently with one probability, or persistently (a two-state Markov chain on taken/missed); optional drug holidays",
        example: "{take_probability: 0.9}",
        keys: [
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "what the adherence model is based on",
                           fix: "Describe the adherence model."),
            KeyDeclaration("take_probability", .number(unit: "", rule: .unitInterval), .optional(absent: "1 (every dose taken) unless the persistent form is given"),
                           meaning: "each scheduled dose taken independently with this probability",
                           fix: "Give the probability a dose is taken, e.g. 0.9."),
            KeyDeclaration("miss_after_taken", .number(unit: "", rule: .unitInterval), .optional(absent: "independent form"),
                           meaning: "instead of `take_probability`, with `miss_after_missed`: a two-state Markov chain, P(miss | previous dose taken)",
                           fix: "Give P(miss | previous dose taken), e.g. 0.05."),
            KeyDeclaration("miss_after_missed", .number(unit: "", rule: .unitInterval), .optional(absent: "independent form"),
                           meaning: "with `miss_after_taken`: P(miss | previous dose missed)",
                           fix: "Give P(miss | previous dose missed), e.g. 0.4."),
            KeyDeclaration("holidays", .block(holidays), .optional(absent: "none"),
                           meaning: "drug holidays (all doses missed)", fix: "Give {start_rate_per_day: 0.01, mean_length_days: 3}."),
        ])

    static let holidays = BlockDeclaration(
        "holidays", meaning: "drug holidays: they start at a daily rate and last a geometric number of days",
        example: "{start_rate_per_day: 0.01, mean_length_days: 3}",
        keys: [
            KeyDeclaration("start_rate_per_day", .number(unit: "/day", rule: .unitInterval), .required,
                           meaning: "probability a holiday starts on a day", fix: "Give a daily rate, e.g. 0.01."),
            KeyDeclaration("mean_length_days", .number(unit: "days", rule: .positive), .required,
                           meaning: "mean length of a holiday", fix: "Give the mean length, e.g. 3."),
        ])

    /// Upper bounds keep the latent craving (scale ≈ 1) finite: larger values mean nothing.
    static let craving = BlockDeclaration(
        "craving", meaning: "the latent craving process: an Ornstein–Uhlenbeck process with a mean that priming, early withdrawal and therapy move, and jumps at cue exposures",
        example: "{theta_per_day: 0.25, sigma_per_sqrt_day: 0.35}",
        keys: [
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "what the craving model is based on",
                           fix: "Describe the craving model."),
            KeyDeclaration("theta_per_day", .number(unit: "/day", rule: .positive), .required,
                           meaning: "mean-reversion rate θ", fix: "Give the mean-reversion rate per day, e.g. 0.25."),
            KeyDeclaration("sigma_per_sqrt_day", .number(unit: "/√day", rule: .within(0, 10)), .required,
                           meaning: "volatility σ (stationary SD σ/√(2θ))", fix: "Give the volatility (0–10), e.g. 0.35."),
            KeyDeclaration("psychosocial_multiplier", .number(unit: "", rule: .within(0, 10)), .defaulted(.number(1)),
                           meaning: "mean × this in arms with `psychosocial_therapy: true`", fix: "Give a multiplier (0–10), e.g. 0.9."),
            KeyDeclaration("priming", .block(meanShift("priming", after: "a drinking day", example: "{multiplier: 1.3, days: 3}")),
                           .optional(absent: "none"), meaning: "mean × multiplier on the `days` days after a drinking day",
                           fix: "Give {multiplier: 1.3, days: 3}."),
            KeyDeclaration("early_withdrawal", .block(meanShift("early_withdrawal", after: "the start of treatment", example: "{multiplier: 1.2, days: 7}")),
                           .optional(absent: "none"), meaning: "mean × multiplier on study days 0 … days − 1",
                           fix: "Give {multiplier: 1.2, days: 7}."),
            KeyDeclaration("cues", .block(cues), .optional(absent: "none"),
                           meaning: "Poisson cue exposures adding exponential jumps", fix: "Give {rate_per_day: 0.1, mean_jump: 0.3}."),
        ])

    /// A factor on the craving mean for some days after an event.
    static func meanShift(_ name: String, after event: String, example: String) -> BlockDeclaration {
        BlockDeclaration(
            name, meaning: "the craving mean times `multiplier` for `days` days after \(event)", example: example,
            keys: [
                KeyDeclaration("multiplier", .number(unit: "", rule: .within(0, 10)), .required,
                               meaning: "factor on the craving mean", fix: "Give a multiplier (0–10), e.g. 1.3."),
                KeyDeclaration("days", .integer(unit: "days", minimum: 0, maximum: ScenarioNodeReader.maximumHorizonDays), .required,
                               meaning: "days affected after \(event)", fix: "Give the days affected, e.g. 3."),
            ])
    }

    static let cues = BlockDeclaration(
        "cues", meaning: "cue exposures arrive at a Poisson rate and raise craving by an exponential jump",
        example: "{rate_per_day: 0.1, mean_jump: 0.3}",
        keys: [
            KeyDeclaration("rate_per_day", .number(unit: "/day", rule: .within(0, 20)), .required,
                           meaning: "cue exposures per day", fix: "Give cue exposures per day, e.g. 0.1."),
            KeyDeclaration("mean_jump", .number(unit: "craving units", rule: .within(0, 10)), .required,
                           meaning: "mean jump in craving at an exposure", fix: "Give the mean jump in craving units (0–10), e.g. 0.3."),
        ])
}
