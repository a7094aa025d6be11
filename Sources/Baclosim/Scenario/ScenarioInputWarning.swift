import Foundation

/// A numeric input that has no effect on any output of the scenario it is in, and why
/// (`baclosim validate --warnings`, `psa_binding.csv`). Every input of a scenario either
/// changes an output or is named here (checked by ``ScenarioInputAudit``).
public struct ScenarioInputWarning: Sendable, Equatable, CustomStringConvertible {
    /// The input, as ``ScenarioInput/keyPath``.
    public let keyPath: String
    /// The file and line it was written on.
    public let file: String
    public let line: Int?
    /// Why it has no effect here (no full stop).
    public let reason: String

    /// `FILE:LINE: warning: key.path: has no effect: reason.`
    public var description: String {
        "\(file):\(line.map(String.init) ?? "?"): warning: \(keyPath): has no effect in this scenario: \(reason)."
    }
}

extension ScenarioTemplate {
    /// The inputs of this scenario that have no effect on any output, each with its reason.
    /// Runs a few small probe cohorts (``CovariateUseProbe``) to learn which covariates the
    /// scenario's models read.
    /// - Throws: ``ScenarioIssues`` when the scenario does not validate.
    /// - Parameter probeSubjects: subjects of each probe run (default: ``CovariateUseProbe``'s).
    public func inputWarnings(probeSubjects: Int? = nil) throws(ScenarioIssues) -> [ScenarioInputWarning] {
        let scenario = try scenario()
        let probe = CovariateUseProbe(subjects: probeSubjects)
        let context = ScenarioInputWarning.Context(scenario: scenario, unreadCovariates: probe.unreadCovariates(of: scenario))
        return numericInputs().compactMap { input in
            let reason = context.reason(for: ScenarioKeyPath(parsing: input.keyPath))
                ?? regimenReason(keyPath: input.keyPath, value: input.value, base: scenario)
            return reason.map { ScenarioInputWarning(keyPath: input.keyPath, file: input.file, line: input.line, reason: $0) }
        }
    }

    /// A regimen number (a cap, a tablet strength, a titration or taper step) for which every
    /// other valid value the audit tries (``ScenarioInputAudit/candidates(for:)``) gives the arm
    /// the same doses on every day of the horizon, at full dose and after each dose reduction a
    /// side effect can make.
    /// The arm is addressed by index (`arms[1]`) or by name (`arms.baclofen30`, as PSA keys are).
    func regimenReason(keyPath: String, value: Double, base: Scenario) -> String? {
        let components = ScenarioKeyPath(parsing: keyPath).components
        guard components.count > 3, case .key("arms") = components[0],
              case .key("regimen") = components[2], case .key(let key) = components[3],
              !["renal", "dose_times_h", "side_effect_reduction_mg", "discontinuation"].contains(key) else { return nil }
        let arm: Int? = switch components[1] {
        case .index(let index): base.arms.indices.contains(index) ? index : nil
        case .key(let name): base.arms.firstIndex { $0.name == name }
        }
        // A titration to response's doses depend on each subject's course: no static answer.
        guard let a = arm, let regimen = base.arms[a].treatment?.regimen, regimen.responseGuided == nil else { return nil }
        let horizon = base.run.horizonDays
        let before = RegimenSchedule(regimen: regimen, horizonDays: horizon)
        // The reductions a side effect of this arm can make (mg/day), applied from day 0.
        let reductions = base.sideEffects.indices.compactMap { k -> Double? in
            guard case .reduceDose(let mg) = base.sideEffectModel(arm: a, effect: k).consequences.intolerableAction else { return nil }
            return mg ?? regimen.sideEffectReductionMg
        }
        var tried: [Double] = []
        for candidate in ScenarioInputAudit.candidates(for: value) + ScenarioInputAudit.mildCandidates(for: value) {
            guard let changed = try? scenario(overrides: [(keyPath, candidate)]),
                  let other = changed.arms[a].treatment?.regimen else { continue }
            if !tried.contains(candidate) { tried.append(candidate) }
            let after = RegimenSchedule(regimen: other, horizonDays: horizon)
            for reduction in [nil] + reductions.map(Optional.some) {
                for times in 0...(reduction == nil ? 0 : 2) {
                    var stateBefore = RegimenState(), stateAfter = RegimenState()
                    for _ in 0..<times {
                        _ = before.reduceDose(&stateBefore, day: 0, byMg: reduction)
                        _ = after.reduceDose(&stateAfter, day: 0, byMg: reduction)
                    }
                    for day in 0..<horizon where before.doses(day: day, state: stateBefore) != after.doses(day: day, state: stateAfter) {
                        return nil
                    }
                }
            }
        }
        guard !tried.isEmpty else { return nil }
        return "the arm's doses are the same on every day with any of \(tried.map(ScenarioIssue.formatNumber).joined(separator: ", ")) "
            + "instead (e.g. a cap above every dose, a step that repeats the next dose, tablets that still make up every dose)"
    }
}

