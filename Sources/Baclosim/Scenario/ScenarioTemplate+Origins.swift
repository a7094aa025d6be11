import Foundation
import Yams

/// Where each value of the resolved scenario was written (`baclosim resolve --origins`): the
/// file and line of the scalar that won, following `include:` files and the sibling keys laid
/// over them, and the `overrides:` block for values it replaced.
extension ScenarioTemplate {
    typealias ValueOrigin = ScenarioValueOrigin

    /// `path` with `.` and `dir/..` removed lexically (`Scenarios/trials/../models/x.yaml` →
    /// `Scenarios/models/x.yaml`), relative paths staying relative.
    static func lexicallyNormalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// The scenario as it will run (``resolvedYAML()``), each value followed by a comment naming
    /// the file and line it came from. The text parses to the same document as
    /// ``resolvedYAML()`` (comments aside).
    /// - Throws: ``ScenarioIssues`` when an included file cannot be read or merged.
    public func resolvedYAMLWithOrigins() throws(ScenarioIssues) -> String {
        let resolved = try resolvedNode(of: root)
        let written = try resolvedNode(of: writtenRoot)
        var origins: [String: ValueOrigin] = [:]
        guard case .mapping(let top) = writtenRoot else { return "" }
        for (key, value) in top where key.string != ScenarioOverride.declaredKey {
            loader.recordOrigins(of: value, file: path, at: ScenarioKeyPath.root.appending(key.string ?? ""), into: &origins, stack: [])
        }
        // Values the `overrides:` block changed: they differ between the document as written and
        // as it runs; their place is the block's.
        let overridesLine: Int? = {
            guard case .mapping(let top) = writtenRoot else { return nil }
            return top.first { $0.key.string == ScenarioOverride.declaredKey }?.key.mark?.line
        }()
        markOverridden(resolved, written, at: .root, line: overridesLine, in: &origins)
        var lines: [String] = []
        Self.emit(resolved, indent: 0, at: .root, origins: origins, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Marks the scalars that differ between the resolved document and the one without its
    /// `overrides:` block as set by that block.
    private func markOverridden(_ resolved: Node, _ written: Node?, at keyPath: ScenarioKeyPath, line: Int?,
                                in origins: inout [String: ValueOrigin]) {
        switch resolved {
        case .mapping(let mapping):
            let other: Node.Mapping? = { if case .mapping(let m) = written { return m } else { return nil } }()
            for (key, value) in mapping {
                markOverridden(value, other?[key], at: keyPath.appending(key.string ?? ""), line: line, in: &origins)
            }
        case .sequence(let items):
            let other: [Node]? = { if case .sequence(let s) = written { return Array(s) } else { return nil } }()
            for (index, item) in items.enumerated() {
                markOverridden(item, other.flatMap { index < $0.count ? $0[index] : nil }, at: keyPath.appending(index: index),
                               line: line, in: &origins)
            }
        default:
            if resolved.string != written?.string {
                origins[keyPath.description] = ValueOrigin(file: path, line: line, overridden: true)
            }
        }
    }

    /// Block-style YAML of `node` with each scalar's origin as a trailing comment.
    private static func emit(_ node: Node, indent: Int, at keyPath: ScenarioKeyPath, origins: [String: ValueOrigin],
                             into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        func comment(_ path: ScenarioKeyPath) -> String {
            origins[path.description].map { "   # \($0.comment)" } ?? ""
        }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                let child = keyPath.appending(key.string ?? "")
                let name = scalarText(key)
                switch value {
                case .mapping(let m) where !m.isEmpty:
                    lines.append("\(pad)\(name):")
                    emit(value, indent: indent + 2, at: child, origins: origins, into: &lines)
                case .sequence(let s) where !s.isEmpty:
                    lines.append("\(pad)\(name):")
                    emit(value, indent: indent + 2, at: child, origins: origins, into: &lines)
                default:
                    lines.append("\(pad)\(name): \(scalarText(value))\(comment(child))")
                }
            }
        case .sequence(let items):
            for (index, item) in items.enumerated() {
                let child = keyPath.appending(index: index)
                let nested: Bool
                switch item {
                case .mapping(let m): nested = !m.isEmpty
                case .sequence(let s): nested = !s.isEmpty
                default: nested = false
                }
                switch nested {
                case true:
                    var inner: [String] = []
                    emit(item, indent: indent + 2, at: child, origins: origins, into: &inner)
                    if var first = inner.first {
                        first = pad + "- " + first.dropFirst(indent + 2)
                        inner[0] = first
                    }
                    lines.append(contentsOf: inner)
                case false:
                    lines.append("\(pad)- \(scalarText(item))\(comment(child))")
                }
            }
        default:
            lines.append("\(pad)\(scalarText(node))\(comment(keyPath))")
        }
    }

