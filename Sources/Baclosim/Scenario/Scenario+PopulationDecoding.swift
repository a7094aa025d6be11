import Yams

/// Reading the `population:` block and per-arm `eligibility:` rules.
extension ScenarioNodeReader {
    static let populationKeys = ["male_probability", "age_years", "weight_kg", "creatinine_clearance_mL_per_min",
                                 "serum_creatinine_mg_per_dL", "liver_disease", "psychiatric_probability", "dsm5_criteria",
                                 "baseline_drinks_per_day", "baseline_heavy_drinking_days_percent", "pregnancy", "baseline_craving",
                                 "drinking_frailty", "correlations", "description"]
    static let marginKeys = ["median", "log_sd", "lower", "upper"]
    static let slotNames: [String: CovariateSlot] = [
        "sex": .sex, "age": .age, "weight": .weight, "renal": .renal, "liver": .liver, "psychiatric": .psychiatric,
        "dsm5_criteria": .dsm5Criteria, "baseline_drinks": .baselineDrinks, "pregnancy": .pregnancy, "baseline_craving": .baselineCraving,
        "baseline_heavy_days": .baselineHeavyDays, "drinking_frailty": .drinkingFrailty,
    ]

    /// The population's covariate distributions.
    func population(from node: Node, at path: ScenarioKeyPath) -> CovariateModel? {
        let before = issues.count
        guard let block = mapping(node, at: path, fix: "Give the population as a mapping; see Scenarios/README.md.") else { return nil }
        block.checkKeys(allowed: Self.populationKeys, fix: "See the population keys in Scenarios/README.md.")
        if block.has("description") { _ = block.text("description", fix: "Describe the population in words.") }
        let male = block.number("male_probability", rule: .unitInterval, fix: "Give the share of men, e.g. 0.7.")
        let age = block.mapping("age_years", required: false, fix: "Give {fixed: 45}, {uniform: [18, 65]} or {mean: 47, sd: 10, lower: 18, upper: 75}.")
            .flatMap(ageDistribution) ?? .fixed(years: 45)
        var weight = WeightDistribution(male: .fixed(80), female: .fixed(65))
        if let w = block.mapping("weight_kg", required: false, fix: "Give {male: {median: 80, log_sd: 0.18}, female: {median: 65, log_sd: 0.18}}.") {
            w.checkKeys(allowed: ["male", "female"], fix: "weight_kg has male and female margins.")
            let m = w.mapping("male", fix: "Give {median: 80, log_sd: 0.18}.").flatMap { self.margin($0, example: 80) }
            let f = w.mapping("female", fix: "Give {median: 65, log_sd: 0.18}.").flatMap { self.margin($0, example: 65) }
            if let m, let f { weight = WeightDistribution(male: m, female: f) }
        }
        var renal = RenalFunctionModel.creatinineClearance(.fixed(100))
        if block.has("creatinine_clearance_mL_per_min") && block.has("serum_creatinine_mg_per_dL") {
            report(path.appending("serum_creatinine_mg_per_dL"), at: block.value("serum_creatinine_mg_per_dL"),
                   "give creatinine clearance or serum creatinine, not both", fix: "Keep one of the two keys.")
        } else if let c = block.mapping("creatinine_clearance_mL_per_min", required: false,
                                        fix: "Give {median: 100, log_sd: 0.25, lower: 15, upper: 180}.").flatMap({ self.margin($0, example: 100) }) {
            renal = .creatinineClearance(c)
        } else if let s = block.mapping("serum_creatinine_mg_per_dL", required: false,
                                        fix: "Give {median: 0.9, log_sd: 0.2}; CrCl follows by Cockcroft–Gault.").flatMap({ self.margin($0, example: 0.9) }) {
            renal = .cockcroftGault(serumCreatinineMgPerDL: s, lowerMLPerMin: 5, upperMLPerMin: 250)
        }
        var liver = LiverDiseaseDistribution()
        if let l = block.mapping("liver_disease", required: false, fix: "Give {compensated: 0.1, cirrhosis: 0.05}.") {
            l.checkKeys(allowed: ["compensated", "cirrhosis"], fix: "liver_disease has compensated and cirrhosis shares.")
            liver.compensated = l.number("compensated", required: false, rule: .unitInterval, fix: "Give a share, e.g. 0.1.") ?? 0
            liver.cirrhosis = l.number("cirrhosis", required: false, rule: .unitInterval, fix: "Give a share, e.g. 0.05.") ?? 0
            if liver.compensated + liver.cirrhosis > 1 {
                report(l.path, at: l.node, "shares add up to more than 1", fix: "Make compensated + cirrhosis ≤ 1.")
            }
        }
        let psychiatric = block.number("psychiatric_probability", required: false, rule: .unitInterval, fix: "Give a share, e.g. 0.3.") ?? 0
        var dsm5 = DSM5CriteriaDistribution.fixed(6)
        if let d = block.mapping("dsm5_criteria", required: false, fix: "Give {fixed: 6} or {binomial_p: 0.5} (2 + Binomial(9, p)).") {
            d.checkKeys(allowed: ["fixed", "binomial_p"], fix: "dsm5_criteria has fixed or binomial_p.")
            if let n = d.integer("fixed", required: false, minimum: 2, fix: "Give a count from 2 to 11.") { dsm5 = .fixed(min(n, 11)) }
            if let p = d.number("binomial_p", required: false, rule: .unitInterval, fix: "Give a probability, e.g. 0.5.") { dsm5 = .binomial(probabilityPerCriterion: p) }
        }
        let drinks = block.mapping("baseline_drinks_per_day", required: false, fix: "Give {median: 8, log_sd: 0.5}.")
            .flatMap { self.margin($0, example: 8) } ?? .fixed(10)
        // A frailty's log-SD beyond 3 (a factor of 20 per SD) means nothing; it also keeps the
        // hazards finite.
        let frailty = block.mapping("drinking_frailty", required: false, fix: "Give {median: 1, log_sd: 0.8}.")
            .flatMap { self.margin($0, example: 1) } ?? .fixed(1)
        if case .lognormal(let lognormal) = frailty, lognormal.logSD > 3 {
            report(path.appending("drinking_frailty").appending("log_sd"), at: block.value("drinking_frailty"),
                   "must be ≤ 3 (found \(ScenarioIssue.formatNumber(lognormal.logSD)))", fix: "Give a log-SD of at most 3, e.g. 0.8.")
        }
        var heavyDays: BetaPercentMargin?
        if let h = block.mapping("baseline_heavy_drinking_days_percent", required: false,
                                 fix: "Give the trial's baseline as {mean: 70, sd: 20} (percent of days; Beta distribution).") {
            h.checkKeys(allowed: ["mean", "sd"], fix: "baseline_heavy_drinking_days_percent has mean and sd (percent of days).")
            let mean = h.number("mean", rule: .within(0, 100), fix: "Give the mean percentage of heavy drinking days, e.g. 70.")
            let sd = h.number("sd", required: false, rule: .nonNegative, fix: "Give the SD in percentage points, e.g. 20 (0: everyone at the mean).") ?? 0
            if let mean {
                let margin = BetaPercentMargin(meanPercent: mean, sdPercent: sd)
                if let problem = margin.problem {
                    report(h.path.appending("sd"), at: h.value("sd") ?? h.node, problem, fix: "Lower the SD below \(ScenarioIssue.formatNumber((mean * (100 - mean)).squareRoot())).")
                } else {
                    heavyDays = margin
                }
            }
        }
        var pregnancy = PregnancyDistribution()
        if let bands = block.sequence("pregnancy", required: false, fix: "Give [{age_years: [18, 45], probability: 0.02}].") {
            for band in bands {
                guard let b = mapping(band.node, at: band.path, fix: "Give {age_years: [18, 45], probability: 0.02}.") else { continue }
                b.checkKeys(allowed: ["age_years", "probability"], fix: "A band has age_years and probability.")
                let ages = b.numbers("age_years", fix: "Give [lower, upper] years, e.g. [18, 45].")
                let p = b.number("probability", rule: .unitInterval, fix: "Give a probability, e.g. 0.02.")
                if let ages, ages.count == 2, let p {
                    pregnancy.bands.append(.init(lowerYears: ages[0], upperYears: ages[1], probability: p))
                } else if ages != nil {
                    report(band.path.appending("age_years"), at: b.value("age_years"), "must be two numbers", fix: "Write [lower, upper], e.g. [18, 45].")
                }
            }
        }
        let craving = block.mapping("baseline_craving", fix: "Give the baseline craving level, e.g. {median: 1, log_sd: 0.3}.")
            .flatMap { self.margin($0, example: 1) }
        var copula = GaussianCopula.independent()
        if let items = block.sequence("correlations", required: false, fix: "Give [{between: [baseline_drinks, dsm5_criteria], rho: 0.4}].") {
            var pairs: [(CovariateSlot, CovariateSlot, Double)] = []
            for item in items {
                guard let c = mapping(item.node, at: item.path, fix: "Give {between: [a, b], rho: 0.4}.") else { continue }
                c.checkKeys(allowed: ["between", "rho"], fix: "A correlation has between and rho.")
                let rho = c.number("rho", rule: .within(-1, 1), fix: "Give a correlation in [-1, 1].")
                let names = c.sequence("between", fix: "Name two covariates.")?.compactMap { text($0.node, at: $0.path, fix: "Name a covariate.") } ?? []
                let slots = names.compactMap { Self.slotNames[$0] }
                if slots.count != 2 || names.count != 2 {
                    report(item.path.appending("between"), at: c.value("between"), "must name two of \(Self.slotNames.keys.sorted().joined(separator: ", "))",
                           fix: "Write between: [baseline_drinks, dsm5_criteria].")
                } else if let rho { pairs.append((slots[0], slots[1], rho)) }
            }
            do { copula = try GaussianCopula(correlations: pairs) } catch {
                report(path.appending("correlations"), at: block.value("correlations"), "do not form a valid correlation matrix (\(error))",
                       fix: "Lower the correlations so the matrix is positive definite.")
            }
        }
        guard issues.count == before, let male, let craving else { return nil }
        return CovariateModel(probabilityMale: male, age: age, weight: weight, renal: renal, liver: liver,
                              probabilityPsychiatric: psychiatric, dsm5Criteria: dsm5, baselineDrinksPerDay: drinks,
                              pregnancy: pregnancy, baselineCraving: craving, baselineHeavyDrinkingDaysPercent: heavyDays,
                              drinkingFrailty: frailty, copula: copula)
    }