extension ScenarioInputWarning {
    /// What the rules read about a scenario.
    struct Context {
        let scenario: Scenario
        /// Covariates no model reads (``CovariateUseProbe``).
        let unreadCovariates: Set<CovariateSlot>

        /// Why the input at `path` has no effect, or nil when it has one (as far as these
        /// rules know; ``ScenarioInputAudit`` checks both directions on the shipped scenarios).
        func reason(for path: ScenarioKeyPath) -> String? {
            let keys = path.components.map { component -> String in
                switch component {
                case .key(let key): key
                case .index(let index): "[\(index)]"
                }
            }
            guard let block = keys.first else { return nil }
            switch block {
            case "run":
                if keys == ["run", "max_failed_fraction"] {
                    return "it only matters when a subject's simulation fails, and none does"
                }
            case "population":
                return populationReason(keys)
            case "drugs":
                guard keys.count > 1 else { return nil }
                let drug = keys[1]
                let arms = scenario.arms.filter { $0.treatment?.drugName == drug }
                if arms.isEmpty { return "drug \(drug) is given by no arm" }
                if keys.count == 4, keys[2] == "effect", keys[3] == "ec50_mg_per_L" || keys[3] == "hill",
                   arms.allSatisfy({ $0.treatment.map { Self.hasNoConcentrationEffect($0.pharmacodynamics) } ?? true }) {
                    return "the effect's emax is 0, so its concentration dependence does not matter"
                }
            case "craving":
                if keys == ["craving", "psychosocial_multiplier"], !scenario.arms.contains(where: \.psychosocialTherapy) {
                    return "no arm gives psychosocial therapy"
                }
            case "drinking":
                return drinkingReason(keys)
            case "endpoints":
                return endpointReason(keys)
            case "arms":
                return armReason(keys)
            default:
                break
            }
            return nil
        }

        private func populationReason(_ keys: [String]) -> String? {
            guard keys.count > 1 else { return nil }
            let covariate: (CovariateSlot, String)? = switch keys[1] {
            case "male_probability": (.sex, "sex")
            case "age_years": (.age, "age")
            case "weight_kg": (.weight, "body weight")
            case "creatinine_clearance_mL_per_min", "serum_creatinine_mg_per_dL": (.renal, "renal function")
            case "liver_disease": (.liver, "liver disease")
            case "psychiatric_probability": (.psychiatric, "psychiatric comorbidity")
            case "dsm5_criteria": (.dsm5Criteria, "DSM-5 criteria count")
            case "baseline_drinks_per_day": (.baselineDrinks, "baseline drinks per day")
            case "pregnancy": (.pregnancy, "pregnancy")
            case "baseline_craving": (.baselineCraving, "baseline craving")
            case "baseline_heavy_drinking_days_percent": (.baselineHeavyDays, "baseline heavy drinking days")
            case "drinking_frailty": (.drinkingFrailty, "drinking frailty")
            default: nil
            }
            guard let (slot, name) = covariate else { return nil }
            if unreadCovariates.contains(slot) {
                return "no model of this scenario reads the subjects' \(name) (every subject at either extreme gives the same outputs)"
            }
            let population = scenario.population
            if keys[1] == "weight_kg", keys.count > 2 {
                if keys[2] == "female", population.probabilityMale == 1 { return "the population has no women" }
                if keys[2] == "male", population.probabilityMale == 0 { return "the population has no men" }
            }
            // A truncation bound that (almost) no subject reaches.
            if keys.count > 2, let bound = keys.last, bound == "lower" || bound == "upper" {
                let covariate: CovariateMargin? = switch keys[1] {
                case "creatinine_clearance_mL_per_min": if case .creatinineClearance(let m) = population.renal { m } else { nil }
                case "baseline_drinks_per_day": population.baselineDrinksPerDay
                case "baseline_craving": population.baselineCraving
                default: nil
                }
                if case .lognormal(let margin)? = covariate, margin.logSD > 0 {
                    let z = (log(bound == "lower" ? margin.lower : margin.upper) - log(margin.median)) / margin.logSD
                    if abs(z) > Self.unreachedBoundZ {
                        return "the \(bound) bound lies \(ScenarioIssue.formatNumber((abs(z) * 10).rounded() / 10)) log-SDs from the median: fewer than one subject in a million reaches it"
                    }
                }
            }
            return nil
        }

