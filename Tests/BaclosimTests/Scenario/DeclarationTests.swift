import Foundation
import PropertyBased
import Testing
@testable import Baclosim

/// The declared blocks (issue 20): decoding, messages, defaults, renamed keys, the generated
/// schema and README tables, and the property that every declared range is enforced.
@Suite struct DeclarationTests {
    static let economicsScenario = DesignAdviceTests.scenarios + "/economics/uk-relapse-prevention-12m.yaml"

    /// Values outside what `key` allows (empty for a number of any value).
    static func valuesOutside(_ key: KeyDeclaration) -> [Double] {
        switch key.value {
        case .number(_, let rule), .numbers(_, let rule, _):
            switch rule {
            case .any: return []
            case .positive: return [0, -1]
            case .nonNegative: return [-1e-9, -5]
            case .fractionAboveZero: return [0, 1.5]
            case .aboveZeroAtMost(let upper): return [0, upper * 1.5]
            case .wholeWithin(let lower, let upper): return [Double(lower) - 1, Double(upper) + 1, Double(lower) + 0.5]
            case .unitInterval: return [-0.1, 1.1]
            case .within(let lower, let upper):
                return [lower - max(1, abs(lower)) * 0.5, upper + max(1, abs(upper)) * 0.5]
            }
        case .integer(_, let minimum, let maximum):
            return [minimum.map { Double($0 - 1) }, maximum.map { Double($0 + 1) }, minimum.map { Double($0) + 0.5 }].compactMap { $0 }
        default:
            return []
        }
    }

