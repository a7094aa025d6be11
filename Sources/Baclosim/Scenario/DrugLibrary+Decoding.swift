import Yams

/// Reading a drug file (schema in Scenarios/drugs/README.md).
extension ScenarioNodeReader {
    static let drugKeys = ["schema_version", "drug", "display_name", "description", "default_model", "models", "regimen",
                           "side_effects", "withdrawal", "toxicity"]
    static let modelKeys = ["description", "source", "structure", "route", "parameters", "omega_correlations",
                            "residual_error", "metabolite"]
    static let parameterKeys = ["typical", "unit", "iiv_cv_percent", "iiv_omega_variance", "covariates"]
    static let effectKeysByKind: [String: [String]] = [
        "power": ["covariate", "reference", "exponent"],
        "linear": ["covariate", "reference", "slope_per_unit"],
        "renal": ["renal_fraction", "reference_crcl_mL_per_min"],
        "liver": ["compensated_factor", "cirrhosis_factor"],
        "sex": ["female_factor"],
    ]
    static let effectKinds = ["power", "linear", "renal", "liver", "sex"]

    /// The schema version this code reads.
    static let drugSchemaVersion = 1

    /// Reads a whole drug document. `expectedName` (the file name without `.yaml`) must match the
    /// `drug:` key when given. Returns `nil` when anything was wrong; every problem is reported.
    func drug(from root: Node, expectedName: String?) -> DrugDefinition? {
        let issuesBefore = issues.count
        guard let top = mapping(root, at: .root, fix: "A drug file is a mapping; see Scenarios/drugs/README.md.") else {
            return nil
        }
        top.checkKeys(allowed: Self.drugKeys, fix: "See the drug file keys in Scenarios/drugs/README.md.")

        if let version = top.integer("schema_version", fix: "Write schema_version: \(Self.drugSchemaVersion)."),
           version != Self.drugSchemaVersion {
            report(top.path.appending("schema_version"), at: top.value("schema_version"),
                   "unsupported version \(version)",
                   fix: "This Baclosim reads schema_version \(Self.drugSchemaVersion); see Scenarios/drugs/README.md.")
        }
        let name = top.text("drug", fix: "Give the drug's name, the same as the file name, e.g. drug: baclofen.")
        if let name, let expectedName, name != expectedName {
            report(top.path.appending("drug"), at: top.value("drug"),
                   "'\(name)' does not match the file name '\(expectedName).yaml'",
                   fix: "Write drug: \(expectedName), or rename the file to \(name).yaml.")
        }
        let displayName = top.text("display_name", required: false, fix: "Give a display name, e.g. Baclofen.")
        if top.has("description") { _ = top.text("description", fix: "Describe the drug in words.") }

        var models: [String: DrugModelDefinition] = [:]
        var modelNames: [String] = []
        if let modelsBlock = top.mapping("models", fix: "Give at least one named model, e.g. models: {simon2018: {...}}.") {
            if modelsBlock.entries.isEmpty {
                report(modelsBlock.path, at: modelsBlock.node, "must define at least one model",
                       fix: "Add a named model, e.g. simon2018: {structure: one-compartment, ...}.")
            }
            for entry in modelsBlock.entries {
                modelNames.append(entry.key)
                if let model = self.model(entry.value, named: entry.key, at: modelsBlock.path.appending(entry.key)) {
                    models[entry.key] = model
                }
            }
        }
        let defaultModel = top.text("default_model", fix: "Name the model used by default, e.g. default_model: simon2018.")
        if let defaultModel, !modelNames.isEmpty, !modelNames.contains(defaultModel) {
            report(top.path.appending("default_model"), at: top.value("default_model"),
                   "no model named '\(defaultModel)'",
                   fix: ParameterProblem.useOneOf(modelNames, insteadOf: defaultModel))
        }

        var regimen: Regimen?
        if let block = top.mapping("regimen", fix: "Give a default regimen; see Scenarios/drugs/README.md.") {
            regimen = self.regimen(from: block)
        }

        var sideEffects: [String: SideEffectDrugPart] = [:]
        if let block = top.mapping("side_effects", required: false,
                                   fix: "Give the drug's side-effect parts by effect name, e.g. side_effects: {nausea: {driver: dose, max_drug_hazard_per_day: 0.004, ec50_mg_per_day: 50, source: ...}}.") {
            sideEffects = drugSideEffectParts(block)
        }
        // The drug's own withdrawal and toxicity blocks (Scenario+DrugSafetyDecoding.swift).
        let withdrawal = top.value("withdrawal").flatMap { self.withdrawal(from: $0, at: top.path.appending("withdrawal")) }
        let toxicity = top.value("toxicity").flatMap { self.toxicity(from: $0, at: top.path.appending("toxicity")) }

        guard issues.count == issuesBefore, let name, let defaultModel, let regimen else { return nil }
        var drug = DrugDefinition(name: name, displayName: displayName ?? name, defaultModelName: defaultModel,
                                  modelNames: modelNames, models: models, regimen: regimen, file: file, sideEffects: sideEffects)
        drug.withdrawal = withdrawal
        drug.toxicity = toxicity
        return drug
    }

