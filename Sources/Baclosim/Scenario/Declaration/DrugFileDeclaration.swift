/// A drug file (`Scenarios/drugs/<name>.yaml`): population PK models, a default regimen, and the
/// drug's own side-effect parts, withdrawal and toxicity. Its tables are generated into
/// `Scenarios/drugs/README.md`; its JSON Schema is `baclosim schema --drug-file`.
extension BlockDeclaration {
    /// The schema version of drug files this code reads.
    static let drugFileVersion = 1

    static let drugFile: BlockDeclaration = {
        var block = BlockDeclaration(
            "drug file", meaning: "a drug: its population PK models, default regimen, side-effect parts, withdrawal and toxicity",
            example: "{schema_version: 1, drug: baclofen, default_model: simon2018, models: {simon2018: {...}}, regimen: {...}}",
            keys: [
                KeyDeclaration("schema_version", .integer(unit: "", minimum: drugFileVersion, maximum: drugFileVersion), .required,
                               meaning: "`\(drugFileVersion)`", fix: "Write schema_version: \(drugFileVersion)."),
                KeyDeclaration("drug", .text, .required, meaning: "the drug's name: the file name without `.yaml`",
                               fix: "Give the drug's name, the same as the file name, e.g. drug: baclofen."),
                KeyDeclaration("display_name", .text, .optional(absent: "`drug`"), meaning: "the name in reports", fix: "Give a display name, e.g. Baclofen."),
                KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the drug in words", fix: "Describe the drug in words."),
                KeyDeclaration("default_model", .text, .required, meaning: "the model used unless a scenario names another: one of `models`",
                               fix: "Name the model used by default, e.g. default_model: simon2018."),
                KeyDeclaration("models", .named(pkModel), .required, meaning: "one or more population PK models, by name",
                               fix: "Give at least one named model, e.g. models: {simon2018: {...}}."),
                KeyDeclaration("regimen", .block(.regimen), .required, meaning: "the default regimen (as an arm's `regimen`)",
                               fix: "Give a default regimen, e.g. \(BlockDeclaration.regimen.example)."),
                KeyDeclaration("side_effects", .named(.drugPart), .optional(absent: "none"), meaning: "the drug's part of each side effect, by effect name",
                               fix: "Give the drug's side-effect parts by effect name, e.g. side_effects: {nausea: \(BlockDeclaration.drugPart.example)}."),
                KeyDeclaration("withdrawal", .block(.withdrawal), .optional(absent: "none"), meaning: "the drug's own withdrawal (Scenarios/README.md `withdrawal`)",
                               fix: "Give the withdrawal block (see Scenarios/README.md)."),
                KeyDeclaration("toxicity", .block(.toxicity), .optional(absent: "none"), meaning: "the drug's own toxicity, thresholds in mg/L of this drug",
                               fix: "Give the toxicity block (see Scenarios/README.md)."),
            ])
        block.isDocument = true
        return block
    }()

    static let pkModel = BlockDeclaration(
        "model", meaning: "a population PK model: structure, route, parameters with their variability, residual error",
        example: "{structure: one-compartment, route: oral, parameters: {KA: {typical: 1.64, unit: per_h}, CL: {typical: 11.6, unit: L_per_h}, V: {typical: 72.8, unit: L}}}",
        keys: [
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the model in words", fix: "Describe the model in words."),
            KeyDeclaration("source", .text, .optional(absent: ""), meaning: "the publication", fix: "Cite the model's source."),
            KeyDeclaration("structure", .choice(DrugModelDefinition.Structure.allCases.map(\.rawValue)), .required, meaning: "compartments",
                           fix: "Use structure: one-compartment or two-compartment."),
            KeyDeclaration("route", .choice(DrugModelDefinition.Route.allCases.map(\.rawValue)), .required, meaning: "how the drug is given",
                           fix: "Use route: oral, sublingual, intramuscular or intravenous."),
            KeyDeclaration("parameters", .block(pkParameters(PKParameterName.parent, name: "parameters")), .required,
                           meaning: "NONMEM-named parameters: `CL` and `V`; `Q` and `V2` for two compartments; `KA` for an extravascular route unless `D1` is given",
                           fix: "Give the parameters, e.g. parameters: {CL: {...}, V: {...}}."),
            KeyDeclaration("omega_correlations", .list(etaCorrelation), .optional(absent: "none"), meaning: "correlations of the η's; Ω must be positive definite",
                           fix: "Give a list like [\(etaCorrelation.example)]."),
            KeyDeclaration("residual_error", .block(residualError), .optional(absent: "none"), meaning: "observation error of `baclosim pk` concentrations",
                           fix: "Give \(residualError.example)."),
            KeyDeclaration("metabolite", .block(metabolite), .optional(absent: "none"), meaning: "a metabolite formed from the parent's clearance",
                           fix: "Give the metabolite as \(metabolite.example)."),
        ])

