import Yams

/// Reading the `side_effects:` and `withdrawal:` blocks.
extension ScenarioNodeReader {
    static let sideEffectKeys = ["name", "driver", "background_per_day", "max_drug_hazard_per_day", "ec50_mg_per_L", "ec50_mg_per_day",
                                 "ec50_g", "ec50_mg_h_per_L", "hill", "drugs", "susceptibility", "tolerance", "resolution", "consequences",
                                 "description", "source"]
    /// Keys of a drug's part of one effect (`side_effects.<name>` in a drug file or under a
    /// scenario's `drugs.<name>`).
    static let drugPartKeys = ["driver", "max_drug_hazard_per_day", "ec50_mg_per_L", "ec50_mg_per_day", "ec50_g", "ec50_mg_h_per_L",
                               "hill", "tolerance", "susceptibility", "description", "source"]
    static let consequenceKeys = ["intolerable_probability", "action", "reduce_by_mg_per_day", "disutility_per_day", "cost_per_episode"]

    /// The side-effect list.
    func sideEffects(from node: Node, at path: ScenarioKeyPath) -> [NamedSideEffect]? {
        guard let items = sequence(node, at: path, fix: "List side effects, e.g. [{name: somnolence, background_per_day: 0.004, ...}].") else { return nil }
        let before = issues.count
        var result: [NamedSideEffect] = []
        var names = Set<String>()
        for item in items {
            guard let s = mapping(item.node, at: item.path, fix: "Give {name: somnolence, background_per_day: 0.004} and, for a single-drug scenario, driver: cmax, max_drug_hazard_per_day: 0.05, ec50_mg_per_L: 0.25.") else { continue }
            s.checkKeys(allowed: Self.sideEffectKeys, fix: "A side effect has \(Self.sideEffectKeys.joined(separator: ", ")).")
            for key in ["description", "source"] where s.has(key) { _ = s.text(key, fix: "Write text.") }
            let name = s.identifier("name", fix: "Name the effect (snake_case), e.g. somnolence.")
            if let name, !names.insert(name).inserted {
                report(item.path.appending("name"), at: s.value("name"), "side effect '\(name)' is listed twice",
                       fix: "List every effect once; give drug-specific numbers under drugs.<drug>.side_effects.\(name).")
            }
            let h0 = s.number("background_per_day", rule: .nonNegative, fix: "Give the placebo hazard per day, e.g. 0.004.")
            let part = drugPart(s, drugSpecificSusceptibility: false)
            var drugs: [String]?
            if let list = s.sequence("drugs", required: false, fix: "List the drugs this entry's drug part describes, e.g. drugs: [baclofen].") {
                drugs = list.compactMap { text($0.node, at: $0.path, fix: "Name a drug declared under drugs:, e.g. baclofen.") }
            }
            var susceptibility = SideEffectSusceptibility.none
            if let m = s.mapping("susceptibility", required: false, fix: "Give {elderly: 1.5, elderly_age_years: 65, renal_impairment: 1.5, renal_below_crcl_mL_per_min: 60, psychiatric: 1.3, liver_disease: 1.3}.") {
                susceptibility = self.susceptibility(m)
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
                consequences = sideEffectConsequences(c).applied(to: .none)
            }
            guard let name, let h0, let part else { continue }
            let base = SideEffectModel(name: name, onset: ConcentrationHazard(baselinePerDay: h0, maximumDrugHazardPerDay: 0, ec50MgPerL: 1),
                                       susceptibility: susceptibility, resolution: resolution, consequences: consequences)
            let model = base.replacingDrugPart(part.part)
            for problem in model.validationProblems() {
                report(item.path.appending(problem.keyPath), at: item.node, problem.problem, fix: problem.fix)
            }
            result.append(NamedSideEffect(name: name, model: model, scenarioDrugPart: part.part, drugs: drugs))
        }
        return issues.count == before ? result : nil
    }

    /// What a block says about a drug part.
    enum DrugPartRead {
        /// The block gives no drug part.
        case absent
        /// The block's drug part.
        case given(SideEffectDrugPart)

        var part: SideEffectDrugPart? { if case .given(let p) = self { p } else { nil } }
    }

