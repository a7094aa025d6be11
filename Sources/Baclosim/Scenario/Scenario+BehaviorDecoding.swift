import Yams

/// Reading the `adherence:`, `craving:`, `drinking:`, `endpoints:` and `metrics:` blocks.
extension ScenarioNodeReader {
    static let hazardKeys = ["baseline", "clock", "craving_coefficient", "craving_reference", "effect_coefficient",
                             "effect_reduction", "multipliers", "treatment_effect"]
    static let multiplierKeys = ["male", "psychiatric", "compensated_liver", "cirrhosis", "per_dsm5_criterion",
                                 "reference_dsm5_criteria", "log_per_age_year", "reference_age_years", "has_drunk", "side_effect",
                                 "drinking_frailty_power"]
    static let endpointKinds = ["continuous_abstinence", "abstinent_days", "proportion_days_abstinent",
                                "proportion_heavy_drinking_days", "time_to_first_drink", "time_to_relapse",
                                "drinking_risk_level", "low_risk_drinking", "mean_grams_per_day", "total_drinks",
                                "dropout", "time_to_dropout", "retention", "urine_negative_share",
                                "proportion_use_free_days", "time_to_first_use", "change_in_drinks_per_day",
                                "change_in_grams_per_day", "percent_change_in_drinks_per_day", "change_in_craving",
                                "change_in_percent_heavy_drinking_days", "drinks_per_drinking_day"]

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

