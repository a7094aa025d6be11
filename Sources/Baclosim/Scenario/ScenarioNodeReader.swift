import Foundation
import Yams

/// Walks a composed YAML node tree (Yams `Node`, which keeps line marks) and collects every
/// problem it meets instead of stopping at the first, so a user sees all of a file's errors at
/// once, each with its line (docs/model.md engine rule 7). Decoders built on it return `nil` for a
/// value they could not read and carry on.
///
/// Not `Sendable`: one reader belongs to one load, on one thread.
final class ScenarioNodeReader {
    /// The file name printed in issues.
    let file: String
    /// Problems found so far, in the order found.
    private(set) var issues: [ScenarioIssue] = []
    /// The README that documents the file read (fixes of unknown keys point to it).
    var readme = "Scenarios/README.md"
    /// Where each value of a block merged from an included file and sibling keys was written,
    /// by key path (filled by ``block(_:in:loader:required:decode:)``); empty otherwise.
    var origins: [String: ScenarioValueOrigin] = [:]

    /// A reader for `file` (used only in messages).
    init(file: String) {
        self.file = file
    }

    /// Parses `text` into a node tree. Syntax errors, duplicate keys and an empty document are
    /// reported (with the line Yams gives, for a control character the line it is on, for an
    /// empty document line 1) and give `nil`. `readme`: where the keys of this kind of file are described.
    func parse(_ text: String, readme: String = "Scenarios/README.md") -> Node? {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                report(ScenarioIssue(file: file, line: 1, keyPath: "", problem: "the file is empty",
                                     fix: "Write the keys described in \(readme)."))
                return nil
            }
            return root
        } catch let error as YamlError {
            var (line, problem) = Self.describe(error)
            if line == nil, let found = Self.firstControlCharacter(in: text) {
                line = found.line
                problem += String(format: " (U+%04X)", found.scalar)
            }
            report(ScenarioIssue(file: file, line: line, keyPath: "", problem: "not valid YAML: \(problem)",
                                 fix: "Check the indentation, colons and quotes on or just before this line."))
            return nil
        } catch {
            report(ScenarioIssue(file: file, line: nil, keyPath: "", problem: "not valid YAML: \(error)",
                                 fix: "Check the file's syntax."))
            return nil
        }
    }

    /// The line (1-based) and code of the first character YAML forbids: a C0 control other than
    /// tab, line feed and carriage return, DEL, or a C1 control.
    static func firstControlCharacter(in text: String) -> (line: Int, scalar: UInt32)? {
        var line = 1
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0A { line += 1; continue }
            if (v < 0x20 && v != 0x09 && v != 0x0D) || v == 0x7F || (0x80...0x9F).contains(v) { return (line, v) }
        }
        return nil
    }

    /// Line and a one-line description of a Yams error.
    private static func describe(_ error: YamlError) -> (Int?, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return (mark.line, detail)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return (context.mark.line, "duplicate key \(keys) in one mapping")
        case .reader(let problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "\(error)")
        }
    }

    /// Records `issue` as is.
    func report(_ issue: ScenarioIssue) {
        issues.append(issue)
    }

    /// Records a problem at `path`, on the line of `node` (if any), in the file that wrote it
    /// (``file(of:)``).
    func report(_ path: ScenarioKeyPath, at node: Node?, _ problem: String, fix: String) {
        issues.append(ScenarioIssue(file: file(of: path), line: node?.mark?.line, keyPath: path.description,
                                    problem: problem, fix: fix))
    }

    /// The file that wrote the value at `path`: inside a block that merges an included file with
    /// sibling keys, the included file for the values it gives and this file for the overrides
    /// (``origins``); a mapping whose values all come from one file is that file's; otherwise
    /// this reader's file.
    func file(of path: ScenarioKeyPath) -> String {
        guard !origins.isEmpty else { return file }
        let key = path.description
        if let origin = origins[key] { return origin.file }
        let below = origins.filter { $0.key.hasPrefix(key + ".") || $0.key.hasPrefix(key + "[") }.map(\.value.file)
        if let first = below.first, below.allSatisfy({ $0 == first }) { return first }
        return file
    }

    /// For a contradiction between `lower` and `upper` in `block`, reported at `reported` (one of
    /// the two): ` (upper from FILE:LINE)` naming where the other bound was written when another
    /// file wrote it (an override's bound against an included one), else nothing.
    func otherBoundPlace(in block: ScenarioMapping, reported: String) -> String {
        let other = reported == "lower" ? "upper" : "lower"
        guard let origin = origins[block.path.appending(other).description],
              origin.file != file(of: block.path.appending(reported)) else { return "" }
        return " (\(other) from \(ScenarioTemplate.lexicallyNormalized(origin.file))\(origin.line.map { ":\($0)" } ?? ""))"
    }

    /// Whether an issue was recorded at `path`, above it (an enclosing block) or below it.
    func hasIssue(overlapping path: ScenarioKeyPath) -> Bool {
        let text = path.description
        func isWithin(_ inner: String, _ outer: String) -> Bool {
            !outer.isEmpty && (inner.hasPrefix(outer + ".") || inner.hasPrefix(outer + "["))
        }
        return issues.contains { issue in
            issue.keyPath == text || isWithin(text, issue.keyPath) || isWithin(issue.keyPath, text)
        }
    }

    /// Places issues a kernel found (key paths relative to the block at `path`, whose node is
    /// `node`) on the lines of the nodes they name, skipping any at, above or below a path already reported (a
    /// value that could not be read is reported once, not again as out of range).
    func adopt(_ problems: [ParameterProblem], under path: ScenarioKeyPath, node: Node) {
        for problem in problems {
            let relative = ScenarioKeyPath(parsing: problem.keyPath)
            let full = ScenarioKeyPath(components: path.components + relative.components)
            if hasIssue(overlapping: full) { continue }
            let line = Self.deepestNode(along: relative, from: node)?.mark?.line
            issues.append(ScenarioIssue(problem, file: file(of: full), line: line, under: path.description))
        }
    }

    /// The node at exactly `path` below `root`, or nil when some step of it is not there.
    static func node(at path: ScenarioKeyPath, in root: Node) -> Node? {
        var current = root
        for component in path.components {
            switch (component, current) {
            case (.key(let key), .mapping(let mapping)):
                guard let next = mapping.first(where: { $0.key.string == key })?.value else { return nil }
                current = next
            case (.index(let index), .sequence(let sequence)):
                guard index >= 0, index < sequence.count else { return nil }
                current = sequence[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The node at `path` below `node`, or the deepest one on the way that exists.
    static func deepestNode(along path: ScenarioKeyPath, from node: Node) -> Node? {
        var current = node
        for component in path.components {
            switch (component, current) {
            case (.key(let key), .mapping(let mapping)):
                guard let next = mapping.first(where: { $0.key.string == key })?.value else { return current }
                current = next
            case (.index(let index), .sequence(let sequence)):
                guard index >= 0, index < sequence.count else { return current }
                current = sequence[index]
            default:
                return current
            }
        }
        return current
    }

    /// `node` as a mapping with string keys, or `nil` (reported) when it is not one.
    func mapping(_ node: Node, at path: ScenarioKeyPath, fix: String) -> ScenarioMapping? {
        guard case .mapping(let mapping) = node else {
            report(path, at: node, "must be a mapping of keys to values (found \(Self.kind(of: node)))", fix: fix)
            return nil
        }
        var entries: [ScenarioMapping.Entry] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(path, at: keyNode, "keys must be plain names (found \(Self.kind(of: keyNode)))",
                       fix: "Write each key as a name followed by a colon.")
                continue
            }
            entries.append(.init(key: scalar.string, keyNode: keyNode, value: value))
        }
        return ScenarioMapping(reader: self, node: node, path: path, entries: entries)
    }

    /// `node` as a list of (node, path) items, or `nil` (reported) when it is not a sequence.
    func sequence(_ node: Node, at path: ScenarioKeyPath, fix: String) -> [(node: Node, path: ScenarioKeyPath)]? {
        guard case .sequence(let sequence) = node else {
            report(path, at: node, "must be a list (found \(Self.kind(of: node)))", fix: fix)
            return nil
        }
        return sequence.enumerated().map { ($0.element, path.appending(index: $0.offset)) }
    }

    /// `node` as a finite number obeying `rule`, or `nil` (reported).
    func number(_ node: Node, at path: ScenarioKeyPath, rule: NumberRule = .any, fix: String) -> Double? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
              let value = Double(scalar.string.trimmingCharacters(in: .whitespaces)), value.isFinite
        else {
            report(path, at: node, "must be a number (found \(Self.kind(of: node)))", fix: fix)
            return nil
        }
        if let violation = rule.violation(value) {
            report(path, at: node, "\(violation) (found \(ScenarioIssue.formatNumber(value)))", fix: fix)
            return nil
        }
        return value
    }

    /// `node` as a whole number ≥ `minimum`, or `nil` (reported).
    func integer(_ node: Node, at path: ScenarioKeyPath, minimum: Int? = nil, maximum: Int? = nil, fix: String) -> Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
              let value = Double(scalar.string.trimmingCharacters(in: .whitespaces)), value.isFinite,
              value == value.rounded(), abs(value) < 1e9
        else {
            report(path, at: node, "must be a whole number (found \(Self.kind(of: node)))", fix: fix)
            return nil
        }
        let integer = Int(value)
        if let minimum, integer < minimum {
            report(path, at: node, "must be ≥ \(minimum) (found \(integer))", fix: fix)
            return nil
        }
        if let maximum, integer > maximum {
            report(path, at: node, "must be ≤ \(maximum) (found \(integer))", fix: fix)
            return nil
        }
        return integer
    }

    /// `node` as `true` or `false`, or `nil` (reported).
    func boolean(_ node: Node, at path: ScenarioKeyPath, fix: String) -> Bool? {
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any {
            switch scalar.string.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        report(path, at: node, "must be true or false (found \(Self.kind(of: node)))", fix: fix)
        return nil
    }

    /// `node` as a non-empty text, or `nil` (reported).
    func text(_ node: Node, at path: ScenarioKeyPath, fix: String) -> String? {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            report(path, at: node, "must be text (found \(Self.kind(of: node)))", fix: fix)
            return nil
        }
        return scalar.string
    }

    /// `node` as a name that becomes a column or row name of the outputs (an arm, endpoint,
    /// metric, side effect or subgroup): letters, digits and underscores, starting with a letter.
    /// Anything else is reported here, on the name's line, not later by the output layout.
    func identifier(_ node: Node, at path: ScenarioKeyPath, fix: String) -> String? {
        guard let name = text(node, at: path, fix: fix) else { return nil }
        guard OutputNames.isIdentifier(name) else {
            report(path, at: node,
                   "'\(name)' is not a valid name: names become output columns, so they use letters, digits and underscores, starting with a letter",
                   fix: fix)
            return nil
        }
        return name
    }

    /// `node` as one of `choices`, or `nil` (reported, with a "did you mean" when close).
    func choice(_ node: Node, at path: ScenarioKeyPath, among choices: [String], fix: String) -> String? {
        guard let value = text(node, at: path, fix: fix) else { return nil }
        guard choices.contains(value) else {
            report(path, at: node, "unknown value '\(value)'", fix: ParameterProblem.useOneOf(choices, insteadOf: value))
            return nil
        }
        return value
    }

    /// How a node looks, for "found …" in messages: `the text 'fast'`, `a list`, `a mapping`.
    static func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            // A value is echoed so the user recognises it, never a whole stray file: long or
            // multi-line text is cut after its first 40 characters of its first line.
            let firstLine = scalar.string.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let shown = firstLine.count > 40 || firstLine.count < scalar.string.count ? String(firstLine.prefix(40)) + "…" : scalar.string
            if scalar.style == .singleQuoted || scalar.style == .doubleQuoted {
                return "the quoted text \"\(shown)\""
            }
            if isNull(node) { return "nothing" }
            return "'\(shown)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Whether `node` is YAML null (`~`, `null`, or nothing after the colon).
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}