    /// A continuous covariate's margin (``CovariateMargin``): the clamped lognormal
    /// `{median, log_sd, lower, upper}`, or `{distribution: NAME, …, lower, upper, bounds}` in the
    /// vocabulary of `psa:` parameters.
    func margin(_ block: ScenarioMapping, example: Double) -> CovariateMargin? {
        if block.has("distribution") {
            return boundedDistribution(block, example: example, besideKeysOf: ["median", "log_sd"],
                                       forms: "{median: \(ScenarioIssue.formatNumber(example)), log_sd: 0.2} or {distribution: gamma, mean: \(ScenarioIssue.formatNumber(example)), se: …}")
                .map(CovariateMargin.distribution)
        }
        block.recordSchemaKeys(Self.covariateDistributionKeys)
        block.checkKeys(allowed: Self.marginKeys, fix: "A margin has median, log_sd, lower and upper, or is {distribution: NAME, …} (Scenarios/README.md).")
        let median = block.number("median", rule: .positive, fix: "Give the median, e.g. \(ScenarioIssue.formatNumber(example)).")
        let sd = block.number("log_sd", required: false, rule: .nonNegative, fix: "Give the SD of the log, e.g. 0.2.") ?? 0
        let lower = block.number("lower", required: false, fix: "Give a lower clamp.") ?? -.infinity
        let upper = block.number("upper", required: false, fix: "Give an upper clamp.") ?? .infinity
        if lower > upper {
            report(block.path.appending("lower"), at: block.value("lower"), "is above upper" + otherBoundPlace(in: block, reported: "lower"),
                   fix: "Make lower ≤ upper.")
        }
        guard let median else { return nil }
        return .lognormal(LogNormalMargin(median: median, logSD: sd, lower: lower, upper: upper))
    }

