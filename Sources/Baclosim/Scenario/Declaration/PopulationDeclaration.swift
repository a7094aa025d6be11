/// The `population:` block: the covariate distributions subjects are drawn from (docs/model.md,
/// population). A continuous covariate is a clamped lognormal `{median, log_sd, lower, upper}` or
/// a bounded distribution of the shared vocabulary (``covariateDistribution``).
extension BlockDeclaration {
    /// The correlated covariates by their names in `correlations`.
    static let covariateSlots: [(name: String, slot: CovariateSlot)] = [
        ("sex", .sex), ("age", .age), ("weight", .weight), ("renal", .renal), ("liver", .liver), ("psychiatric", .psychiatric),
        ("dsm5_criteria", .dsm5Criteria), ("baseline_drinks", .baselineDrinks), ("pregnancy", .pregnancy),
        ("baseline_craving", .baselineCraving), ("baseline_heavy_days", .baselineHeavyDays), ("drinking_frailty", .drinkingFrailty),
    ]

    static let population = BlockDeclaration(
        "population", meaning: "the covariate distributions subjects are drawn from, with optional correlations (a Gaussian copula)",
        example: "{male_probability: 0.7, age_years: {mean: 47, sd: 10}, baseline_craving: {median: 1, log_sd: 0.3}}",
        atMostOneOf: [["creatinine_clearance_mL_per_min", "serum_creatinine_mg_per_dL"]],
        keys: [
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the population in words", fix: "Describe the population in words."),
            KeyDeclaration("male_probability", .number(unit: "", rule: .unitInterval), .required,
                           meaning: "share of men", fix: "Give the share of men, e.g. 0.7."),
            KeyDeclaration("age_years", .forms([covariateDistribution, fixedAge, uniformAge, normalAge]), .optional(absent: "45 for everyone"),
                           meaning: "age (years)", fix: "Give {fixed: 45}, {uniform: [18, 65]} or {mean: 47, sd: 10, lower: 18, upper: 75}."),
            KeyDeclaration("weight_kg", .block(weightBySex), .optional(absent: "80 for men, 65 for women"),
                           meaning: "body weight by sex (kg)", fix: "Give \(weightBySex.example)."),
            KeyDeclaration("creatinine_clearance_mL_per_min", .forms(margins(median: 100)), .optional(absent: "100 for everyone (unless serum creatinine is given)"),
                           meaning: "creatinine clearance, the renal function (mL/min)", fix: "Give {median: 100, log_sd: 0.25, lower: 15, upper: 180}."),
            KeyDeclaration("serum_creatinine_mg_per_dL", .forms(margins(median: 0.9)), .optional(absent: "creatinine clearance is given"),
                           meaning: "instead of creatinine clearance: serum creatinine (mg/dL), CrCl following by Cockcroft–Gault from age, weight and sex, within [5, 250] mL/min",
                           fix: "Give {median: 0.9, log_sd: 0.2}; CrCl follows by Cockcroft–Gault."),
            KeyDeclaration("liver_disease", .block(liverDisease), .optional(absent: "none"),
                           meaning: "shares with liver disease", fix: "Give \(liverDisease.example)."),
            KeyDeclaration("psychiatric_probability", .number(unit: "", rule: .unitInterval), .defaulted(.number(0)),
                           meaning: "share with psychiatric comorbidity", fix: "Give a share, e.g. 0.3."),
            KeyDeclaration("dsm5_criteria", .block(dsm5Criteria), .optional(absent: "6 for everyone"),
                           meaning: "DSM-5 alcohol use disorder criteria met", fix: "Give {fixed: 6} or {binomial_p: 0.5} (2 + Binomial(9, p))."),
            KeyDeclaration("baseline_drinks_per_day", .forms(margins(median: 8)), .optional(absent: "10 for everyone"),
                           meaning: "pre-treatment consumption (drinks/day)", fix: "Give {median: 8, log_sd: 0.5}."),
            KeyDeclaration("baseline_heavy_drinking_days_percent", .block(heavyDaysPercent), .optional(absent: "not drawn (endpoints needing it are errors)"),
                           meaning: "the pre-treatment share of heavy drinking days as trials report it (mean ± SD), a Beta distribution on 0–100 %; read by `change_in_percent_heavy_drinking_days`", fix: "Give the trial's baseline as \(heavyDaysPercent.example) (percent of days; Beta distribution)."),
            KeyDeclaration("pregnancy", .list(pregnancyBand), .optional(absent: "nobody pregnant"),
                           meaning: "probability of pregnancy of the women in each age band", fix: "Give [\(pregnancyBand.example)]."),
            KeyDeclaration("baseline_craving", .forms(margins(median: 1)), .required,
                           meaning: "μ_i, the subject's mean craving off drug (craving units)", fix: "Give the baseline craving level, e.g. {median: 1, log_sd: 0.3}."),
            KeyDeclaration("drinking_frailty", .forms(margins(median: 1)), .optional(absent: "1 for everyone"),
                           meaning: "the subject's drinking frailty: how much more (or less) often than others the subject drinks once drinking, beyond the covariates; read by the drinking hazards whose `multipliers` give `drinking_frailty_power` (copula name `drinking_frailty`)", fix: "Give {median: 1, log_sd: 0.8}."),
            KeyDeclaration("correlations", .list(covariateCorrelation), .optional(absent: "independent"),
                           meaning: "Gaussian-copula correlations between covariates; the matrix must be positive definite", fix: "Give [\(covariateCorrelation.example)]."),
        ])