    /// The drinking multi-state model.
    func drinking(from node: Node, at path: ScenarioKeyPath) -> DrinkingModel? {
        let before = issues.count
        guard let block = mapping(node, at: path, fix: "Give the drinking model; see Scenarios/models/alcohol-default.yaml.") else { return nil }
        block.checkKeys(allowed: ["substance", "standard_drink_g", "heavy_day_drinks", "initial_state", "amount", "states", "description"],
                        fix: "drinking has substance, standard_drink_g, heavy_day_drinks, initial_state, amount and states.")
        if block.has("description") { _ = block.text("description", fix: "Describe the model.") }
        let substanceNames = Substance.allCases.map(\.rawValue)
        let substance = block.choice("substance", required: false, among: substanceNames,
                                     fix: ParameterProblem.useOneOf(substanceNames, insteadOf: "")).flatMap(Substance.init(rawValue:)) ?? .alcohol
        if !substance.hasAmounts {
            for key in ["standard_drink_g", "heavy_day_drinks", "amount"] where block.has(key) {
                report(path.appending(key), at: block.value(key), "has no meaning for substance \(substance.rawValue) (a use day has no amount)",
                       fix: "Remove \(key); only alcohol models have amounts.")
            }
        }
        let grams = substance.hasAmounts
            ? block.number("standard_drink_g", rule: .positive, fix: "Give grams of ethanol per standard drink: 10 (WHO), 12 or 14.") : 10
        var threshold = HeavyDrinkingThreshold.niaaa
        if let h = block.mapping("heavy_day_drinks", required: false, fix: "Give {men: 5, women: 4}.") {
            h.checkKeys(allowed: ["men", "women"], fix: "heavy_day_drinks has men and women.")
            let men = h.integer("men", minimum: 1, fix: "Give drinks making a heavy day for men, e.g. 5.")
            let women = h.integer("women", minimum: 1, fix: "Give drinks making a heavy day for women, e.g. 4.")
            if let men, let women { threshold = HeavyDrinkingThreshold(menDrinks: men, womenDrinks: women) }
        }
        // An illicit-drug use day counts one unit (1 + Poisson(0)).
        let amount = substance.hasAmounts
            ? block.mapping("amount", fix: "Give {distribution: poisson, craving_slope: 3}.").flatMap(drinkAmount)
            : DrinkAmountModel(cravingSlope: 0, intercept: 0, baselineDrinksSlope: 0, distribution: .poisson)
        guard let stateItems = block.sequence("states", fix: "List the states, e.g. [{name: abstinent, drinking_hazard: {...}}].") else { return nil }
        let stateNames: [String] = stateItems.map { item in
            if case .mapping(let m) = item.node, let n = m.first(where: { $0.key.string == "name" })?.value.string { return n }
            return ""
        }
        func stateIndex(_ node: Node?, at p: ScenarioKeyPath) -> Int? {
            guard let node, let name = text(node, at: p, fix: "Name a state.") else { return nil }
            guard let index = stateNames.firstIndex(of: name) else {
                report(p, at: node, "no state '\(name)'", fix: "Use one of: \(stateNames.joined(separator: ", "))." + ParameterProblem.didYouMean(name, among: stateNames))
                return nil
            }
            return index
        }
        var states: [DrinkingStateDefinition] = []
        for item in stateItems {
            guard let s = mapping(item.node, at: item.path, fix: "Give a state as {name: abstinent, drinking_hazard: {...}}.") else { continue }
            s.checkKeys(allowed: ["name", "role", "drinking_hazard", "transitions", "on_drinking_day", "on_heavy_drinking_day", "ends_treatment", "description"],
                        fix: "A state has name, role, drinking_hazard, transitions, on_drinking_day, on_heavy_drinking_day and ends_treatment.")
            let name = s.text("name", fix: "Name the state.") ?? ""
            var state = DrinkingStateDefinition(name: name)
            if let role = s.choice("role", required: false, among: ["active", "dropped_out", "dead"], fix: "Use active, dropped_out or dead.") {
                state.role = role == "dead" ? .dead : role == "dropped_out" ? .droppedOut : .active
            }
            state.drinkingHazard = s.value("drinking_hazard").flatMap { hazard($0, at: item.path.appending("drinking_hazard")) }
            state.endsTreatment = s.boolean("ends_treatment", required: false, fix: "Write true if entering this state stops the drug.") ?? false
            state.onDrinkingDay = s.has("on_drinking_day") ? stateIndex(s.value("on_drinking_day"), at: item.path.appending("on_drinking_day")) : nil
            state.onHeavyDrinkingDay = s.has("on_heavy_drinking_day") ? stateIndex(s.value("on_heavy_drinking_day"), at: item.path.appending("on_heavy_drinking_day")) : nil
            if let transitions = s.sequence("transitions", required: false, fix: "List {to: state, hazard: {...}}.") {
                for t in transitions {
                    guard let tm = mapping(t.node, at: t.path, fix: "Give {to: dropped_out, hazard: {baseline: {constant_per_day: 0.004}}}.") else { continue }
                    tm.checkKeys(allowed: ["to", "hazard"], fix: "A transition has to and hazard.")
                    let target = stateIndex(tm.required("to", fix: "Name the target state."), at: t.path.appending("to"))
                    let h = tm.required("hazard", fix: "Give the hazard.").flatMap { hazard($0, at: t.path.appending("hazard")) }
                    if let target, let h { state.transitions.append(HazardTransition(target: target, hazard: h)) }
                }
            }
            states.append(state)
        }
        let initial = block.has("initial_state") ? stateIndex(block.value("initial_state"), at: path.appending("initial_state")) : 0
        guard issues.count == before, let grams, let amount, let initial else { return nil }
        var model = DrinkingModel(states: states, initialState: initial, amount: amount, heavyThreshold: threshold, standardDrinkGrams: grams)
        model.substance = substance
        for problem in model.problems() {
            report(path, at: node, problem, fix: "See Scenarios/models/alcohol-default.yaml for a complete model.")
        }
        return issues.count == before ? model : nil
    }

    /// `{distribution: poisson | negative_binomial, craving_slope, intercept, baseline_drinks_slope, dispersion}`.
    func drinkAmount(_ block: ScenarioMapping) -> DrinkAmountModel? {
        block.checkKeys(allowed: ["distribution", "craving_slope", "intercept", "baseline_drinks_slope", "dispersion"],
                        fix: "amount has distribution, craving_slope, intercept, baseline_drinks_slope and dispersion.")
        let kind = block.choice("distribution", among: ["poisson", "negative_binomial"], fix: "Use poisson or negative_binomial (drinks = 1 + count).")
        // Upper bounds: the mean count of extra drinks is capped at 100 (DrinkAmountModel); larger
        // coefficients cannot mean anything.
        let slope = block.number("craving_slope", rule: .within(0, 100), fix: "Give extra drinks per unit craving (0–100), e.g. 3.")
        let intercept = block.number("intercept", required: false, rule: .within(0, 100), fix: "Give a constant mean (0–100 drinks), e.g. 0.") ?? 0
        let baseline = block.number("baseline_drinks_slope", required: false, rule: .within(0, 100), fix: "Give the weight of baseline drinks/day (0–100), e.g. 0.") ?? 0
        var distribution = DrinkAmountModel.Distribution.poisson
        if kind == "negative_binomial" {
            guard let r = block.number("dispersion", rule: .positive, fix: "Give the dispersion (variance = μ + μ²/r), e.g. 2.") else { return nil }
            distribution = .negativeBinomial(dispersion: r)
        }
        guard kind != nil, let slope else { return nil }
        return DrinkAmountModel(cravingSlope: slope, intercept: intercept, baselineDrinksSlope: baseline, distribution: distribution)
    }

