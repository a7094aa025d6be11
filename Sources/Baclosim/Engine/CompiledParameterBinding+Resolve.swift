/// Resolving a key path to a ``CompiledParameterBinding`` (once per PSA, before the outer loop).
extension CompiledParameterBinding {
    /// The binding of `keyPath` in `scenario` (the decoded base scenario), or why it has none.
    ///
    /// The key path is known to lead to a number in the YAML (the `psa:` block's decoding checks
    /// it); this decides whether that number is one the compiled model can take in place, and
    /// that the decoded model has the matching form (e.g. a `constant_per_day` baseline is bound
    /// only when the decoded hazard is constant).
    static func resolve(keyPath: String, in scenario: Scenario) -> Result<CompiledParameterBinding, Unbindable> {
        let steps = ScenarioKeyPath(parsing: keyPath).components
        // A number in a declared block is checked by its declared rule, the one the decoder
        // applies (ScenarioDeclarations); the others by the rule given here.
        let declaredRule = ScenarioDeclarations.numberRule(at: ScenarioKeyPath(components: steps))
        func bound(_ target: Target, _ rule: NumberRule) -> Result<CompiledParameterBinding, Unbindable> {
            .success(CompiledParameterBinding(keyPath: keyPath, target: target, rule: declaredRule ?? rule))
        }
        func unbindable(_ reason: String) -> Result<CompiledParameterBinding, Unbindable> {
            .failure(Unbindable(keyPath: keyPath, reason: reason))
        }
        guard case .key(let head)? = steps.first else { return unbindable("not a key path into a scenario block") }
        let rest = Array(steps.dropFirst())
        switch head {
        case "economics":
            guard let economics = scenario.economics else { return unbindable("the scenario has no economics block") }
            if scenario.arms.contains(where: { $0.economics != nil }) {
                return unbindable("an arm has economics of its own, which the scenario's values merge into when the draw is read")
            }
            // The economics block is declared: a binding checks a draw by the declared rule, the
            // one the decoder applies (BlockDeclaration.economics).
            return resolveEconomics(rest, economics, bound: { target in
                guard let rule = ScenarioDeclarations.numberRule(at: ScenarioKeyPath(components: steps)) else {
                    return unbindable("not a number the economics declaration lists")
                }
                return bound(target, rule)
            }, unbindable: unbindable)
        case "drugs":
            guard rest.count == 3, case .key(let drug) = rest[0], case .key("effect") = rest[1], case .key(let name) = rest[2],
                  let parameter = EffectParameter(rawValue: name) else {
                return unbindable("only a drug's effect (emax, ec50_mg_per_L, hill, responder_probability, non_responder_emax) binds in place; PK parameters and regimens are compiled into per-subject kernels and dose tables")
            }
            let rule: NumberRule = switch parameter {
            case .emax, .responderProbability, .nonResponderEmax: .unitInterval
            case .ec50, .hill: .positive
            }
            return bound(.drugEffect(drug: drug, parameter), rule)
        case "adherence":
            let names = rest.map { step -> String? in if case .key(let k) = step { k } else { nil } }
            switch (names, scenario.adherence.pattern) {
            case ([AdherenceParameter.takeProbability.rawValue], .independent):
                return bound(.adherence(.takeProbability), .unitInterval)
            case ([AdherenceParameter.missAfterTaken.rawValue], .persistent):
                return bound(.adherence(.missAfterTaken), .unitInterval)
            case ([AdherenceParameter.missAfterMissed.rawValue], .persistent):
                return bound(.adherence(.missAfterMissed), .unitInterval)
            case (["holidays", AdherenceParameter.holidayStartRate.rawValue], _) where scenario.adherence.holidays != nil:
                return bound(.adherence(.holidayStartRate), .unitInterval)
            case (["holidays", AdherenceParameter.holidayMeanLength.rawValue], _) where scenario.adherence.holidays != nil:
                return bound(.adherence(.holidayMeanLength), .positive)
            default:
                return unbindable("not an adherence number of the scenario's adherence pattern")
            }
        case "craving":
            switch rest {
            case [.key("theta_per_day")]: return bound(.cravingReversionPerDay, .positive)
            case [.key("sigma_per_sqrt_day")]: return bound(.cravingVolatility, .nonNegative)
            default: return unbindable("only craving.theta_per_day and craving.sigma_per_sqrt_day bind in place")
            }
        case "drinking":
            return resolveHazard(rest, scenario.drinking, bound: bound, unbindable: unbindable)
        case "arms":
            return unbindable("an arm's regimen, eligibility and hazard ratio are compiled into dose schedules and per-worker dose tables")
        case "side_effects", "withdrawal", "alcohol_withdrawal", "toxicity":
            return unbindable("safety models are not bound in place yet (their per-drug parameters are being reworked)")
        default:
            return unbindable("the \(head) block is not bound in place (compiled into per-worker tables or read at decode time)")
        }
    }

