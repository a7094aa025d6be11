/// The `drinking:` block: the multi-state drinking model (docs/model.md, drinking), its hazards
/// and the amount drunk on a drinking day. Upper bounds keep the hazards' arithmetic finite:
/// larger coefficients and shapes mean nothing for a daily process.
extension BlockDeclaration {
    static let drinking = BlockDeclaration(
        "drinking", meaning: "drinking states, their hazards and transitions, and the amount drunk on a drinking day",
        example: "{include: models/alcohol-default.yaml}",
        keys: [
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the model in words", fix: "Describe the model."),
            KeyDeclaration("substance", .choice(Substance.allCases.map(\.rawValue)), .defaulted(.text(Substance.alcohol.rawValue)),
                           meaning: "what a \"drinking day\" is. For `opioids`/`cocaine` a day of illicit use with no amount: `standard_drink_g`, `heavy_day_drinks` and `amount` are not allowed, endpoints needing amounts (heavy days, grams, drinks, risk levels, relapse) are errors, the daily series `abstinent_share` is named `use_free_share`, and an `economics:` block is an error (it reads alcohol drinking-risk levels)",
                           fix: "Use alcohol, opioids or cocaine."),
            KeyDeclaration("standard_drink_g", .number(unit: "g ethanol", rule: .within(1, 100)), .optional(absent: "required for alcohol"),
                           meaning: "grams of ethanol in a standard drink", fix: "Give grams of ethanol per standard drink: 10 (WHO), 12 or 14."),
            KeyDeclaration("heavy_day_drinks", .block(heavyDayDrinks), .optional(absent: "NIAAA: 5 for men, 4 for women"),
                           meaning: "a heavy drinking day has at least this many drinks: what `on_heavy_drinking_day` transitions and every heavy-day endpoint without its own count",
                           fix: "Give \(heavyDayDrinks.example)."),
            KeyDeclaration("initial_state", .text, .optional(absent: "the first state"), meaning: "the state every subject starts in",
                           fix: "Name a state, e.g. initial_state: abstinent."),
            KeyDeclaration("amount", .block(drinkAmount), .optional(absent: "required for alcohol"),
                           meaning: "drinks on a drinking day: 1 + a count with mean intercept + craving_slope·max(x, 0) + baseline_drinks_slope·baseline drinks/day",
                           fix: "Give \(drinkAmount.example)."),
            KeyDeclaration("states", .list(drinkingState), .required, meaning: "the states, the first the default start",
                           fix: "List the states, e.g. [{name: abstinent, drinking_hazard: {...}}]."),
        ])

    static let drinkAmount = BlockDeclaration(
        "amount", meaning: "drinks on a drinking day = 1 + a Poisson or negative-binomial count (mean capped at 100)",
        example: "{distribution: poisson, craving_slope: 3}",
        keys: [
            KeyDeclaration("distribution", .choice(["poisson", "negative_binomial"]), .required, meaning: "the count's distribution",
                           fix: "Use poisson or negative_binomial (drinks = 1 + count)."),
            KeyDeclaration("craving_slope", .number(unit: "drinks per craving unit", rule: .within(0, 100)), .required,
                           meaning: "extra drinks per unit of craving above 0", fix: "Give extra drinks per unit craving (0–100), e.g. 3."),
            KeyDeclaration("intercept", .number(unit: "drinks", rule: .within(0, 100)), .defaulted(.number(0)),
                           meaning: "constant part of the mean", fix: "Give a constant mean (0–100 drinks), e.g. 0."),
            KeyDeclaration("baseline_drinks_slope", .number(unit: "", rule: .within(0, 100)), .defaulted(.number(0)),
                           meaning: "extra drinks per baseline drink/day", fix: "Give the weight of baseline drinks/day (0–100), e.g. 0."),
            KeyDeclaration("dispersion", .number(unit: "", rule: .within(0.001, 1e6)), .optional(absent: "required by negative_binomial"),
                           meaning: "`negative_binomial` only: r in variance = μ + μ²/r", fix: "Give the dispersion (variance = μ + μ²/r), e.g. 2."),
        ])