    /// One named model.
    private func model(_ node: Node, named name: String, at path: ScenarioKeyPath) -> DrugModelDefinition? {
        let issuesBefore = issues.count
        guard let block = mapping(node, at: path, fix: "Give the model as a mapping; see Scenarios/drugs/README.md.") else {
            return nil
        }
        block.checkKeys(allowed: Self.modelKeys, fix: "See the model keys in Scenarios/drugs/README.md.")
        let description = block.text("description", required: false, fix: "Describe the model in words.")
        if block.has("source") { _ = block.text("source", fix: "Cite the model's source.") }
        let structure = block.choice("structure", among: DrugModelDefinition.Structure.allCases.map(\.rawValue),
                                     fix: "Use structure: one-compartment or two-compartment.")
            .flatMap(DrugModelDefinition.Structure.init(rawValue:))
        let route = block.choice("route", among: DrugModelDefinition.Route.allCases.map(\.rawValue),
                                 fix: "Use route: oral, sublingual, intramuscular or intravenous.")
            .flatMap(DrugModelDefinition.Route.init(rawValue:))

        var parameters: [PKParameterDefinition] = []
        if let parametersBlock = block.mapping("parameters", fix: "Give the parameters, e.g. parameters: {CL: {...}, V: {...}}.") {
            parameters = self.parameters(parametersBlock, allowed: PKParameterName.parent)
            checkRequiredParameters(parametersBlock, present: parameters.map(\.name), structure: structure, route: route)
        }

        var metabolite: MetaboliteDefinition?
        if let metaboliteBlock = block.mapping("metabolite", required: false,
                                               fix: "Give the metabolite as {name: ..., parameters: {FM: ..., CLM: ..., VM: ...}}.") {
            metaboliteBlock.checkKeys(allowed: ["name", "description", "parameters"],
                                      fix: "A metabolite has name, description and parameters (FM, CLM, VM).")
            let metaboliteName = metaboliteBlock.text("name", fix: "Name the metabolite, e.g. nordazepam.")
            if metaboliteBlock.has("description") { _ = metaboliteBlock.text("description", fix: "Describe it in words.") }
            if let block = metaboliteBlock.mapping("parameters", fix: "Give FM, CLM and VM.") {
                let metaboliteParameters = self.parameters(block, allowed: PKParameterName.metabolite)
                for required in PKParameterName.metabolite where !metaboliteParameters.contains(where: { $0.name == required.name }) {
                    if block.entries.contains(where: { $0.key == required.name }) { continue }
                    report(block.path.appending(required.name), at: block.node, "missing",
                           fix: "Give \(required.meaning): {typical: \(required.example), unit: \(required.unit)}.")
                }
                if let metaboliteName {
                    metabolite = MetaboliteDefinition(name: metaboliteName, parameters: metaboliteParameters)
                }
            }
        }

        let known = parameters.map(\.name) + (metabolite?.parameters.map(\.name) ?? [])
        let correlations = self.correlations(block, parameters: parameters + (metabolite?.parameters ?? []), known: known)
        let residualError = self.residualError(block)

        guard issues.count == issuesBefore, let structure, let route else { return nil }
        return DrugModelDefinition(name: name, description: description, structure: structure, route: route,
                                   parameters: parameters, correlations: correlations,
                                   residualError: residualError, metabolite: metabolite)
    }

