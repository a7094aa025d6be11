/// The PK model of a quick simulation (`baclosim pk`): a structure, a route, and the parent drug's
/// parameters with their variability, from a drug-library model, from `--param NAME=value`
/// overrides alone, or from both.
///
/// Parameter names are NONMEM's (`CL`, `V`, `KA`, `F`, `TLAG`, `Q`, `V2`, `D1`; see
/// ``PKParameterName/parent``). Only the parent drug is simulated; a drug's metabolite block is
/// left out. `F` and `TLAG` act on oral doses only (IV boluses and infusions enter whole and on
/// time); `D1` is the duration of an infusion.
public struct PKSimulationModel: Sendable, Equatable {
    /// How doses are given, as named on the command line.
    public enum Route: String, Sendable, CaseIterable {
        /// Into the gut depot (× F, after TLAG), then first-order absorption at KA.
        case oral
        /// An instant IV bolus into the central compartment.
        case iv
        /// A zero-order infusion into the central compartment over D1 hours.
        case infusion
    }

    /// Where the model came from, for summaries: `baclofen/simon2018`, or `--param model`.
    public var label: String
    /// One or two compartments.
    public var structure: DrugModelDefinition.Structure
    /// How doses are given.
    public var route: Route
    /// Parent-drug parameters: typical values for the reference subject, variability, covariate
    /// effects.
    public var parameters: [PKParameterDefinition]
    /// Correlations between the parameters' random effects.
    public var correlations: [EtaCorrelation]

    /// Builds a model from a drug-library model (`drug` with `modelName`, its default model when
    /// `nil`), from overrides alone (`drug` nil), or from a drug model with overrides.
    ///
    /// Overrides replace typical values; a known name the drug model lacks (`TLAG` on baclofen)
    /// is added as a fixed parameter (no variability). Without an explicit `structure`, a model is
    /// two-compartment when the drug's model is, or when `Q` or `V2` is given. Without an
    /// explicit `route`: oral when `KA` is present (IV bolus for an intravenous drug), an infusion
    /// when only `D1` is, otherwise an IV bolus.
    ///
    /// - Throws: ``PKSimulationError`` naming every unknown name, out-of-range value and missing
    ///   parameter at once, on one line.
    public init(
        drug: DrugDefinition? = nil,
        modelName: String? = nil,
        overrides: [(name: String, value: Double)] = [],
        structure: DrugModelDefinition.Structure? = nil,
        route: Route? = nil
    ) throws(PKSimulationError) {
        var parameters: [PKParameterDefinition] = []
        var correlations: [EtaCorrelation] = []
        var drugStructure: DrugModelDefinition.Structure?
        var drugRoute: DrugModelDefinition.Route?
        if let drug {
            let model: DrugModelDefinition
            do {
                model = try drug.requireModel(named: modelName)
            } catch {
                throw PKSimulationError(error.issues.map(\.description).joined(separator: "; "))
            }
            label = "\(drug.name)/\(model.name)"
            parameters = model.parameters
            correlations = model.correlations
            drugStructure = model.structure
            drugRoute = model.route
        } else {
            if let modelName {
                throw PKSimulationError(
                    "--drug-model \(modelName) needs a drug. Name the drug first, e.g. baclosim pk baclofen --drug-model \(modelName).")
            }
            label = "--param model"
        }

        var problems: [String] = []
        let known = PKParameterName.parent
        for (name, value) in overrides {
            guard let definition = PKParameterName.find(name, in: known) else {
                let names = known.map(\.name)
                problems.append("unknown parameter '\(name)' in --param \(name)=\(ParameterProblem.formatNumber(value)). "
                    + "Use one of \(names.joined(separator: ", "))." + ParameterProblem.didYouMean(name, among: names))
                continue
            }
            if !value.isFinite || definition.rule.violation(value) != nil {
                let violation = definition.rule.violation(value) ?? "must be a finite number"
                problems.append("--param \(name)=\(ParameterProblem.formatNumber(value)): \(name) \(violation). "
                    + "Give the \(definition.meaning) in \(definition.unit), e.g. \(name)=\(definition.example).")
                continue
            }
            if let index = parameters.firstIndex(where: { $0.name == name }) {
                parameters[index].typicalValue = value
            } else {
                parameters.append(PKParameterDefinition(name: name, typicalValue: value, unit: definition.unit))
            }
        }
        guard problems.isEmpty else { throw PKSimulationError(problems.joined(separator: "; ")) }

        let present = Set(parameters.map(\.name))
        let overridden = Set(overrides.map(\.name))
        let resolvedStructure = structure
            ?? (overridden.contains("Q") || overridden.contains("V2") ? .twoCompartment : nil)
            ?? drugStructure
            ?? .oneCompartment
        let resolvedRoute: Route
        if let route {
            resolvedRoute = route
        } else if drugRoute == .intravenous {
            resolvedRoute = present.contains("D1") ? .infusion : .iv
        } else if present.contains("KA") {
            resolvedRoute = .oral
        } else if present.contains("D1") {
            resolvedRoute = .infusion
        } else {
            resolvedRoute = drugRoute?.isExtravascular == true ? .oral : .iv
        }
        self.structure = resolvedStructure
        self.route = resolvedRoute
        self.parameters = parameters
        self.correlations = correlations

        if resolvedStructure == .oneCompartment {
            let stray = ["Q", "V2"].filter { overridden.contains($0) }
            if !stray.isEmpty {
                throw PKSimulationError(
                    "\(stray.joined(separator: " and ")) apply only to a two-compartment model. "
                        + "Use --model two-compartment, or drop --param \(stray[0]).")
            }
        }
        var required = ["CL", "V"]
        if resolvedStructure == .twoCompartment { required += ["Q", "V2"] }
        switch resolvedRoute {
        case .oral: required.append("KA")
        case .infusion: required.append("D1")
        case .iv: break
        }
        let missing = required.filter { !present.contains($0) }
        if !missing.isEmpty {
            let what = "\(resolvedStructure.rawValue) \(resolvedRoute.rawValue) model"
            let parts = missing.compactMap { PKParameterName.find($0, in: known) }.map {
                "\($0.name) (\($0.meaning), \($0.unit))"
            }
            let examples = missing.compactMap { PKParameterName.find($0, in: known) }
                .map { "--param \($0.name)=\($0.example)" }.joined(separator: " ")
            var fix = "Add \(examples)"
            if resolvedRoute == .oral && missing.contains("KA") { fix += ", or use --route iv" }
            throw PKSimulationError(
                "missing parameter\(missing.count > 1 ? "s" : "") for a \(what): \(parts.joined(separator: ", ")). \(fix).")
        }
        _ = try parameterModel().requirePositiveDefinite()
    }