    /// Whether `lower < upper` in `block`; if not, reports it at the bound written (`lower`, else
    /// `upper`), naming the other bound's place when another file wrote it.
    func boundsAreOrdered(_ block: ScenarioMapping, lower: Double, upper: Double, fix: String) -> Bool {
        guard lower >= upper else { return true }
        let reported = block.has("lower") ? "lower" : "upper"
        report(block.path.appending(reported), at: block.value(reported),
               "lower \(ScenarioIssue.formatNumber(lower)) is not below upper \(ScenarioIssue.formatNumber(upper))"
                   + otherBoundPlace(in: block, reported: reported),
               fix: fix)
        return false
    }

    /// Keys of a covariate given as `{distribution: NAME, …}` (``BlockDeclaration/covariateDistribution``).
    static var covariateDistributionKeys: [String] { BlockDeclaration.covariateDistribution.keyNames }

    /// `{distribution: NAME, <its parameters>, lower, upper, bounds: truncate | clamp}`
    /// (``BlockDeclaration/covariateDistribution``): a distribution of the `psa:` vocabulary
    /// (``psaDistribution(_:_:)``) bounded for a covariate. Keys of the block's other forms
    /// (`otherFormKeys`) beside `distribution` are one error naming them, whose fix lists the
    /// block's `forms`.
    func boundedDistribution(_ block: ScenarioMapping, example: Double, besideKeysOf otherFormKeys: [String],
                             forms: String) -> BoundedDistribution? {
        let mixed = otherFormKeys.filter(block.has)
        guard mixed.isEmpty else {
            report(block.path, at: block.node, "gives more than one form (distribution and \(mixed.joined(separator: "/")))",
                   fix: "Keep one: \(forms); an override must replace the whole block's form.")
            return nil
        }
        let before = issues.count
        let entry = DeclaredMapping(block, as: .covariateDistribution)
        guard let name = entry.text("distribution") else { return nil }
        let distribution = psaDistribution(name, entry)
        let lower = entry.number("lower") ?? -.infinity
        let upper = entry.number("upper") ?? .infinity
        let truncates = entry.text("bounds") != "clamp"
        guard issues.count == before, case .scalar(let scalar)? = distribution else { return nil }
        guard boundsAreOrdered(block, lower: lower, upper: upper, fix: "Give lower < upper.") else { return nil }
        let bounded = BoundedDistribution(scalar, lower: lower, upper: upper, truncates: truncates)
        guard bounded.mass > 1e-9 || !truncates else {
            report(block.path.appending("distribution"), at: block.value("distribution"),
                   "the \(name) distribution has almost no mass in [\(ScenarioIssue.formatNumber(lower)), \(ScenarioIssue.formatNumber(upper))]",
                   fix: "Give parameters whose bulk lies inside the bounds, or widen them.")
            return nil
        }
        return bounded
    }

