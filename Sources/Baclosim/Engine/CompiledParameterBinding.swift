/// One PSA key path resolved, once, to the number it sets in a compiled ``CohortModel``: a PSA
/// draw then writes its values in place instead of decoding and compiling the scenario again.
///
/// A binding writes the same number the decoder would have read from the overridden YAML (the
/// value goes through the same text round trip, see ``normalised(_:)``) into the model's
/// `scenario` and into every compiled part derived from it (``refreshDerivedParts(of:)``), so a
/// bound draw runs exactly the model a re-decoded draw would compile. Each binding carries the
/// decoder's ``NumberRule`` for its key, so a drawn value the decoder would reject is caught
/// before it is written (the caller then re-decodes that draw for the decoder's own error).
///
/// Families bound in place (key paths as in ``ScenarioOverride``; `LEVEL` is abstinent, low,
/// medium, high or very_high):
/// - `economics.utility_by_risk_level.LEVEL`, `economics.disutility_per_side_effect_day`
/// - `economics.hospitalisation_cost_per_day_by_risk_level.LEVEL`, `economics.drug_products[i].pack_price`,
///   `economics.{monitoring_visits,laboratory_tests,psychosocial_sessions}.unit_cost`,
///   `economics.unscheduled_visit_cost`, `economics.side_effect_cost_per_event`
/// - `economics.mortality.relative_risk_by_risk_level.LEVEL`,
///   `economics.mortality.gompertz.{a_per_year,b_per_year}`
/// - `drugs.NAME.effect.{emax,ec50_mg_per_L,hill,responder_probability,non_responder_emax}`
/// - `adherence.{take_probability,miss_after_taken,miss_after_missed}`,
///   `adherence.holidays.{start_rate_per_day,mean_length_days}`
/// - `drinking.states[S].drinking_hazard.…` and `drinking.states[S].transitions[T].hazard.…`
///   (S by index or state name): `baseline.constant_per_day`,
///   `baseline.{weibull,log_logistic,log_logistic_cure}.{shape,scale_days}`,
///   `baseline.log_logistic_cure.cured_fraction`, `craving_coefficient`, `craving_reference`,
///   `effect_coefficient`
/// - `craving.theta_per_day`, `craving.sigma_per_sqrt_day`
///
/// Anything else (regimens, PK parameters, side effects, population, integer fields, Dirichlet
/// components outside these families) cannot be bound: ``resolve(keyPath:in:)`` says why and
/// the PSA re-decodes every draw (``ProbabilisticSensitivityAnalysis``), listing the key paths.
struct CompiledParameterBinding: Sendable, Equatable {
    /// The key path as the `psa:` block names it.
    let keyPath: String
    /// Where the number goes.
    let target: Target
    /// The decoder's rule for this key (a drawn value outside it is a scenario error).
    let rule: NumberRule

    /// A bindable number of the compiled model.
    enum Target: Sendable, Equatable {
        case utility(DrinkingRiskLevel)
        case disutilityPerSideEffectDay
        case hospitalisationCost(DrinkingRiskLevel)
        case packPrice(product: Int)
        case serviceUnitCost(Service)
        case unscheduledVisitCost
        case sideEffectCostPerEvent
        case mortalityRelativeRisk(DrinkingRiskLevel)
        case gompertzAPerYear
        case gompertzBPerYear
        /// Every arm giving drug `drug`.
        case drugEffect(drug: String, EffectParameter)
        case adherence(AdherenceParameter)
        /// State `state`'s drinking hazard (`transition` nil) or its transition's hazard.
        case hazard(state: Int, transition: Int?, HazardParameter)
        case cravingReversionPerDay
        case cravingVolatility

        /// Which compiled parts depend on this number besides `scenario`.
        var family: Family {
            switch self {
            case .utility, .disutilityPerSideEffectDay, .hospitalisationCost, .packPrice, .serviceUnitCost,
                 .unscheduledVisitCost, .sideEffectCostPerEvent, .mortalityRelativeRisk, .gompertzAPerYear, .gompertzBPerYear:
                .economics
            case .drugEffect: .drugEffect
            case .adherence: .adherence
            case .hazard: .drinking
            case .cravingReversionPerDay, .cravingVolatility: .craving
            }
        }
    }

    /// Groups of bindings that share a derived-part refresh.
    enum Family: Sendable, Equatable, CaseIterable {
        case economics, drugEffect, adherence, drinking, craving
    }

