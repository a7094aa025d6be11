import Yams

/// Reading the `adherence:`, `craving:`, `drinking:`, `endpoints:` and `metrics:` blocks.
extension ScenarioNodeReader {
    /// The adherence block (``BlockDeclaration/adherence``): the independent form
    /// (`take_probability`), the persistent form (`miss_after_taken` with `miss_after_missed`) or
    /// neither (every dose taken), and optional holidays.
    func adherence(from node: Node, at path: ScenarioKeyPath) -> Adherence? {
        guard let block = declared(node, at: path, as: .adherence) else { return nil }
        var pattern = Adherence.Pattern.independent(takeProbability: block.number("take_probability") ?? 1)
        let persistent = ["miss_after_taken", "miss_after_missed"].filter(block.has)
        if block.has("take_probability"), let other = persistent.first {
            report(path.appending(other), at: block.value(other), "gives the persistent form beside take_probability, so one of them would go unused",
                   fix: "Give take_probability alone, or miss_after_taken with miss_after_missed.")
        } else if persistent.count == 1 {
            let missing = persistent[0] == "miss_after_taken" ? "miss_after_missed" : "miss_after_taken"
            report(path.appending(missing), at: node, "missing: the persistent form needs both miss_after_taken and miss_after_missed",
                   fix: BlockDeclaration.adherence[missing].fix)
        } else if let a = block.number("miss_after_taken"), let b = block.number("miss_after_missed") {
            pattern = .persistent(missAfterTaken: a, missAfterMissed: b)
        }
        var holidays: Adherence.Holidays?
        if let h = block.block("holidays"), let rate = h.number("start_rate_per_day"), let length = h.number("mean_length_days") {
            holidays = .init(startRatePerDay: rate, meanLengthDays: length)
        }
        let adherence = Adherence(pattern: pattern, holidays: holidays)
        for problem in adherence.validate() { report(ScenarioIssue(problem, file: file, line: block.mapping.line, under: path.description)) }
        return adherence
    }

    /// The craving block (``BlockDeclaration/craving``).
    func craving(from node: Node, at path: ScenarioKeyPath) -> CravingSettings? {
        guard let block = declared(node, at: path, as: .craving) else { return nil }
        var mean = CravingMeanModel()
        mean.psychosocialMultiplier = block.number("psychosocial_multiplier") ?? 1
        if let p = block.block("priming") {
            mean.primingMultiplier = p.number("multiplier") ?? 1
            mean.primingDays = p.integer("days") ?? 0
        }
        if let w = block.block("early_withdrawal") {
            mean.earlyWithdrawalMultiplier = w.number("multiplier") ?? 1
            mean.earlyWithdrawalDays = w.integer("days") ?? 0
        }
        var cues: CueExposure?
        if let c = block.block("cues"), let rate = c.number("rate_per_day"), let jump = c.number("mean_jump") {
            cues = CueExposure(ratePerDay: rate, meanJumpSize: jump)
        }
        guard let theta = block.number("theta_per_day"), let sigma = block.number("sigma_per_sqrt_day") else { return nil }
        return CravingSettings(reversionPerDay: theta, volatility: sigma, mean: mean, cues: cues)
    }