/// A rule a number must obey; each violation reads "must be …".
enum NumberRule: Sendable, Equatable {
    case any
    case positive
    case nonNegative
    /// In (0, 1] (bioavailability, fractions formed).
    case fractionAboveZero
    /// In [0, 1] (probabilities, renal fractions).
    case unitInterval
    /// In `lower...upper`.
    case within(Double, Double)
    /// In (0, upper] (shapes and scales whose powers must stay finite).
    case aboveZeroAtMost(Double)
    /// A whole number in `lower...upper` (days in a list of numbers).
    case wholeWithin(Int, Int)

    /// "must be …" when `value` breaks the rule, else `nil`.
    func violation(_ value: Double) -> String? {
        switch self {
        case .any:
            return nil
        case .positive:
            return value > 0 ? nil : "must be > 0"
        case .nonNegative:
            return value >= 0 ? nil : "must be ≥ 0"
        case .fractionAboveZero:
            return value > 0 && value <= 1 ? nil : "must be in (0, 1]"
        case .unitInterval:
            return value >= 0 && value <= 1 ? nil : "must be in [0, 1]"
        case .within(let lower, let upper):
            return value >= lower && value <= upper
                ? nil : "must be in [\(ScenarioIssue.formatNumber(lower)), \(ScenarioIssue.formatNumber(upper))]"
        case .aboveZeroAtMost(let upper):
            return value > 0 && value <= upper ? nil : "must be in (0, \(ScenarioIssue.formatNumber(upper))]"
        case .wholeWithin(let lower, let upper):
            return value == value.rounded() && value >= Double(lower) && value <= Double(upper)
                ? nil : "must be a whole number in \(lower)…\(upper)"
        }
    }
}

