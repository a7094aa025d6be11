import Yams

/// `baclosim migrate`: rewrites a scenario file of an earlier `schema_version` to the current one,
/// changing only what the versions between renamed (``KeyRename``): the keys themselves, every
/// key-path string that names them (`psa`, `sweep` and `calibration` keys, correlations,
/// `overrides` keys), and `schema_version`. Edits are made in the text at the places the YAML
/// parser reports, so comments, order, quoting and layout are kept.
public enum ScenarioMigration {
    /// A migrated file: its new text and one line per change (`line 12: utilities → utility_by_risk_level`).
    public struct Outcome: Sendable, Equatable {
        public let text: String
        public let changes: [String]
        /// Whether anything changed (a current file migrates to itself).
        public var changed: Bool { !changes.isEmpty }
    }

    /// One replacement in the text: at `line` and `column` (1-based, in Unicode scalars, as the
    /// parser counts), `old` becomes `new`.
    struct Edit {
        let line: Int, column: Int, old: String, new: String
    }

    /// `text` (the scenario file `file`) migrated to ``Scenario/schemaVersion``.
    ///
    /// - Throws: ``ScenarioIssues`` when the file is not YAML, is not a scenario mapping, has no
    ///   readable `schema_version`, has a newer one than this Baclosim reads, or when an edit
    ///   does not find the text it expects (the file is then left as it is).
    public static func migrate(text: String, file: String) throws(ScenarioIssues) -> Outcome {
        let reader = ScenarioNodeReader(file: file)
        guard let root = reader.parse(text) else { throw ScenarioIssues(reader.issues) }
        guard case .mapping(let top) = root else {
            throw ScenarioIssues([ScenarioIssue(file: file, line: root.mark?.line, keyPath: "", problem: "is not a scenario (not a mapping of keys)",
                                                fix: "Give a scenario file; see Scenarios/README.md.")])
        }
        // Drug files and joint calibrations have versions of their own; a scenario has arms.
        guard top.contains(where: { $0.key.string == "arms" }) else {
            let kind = top.contains { $0.key.string == "drug" } ? "a drug file (Scenarios/drugs/README.md)"
                : top.contains { $0.key.string == "scenarios" } ? "a joint calibration file" : "a block or other file"
            throw ScenarioIssues([ScenarioIssue(file: file, line: root.mark?.line, keyPath: "",
                                                problem: "is \(kind), not a scenario (no arms:), and has a schema_version of its own",
                                                fix: "Migrate the scenario files that use it; this file needs no migration.")])
        }
        guard let versionNode = top.first(where: { $0.key.string == "schema_version" })?.value,
              let version = Int(versionNode.string ?? ""), version >= 1 else {
            throw ScenarioIssues([ScenarioIssue(file: file, line: root.mark?.line, keyPath: "schema_version",
                                                problem: "missing or not a whole number ≥ 1, so the file's version is unknown",
                                                fix: "Write the schema_version the file was written for (1 for files before renames), then migrate.")])
        }
        let current = Scenario.schemaVersion
        if version > current {
            throw ScenarioIssues([ScenarioIssue(file: file, line: versionNode.mark?.line, keyPath: "schema_version",
                                                problem: "version \(version) is newer than this Baclosim's \(current)",
                                                fix: "Use a Baclosim that reads schema_version \(version).")])
        }
        if version == current { return Outcome(text: text, changes: []) }
        let renames = KeyRename.all.filter { $0.version > version }
        var edits: [Edit] = []
        if let mark = versionNode.mark, let old = versionNode.string {
            edits.append(Edit(line: mark.line, column: mark.column, old: old, new: "\(current)"))
        }
        collectEdits(in: root, path: [], renames: renames, into: &edits)
        return try apply(edits, to: text, file: file)
    }

    /// The edits below `node` at key path `path` (list items as `[]`): keys renamed at their
    /// path, and scalars (keys or values) that are key paths starting with a renamed path.
    static func collectEdits(in node: Node, path: [String], renames: [KeyRename], into edits: inout [Edit]) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                if let rename = renames.first(where: { $0.oldPath == path + [name] }), let mark = key.mark {
                    edits.append(Edit(line: mark.line, column: mark.column, old: name, new: rename.newName))
                } else if let edit = keyPathEdit(key, renames: renames) {
                    edits.append(edit)   // an `overrides:` key such as economics.utilities.high
                }
                collectEdits(in: value, path: path + [name], renames: renames, into: &edits)
            }
        case .sequence(let sequence):
            for item in sequence { collectEdits(in: item, path: path + ["[]"], renames: renames, into: &edits) }
        case .scalar:
            if let edit = keyPathEdit(node, renames: renames) { edits.append(edit) }
        case .alias:
            break
        }
    }

    /// The edit of a scalar that is a key path through a renamed key (`economics.utilities.high`,
    /// `economics.utilities`), or `nil`.
    static func keyPathEdit(_ node: Node, renames: [KeyRename]) -> Edit? {
        guard case .scalar(let scalar) = node, let mark = node.mark else { return nil }
        let text = scalar.string
        for rename in renames where !rename.oldPath.contains("[]") {
            let old = rename.oldKeyPath
            guard text.hasPrefix(old) else { continue }
            let rest = text.dropFirst(old.count)
            guard rest.isEmpty || rest.hasPrefix(".") || rest.hasPrefix("[") else { continue }
            return Edit(line: mark.line, column: mark.column, old: old, new: rename.newKeyPath)
        }
        return nil
    }

    /// `text` with `edits` applied, each checked against the text it replaces (a quoted scalar's
    /// mark is on its quote).
    static func apply(_ edits: [Edit], to text: String, file: String) throws(ScenarioIssues) -> Outcome {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0).unicodeScalars) }
        var changes: [String] = []
        // Right to left within a line, so earlier columns stay valid.
        for edit in edits.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            let index = edit.line - 1
            guard lines.indices.contains(index) else { continue }
            var start = edit.column - 1
            let old = Array(edit.old.unicodeScalars)
            if start < lines[index].count, ["\"", "'"].contains(lines[index][start]) { start += 1 }
            guard start >= 0, start + old.count <= lines[index].count, Array(lines[index][start..<(start + old.count)]) == old else {
                throw ScenarioIssues([ScenarioIssue(file: file, line: edit.line, keyPath: "",
                                                    problem: "cannot migrate '\(edit.old)' here: the text at this place is not what the parser reported",
                                                    fix: "Rename '\(edit.old)' to '\(edit.new)' by hand.")])
            }
            lines[index].replaceSubrange(start..<(start + old.count), with: Array(edit.new.unicodeScalars))
            changes.append("line \(edit.line): \(edit.old) → \(edit.new)")
        }
        var result = ""
        for (i, line) in lines.enumerated() {
            if i > 0 { result += "\n" }
            result.unicodeScalars.append(contentsOf: line)
        }
        return Outcome(text: result, changes: changes.reversed())
    }
}
