import Foundation
import Yams

/// Reading the `sweep:` and `psa:` blocks. Every key path they name is checked against the
/// scenario's own node tree (``numberKey(_:root:loader:)``).
extension ScenarioNodeReader {
    /// The keys each distribution reads (by mean and se, or natively), of
    /// ``BlockDeclaration/distributionParameters`` and a Dirichlet's `alphas`.
    static let distributionParameterKeys: [String: [String]] = [
        "beta": ["mean", "se", "alpha", "beta"], "gamma": ["mean", "se", "shape", "scale"],
        "lognormal": ["mean", "se", "meanlog", "sdlog"], "normal": ["mean", "se", "sd"],
        "uniform": ["mean", "se", "min", "max"], "triangular": ["mean", "se", "min", "mode", "max"],
        "fixed": ["value"], "empirical": ["values", "probabilities"], "dirichlet": ["alphas"],
    ]

    /// The `sweep:` block (``BlockDeclaration/sweep``).
    func sweepDefinition(_ node: Node, at path: ScenarioKeyPath, root: Node, loader: ScenarioLoader) -> SweepDefinition? {
        let before = issues.count
        guard let block = declared(node, at: path, as: .sweep) else { return nil }
        let kind = block.text("kind").flatMap(SweepDefinition.Kind.init(rawValue:)) ?? .grid
        guard let items = block.list("parameters") else { return nil }
        if items.isEmpty { report(block.path.appending("parameters"), at: block.value("parameters"), "is empty", fix: "List at least one parameter.") }
        var parameters: [SweepDefinition.Parameter] = []
        var seen: [String: Int] = [:]
        for (index, entry) in items.enumerated() {
            let located = numberKey(entry, root: root, loader: loader)
            if let key = located?.key { requireKeyOnce(key, index: index, entry: entry, seen: &seen, role: "varied", fix: "Vary each value once.") }
            if let values = sweepValues(entry, base: located?.base), let located {
                parameters.append(.init(keyPath: located.key, baseValue: located.base, values: values))
            }
        }
        guard issues.count == before else { return nil }
        let definition = SweepDefinition(kind: kind, parameters: parameters)
        guard reportTooManyPoints(definition, block: block) else { return nil }
        return definition
    }

    /// Reports a sweep with more than ``SweepDefinition/maximumPoints`` points; true when it has
    /// no more.
    func reportTooManyPoints(_ definition: SweepDefinition, block: DeclaredMapping) -> Bool {
        let count = definition.pointCount
        guard count > SweepDefinition.maximumPoints else { return true }
        report(block.path.appending("parameters"), at: block.value("parameters"),
               "gives \(count == .max ? "more than \(Int.max)" : "\(count)") points, more than \(SweepDefinition.maximumPoints)",
               fix: "Give fewer values, or use kind: one_way (each parameter alone) instead of a grid.")
        return false
    }

    /// A sweep parameter's values: its `values`, its `low` and `high`, or `base` × (1 ∓
    /// `relative`); nil (with the problem reported) when they are missing, empty or not finite.
    func sweepValues(_ entry: DeclaredMapping, base: Double?) -> [Double]? {
        var values: [Double]?
        if let given = entry.numbers("values") {
            values = given
            if given.isEmpty { report(entry.path.appending("values"), at: entry.value("values"), "is empty", fix: "Give at least one value.") }
        } else if entry.has("low") {
            entry.require("high")
            if let low = entry.number("low"), let high = entry.number("high") { values = [low, high] }
        } else if let relative = entry.number("relative"), let base {
            values = [base * (1 - relative), base * (1 + relative)]
        }
        if entry.has("high") && !entry.has("low") {
            report(entry.path.appending("high"), at: entry.value("high"), "high without low", fix: "Give low: as well.")
        }
        guard let values, !values.isEmpty, values.allSatisfy(\.isFinite) else { return nil }
        return values
    }

    /// The `psa:` block (``BlockDeclaration/psa``).
    func psaDefinition(_ node: Node, at path: ScenarioKeyPath, root: Node, loader: ScenarioLoader) -> PSADefinition? {
        let before = issues.count
        guard let block = declared(node, at: path, as: .psa) else { return nil }
        let draws = block.integer("draws") ?? 1000
        let lambdas = block.numbers("willingness_to_pay") ?? PSADefinition.defaultWillingnessToPay
        guard let items = block.list("parameters") else { return nil }
        var parameters: [PSAParameter] = []
        for entry in items {
            guard let name = entry.text("distribution") else { continue }
            let key = name == "dirichlet" ? dirichletKey(entry, root: root, loader: loader) : numberKey(entry, root: root, loader: loader)?.key
            if let distribution = psaDistribution(name, entry), let key {
                parameters.append(PSAParameter(keyPath: key, distribution: distribution))
            }
        }
        let correlations = psaCorrelations(block)
        guard issues.count == before, let set = psaParameterSet(parameters, correlations: correlations, block: block) else { return nil }
        return PSADefinition(draws: draws, subjectsPerDraw: block.integer("subjects_per_draw"), parameterSet: set, willingnessToPay: lambdas)
    }

    /// The `correlations` of a `psa:` block, their keys through `key` (as the parameters' were);
    /// read (and their problems reported) whether or not the parameters had problems.
    func psaCorrelations(_ block: DeclaredMapping, key: (String) -> String = { $0 }) -> [PSACorrelation] {
        (block.list("correlations") ?? []).compactMap { entry -> PSACorrelation? in
            guard let pair = entry.texts("between"), let rho = entry.number("rho") else { return nil }
            return PSACorrelation(first: key(pair[0]), second: key(pair[1]), normalCorrelation: rho)
        }
    }