    /// Every declared range is enforced: each numeric input of a shipped scenario that lies in a
    /// declared block, moved to a generated value outside its declared range, is rejected by
    /// validation with a problem at exactly that key path.
    @Test func everyDeclaredRangeIsEnforced() async throws {
        var cases: [(template: ScenarioTemplate, keyPath: String, value: Double)] = []
        for path in ScenarioPropertyTests.shippedPaths {
            guard let template = try? ScenarioTemplate(path: path) else { continue }
            for input in template.numericInputs() {
                guard let key = ScenarioDeclarations.key(at: ScenarioKeyPath(parsing: input.keyPath)) else { continue }
                for value in Self.valuesOutside(key) { cases.append((template, input.keyPath, value)) }
            }
        }
        // The run and economics blocks of the shipped scenarios give hundreds of cases.
        #expect(cases.count > 200, "\(cases.count) cases")
        var covered = Set<String>()
        await propertyCheck(count: 150, input: Gen.int(in: 0...(cases.count - 1))) { i in
            let (template, keyPath, value) = cases[i]
            do {
                _ = try template.scenario(overrides: [(keyPath, value)])
                Issue.record("\(template.path): \(keyPath) = \(value) is outside its declared range, yet validated")
            } catch let error as ScenarioIssues {
                #expect(error.issues.contains { $0.keyPath == keyPath },
                        "\(template.path): \(keyPath) = \(value) was reported elsewhere: \(error.issues.map(\.description))")
            } catch {
                Issue.record("\(error)")
            }
            covered.insert(keyPath.replacingOccurrences(of: #"\[\d+\]"#, with: "[]", options: .regularExpression))
        }
        #expect(covered.count > 20, "\(covered.count) distinct keys")
    }

    /// The same inputs inside their range validate (the declared ranges admit what ships).
    @Test func everyShippedValueIsInsideItsDeclaredRange() throws {
        for path in ScenarioPropertyTests.shippedPaths {
            guard let template = try? ScenarioTemplate(path: path) else { continue }
            for input in template.numericInputs() {
                guard let key = ScenarioDeclarations.key(at: ScenarioKeyPath(parsing: input.keyPath)) else { continue }
                let outside = Self.valuesOutside(key)
                #expect(!outside.contains(input.value), "\(path): \(input.keyPath)")
            }
        }
    }

    @Test func keysAreFoundThroughNestedBlocksListsAndNumberLists() {
        #expect(ScenarioDeclarations.key(at: ScenarioKeyPath(parsing: "run.horizon_days"))?.name == "horizon_days")
        #expect(ScenarioDeclarations.key(at: ScenarioKeyPath(parsing: "economics.utility_by_risk_level.high"))?.name == "high")
        #expect(ScenarioDeclarations.key(at: ScenarioKeyPath(parsing: "economics.monitoring_visits.schedule[0].every_days"))?.name == "every_days")
        #expect(ScenarioDeclarations.key(at: ScenarioKeyPath(parsing: "economics.willingness_to_pay_per_qaly[1]"))?.name == "willingness_to_pay_per_qaly")
        #expect(ScenarioDeclarations.key(at: ScenarioKeyPath(parsing: "economics.utility_by_risk_level")) == nil)
        #expect(ScenarioDeclarations.key(at: ScenarioKeyPath(parsing: "economics.nothing")) == nil)
        #expect(ScenarioDeclarations.key(at: ScenarioKeyPath(parsing: "craving.theta_per_day"))?.name == "theta_per_day")
        #expect(ScenarioDeclarations.key(at: ScenarioKeyPath(parsing: "drinking.states[1].transitions[0].hazard.multipliers.male"))?.name == "male")
        // A covariate's form is told by the file, not by its path.
        #expect(ScenarioDeclarations.key(at: ScenarioKeyPath(parsing: "population.age_years.mean")) == nil)
        #expect(ScenarioDeclarations.key(at: ScenarioKeyPath(parsing: "arms[0].regimen")) == nil)
    }

    /// Defaults come from the declaration: a scenario that leaves them out gets them.
    @Test func declaredDefaultsApply() throws {
        let text = ScenarioText.twoArmPlacebo(name: "defaults", then: """
        economics:
          currency: GBP
          price_year: 2024
          utility_by_risk_level: {abstinent: 0.8, low: 0.8, medium: 0.8, high: 0.7, very_high: 0.6}
        """)
        guard case .success(let scenario) = try ScenarioText.load(text) else { Issue.record("rejected"); return }
        #expect(scenario.run.blockSize == 1000)
        #expect(scenario.run.maxFailedFraction == 0.001)
        let economics = try #require(scenario.economics)
        #expect(economics.costDiscountRatePerYear == 0.035 && economics.effectDiscountRatePerYear == 0.035)
        #expect(economics.willingnessToPay == [20_000, 30_000])
        #expect(economics.riskLevelWindowDays == 28)
        #expect(economics.mortality == nil)
    }

    /// A bad block reports every problem at once, each on its line: an unknown key with "did
    /// you mean", a value out of range, a missing required key (once), and two exclusive forms.
    @Test func aBadEconomicsBlockReportsEveryProblemOnItsLine() throws {
        let text = ScenarioText.twoArmPlacebo(name: "bad", then: """
        economics:
          curency: GBP
          price_year: 2024
          discount_rates: {costs_per_year: 3.5}
          drug_products:
            - {drug: baclofen, tablet_strength_mg: 10, tablets_per_pack: 0, pack_price: 2, basis: packs}
          mortality:
            gompertz: {a_per_year: 0.0001, b_per_year: 0.08}
            life_table: {band_start_ages_years: [0], annual_death_probabilities: [0.01]}
        """)
        let lines = try ScenarioText.issueLines(text)
        #expect(lines.contains("20: economics.curency: unknown key. Did you mean 'currency'? See the economics keys in Scenarios/README.md."), "\(lines)")
        #expect(lines.contains("20: economics.currency: missing. Give an ISO 4217 code, e.g. GBP."), "\(lines)")
        #expect(lines.filter { $0.contains("economics.utility_by_risk_level: missing") }.count == 1, "\(lines)")
        #expect(lines.contains("22: economics.discount_rates.costs_per_year: must be in [0, 1] (found 3.5). Give an annual rate, e.g. 0.035 (NICE)."), "\(lines)")
        #expect(lines.contains("24: economics.drug_products[0].tablets_per_pack: must be ≥ 1 (found 0). Give tablets per pack, e.g. 84."), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("24: economics.drug_products[0].basis: unknown value 'packs'") }, "\(lines)")
        #expect(lines.contains("27: economics.mortality.life_table: gives both 'gompertz' and 'life_table'. Give only one of 'gompertz' or 'life_table'."), "\(lines)")
    }

    /// A key an earlier schema version used is told its new name (a made-up rename, so the test
    /// does not depend on which keys have been renamed).
    @Test func aRenamedKeyIsToldItsNewName() throws {
        let block = BlockDeclaration("demo", meaning: "a demo", example: "{new_name: 1}", keys: [
            KeyDeclaration("new_name", .number(unit: "", rule: .any), .required, meaning: "a value", fix: "Give a number.",
                           renamedFrom: ("old_name", 2)),
        ])
        let reader = ScenarioNodeReader(file: "demo.yaml")
        let node = try #require(reader.parse("old_name: 1\n"))
        _ = reader.declared(node, at: ScenarioKeyPath(parsing: "demo"), as: block)
        #expect(reader.issues.map(\.description).contains("demo.yaml:1: demo.old_name: 'old_name' is called 'new_name' since schema_version 2. Rename it to 'new_name', or run `baclosim migrate FILE` to update the whole file."),
                "\(reader.issues.map(\.description))")
    }

