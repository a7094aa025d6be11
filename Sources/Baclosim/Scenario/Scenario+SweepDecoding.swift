import Foundation
import Yams

/// Reading the `sweep:` and `psa:` blocks. Every key path they name is checked against the
/// scenario's own node tree (``numberKey(_:root:loader:)``).
extension ScenarioNodeReader {
    static let sweepKeys = ["kind", "parameters"]
    static let sweepParameterKeys = ["key", "values", "low", "high", "relative"]
    static let psaKeys = ["draws", "subjects_per_draw", "parameters", "correlations", "willingness_to_pay"]
    static let psaParameterKeys = ["key", "distribution", "mean", "se", "sd", "alpha", "beta", "shape", "scale",
                                   "meanlog", "sdlog", "min", "mode", "max", "value", "alphas", "values", "probabilities"]
    static let psaDistributions = ["beta", "gamma", "lognormal", "normal", "uniform", "triangular", "fixed", "empirical", "dirichlet"]
    /// The keys each distribution reads (by mean and se, or natively); keys in `psaParameterKeys`
    /// beyond `key` and `distribution`.
    static let distributionParameterKeys: [String: [String]] = [
        "beta": ["mean", "se", "alpha", "beta"], "gamma": ["mean", "se", "shape", "scale"],
        "lognormal": ["mean", "se", "meanlog", "sdlog"], "normal": ["mean", "se", "sd"],
        "uniform": ["mean", "se", "min", "max"], "triangular": ["mean", "se", "min", "mode", "max"],
        "fixed": ["value"], "empirical": ["values", "probabilities"], "dirichlet": ["alphas"],
    ]