    /// A continuous covariate's forms: the lognormal shorthand, or a bounded distribution.
    static func margins(median: Double) -> [BlockDeclaration] {
        [covariateDistribution, lognormalMargin(median: median)]
    }

    /// `{median, log_sd, lower, upper}`: a lognormal clamped to [lower, upper]. A log-SD beyond 3
    /// (a factor of 20 per SD) means nothing for any covariate and keeps the values finite.
    static func lognormalMargin(median: Double) -> BlockDeclaration {
        let example = ScenarioIssue.formatNumber(median)
        let unit = "the covariate's unit"
        return BlockDeclaration(
            "median/log_sd", meaning: "a lognormal by its median and the SD of its log, values beyond a bound set to it",
            example: "{median: \(example), log_sd: 0.2}",
            keys: [
                KeyDeclaration("median", .number(unit: unit, rule: .positive), .required, meaning: "median", fix: "Give the median, e.g. \(example)."),
                KeyDeclaration("log_sd", .number(unit: "", rule: .within(0, 3)), .defaulted(.number(0)),
                               meaning: "SD of the log (0: everyone at the median)", fix: "Give the SD of the log (0–3), e.g. 0.2."),
                KeyDeclaration("lower", .number(unit: unit, rule: .any), .optional(absent: "unbounded"), meaning: "lower clamp", fix: "Give a lower clamp."),
                KeyDeclaration("upper", .number(unit: unit, rule: .any), .optional(absent: "unbounded"), meaning: "upper clamp", fix: "Give an upper clamp."),
            ])
    }

    static let fixedAge = BlockDeclaration(
        "fixed", meaning: "everyone the same age", example: "{fixed: 45}",
        keys: [KeyDeclaration("fixed", .number(unit: "years", rule: .within(0, 150)), .required, meaning: "the age", fix: "Give an age, e.g. 45.")])

    static let uniformAge = BlockDeclaration(
        "uniform", meaning: "ages uniform between two bounds", example: "{uniform: [18, 65]}",
        keys: [KeyDeclaration("uniform", .numbers(unit: "years", rule: .within(0, 150), count: 2), .required,
                              meaning: "`[lower, upper]`, lower ≤ upper", fix: "Give [lower, upper], e.g. [18, 65].")])

    static let normalAge = BlockDeclaration(
        "mean/sd/lower/upper", meaning: "a normal truncated to [lower, upper]", example: "{mean: 47, sd: 10, lower: 18, upper: 75}",
        keys: [
            KeyDeclaration("mean", .number(unit: "years", rule: .within(0, 150)), .required, meaning: "mean before truncation", fix: "Give the mean age, e.g. 47."),
            KeyDeclaration("sd", .number(unit: "years", rule: .within(0, 100)), .required, meaning: "SD before truncation, > 0", fix: "Give the SD, e.g. 10."),
            KeyDeclaration("lower", .number(unit: "years", rule: .within(0, 150)), .defaulted(.number(18)), meaning: "youngest age", fix: "Give the lowest age, e.g. 18."),
            KeyDeclaration("upper", .number(unit: "years", rule: .within(0, 150)), .defaulted(.number(90)), meaning: "oldest age", fix: "Give the highest age, e.g. 75."),
        ])