    /// The drinking multi-state model (``BlockDeclaration/drinking``).
    func drinking(from node: Node, at path: ScenarioKeyPath) -> DrinkingModel? {
        let before = issues.count
        guard let block = declared(node, at: path, as: .drinking) else { return nil }
        let substance = block.text("substance").flatMap(Substance.init(rawValue:)) ?? .alcohol
        if substance.hasAmounts {
            for key in ["standard_drink_g", "amount"] {
                block.require(key)
            }
        } else {
            for key in ["standard_drink_g", "heavy_day_drinks", "amount"] where block.has(key) {
                report(path.appending(key), at: block.value(key), "has no meaning for substance \(substance.rawValue) (a use day has no amount)",
                       fix: "Remove \(key); only alcohol models have amounts.")
            }
        }
        let threshold = block.block("heavy_day_drinks").flatMap(heavyThreshold) ?? .niaaa
        // An illicit-drug use day counts one unit (1 + Poisson(0)).
        let amount = substance.hasAmounts
            ? block.block("amount").flatMap(drinkAmount)
            : DrinkAmountModel(cravingSlope: 0, intercept: 0, baselineDrinksSlope: 0, distribution: .poisson)
        guard let stateItems = block.list("states") else { return nil }
        let stateNames = stateItems.map { $0.text("name") ?? "" }
        func stateIndex(_ key: String, in m: DeclaredMapping) -> Int? {
            guard let name = m.text(key) else { return nil }
            guard let index = stateNames.firstIndex(of: name) else {
                report(m.path.appending(key), at: m.value(key), "no state '\(name)'",
                       fix: "Use one of: \(stateNames.joined(separator: ", "))." + ParameterProblem.didYouMean(name, among: stateNames))
                return nil
            }
            return index
        }
        var states: [DrinkingStateDefinition] = []
        for s in stateItems {
            var state = DrinkingStateDefinition(name: s.text("name") ?? "")
            switch s.text("role") {
            case "dead": state.role = .dead
            case "dropped_out": state.role = .droppedOut
            default: state.role = .active
            }
            state.drinkingHazard = s.block("drinking_hazard").flatMap(hazard)
            state.endsTreatment = s.boolean("ends_treatment") ?? false
            state.onDrinkingDay = stateIndex("on_drinking_day", in: s)
            state.onHeavyDrinkingDay = stateIndex("on_heavy_drinking_day", in: s)
            for t in s.list("transitions") ?? [] {
                if let target = stateIndex("to", in: t), let h = t.block("hazard").flatMap(hazard) {
                    state.transitions.append(HazardTransition(target: target, hazard: h))
                }
            }
            states.append(state)
        }
        let initial = block.has("initial_state") ? stateIndex("initial_state", in: block) : 0
        guard issues.count == before, let grams = substance.hasAmounts ? block.number("standard_drink_g") : 10, let amount, let initial else { return nil }
        var model = DrinkingModel(states: states, initialState: initial, amount: amount, heavyThreshold: threshold, standardDrinkGrams: grams)
        model.substance = substance
        for problem in model.problems() {
            report(path, at: node, problem, fix: "See Scenarios/models/alcohol-default.yaml for a complete model.")
        }
        return issues.count == before ? model : nil
    }

    /// The amount drunk on a drinking day (``BlockDeclaration/drinkAmount``).
    func drinkAmount(_ block: DeclaredMapping) -> DrinkAmountModel? {
        guard let kind = block.text("distribution"), let slope = block.number("craving_slope") else { return nil }
        var distribution = DrinkAmountModel.Distribution.poisson
        if kind == "negative_binomial" {
            guard block.require("dispersion"), let r = block.number("dispersion") else { return nil }
            distribution = .negativeBinomial(dispersion: r)
        } else if block.has("dispersion") {
            report(block.path.appending("dispersion"), at: block.value("dispersion"), "applies only to negative_binomial, so it would go unused",
                   fix: "Remove dispersion, or use distribution: negative_binomial.")
            return nil
        }
        return DrinkAmountModel(cravingSlope: slope, intercept: block.number("intercept") ?? 0,
                                baselineDrinksSlope: block.number("baseline_drinks_slope") ?? 0, distribution: distribution)
    }