    /// The drug part in `s` (the keys of ``drugPartKeys``), or `nil` after a reported problem.
    /// `drugSpecificSusceptibility` reads `susceptibility:` as the part's own multipliers (drug
    /// files and `drugs.<name>.side_effects`).
    func drugPart(_ s: ScenarioMapping, drugSpecificSusceptibility: Bool) -> DrugPartRead? {
        let ec50Present = SideEffectDriver.ec50Keys.filter { s.has($0) }
        let anyPart = s.has("max_drug_hazard_per_day") || !ec50Present.isEmpty || s.has("tolerance") || s.has("hill")
        let driverChoices = SideEffectDriver.allCases.map(\.rawValue)
        let driverName = s.choice("driver", required: false, among: driverChoices,
                                  fix: "Use \(driverChoices.joined(separator: ", ")).")
        if s.has("driver") && driverName == nil { return nil }
        guard anyPart || drugSpecificSusceptibility else { return .absent }
        let driver = driverName.flatMap(SideEffectDriver.init(rawValue:)) ?? .cmax
        let before = issues.count
        let emax = s.number("max_drug_hazard_per_day", rule: .nonNegative, fix: "Give the maximal drug-driven hazard per day, e.g. 0.05.")
        for key in ec50Present where key != driver.ec50Key {
            report(s.path.appending(key), at: s.value(key), "does not match driver \(driver.rawValue)",
                   fix: "Driver \(driver.rawValue) takes its EC50 as \(driver.ec50Key); convert the value to that unit, or change driver.")
        }
        let ec50 = s.number(driver.ec50Key, rule: .positive,
                            fix: "Give the \(driver.rawValue) exposure of half-maximal hazard as \(driver.ec50Key), e.g. \(Self.ec50Example(driver)).")
        let hill = s.number("hill", required: false, rule: .positive, fix: "Give the Hill coefficient, e.g. 1.") ?? 1
        let tolerance = hazardTolerance(in: s)
        var susceptibility = SideEffectSusceptibility.none
        if drugSpecificSusceptibility,
           let m = s.mapping("susceptibility", required: false, fix: "Give the drug part's own multipliers, e.g. {liver_disease: 3}.") {
            susceptibility = self.susceptibility(m)
        }
        let source = s.has("source") ? s.text("source", fix: "Cite the numbers' source.") : nil
        if drugSpecificSusceptibility, s.has("description") { _ = s.text("description", fix: "Describe the effect in words.") }
        guard issues.count == before, let emax, let ec50 else { return nil }
        return .given(SideEffectDrugPart(driver: driver, maximumDrugHazardPerDay: emax, ec50InDriverUnit: ec50, hillCoefficient: hill,
                                         tolerance: tolerance, susceptibility: susceptibility, source: source))
    }

    /// An example EC50 in `driver`'s unit, for fixes.
    static func ec50Example(_ driver: SideEffectDriver) -> String {
        switch driver {
        case .cmax, .cavg: "0.25"
        case .dose: "100"
        case .cumulativeDose: "500"
        case .cumulativeAUC: "2000"
        }
    }

    /// `side_effects: {<effect>: {drug part}}` in a drug file or a scenario's drug entry.
    func drugSideEffectParts(_ block: ScenarioMapping) -> [String: SideEffectDrugPart] {
        var result: [String: SideEffectDrugPart] = [:]
        for entry in block.entries {
            let path = block.path.appending(entry.key)
            guard let m = mapping(entry.value, at: path, fix: "Give {driver: cmax, max_drug_hazard_per_day: 0.05, ec50_mg_per_L: 0.25, source: ...}.") else { continue }
            m.checkKeys(allowed: Self.drugPartKeys, fix: "A drug's side-effect part has \(Self.drugPartKeys.joined(separator: ", ")).")
            if !m.has("max_drug_hazard_per_day") && !SideEffectDriver.ec50Keys.contains(where: { m.has($0) }) {
                report(path, at: entry.value, "gives no drug part",
                       fix: "Give max_drug_hazard_per_day and the EC50 in the driver's unit, e.g. {driver: cmax, max_drug_hazard_per_day: 0.05, ec50_mg_per_L: 0.25}.")
                continue
            }
            guard let read = drugPart(m, drugSpecificSusceptibility: true), let part = read.part else { continue }
            for problem in part.validationProblems() { report(path.appending(problem.keyPath), at: entry.value, problem.problem, fix: problem.fix) }
            result[entry.key] = part
        }
        return result
    }

    /// `susceptibility: {elderly, elderly_age_years, renal_impairment, renal_below_crcl_mL_per_min, psychiatric, liver_disease}`.
    func susceptibility(_ m: ScenarioMapping) -> SideEffectSusceptibility {
        m.checkKeys(allowed: ["elderly", "elderly_age_years", "renal_impairment", "renal_below_crcl_mL_per_min", "psychiatric", "liver_disease"],
                    fix: "susceptibility has elderly, elderly_age_years, renal_impairment, renal_below_crcl_mL_per_min, psychiatric and liver_disease.")
        return SideEffectSusceptibility(
            elderlyAgeYears: m.number("elderly_age_years", required: false, rule: .positive, fix: "Give an age, e.g. 65.") ?? 65,
            elderlyMultiplier: m.number("elderly", required: false, rule: .positive, fix: "Give a multiplier, e.g. 1.5.") ?? 1,
            renalImpairmentBelowCrClMLPerMin: m.number("renal_below_crcl_mL_per_min", required: false, rule: .positive, fix: "Give a CrCl, e.g. 60.") ?? 60,
            renalImpairmentMultiplier: m.number("renal_impairment", required: false, rule: .positive, fix: "Give a multiplier, e.g. 1.5.") ?? 1,
            psychiatricMultiplier: m.number("psychiatric", required: false, rule: .positive, fix: "Give a multiplier, e.g. 1.3.") ?? 1,
            liverDiseaseMultiplier: m.number("liver_disease", required: false, rule: .positive, fix: "Give a multiplier, e.g. 1.3.") ?? 1)
    }

