import Foundation
import Yams

/// A scenario file read and parsed once, decoded as often as needed with numbers overridden at
/// key paths (``ScenarioOverride``): the source of every sweep point's and PSA draw's scenario.
///
/// Each decode works on a copy of the parsed node tree; included files and drug files are read
/// once (the loader caches them), so the outer loops of sweeps and PSA never touch the disk.
/// Not `Sendable`: one template belongs to one thread (the outer loop is sequential; each run
/// is parallel inside).
public final class ScenarioTemplate {
    /// The scenario file, as given.
    public let path: String
    /// The parsed document, its `overrides:` block applied.
    let root: Node
    /// The parsed document as written (where each value was written: ``numericInputs()``).
    let writtenRoot: Node
    /// Reads (and caches) included and drug files.
    let loader: ScenarioLoader

    /// Reads and parses the file at `path`.
    /// - Throws: ``ScenarioIssues`` when it cannot be read or is not YAML.
    public init(path: String) throws(ScenarioIssues) {
        let loader = ScenarioLoader()
        guard let parsed = loader.readRoot(path: path, includedFrom: []), loader.issues.isEmpty else {
            throw ScenarioIssues(loader.issues)
        }
        let (root, overrideIssues) = ScenarioOverride.applyingDeclared(to: parsed, file: path, loader: loader)   // `overrides:` block
        guard overrideIssues.isEmpty, loader.issues.isEmpty else { throw ScenarioIssues(loader.issues + overrideIssues) }
        self.path = path
        self.root = root
        writtenRoot = parsed
        self.loader = loader
    }

    /// The number at `keyPath` in the scenario as written (with its `overrides:`), or nil when
    /// the path leads to no number (e.g. a Dirichlet component's `key[k]`).
    func baseValue(at keyPath: String) -> Double? {
        try? ScenarioOverride.value(at: keyPath, in: root, file: path, loader: loader)
    }

    /// SHA-256 (hex) over the bytes of the scenario file and every file read while decoding it
    /// (includes, drug files): what a stored sweep's results depend on. Call after a decode.
    public var digest: String { loader.digest }

    /// ``digest`` over paths relative to the scenario's folder: the same for the same files
    /// wherever they are (what a run's or trial's parts record, `--shard`). Call after a decode.
    public var portableDigest: String { loader.digest(relativeTo: path) }

    /// The scenario with every `(keyPath, value)` of `overrides` applied, in order, then
    /// decoded and validated.
    /// - Throws: ``ScenarioIssues``: a key path that leads to no number (named, with a "did you
    ///   mean"), or any problem of the decoded scenario (e.g. a value now out of range).
    public func scenario(overrides: [(String, Double)] = []) throws(ScenarioIssues) -> Scenario {
        var node = root
        var issues: [ScenarioIssue] = []
        for (keyPath, value) in overrides {
            do {
                node = try ScenarioOverride.apply(value, at: keyPath, in: node, file: path, loader: loader)
            } catch {
                var issue = error.issue(file: path)
                issue.problem += " (overriding \(keyPath))"
                issues.append(issue)
            }
        }
        guard issues.isEmpty else { throw ScenarioIssues(issues) }
        let reader = ScenarioNodeReader(file: path)
        let scenario = reader.scenario(from: node, path: path, loader: loader)
        guard reader.issues.isEmpty, let scenario else {
            throw ScenarioIssues(reader.issues.isEmpty
                ? [ScenarioIssue(file: path, keyPath: "", problem: "could not be read", fix: "Check the file against Scenarios/README.md.")]
                : reader.issues)
        }
        return scenario
    }
}

extension Scenario {
    /// Reads the scenario at `path` with the numbers at the given key paths replaced (e.g.
    /// `("arms.baclofen30.regimen.maintenance_mg_per_day", 60)`); see ``ScenarioOverride`` for
    /// the path forms.
    /// - Throws: ``ScenarioIssues``, including one per path that does not lead to a number.
    public static func load(path: String, overrides: [(String, Double)]) throws(ScenarioIssues) -> Scenario {
        try ScenarioTemplate(path: path).scenario(overrides: overrides)
    }
}

extension ScenarioTemplate {
    /// The scenario as it will run, as YAML: every top-level block's `include:` resolved (its
    /// sibling keys merged over the included file, as decoding merges them) and the `overrides:`
    /// block applied and removed (`baclosim resolve`). Drug references (`library:`, `file:`)
    /// stay references: the drug files are data the scenario names, not parts of it. Comments
    /// do not survive. Decoding the result gives the same scenario: the same outputs, bit for
    /// bit, when written beside the original (relative drug paths).
    /// - Throws: ``ScenarioIssues`` when an included file cannot be read or merged.
    public func resolvedYAML() throws(ScenarioIssues) -> String {
        let resolved = try resolvedNode(of: root)
        do {
            return try Yams.serialize(node: resolved, sortKeys: false)
        } catch {
            throw ScenarioIssues([ScenarioIssue(file: path, keyPath: "", problem: "could not be written as YAML (\(error))", fix: "Report this as a bug.")])
        }
    }

    /// `document` with every top-level block's `include:` resolved and the `overrides:` block
    /// removed (``resolvedYAML()``).
    func resolvedNode(of document: Node) throws(ScenarioIssues) -> Node {
        guard case .mapping(var top) = document else {
            throw ScenarioIssues([ScenarioIssue(file: path, keyPath: "", problem: "is not a mapping", fix: "A scenario is a mapping; see Scenarios/README.md.")])
        }
        top[Node(ScenarioOverride.declaredKey)] = nil
        let before = loader.issues.count
        let stack = [(path as NSString).standardizingPath]
        var resolved = Node.Mapping([])
        for (key, value) in top {
            let keyPath = ScenarioKeyPath.root.appending(key.string ?? "")
            guard let block = loader.resolveIncludes(value, file: path, at: keyPath, stack: stack) else { continue }
            resolved[key] = block
        }
        guard loader.issues.count == before else { throw ScenarioIssues(Array(loader.issues[before...])) }
        return .mapping(resolved)
    }
}