    /// A block with one key per parameter name in `names`, each a ``pkParameter``.
    static func pkParameters(_ names: [PKParameterName], name: String) -> BlockDeclaration {
        let absent = ["CL": "required", "V": "required", "KA": "required for an extravascular route without `D1`",
                      "F": "1", "TLAG": "0", "Q": "required for two compartments", "V2": "required for two compartments",
                      "D1": "first-order absorption"]
        return BlockDeclaration(
            name, meaning: "typical values (reference subject: 70 kg, CrCl 100 mL/min, no liver disease), variability and covariate effects",
            example: "{\(names[0].name): {typical: \(names[0].example), unit: \(names[0].unit)}}",
            keys: names.map { parameter in
                KeyDeclaration(parameter.name, .block(pkParameter), parameter.isMetabolite ? .required : .optional(absent: absent[parameter.name] ?? "none"),
                               meaning: "\(parameter.meaning), in `\(parameter.unit)`" + (parameter.rule.documentation.isEmpty ? "" : ", \(parameter.rule.documentation)"),
                               fix: "Give \(parameter.meaning) as {typical: \(parameter.example), unit: \(parameter.unit)}.")
            })
    }

    /// The largest typical value of a PK parameter, so amounts and rates stay finite.
    static let maximumTypicalValue = 1e6

    /// The range of `parameter`'s typical value: its own rule, bounded by ``maximumTypicalValue``.
    static func typicalValueRule(_ parameter: PKParameterName) -> NumberRule {
        switch parameter.rule {
        case .positive: .aboveZeroAtMost(maximumTypicalValue)
        case .nonNegative: .within(0, maximumTypicalValue)
        default: parameter.rule
        }
    }

    /// One parameter: `P_i = typical × Π covariate effects × exp(η_i)`. Its unit and the range
    /// of its typical value depend on the parameter (``PKParameterName``), checked by the decoder.
    static let pkParameter = BlockDeclaration(
        "PK parameter", meaning: "a typical value, its inter-individual variability and covariate effects",
        example: "{typical: 11.6, unit: L_per_h, iiv_cv_percent: 21}",
        atMostOneOf: [["iiv_cv_percent", "iiv_omega_variance"]],
        keys: [
            KeyDeclaration("typical", .number(unit: "the parameter's unit", rule: .any), .required,
                           meaning: "the reference subject's value, in the parameter's range (above; at most 10⁶)",
                           fix: "Give the typical value in the parameter's unit."),
            KeyDeclaration("unit", .text, .required, meaning: "the parameter's one unit, stated (above)",
                           fix: "Write the parameter's unit (Scenarios/drugs/README.md, Parameters)."),
            KeyDeclaration("iiv_cv_percent", .number(unit: "%", rule: .within(0, 300)), .optional(absent: "no variability"),
                           meaning: "ω = CV/100", fix: "Give the inter-individual variability as %CV (100·ω), e.g. 21."),
            KeyDeclaration("iiv_omega_variance", .number(unit: "", rule: .within(0, 9)), .optional(absent: "no variability"),
                           meaning: "ω², the variance of η on the log scale", fix: "Give ω², the variance of η on the log scale, e.g. 0.044."),
            KeyDeclaration("covariates", .list(covariateEffect), .optional(absent: "none"), meaning: "multiplicative covariate effects",
                           fix: "Give a list of effects, e.g. [{effect: renal, renal_fraction: 0.57}]."),
        ])

