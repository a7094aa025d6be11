import Foundation
import Yams

/// The `psa:` block of a state-transition model: which numbers of the file are uncertain and how
/// they are drawn. A draw replaces those numbers in the file's own YAML (by key path; a count
/// row's Dirichlet replaces the row's counts by the drawn probabilities, which the row then
/// normalises to themselves) and the file is read again, so any number of the file can be
/// drawn and a draw is checked exactly as the file was.
public struct StateTransitionPSADefinition: Sendable {
    /// How a draw is evaluated.
    public enum Evaluation: Sendable, Equatable {
        /// The cohort expectation given the draw (``CohortTrace``): exact, no inner-loop noise.
        case cohort
        /// A microsimulation of `subjects` subjects given the draw (``MicrosimulationLanes``),
        /// draw d in copy d of the subjects' streams.
        case microsimulation(subjects: Int)

        static let names = ["cohort", "microsimulation"]

        /// Its name in files and manifests.
        public var name: String {
            switch self {
            case .cohort: "cohort"
            case .microsimulation: "microsimulation"
            }
        }

        /// Subjects per draw of a microsimulation.
        public var subjects: Int? {
            if case .microsimulation(let subjects) = self { subjects } else { nil }
        }
    }

    public let draws: Int
    public let seed: UInt64
    public let willingnessToPay: [Double]
    public let evaluation: Evaluation
    /// The distributions: scalar parameters by key path, then one Dirichlet per count row
    /// (key `count_rows.<state>`).
    let parameterSet: PSAParameterSet
    /// Per count row (by its parameter's key): the key paths of its counts, in the Dirichlet's order.
    let countRowKeys: [String: [String]]
    /// Per scalar parameter (by its key): the other key paths that take its drawn value.
    let alsoKeys: [String: [String]]
    /// The file's text, into which draws are written.
    let document: String
    let file: String

    /// One draw's flat values as (key path, value) replacements in the file: each parameter's
    /// key (a count row's counts), then its `also_keys`.
    func replacements(values: [Double]) -> [(String, Double)] {
        var result: [(String, Double)] = []
        for (index, parameter) in parameterSet.parameters.enumerated() {
            let offset = parameterSet.offsets[index]
            switch parameter.distribution {
            case .scalar:
                result.append((parameter.keyPath, values[offset]))
                for key in alsoKeys[parameter.keyPath] ?? [] { result.append((key, values[offset])) }
            case .dirichlet:
                for (k, key) in (countRowKeys[parameter.keyPath] ?? []).enumerated() { result.append((key, values[offset + k])) }
            }
        }
        return result
    }

    /// The names of one draw's values (columns of `psa.csv`): each parameter's key (a count
    /// row's counts), in the order of the drawn values.
    public var valueNames: [String] {
        parameterSet.parameters.flatMap { parameter -> [String] in
            switch parameter.distribution {
            case .scalar: [parameter.keyPath]
            case .dirichlet: countRowKeys[parameter.keyPath] ?? []
            }
        }
    }

    /// `root` with the number at `path` replaced by `value`.
    static func replacing(_ node: Node, at path: ArraySlice<ScenarioKeyPath.Component>, with value: Double) -> Node {
        guard let first = path.first else { return Node(value.description) }
        switch (first, node) {
        case (.key(let key), .mapping(var mapping)):
            guard let inner = mapping[Node(key)] else { return node }
            mapping[Node(key)] = replacing(inner, at: path.dropFirst(), with: value)
            return .mapping(mapping)
        case (.index(let index), .sequence(var sequence)) where index < sequence.count:
            sequence[index] = replacing(sequence[index], at: path.dropFirst(), with: value)
            return .sequence(sequence)
        default:
            return node
        }
    }

    /// The number node at `path` in `root`, or nil.
    static func number(at path: ScenarioKeyPath, in root: Node) -> Node? {
        guard let node = ScenarioNodeReader.node(at: path, in: root), case .scalar(let scalar) = node,
              scalar.style == .plain || scalar.style == .any, Double(scalar.string.trimmingCharacters(in: .whitespaces)) != nil else { return nil }
        return node
    }
}

extension ScenarioNodeReader {
    /// The key path `key` (written at `item`) checked as a number of the state-transition file
    /// `root` that a PSA may draw or a sweep vary, and not already in `seen` (`role`: "drawn",
    /// "varied"); its canonical text, or nil with the problem reported.
    func numberKey(_ key: String, at item: (path: ScenarioKeyPath, node: Node?), root: Node, states: [StateTransitionModel.State],
                   role: String, seen: inout Set<String>) -> String? {
        let path = ScenarioKeyPath(parsing: key)
        let text = path.description
        let forbidden = text.hasPrefix("psa") || text.hasPrefix("sweep") || text.hasPrefix("microsimulation") || text == "cycle.count"
            || text == "price_year" || text.hasSuffix("first_cycle") || text.hasSuffix("last_cycle") || text.hasSuffix("tunnel_cycles")
        if forbidden {
            report(item.path, at: item.node, "'\(key)' cannot be \(role): it is a count, a cycle number or a setting of the analysis",
                   fix: "Give a cost, utility, probability, rate, count of moves, hazard ratio, relative risk or discount rate.")
            return nil
        }
        if StateTransitionPSADefinition.number(at: path, in: root) == nil {
            report(item.path, at: item.node, "'\(key)' names no number in this file",
                   fix: "Give the key path of a number written in this file, e.g. states.\(states.first?.name ?? "A").cost_per_year or transitions[0].probability.")
            return nil
        }
        if !seen.insert(text).inserted {
            report(item.path, at: item.node, "'\(key)' is \(role) twice", fix: "Give each key once, in key or in also_keys of one parameter.")
            return nil
        }
        return text
    }