    /// `age_years`: `{fixed: 45}`, `{uniform: [18, 65]}`, `{mean, sd, lower, upper}` (a normal
    /// truncated to [18, 90] unless given) or `{distribution: NAME, …}` (``boundedDistribution``).
    func ageDistribution(_ block: ScenarioMapping) -> AgeDistribution? {
        if block.has("distribution") {
            return boundedDistribution(block, example: 47, besideKeysOf: ["fixed", "uniform"],
                                       forms: "{fixed: 45}, {uniform: [18, 65]}, {mean: 47, sd: 10, lower: 18, upper: 75} or {distribution: NAME, …}")
                .map(AgeDistribution.distribution)
        }
        block.recordSchemaKeys(Self.covariateDistributionKeys)
        block.checkKeys(allowed: ["fixed", "uniform", "mean", "sd", "lower", "upper"], fix: "age_years is fixed, uniform, mean/sd/lower/upper, or {distribution: NAME, …}.")
        // One form only: an override that adds a form to another (e.g. mean/sd over an included
        // uniform) must not be merged silently.
        let forms = [("fixed", ["fixed"]), ("uniform", ["uniform"]), ("mean/sd/lower/upper", ["mean", "sd", "lower", "upper"])]
            .filter { $0.1.contains(where: block.has) }
        if forms.count > 1 {
            let names = forms.map(\.0)
            report(block.path, at: block.node, "gives more than one form (\(names.joined(separator: " and ")))",
                   fix: "Keep one: {fixed: 45}, {uniform: [18, 65]} or {mean: 47, sd: 10, lower: 18, upper: 75}; an override must replace the whole block's form.")
            return nil
        }
        if let years = block.number("fixed", required: false, rule: .positive, fix: "Give an age, e.g. 45.") { return .fixed(years: years) }
        if let range = block.numbers("uniform", required: false, fix: "Give [lower, upper], e.g. [18, 65].") {
            guard range.count == 2, range[0] <= range[1] else {
                report(block.path.appending("uniform"), at: block.value("uniform"), "must be [lower, upper]", fix: "Write e.g. [18, 65].")
                return nil
            }
            return .uniform(lowerYears: range[0], upperYears: range[1])
        }
        let mean = block.number("mean", rule: .within(0, 150), fix: "Give the mean age, e.g. 47.")
        let sd = block.number("sd", rule: .within(0, 100), fix: "Give the SD, e.g. 10.")
        let lower = block.number("lower", required: false, rule: .within(0, 150), fix: "Give the lowest age, e.g. 18.") ?? 18
        let upper = block.number("upper", required: false, rule: .within(0, 150), fix: "Give the highest age, e.g. 75.") ?? 90
        guard let mean, let sd, sd > 0 else {
            if let sd, sd <= 0 { report(block.path.appending("sd"), at: block.value("sd"), "must be > 0", fix: "Give the SD, e.g. 10, or use {fixed: age}.") }
            return nil
        }
        guard boundsAreOrdered(block, lower: lower, upper: upper, fix: "Give lower < upper, e.g. lower: 18, upper: 75.") else { return nil }
        // The truncated normal needs probability mass between the bounds to sample from.
        let mass = StandardNormalDistribution.cdf((upper - mean) / sd) - StandardNormalDistribution.cdf((lower - mean) / sd)
        guard mass > 1e-9 else {
            report(block.path.appending("mean"), at: block.value("mean"),
                   "a normal with mean \(ScenarioIssue.formatNumber(mean)) and SD \(ScenarioIssue.formatNumber(sd)) has almost no mass in [\(ScenarioIssue.formatNumber(lower)), \(ScenarioIssue.formatNumber(upper))]",
                   fix: "Give a mean inside the bounds (or within a few SDs of them).")
            return nil
        }
        return .truncatedNormal(meanYears: mean, sdYears: sd, lowerYears: lower, upperYears: upper)
    }

