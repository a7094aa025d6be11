import Yams

/// Reading the `population:` block and per-arm `eligibility:` rules.
extension ScenarioNodeReader {
    /// The population's covariate distributions (``BlockDeclaration/population``).
    func population(from node: Node, at path: ScenarioKeyPath) -> CovariateModel? {
        let before = issues.count
        guard let block = declared(node, at: path, as: .population) else { return nil }
        let age = block.has("age_years") ? block.form("age_years").flatMap(ageDistribution) : .fixed(years: 45)
        var weight = WeightDistribution(male: .fixed(80), female: .fixed(65))
        if let w = block.block("weight_kg"), let male = w.form("male").flatMap(margin), let female = w.form("female").flatMap(margin) {
            weight = WeightDistribution(male: male, female: female)
        }
        var renal = RenalFunctionModel.creatinineClearance(.fixed(100))
        if let c = block.form("creatinine_clearance_mL_per_min").flatMap(margin) {
            renal = .creatinineClearance(c)
        } else if let s = block.form("serum_creatinine_mg_per_dL").flatMap(margin) {
            renal = .cockcroftGault(serumCreatinineMgPerDL: s, lowerMLPerMin: 5, upperMLPerMin: 250)
        }
        var liver = LiverDiseaseDistribution()
        if let l = block.block("liver_disease") {
            liver.compensated = l.number("compensated") ?? 0
            liver.cirrhosis = l.number("cirrhosis") ?? 0
            if liver.compensated + liver.cirrhosis > 1 {
                report(l.path, at: l.node, "shares add up to more than 1", fix: "Make compensated + cirrhosis ≤ 1.")
            }
        }
        var dsm5 = DSM5CriteriaDistribution.fixed(6)
        if let d = block.block("dsm5_criteria") {
            if let n = d.integer("fixed") { dsm5 = .fixed(n) }
            if let p = d.number("binomial_p") { dsm5 = .binomial(probabilityPerCriterion: p) }
        }
        var heavyDays: BetaPercentMargin?
        if let h = block.block("baseline_heavy_drinking_days_percent"), let mean = h.number("mean"), let sd = h.number("sd") {
            let margin = BetaPercentMargin(meanPercent: mean, sdPercent: sd)
            if let problem = margin.problem {
                report(h.path.appending("sd"), at: h.value("sd") ?? h.node, problem,
                       fix: "Lower the SD below \(ScenarioIssue.formatNumber((mean * (100 - mean)).squareRoot())).")
            } else {
                heavyDays = margin
            }
        }
        var pregnancy = PregnancyDistribution()
        for band in block.list("pregnancy") ?? [] {
            if let ages = band.numbers("age_years"), let p = band.number("probability") {
                pregnancy.bands.append(.init(lowerYears: ages[0], upperYears: ages[1], probability: p))
            }
        }
        var copula = GaussianCopula.independent()
        if let items = block.list("correlations") {
            var pairs: [(CovariateSlot, CovariateSlot, Double)] = []
            for c in items {
                guard let names = c.texts("between"), let rho = c.number("rho") else { continue }
                let slots = names.compactMap { name in BlockDeclaration.covariateSlots.first { $0.name == name }?.slot }
                guard slots.count == 2 else {
                    report(c.path.appending("between"), at: c.value("between") ?? c.node, "must name two covariates (found \(names.count))",
                           fix: "Write between: [baseline_drinks, dsm5_criteria].")
                    continue
                }
                pairs.append((slots[0], slots[1], rho))
            }
            do { copula = try GaussianCopula(correlations: pairs) } catch {
                report(path.appending("correlations"), at: block.value("correlations"), "do not form a valid correlation matrix (\(error))",
                       fix: "Lower the correlations so the matrix is positive definite.")
            }
        }
        let drinks = block.has("baseline_drinks_per_day") ? block.form("baseline_drinks_per_day").flatMap(margin) : .fixed(10)
        let frailty = block.has("drinking_frailty") ? block.form("drinking_frailty").flatMap(margin) : .fixed(1)
        let craving = block.form("baseline_craving").flatMap(margin)
        guard issues.count == before, let male = block.number("male_probability"), let age, let drinks, let frailty, let craving else { return nil }
        return CovariateModel(probabilityMale: male, age: age, weight: weight, renal: renal, liver: liver,
                              probabilityPsychiatric: block.number("psychiatric_probability") ?? 0, dsm5Criteria: dsm5, baselineDrinksPerDay: drinks,
                              pregnancy: pregnancy, baselineCraving: craving, baselineHeavyDrinkingDaysPercent: heavyDays,
                              drinkingFrailty: frailty, copula: copula)
    }

