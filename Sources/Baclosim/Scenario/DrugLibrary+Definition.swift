import Foundation

/// A drug as read from its library file: its named PK models, the default one, and a default
/// regimen.
public struct DrugDefinition: Sendable {
    /// The drug's name (the file name without `.yaml`), e.g. `baclofen`.
    public var name: String
    /// Name for tables and figures, e.g. `Baclofen`.
    public var displayName: String
    /// The model used when a scenario names none.
    public var defaultModelName: String
    /// Model names in file order.
    public var modelNames: [String]
    /// The models by name.
    public var models: [String: DrugModelDefinition]
    /// The default regimen.
    public var regimen: Regimen
    /// The file it was read from.
    public var file: String?
    /// Side-effect drug parts by effect name (`side_effects:`; issue #5). A scenario uses the
    /// part of an effect it lists (see `SideEffectPartChoice`); others are not simulated.
    public var sideEffects: [String: SideEffectDrugPart] = [:]
    /// The drug's own withdrawal model (`withdrawal:` in its file), or `nil`.
    public var withdrawal: WithdrawalModel? = nil
    /// The drug's own toxicity model (`toxicity:` in its file, thresholds in this drug's mg/L), or `nil`.
    public var toxicity: ToxicityModel? = nil

    /// The model called `name`, or the default model when `name` is `nil`.
    public func model(named name: String? = nil) -> DrugModelDefinition? {
        models[name ?? defaultModelName]
    }

    /// The model called `name` (or the default), or an issue naming the models there are.
    public func requireModel(named name: String?) throws(ScenarioIssues) -> DrugModelDefinition {
        if let model = model(named: name) { return model }
        let wanted = name ?? defaultModelName
        throw ScenarioIssues([ScenarioIssue(
            file: file, keyPath: "models", problem: "drug '\(self.name)' has no model '\(wanted)'",
            fix: ParameterProblem.useOneOf(modelNames, insteadOf: wanted))])
    }
}

/// One population PK model of a drug: structure, route, parameters with their variability and
/// covariate effects, and an optional metabolite.
public struct DrugModelDefinition: Sendable {
    /// Number of compartments of the parent drug.
    public enum Structure: String, Sendable, CaseIterable {
        case oneCompartment = "one-compartment"
        case twoCompartment = "two-compartment"
    }

    /// How the drug is given. (The PK layer maps this onto its own dose-route type.)
    public enum Route: String, Sendable, CaseIterable {
        case oral
        case sublingual
        case intramuscular
        case intravenous

        /// Whether the drug reaches the blood through an absorption step (needs `KA`).
        public var isExtravascular: Bool { self != .intravenous }
    }

    /// The model's name within its drug, e.g. `simon2018`.
    public var name: String
    /// A one-line description with its source.
    public var description: String?
    /// Number of compartments.
    public var structure: Structure
    /// Route of administration.
    public var route: Route
    /// Parent-drug parameters in file order.
    public var parameters: [PKParameterDefinition]
    /// Correlations between random effects.
    public var correlations: [EtaCorrelation]
    /// Residual (measurement) error, for simulated observations.
    public var residualError: ResidualError?
    /// An active metabolite, if modelled.
    public var metabolite: MetaboliteDefinition?

    /// The parent parameter called `name`, or the metabolite one.
    public func parameter(named name: String) -> PKParameterDefinition? {
        parameters.first { $0.name == name } ?? metabolite?.parameters.first { $0.name == name }
    }

    /// All parameters: the parent's, then the metabolite's.
    public var allParameters: [PKParameterDefinition] {
        parameters + (metabolite?.parameters ?? [])
    }

    /// The population model the engine evaluates per subject: every parameter (parent then
    /// metabolite) with its covariate effects; a random effect for each parameter with a
    /// non-zero variance, in the same order; Ω from the variances and correlations.
    public func parameterModel() -> IndividualParameterModel {
        var individual: [IndividualParameter] = []
        var etaNames: [String] = []
        var variances: [Double] = []
        for parameter in allParameters {
            var etaIndex: Int?
            if let variance = parameter.omegaVariance, variance > 0 {
                etaIndex = etaNames.count
                etaNames.append(parameter.name)
                variances.append(variance)
            }
            individual.append(IndividualParameter(name: parameter.name, typicalValue: parameter.typicalValue,
                                                  effects: parameter.effects, etaIndex: etaIndex))
        }
        let size = etaNames.count
        var omega = [Double](repeating: 0, count: size * size)
        for index in 0..<size { omega[index * size + index] = variances[index] }
        for correlation in correlations {
            guard let first = etaNames.firstIndex(of: correlation.first),
                  let second = etaNames.firstIndex(of: correlation.second) else { continue }
            let covariance = correlation.correlation * (variances[first] * variances[second]).squareRoot()
            omega[first * size + second] = covariance
            omega[second * size + first] = covariance
        }
        return IndividualParameterModel(parameters: individual, etaNames: etaNames, omega: omega)
    }