    /// A hazard (``BlockDeclaration/hazard``).
    func hazard(_ block: DeclaredMapping) -> HazardDefinition? {
        guard let base = block.block("baseline") else { return nil }
        var baseline: BaselineHazard?
        if let h = base.number("constant_per_day") {
            baseline = .constant(perDay: h)
        } else if let m = base.block("weibull"), let shape = m.number("shape"), let scale = m.number("scale_days") {
            baseline = .weibull(shape: shape, scaleDays: scale)
        } else if let m = base.block("log_logistic"), let shape = m.number("shape"), let scale = m.number("scale_days") {
            baseline = .logLogistic(shape: shape, scaleDays: scale)
        } else if let m = base.block("log_logistic_cure"), let shape = m.number("shape"), let scale = m.number("scale_days"),
                  let cured = m.number("cured_fraction") {
            baseline = .logLogisticCure(shape: shape, scaleDays: scale, curedFraction: cured)
        } else if let p = base.block("piecewise_constant"), let starts = p.numbers("start_days"), let rates = p.numbers("rates_per_day") {
            if starts.count != rates.count || starts.first != 0 || zip(starts, starts.dropFirst()).contains(where: { $0 >= $1 })
                || starts.contains(where: { $0 != $0.rounded() }) {
                report(p.path, at: p.node, "needs increasing whole start_days from 0 and one rate per start day",
                       fix: "E.g. {start_days: [0, 28], rates_per_day: [0.05, 0.02]}.")
            } else {
                baseline = .piecewiseConstant(startDays: starts.map { Int($0) }, ratesPerDay: rates)
            }
        }
        var multipliers = HazardMultipliers()
        if let m = block.block("multipliers") {
            multipliers.male = m.number("male") ?? 1
            multipliers.psychiatric = m.number("psychiatric") ?? 1
            multipliers.compensatedLiver = m.number("compensated_liver") ?? 1
            multipliers.cirrhosis = m.number("cirrhosis") ?? 1
            multipliers.perDSM5Criterion = m.number("per_dsm5_criterion") ?? 1
            multipliers.referenceDSM5Criteria = m.integer("reference_dsm5_criteria") ?? 6
            multipliers.logPerAgeYear = m.number("log_per_age_year") ?? 0
            multipliers.referenceAgeYears = m.number("reference_age_years") ?? 40
            multipliers.hasDrunk = m.number("has_drunk") ?? 1
            multipliers.sideEffect = m.number("side_effect") ?? 1
            multipliers.drinkingFrailtyPower = m.number("drinking_frailty_power") ?? 0
        }
        guard let baseline else { return nil }
        var definition = HazardDefinition(baseline: baseline, clock: block.text("clock") == "study_day" ? .studyDay : .timeInState,
                                          cravingCoefficient: block.number("craving_coefficient") ?? 0,
                                          cravingReference: block.number("craving_reference") ?? 0,
                                          effectCoefficient: block.number("effect_coefficient") ?? 0,
                                          effectReduction: block.number("effect_reduction") ?? 0)
        definition.modifiers.multipliers = multipliers
        definition.modifiers.appliesTreatmentHazardRatio = block.boolean("treatment_effect") ?? true
        return definition
    }