    /// A hazard `{baseline: {constant_per_day: h} | {weibull: {shape, scale_days}} | …, clock, craving_coefficient, …}`.
    func hazard(_ node: Node, at path: ScenarioKeyPath) -> HazardDefinition? {
        guard let block = mapping(node, at: path, fix: "Give {baseline: {constant_per_day: 0.03}, craving_coefficient: 1.2}.") else { return nil }
        block.checkKeys(allowed: Self.hazardKeys, fix: "A hazard has baseline, clock, craving_coefficient, craving_reference, effect_coefficient, multipliers and treatment_effect.")
        guard let base = block.mapping("baseline", fix: "Give {constant_per_day: 0.03} or {log_logistic: {shape: 1.1, scale_days: 28}}.") else { return nil }
        base.checkKeys(allowed: ["constant_per_day", "weibull", "log_logistic", "log_logistic_cure", "piecewise_constant"],
                       fix: "A baseline is constant_per_day, weibull, log_logistic, log_logistic_cure or piecewise_constant.")
        var baseline: BaselineHazard?
        if let h = base.number("constant_per_day", required: false, rule: .nonNegative, fix: "Give a daily hazard, e.g. 0.03.") {
            baseline = .constant(perDay: h)
        }
        for kind in ["weibull", "log_logistic", "log_logistic_cure"] {
            guard let m = base.mapping(kind, required: false, fix: "Give {shape: 1.1, scale_days: 28}.") else { continue }
            m.checkKeys(allowed: kind == "log_logistic_cure" ? ["shape", "scale_days", "cured_fraction"] : ["shape", "scale_days"],
                        fix: "Give shape and scale_days" + (kind == "log_logistic_cure" ? " and cured_fraction." : "."))
            let shape = m.number("shape", rule: .positive, fix: "Give the shape, e.g. 1.1.")
            let scale = m.number("scale_days", rule: .positive, fix: "Give the scale in days, e.g. 28.")
            guard let shape, let scale else { continue }
            switch kind {
            case "weibull": baseline = .weibull(shape: shape, scaleDays: scale)
            case "log_logistic": baseline = .logLogistic(shape: shape, scaleDays: scale)
            default:
                if let cured = m.number("cured_fraction", rule: .unitInterval, fix: "Give the never-relapsing share, e.g. 0.5.") {
                    baseline = .logLogisticCure(shape: shape, scaleDays: scale, curedFraction: cured)
                }
            }
        }
        if let p = base.mapping("piecewise_constant", required: false, fix: "Give {start_days: [0, 28], rates_per_day: [0.05, 0.02]}.") {
            p.checkKeys(allowed: ["start_days", "rates_per_day"], fix: "piecewise_constant has start_days and rates_per_day.")
            let starts = p.numbers("start_days", rule: .nonNegative, fix: "Give increasing start days beginning with 0.")
            let rates = p.numbers("rates_per_day", rule: .nonNegative, fix: "Give one rate per start day.")
            if let starts, let rates {
                if starts.count != rates.count || starts.first != 0 || zip(starts, starts.dropFirst()).contains(where: { $0 >= $1 }) {
                    report(p.path, at: p.node, "needs increasing start_days from 0 and one rate per start day", fix: "E.g. {start_days: [0, 28], rates_per_day: [0.05, 0.02]}.")
                } else {
                    baseline = .piecewiseConstant(startDays: starts.map { Int($0) }, ratesPerDay: rates)
                }
            }
        }
        if baseline == nil && !hasIssue(overlapping: base.path) {
            report(base.path, at: base.node, "names no baseline hazard", fix: "Give constant_per_day, weibull, log_logistic, log_logistic_cure or piecewise_constant.")
        }
        let clock = block.choice("clock", required: false, among: ["time_in_state", "study_day"], fix: "Use time_in_state or study_day.") ?? "time_in_state"
        let beta = block.number("craving_coefficient", required: false, fix: "Give β in exp(β·(x − reference)), e.g. 1.2.") ?? 0
        let reference = block.number("craving_reference", required: false, fix: "Give the craving level where exp(β·(x − reference)) = 1, e.g. 1.") ?? 0
        let effect = block.number("effect_coefficient", required: false, fix: "Give the log-hazard change per unit drug effect, e.g. 0.") ?? 0
        let reduction = block.number("effect_reduction", required: false, rule: .unitInterval,
                                     fix: "Give s in h × (1 − s·E), 0–1; 1 lets the drug effect E remove its fraction of the hazard.") ?? 0
        let treatment = block.boolean("treatment_effect", required: false, fix: "Write true if the arm's drinking_hazard_ratio applies.") ?? true
        var multipliers = HazardMultipliers()
        if let m = block.mapping("multipliers", required: false, fix: "Give e.g. {has_drunk: 4, male: 1.1}.") {
            m.checkKeys(allowed: Self.multiplierKeys, fix: "Multipliers: \(Self.multiplierKeys.joined(separator: ", ")).")
            func value(_ key: String, _ fallback: Double) -> Double {
                m.number(key, required: false, rule: key.hasPrefix("log_") || key.hasPrefix("reference") ? .any : .positive, fix: "Give a number.") ?? fallback
            }
            multipliers.male = value("male", 1); multipliers.psychiatric = value("psychiatric", 1)
            multipliers.compensatedLiver = value("compensated_liver", 1); multipliers.cirrhosis = value("cirrhosis", 1)
            multipliers.perDSM5Criterion = value("per_dsm5_criterion", 1)
            multipliers.referenceDSM5Criteria = Int(value("reference_dsm5_criteria", 6))
            multipliers.logPerAgeYear = value("log_per_age_year", 0); multipliers.referenceAgeYears = value("reference_age_years", 40)
            multipliers.hasDrunk = value("has_drunk", 1); multipliers.sideEffect = value("side_effect", 1)
            multipliers.drinkingFrailtyPower = m.number("drinking_frailty_power", required: false, rule: .within(0, 4),
                                                        fix: "Give the power of the subject's drinking frailty, 0–4 (1: in proportion).") ?? 0
        }
        guard let baseline else { return nil }
        var definition = HazardDefinition(baseline: baseline, clock: clock == "study_day" ? .studyDay : .timeInState,
                                          cravingCoefficient: beta, cravingReference: reference, effectCoefficient: effect,
                                          effectReduction: reduction)
        definition.modifiers.multipliers = multipliers
        definition.modifiers.appliesTreatmentHazardRatio = treatment
        return definition
    }

