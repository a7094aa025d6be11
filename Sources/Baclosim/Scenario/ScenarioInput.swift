import Foundation
import Yams

/// One numeric value of a resolved scenario (includes and `overrides:` applied): what the
/// input audit perturbs and what `validate --warnings` may name as having no effect.
public struct ScenarioInput: Sendable, Equatable {
    /// Where it is, as ``ScenarioOverride`` addresses it: list items by index
    /// (`drinking.states[1].drinking_hazard.baseline.constant_per_day`).
    public let keyPath: String
    /// Its value.
    public let value: Double
    /// The file it was written in and its line there (1-based), when known.
    public let file: String
    public let line: Int?
}

extension ScenarioTemplate {
    /// Every number of the scenario as it is decoded: the file's own values, those of the files
    /// it includes (with the including file's sibling keys laid over them) and the targets of
    /// its `overrides:` block, in document order. The `overrides:` block itself is not listed
    /// (its entries are listed where they land), nor `schema_version`.
    public func numericInputs() -> [ScenarioInput] {
        var found: [ScenarioInput] = []
        collect(root, file: path, at: .root, into: &found)
        // Files as written: applying `overrides:` resolves the includes it passes through, so
        // the file of a value is looked up in the document before the overrides.
        var written: [ScenarioInput] = []
        collect(writtenRoot, file: path, at: .root, into: &written)
        let files = Dictionary(written.map { ($0.keyPath, $0.file) }, uniquingKeysWith: { first, _ in first })
        return found.map { ScenarioInput(keyPath: $0.keyPath, value: $0.value, file: files[$0.keyPath] ?? $0.file, line: $0.line) }
    }

    private func collect(_ node: Node, file: String, at keyPath: ScenarioKeyPath, into found: inout [ScenarioInput]) {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain || scalar.style == .any,
                  let value = Double(scalar.string.trimmingCharacters(in: .whitespaces)), value.isFinite else { return }
            found.append(ScenarioInput(keyPath: keyPath.description, value: value, file: file, line: scalar.mark?.line))
        case .mapping(let mapping):
            var resolved = node
            var childFile = file
            if let include = mapping.first(where: { $0.key.string == "include" })?.value.string {
                // Included content is relative to the included file (sibling keys laid over it
                // keep the including file's lines; their file is approximated by the included one).
                guard let merged = loader.resolveIncludes(node, file: file, at: keyPath,
                                                          stack: [(file as NSString).standardizingPath]) else { return }
                resolved = merged
                childFile = ScenarioLoader.resolve(include, from: file)
            }
            guard case .mapping(let entries) = resolved else { return }
            for (key, value) in entries {
                guard let name = key.string else { continue }
                if keyPath.components.isEmpty, name == ScenarioOverride.declaredKey || name == "schema_version" { continue }
                collect(value, file: childFile, at: keyPath.appending(name), into: &found)
            }
        case .sequence(let items):
            for (index, item) in items.enumerated() {
                collect(item, file: file, at: keyPath.appending(index: index), into: &found)
            }
        case .alias:
            return
        }
    }
}