    /// `consequences: {intolerable_probability, action, reduce_by_mg_per_day, disutility_per_day, cost_per_episode}`
    /// (a scenario entry's, or an arm's override): the keys given.
    func sideEffectConsequences(_ c: ScenarioMapping) -> SideEffectConsequenceOverride {
        c.checkKeys(allowed: Self.consequenceKeys,
                    fix: "consequences has intolerable_probability, action, reduce_by_mg_per_day, disutility_per_day and cost_per_episode.")
        var result = SideEffectConsequenceOverride()
        result.intolerableProbability = c.number("intolerable_probability", required: false, rule: .unitInterval, fix: "Give a probability, e.g. 0.2.")
        let actionName = c.choice("action", required: false, among: ["none", "reduce_dose", "discontinue", "taper", "protocol_taper"],
                                  fix: "Use none, reduce_dose, discontinue (abrupt) or taper (the arm's declared taper; protocol_taper is the same).")
        switch actionName {
        case "none": result.intolerableAction = SideEffectAction.none
        case "reduce_dose":
            // Without reduce_by_mg_per_day: the arm's regimen side_effect_reduction_mg (checked per arm).
            let mg = c.number("reduce_by_mg_per_day", required: false, rule: .positive, fix: "Give the reduction in mg/day, e.g. 10.")
            if !c.has("reduce_by_mg_per_day") || mg != nil { result.intolerableAction = .reduceDose(byMgPerDay: mg) }
        case "discontinue": result.intolerableAction = .discontinue(.abrupt)
        case "taper", "protocol_taper": result.intolerableAction = .discontinue(.protocolTaper)
        default: break
        }
        if actionName != "reduce_dose" && c.has("reduce_by_mg_per_day") {
            report(c.path.appending("reduce_by_mg_per_day"), at: c.value("reduce_by_mg_per_day"), "applies only to action: reduce_dose",
                   fix: "Write action: reduce_dose, or remove reduce_by_mg_per_day.")
        }
        result.disutilityPerEpisodeDay = c.number("disutility_per_day", required: false, rule: .unitInterval, fix: "Give a utility decrement, e.g. 0.02.")
        result.costPerEpisode = c.number("cost_per_episode", required: false, rule: .nonNegative, fix: "Give a cost, e.g. 30.")
        return result
    }

    /// `{driver, tau_up_days, tau_down_days, threshold, hazard_per_unit_drive, severity_tiers,
    /// reinstate_at_symptom}` (all assumptions: no published data tie taper speed to withdrawal
    /// risk, docs/sources.md#gap-4). The same block is read at the scenario level, under
    /// `drugs.<name>` and in a drug file; `driver` and tier lists: Scenario+DrugSafetyDecoding.swift.
    func withdrawal(from node: Node, at path: ScenarioKeyPath) -> WithdrawalModel? {
        let before = issues.count
        guard let w = declared(node, at: path, as: .withdrawal) else { return nil }
        let driver = withdrawalDriver(w)
        let tiers = withdrawalTiers(w)
        let reinstate = w.text("reinstate_at_symptom").flatMap { key in WithdrawalSymptom.allCases.first { $0.key == key } }
        guard issues.count == before, let up = w.number("tau_up_days"), let down = w.number("tau_down_days"),
              let threshold = w.number("threshold"), let k = w.number("hazard_per_unit_drive"), let driver, let tiers else { return nil }
        let model = WithdrawalModel(adaptationRiseTimeConstantDays: up, adaptationFallTimeConstantDays: down, driveThreshold: threshold,
                                    hazardPerUnitDrive: k, severityTiers: tiers, reinstateAtSymptom: reinstate, driver: driver)
        for problem in model.validationProblems() { report(path.appending(problem.keyPath), at: node, problem.problem, fix: problem.fix) }
        return model
    }

    /// The block's `tolerance:` (``BlockDeclaration/hazardTolerance``), or `nil` when absent or
    /// unreadable (reported).
    func hazardTolerance(in block: ScenarioMapping) -> HazardTolerance? {
        guard let node = block.value("tolerance") else { return nil }
        return declared(node, at: block.path.appending("tolerance"), as: .hazardTolerance).flatMap(hazardTolerance)
    }
}