    /// The `psa:` block of a state-transition model (``BlockDeclaration/stateTransitionPSA``),
    /// or nil with its problems reported. `transitions`: the model's, to find count rows.
    func stateTransitionPSA(_ block: DeclaredMapping, root: Node, text: String, states: [StateTransitionModel.State],
                            transitions: [StateTransitionModel.Transition], microsimulationSubjects: Int) -> StateTransitionPSADefinition? {
        let before = issues.count
        var parameters: [PSAParameter] = []
        var countRowKeys: [String: [String]] = [:]
        var alsoKeys: [String: [String]] = [:]
        var drawn: Set<String> = []
        func drawable(_ key: String, at item: (path: ScenarioKeyPath, node: Node?)) -> String? {
            numberKey(key, at: item, root: root, states: states, role: "drawn", seen: &drawn)
        }
        for entry in block.list("parameters") ?? [] {
            guard let name = entry.text("distribution"), let key = entry.text("key"),
                  let text = drawable(key, at: (entry.path.appending("key"), entry.value("key"))) else { continue }
            var others: [String] = []
            for (position, other) in (entry.texts("also_keys") ?? []).enumerated() {
                let at = entry.item("also_keys", position)
                if let otherText = drawable(other, at: (at.path, at.node)) { others.append(otherText) }
            }
            if !others.isEmpty { alsoKeys[text] = others }
            if let distribution = psaDistribution(name, entry) { parameters.append(PSAParameter(keyPath: text, distribution: distribution)) }
        }
        for (position, name) in (block.texts("count_rows") ?? []).enumerated() {
            let at = block.item("count_rows", position)
            guard let row = states.firstIndex(where: { $0.name == name }) else {
                report(at.path, at: at.node, "no state named '\(name)'", fix: ParameterProblem.useOneOf(states.map(\.name), insteadOf: name))
                continue
            }
            let entries = transitions.enumerated().filter { $0.element.from == row }
            let counts = entries.compactMap { entry -> (Int, Double)? in if case .count(let c) = entry.element.value { (entry.offset, c) } else { nil } }
            guard !counts.isEmpty, counts.count == entries.count else {
                report(at.path, at: at.node, "the moves out of \(name) are not given as counts", fix: "Give the row's moves, its stay included, as counts; or draw its probabilities as parameters.")
                continue
            }
            if counts.count < 2 || counts.contains(where: { $0.1 <= 0 }) {
                report(at.path, at: at.node, "the row of \(name) needs at least two positive counts to be drawn",
                       fix: "Leave \(name) out of count_rows: a row with one move (or a zero count) has nothing uncertain to draw.")
                continue
            }
            let key = "count_rows.\(name)"
            countRowKeys[key] = counts.map { "transitions[\($0.0)].count" }
            parameters.append(PSAParameter(keyPath: key, distribution: .dirichlet(DirichletDistribution(alphas: counts.map(\.1)))))
        }
        if parameters.isEmpty && issues.count == before {
            report(block.path, at: block.node, "draws nothing", fix: "Give parameters or count_rows.")
        }
        let correlations = psaCorrelations(block, key: { ScenarioKeyPath(parsing: $0).description })
        guard issues.count == before, let set = psaParameterSet(parameters, correlations: correlations, block: block) else { return nil }
        let evaluation: StateTransitionPSADefinition.Evaluation
        if block.text("evaluation") == "microsimulation" {
            evaluation = .microsimulation(subjects: block.integer("subjects_per_draw") ?? microsimulationSubjects)
        } else {
            evaluation = .cohort
            if block.has("subjects_per_draw") {
                report(block.path.appending("subjects_per_draw"), at: block.value("subjects_per_draw"),
                       "has no effect: each draw is evaluated as a cohort", fix: "Add evaluation: microsimulation, or remove subjects_per_draw.")
                return nil
            }
        }
        return StateTransitionPSADefinition(
            draws: block.integer("draws") ?? 1000, seed: UInt64(block.integer("seed") ?? 1),
            willingnessToPay: block.numbers("willingness_to_pay") ?? PSADefinition.defaultWillingnessToPay, evaluation: evaluation,
            parameterSet: set, countRowKeys: countRowKeys, alsoKeys: alsoKeys, document: text, file: file)
    }
}