    static let drinkingState = BlockDeclaration(
        "drinking state", meaning: "a state of the drinking model", example: "{name: abstinent, drinking_hazard: {baseline: {constant_per_day: 0.03}}}",
        keys: [
            KeyDeclaration("name", .text, .required, meaning: "the state's name (unique)", fix: "Name the state."),
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the state in words", fix: "Describe the state."),
            KeyDeclaration("role", .choice(["active", "dropped_out", "dead"]), .defaulted(.text("active")),
                           meaning: "`active` (observed, in the study), `dropped_out` (no longer observed; endpoints apply their missing-data convention), `dead` (absorbing, no drinking: entering it is a death as in `economics.mortality`, the day lived and half counted, nothing after it, endpoints censored)", fix: "Use active, dropped_out or dead."),
            KeyDeclaration("drinking_hazard", .block(hazard), .optional(absent: "no drinking in this state"),
                           meaning: "the daily hazard of a drinking day", fix: "Give \(hazard.example)."),
            KeyDeclaration("transitions", .list(transition), .optional(absent: "none"),
                           meaning: "competing hazards of moving to other states; a hazard transition wins over an event transition on the same day", fix: "List {to: state, hazard: {...}}."),
            KeyDeclaration("on_drinking_day", .text, .optional(absent: "stay"), meaning: "the state entered after a drinking day",
                           fix: "Name a state, e.g. on_drinking_day: lapsed."),
            KeyDeclaration("on_heavy_drinking_day", .text, .optional(absent: "stay"), meaning: "the state entered after a heavy drinking day (else `on_drinking_day`)",
                           fix: "Name a state, e.g. on_heavy_drinking_day: relapsed."),
            KeyDeclaration("ends_treatment", .boolean, .defaulted(.boolean(false)), meaning: "entering this `dropped_out`/`dead` state stops the drug abruptly from the next day (left treatment; the OUD and cocaine models); otherwise the regimen runs on after dropout (alcohol models, RM-1)",
                           fix: "Write true if entering this state stops the drug."),
        ])

    static let transition = BlockDeclaration(
        "transition", meaning: "a hazard of moving to another state", example: "{to: dropped_out, hazard: {baseline: {constant_per_day: 0.004}}}",
        keys: [
            KeyDeclaration("to", .text, .required, meaning: "the target state", fix: "Name the target state."),
            KeyDeclaration("hazard", .block(hazard), .required, meaning: "the daily hazard", fix: "Give the hazard."),
        ])

    static let hazard = BlockDeclaration(
        "hazard", meaning: "h = baseline(t) × exp(β·(x − reference)) × multipliers × (1 − s·E) × exp(γ·E), x the latent craving, E the drug effect",
        example: "{baseline: {constant_per_day: 0.03}, craving_coefficient: 1.2, craving_reference: 1}",
        keys: [
            KeyDeclaration("baseline", .block(baselineHazard), .required, meaning: "the baseline hazard", fix: "Give {constant_per_day: 0.03} or {log_logistic: {shape: 1.1, scale_days: 28}}."),
            KeyDeclaration("clock", .choice(["time_in_state", "study_day"]), .defaulted(.text("time_in_state")),
                           meaning: "τ counts days in the current state (restarting on entry) or the study day", fix: "Use time_in_state or study_day."),
            KeyDeclaration("craving_coefficient", .number(unit: "/craving unit", rule: .within(-20, 20)), .defaulted(.number(0)),
                           meaning: "β", fix: "Give β in exp(β·(x − reference)) (−20 to 20), e.g. 1.2."),
            KeyDeclaration("craving_reference", .number(unit: "craving units", rule: .within(-100, 100)), .defaulted(.number(0)),
                           meaning: "the craving level where exp(β·(x − reference)) = 1", fix: "Give the craving level where exp(β·(x − reference)) = 1, e.g. 1."),
            KeyDeclaration("effect_coefficient", .number(unit: "/effect unit", rule: .within(-20, 20)), .defaulted(.number(0)),
                           meaning: "γ: a direct (not craving-mediated) drug effect on the log hazard", fix: "Give the log-hazard change per unit drug effect (−20 to 20), e.g. 0."),
            KeyDeclaration("effect_reduction", .number(unit: "", rule: .unitInterval), .defaulted(.number(0)),
                           meaning: "s: the drug effect E (the arm drug's `effect:` on its exposure, 0–1) removes the fraction s·E of the hazard; 1 reads h × (1 − E). For retention in treatment (dropout under opioid agonists then depends on the drug, dose and exposure)",
                           fix: "Give s in h × (1 − s·E), 0–1; 1 lets the drug effect E remove its fraction of the hazard."),
            KeyDeclaration("treatment_effect", .boolean, .defaulted(.boolean(true)), meaning: "the arm's `drinking_hazard_ratio` applies",
                           fix: "Write true if the arm's drinking_hazard_ratio applies."),
            KeyDeclaration("multipliers", .block(hazardMultipliers), .optional(absent: "none"), meaning: "factors by the subject's covariates and history",
                           fix: "Give e.g. {has_drunk: 4, male: 1.1}."),
        ])