    /// The parameters in `block`, each a known name with its unit checked.
    private func parameters(_ block: ScenarioMapping, allowed: [PKParameterName]) -> [PKParameterDefinition] {
        var result: [PKParameterDefinition] = []
        let names = allowed.map(\.name)
        for entry in block.entries {
            let path = block.path.appending(entry.key)
            guard let definition = PKParameterName.find(entry.key, in: allowed) else {
                let otherList = PKParameterName.find(entry.key, in: PKParameterName.parent + PKParameterName.metabolite)
                let where_ = otherList.map { $0.isMetabolite ? " It belongs in the metabolite's parameters." : " It belongs in the model's parameters." } ?? ""
                let advice = ParameterProblem.suggestion(for: entry.key, among: names).map { "Did you mean '\($0)'? " } ?? ""
                report(path, at: entry.keyNode, "unknown parameter",
                       fix: advice + "Use one of \(names.joined(separator: ", ")).\(where_)")
                continue
            }
            if let parameter = self.parameter(entry.value, definition: definition, at: path) {
                result.append(parameter)
            }
        }
        return result
    }

    /// `{typical: 11.6, unit: L_per_h, iiv_cv_percent: 21, covariates: [...]}`.
    private func parameter(_ node: Node, definition: PKParameterName, at path: ScenarioKeyPath) -> PKParameterDefinition? {
        let issuesBefore = issues.count
        let exampleFix = "Give \(definition.meaning) as {typical: \(definition.example), unit: \(definition.unit)}."
        guard let block = mapping(node, at: path, fix: exampleFix) else { return nil }
        block.checkKeys(allowed: Self.parameterKeys, fix: "A parameter has typical, unit, iiv_cv_percent or iiv_omega_variance, and covariates.")
        let typical = block.number("typical", rule: definition.rule,
                                   fix: "Give the typical \(definition.meaning) in \(definition.unit), e.g. \(definition.example).")
        if let unit = block.text("unit", fix: "Write unit: \(definition.unit).") , unit != definition.unit {
            report(path.appending("unit"), at: block.value("unit"),
                   "\(definition.name) is in \(definition.unit) (found \(unit))",
                   fix: "Write unit: \(definition.unit) and convert the value if needed.")
        }
        var omegaVariance: Double?
        if block.has("iiv_cv_percent") && block.has("iiv_omega_variance") {
            report(path.appending("iiv_omega_variance"), at: block.value("iiv_omega_variance"),
                   "give either iiv_cv_percent or iiv_omega_variance, not both",
                   fix: "Keep one: iiv_cv_percent is 100·ω, iiv_omega_variance is ω².")
        } else if let cv = block.number("iiv_cv_percent", required: false, rule: .within(0, 300),
                                        fix: "Give the inter-individual variability as %CV (100·ω), e.g. 21.") {
            omegaVariance = (cv / 100) * (cv / 100)
        } else if let variance = block.number("iiv_omega_variance", required: false, rule: .within(0, 9),
                                              fix: "Give ω², the variance of η on the log scale, e.g. 0.044.") {
            omegaVariance = variance
        }
        var effects: [CovariateEffect] = []
        if let items = block.sequence("covariates", required: false,
                                      fix: "Give a list of effects, e.g. [{effect: renal, renal_fraction: 0.57}].") {
            effects = items.compactMap { covariateEffect($0.node, at: $0.path) }
        }
        guard issues.count == issuesBefore, let typical else { return nil }
        return PKParameterDefinition(name: definition.name, typicalValue: typical, unit: definition.unit,
                                     omegaVariance: omegaVariance, effects: effects)
    }

