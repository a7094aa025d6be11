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
    public func inputWarnings() throws(ScenarioIssues) -> [ScenarioInputWarning] {
        let scenario = try scenario()
        let context = ScenarioInputWarning.Context(scenario: scenario,
                                                   unreadCovariates: CovariateUseProbe().unreadCovariates(of: scenario))
        return numericInputs().compactMap { input in
            context.reason(for: ScenarioKeyPath(parsing: input.keyPath)).map {
                ScenarioInputWarning(keyPath: input.keyPath, file: input.file, line: input.line, reason: $0)
            }
        }
    }
}

extension ScenarioInputWarning {
    /// Why the input at `path` has no effect in `scenario` (without the covariate probe: the
    /// rules that need no run), or nil when none of them applies.
    static func reason(for path: ScenarioKeyPath, in scenario: Scenario) -> String? {
        Context(scenario: scenario, unreadCovariates: []).reason(for: path)
    }

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
                // Quantiles are merged from per-block sketches, so they depend on the blocks.
                if keys == ["run", "block_size"], !scenario.exposureMetrics.contains(where: { !$0.quantiles.isEmpty }) {
                    return "the tables do not depend on the block size without quantile outputs (blocks are merged in order; it sets the unit of parallel work and memory)"
                }
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
                let margin: LogNormalMargin? = switch keys[1] {
                case "creatinine_clearance_mL_per_min": if case .creatinineClearance(let m) = population.renal { m } else { nil }
                case "baseline_drinks_per_day": population.baselineDrinksPerDay
                case "baseline_craving": population.baselineCraving
                default: nil
                }
                if let margin, margin.logSD > 0 {
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
            let endpoints = scenario.endpoints.map(\.definition)
            let readsGrams = scenario.economics != nil || endpoints.contains {
                switch $0 {
                case .drinkingRiskLevel, .lowRiskDrinking, .meanGramsPerDay: true
                default: false
                }
            }
            let heavyTransitions = drinking.states.contains { $0.onHeavyDrinkingDay != nil }
            let heavyEndpoints = endpoints.contains {
                switch $0 {
                case .proportionHeavyDrinkingDays(_, let threshold, _): threshold == drinking.heavyThreshold
                case .timeToRelapse(_, let relapse, _): relapse.heavyDays?.threshold == drinking.heavyThreshold
                default: false
                }
            }
            let readsAmounts = readsGrams || heavyTransitions || endpoints.contains(where: \.needsAmounts)
            switch keys[1] {
            case "standard_drink_g":
                if !readsGrams { return "no output reads grams of alcohol (no economics, no gram-based or risk-level endpoint)" }
            case "heavy_day_drinks":
                if !heavyTransitions && !heavyEndpoints {
                    return "no state has on_heavy_drinking_day and every heavy-day endpoint has its own heavy_day_drinks (or there is none)"
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
