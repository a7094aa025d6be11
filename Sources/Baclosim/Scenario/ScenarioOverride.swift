import Foundation
import Yams

/// Replaces numbers at key paths of a scenario's YAML node tree before it is decoded: the way a
/// sweep point or a PSA draw changes a scenario without editing (or re-reading) its file.
///
/// **Paths** are written as in scenario error messages: `drugs.baclofen.effect.emax`,
/// `drinking.states[0].drinking_hazard.baseline.constant_per_day`. A list item is addressed by
/// its index (`arms[1]`) or, when the items are mappings with a `name:`, by that name
/// (`arms.baclofen30.regimen.maintenance_mg_per_day`). A block written as `include: file` is
/// resolved on the way down (``ScenarioLoader/resolveIncludes(_:file:at:stack:)``), so values
/// inside included files can be addressed as if written in place.
///
/// The value found must be a number (a plain scalar). The replacement keeps the original node's
/// line, so a value that is then out of range is reported on the line of the value it replaced.
enum ScenarioOverride {
    /// Why a path could not be followed.
    struct Failure: Error {
        /// The path as far as it could be followed, then the offending step.
        var keyPath: String
        /// What is wrong (no full stop).
        var problem: String
        /// How to fix it.
        var fix: String
        /// The line of the deepest node reached.
        var line: Int?

        /// As a scenario issue in `file`. With `under` (the path of the entry that named this
        /// key path, e.g. `sweep.parameters[0].key`), the issue is placed there, on `line`.
        func issue(file: String?, under entry: String? = nil, line entryLine: Int? = nil) -> ScenarioIssue {
            guard let entry else { return ScenarioIssue(file: file, line: line, keyPath: keyPath, problem: problem, fix: fix) }
            return ScenarioIssue(file: file, line: entryLine ?? line, keyPath: entry, problem: "\(keyPath): \(problem)", fix: fix)
        }
    }

    /// `root` with the number at `keyPath` replaced by `value`.
    ///
    /// - Parameters:
    ///   - file: the file `root` was read from (includes are relative to it).
    ///   - loader: resolves includes (and caches the files it read).
    /// - Throws: ``Failure`` when the path does not lead to a number.
    static func apply(_ value: Double, at keyPath: String, in root: Node, file: String,
                      loader: ScenarioLoader) throws(Failure) -> Node {
        let components = ScenarioKeyPath(parsing: keyPath).components
        guard !components.isEmpty else {
            throw Failure(keyPath: keyPath, problem: "is not a key path", fix: "Write a path such as drugs.baclofen.effect.emax.")
        }
        return try replace(in: root, components: components[...], walked: .root, file: file, loader: loader) { node throws(Failure) in
            guard case .scalar(var scalar) = node, scalar.style == .plain || scalar.style == .any,
                  let old = Double(scalar.string.trimmingCharacters(in: .whitespaces)), old.isFinite else {
                throw Failure(keyPath: keyPath, problem: "is \(ScenarioNodeReader.kind(of: node)), not a number",
                              fix: "Vary a numeric value; give the path down to the number.", line: node.mark?.line)
            }
            scalar.string = format(value)
            scalar.style = .plain
            return .scalar(scalar)
        }
    }

    /// The number at `keyPath` in `root` (the base value of a sweep parameter).
    /// - Throws: ``Failure`` when the path does not lead to a number.
    static func value(at keyPath: String, in root: Node, file: String, loader: ScenarioLoader) throws(Failure) -> Double {
        var found = Double.nan
        let components = ScenarioKeyPath(parsing: keyPath).components
        guard !components.isEmpty else {
            throw Failure(keyPath: keyPath, problem: "is not a key path", fix: "Write a path such as drugs.baclofen.effect.emax.")
        }
        _ = try replace(in: root, components: components[...], walked: .root, file: file, loader: loader) { node throws(Failure) in
            guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
                  let old = Double(scalar.string.trimmingCharacters(in: .whitespaces)), old.isFinite else {
                throw Failure(keyPath: keyPath, problem: "is \(ScenarioNodeReader.kind(of: node)), not a number",
                              fix: "Vary a numeric value; give the path down to the number.", line: node.mark?.line)
            }
            found = old
            return node
        }
        return found
    }