    /// The endpoint list. Heavy days are counted by `defaultHeavyThreshold` (the drinking
    /// model's `heavy_day_drinks`) unless an endpoint gives its own.
    func endpoints(from node: Node, at path: ScenarioKeyPath, horizonDays: Int,
                   defaultHeavyThreshold: HeavyDrinkingThreshold = .niaaa) -> [NamedEndpoint]? {
        guard let items = sequence(node, at: path, fix: "List endpoints, e.g. [{name: pda, kind: proportion_days_abstinent}].") else { return nil }
        let before = issues.count
        var result: [NamedEndpoint] = []
        for item in items {
            guard let e = mapping(item.node, at: item.path, fix: "Give {name: pda, kind: proportion_days_abstinent}.") else { continue }
            e.checkKeys(allowed: ["name", "kind", "window_days", "final_days", "through_day", "missing", "heavy_day_drinks", "relapse",
                                  "test_every_days", "detection_days", "population", "test", "report_sd", "description"],
                        fix: "An endpoint has name, kind, window_days/final_days/through_day, missing, heavy_day_drinks, relapse, test_every_days and detection_days.")
            let name = e.identifier("name", fix: "Name the endpoint (snake_case), e.g. pda.")
            let kind = e.choice("kind", among: Self.endpointKinds, fix: ParameterProblem.useOneOf(Self.endpointKinds, insteadOf: ""))
            let horizon = horizonDays == Int.max ? 1 << 20 : horizonDays
            var window = DayWindow(firstDay: 0, lastDay: horizon - 1)
            if let w = e.numbers("window_days", required: false, rule: .nonNegative, fix: "Give [first, last] days (inclusive), e.g. [0, 83].") {
                if w.count == 2, w[0] <= w[1], w.allSatisfy({ $0 == $0.rounded() && $0 < Double(1 << 30) }) {
                    window = DayWindow(firstDay: Int(w[0]), lastDay: Int(w[1]))
                } else {
                    report(item.path.appending("window_days"), at: e.value("window_days"), "must be [first, last], whole days with first ≤ last", fix: "E.g. [0, 83].")
                }
            } else if let x = e.integer("through_day", required: false, minimum: 1, fix: "Give X for days 0 … X − 1, e.g. 28.") {
                window = .through(day: x)
            } else if let f = e.integer("final_days", required: false, minimum: 1, fix: "Give the number of final days, e.g. 28.") {
                window = .final(days: f, horizonDays: horizon)
            }
            if window.lastDay >= horizon {
                report(item.path, at: item.node, "window ends on day \(window.lastDay), past the horizon (last day \(horizon - 1))",
                       fix: "End the window by day \(horizon - 1) or lengthen run.horizon_days.")
            }
            let missingText = e.choice("missing", required: false,
                                       among: ["complete", "observed_only", "dropout_is_failure", "last_observation_carried_forward", "completers"],
                                       fix: "Use complete, observed_only, dropout_is_failure, last_observation_carried_forward or completers.") ?? "complete"
            let missing: MissingDataConvention = switch missingText {
            case "observed_only": .observedOnly
            case "dropout_is_failure": .dropoutIsFailure
            case "last_observation_carried_forward": .lastObservationCarriedForward
            case "completers": .completers
            default: .complete
            }
            if missing == .lastObservationCarriedForward && kind == "urine_negative_share" {
                report(item.path.appending("missing"), at: e.value("missing"), "last_observation_carried_forward is not defined for urine tests",
                       fix: "Use dropout_is_failure (missing = positive), observed_only or completers.")
            }
            let threshold = heavyDayDrinks(in: e) ?? defaultHeavyThreshold
            var definition: EndpointDefinition?
            switch kind {
            case "continuous_abstinence": definition = .continuousAbstinence(window, missing)
            case "abstinent_days": definition = .abstinentDays(window, missing)
            case "proportion_days_abstinent": definition = .proportionDaysAbstinent(window, missing)
            case "proportion_heavy_drinking_days": definition = .proportionHeavyDrinkingDays(window, threshold, missing)
            case "time_to_first_drink": definition = .timeToFirstDrink(window, missing)
            case "time_to_relapse":
                if let r = e.mapping("relapse", fix: "Give {single_day_drinks_above: 4, weekly_drinks: {at_least: 14, consecutive_weeks: 4}}.") {
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
                let every = e.integer("test_every_days", minimum: 1, fix: "Give days between urine tests, e.g. 7 (weekly).")
                let detection = e.integer("detection_days", minimum: 1, fix: "Give days a use stays detectable (use day included), e.g. 3.")
                if let every, let detection {
                    let schedule = UrineSchedule(everyDays: every, detectionDays: detection)
                    let candidate = EndpointDefinition.urineNegativeShare(window, schedule, missing)
                    for problem in candidate.problems(horizonDays: horizon) {
                        report(item.path, at: item.node, problem, fix: "Use a test interval shorter than the window, e.g. test_every_days: 7.")
                    }
                    definition = candidate
                }
            default: break
            }
            var reachedDose: Double?
            if let population = e.mapping("population", required: false, fix: "Give {reached_dose_mg_per_day: 180} for the subjects who reached that dose.") {
                population.checkKeys(allowed: ["reached_dose_mg_per_day"], fix: "A population has reached_dose_mg_per_day.")
                reachedDose = population.number("reached_dose_mg_per_day", rule: .positive,
                                                fix: "Give the daily dose (mg/day) a subject must have been prescribed on some day, e.g. 180.")
            }
            // The trial's test (`baclosim trial`): the default by kind, or Fisher's exact test for a
            // share of subjects (a binary endpoint that is not a time to event).
            let test = e.choice("test", required: false, among: ["chi_square", "fisher", "welch_t", "log_rank", "wilcoxon"],
                                fix: "Use chi_square or fisher (a binary endpoint), welch_t or wilcoxon (a mean), log_rank (time to event).")
            if let test, let definition {
                let expected = definition.isTimeToEvent ? ["log_rank"] : definition.isShareOfSubjects ? ["chi_square", "fisher"] : ["welch_t", "wilcoxon"]
                if !expected.contains(test) {
                    report(item.path.appending("test"), at: e.value("test"), "\(test) does not apply to a \(kind ?? "") endpoint",
                           fix: "Use \(expected.joined(separator: " or ")).")
                }
            }
            // The SD across subjects (`<name>_sd` in summary.csv), as trials report mean ± SD.
            let reportSD = e.boolean("report_sd", required: false, fix: "Write true for a <name>_sd row (the SD across subjects), else false.") ?? false
            if reportSD, let definition, definition.isShareOfSubjects {
                report(item.path.appending("report_sd"), at: e.value("report_sd"), "applies to an endpoint with a value per subject, not to a share of subjects or a time to event",
                       fix: "Remove report_sd, or use it on a mean endpoint such as proportion_days_abstinent.")
            }
            if let name, let definition {
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
    /// The block's own `heavy_day_drinks: {men, women}`, or `nil` when it gives none (or an
    /// unreadable one, reported).
    func heavyDayDrinks(in block: ScenarioMapping) -> HeavyDrinkingThreshold? {
        guard let h = block.mapping("heavy_day_drinks", required: false, fix: "Give {men: 5, women: 4}.") else { return nil }
        let men = h.integer("men", minimum: 1, fix: "Give drinks for men, e.g. 5.")
        let women = h.integer("women", minimum: 1, fix: "Give drinks for women, e.g. 4.")
        guard let men, let women else { return nil }
        return HeavyDrinkingThreshold(menDrinks: men, womenDrinks: women)
    }

    /// A `relapse:` block (``RelapseDefinition``): any of `single_day_drinks_above`,
    /// `weekly_drinks: {at_least, consecutive_weeks}` and `heavy_days: {count, window_days}`
    /// (heavy days by `threshold`). A block without a criterion is reported.
    func relapseDefinition(_ r: ScenarioMapping, threshold: HeavyDrinkingThreshold) -> RelapseDefinition {
        r.checkKeys(allowed: ["single_day_drinks_above", "weekly_drinks", "heavy_days"], fix: "relapse has single_day_drinks_above, weekly_drinks and heavy_days.")
        var relapse = RelapseDefinition()
        relapse.singleDayDrinksAbove = r.integer("single_day_drinks_above", required: false, minimum: 0, fix: "Give a drink count, e.g. 4.")
        if let w = r.mapping("weekly_drinks", required: false, fix: "Give {at_least: 14, consecutive_weeks: 4}.") {
            let a = w.integer("at_least", minimum: 1, fix: "Give drinks per week, e.g. 14.")
            let c = w.integer("consecutive_weeks", minimum: 1, fix: "Give weeks, e.g. 4.")
            if let a, let c { relapse.weeklyDrinks = WeeklyDrinksCriterion(drinksAtLeast: a, consecutiveWeeks: c) }
        }
        if let h = r.mapping("heavy_days", required: false, fix: "Give {count: 1, window_days: 1}.") {
            let c = h.integer("count", minimum: 1, fix: "Give heavy days, e.g. 1.")
            let w = h.integer("window_days", minimum: 1, fix: "Give a window, e.g. 7.")
            if let c, let w { relapse.heavyDays = HeavyDaysCriterion(count: c, windowDays: w, threshold: threshold) }
        }
        if relapse.singleDayDrinksAbove == nil && relapse.weeklyDrinks == nil && relapse.heavyDays == nil {
            report(r.path, at: r.node, "has no criterion", fix: "Give single_day_drinks_above, weekly_drinks or heavy_days.")
        }
        return relapse
    }
}