    static let baselineHazard = BlockDeclaration(
        "baseline", meaning: "the baseline hazard as a function of τ (days); day τ uses H(τ + 1) − H(τ), so survival is exact at whole days", example: "{constant_per_day: 0.03}",
        exactlyOneOf: [["constant_per_day", "weibull", "log_logistic", "log_logistic_cure", "piecewise_constant"]],
        keys: [
            KeyDeclaration("constant_per_day", .number(unit: "/day", rule: .nonNegative), .optional(absent: "another form"),
                           meaning: "a constant hazard h", fix: "Give a daily hazard, e.g. 0.03."),
            KeyDeclaration("weibull", .block(parametricHazard("weibull")), .optional(absent: "another form"),
                           meaning: "Weibull: H = (t/scale)^shape", fix: "Give {shape: 1.1, scale_days: 28}."),
            KeyDeclaration("log_logistic", .block(parametricHazard("log_logistic")), .optional(absent: "another form"),
                           meaning: "log-logistic: S = 1/(1 + (t/scale)^shape)", fix: "Give {shape: 1.1, scale_days: 28}."),
            KeyDeclaration("log_logistic_cure", .block(logLogisticCure), .optional(absent: "another form"),
                           meaning: "S = π + (1 − π)/(1 + (t/scale)^shape), π the cured fraction", fix: "Give {shape: 1.1, scale_days: 28, cured_fraction: 0.5}."),
            KeyDeclaration("piecewise_constant", .block(piecewiseConstant), .optional(absent: "another form"),
                           meaning: "rate i from start day i on", fix: "Give {start_days: [0, 28], rates_per_day: [0.05, 0.02]}."),
        ])

    static let shapeKey = KeyDeclaration("shape", .number(unit: "", rule: .aboveZeroAtMost(20)), .required, meaning: "shape", fix: "Give the shape (0–20), e.g. 1.1.")
    static let scaleKey = KeyDeclaration("scale_days", .number(unit: "days", rule: .aboveZeroAtMost(1e6)), .required, meaning: "scale", fix: "Give the scale in days, e.g. 28.")

    static func parametricHazard(_ name: String) -> BlockDeclaration {
        BlockDeclaration("shape and scale", meaning: "a hazard by its shape and scale", example: "{shape: 1.1, scale_days: 28}", keys: [shapeKey, scaleKey])
    }

    static let logLogisticCure = BlockDeclaration(
        "log_logistic_cure", meaning: "a log-logistic hazard for the share not cured", example: "{shape: 1.1, scale_days: 28, cured_fraction: 0.5}",
        keys: [shapeKey, scaleKey,
               KeyDeclaration("cured_fraction", .number(unit: "", rule: .unitInterval), .required, meaning: "the never-relapsing share",
                              fix: "Give the never-relapsing share, e.g. 0.5.")])

    static let piecewiseConstant = BlockDeclaration(
        "piecewise_constant", meaning: "rate i from start day i on", example: "{start_days: [0, 28], rates_per_day: [0.05, 0.02]}",
        keys: [
            KeyDeclaration("start_days", .numbers(unit: "days", rule: .within(0, Double(ScenarioNodeReader.maximumHorizonDays))), .required,
                           meaning: "whole days, increasing from 0", fix: "Give increasing start days beginning with 0."),
            KeyDeclaration("rates_per_day", .numbers(unit: "/day", rule: .nonNegative), .required,
                           meaning: "one rate per start day", fix: "Give one rate per start day."),
        ])

    static let hazardMultipliers = BlockDeclaration(
        "multipliers", meaning: "factors on the hazard by the subject's covariates and history (1: none)", example: "{has_drunk: 4, male: 1.1}",
        keys: [
            factor("male", "for men"), factor("psychiatric", "with psychiatric comorbidity"),
            factor("compensated_liver", "with compensated liver disease"), factor("cirrhosis", "with cirrhosis"),
            factor("per_dsm5_criterion", "per DSM-5 criterion above `reference_dsm5_criteria` (raised to the power criteria − reference)"),
            KeyDeclaration("reference_dsm5_criteria", .integer(unit: "criteria", minimum: 0, maximum: 11), .defaulted(.integer(6)),
                           meaning: "the count at which the per-criterion factor is 1", fix: "Give a count of criteria from 0 to 11, e.g. 6."),
            KeyDeclaration("log_per_age_year", .number(unit: "/year", rule: .within(-1, 1)), .defaulted(.number(0)),
                           meaning: "log-hazard change per year of age above the reference", fix: "Give the log-hazard change per year (−1 to 1), e.g. -0.02."),
            KeyDeclaration("reference_age_years", .number(unit: "years", rule: .within(0, 150)), .defaulted(.number(40)),
                           meaning: "the age at which the age factor is 1", fix: "Give an age, e.g. 40."),
            factor("has_drunk", "once any drinking day has occurred, from the next day"), factor("side_effect", "while any side effect is present"),
            KeyDeclaration("drinking_frailty_power", .number(unit: "", rule: .within(0, 4)), .defaulted(.number(0)),
                           meaning: "the power of the subject's drinking frailty F (1: in proportion)",
                           fix: "Give the power of the subject's drinking frailty, 0–4 (1: in proportion)."),
        ])

    private static func factor(_ name: String, _ when: String) -> KeyDeclaration {
        KeyDeclaration(name, .number(unit: "", rule: .aboveZeroAtMost(1000)), .defaulted(.number(1)), meaning: "factor \(when)",
                       fix: "Give a positive factor (at most 1000), e.g. 1.2.")
    }
}