    /// The endpoint list (``BlockDeclaration/endpoint``). Heavy days are counted by
    /// `defaultHeavyThreshold` (the drinking model's `heavy_day_drinks`) unless an endpoint gives
    /// its own.
    func endpoints(from node: Node, at path: ScenarioKeyPath, horizonDays: Int,
                   defaultHeavyThreshold: HeavyDrinkingThreshold = .niaaa) -> [NamedEndpoint]? {
        guard let items = sequence(node, at: path, fix: "List endpoints, e.g. [\(BlockDeclaration.endpoint.example)].") else { return nil }
        let before = issues.count
        var result: [NamedEndpoint] = []
        for item in items {
            guard let e = declared(item.node, at: item.path, as: .endpoint) else { continue }
            let kind = e.text("kind")
            for (key, onlyKind) in BlockDeclaration.endpointKeysOfOneKind.sorted(by: { $0.key < $1.key }) where e.has(key) && kind != nil && kind != onlyKind {
                report(item.path.appending(key), at: e.value(key), "applies only to kind \(onlyKind), so it would go unused",
                       fix: "Remove \(key), or use kind: \(onlyKind).")
            }
            let horizon = horizonDays == Int.max ? 1 << 20 : horizonDays
            var window = DayWindow(firstDay: 0, lastDay: horizon - 1)
            if let w = e.numbers("window_days") {
                if w[0] <= w[1] {
                    window = DayWindow(firstDay: Int(w[0]), lastDay: Int(w[1]))
                } else {
                    report(item.path.appending("window_days"), at: e.value("window_days"), "must be [first, last] with first ≤ last", fix: "E.g. [0, 83].")
                }
            } else if let x = e.integer("through_day") {
                window = .through(day: x)
            } else if let f = e.integer("final_days") {
                window = .final(days: f, horizonDays: horizon)
            }
            if window.lastDay >= horizon {
                report(item.path, at: item.node, "window ends on day \(window.lastDay), past the horizon (last day \(horizon - 1))",
                       fix: "End the window by day \(horizon - 1) or lengthen run.horizon_days.")
            }
            let missingName = e.text("missing")
            let missing = BlockDeclaration.missingDataConventions.first { $0.name == missingName }?.convention ?? .complete
            if missing == .lastObservationCarriedForward && kind == "urine_negative_share" {
                report(item.path.appending("missing"), at: e.value("missing"), "last_observation_carried_forward is not defined for urine tests",
                       fix: "Use dropout_is_failure (missing = positive), observed_only or completers.")
            }
            let threshold = e.block("heavy_day_drinks").flatMap(heavyThreshold) ?? defaultHeavyThreshold
            var definition: EndpointDefinition?
            switch kind {
            case "continuous_abstinence": definition = .continuousAbstinence(window, missing)
            case "abstinent_days": definition = .abstinentDays(window, missing)
            case "proportion_days_abstinent": definition = .proportionDaysAbstinent(window, missing)
            case "proportion_heavy_drinking_days": definition = .proportionHeavyDrinkingDays(window, threshold, missing)
            case "time_to_first_drink": definition = .timeToFirstDrink(window, missing)
            case "time_to_relapse":
                if e.require("relapse"), let r = e.block("relapse") {
                    definition = .timeToRelapse(window, relapseDefinition(r, threshold: threshold), missing)
                }
            case "drinking_risk_level": definition = .drinkingRiskLevel(window, missing)
            case "low_risk_drinking": definition = .lowRiskDrinking(window, missing)
            case "mean_grams_per_day": definition = .meanGramsPerDay(window, missing)
            case "total_drinks": definition = .totalDrinks(window, missing)
            case "drinks_per_drinking_day": definition = .drinksPerDrinkingDay(window, missing)
            case "change_in_drinks_per_day": definition = .changeFromBaseline(window, .drinksPerDay, missing)
            case "change_in_grams_per_day": definition = .changeFromBaseline(window, .gramsPerDay, missing)
            case "percent_change_in_drinks_per_day": definition = .changeFromBaseline(window, .percent, missing)
            case "change_in_craving": definition = .changeFromBaseline(window, .craving, missing)
            case "change_in_percent_heavy_drinking_days": definition = .changeFromBaseline(window, .heavyDaysPercent(threshold), missing)
            case "dropout": definition = .dropout(window)
            case "time_to_dropout": definition = .timeToDropout(window)
            case "retention": definition = .retention(window)
            case "proportion_use_free_days": definition = .proportionDaysAbstinent(window, missing)
            case "time_to_first_use": definition = .timeToFirstDrink(window, missing)
            case "urine_negative_share":
                let given = ["test_every_days", "detection_days"].map { e.require($0) }
                if given.allSatisfy({ $0 }), let every = e.integer("test_every_days"), let detection = e.integer("detection_days") {
                    let schedule = UrineSchedule(everyDays: every, detectionDays: detection)
                    let candidate = EndpointDefinition.urineNegativeShare(window, schedule, missing)
                    for problem in candidate.problems(horizonDays: horizon) {
                        report(item.path, at: item.node, problem, fix: "Use a test interval shorter than the window, e.g. test_every_days: 7.")
                    }
                    definition = candidate
                }
            default: break
            }
            let reachedDose = e.block("population")?.number("reached_dose_mg_per_day")
            // The trial's test (`baclosim trial`): the default by kind, or Fisher's exact test for a
            // share of subjects (a binary endpoint that is not a time to event).
            let test = e.text("test")
            if let test, let definition {
                let expected = definition.isTimeToEvent ? ["log_rank"] : definition.isShareOfSubjects ? ["chi_square", "fisher"] : ["welch_t", "wilcoxon"]
                if !expected.contains(test) {
                    report(item.path.appending("test"), at: e.value("test"), "\(test) does not apply to a \(kind ?? "") endpoint",
                           fix: "Use \(expected.joined(separator: " or ")).")
                }
            }
            // The SD across subjects (`<name>_sd` in summary.csv), as trials report mean ± SD.
            let reportSD = e.boolean("report_sd") ?? false
            if reportSD, let definition, definition.isShareOfSubjects {
                report(item.path.appending("report_sd"), at: e.value("report_sd"), "applies to an endpoint with a value per subject, not to a share of subjects or a time to event",
                       fix: "Remove report_sd, or use it on a mean endpoint such as proportion_days_abstinent.")
            }
            if let name = e.text("name"), let definition {
                result.append(NamedEndpoint(name: name, definition: definition, givesHeavyThreshold: e.has("heavy_day_drinks"),
                                            reachedDoseMgPerDay: reachedDose, trialTest: test.flatMap(TrialTestKind.init(rawValue:)),
                                            reportsStandardDeviation: reportSD))
            }
        }
        return issues.count == before ? result : nil
    }

