import Yams

/// Reading the `side_effects:` and `withdrawal:` blocks.
extension ScenarioNodeReader {
    static let sideEffectKeys = ["name", "driver", "background_per_day", "max_drug_hazard_per_day", "ec50_mg_per_L", "hill",
                                 "susceptibility", "tolerance", "resolution", "consequences", "description", "source"]

    /// The side-effect list.
    func sideEffects(from node: Node, at path: ScenarioKeyPath) -> [NamedSideEffect]? {
        guard let items = sequence(node, at: path, fix: "List side effects, e.g. [{name: somnolence, background_per_day: 0.004, ...}].") else { return nil }
        let before = issues.count
        var result: [NamedSideEffect] = []
        for item in items {
            guard let s = mapping(item.node, at: item.path, fix: "Give {name: somnolence, driver: cmax, background_per_day: 0.004, max_drug_hazard_per_day: 0.05, ec50_mg_per_L: 0.25}.") else { continue }
            s.checkKeys(allowed: Self.sideEffectKeys, fix: "A side effect has \(Self.sideEffectKeys.joined(separator: ", ")).")
            for key in ["description", "source"] where s.has(key) { _ = s.text(key, fix: "Write text.") }
            let name = s.text("name", fix: "Name the effect (snake_case), e.g. somnolence.")
            let driver = s.choice("driver", required: false, among: ["cmax", "cavg"], fix: "Use cmax or cavg.") ?? "cmax"
            let h0 = s.number("background_per_day", rule: .nonNegative, fix: "Give the placebo hazard per day, e.g. 0.004.")
            let emax = s.number("max_drug_hazard_per_day", rule: .nonNegative, fix: "Give the maximal drug-driven hazard per day, e.g. 0.05.")
            let ec50 = s.number("ec50_mg_per_L", rule: .positive, fix: "Give the concentration of half-maximal hazard in mg/L, e.g. 0.25.")
            let hill = s.number("hill", required: false, rule: .positive, fix: "Give the Hill coefficient, e.g. 1.") ?? 1
            var susceptibility = SideEffectSusceptibility.none
            if let m = s.mapping("susceptibility", required: false, fix: "Give {elderly: 1.5, elderly_age_years: 65, renal_impairment: 1.5, renal_below_crcl_mL_per_min: 60, psychiatric: 1.3, liver_disease: 1.3}.") {
                m.checkKeys(allowed: ["elderly", "elderly_age_years", "renal_impairment", "renal_below_crcl_mL_per_min", "psychiatric", "liver_disease"],
                            fix: "susceptibility has elderly, elderly_age_years, renal_impairment, renal_below_crcl_mL_per_min, psychiatric and liver_disease.")
                susceptibility = SideEffectSusceptibility(
                    elderlyAgeYears: m.number("elderly_age_years", required: false, rule: .positive, fix: "Give an age, e.g. 65.") ?? 65,
                    elderlyMultiplier: m.number("elderly", required: false, rule: .positive, fix: "Give a multiplier, e.g. 1.5.") ?? 1,
                    renalImpairmentBelowCrClMLPerMin: m.number("renal_below_crcl_mL_per_min", required: false, rule: .positive, fix: "Give a CrCl, e.g. 60.") ?? 60,
                    renalImpairmentMultiplier: m.number("renal_impairment", required: false, rule: .positive, fix: "Give a multiplier, e.g. 1.5.") ?? 1,
                    psychiatricMultiplier: m.number("psychiatric", required: false, rule: .positive, fix: "Give a multiplier, e.g. 1.3.") ?? 1,
                    liverDiseaseMultiplier: m.number("liver_disease", required: false, rule: .positive, fix: "Give a multiplier, e.g. 1.3.") ?? 1)
            }
            var tolerance: HazardTolerance?
            if let t = s.mapping("tolerance", required: false, fix: "Give {floor: 0.3, time_constant_days: 14}.") {
                t.checkKeys(allowed: ["floor", "time_constant_days"], fix: "tolerance has floor and time_constant_days.")
                let floor = t.number("floor", rule: .unitInterval, fix: "Give the hazard multiplier reached on a long stable dose, e.g. 0.3.")
                let tau = t.number("time_constant_days", rule: .positive, fix: "Give the time constant in days, e.g. 14.")
                if let floor, let tau { tolerance = HazardTolerance(floor: floor, timeConstantDays: tau) }
            }
            var resolution = SideEffectResolution.firstOnsetOnly
            if let r = s.value("resolution") {
                if r.string == "first_onset_only" {
                    resolution = .firstOnsetOnly
                } else if let m = mapping(r, at: item.path.appending("resolution"), fix: "Write first_onset_only or {probability_per_day: 0.1}.") {
                    m.checkKeys(allowed: ["probability_per_day"], fix: "resolution has probability_per_day.")
                    if let p = m.number("probability_per_day", rule: .fractionAboveZero, fix: "Give the daily resolution probability, e.g. 0.1.") {
                        resolution = .dailyProbability(p)
                    }
                }
            }
            var consequences = SideEffectConsequences.none
            if let c = s.mapping("consequences", required: false, fix: "Give {intolerable_probability: 0.2, action: reduce_dose, reduce_by_mg_per_day: 10}.") {
                c.checkKeys(allowed: ["intolerable_probability", "action", "reduce_by_mg_per_day", "disutility_per_day", "cost_per_episode"],
                            fix: "consequences has intolerable_probability, action, reduce_by_mg_per_day, disutility_per_day and cost_per_episode.")
                let p = c.number("intolerable_probability", required: false, rule: .unitInterval, fix: "Give a probability, e.g. 0.2.") ?? 0
                let actionName = c.choice("action", required: false, among: ["none", "reduce_dose", "discontinue", "protocol_taper"],
                                          fix: "Use none, reduce_dose, discontinue (abrupt) or protocol_taper.") ?? "none"
                var action = SideEffectAction.none
                switch actionName {
                case "reduce_dose":
                    if let mg = c.number("reduce_by_mg_per_day", rule: .positive, fix: "Give the reduction in mg/day, e.g. 10.") { action = .reduceDose(byMgPerDay: mg) }
                case "discontinue": action = .discontinue(.abrupt)
                case "protocol_taper": action = .discontinue(.protocolTaper)
                default: break
                }
                consequences = SideEffectConsequences(
                    intolerableProbability: p, intolerableAction: action,
                    disutilityPerEpisodeDay: c.number("disutility_per_day", required: false, rule: .unitInterval, fix: "Give a utility decrement, e.g. 0.02.") ?? 0,
                    costPerEpisode: c.number("cost_per_episode", required: false, rule: .nonNegative, fix: "Give a cost, e.g. 30.") ?? 0)
            }
            guard let name, let h0, let emax, let ec50 else { continue }
            let model = SideEffectModel(name: name, driver: driver == "cavg" ? .cavg : .cmax,
                                        onset: ConcentrationHazard(baselinePerDay: h0, maximumDrugHazardPerDay: emax, ec50MgPerL: ec50, hillCoefficient: hill),
                                        susceptibility: susceptibility, tolerance: tolerance, resolution: resolution, consequences: consequences)
            for problem in model.validationProblems() {
                report(item.path.appending(problem.key), at: item.node, problem.message, fix: "")
            }
            result.append(NamedSideEffect(name: name, model: model))
        }
        return issues.count == before ? result : nil
    }