    /// The README's generated tables are what the declarations generate (drift test).
    @Test func theReadmeTablesMatchTheDeclarations() throws {
        let file = DesignAdviceTests.scenarios + "/README.md"
        let readme = try String(contentsOfFile: file, encoding: .utf8)
        #expect(try ScenarioSchema.updatingReadme(readme, file: file) == readme,
                "run `baclosim schema --readme Scenarios/README.md` and commit it")
        var documented = Set<String>()
        for (path, declaration) in ScenarioDeclarations.blocks where documented.insert(declaration.name).inserted {
            #expect(readme.contains(ScenarioDeclarations.Readme.scenarios.markers(path).begin), "\(path)")
        }
    }

    /// The drug-file README's generated tables are what the drug-file declaration generates.
    @Test func theDrugFileReadmeTablesMatchTheDeclarations() throws {
        let file = DesignAdviceTests.scenarios + "/drugs/README.md"
        let readme = try String(contentsOfFile: file, encoding: .utf8)
        #expect(readme.contains(ScenarioDeclarations.Readme.drugFiles.markers([]).begin))
        #expect(try ScenarioSchema.updatingReadme(readme, file: file) == readme,
                "run `baclosim schema --readme Scenarios/drugs/README.md` and commit it")
    }

    /// The state-transition README's generated tables are what its declaration generates.
    @Test func theStateTransitionReadmeTablesMatchTheDeclarations() throws {
        let file = DesignAdviceTests.scenarios + "/textbook/README.md"
        let readme = try String(contentsOfFile: file, encoding: .utf8)
        #expect(readme.contains(ScenarioDeclarations.Readme.stateTransitionFiles.markers([]).begin))
        #expect(try ScenarioSchema.updatingReadme(readme, file: file) == readme,
                "run `baclosim schema --readme Scenarios/textbook/README.md` and commit it")
    }

    /// A README without a declared block's markers is an error naming the block.
    @Test func aReadmeWithoutMarkersIsAnError() {
        #expect(throws: ScenarioIssues.self) { try ScenarioSchema.updatingReadme("# nothing here\n", file: "README.md") }
    }

    /// The schema of a declared block is complete: every key, with types, ranges and defaults,
    /// including blocks no shipped scenario uses (a life table).
    @Test func theSchemaOfADeclaredBlockIsComplete() throws {
        let schema = BlockDeclaration.economics.jsonSchema()
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(BlockDeclaration.economics.keyNames + ["include"]))
        let mortality = try #require(properties["mortality"] as? [String: Any])
        let lifeTable = try #require((mortality["properties"] as? [String: Any])?["life_table"] as? [String: Any])
        let required = (lifeTable["anyOf"] as? [[String: Any]])?.compactMap { $0["required"] as? [String] }
        #expect(required == [["include"], ["band_start_ages_years", "annual_death_probabilities"]])
        let probabilities = try #require((lifeTable["properties"] as? [String: Any])?["annual_death_probabilities"] as? [String: Any])
        let items = try #require(probabilities["items"] as? [String: Any])
        #expect(items["minimum"] as? Int == 0 && items["maximum"] as? Int == 1)
        let window = try #require(properties["risk_level_window_days"] as? [String: Any])
        #expect(window["type"] as? String == "integer" && window["maximum"] as? Int == 366 && window["default"] as? Int == 28)
    }
}