    /// One scalar (or an empty mapping or list) as YAML flow text on one line, quoted where
    /// YAML needs it.
    private static func scalarText(_ node: Node) -> String {
        switch node {
        case .mapping: return "{}"
        case .sequence: return "[]"
        default: break
        }
        let probe = Node.mapping(Node.Mapping([(Node("k"), node)]))
        if let text = try? Yams.serialize(node: probe, width: -1, allowUnicode: true), text.hasPrefix("k: ") {
            let value = text.dropFirst(3).trimmingCharacters(in: .newlines)
            if !value.contains("\n") { return value }
        }
        var quoted = node
        if case .scalar(var scalar) = node {
            scalar.style = .doubleQuoted
            quoted = .scalar(scalar)
        }
        let text = (try? Yams.serialize(node: .mapping(Node.Mapping([(Node("k"), quoted)])), width: -1, allowUnicode: true)) ?? "k: \"\""
        return String(text.dropFirst(3)).replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
    }
}

/// File and line of one resolved value.
struct ScenarioValueOrigin: Equatable {
    var file: String
    var line: Int?
    /// The value was replaced by the scenario's `overrides:` block.
    var overridden = false

    /// `file:line`, `overrides: file:line` for a replaced value.
    var comment: String {
        let shown = ScenarioTemplate.lexicallyNormalized(file)
        let place = line.map { "\(shown):\($0)" } ?? shown
        return overridden ? "overrides: \(place)" : place
    }
}

extension ScenarioLoader {
    /// Records the origin of every scalar under `node` (written in `file`), following an
    /// `include:` first and laying the sibling keys over it, as ``ScenarioLoader/overlay(_:on:)``
    /// merges them.
    func recordOrigins(of node: Node, file: String, at keyPath: ScenarioKeyPath,
                       into origins: inout [String: ScenarioValueOrigin], stack: [String]) {
        switch node {
        case .mapping(let mapping):
            if let include = mapping.first(where: { $0.key.string == "include" })?.value.string {
                let target = ScenarioLoader.resolve(include, from: file)
                let canonical = (target as NSString).standardizingPath
                if !stack.contains(canonical), let included = readRoot(path: target, includedFrom: stack) {
                    recordOrigins(of: included, file: target, at: keyPath, into: &origins, stack: stack + [canonical])
                }
            }
            for (key, value) in mapping where key.string != "include" {
                let child = keyPath.appending(key.string ?? "")
                if case .mapping = value {} else { Self.removeOrigins(under: child, from: &origins) }
                recordOrigins(of: value, file: file, at: child, into: &origins, stack: stack)
            }
        case .sequence(let items):
            Self.removeOrigins(under: keyPath, from: &origins)
            for (index, item) in items.enumerated() {
                recordOrigins(of: item, file: file, at: keyPath.appending(index: index), into: &origins, stack: stack)
            }
        default:
            origins[keyPath.description] = ScenarioValueOrigin(file: file, line: node.mark?.line)
        }
    }

    /// Drops the origins at `keyPath` and below it (a value that replaces a whole subtree).
    static func removeOrigins(under keyPath: ScenarioKeyPath, from origins: inout [String: ScenarioValueOrigin]) {
        let prefix = keyPath.description
        origins = origins.filter { key, _ in
            !(key == prefix || key.hasPrefix(prefix + ".") || key.hasPrefix(prefix + "["))
        }
    }
}