    /// The `sweep:` block.
    func sweepDefinition(_ block: ScenarioMapping, root: Node, loader: ScenarioLoader) -> SweepDefinition? {
        let before = issues.count
        block.checkKeys(allowed: Self.sweepKeys, fix: "sweep has kind and parameters.")
        let kindName = block.choice("kind", required: false, among: ["grid", "one_way"], fix: "Use kind: grid or one_way.") ?? "grid"
        let kind = SweepDefinition.Kind(rawValue: kindName) ?? .grid
        guard let items = block.sequence("parameters", fix: "List the varied values, e.g. [{key: drugs.baclofen.effect.emax, values: [0.5, 0.7]}].") else { return nil }
        if items.isEmpty { report(block.path.appending("parameters"), at: block.value("parameters"), "is empty", fix: "List at least one parameter.") }
        var parameters: [SweepDefinition.Parameter] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let entry = mapping(item.node, at: item.path, fix: "Give {key: a.b.c, values: [1, 2]} or {key: a.b.c, low: 1, high: 2}.") else { continue }
            entry.checkKeys(allowed: Self.sweepParameterKeys, fix: "A sweep parameter has key and values, or low and high, or relative.")
            let located = numberKey(entry, root: root, loader: loader)
            if let key = located?.key { requireKeyOnce(key, index: index, entry: entry, seen: &seen, role: "varied", fix: "Vary each value once.") }
            let given = ["values", "low", "relative"].filter { entry.has($0) }
            var values: [Double]?
            switch given {
            case ["values"]:
                values = entry.numbers("values", fix: "Give the values as a list of numbers, e.g. [30, 60, 90].")
                if values?.isEmpty == true { report(item.path.appending("values"), at: entry.value("values"), "is empty", fix: "Give at least one value.") }
            case ["low"]:
                let low = entry.number("low", fix: "Give the low value.")
                let high = entry.number("high", fix: "Give the high value (with low).")
                if let low, let high { values = [low, high] }
            case ["relative"]:
                let relative = entry.number("relative", rule: .positive, fix: "Give the relative change, e.g. relative: 0.25 for ±25 %.")
                if let relative, let base = located?.base { values = [base * (1 - relative), base * (1 + relative)] }
            default:
                report(item.path, at: item.node, given.isEmpty ? "gives no values" : "gives more than one of values, low/high and relative",
                       fix: "Give values: [...], or low: and high:, or relative: 0.25 (base ± 25 %).")
            }
            if entry.has("high") && !given.contains("low") {
                report(item.path.appending("high"), at: entry.value("high"), "high without low", fix: "Give low: as well.")
            }
            if let values, values.allSatisfy(\.isFinite), let located {
                parameters.append(.init(keyPath: located.key, baseValue: located.base, values: values))
            }
        }
        guard issues.count == before else { return nil }
        return SweepDefinition(kind: kind, parameters: parameters)
    }

    /// The `psa:` block.
    func psaDefinition(_ block: ScenarioMapping, root: Node, loader: ScenarioLoader) -> PSADefinition? {
        let before = issues.count
        block.checkKeys(allowed: Self.psaKeys, fix: "psa has draws, subjects_per_draw, parameters, correlations and willingness_to_pay.")
        let draws = block.integer("draws", required: false, minimum: 1, fix: "Give the number of outer-loop draws, e.g. draws: 1000.") ?? 1000
        let subjects = block.integer("subjects_per_draw", required: false, minimum: 1, fix: "Give the inner-loop subjects per draw, e.g. 1000.")
        let lambdas = block.numbers("willingness_to_pay", required: false, rule: .nonNegative,
                                    fix: "Give λ values in currency per QALY, e.g. [0, 20000, 30000].") ?? PSADefinition.defaultWillingnessToPay
        guard let items = block.sequence("parameters", fix: "List the uncertain values, e.g. [{key: drugs.baclofen.effect.emax, distribution: beta, mean: 0.7, se: 0.05}].") else { return nil }
        var parameters: [PSAParameter] = []
        for item in items {
            guard let entry = mapping(item.node, at: item.path, fix: "Give {key: a.b.c, distribution: gamma, mean: 1, se: 0.1}.") else { continue }
            entry.checkKeys(allowed: Self.psaParameterKeys, fix: "A PSA parameter has key, distribution and its parameters (mean and se, or native ones).")
            let isDirichlet = entry.value("distribution")?.string == "dirichlet"
            var key: String?
            if isDirichlet {
                key = dirichletKey(entry, root: root, loader: loader)
            } else {
                key = numberKey(entry, root: root, loader: loader)?.key
            }
            guard let distributionName = entry.choice("distribution", among: Self.psaDistributions,
                                                      fix: "Use beta (probabilities, utilities), gamma or lognormal (costs, rates), normal, uniform, triangular, fixed, empirical or dirichlet.")
            else { continue }
            if let distribution = psaDistribution(distributionName, entry), let key {
                parameters.append(PSAParameter(keyPath: key, distribution: distribution))
            }
        }
        var correlations: [PSACorrelation] = []
        for item in block.sequence("correlations", required: false, fix: "Give [{between: [key1, key2], rho: 0.3}].") ?? [] {
            guard let entry = mapping(item.node, at: item.path, fix: "Give {between: [key1, key2], rho: 0.3}.") else { continue }
            entry.checkKeys(allowed: ["between", "rho"], fix: "A correlation has between and rho.")
            let pair = entry.sequence("between", fix: "Name the two parameters' keys, e.g. between: [a.b, c.d].")?
                .compactMap { text($0.node, at: $0.path, fix: "Name a PSA parameter's key.") }
            let rho = entry.number("rho", fix: "Give the normal-copula correlation in (−1, 1), e.g. 0.3.")
            guard let pair, let rho else { continue }
            guard pair.count == 2 else {
                report(item.path.appending("between"), at: entry.value("between"), "must name exactly two parameters", fix: "Write between: [key1, key2].")
                continue
            }
            correlations.append(PSACorrelation(first: pair[0], second: pair[1], normalCorrelation: rho))
        }
        guard issues.count == before else { return nil }
        do {
            let set = try PSAParameterSet(parameters: parameters, correlations: correlations)
            return PSADefinition(draws: draws, subjectsPerDraw: subjects, parameterSet: set, willingnessToPay: lambdas)
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
    private func dirichletKey(_ entry: ScenarioMapping, root: Node, loader: ScenarioLoader) -> String? {
        guard let key = entry.text("key", fix: "Give the key path of a list of proportions in this scenario.") else { return nil }
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
    func psaDistribution(_ name: String, _ entry: ScenarioMapping) -> PSAParameter.Distribution? {
        let before = issues.count
        // A parameter of another distribution would be silently unused: name it.
        let own = Self.distributionParameterKeys[name] ?? []
        for key in Self.distributionParameterKeys.values.flatMap({ $0 }) where !own.contains(key) && entry.has(key) {
            report(entry.path.appending(key), at: entry.value(key), "is not a parameter of the \(name) distribution",
                   fix: "The \(name) distribution takes \(own.joined(separator: ", ")); remove \(key).")
        }
        guard issues.count == before else { return nil }
        func number(_ key: String, required: Bool = true) -> Double? {
            entry.number(key, required: required, fix: "Give \(key) of the \(name) distribution.")
        }
        if name == "dirichlet" {
            guard let alphas = entry.numbers("alphas", fix: "Give the concentrations, e.g. alphas: [30, 50, 20] (counts).") else { return nil }
            let dirichlet = DirichletDistribution(alphas: alphas)
            adopt(dirichlet.validate(), under: entry.path, node: entry.node)
            return issues.count == before ? .dirichlet(dirichlet) : nil
        }
        if name == "fixed" {
            return number("value").map { .scalar(.fixed($0)) }
        }
        if name == "empirical" {
            guard let values = entry.numbers("values", fix: "Give the possible values, e.g. values: [30, 60, 90].") else { return nil }
            let probabilities = entry.numbers("probabilities", required: false, fix: "Give one probability per value, e.g. [0.2, 0.5, 0.3].")
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