/// A YAML mapping being read: typed accessors that report missing keys, wrong types and rule
/// violations with the key path and line, and ``checkKeys(allowed:fix:)`` for unknown keys.
struct ScenarioMapping {
    /// One key and its value.
    struct Entry {
        let key: String
        let keyNode: Node
        let value: Node
    }

    let reader: ScenarioNodeReader
    let node: Node
    let path: ScenarioKeyPath
    let entries: [Entry]

    /// Keys in file order.
    var keys: [String] { entries.map(\.key) }

    /// The value of `key`, treating YAML null as absent.
    func value(_ key: String) -> Node? {
        guard let value = entries.first(where: { $0.key == key })?.value else { return nil }
        return ScenarioNodeReader.isNull(value) ? nil : value
    }

    /// Whether `key` is present with a non-null value.
    func has(_ key: String) -> Bool { value(key) != nil }

    /// Reports every key not in `allowed`, on its own line: a former name in `renamed` is told
    /// its new name (``KeyRename/problem(oldName:newName:version:)``), any other key gets a
    /// "did you mean" suggestion.
    func checkKeys(allowed: [String], fix: String, renamed: [String: (newName: String, version: Int)] = [:]) {
        for entry in entries where !allowed.contains(entry.key) {
            if let rename = renamed[entry.key] {
                reader.report(path.appending(entry.key), at: entry.keyNode,
                              KeyRename.problem(oldName: entry.key, newName: rename.newName, version: rename.version),
                              fix: "Rename it to '\(rename.newName)', or run `baclosim migrate FILE` to update the whole file.")
                continue
            }
            let suggestion = ParameterProblem.suggestion(for: entry.key, among: allowed)
            let advice = suggestion.map { "Did you mean '\($0)'? " } ?? ""
            reader.report(path.appending(entry.key), at: entry.keyNode, "unknown key", fix: advice + fix)
        }
    }