    /// One covariate effect: `{effect: power, covariate: weight_kg, reference: 70, exponent: 0.75}`.
    private func covariateEffect(_ node: Node, at path: ScenarioKeyPath) -> CovariateEffect? {
        guard let block = mapping(node, at: path, fix: "Give an effect as {effect: power, covariate: weight_kg, reference: 70, exponent: 0.75}.") else {
            return nil
        }
        let kind = block.choice("effect", among: Self.effectKinds, fix: "Use effect: power, linear, renal, liver or sex.")
        let keys = kind.flatMap { Self.effectKeysByKind[$0] } ?? Array(Set(Self.effectKeysByKind.values.flatMap { $0 })).sorted()
        block.checkKeys(allowed: ["effect", "description"] + keys,
                        fix: kind.map { "A \($0) effect has " + (Self.effectKeysByKind[$0] ?? []).joined(separator: ", ") + "." }
                            ?? "See the covariate effects in Scenarios/drugs/README.md.")
        let covariates = CovariateEffect.Covariate.allCases.map(\.rawValue)
        let covariateFix = "Use covariate: weight_kg, age_years or crcl_mL_per_min."
        switch kind {
        case "power":
            let covariate = block.choice("covariate", among: covariates, fix: covariateFix)
                .flatMap(CovariateEffect.Covariate.init(rawValue:))
            let reference = block.number("reference", rule: .positive, fix: "Give the covariate value where the effect is 1, e.g. 70.")
            let exponent = block.number("exponent", fix: "Give the exponent, e.g. 0.75 for allometric clearance.")
            guard let covariate, let reference, let exponent else { return nil }
            return .power(covariate, reference: reference, exponent: exponent)
        case "linear":
            let covariate = block.choice("covariate", among: covariates, fix: covariateFix)
                .flatMap(CovariateEffect.Covariate.init(rawValue:))
            let reference = block.number("reference", fix: "Give the covariate value where the effect is 1, e.g. 40.")
            let slope = block.number("slope_per_unit", fix: "Give the change per unit of the covariate, e.g. -0.01 per year.")
            guard let covariate, let reference, let slope else { return nil }
            return .linear(covariate, reference: reference, slopePerUnit: slope)
        case "renal":
            let fe = block.number("renal_fraction", rule: .unitInterval,
                                  fix: "Give the fraction of clearance that is renal at the reference CrCl, e.g. 0.57.")
            let reference = block.number("reference_crcl_mL_per_min", required: false, rule: .positive,
                                         fix: "Give the CrCl where the effect is 1 in mL/min, e.g. 100.")
            guard let fe else { return nil }
            return .renal(renalFraction: fe, referenceCrClMLPerMin: reference ?? 100)
        case "liver":
            let compensated = block.number("compensated_factor", rule: .positive, fix: "Give the multiplier for compensated liver disease, e.g. 0.8.")
            let cirrhosis = block.number("cirrhosis_factor", rule: .positive, fix: "Give the multiplier for cirrhosis, e.g. 0.5.")
            guard let compensated, let cirrhosis else { return nil }
            return .liver(compensated: compensated, cirrhosis: cirrhosis)
        case "sex":
            let female = block.number("female_factor", rule: .positive, fix: "Give the multiplier for women, e.g. 0.9.")
            guard let female else { return nil }
            return .sex(female: female)
        default:
            return nil
        }
    }

    /// Parameters a structure and route need.
    private func checkRequiredParameters(_ block: ScenarioMapping, present: [String],
                                         structure: DrugModelDefinition.Structure?, route: DrugModelDefinition.Route?) {
        var required = ["CL", "V"]
        if structure == .twoCompartment { required += ["Q", "V2"] }
        if route?.isExtravascular == true, !present.contains("D1") { required.append("KA") }
        for name in required where !block.entries.contains(where: { $0.key == name }) {
            guard let definition = PKParameterName.find(name, in: PKParameterName.parent) else { continue }
            report(block.path.appending(name), at: block.node, "missing",
                   fix: "Give \(definition.meaning): {typical: \(definition.example), unit: \(definition.unit)}.")
        }
        if structure == .oneCompartment {
            for name in ["Q", "V2"] where block.entries.contains(where: { $0.key == name }) {
                let keyNode = block.entries.first { $0.key == name }?.keyNode
                report(block.path.appending(name), at: keyNode, "applies only to two-compartment models",
                       fix: "Remove \(name), or use structure: two-compartment.")
            }
        }
    }