    enum Service: String, Sendable, Equatable {
        case monitoring = "monitoring_visits", laboratory = "laboratory_tests", psychosocial = "psychosocial_sessions"
    }

    enum EffectParameter: String, Sendable, Equatable {
        case emax, ec50 = "ec50_mg_per_L", hill, responderProbability = "responder_probability",
             nonResponderEmax = "non_responder_emax"
    }

    enum AdherenceParameter: String, Sendable, Equatable {
        case takeProbability = "take_probability", missAfterTaken = "miss_after_taken",
             missAfterMissed = "miss_after_missed", holidayStartRate = "start_rate_per_day",
             holidayMeanLength = "mean_length_days"
    }

    enum HazardParameter: Sendable, Equatable {
        case constantPerDay, shape, scaleDays, curedFraction
        case cravingCoefficient, cravingReference, effectCoefficient
    }

    /// Why a key path cannot be bound in place (the PSA then re-decodes every draw).
    struct Unbindable: Error, Sendable, Equatable {
        let keyPath: String
        /// What is not bindable (no full stop).
        let reason: String
    }

    // MARK: Writing

    /// The number the decoder reads after ``ScenarioOverride`` writes `value` as YAML text:
    /// integers print without a point and others as the shortest round-trip decimal, so every
    /// finite value reads back bit for bit except −0, which reads as +0.
    static func normalised(_ value: Double) -> Double { value == 0 ? 0 : value }

    /// The decoder's complaint about `value` for this key, or nil when it would accept it.
    func violation(_ value: Double) -> String? {
        value.isFinite ? rule.violation(value) : "must be a finite number"
    }

    /// Writes `value` (already ``normalised(_:)``) into `model.scenario` at this binding's
    /// place. Call ``refreshDerivedParts(of:families:)`` after the draw's last write.
    func write(_ value: Double, into model: inout CohortModel) {
        switch target {
        case .utility(let level):
            model.scenario.economics?.utilities.utilityByRiskLevel[level] = value
        case .disutilityPerSideEffectDay:
            model.scenario.economics?.utilities.disutilityPerSideEffectDay = value
        case .hospitalisationCost(let level):
            model.scenario.economics?.costs.hospitalisationCostPerDay[level] = value
        case .packPrice(let product):
            model.scenario.economics?.costs.drugs[product].packPrice = value
        case .serviceUnitCost(.monitoring):
            model.scenario.economics?.costs.monitoringVisits.unitCost = value
        case .serviceUnitCost(.laboratory):
            model.scenario.economics?.costs.laboratoryTests.unitCost = value
        case .serviceUnitCost(.psychosocial):
            model.scenario.economics?.costs.psychosocialSessions.unitCost = value
        case .unscheduledVisitCost:
            model.scenario.economics?.costs.unscheduledVisitCost = value
        case .sideEffectCostPerEvent:
            model.scenario.economics?.costs.sideEffectCostPerEvent = value
        case .mortalityRelativeRisk(let level):
            model.scenario.economics?.mortality?.relativeRiskByRiskLevel[level] = value
        case .gompertzAPerYear:
            if case .gompertz(var g)? = model.scenario.economics?.mortality?.background {
                g.aPerYear = value
                model.scenario.economics?.mortality?.background = .gompertz(g)
            }
        case .gompertzBPerYear:
            if case .gompertz(var g)? = model.scenario.economics?.mortality?.background {
                g.bPerYear = value
                model.scenario.economics?.mortality?.background = .gompertz(g)
            }
        case .drugEffect(let drug, let parameter):
            for a in model.scenario.arms.indices where model.scenario.arms[a].treatment?.drugName == drug {
                Self.write(value, parameter, into: &model.scenario.arms[a].treatment!.pharmacodynamics)
            }
        case .adherence(let parameter):
            Self.write(value, parameter, into: &model.scenario.adherence)
        case .hazard(let state, let transition, let parameter):
            if let transition {
                Self.write(value, parameter, into: &model.scenario.drinking.states[state].transitions[transition].hazard)
            } else if model.scenario.drinking.states[state].drinkingHazard != nil {
                Self.write(value, parameter, into: &model.scenario.drinking.states[state].drinkingHazard!)
            }
        case .cravingReversionPerDay:
            model.scenario.craving.reversionPerDay = value
        case .cravingVolatility:
            model.scenario.craving.volatility = value
        }
    }