    /// The value of a required `key`, or `nil` with a "missing" issue on the mapping's line.
    func required(_ key: String, fix: String) -> Node? {
        if let value = value(key) { return value }
        reader.report(path.appending(key), at: node, "missing", fix: fix)
        return nil
    }

    private func node(_ key: String, required: Bool, fix: String) -> Node? {
        required ? self.required(key, fix: fix) : value(key)
    }

    /// `key` as a number obeying `rule`.
    func number(_ key: String, required: Bool = true, rule: NumberRule = .any, fix: String) -> Double? {
        node(key, required: required, fix: fix).flatMap { reader.number($0, at: path.appending(key), rule: rule, fix: fix) }
    }

    /// `key` as a whole number ≥ `minimum`.
    func integer(_ key: String, required: Bool = true, minimum: Int? = nil, maximum: Int? = nil, fix: String) -> Int? {
        node(key, required: required, fix: fix).flatMap {
            reader.integer($0, at: path.appending(key), minimum: minimum, maximum: maximum, fix: fix)
        }
    }

    /// `key` as true/false.
    func boolean(_ key: String, required: Bool = true, fix: String) -> Bool? {
        node(key, required: required, fix: fix).flatMap { reader.boolean($0, at: path.appending(key), fix: fix) }
    }

    /// `key` as text.
    func text(_ key: String, required: Bool = true, fix: String) -> String? {
        node(key, required: required, fix: fix).flatMap { reader.text($0, at: path.appending(key), fix: fix) }
    }

    /// `key` as a name that becomes a column or row name of the outputs
    /// (``ScenarioNodeReader/identifier(_:at:fix:)``).
    func identifier(_ key: String, fix: String) -> String? {
        required(key, fix: fix).flatMap { reader.identifier($0, at: path.appending(key), fix: fix) }
    }

    /// `key` as one of `choices`.
    func choice(_ key: String, required: Bool = true, among choices: [String], fix: String) -> String? {
        node(key, required: required, fix: fix).flatMap {
            reader.choice($0, at: path.appending(key), among: choices, fix: fix)
        }
    }

    /// `key` as a nested mapping.
    func mapping(_ key: String, required: Bool = true, fix: String) -> ScenarioMapping? {
        node(key, required: required, fix: fix).flatMap { reader.mapping($0, at: path.appending(key), fix: fix) }
    }

    /// `key` as a list of items.
    func sequence(_ key: String, required: Bool = true, fix: String) -> [(node: Node, path: ScenarioKeyPath)]? {
        node(key, required: required, fix: fix).flatMap { reader.sequence($0, at: path.appending(key), fix: fix) }
    }

    /// `key` as a list of numbers obeying `rule`; `nil` if the key is absent or the list is not a
    /// list. Items that are not numbers are reported and come back as NaN, so positions (and the
    /// key paths of later checks) stay aligned.
    func numbers(_ key: String, required: Bool = true, rule: NumberRule = .any, fix: String) -> [Double]? {
        guard let items = sequence(key, required: required, fix: fix) else { return nil }
        return items.map { reader.number($0.node, at: $0.path, rule: rule, fix: fix) ?? .nan }
    }

    /// The line of this mapping.
    var line: Int? { node.mark?.line }
}
