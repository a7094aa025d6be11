import Yams

/// Reading the `side_effects:` and `withdrawal:` blocks.
extension ScenarioNodeReader {
    /// The side-effect list (``BlockDeclaration/sideEffect``).
    func sideEffects(from node: Node, at path: ScenarioKeyPath) -> [NamedSideEffect]? {
        guard let items = sequence(node, at: path, fix: "List side effects, e.g. [\(BlockDeclaration.sideEffect.example)].") else { return nil }
        let before = issues.count
        var result: [NamedSideEffect] = []
        var names = Set<String>()
        for item in items {
            guard let s = declared(item.node, at: item.path, as: .sideEffect) else { continue }
            let name = s.text("name")
            if let name, !names.insert(name).inserted {
                report(item.path.appending("name"), at: s.value("name"), "side effect '\(name)' is listed twice",
                       fix: "List every effect once; give drug-specific numbers under drugs.<drug>.side_effects.\(name).")
            }
            let part = drugPart(s, drugSpecificSusceptibility: false)
            let susceptibility = s.block("susceptibility").map(self.susceptibility) ?? .none
            var resolution = SideEffectResolution.firstOnsetOnly
            if s.value("resolution")?.string != "first_onset_only", let r = s.block("resolution"), let p = r.number("probability_per_day") {
                resolution = .dailyProbability(p)
            }
            let consequences = s.block("consequences").map { sideEffectConsequences($0).applied(to: .none) } ?? .none
            guard let name, let h0 = s.number("background_per_day"), let part else { continue }
            let base = SideEffectModel(name: name, onset: ConcentrationHazard(baselinePerDay: h0, maximumDrugHazardPerDay: 0, ec50MgPerL: 1),
                                       susceptibility: susceptibility, resolution: resolution, consequences: consequences)
            let model = base.replacingDrugPart(part.part)
            for problem in model.validationProblems() {
                report(item.path.appending(problem.keyPath), at: item.node, problem.problem, fix: problem.fix)
            }
            result.append(NamedSideEffect(name: name, model: model, scenarioDrugPart: part.part, drugs: s.texts("drugs")))
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

    /// The drug part in `s` (``BlockDeclaration/drugPartKeys(susceptibilityMeaning:)``), or `nil`
    /// after a reported problem. `drugSpecificSusceptibility` reads `susceptibility:` as the
    /// part's own multipliers (drug files and `drugs.<name>.side_effects`).
    func drugPart(_ s: DeclaredMapping, drugSpecificSusceptibility: Bool) -> DrugPartRead? {
        let ec50Present = SideEffectDriver.ec50Keys.filter { s.has($0) }
        let anyPart = s.has("max_drug_hazard_per_day") || !ec50Present.isEmpty || s.has("tolerance") || s.has("hill")
        if s.has("driver") && s.text("driver") == nil { return nil }
        guard anyPart || drugSpecificSusceptibility else {
            if s.has("driver") {
                report(s.path.appending("driver"), at: s.value("driver"), "gives a driver but no drug part, so it would go unused",
                       fix: "Give max_drug_hazard_per_day and the driver's EC50 as well, or remove driver.")
                return nil
            }
            return .absent
        }
        let driver = s.text("driver").flatMap(SideEffectDriver.init(rawValue:)) ?? .cmax
        let before = issues.count
        for key in ec50Present where key != driver.ec50Key {
            report(s.path.appending(key), at: s.value(key), "does not match driver \(driver.rawValue)",
                   fix: "Driver \(driver.rawValue) takes its EC50 as \(driver.ec50Key); convert the value to that unit, or change driver.")
        }
        for key in ["max_drug_hazard_per_day", driver.ec50Key] {
            s.require(key, fix: key == driver.ec50Key
                ? "Give the \(driver.rawValue) exposure of half-maximal hazard as \(driver.ec50Key), e.g. \(Self.ec50Example(driver))."
                : s.declaration[key].fix)
        }
        let susceptibility = drugSpecificSusceptibility ? s.block("susceptibility").map(self.susceptibility) ?? .none : .none
        let tolerance = s.block("tolerance").flatMap(hazardTolerance)
        guard issues.count == before, let emax = s.number("max_drug_hazard_per_day"), let ec50 = s.number(driver.ec50Key) else { return nil }
        return .given(SideEffectDrugPart(driver: driver, maximumDrugHazardPerDay: emax, ec50InDriverUnit: ec50, hillCoefficient: s.number("hill") ?? 1,
                                         tolerance: tolerance, susceptibility: susceptibility, source: s.text("source")))
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

    /// `side_effects: {<effect>: {drug part}}` in a drug file or a scenario's drug entry
    /// (``BlockDeclaration/drugPart``).
    func drugSideEffectParts(_ block: ScenarioMapping) -> [String: SideEffectDrugPart] {
        var result: [String: SideEffectDrugPart] = [:]
        for entry in block.entries {
            let path = block.path.appending(entry.key)
            guard let m = declared(entry.value, at: path, as: .drugPart) else { continue }
            if !m.has("max_drug_hazard_per_day") && !SideEffectDriver.ec50Keys.contains(where: { m.has($0) }) {
                report(path, at: entry.value, "gives no drug part",
                       fix: "Give max_drug_hazard_per_day and the EC50 in the driver's unit, e.g. \(BlockDeclaration.drugPart.example).")
                continue
            }
            guard let read = drugPart(m, drugSpecificSusceptibility: true), let part = read.part else { continue }
            for problem in part.validationProblems() { report(path.appending(problem.keyPath), at: entry.value, problem.problem, fix: problem.fix) }
            result[entry.key] = part
        }
        return result
    }

    /// Susceptibility multipliers (``BlockDeclaration/susceptibility``).
    func susceptibility(_ m: DeclaredMapping) -> SideEffectSusceptibility {
        SideEffectSusceptibility(
            elderlyAgeYears: m.number("elderly_age_years") ?? 65, elderlyMultiplier: m.number("elderly") ?? 1,
            renalImpairmentBelowCrClMLPerMin: m.number("renal_below_crcl_mL_per_min") ?? 60,
            renalImpairmentMultiplier: m.number("renal_impairment") ?? 1,
            psychiatricMultiplier: m.number("psychiatric") ?? 1, liverDiseaseMultiplier: m.number("liver_disease") ?? 1)
    }

    /// Consequences (``BlockDeclaration/consequences``), a scenario entry's or an arm's
    /// override: the keys given.
    func sideEffectConsequences(_ c: DeclaredMapping) -> SideEffectConsequenceOverride {
        var result = SideEffectConsequenceOverride()
        result.intolerableProbability = c.number("intolerable_probability")
        let actionName = c.text("action")
        switch actionName {
        case "none": result.intolerableAction = SideEffectAction.none
        case "reduce_dose":
            // Without reduce_by_mg_per_day: the arm's regimen side_effect_reduction_mg (checked per arm).
            let mg = c.number("reduce_by_mg_per_day")
            if !c.has("reduce_by_mg_per_day") || mg != nil { result.intolerableAction = .reduceDose(byMgPerDay: mg) }
        case "discontinue": result.intolerableAction = .discontinue(.abrupt)
        case "taper", "protocol_taper": result.intolerableAction = .discontinue(.protocolTaper)
        default: break
        }
        if actionName != "reduce_dose" && c.has("reduce_by_mg_per_day") {
            report(c.path.appending("reduce_by_mg_per_day"), at: c.value("reduce_by_mg_per_day"), "applies only to action: reduce_dose",
                   fix: "Write action: reduce_dose, or remove reduce_by_mg_per_day.")
        }
        result.disutilityPerEpisodeDay = c.number("disutility_per_day")
        result.costPerEpisode = c.number("cost_per_episode")
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
}