    private static func resolveEconomics(_ steps: [ScenarioKeyPath.Component], _ economics: EconomicsSettings,
                                         bound: (Target) -> Result<CompiledParameterBinding, Unbindable>,
                                         unbindable: (String) -> Result<CompiledParameterBinding, Unbindable>)
        -> Result<CompiledParameterBinding, Unbindable> {
        // Keys as text, an index as "[i]".
        let names = steps.map { step -> String in
            switch step {
            case .key(let key): key
            case .index(let index): "[\(index)]"
            }
        }
        let last = names.last ?? ""
        switch names.count {
        case 1:
            if last == "disutility_per_side_effect_day" { return bound(.disutilityPerSideEffectDay) }
            if last == "unscheduled_visit_cost" { return bound(.unscheduledVisitCost) }
            if last == "side_effect_cost_per_event" { return bound(.sideEffectCostPerEvent) }
        case 2:
            if names[0] == "utility_by_risk_level", let level = riskLevel(last) { return bound(.utility(level)) }
            if names[0] == "hospitalisation_cost_per_day_by_risk_level", let level = riskLevel(last) {
                return bound(.hospitalisationCost(level))
            }
            if last == "unit_cost", let service = Service(rawValue: names[0]) { return bound(.serviceUnitCost(service)) }
        case 3:
            if names[0] == "drug_products", last == "pack_price", case .index(let i) = steps[1], economics.costs.drugs.indices.contains(i) {
                return bound(.packPrice(product: i))
            }
            if names[0] == "mortality", names[1] == "relative_risk_by_risk_level", economics.mortality != nil, let level = riskLevel(last) {
                return bound(.mortalityRelativeRisk(level))
            }
            if names[0] == "mortality", names[1] == "gompertz", case .gompertz? = economics.mortality?.background {
                if last == "a_per_year" { return bound(.gompertzAPerYear) }
                if last == "b_per_year" { return bound(.gompertzBPerYear) }
            }
        default:
            break
        }
        return unbindable("not a bindable economics number (discount rates, tablet strengths, pack sizes, schedules and life tables are compiled into tables or are integers)")
    }

    private static func resolveHazard(_ steps: [ScenarioKeyPath.Component], _ drinking: DrinkingModel,
                                      bound: (Target, NumberRule) -> Result<CompiledParameterBinding, Unbindable>,
                                      unbindable: (String) -> Result<CompiledParameterBinding, Unbindable>)
        -> Result<CompiledParameterBinding, Unbindable> {
        guard steps.count >= 3, case .key("states") = steps[0] else {
            return unbindable("only drinking-state hazards bind in place")
        }
        let state: Int?
        switch steps[1] {
        case .index(let i): state = drinking.states.indices.contains(i) ? i : nil
        case .key(let name): state = drinking.states.firstIndex { $0.name == name }
        }
        guard let state else { return unbindable("no such drinking state in the decoded model") }
        var hazardSteps = steps.dropFirst(2)
        let transition: Int?
        let hazard: HazardDefinition?
        switch Array(hazardSteps.prefix(3)) {
        case let prefix where prefix.first == .key("drinking_hazard"):
            transition = nil
            hazard = drinking.states[state].drinkingHazard
            hazardSteps = hazardSteps.dropFirst(1)
        case let prefix where prefix.count == 3 && prefix[0] == .key("transitions") && prefix[2] == .key("hazard"):
            guard case .index(let t) = prefix[1], drinking.states[state].transitions.indices.contains(t) else {
                return unbindable("transitions are addressed by index")
            }
            transition = t
            hazard = drinking.states[state].transitions[t].hazard
            hazardSteps = hazardSteps.dropFirst(3)
        default:
            return unbindable("only a state's drinking_hazard or transitions[i].hazard binds in place")
        }
        guard let hazard else { return unbindable("the state has no drinking hazard") }
        let parameter: HazardParameter?
        let rule: NumberRule
        switch (Array(hazardSteps), hazard.baseline) {
        case ([.key("baseline"), .key("constant_per_day")], .constant):
            (parameter, rule) = (.constantPerDay, .nonNegative)
        case ([.key("baseline"), .key("weibull"), .key("shape")], .weibull),
             ([.key("baseline"), .key("log_logistic"), .key("shape")], .logLogistic),
             ([.key("baseline"), .key("log_logistic_cure"), .key("shape")], .logLogisticCure):
            (parameter, rule) = (.shape, .positive)
        case ([.key("baseline"), .key("weibull"), .key("scale_days")], .weibull),
             ([.key("baseline"), .key("log_logistic"), .key("scale_days")], .logLogistic),
             ([.key("baseline"), .key("log_logistic_cure"), .key("scale_days")], .logLogisticCure):
            (parameter, rule) = (.scaleDays, .positive)
        case ([.key("baseline"), .key("log_logistic_cure"), .key("cured_fraction")], .logLogisticCure):
            (parameter, rule) = (.curedFraction, .unitInterval)
        case ([.key("craving_coefficient")], _): (parameter, rule) = (.cravingCoefficient, .any)
        case ([.key("craving_reference")], _): (parameter, rule) = (.cravingReference, .any)
        case ([.key("effect_coefficient")], _): (parameter, rule) = (.effectCoefficient, .any)
        default: (parameter, rule) = (nil, .any)
        }
        guard let parameter else {
            return unbindable("not a bindable hazard number of the decoded baseline (piecewise rates and multipliers re-decode)")
        }
        // The declared rule (BlockDeclaration.hazard), also for a state addressed by its name.
        return bound(.hazard(state: state, transition: transition, parameter), ScenarioDeclarations.numberRule(in: .hazard, at: hazardSteps) ?? rule)
    }

    /// The risk level named by a scenario key (`very_high` → `.veryHigh`).
    private static func riskLevel(_ key: String) -> DrinkingRiskLevel? {
        DrinkingRiskLevel.allCases.first { PerDrinkingRiskLevel<Double>.scenarioKey($0) == key }
    }
}