        private func drinkingReason(_ keys: [String]) -> String? {
            guard keys.count > 1 else { return nil }
            let drinking = scenario.drinking
            // drinking.states[k].*: a state no subject ever enters.
            if keys[1] == "states", keys.count > 3, keys[2].hasPrefix("["), let k = Int(keys[2].dropFirst().dropLast()),
               drinking.states.indices.contains(k), !Self.reachableStates(of: drinking).contains(k) {
                return "no subject ever enters state '\(drinking.states[k].name)': subjects start in '\(drinking.states[drinking.initialState].name)' (initial_state) and no transition or drinking-day move leads to it"
            }
            let endpoints = scenario.endpoints.map(\.definition)
            let readsGrams = scenario.economics != nil || endpoints.contains {
                switch $0 {
                case .drinkingRiskLevel, .lowRiskDrinking, .meanGramsPerDay: true
                default: false
                }
            }
            let heavyTransitions = drinking.states.contains { $0.onHeavyDrinkingDay != nil }
            let heavyEndpoints = scenario.endpoints.contains { endpoint in
                guard !endpoint.givesHeavyThreshold else { return false }
                switch endpoint.definition {
                case .proportionHeavyDrinkingDays: return true
                case .timeToRelapse(_, let relapse, _): return relapse.heavyDays != nil
                default: return false
                }
            }
            // Dosing rules read the subject's drinking too: a titration's heavy-day criterion
            // (by the drinking model's threshold), a course rule's relapse criterion.
            let titrationReadsHeavyDays = scenario.arms.contains { $0.treatment?.regimen.responseGuided?.response.maxHeavyDays != nil }
            let courseRelapses = scenario.arms.flatMap(\.course).filter { $0.relapse != nil }
            let courseReadsHeavyThreshold = courseRelapses.contains { !$0.heavyThresholdGiven && $0.relapse?.heavyDays != nil }
            let heavyRules = titrationReadsHeavyDays || courseReadsHeavyThreshold
            let readsAmounts = readsGrams || heavyTransitions || heavyRules || !courseRelapses.isEmpty || endpoints.contains(where: \.needsAmounts)
            switch keys[1] {
            case "standard_drink_g":
                if !readsGrams { return "no output reads grams of alcohol (no economics, no gram-based or risk-level endpoint)" }
            case "heavy_day_drinks":
                if !heavyTransitions && !heavyEndpoints && !heavyRules {
                    return "no state has on_heavy_drinking_day, every heavy-day endpoint and course rule has its own heavy_day_drinks (or there is none), and no titration counts heavy days"
                }
                if keys.count > 2, keys[2] == "women", scenario.population.probabilityMale == 1 { return "the population has no women" }
                if keys.count > 2, keys[2] == "men", scenario.population.probabilityMale == 0 { return "the population has no men" }
            case "amount":
                if !readsAmounts { return "no output reads how much is drunk on a drinking day (no grams, heavy days or drink counts)" }
            default:
                break
            }
            return nil
        }

        /// The states a subject can be in: the initial state and every state a hazard
        /// transition or a (heavy) drinking-day move leads to from one of them.
        static func reachableStates(of drinking: DrinkingModel) -> Set<Int> {
            var reached: Set<Int> = [drinking.initialState]
            var queue = [drinking.initialState]
            while let k = queue.popLast() {
                let state = drinking.states[k]
                let next = state.transitions.map(\.target) + [state.onDrinkingDay, state.onHeavyDrinkingDay].compactMap { $0 }
                for n in next where drinking.states.indices.contains(n) && reached.insert(n).inserted { queue.append(n) }
            }
            return reached
        }