    static let weightBySex = BlockDeclaration(
        "weight_kg", meaning: "body weight of men and women", example: "{male: {median: 80, log_sd: 0.18}, female: {median: 65, log_sd: 0.18}}",
        keys: [
            KeyDeclaration("male", .forms(margins(median: 80)), .required, meaning: "men's weight", fix: "Give {median: 80, log_sd: 0.18}."),
            KeyDeclaration("female", .forms(margins(median: 65)), .required, meaning: "women's weight", fix: "Give {median: 65, log_sd: 0.18}."),
        ])

    static let liverDisease = BlockDeclaration(
        "liver_disease", meaning: "shares of subjects with compensated liver disease and with cirrhosis (together ≤ 1)", example: "{compensated: 0.1, cirrhosis: 0.05}",
        keys: [
            KeyDeclaration("compensated", .number(unit: "", rule: .unitInterval), .defaulted(.number(0)), meaning: "share with compensated liver disease", fix: "Give a share, e.g. 0.1."),
            KeyDeclaration("cirrhosis", .number(unit: "", rule: .unitInterval), .defaulted(.number(0)), meaning: "share with cirrhosis", fix: "Give a share, e.g. 0.05."),
        ])

    static let dsm5Criteria = BlockDeclaration(
        "dsm5_criteria", meaning: "DSM-5 criteria met: a fixed count, or 2 + Binomial(9, p)", example: "{binomial_p: 0.5}",
        exactlyOneOf: [["fixed", "binomial_p"]],
        keys: [
            KeyDeclaration("fixed", .integer(unit: "criteria", minimum: 2, maximum: 11), .optional(absent: "binomial_p"), meaning: "everyone meets this many", fix: "Give a count from 2 to 11."),
            KeyDeclaration("binomial_p", .number(unit: "", rule: .unitInterval), .optional(absent: "fixed"), meaning: "probability of each of the 9 further criteria", fix: "Give a probability, e.g. 0.5."),
        ])

    static let heavyDaysPercent = BlockDeclaration(
        "baseline_heavy_drinking_days_percent", meaning: "a Beta distribution of the percentage of heavy drinking days before treatment", example: "{mean: 70, sd: 20}",
        keys: [
            KeyDeclaration("mean", .number(unit: "% of days", rule: .within(0, 100)), .required, meaning: "mean", fix: "Give the mean percentage of heavy drinking days, e.g. 70."),
            KeyDeclaration("sd", .number(unit: "percentage points", rule: .within(0, 50)), .defaulted(.number(0)),
                           meaning: "SD (0: everyone at the mean); below √(mean·(100 − mean))", fix: "Give the SD in percentage points, e.g. 20 (0: everyone at the mean)."),
        ])

    static let pregnancyBand = BlockDeclaration(
        "pregnancy band", meaning: "the probability a woman in an age band is pregnant", example: "{age_years: [18, 45], probability: 0.02}",
        keys: [
            KeyDeclaration("age_years", .numbers(unit: "years", rule: .within(0, 150), count: 2), .required, meaning: "`[lower, upper]`", fix: "Give [lower, upper] years, e.g. [18, 45]."),
            KeyDeclaration("probability", .number(unit: "", rule: .unitInterval), .required, meaning: "probability of pregnancy", fix: "Give a probability, e.g. 0.02."),
        ])

    static let covariateCorrelation = BlockDeclaration(
        "covariate correlation", meaning: "a normal-copula correlation between two covariates", example: "{between: [baseline_drinks, dsm5_criteria], rho: 0.4}",
        keys: [
            KeyDeclaration("between", .choiceList(covariateSlots.map(\.name)), .required, meaning: "the two covariates", fix: "Write between: [baseline_drinks, dsm5_criteria]."),
            KeyDeclaration("rho", .number(unit: "", rule: .within(-1, 1)), .required, meaning: "the correlation", fix: "Give a correlation in [-1, 1]."),
        ])
}
