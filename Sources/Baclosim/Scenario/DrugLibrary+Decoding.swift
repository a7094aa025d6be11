import Yams

/// Reading a drug file (``BlockDeclaration/drugFile``; tables in Scenarios/drugs/README.md).
extension ScenarioNodeReader {
    /// Reads a whole drug document (``BlockDeclaration/drugFile``). `expectedName` (the file
    /// name without `.yaml`) must match the `drug:` key when given. Returns `nil` when anything
    /// was wrong; every problem is reported.
    func drug(from root: Node, expectedName: String?) -> DrugDefinition? {
        let issuesBefore = issues.count
        guard let top = declared(root, at: .root, as: .drugFile) else { return nil }
        let name = top.text("drug")
        if let name, let expectedName, name != expectedName {
            report(top.path.appending("drug"), at: top.value("drug"),
                   "'\(name)' does not match the file name '\(expectedName).yaml'",
                   fix: "Write drug: \(expectedName), or rename the file to \(name).yaml.")
        }
        var models: [String: DrugModelDefinition] = [:]
        let named = top.named("models") ?? []
        // Every name listed, also of a model that is not a mapping (reported by `named`).
        let modelNames = top.value("models")?.mapping?.keys.compactMap(\.string) ?? []
        if top.has("models") && modelNames.isEmpty {
            report(top.path.appending("models"), at: top.value("models"), "must define at least one model",
                   fix: "Add a named model, e.g. simon2018: {structure: one-compartment, ...}.")
        }
        for (modelName, block) in named {
            if let model = self.model(block, named: modelName) { models[modelName] = model }
        }
        let defaultModel = top.text("default_model")
        if let defaultModel, !modelNames.isEmpty, !modelNames.contains(defaultModel) {
            report(top.path.appending("default_model"), at: top.value("default_model"), "no model named '\(defaultModel)'",
                   fix: ParameterProblem.useOneOf(modelNames, insteadOf: defaultModel))
        }
        let regimen = top.mapping.mapping("regimen", required: false, fix: BlockDeclaration.regimen.mappingFix).flatMap(self.regimen(from:))
        let sideEffects = top.mapping.mapping("side_effects", required: false, fix: BlockDeclaration.drugFile["side_effects"].fix).map(drugSideEffectParts) ?? [:]
        // The drug's own withdrawal and toxicity blocks (Scenario+DrugSafetyDecoding.swift).
        let withdrawal = top.value("withdrawal").flatMap { self.withdrawal(from: $0, at: top.path.appending("withdrawal")) }
        let toxicity = top.value("toxicity").flatMap { self.toxicity(from: $0, at: top.path.appending("toxicity")) }

        guard issues.count == issuesBefore, let name, let defaultModel, let regimen else { return nil }
        var drug = DrugDefinition(name: name, displayName: top.text("display_name") ?? name, defaultModelName: defaultModel,
                                  modelNames: modelNames, models: models, regimen: regimen, file: file, sideEffects: sideEffects)
        drug.withdrawal = withdrawal
        drug.toxicity = toxicity
        return drug
    }

    /// One named model (``BlockDeclaration/pkModel``).
    private func model(_ block: DeclaredMapping, named name: String) -> DrugModelDefinition? {
        let issuesBefore = issues.count
        let structure = block.text("structure").flatMap(DrugModelDefinition.Structure.init(rawValue:))
        let route = block.text("route").flatMap(DrugModelDefinition.Route.init(rawValue:))
        var parameters: [PKParameterDefinition] = []
        if let given = block.block("parameters") {
            parameters = self.parameters(given, among: PKParameterName.parent)
            checkRequiredParameters(given, structure: structure, route: route)
        }
        var metabolite: MetaboliteDefinition?
        if let m = block.block("metabolite") {
            let metaboliteParameters = m.block("parameters").map { self.parameters($0, among: PKParameterName.metabolite) }
            if let name = m.text("name"), let metaboliteParameters { metabolite = MetaboliteDefinition(name: name, parameters: metaboliteParameters) }
        }
        let known = parameters.map(\.name) + (metabolite?.parameters.map(\.name) ?? [])
        let correlations = self.correlations(block, parameters: parameters + (metabolite?.parameters ?? []), known: known)
        let residualError = block.block("residual_error").map {
            ResidualError(proportionalCVPercent: $0.number("proportional_cv_percent"), additiveMgPerL: $0.number("additive_mg_per_L"))
        }
        guard issues.count == issuesBefore, let structure, let route else { return nil }
        return DrugModelDefinition(name: name, description: block.text("description"), structure: structure, route: route,
                                   parameters: parameters, correlations: correlations,
                                   residualError: residualError, metabolite: metabolite)
    }