    /// The parameter set of a `psa:` block, or nil with the set's problems reported on the
    /// block's lines (a correlation's keys as `between[0]` and `between[1]`).
    func psaParameterSet(_ parameters: [PSAParameter], correlations: [PSACorrelation], block: DeclaredMapping) -> PSAParameterSet? {
        do {
            return try PSAParameterSet(parameters: parameters, correlations: correlations)
        } catch {
            let renamed = error.problems.map { issue -> ParameterProblem in
                var copy = issue
                copy.keyPath = copy.keyPath.replacingOccurrences(of: ".first", with: ".between[0]")
                    .replacingOccurrences(of: ".second", with: ".between[1]")
                return copy
            }
            adopt(renamed, under: block.path, node: block.node)
            return nil
        }
    }

    /// A Dirichlet's key: a list of numbers in the scenario (checked via its first item).
    private func dirichletKey(_ entry: DeclaredMapping, root: Node, loader: ScenarioLoader) -> String? {
        guard let key = entry.text("key") else { return nil }
        do {
            _ = try ScenarioOverride.value(at: key + "[0]", in: root, file: file, loader: loader)
            return key
        } catch {
            report(error.issue(file: file, under: entry.path.appending("key").description, line: entry.value("key")?.mark?.line))
            return nil
        }
    }

    /// One parameter's distribution from mean and se or from its native parameters; problems
    /// (e.g. a beta mean outside (0, 1), a negative gamma shape) reported on their lines. Also
    /// the vocabulary of covariates given as `{distribution: NAME, …}`.
    func psaDistribution(_ name: String, _ entry: DeclaredMapping) -> PSAParameter.Distribution? {
        let before = issues.count
        // A parameter of another distribution would be silently unused: name it.
        let own = Self.distributionParameterKeys[name] ?? []
        for key in Self.distributionParameterKeys.values.flatMap({ $0 }) where !own.contains(key) && entry.has(key) && entry.declaration.keyNames.contains(key) {
            report(entry.path.appending(key), at: entry.value(key), "is not a parameter of the \(name) distribution",
                   fix: "The \(name) distribution takes \(own.joined(separator: ", ")); remove \(key).")
        }
        guard issues.count == before else { return nil }
        // A parameter the distribution needs, reported when missing (its value was checked when
        // the entry was read).
        func number(_ key: String) -> Double? {
            guard entry.require(key, fix: "Give \(key) of the \(name) distribution.") else { return nil }
            return entry.number(key)
        }
        if name == "dirichlet" {
            guard entry.require("alphas"), let alphas = entry.numbers("alphas") else { return nil }
            let dirichlet = DirichletDistribution(alphas: alphas)
            adopt(dirichlet.validate(), under: entry.path, node: entry.node)
            return issues.count == before ? .dirichlet(dirichlet) : nil
        }
        if name == "fixed" {
            return number("value").map { .scalar(.fixed($0)) }
        }
        if name == "empirical" {
            guard entry.require("values"), let values = entry.numbers("values") else { return nil }
            let probabilities = entry.numbers("probabilities")
                ?? Array(repeating: 1 / Double(max(1, values.count)), count: values.count)
            let empirical = ParameterDistribution.empirical(values: values, probabilities: probabilities)
            adopt(empirical.validate(), under: entry.path, node: entry.node)
            return issues.count == before ? .scalar(empirical) : nil
        }
        if entry.has("se") || (entry.has("mean") && name != "normal") {
            guard let mean = number("mean"), let se = number("se") else { return nil }
            do {
                let distribution: ParameterDistribution
                switch name {
                case "beta": distribution = try .beta(mean: mean, standardError: se)
                case "gamma": distribution = try .gamma(mean: mean, standardError: se)
                case "lognormal": distribution = try .lognormal(mean: mean, standardError: se)
                case "normal": distribution = try .normal(mean: mean, standardError: se)
                case "uniform": distribution = try .uniform(mean: mean, standardError: se)
                default: distribution = try .triangular(mean: mean, standardError: se)
                }
                return .scalar(distribution)
            } catch {
                adopt(error.problems, under: entry.path, node: entry.node)
                return nil
            }
        }
        let native: ParameterDistribution?
        switch name {
        case "beta":
            native = number("alpha").flatMap { a in number("beta").map { .beta(alpha: a, beta: $0) } }
        case "gamma":
            native = number("shape").flatMap { k in number("scale").map { .gamma(shape: k, scale: $0) } }
        case "lognormal":
            native = number("meanlog").flatMap { m in number("sdlog").map { .lognormal(meanLog: m, sdLog: $0) } }
        case "normal":
            native = number("mean").flatMap { m in number("sd").map { .normal(mean: m, sd: $0) } }
        case "uniform":
            native = number("min").flatMap { a in number("max").map { .uniform(lower: a, upper: $0) } }
        default:
            native = number("min").flatMap { a in number("mode").flatMap { c in number("max").map { .triangular(lower: a, mode: c, upper: $0) } } }
        }
        guard let native else { return nil }
        adopt(native.validate(), under: entry.path, node: entry.node)
        return issues.count == before ? .scalar(native) : nil
    }
}