        /// The arm a key path names, by index (`arms[1]`) or by name (`arms.baclofen60`).
        private func arm(_ component: String) -> Arm? {
            if component.hasPrefix("["), let index = Int(component.dropFirst().dropLast()) {
                return scenario.arms.indices.contains(index) ? scenario.arms[index] : nil
            }
            return scenario.arms.first { $0.name == component }
        }

        private func armReason(_ keys: [String]) -> String? {
            if keys.count >= 5, keys[2] == "course" { return courseReason(keys) }
            // arms[a].regimen.renal[j].*: a band (or a band edge) fewer than one subject in a
            // million reaches, by the population's creatinine clearance margin.
            guard keys.count == 6, keys[2] == "regimen", keys[3] == "renal",
                  let rule = arm(keys[1])?.treatment?.regimen.renalRule,
                  let j = Int(keys[4].dropFirst().dropLast()), rule.bands.indices.contains(j),
                  case .creatinineClearance(.lognormal(let margin)) = scenario.population.renal, margin.logSD > 0 else { return nil }
            func below(_ crcl: Double) -> Double {   // P(CrCl ≤ crcl)
                guard crcl.isFinite else { return crcl > 0 ? 1 : 0 }
                let upper = min(crcl, margin.upper)
                guard upper >= margin.lower else { return 0 }
                return 0.5 * erfc(-(log(upper) - log(margin.median)) / (margin.logSD * 2.0.squareRoot()))
            }
            let band = rule.bands[j]
            let share: Double
            switch keys[5] {
            case "crcl_above_mL_per_min": share = min(below(band.aboveMLPerMin), 1 - below(band.aboveMLPerMin))
            case "crcl_up_to_mL_per_min": share = min(below(band.upToMLPerMin), 1 - below(band.upToMLPerMin))
            default: share = below(band.upToMLPerMin) - below(band.aboveMLPerMin)
            }
            guard share < 1e-6 else { return nil }
            return "fewer than one subject in a million has a creatinine clearance \(keys[5].hasPrefix("crcl") ? "near this band edge" : "in this band") (population margin)"
        }

        /// arms[a].course[r].*: a rule's `times` when it can fire only once, and heavy-day
        /// thresholds of a criterion without heavy days.
        private func courseReason(_ keys: [String]) -> String? {
            guard let arm = arm(keys[1]), let r = Int(keys[3].dropFirst().dropLast()), arm.course.indices.contains(r) else { return nil }
            let rule = arm.course[r]
            if keys.count == 5, keys[4] == "times", rule.targetArm != arm.name,
               !scenario.arms.contains(where: { other in other.name != arm.name && other.course.contains { $0.targetArm == arm.name } }) {
                return "the rule is read only while the subject gets this arm's treatment, and no other arm's rule switches back to it, so it fires at most once"
            }
            if keys.count >= 5, keys[4] == "heavy_day_drinks", rule.relapse?.heavyDays == nil {
                return "the relapse criterion has no heavy_days"
            }
            return nil
        }

        private func endpointReason(_ keys: [String]) -> String? {
            // endpoints[i].window_days[0] of a dropout or retention endpoint.
            if keys.count == 4, keys[2] == "window_days", keys[3] == "[0]",
               let index = Int(keys[1].dropFirst().dropLast()), scenario.endpoints.indices.contains(index) {
                switch scenario.endpoints[index].definition {
                case .dropout, .retention:
                    return "a dropout or retention endpoint reads the subject's status on the window's last day only"
                default:
                    return nil
                }
            }
            // endpoints[i].relapse.heavy_days.window_days with count 1: any heavy day meets it.
            guard keys.count == 5, keys[2] == "relapse", keys[3] == "heavy_days", keys[4] == "window_days",
                  let index = Int(keys[1].dropFirst().dropLast()), scenario.endpoints.indices.contains(index),
                  case .timeToRelapse(_, let relapse, _) = scenario.endpoints[index].definition,
                  relapse.heavyDays?.count == 1 else { return nil }
            return "with count 1 a single heavy day meets the criterion whatever the window"
        }

        /// z beyond which a log-normal bound is taken as unreached (P < 10⁻⁶ on one side).
        static let unreachedBoundZ = 4.75

        static func hasNoConcentrationEffect(_ model: PharmacodynamicModel) -> Bool {
            model.responder.emax == 0 && (model.responderProbability == 1 || model.nonResponder.emax == 0)
        }
    }
}