    /// The parameters given in `block` (declared by ``BlockDeclaration/pkParameters(_:name:)``),
    /// in file order.
    private func parameters(_ block: DeclaredMapping, among names: [PKParameterName]) -> [PKParameterDefinition] {
        block.mapping.entries.compactMap { entry in
            guard let definition = PKParameterName.find(entry.key, in: names), let p = block.block(definition.name) else { return nil }
            // Read first, so the effects are checked whatever the typical value.
            let effects = (p.list("covariates") ?? []).compactMap(covariateEffect)
            guard p.number("typical") != nil else { return nil }
            if let unit = p.text("unit"), unit != definition.unit {
                report(p.path.appending("unit"), at: p.value("unit"), "\(definition.name) is in \(definition.unit) (found \(unit))",
                       fix: "Write unit: \(definition.unit) and convert the value if needed.")
            }
            // The range depends on the parameter.
            guard let typical = number(p.value("typical")!, at: p.path.appending("typical"), rule: BlockDeclaration.typicalValueRule(definition),
                                       fix: "Give the typical \(definition.meaning) in \(definition.unit), e.g. \(definition.example).") else { return nil }
            let omegaVariance = p.number("iiv_cv_percent").map { ($0 / 100) * ($0 / 100) } ?? p.number("iiv_omega_variance")

            return PKParameterDefinition(name: definition.name, typicalValue: typical, unit: definition.unit,
                                         omegaVariance: omegaVariance, effects: effects)
        }
    }

    /// One covariate effect (``BlockDeclaration/covariateEffect``); its kind's keys are checked
    /// by the declaration.
    private func covariateEffect(_ block: DeclaredMapping) -> CovariateEffect? {
        let covariate = block.text("covariate").flatMap(CovariateEffect.Covariate.init(rawValue:))
        switch block.text("effect") {
        case "power":
            guard let covariate, let reference = block.number("reference"), let exponent = block.number("exponent") else { return nil }
            return .power(covariate, reference: reference, exponent: exponent)
        case "linear":
            guard let covariate, let reference = block.number("reference"), let slope = block.number("slope_per_unit") else { return nil }
            return .linear(covariate, reference: reference, slopePerUnit: slope)
        case "renal":
            guard let fe = block.number("renal_fraction") else { return nil }
            return .renal(renalFraction: fe, referenceCrClMLPerMin: block.number("reference_crcl_mL_per_min") ?? 100)
        case "liver":
            guard let compensated = block.number("compensated_factor"), let cirrhosis = block.number("cirrhosis_factor") else { return nil }
            return .liver(compensated: compensated, cirrhosis: cirrhosis)
        case "sex":
            return block.number("female_factor").map { .sex(female: $0) }
        default:
            return nil
        }
    }

    /// Parameters a structure and route need.
    private func checkRequiredParameters(_ block: DeclaredMapping, structure: DrugModelDefinition.Structure?, route: DrugModelDefinition.Route?) {
        var required = ["CL", "V"]
        if structure == .twoCompartment { required += ["Q", "V2"] }
        if route?.isExtravascular == true, !block.has("D1") { required.append("KA") }
        for name in required where !block.has(name) {
            block.require(name)
        }
        if structure == .oneCompartment {
            for name in ["Q", "V2"] where block.has(name) {
                report(block.path.appending(name), at: block.mapping.entries.first { $0.key == name }?.keyNode, "applies only to two-compartment models",
                       fix: "Remove \(name), or use structure: two-compartment.")
            }
        }
    }

    /// `omega_correlations` (``BlockDeclaration/etaCorrelation``), with Ω checked positive definite.
    private func correlations(_ block: DeclaredMapping, parameters: [PKParameterDefinition], known: [String]) -> [EtaCorrelation] {
        guard let items = block.list("omega_correlations") else { return [] }
        var result: [EtaCorrelation] = []
        for entry in items {
            guard let names = entry.texts("between"), let value = entry.number("correlation") else { continue }
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
}
