import Foundation
import Yams

extension Scenario {
    /// The scenario schema version this code reads.
    public static let schemaVersion = 2

    /// Reads, resolves includes in, and validates the scenario at `path`. Every problem in the
    /// file and in the files it includes is reported at once.
    ///
    /// - Throws: ``ScenarioIssues`` listing each problem as `FILE:LINE: key.path: problem. fix`.
    public static func load(path: String) throws(ScenarioIssues) -> Scenario {
        let loader = ScenarioLoader()
        guard let parsed = loader.readRoot(path: path, includedFrom: []) else {
            throw ScenarioIssues(loader.issues)
        }
        let (root, overrideIssues) = ScenarioOverride.applyingDeclared(to: parsed, file: path, loader: loader)
        let rootIssues = loader.issues + overrideIssues
        let reader = ScenarioNodeReader(file: path)
        let scenario = reader.scenario(from: root, path: path, loader: loader)
        let issues = rootIssues + reader.issues
        guard issues.isEmpty, let scenario else {
            throw ScenarioIssues(issues.isEmpty
                ? [ScenarioIssue(file: path, keyPath: "", problem: "could not be read", fix: "Check the file against Scenarios/README.md.")]
                : issues)
        }
        return scenario
    }

    /// SHA-256 of the scenario file's bytes (hex), for the run manifest.
    public static func fileDigest(path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SHA256.hex(of: data)
    }
}

/// Reads scenario files and resolves `include:` entries (relative to the including file),
/// detecting cycles; the one place scenario text is read from disk.
final class ScenarioLoader {
    /// Problems met while reading files (syntax errors, missing or cyclic includes).
    private(set) var issues: [ScenarioIssue] = []
    /// Files parsed so far by path, so a scenario decoded many times (sweep points, PSA draws)
    /// reads and parses each file once.
    private var parsed: [String: Node] = [:]
    /// Drug files loaded so far by path (see ``drug(path:)``).
    private var drugs: [String: DrugDefinition] = [:]
    /// The bytes of every file read, by path: what a scenario's results depend on (``digest``).
    private(set) var filesRead: [String: Data] = [:]

    /// SHA-256 (hex) over the paths and bytes of every file read so far, in path order: changes
    /// when the scenario or any file it includes or names (drug files) changes.
    var digest: String {
        var data = Data()
        for (path, bytes) in filesRead.sorted(by: { $0.key < $1.key }) {
            data.append(Data(path.utf8))
            data.append(0)
            data.append(bytes)
            data.append(0)
        }
        return SHA256.hex(of: data)
    }

    /// The same over paths relative to the folder of `mainFile` (the scenario): the digest of
    /// the same files at another place (another checkout, another cluster node) is the same.
    func digest(relativeTo mainFile: String) -> String {
        let base = URL(fileURLWithPath: mainFile).standardizedFileURL.deletingLastPathComponent().pathComponents
        var data = Data()
        let relative = filesRead.map { path, bytes -> (String, Data) in
            let components = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
            var shared = 0
            while shared < min(base.count, components.count) && base[shared] == components[shared] { shared += 1 }
            let up = Array(repeating: "..", count: base.count - shared)
            return ((up + components[shared...]).joined(separator: "/"), bytes)
        }
        for (path, bytes) in relative.sorted(by: { $0.0 < $1.0 }) {
            data.append(Data(path.utf8))
            data.append(0)
            data.append(bytes)
            data.append(0)
        }
        return SHA256.hex(of: data)
    }

    /// The drug file at `path`, loaded once (``DrugLibrary/load(path:)``).
    func drug(path: String) throws(ScenarioIssues) -> DrugDefinition {
        if let drug = drugs[path] { return drug }
        let drug = try DrugLibrary.load(path: path)
        drugs[path] = drug
        if let bytes = FileManager.default.contents(atPath: path) { filesRead[path] = bytes }
        return drug
    }