    /// A copy with typical values replaced (`["CL": 5]`, as from `--param CL=5`). Unknown names
    /// and out-of-range values are reported together, with `source` as their file (`nil`: the
    /// caller locates them, e.g. at a scenario's `drugs.<name>.parameters.CL`).
    public func overridingTypicalValues(_ overrides: [(name: String, value: Double)], source: String? = "--param") throws(ScenarioIssues)
        -> DrugModelDefinition {
        var copy = self
        var issues: [ScenarioIssue] = []
        let known = allParameters.map(\.name)
        for (name, value) in overrides {
            guard let definition = PKParameterName.find(name, in: PKParameterName.parent + PKParameterName.metabolite),
                  known.contains(name)
            else {
                issues.append(ScenarioIssue(
                    file: source, keyPath: name, problem: "model '\(self.name)' has no parameter '\(name)'",
                    fix: "Use one of \(known.joined(separator: ", "))." + ParameterProblem.didYouMean(name, among: known)))
                continue
            }
            let fix = "Give \(definition.meaning) in \(definition.unit), e.g. \(name)\(source == nil ? ": " : "=")\(definition.example)."
            guard value.isFinite else {
                issues.append(ScenarioIssue(file: source, keyPath: name, problem: "must be a finite number", fix: fix))
                continue
            }
            if let violation = BlockDeclaration.typicalValueRule(definition).violation(value) {
                issues.append(ScenarioIssue(
                    file: source, keyPath: name,
                    problem: "\(violation) (found \(ScenarioIssue.formatNumber(value)))", fix: fix))
                continue
            }
            if let index = copy.parameters.firstIndex(where: { $0.name == name }) {
                copy.parameters[index].typicalValue = value
            } else if let index = copy.metabolite?.parameters.firstIndex(where: { $0.name == name }) {
                copy.metabolite?.parameters[index].typicalValue = value
            }
        }
        if !issues.isEmpty { throw ScenarioIssues(issues) }
        return copy
    }

    /// Parses `NAME=value` (as given to `--param`), or `nil` when it is not of that form.
    public static func parseOverride(_ text: String) -> (name: String, value: Double)? {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]) else { return nil }
        return (parts[0], value)
    }
}

/// One PK parameter as defined in a drug file.
public struct PKParameterDefinition: Sendable, Equatable {
    /// NONMEM-style name (see ``PKParameterName``).
    public var name: String
    /// Typical value for the reference subject (70 kg, CrCl 100 mL/min), in ``unit``.
    public var typicalValue: Double
    /// The unit (`L_per_h`, `L`, `per_h`, `h`, `fraction`).
    public var unit: String
    /// Variance ω² of the parameter's random effect (log scale), or `nil` for none. From
    /// `iiv_cv_percent` as ω = CV/100 — the convention of the source papers' "%CV" (docs/sources.md:
    /// exp-ω ≈ ω×100%) and of RM-1 (`exp(0.21·z)` for 21%).
    public var omegaVariance: Double?
    /// Multiplicative covariate effects.
    public var effects: [CovariateEffect]

    /// Creates a parameter definition.
    public init(name: String, typicalValue: Double, unit: String, omegaVariance: Double? = nil,
                effects: [CovariateEffect] = []) {
        self.name = name
        self.typicalValue = typicalValue
        self.unit = unit
        self.omegaVariance = omegaVariance
        self.effects = effects
    }

    /// Inter-individual variability as %CV (100·ω), or `nil`.
    public var iivCVPercent: Double? {
        omegaVariance.map { $0.squareRoot() * 100 }
    }
}

/// A correlation between two parameters' random effects.
public struct EtaCorrelation: Sendable, Equatable {
    public var first: String
    public var second: String
    /// Correlation coefficient in (−1, 1).
    public var correlation: Double

    public init(first: String, second: String, correlation: Double) {
        self.first = first
        self.second = second
        self.correlation = correlation
    }
}

/// Residual error model for simulated observations: `C_obs = C·(1 + ε_prop) + ε_add`.
public struct ResidualError: Sendable, Equatable {
    /// Proportional error SD as %CV, or `nil`.
    public var proportionalCVPercent: Double?
    /// Additive error SD (mg/L), or `nil`.
    public var additiveMgPerL: Double?

    public init(proportionalCVPercent: Double? = nil, additiveMgPerL: Double? = nil) {
        self.proportionalCVPercent = proportionalCVPercent
        self.additiveMgPerL = additiveMgPerL
    }
}

/// An active metabolite formed from the parent drug (diazepam → nordazepam).
public struct MetaboliteDefinition: Sendable, Equatable {
    /// The metabolite's name, e.g. `nordazepam`.
    public var name: String
    /// `FM`, `CLM`, `VM` (see ``PKParameterName/metabolite``).
    public var parameters: [PKParameterDefinition]

    public init(name: String, parameters: [PKParameterDefinition]) {
        self.name = name
        self.parameters = parameters
    }
}