    private static func write(_ value: Double, _ parameter: EffectParameter, into pd: inout PharmacodynamicModel) {
        switch parameter {
        case .emax: pd.responder.emax = value
        case .ec50:
            pd.responder.ec50MgPerL = value
            pd.nonResponder.ec50MgPerL = value
        case .hill:
            pd.responder.hill = value
            pd.nonResponder.hill = value
        case .responderProbability: pd.responderProbability = value
        case .nonResponderEmax: pd.nonResponder.emax = value
        }
    }

    private static func write(_ value: Double, _ parameter: AdherenceParameter, into adherence: inout Adherence) {
        switch (parameter, adherence.pattern) {
        case (.takeProbability, .independent):
            adherence.pattern = .independent(takeProbability: value)
        case (.missAfterTaken, .persistent(_, let missed)):
            adherence.pattern = .persistent(missAfterTaken: value, missAfterMissed: missed)
        case (.missAfterMissed, .persistent(let taken, _)):
            adherence.pattern = .persistent(missAfterTaken: taken, missAfterMissed: value)
        case (.holidayStartRate, _):
            adherence.holidays?.startRatePerDay = value
        case (.holidayMeanLength, _):
            adherence.holidays?.meanLengthDays = value
        default:
            assert(false, "adherence binding resolved against another pattern")
        }
    }

    private static func write(_ value: Double, _ parameter: HazardParameter, into hazard: inout HazardDefinition) {
        switch (parameter, hazard.baseline) {
        case (.constantPerDay, .constant):
            hazard.baseline = .constant(perDay: value)
        case (.shape, .weibull(_, let scale)):
            hazard.baseline = .weibull(shape: value, scaleDays: scale)
        case (.scaleDays, .weibull(let shape, _)):
            hazard.baseline = .weibull(shape: shape, scaleDays: value)
        case (.shape, .logLogistic(_, let scale)):
            hazard.baseline = .logLogistic(shape: value, scaleDays: scale)
        case (.scaleDays, .logLogistic(let shape, _)):
            hazard.baseline = .logLogistic(shape: shape, scaleDays: value)
        case (.shape, .logLogisticCure(_, let scale, let cured)):
            hazard.baseline = .logLogisticCure(shape: value, scaleDays: scale, curedFraction: cured)
        case (.scaleDays, .logLogisticCure(let shape, _, let cured)):
            hazard.baseline = .logLogisticCure(shape: shape, scaleDays: value, curedFraction: cured)
        case (.curedFraction, .logLogisticCure(let shape, let scale, _)):
            hazard.baseline = .logLogisticCure(shape: shape, scaleDays: scale, curedFraction: value)
        case (.cravingCoefficient, _): hazard.modifiers.cravingCoefficient = value
        case (.cravingReference, _): hazard.modifiers.cravingReference = value
        case (.effectCoefficient, _): hazard.modifiers.effectCoefficient = value
        default:
            assert(false, "hazard binding resolved against another baseline")
        }
    }

    /// Rebuilds, from `model.scenario`, the compiled parts of `families` that copy numbers out
    /// of it (economics settings and per-arm cost models, the drinking process, the craving
    /// process), and checks the sub-models the decoder validates as a whole.
    ///
    /// - Returns: false when a sub-model is now invalid (the caller re-decodes the draw for the
    ///   decoder's error).
    static func refreshDerivedParts(of model: inout CohortModel, families: Set<Family>) -> Bool {
        var valid = true
        if families.contains(.economics), let settings = model.scenario.economics {
            valid = valid && settings.costs.validate().isEmpty && settings.utilities.validate().isEmpty
                && (settings.mortality?.validate().isEmpty ?? true)
            if model.economics != nil {
                model.economics!.settings = settings
                (model.economics!.costModels, model.economics!.utilities, model.economics!.mortality) =
                    CohortEconomics.armInputs(settings: settings, arms: model.scenario.arms)
            }
        }
        if families.contains(.adherence) {
            valid = valid && model.scenario.adherence.validate().isEmpty
        }
        if families.contains(.drinking) {
            do {
                model.drinking = try DrinkingProcess(model.scenario.drinking)
            } catch {
                valid = false
            }
        }
        if families.contains(.craving) {
            model.craving = CravingProcess(reversionPerDay: model.scenario.craving.reversionPerDay,
                                           volatility: model.scenario.craving.volatility)
        }
        return valid
    }
}