    /// Per-arm eligibility: `{pregnancy_test: {...}, min_creatinine_clearance_mL_per_min: 30, excluded_liver_disease: [cirrhosis], age_years: [18, 75], action: exclude | {reassign: arm}}`.
    func eligibility(from block: ScenarioMapping) -> EligibilityRules? {
        block.checkKeys(allowed: ["pregnancy_test", "min_creatinine_clearance_mL_per_min", "excluded_liver_disease", "age_years", "action"],
                        fix: "eligibility has pregnancy_test, min_creatinine_clearance_mL_per_min, excluded_liver_disease, age_years and action.")
        var action = EligibilityAction.exclude
        if let node = block.value("action") {
            if node.string == "exclude" {
                action = .exclude
            } else if let m = mapping(node, at: block.path.appending("action"), fix: "Write exclude or {reassign: arm}."),
                      let arm = m.text("reassign", fix: "Name the arm ineligible subjects go to.") {
                action = .reassign(toArm: arm)
            }
        }
        var rules = EligibilityRules()
        if let p = block.mapping("pregnancy_test", required: false, fix: "Give {tested_age_years: [15, 50], false_negative: 0.01}.") {
            p.checkKeys(allowed: ["tested_age_years", "false_negative", "false_positive"], fix: "pregnancy_test has tested_age_years, false_negative and false_positive.")
            var screen = PregnancyScreening()
            if let ages = p.numbers("tested_age_years", required: false, fix: "Give [15, 50]."), ages.count == 2 {
                screen.testedLowerAgeYears = ages[0]; screen.testedUpperAgeYears = ages[1]
            }
            screen.falseNegativeProbability = p.number("false_negative", required: false, rule: .unitInterval, fix: "Give a probability, e.g. 0.01.") ?? 0
            screen.falsePositiveProbability = p.number("false_positive", required: false, rule: .unitInterval, fix: "Give a probability, e.g. 0.") ?? 0
            screen.action = action
            rules.pregnancy = screen
        }
        if let crcl = block.number("min_creatinine_clearance_mL_per_min", required: false, rule: .positive, fix: "Give a CrCl in mL/min, e.g. 30.") {
            rules.renal = RenalExclusion(minimumMLPerMin: crcl, action: action)
        }
        if let items = block.sequence("excluded_liver_disease", required: false, fix: "List compensated and/or cirrhosis.") {
            let kinds = items.compactMap { choice($0.node, at: $0.path, among: ["compensated", "cirrhosis"], fix: "Use compensated or cirrhosis.") }
            rules.liver = LiverExclusion(excluded: kinds.map { $0 == "cirrhosis" ? .cirrhosis : .compensated }, action: action)
        }
        if let ages = block.numbers("age_years", required: false, fix: "Give [lowest, highest] years, e.g. [18, 75]."), ages.count == 2 {
            rules.age = AgeRestriction(minimumYears: ages[0], maximumYears: ages[1], action: action)
        }
        return rules
    }
}