/// Rules between keys of declared blocks that the declaration alone does not say.
@Suite struct DeclaredBlockRuleTests {
    /// Adherence: the persistent form beside take_probability would leave one unused, and the
    /// persistent form needs both of its keys.
    @Test func adherenceFormsAreExclusiveAndComplete() throws {
        let both = try ScenarioText.issueLines(ScenarioText.twoArmPlacebo(name: "a", then: """
        adherence: {take_probability: 0.9, miss_after_taken: 0.1, miss_after_missed: 0.4}
        """))
        #expect(both == ["19: adherence.miss_after_taken: gives the persistent form beside take_probability, so one of them would go unused. Give take_probability alone, or miss_after_taken with miss_after_missed."])
        let half = try ScenarioText.issueLines(ScenarioText.twoArmPlacebo(name: "a", then: """
        adherence: {miss_after_taken: 0.1}
        """))
        #expect(half == ["19: adherence.miss_after_missed: missing: the persistent form needs both miss_after_taken and miss_after_missed. Give P(miss | previous dose missed), e.g. 0.4."])
    }

    /// The analysis blocks (sweep, psa, calibration, differences) are read by their
    /// declarations: each problem on its line, with the declared fix, all at once.
    @Test func analysisBlocksReportEveryProblemByTheirDeclarations() throws {
        let lines = try ScenarioText.issueLines(ScenarioText.twoArmPlacebo(name: "a", then: """
        differences: [{arms: [therapy, placebos]}]
        sweep:
          kind: tornado
          parameters: [{key: craving.theta_per_day, values: [0.2, 0.3], relative: 0.2}]
        psa:
          draws: 0
          parameters: [{key: craving.theta_per_day, distribution: beta, mean: 0.3, se: 0.05, shape: 2}]
          correlations: [{between: [craving.theta_per_day], rho: 0.3}]
        calibration: {subjects: 1, parameters: [{key: craving.theta_per_day, lower: 0.1, upper: 0.9, scale: cubic}]}
        """))
        #expect(lines == [
            "19: differences[0].arms[1]: no arm 'placebos'. Use one of: placebo, therapy. Did you mean 'placebo'?",
            "21: sweep.kind: unknown value 'tornado'. Use one of 'grid', 'one_way'.",
            "22: sweep.parameters[0].relative: gives both 'values' and 'relative'. Give only one of 'values' or 'low' or 'relative'.",
            "24: psa.draws: must be ≥ 1 (found 0). Give the number of outer-loop draws, e.g. draws: 1000.",
            "25: psa.parameters[0].shape: is not a parameter of the beta distribution. The beta distribution takes mean, se, alpha, beta; remove shape.",
            "26: psa.correlations[0].between: must be a list of 2 names (found 1). Name the two parameters' keys, e.g. between: [a.b, c.d].",
            "27: calibration.subjects: must be ≥ 2 (found 1). Give the subjects per evaluation, e.g. subjects: 2000.",
            "27: calibration: has no targets to fit. Add a targets: block with the published values (and weight:) the parameters are fitted to.",
            "27: calibration.parameters[0].scale: unknown value 'cubic'. Use one of 'linear', 'log'.",
        ])
    }

    /// Endpoint keys that would go unused are errors: a second window, a criterion of another
    /// kind; a kind's own keys are required.
    @Test func endpointKeysThatWouldGoUnusedAreErrors() throws {
        func lines(_ endpoint: String) throws -> [String] {
            try ScenarioText.issueLines(ValidationGuardTests.scenario(window: "[0, 27]" + endpoint))
        }
        #expect(try lines(", final_days: 7") == [
            "18: endpoints[0].final_days: gives both 'window_days' and 'final_days'. Give only one of 'window_days' or 'through_day' or 'final_days'.",
        ])
        #expect(try lines(", relapse: {single_day_drinks_above: 4}") == [
            "18: endpoints[0].relapse: applies only to kind time_to_relapse, so it would go unused. Remove relapse, or use kind: time_to_relapse.",
        ])
        let relapse = try ScenarioText.issueLines(ValidationGuardTests.scenario(window: "[0, 27]}\n  - {name: ttr, kind: time_to_relapse"))
        #expect(relapse == ["19: endpoints[1].relapse: missing. Give {single_day_drinks_above: 4, weekly_drinks: {at_least: 14, consecutive_weeks: 4}}."])
    }

    /// Population keys of which one would go unused are errors, and a count is not clamped.
    @Test func populationAlternativesAreExclusive() throws {
        func lines(_ population: String) throws -> [String] {
            try ScenarioText.issueLines(ValidationGuardTests.scenario(population: population))
        }
        #expect(try lines("  dsm5_criteria: {fixed: 6, binomial_p: 0.5}") == [
            "8: population.dsm5_criteria.binomial_p: gives both 'fixed' and 'binomial_p'. Give only one of 'fixed' or 'binomial_p'.",
        ])
        #expect(try lines("  dsm5_criteria: {fixed: 12}") == [
            "8: population.dsm5_criteria.fixed: must be ≤ 11 (found 12). Give a count from 2 to 11.",
        ])
        #expect(try lines("  creatinine_clearance_mL_per_min: {median: 90}\n  serum_creatinine_mg_per_dL: {median: 0.9}") == [
            "9: population.serum_creatinine_mg_per_dL: gives both 'creatinine_clearance_mL_per_min' and 'serum_creatinine_mg_per_dL'. Give only one of 'creatinine_clearance_mL_per_min' or 'serum_creatinine_mg_per_dL'.",
        ])
    }

    /// The drinking model: one baseline form, whole counts, and no key of another form. A
    /// reference count of 1e20 trapped in an integer conversion and 6.5 was cut to 6 before the
    /// block was declared.
    @Test func drinkingHazardsTakeOneBaselineAndWholeCounts() throws {
        func lines(hazard: String = "{baseline: {constant_per_day: 0.3}, craving_coefficient: 1, craving_reference: 1}",
                   amount: String = "{distribution: poisson, craving_slope: 3}") throws -> [String] {
            let text = ValidationGuardTests.scenario(amount: amount)
                .replacingOccurrences(of: "drinking_hazard: {baseline: {constant_per_day: 0.3}, craving_coefficient: 1, craving_reference: 1}",
                                      with: "drinking_hazard: \(hazard)")
            return try ScenarioText.issueLines(text)
        }
        #expect(try lines(hazard: "{baseline: {constant_per_day: 0.3, weibull: {shape: 1, scale_days: 9}}}") == [
            "16: drinking.states[0].drinking_hazard.baseline.weibull: gives both 'constant_per_day' and 'weibull'. Give only one of 'constant_per_day' or 'weibull' or 'log_logistic' or 'log_logistic_cure' or 'piecewise_constant'.",
        ])
        for reference in ["1e20", "6.5"] {
            #expect(try lines(hazard: "{baseline: {constant_per_day: 0.3}, multipliers: {reference_dsm5_criteria: \(reference)}}").count == 1)
        }
        #expect(try lines(hazard: "{baseline: {piecewise_constant: {start_days: [0, 2.5], rates_per_day: [0.1, 0.2]}}}") == [
            "16: drinking.states[0].drinking_hazard.baseline.piecewise_constant: needs increasing whole start_days from 0 and one rate per start day. E.g. {start_days: [0, 28], rates_per_day: [0.05, 0.02]}.",
        ])
        #expect(try lines(amount: "{distribution: poisson, craving_slope: 3, dispersion: 2}") == [
            "13: drinking.amount.dispersion: applies only to negative_binomial, so it would go unused. Remove dispersion, or use distribution: negative_binomial.",
        ])
    }

    /// Side effects: a driver without a drug part would go unused; a drug part's EC50 must be
    /// its driver's; resolution is a word or a block.
    @Test func sideEffectEntriesAreReadByTheirDeclaration() throws {
        func lines(_ entry: String) throws -> [String] {
            try ScenarioText.issueLines(ScenarioText.twoArmPlacebo(name: "se", then: "side_effects:\n  - \(entry)"))
        }
        #expect(try lines("{name: nausea, background_per_day: 0.01, driver: dose}") == [
            "20: side_effects[0].driver: gives a driver but no drug part, so it would go unused. Give max_drug_hazard_per_day and the driver's EC50 as well, or remove driver.",
        ])
        #expect(try lines("{name: nausea, background_per_day: 0.01, driver: dose, max_drug_hazard_per_day: 0.01, ec50_mg_per_L: 0.2}") == [
            "20: side_effects[0].ec50_mg_per_L: does not match driver dose. Driver dose takes its EC50 as ec50_mg_per_day; convert the value to that unit, or change driver.",
            "20: side_effects[0].ec50_mg_per_day: missing. Give the dose exposure of half-maximal hazard as ec50_mg_per_day, e.g. 100.",
        ])
        #expect(try lines("{name: nausea, background_per_day: 0.01, resolution: first_onset_only, susceptibility: {elderly: 0}}") == [
            "20: side_effects[0].susceptibility.elderly: must be in (0, 1000] (found 0). Give a multiplier, e.g. 1.5.",
        ])
        let scenario = try ScenarioText.load(ScenarioText.twoArmPlacebo(name: "se", then: """
        side_effects:
          - {name: nausea, background_per_day: 0.01, resolution: {probability_per_day: 0.2}}
        """)).get()
        #expect(scenario.sideEffects.first?.model.resolution == .dailyProbability(0.2))
    }

    /// A drug's effect is read by its declaration: the Hill coefficient is bounded (powers of a
    /// concentration stay finite), the EC50 is required for a concentration effect, and a PSA
    /// binding of it checks draws by the same rule.
    @Test func aDrugEffectIsReadByItsDeclaration() throws {
        func lines(_ effect: String) throws -> [String] {
            try ScenarioText.issueLines(ScenarioText.twoArmPlacebo(name: "fx", then: """
            drugs:
              baclofen:
                library: baclofen
                effect: \(effect)
            """))
        }
        #expect(try lines("{emax: 0.5, ec50_mg_per_L: 0.1, hill: 25}") == [
            "22: drugs.baclofen.effect.hill: must be in (0, 20] (found 25). Give the Hill coefficient (0–20), e.g. 1.",
        ])
        #expect(try lines("{emax: 0.5}") == [
            "22: drugs.baclofen.effect.ec50_mg_per_L: missing. Give the concentration of half-maximal effect in mg/L, e.g. 0.2.",
        ])
        #expect(ScenarioDeclarations.numberRule(at: ScenarioKeyPath(parsing: "drugs.baclofen.effect.hill")) == .aboveZeroAtMost(20))
    }

    /// A sweep's `low` needs `high`, and `high` alone is named.
    @Test func sweepLowAndHighComeTogether() throws {
        let low = try ScenarioText.issueLines(ScenarioText.twoArmPlacebo(name: "a", then: """
        sweep: {parameters: [{key: craving.theta_per_day, low: 0.2}]}
        """))
        #expect(low == ["19: sweep.parameters[0].high: missing. Give the high value (with low)."])
        let high = try ScenarioText.issueLines(ScenarioText.twoArmPlacebo(name: "a", then: """
        sweep: {parameters: [{key: craving.theta_per_day, high: 0.2}]}
        """))
        #expect(high == [
            "19: sweep.parameters[0]: gives none of 'values' or 'low' or 'relative'. Give one of 'values' or 'low' or 'relative'.",
            "19: sweep.parameters[0].high: high without low. Give low: as well.",
        ])
    }

    /// Alcohol withdrawal: defaults are the standard complication's; a benzodiazepine effect
    /// needs exactly one form.
    @Test func alcoholWithdrawalDefaultsAndBenzodiazepineForms() throws {
        let text = ScenarioText.twoArmPlacebo(name: "aw", then: """
        alcohol_withdrawal:
          seizures: {untreated_risk: 0.1}
        """)
        let scenario = try ScenarioText.load(text).get()
        let model = try #require(scenario.alcoholWithdrawal)
        #expect(model.seizure.untreatedEpisodeRisk == 0.1)
        #expect(model.seizure.windowStartDay == AlcoholWithdrawalModel.standard.seizure.windowStartDay)
        #expect(model.seizure.windowDays == AlcoholWithdrawalModel.standard.seizure.windowDays)
        #expect(model.seizure.benzodiazepineEffect == .relativeRisk(1))
        #expect(model.delirium == AlcoholWithdrawalModel.standard.delirium)
        let lines = try ScenarioText.issueLines(ScenarioText.twoArmPlacebo(name: "aw", then: """
        alcohol_withdrawal:
          seizures: {untreated_risk: 0.1, benzodiazepine: {risk_difference: 0.05, relative_risk: 0.2}}
        """))
        #expect(lines == ["20: alcohol_withdrawal.seizures.benzodiazepine.relative_risk: gives both 'risk_difference' and 'relative_risk'. Give only one of 'risk_difference' or 'relative_risk'."])
    }

    /// Keys a choice brings (ChoiceKeys): a kind's own keys are required, keys only other kinds
    /// take are errors naming the kinds that take them, and a kind's optional keys are allowed.
    @Test func keysAChoiceBringsAreRequiredOrRefused() throws {
        func problems(_ yaml: String, as block: BlockDeclaration) throws -> [String] {
            let reader = ScenarioNodeReader(file: "x.yaml")
            let node = try #require(reader.parse(yaml))
            _ = reader.declared(node, at: ScenarioKeyPath(parsing: "effect"), as: block)
            return reader.issues.map { "\($0.keyPath): \($0.problem)" }
        }
        #expect(try problems("{effect: renal, renal_fraction: 0.5, reference_crcl_mL_per_min: 90}", as: .covariateEffect).isEmpty)
        #expect(try problems("{effect: power, covariate: weight_kg, reference: 70, exponent: 0.75, reference_crcl_mL_per_min: 90}", as: .covariateEffect)
                == ["effect.reference_crcl_mL_per_min: applies only with effect: renal, not effect: power"])
        #expect(try problems("{effect: linear, covariate: age_years, reference: 40}", as: .covariateEffect)
                == ["effect.slope_per_unit: missing: effect linear needs it"])
        #expect(try problems("{on: no_response, switch_to: b, while_off_drug: true}", as: .courseRule)
                == ["effect.while_off_drug: applies only with on: relapse, not on: no_response"])
        #expect(try problems("{on: relapse, switch_to: b, while_off_drug: true, relapse: {single_day_drinks_above: 4}}", as: .courseRule).isEmpty)
        // The schema says the same with if/then.
        let rules = try #require(BlockDeclaration.taper.jsonSchema()["allOf"] as? [[String: Any]])
        #expect(rules.contains { (($0["if"] as? [String: Any])?["properties"] as? [String: Any])?["kind"] != nil })
    }
}