    /// `metrics: {exposure: [{name, measure, day, quantiles}], craving: [{name, day}], dose: true}`.
    func metrics(from node: Node, at path: ScenarioKeyPath, horizonDays: Int)
        -> (exposure: [ExposureMetric], craving: [CravingMetric], dose: Bool?, doseNode: Node?)? {
        guard let block = declared(node, at: path, as: .metrics) else { return nil }
        func withinHorizon(_ m: DeclaredMapping) -> Int? {
            guard let day = m.integer("day") else { return nil }
            guard day < horizonDays else {
                report(m.path.appending("day"), at: m.value("day"), "is past the horizon", fix: "Use a day below \(horizonDays).")
                return nil
            }
            return day
        }
        let exposure = (block.list("exposure") ?? []).compactMap { m -> ExposureMetric? in
            guard let name = m.text("name"), let measure = m.text("measure").flatMap(ExposureMetric.Measure.init(rawValue:)),
                  let day = withinHorizon(m) else { return nil }
            return ExposureMetric(name: name, measure: measure, day: day, quantiles: m.numbers("quantiles") ?? [])
        }
        let craving = (block.list("craving") ?? []).compactMap { m -> CravingMetric? in
            guard let name = m.text("name"), let day = withinHorizon(m) else { return nil }
            return CravingMetric(name: name, day: day)
        }
        return (exposure, craving, block.boolean("dose"), block.value("dose"))
    }
}

extension ScenarioNodeReader {
    /// The block's own `heavy_day_drinks: {men, women}` (``BlockDeclaration/heavyDayDrinks``),
    /// or `nil` when it gives none (or an unreadable one, reported).
    func heavyDayDrinks(in block: ScenarioMapping) -> HeavyDrinkingThreshold? {
        guard let h = block.mapping("heavy_day_drinks", required: false, fix: BlockDeclaration.heavyDayDrinks.mappingFix) else { return nil }
        return heavyThreshold(DeclaredMapping(h, as: .heavyDayDrinks))
    }

    /// A declared `heavy_day_drinks` block as a threshold, or `nil` (reported).
    func heavyThreshold(_ h: DeclaredMapping) -> HeavyDrinkingThreshold? {
        guard let men = h.integer("men"), let women = h.integer("women") else { return nil }
        return HeavyDrinkingThreshold(menDrinks: men, womenDrinks: women)
    }

    /// A `relapse:` block (``BlockDeclaration/relapse``, ``RelapseDefinition``): any of
    /// `single_day_drinks_above`, `weekly_drinks` and `heavy_days` (heavy days by `threshold`).
    /// A block without a criterion is reported.
    func relapseDefinition(_ r: DeclaredMapping, threshold: HeavyDrinkingThreshold) -> RelapseDefinition {
        var relapse = RelapseDefinition()
        relapse.singleDayDrinksAbove = r.integer("single_day_drinks_above")
        if let w = r.block("weekly_drinks"), let a = w.integer("at_least"), let c = w.integer("consecutive_weeks") {
            relapse.weeklyDrinks = WeeklyDrinksCriterion(drinksAtLeast: a, consecutiveWeeks: c)
        }
        if let h = r.block("heavy_days"), let c = h.integer("count"), let w = h.integer("window_days") {
            relapse.heavyDays = HeavyDaysCriterion(count: c, windowDays: w, threshold: threshold)
        }
        if !["single_day_drinks_above", "weekly_drinks", "heavy_days"].contains(where: r.has) {
            report(r.path, at: r.node, "has no criterion", fix: "Give single_day_drinks_above, weekly_drinks or heavy_days.")
        }
        return relapse
    }
}