    /// The parsed root of `path`, or `nil` (reported). A file parsed before is not read again.
    func readRoot(path: String, includedFrom stack: [String], at includePath: ScenarioKeyPath? = nil,
                  includer: (file: String, line: Int?)? = nil) -> Node? {
        if let root = parsed[path] { return root }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            if let includer {
                issues.append(ScenarioIssue(file: includer.file, line: includer.line,
                                            keyPath: includePath?.description ?? "include",
                                            problem: "cannot read included file '\(path)'",
                                            fix: "Give a path relative to \(includer.file) that exists, e.g. ../drugs/baclofen.yaml."))
            } else if let bytes = FileManager.default.contents(atPath: path), let bad = Self.firstInvalidUTF8(in: bytes) {
                issues.append(ScenarioIssue(file: path, line: bad.line, keyPath: "",
                                            problem: String(format: "is not UTF-8 text: byte 0x%02X at byte offset %d cannot start or continue a character", bad.byte, bad.offset),
                                            fix: "Save the file as UTF-8 (re-type the character on this line)."))
            } else {
                issues.append(ScenarioIssue(file: path, keyPath: "", problem: "cannot read the file",
                                            fix: "Check that the path exists and is a readable UTF-8 text file."))
            }
            return nil
        }
        filesRead[path] = Data(text.utf8)
        let reader = ScenarioNodeReader(file: path)
        let root = reader.parse(text)
        issues += reader.issues
        if let root, reader.issues.isEmpty { parsed[path] = root }
        return root
    }

    /// The first byte of `data` that breaks UTF-8, with its line (1-based) and offset, or nil.
    static func firstInvalidUTF8(in data: Data) -> (line: Int, offset: Int, byte: UInt8)? {
        let bytes = [UInt8](data)
        var line = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, i, b)
            }
            if length > 1 {
                guard i + length <= bytes.count,
                      String(decoding: bytes[i..<(i + length)], as: UTF8.self).unicodeScalars.allSatisfy({ $0 != "\u{FFFD}" }),
                      bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) else {
                    return (line, i, b)
                }
            }
            if b == 0x0A { line += 1 }
            i += length
        }
        return nil
    }

    /// `node` with an `include:` key replaced by the included file's content (itself resolved),
    /// with the other keys of `node` laid over it as overrides (mappings merge key by key; other
    /// values replace). Nodes without `include:` come back unchanged.
    func resolveIncludes(_ node: Node, file: String, at path: ScenarioKeyPath, stack: [String]) -> Node? {
        guard case .mapping(let mapping) = node,
              let includeNode = mapping.first(where: { $0.key.string == "include" })?.value else {
            return node
        }
        guard let relative = includeNode.string, !relative.isEmpty else {
            issues.append(ScenarioIssue(file: file, line: includeNode.mark?.line, keyPath: path.appending("include").description,
                                        problem: "must be a file path", fix: "Write include: followed by a path, e.g. ../models/alcohol-default.yaml."))
            return nil
        }
        let target = Self.resolve(relative, from: file)
        let canonical = (target as NSString).standardizingPath
        if stack.contains(canonical) {
            let chain = (stack + [canonical]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
            issues.append(ScenarioIssue(file: file, line: includeNode.mark?.line, keyPath: path.appending("include").description,
                                        problem: "cyclic include (\(chain))", fix: "Remove the include that leads back to a file already being read."))
            return nil
        }
        guard let included = readRoot(path: target, includedFrom: stack, at: path.appending("include"),
                                      includer: (file, includeNode.mark?.line)),
              let resolved = resolveIncludes(included, file: target, at: .root, stack: stack + [canonical]) else {
            return nil
        }
        var overrides = mapping
        overrides[Node("include")] = nil
        if !overrides.isEmpty, case .mapping = resolved {} else if !overrides.isEmpty {
            // Keys beside include: merge into the included mapping; anything else would be
            // dropped without a word.
            issues.append(ScenarioIssue(file: file, line: includeNode.mark?.line, keyPath: path.appending("include").description,
                                        problem: "the included file '\(relative)' is \(Self.shortKind(of: resolved)), not a mapping, so the keys beside include: cannot merge into it",
                                        fix: "Include a file whose top level is a mapping of this block's keys, or drop the keys beside include:."))
            return nil
        }
        if !overrides.isEmpty {
            issues += Self.partialDistributionOverrides(Node.mapping(overrides), on: resolved, at: path,
                                                        overrideFile: file, includedFile: relative)
        }
        return Self.overlay(overrides.isEmpty ? nil : Node.mapping(overrides), on: resolved)
    }

    /// The keys a distribution is written with (covariate margins, age, DSM-5 criteria, baseline
    /// heavy drinking days): a mapping of only these, with at least one that sets a form, is a
    /// distribution, and a distribution is one value: an override gives all of it.
    static let distributionKeys: Set<String> = ["fixed", "uniform", "mean", "sd", "median", "log_sd", "lower", "upper", "binomial_p"]
    static let distributionFormKeys: Set<String> = ["fixed", "uniform", "mean", "sd", "median", "log_sd", "binomial_p"]

    /// The distribution keys `node` is written with, or nil when it is not a distribution.
    static func distributionKeys(of node: Node) -> [String]? {
        guard case .mapping(let mapping) = node else { return nil }
        let keys: [String] = Array(mapping.keys.compactMap(\.string))
        guard keys.count == mapping.count, !keys.isEmpty, keys.allSatisfy(distributionKeys.contains),
              keys.contains(where: distributionFormKeys.contains) else { return nil }
        return keys
    }

    /// Problems where an override beside `include:` would merge into a distribution of the
    /// included file key by key: its other keys would silently survive (an old bound cutting
    /// the new distribution, or a second form beside the new one). Each names both places.
    static func partialDistributionOverrides(_ top: Node, on base: Node, at path: ScenarioKeyPath,
                                             overrideFile: String, includedFile: String) -> [ScenarioIssue] {
        guard case .mapping(let over) = top, case .mapping(let under) = base else { return [] }
        var found: [ScenarioIssue] = []
        for (key, value) in over {
            guard let name = key.string, let existing = under[key] else { continue }
            let here = path.appending(name)
            if let given = distributionKeys(of: value), let kept = distributionKeys(of: existing) {
                let stale = kept.filter { !given.contains($0) }
                guard !stale.isEmpty else { continue }
                let keptText = stale.map { k in "\(k): \(existing[Node(k)].map(Self.inlineText) ?? "?")" }.joined(separator: ", ")
                // The example: the override as given, with the included keys of the same form
                // (median with log_sd, mean with sd) and, when the form takes them, the bounds.
                func family(_ k: String) -> String { ["median": "log", "log_sd": "log", "mean": "normal", "sd": "normal"][k] ?? k }
                let forms = Set(given.filter(distributionFormKeys.contains).map(family))
                let takesBounds = !forms.contains("fixed") && !forms.contains("uniform")
                let restated = stale.filter { k in (k == "lower" || k == "upper") ? takesBounds : forms.contains(family(k)) }
                let example = (given + restated).map { k in
                    "\(k): \((value[Node(k)] ?? existing[Node(k)]).map(Self.inlineText) ?? "?")"
                }.joined(separator: ", ")
                let line = existing.mark.map { " line \($0.line)" } ?? ""
                found.append(ScenarioIssue(
                    file: overrideFile, line: value.mark?.line ?? key.mark?.line, keyPath: here.description,
                    problem: "overrides part of a distribution: the included file '\(includedFile)'\(line) also gives \(keptText), which would be kept beside \(given.joined(separator: ", ")) (a distribution is not merged key by key)",
                    fix: "Give the whole distribution here, restating what you want kept, e.g. {\(example)}."))
            } else {
                found += partialDistributionOverrides(value, on: existing, at: here, overrideFile: overrideFile, includedFile: includedFile)
            }
        }
        return found
    }

    /// A scalar's text, or a flow list of scalars (for messages).
    static func inlineText(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string
        case .sequence(let items): "[" + items.map(inlineText).joined(separator: ", ") + "]"
        default: "{…}"
        }
    }

    /// What a node is, in two words (never its text: an included file may be anything).
    static func shortKind(of node: Node) -> String {
        switch node {
        case .scalar: "a single value or plain text"
        case .sequence: "a list"
        default: "a mapping"
        }
    }

    /// `path` relative to the folder of `file` (absolute paths unchanged).
    static func resolve(_ path: String, from file: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }

    /// Deep merge: keys of `top` replace or (for mappings on both sides) merge into `base`; a
    /// distribution replaces a distribution whole (``partialDistributionOverrides(_:on:at:overrideFile:includedFile:)``
    /// reports the keys that would otherwise have survived).
    static func overlay(_ top: Node?, on base: Node) -> Node {
        guard let top else { return base }
        guard case .mapping(var merged) = base, case .mapping(let over) = top else { return top }
        if distributionKeys(of: top) != nil && distributionKeys(of: base) != nil { return top }
        for (key, value) in over {
            if let existing = merged[key] {
                merged[key] = overlay(value, on: existing)
            } else {
                merged[key] = value
            }
        }
        return .mapping(merged)
    }
}