    /// The population model: every parameter with its covariate effects; a random effect for each
    /// parameter with a non-zero variance; Ω from the variances and correlations (as
    /// ``DrugModelDefinition/parameterModel()``).
    public func parameterModel() -> IndividualParameterModel {
        DrugModelDefinition(name: label, structure: structure, route: .oral, parameters: parameters,
                            correlations: correlations).parameterModel()
    }

    /// The model of one subject: the individual parameter values (in ``parameterModel()``'s
    /// order) turned into linear PK parameters and a dose route.
    ///
    /// F above 1 (a random effect on F can push it there) is held at 1.
    func subject(values: [Double], names: [String]) throws(PKSimulationError) -> PKSimulationSubject {
        let linear = LinearPKParameters(namedValues: values, names: names, twoCompartment: structure == .twoCompartment,
                                        firstOrderInput: route == .oral)
        let doseRoute: DoseRoute
        switch route {
        case .oral: doseRoute = .oral
        case .iv: doseRoute = .ivBolus
        case .infusion: doseRoute = .infusion(durationH: names.firstIndex(of: "D1").map { values[$0] } ?? .nan)
        }
        do {
            return PKSimulationSubject(model: try LinearPKModel(linear), route: doseRoute)
        } catch {
            throw PKSimulationError(error.description)
        }
    }
}

/// One simulated subject: its exact linear model and how its doses enter.
struct PKSimulationSubject: Sendable {
    let model: LinearPKModel
    let route: DoseRoute
}

extension IndividualParameterModel {
    /// Self, or an error when Ω has no Cholesky factor.
    func requirePositiveDefinite() throws(PKSimulationError) -> IndividualParameterModel {
        guard omegaCholesky != nil else {
            throw PKSimulationError(
                "the random-effect covariance Ω of \(etaNames.joined(separator: ", ")) is not positive definite. Check the omega_correlations.")
        }
        return self
    }
}

/// A problem with a quick PK simulation's input: one line saying what is wrong and how to fix it.
public struct PKSimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, one line.
    public var message: String

    /// Wraps a one-line message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