    /// A continuous covariate's margin (``CovariateMargin``) in the form given: the clamped
    /// lognormal `{median, log_sd, lower, upper}` or a bounded distribution.
    func margin(_ form: DeclaredMapping) -> CovariateMargin? {
        if form.declaration.name == BlockDeclaration.covariateDistribution.name {
            return boundedDistribution(form).map(CovariateMargin.distribution)
        }
        guard let median = form.number("median") else { return nil }
        let lower = form.number("lower") ?? -.infinity
        let upper = form.number("upper") ?? .infinity
        if lower > upper {
            report(form.path.appending("lower"), at: form.value("lower"), "is above upper" + otherBoundPlace(in: form.mapping, reported: "lower"),
                   fix: "Make lower ≤ upper.")
            return nil
        }
        return .lognormal(LogNormalMargin(median: median, logSD: form.number("log_sd") ?? 0, lower: lower, upper: upper))
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

    /// `{distribution: NAME, <its parameters>, lower, upper, bounds: truncate | clamp}`
    /// (``BlockDeclaration/covariateDistribution``): a distribution of the `psa:` vocabulary
    /// (``psaDistribution(_:_:)``) bounded for a covariate.
    func boundedDistribution(_ entry: DeclaredMapping) -> BoundedDistribution? {
        let before = issues.count
        let block = entry.mapping
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

    /// `age_years` in the form given (``BlockDeclaration/population``): fixed, uniform, a
    /// truncated normal, or a bounded distribution.
    func ageDistribution(_ form: DeclaredMapping) -> AgeDistribution? {
        switch form.declaration.name {
        case BlockDeclaration.covariateDistribution.name:
            return boundedDistribution(form).map(AgeDistribution.distribution)
        case BlockDeclaration.fixedAge.name:
            return form.number("fixed").map { .fixed(years: $0) }
        case BlockDeclaration.uniformAge.name:
            guard let range = form.numbers("uniform") else { return nil }
            guard range[0] <= range[1] else {
                report(form.path.appending("uniform"), at: form.value("uniform"), "must be [lower, upper]", fix: "Write e.g. [18, 65].")
                return nil
            }
            return .uniform(lowerYears: range[0], upperYears: range[1])
        default:
            break
        }
        guard let mean = form.number("mean"), let sd = form.number("sd"), let lower = form.number("lower"), let upper = form.number("upper") else { return nil }
        guard sd > 0 else {
            report(form.path.appending("sd"), at: form.value("sd"), "must be > 0", fix: "Give the SD, e.g. 10, or use {fixed: age}.")
            return nil
        }
        guard boundsAreOrdered(form.mapping, lower: lower, upper: upper, fix: "Give lower < upper, e.g. lower: 18, upper: 75.") else { return nil }
        // The truncated normal needs probability mass between the bounds to sample from.
        let mass = StandardNormalDistribution.cdf((upper - mean) / sd) - StandardNormalDistribution.cdf((lower - mean) / sd)
        guard mass > 1e-9 else {
            report(form.path.appending("mean"), at: form.value("mean"),
                   "a normal with mean \(ScenarioIssue.formatNumber(mean)) and SD \(ScenarioIssue.formatNumber(sd)) has almost no mass in [\(ScenarioIssue.formatNumber(lower)), \(ScenarioIssue.formatNumber(upper))]",
                   fix: "Give a mean inside the bounds (or within a few SDs of them).")
            return nil
        }
        return .truncatedNormal(meanYears: mean, sdYears: sd, lowerYears: lower, upperYears: upper)
    }

    /// An arm's `eligibility:` block (``BlockDeclaration/eligibility``).
    func eligibility(_ block: DeclaredMapping) -> EligibilityRules {
        var action = EligibilityAction.exclude
        if case .block(let reassign)? = block.blockOrWord("action"), let arm = reassign.text("reassign") { action = .reassign(toArm: arm) }
        var rules = EligibilityRules()
        if let p = block.block("pregnancy_test") {
            var screen = PregnancyScreening()
            if let ages = p.numbers("tested_age_years") {
                screen.testedLowerAgeYears = ages[0]; screen.testedUpperAgeYears = ages[1]
            }
            screen.falseNegativeProbability = p.number("false_negative") ?? 0
            screen.falsePositiveProbability = p.number("false_positive") ?? 0
            screen.action = action
            rules.pregnancy = screen
        }
        if let crcl = block.number("min_creatinine_clearance_mL_per_min") {
            rules.renal = RenalExclusion(minimumMLPerMin: crcl, action: action)
        }
        if let kinds = block.texts("excluded_liver_disease") {
            rules.liver = LiverExclusion(excluded: kinds.map { $0 == "cirrhosis" ? .cirrhosis : .compensated }, action: action)
        }
        if let ages = block.numbers("age_years") {
            rules.age = AgeRestriction(minimumYears: ages[0], maximumYears: ages[1], action: action)
        }
        return rules
    }
}