    /// `value` as YAML text: integers without a decimal point (so integer fields still read),
    /// others as the shortest round-trip decimal.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return value.description
    }

    /// Walks `components` down from `node`, resolving includes, and rebuilds the path with the
    /// last node replaced by `change`.
    private static func replace(in node: Node, components: ArraySlice<ScenarioKeyPath.Component>, walked: ScenarioKeyPath,
                                file: String, loader: ScenarioLoader,
                                change: (Node) throws(Failure) -> Node) throws(Failure) -> Node {
        guard let component = components.first else { return try change(node) }
        var node = node
        if case .mapping(let mapping) = node, mapping["include"] != nil {
            let before = loader.issues.count
            guard let resolved = loader.resolveIncludes(node, file: file, at: walked, stack: [(file as NSString).standardizingPath]) else {
                let reason = loader.issues[before...].first.map { "\($0)" } ?? "the include could not be read"
                throw Failure(keyPath: walked.description, problem: "its include could not be resolved (\(reason))",
                              fix: "Fix the include first.", line: node.mark?.line)
            }
            node = resolved
        }
        let rest = components.dropFirst()
        switch (component, node) {
        case (.key(let key), .mapping(var mapping)):
            if let index = mapping.firstIndex(where: { $0.key.string == key }) {
                let child = try replace(in: mapping[index].value, components: rest, walked: walked.appending(key),
                                        file: file, loader: loader, change: change)
                mapping[index] = (key: mapping[index].key, value: child)
                return .mapping(mapping)
            }
            let keys = mapping.compactMap { $0.key.string }
            let missing = walked.appending(key).description
            if let rename = KeyRename.all.first(where: { $0.oldKeyPath == missing }) {
                throw Failure(keyPath: missing, problem: KeyRename.problem(oldName: key, newName: rename.newName, version: rename.version),
                              fix: "Write \(rename.newKeyPath) instead, or run `baclosim migrate FILE` to update the whole file.",
                              line: node.mark?.line)
            }
            throw Failure(keyPath: missing, problem: "no such key in the scenario",
                          fix: "Use one of: \(keys.joined(separator: ", "))." + ParameterProblem.didYouMean(key, among: keys),
                          line: node.mark?.line)
        case (.key(let name), .sequence(var sequence)):
            let names = sequence.map { item -> String? in
                guard case .mapping(let m) = item else { return nil }
                return m["name"]?.string
            }
            guard let index = names.firstIndex(of: name) else {
                let known = names.compactMap { $0 }
                throw Failure(keyPath: walked.appending(name).description,
                              problem: known.isEmpty ? "this list has no named items" : "no item named '\(name)' in this list",
                              fix: known.isEmpty ? "Address an item by index, e.g. \(walked)[0]."
                                  : "Use one of: \(known.joined(separator: ", "))." + ParameterProblem.didYouMean(name, among: known),
                              line: node.mark?.line)
            }
            sequence[index] = try replace(in: sequence[index], components: rest, walked: walked.appending(name),
                                          file: file, loader: loader, change: change)
            return .sequence(sequence)
        case (.index(let index), .sequence(var sequence)):
            guard index >= 0, index < sequence.count else {
                throw Failure(keyPath: walked.appending(index: index).description,
                              problem: "index out of range (the list has \(sequence.count) items)",
                              fix: sequence.isEmpty ? "The list is empty." : "Use an index from 0 to \(sequence.count - 1).",
                              line: node.mark?.line)
            }
            sequence[index] = try replace(in: sequence[index], components: rest, walked: walked.appending(index: index),
                                          file: file, loader: loader, change: change)
            return .sequence(sequence)
        case (.index(let index), _):
            throw Failure(keyPath: walked.appending(index: index).description,
                          problem: "\(walked.description.isEmpty ? "the document" : walked.description) is \(ScenarioNodeReader.kind(of: node)), not a list",
                          fix: "Remove the [\(index)], or address a list.", line: node.mark?.line)
        case (.key(let key), _):
            throw Failure(keyPath: walked.appending(key).description,
                          problem: "\(walked.description) is \(ScenarioNodeReader.kind(of: node)), not a mapping",
                          fix: "The path ends at \(walked); remove .\(key).", line: node.mark?.line)
        }
    }
}