    /// `omega_correlations: [{between: [CL, V], correlation: 0.4}]`, with Ω checked positive definite.
    private func correlations(_ block: ScenarioMapping, parameters: [PKParameterDefinition], known: [String]) -> [EtaCorrelation] {
        guard let items = block.sequence("omega_correlations", required: false,
                                         fix: "Give a list like [{between: [CL, V], correlation: 0.4}].") else { return [] }
        var result: [EtaCorrelation] = []
        for item in items {
            guard let entry = mapping(item.node, at: item.path, fix: "Give {between: [CL, V], correlation: 0.4}.") else { continue }
            entry.checkKeys(allowed: ["between", "correlation"], fix: "A correlation has between and correlation.")
            let names = entry.sequence("between", fix: "Name two parameters with variability, e.g. [CL, V].")?
                .compactMap { text($0.node, at: $0.path, fix: "Name a parameter, e.g. CL.") }
            let value = entry.number("correlation", rule: .within(-0.999, 0.999), fix: "Give a correlation in (−1, 1), e.g. 0.4.")
            guard let names, let value else { continue }
            guard names.count == 2, names[0] != names[1] else {
                report(entry.path.appending("between"), at: entry.value("between"), "must name two different parameters",
                       fix: "Give two parameter names, e.g. [CL, V].")
                continue
            }
            var bad = false
            for name in names {
                guard let parameter = parameters.first(where: { $0.name == name }) else {
                    report(entry.path.appending("between"), at: entry.value("between"), "no parameter '\(name)' in this model",
                           fix: "Use parameters of this model: \(known.joined(separator: ", "))." + ParameterProblem.didYouMean(name, among: known))
                    bad = true
                    continue
                }
                if (parameter.omegaVariance ?? 0) <= 0 {
                    report(entry.path.appending("between"), at: entry.value("between"), "'\(name)' has no inter-individual variability",
                           fix: "Give \(name) an iiv_cv_percent, or remove this correlation.")
                    bad = true
                }
            }
            if !bad { result.append(EtaCorrelation(first: names[0], second: names[1], correlation: value)) }
        }
        if !result.isEmpty {
            let probe = DrugModelDefinition(name: "", structure: .oneCompartment, route: .oral, parameters: parameters,
                                            correlations: result, residualError: nil, metabolite: nil)
            if probe.parameterModel().omegaCholesky == nil {
                report(block.path.appending("omega_correlations"), at: block.value("omega_correlations"),
                       "the correlations do not form a valid covariance matrix (not positive definite)",
                       fix: "Lower the correlations' magnitudes so they are mutually consistent.")
            }
        }
        return result
    }

    /// `residual_error: {proportional_cv_percent: 24, additive_mg_per_L: 0.096}`.
    private func residualError(_ block: ScenarioMapping) -> ResidualError? {
        guard let entry = block.mapping("residual_error", required: false,
                                        fix: "Give {proportional_cv_percent: 24} and/or {additive_mg_per_L: 0.1}.") else { return nil }
        entry.checkKeys(allowed: ["proportional_cv_percent", "additive_mg_per_L"],
                        fix: "Residual error has proportional_cv_percent and/or additive_mg_per_L.")
        let proportional = entry.number("proportional_cv_percent", required: false, rule: .within(0, 300),
                                        fix: "Give the proportional error as %CV, e.g. 24.")
        let additive = entry.number("additive_mg_per_L", required: false, rule: .nonNegative,
                                    fix: "Give the additive error SD in mg/L, e.g. 0.096.")
        return ResidualError(proportionalCVPercent: proportional, additiveMgPerL: additive)
    }
}
