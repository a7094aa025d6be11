import Foundation
import Yams

/// The scenario's own `overrides:` block: numbers replaced at key paths before decoding, so a
/// scenario can take the output of `baclosim calibrate` (a file of `key.path: value` lines) as
/// `overrides: {include: fit.yaml}`, with sibling entries overriding the included ones:
///
/// ```yaml
/// overrides:
///   include: jonas2014.calibrated.yaml        # written by baclosim calibrate
///   drugs.naltrexone.effect.emax: 0.25         # this one wins over the included value
/// ```
///
/// Applied once to the parsed document, before sweep, PSA and calibration overrides (which
/// therefore win over it), and before any block is decoded; the block is then removed from the
/// document (its declaration, ``BlockDeclaration/scenario``, serves the schema and the docs).
extension ScenarioOverride {
    /// Top-level key of the block.
    static let declaredKey = "overrides"

    /// `root` with every `key.path: number` of its `overrides:` block applied (included file
    /// first, then the block's own entries), and the problems found (file and line of the entry).
    static func applyingDeclared(to root: Node, file: String, loader: ScenarioLoader) -> (node: Node, issues: [ScenarioIssue]) {
        guard case .mapping(let top) = root, let block = top[Node(declaredKey)] else { return (root, []) }
        let blockPath = ScenarioKeyPath.root.appending(declaredKey)
        guard case .mapping(let mapping) = block else {
            return (root, [ScenarioIssue(file: file, line: block.mark?.line, keyPath: blockPath.description,
                                         problem: "is \(ScenarioNodeReader.kind(of: block)), not a mapping",
                                         fix: "Give key paths and numbers, e.g. overrides: {drugs.baclofen.effect.emax: 0.5}, or {include: fit.yaml}.")])
        }
        var issues: [ScenarioIssue] = []
        var entries: [(key: String, value: Node, file: String)] = []
        if let include = mapping[Node("include")] {
            guard let relative = include.string, !relative.isEmpty else {
                return (root, [ScenarioIssue(file: file, line: include.mark?.line, keyPath: blockPath.appending("include").description,
                                             problem: "must be a file path", fix: "Write include: followed by a path, e.g. fit.calibrated.yaml.")])
            }
            let target = ScenarioLoader.resolve(relative, from: file)
            // A file that cannot be read or parsed is reported in `loader.issues` (not repeated here).
            guard let included = loader.readRoot(path: target, includedFrom: [(file as NSString).standardizingPath],
                                                 at: blockPath.appending("include"), includer: (file, include.mark?.line)) else {
                return (root, [])
            }
            if case .mapping(let fitted) = included {
                for (key, value) in fitted { entries.append((key.string ?? "", value, target)) }
            } else if !ScenarioNodeReader.isNull(included) {
                issues.append(ScenarioIssue(file: target, line: included.mark?.line, keyPath: "",
                                            problem: "is \(ScenarioNodeReader.kind(of: included)), not a mapping of key paths to numbers",
                                            fix: "Write one key.path: number per line (as baclosim calibrate writes it)."))
            }
        }
        for (key, value) in mapping where key.string != "include" { entries.append((key.string ?? "", value, file)) }

        var node = root
        for entry in entries {
            let path = blockPath.appending(entry.key).description
            guard case .scalar(let scalar) = entry.value, scalar.style == .plain || scalar.style == .any,
                  let number = Double(scalar.string.trimmingCharacters(in: .whitespaces)), number.isFinite else {
                issues.append(ScenarioIssue(file: entry.file, line: entry.value.mark?.line, keyPath: path,
                                            problem: "is \(ScenarioNodeReader.kind(of: entry.value)), not a number",
                                            fix: "Give the number this key path takes."))
                continue
            }
            guard entry.key != declaredKey, !entry.key.hasPrefix(declaredKey + "."), !entry.key.hasPrefix(declaredKey + "[") else {
                issues.append(ScenarioIssue(file: entry.file, line: entry.value.mark?.line, keyPath: path,
                                            problem: "overrides cannot override themselves", fix: "Remove this entry."))
                continue
            }
            do {
                node = try apply(number, at: entry.key, in: node, file: file, loader: loader)
            } catch {
                issues.append(ScenarioIssue(file: entry.file, line: entry.value.mark?.line, keyPath: path,
                                            problem: error.keyPath == entry.key ? error.problem : "\(error.keyPath): \(error.problem)", fix: error.fix))
            }
        }
        // Applied: the values now sit at their key paths, so the block itself is done.
        if case .mapping(var applied) = node {
            applied[Node(declaredKey)] = nil
            node = .mapping(applied)
        }
        return (node, issues)
    }
}