    static let covariateEffect = BlockDeclaration(
        "covariate effect", meaning: "a factor on the typical value by a subject's covariate",
        example: "{effect: power, covariate: weight_kg, reference: 70, exponent: 0.75}",
        choiceKeys: ChoiceKeys(key: "effect", keys: [
            ("power", ["covariate", "reference", "exponent"]), ("linear", ["covariate", "reference", "slope_per_unit"]),
            ("renal", ["renal_fraction"]), ("liver", ["compensated_factor", "cirrhosis_factor"]), ("sex", ["female_factor"]),
        ], optionalKeys: [("renal", ["reference_crcl_mL_per_min"])]),
        keys: [
            KeyDeclaration("effect", .choice(["power", "linear", "renal", "liver", "sex"]), .required,
                           meaning: "`power`: (x/reference)^exponent; `linear`: max(0, 1 + slope·(x − reference)); `renal`: (1 − fe) + fe·CrCl/reference; `liver`: the factor for the subject's liver category; `sex`: the factor for women",
                           fix: "Use effect: power, linear, renal, liver or sex."),
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the effect's source", fix: "Describe the effect in words."),
            KeyDeclaration("covariate", .choice(CovariateEffect.Covariate.allCases.map(\.rawValue)), .optional(absent: "`power`, `linear` only"),
                           meaning: "the covariate x", fix: "Use covariate: weight_kg, age_years or crcl_mL_per_min."),
            KeyDeclaration("reference", .number(unit: "covariate unit", rule: .aboveZeroAtMost(1e4)), .optional(absent: "`power`, `linear` only"),
                           meaning: "the covariate value where the factor is 1", fix: "Give the covariate value where the effect is 1, e.g. 70."),
            KeyDeclaration("exponent", .number(unit: "", rule: .within(-20, 20)), .optional(absent: "`power` only"),
                           meaning: "the power", fix: "Give the exponent, e.g. 0.75 for allometric clearance."),
            KeyDeclaration("slope_per_unit", .number(unit: "per covariate unit", rule: .within(-1e3, 1e3)), .optional(absent: "`linear` only"),
                           meaning: "change of the factor per unit of the covariate", fix: "Give the change per unit of the covariate, e.g. -0.01 per year."),
            KeyDeclaration("renal_fraction", .number(unit: "", rule: .unitInterval), .optional(absent: "`renal` only"),
                           meaning: "fe: the renal share of clearance at the reference CrCl", fix: "Give the fraction of clearance that is renal at the reference CrCl, e.g. 0.57."),
            KeyDeclaration("reference_crcl_mL_per_min", .number(unit: "mL/min", rule: .aboveZeroAtMost(1_000)), .optional(absent: "100 (`renal` only)"),
                           meaning: "the CrCl where the factor is 1", fix: "Give the CrCl where the effect is 1 in mL/min, e.g. 100."),
            KeyDeclaration("compensated_factor", .number(unit: "", rule: .aboveZeroAtMost(100)), .optional(absent: "`liver` only"),
                           meaning: "factor for compensated liver disease", fix: "Give the multiplier for compensated liver disease, e.g. 0.8."),
            KeyDeclaration("cirrhosis_factor", .number(unit: "", rule: .aboveZeroAtMost(100)), .optional(absent: "`liver` only"),
                           meaning: "factor for cirrhosis", fix: "Give the multiplier for cirrhosis, e.g. 0.5."),
            KeyDeclaration("female_factor", .number(unit: "", rule: .aboveZeroAtMost(100)), .optional(absent: "`sex` only"),
                           meaning: "factor for women", fix: "Give the multiplier for women, e.g. 0.9."),
        ])

    static let etaCorrelation = BlockDeclaration(
        "correlation", meaning: "ρ between two parameters' η (both with variability): Ω holds ρ·ω_a·ω_b",
        example: "{between: [CL, V], correlation: 0.4}",
        keys: [
            KeyDeclaration("between", .texts(count: 2), .required, meaning: "two different parameters of this model",
                           fix: "Name two parameters with variability, e.g. [CL, V]."),
            KeyDeclaration("correlation", .number(unit: "", rule: .within(-0.999, 0.999)), .required, meaning: "ρ",
                           fix: "Give a correlation in (−1, 1), e.g. 0.4."),
        ])

    static let residualError = BlockDeclaration(
        "residual_error", meaning: "observation error: proportional and/or additive", example: "{proportional_cv_percent: 24}",
        keys: [
            KeyDeclaration("proportional_cv_percent", .number(unit: "%", rule: .within(0, 300)), .optional(absent: "none"),
                           meaning: "proportional error as %CV", fix: "Give the proportional error as %CV, e.g. 24."),
            KeyDeclaration("additive_mg_per_L", .number(unit: "mg/L", rule: .within(0, 1e6)), .optional(absent: "none"),
                           meaning: "additive error SD", fix: "Give the additive error SD in mg/L, e.g. 0.096."),
        ])

    static let metabolite = BlockDeclaration(
        "metabolite", meaning: "a metabolite formed from a fraction of the parent's clearance",
        example: "{name: nordazepam, parameters: {FM: {typical: 0.7, unit: fraction}, CLM: {typical: 0.69, unit: L_per_h}, VM: {typical: 70, unit: L}}}",
        keys: [
            KeyDeclaration("name", .text, .required, meaning: "the metabolite's name", fix: "Name the metabolite, e.g. nordazepam."),
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the metabolite in words", fix: "Describe it in words."),
            KeyDeclaration("parameters", .block(pkParameters(PKParameterName.metabolite, name: "metabolite parameters")), .required,
                           meaning: "`FM`, `CLM` and `VM`", fix: "Give FM, CLM and VM."),
        ])
}