    /// `{driver, tau_up_days, tau_down_days, threshold, hazard_per_unit_drive, severity_tiers,
    /// reinstate_at_symptom}` (all assumptions: no published data tie taper speed to withdrawal
    /// risk, DOMAIN.md known gap 4). The same block is read at the scenario level, under
    /// `drugs.<name>` and in a drug file; `driver` and tier lists: Scenario+DrugSafetyDecoding.swift.
    func withdrawal(from node: Node, at path: ScenarioKeyPath) -> WithdrawalModel? {
        guard let w = mapping(node, at: path, fix: "Give {tau_up_days: 20, tau_down_days: 3, threshold: 0.05, hazard_per_unit_drive: 3}.") else { return nil }
        let before = issues.count
        w.checkKeys(allowed: Self.withdrawalKeys,
                    fix: "withdrawal has driver, tau_up_days, tau_down_days, threshold, hazard_per_unit_drive, severity_tiers and reinstate_at_symptom.")
        for key in ["description", "source"] where w.has(key) { _ = w.text(key, fix: "Describe the assumptions.") }
        let driver = withdrawalDriver(w)
        let up = w.number("tau_up_days", rule: .positive, fix: "Give the adaptation rise time constant in days, e.g. 20.")
        let down = w.number("tau_down_days", rule: .positive, fix: "Give the adaptation fall time constant in days, e.g. 3.")
        let threshold = w.number("threshold", rule: .nonNegative, fix: "Give the drive threshold, e.g. 0.05.")
        let k = w.number("hazard_per_unit_drive", rule: .nonNegative, fix: "Give the hazard per unit drive, e.g. 3.")
        let tiers = withdrawalTiers(w)
        // A withdrawal day at this tier or worse restarts the drug (Leo & Baer 2005: reinstated in
        // 43.5% of 23 oral cases); absent: never.
        let symptomKeys = WithdrawalSymptom.allCases.map(\.key)
        let reinstateKey = w.choice("reinstate_at_symptom", required: false, among: symptomKeys,
                                    fix: "Use one of \(symptomKeys.joined(separator: ", ")), e.g. hallucinations.")
        let reinstate = reinstateKey.flatMap { key in WithdrawalSymptom.allCases.first { $0.key == key } }
        if w.has("reinstate_at_symptom") && reinstate == nil { return nil }
        guard issues.count == before, let up, let down, let threshold, let k, let driver, let tiers else { return nil }
        let model = WithdrawalModel(adaptationRiseTimeConstantDays: up, adaptationFallTimeConstantDays: down, driveThreshold: threshold,
                                    hazardPerUnitDrive: k, severityTiers: tiers, reinstateAtSymptom: reinstate, driver: driver)
        for problem in model.validationProblems() { report(path.appending(problem.key), at: node, problem.message, fix: "") }
        return model
    }
}
