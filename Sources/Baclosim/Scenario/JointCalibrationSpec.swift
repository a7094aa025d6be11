import Foundation
import Yams

/// A joint calibration (`baclosim calibrate FILE` where FILE lists `scenarios:`): one shared
/// parameter set fitted to the `targets:` of several trial scenarios at once.
///
/// The file names the scenarios (paths relative to it) and a `calibration:` block of the same
/// form as a scenario's (parameters by key path, subjects per evaluation, iteration limit). A
/// parameter is set in every scenario whose tree has its key path (the shared model files the
/// scenarios include give them the same paths) and must reach at least one.
public struct JointCalibrationSpec: Sendable {
    /// The joint calibration's name.
    public var name: String
    /// What it fits, in words.
    public var description: String
    /// The file, as given.
    public var path: String
    /// The scenario files, resolved against the file's folder.
    public var scenarioPaths: [String]
    /// Parameters, subjects, iteration limit and tolerance.
    public var definition: CalibrationDefinition

    /// The version of the joint calibration format (its own; scenario files have theirs).
    static let schemaVersion = 1

    /// Whether the YAML file at `path` is a joint calibration (its top level lists `scenarios:`)
    /// rather than a scenario. False when it cannot be read (the scenario reader then says why).
    public static func isJointCalibration(path: String) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let root = try? Yams.compose(yaml: text), case .mapping(let top) = root else { return false }
        return top.keys.contains { $0.string == "scenarios" }
    }

    /// Reads the file at `path` and the scenarios it lists.
    /// - Returns: the spec and one parsed template per scenario, in `scenarios:` order.
    /// - Throws: ``ScenarioIssues``: every problem of the file and of the scenarios, each located.
    static func load(path: String) throws(ScenarioIssues) -> (JointCalibrationSpec, [ScenarioTemplate]) {
        let loader = ScenarioLoader()
        guard let root = loader.readRoot(path: path, includedFrom: []), loader.issues.isEmpty else {
            throw ScenarioIssues(loader.issues)
        }
        let reader = ScenarioNodeReader(file: path)
        guard let top = reader.declared(root, at: .root, as: .jointCalibration) else { throw ScenarioIssues(reader.issues) }
        let name = top.text("name")
        let description = top.text("description") ?? ""
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var templates: [ScenarioTemplate] = []
        var paths: [String] = []
        var otherIssues: [ScenarioIssue] = []
        if let files = top.texts("scenarios") {
            if files.count < 2 {
                reader.report(top.path.appending("scenarios"), at: top.value("scenarios"), "lists \(files.count) scenario\(files.count == 1 ? "" : "s")",
                              fix: "List at least two scenarios (one scenario is fitted with its own calibration: block).")
            }
            var seen: Set<String> = []
            for (index, file) in files.enumerated() {
                let item = top.item("scenarios", index)
                let resolved = file.hasPrefix("/") ? file : folder.appendingPathComponent(file).path
                guard seen.insert(resolved).inserted else {
                    reader.report(item.path, at: item.node, "\(file) is listed twice", fix: "List each scenario once.")
                    continue
                }
                do {
                    let template = try ScenarioTemplate(path: resolved)
                    let scenario = try template.scenario()
                    if scenario.targets.isEmpty {
                        reader.report(item.path, at: item.node, "\(file) has no targets: to fit",
                                      fix: "Add its published results as targets:, or leave it out.")
                    }
                    templates.append(template)
                    paths.append(resolved)
                } catch {
                    otherIssues += error.issues
                }
            }
        }
        var definition: CalibrationDefinition?
        if let block = top.block("calibration"), otherIssues.isEmpty, templates.count == paths.count {
            definition = reader.calibrationDefinition(block, hasTargets: true) { entry in
                guard let key = entry.text("key") else { return nil }
                var firstFailure: ScenarioOverride.Failure?
                for template in templates {
                    do throws(ScenarioOverride.Failure) {
                        return (key, try ScenarioOverride.value(at: key, in: template.root, file: template.path, loader: template.loader))
                    } catch {
                        if firstFailure == nil { firstFailure = error }
                    }
                }
                if var failure = firstFailure {
                    failure.problem += " in any of the \(templates.count) scenarios"
                    reader.report(failure.issue(file: path, under: entry.path.appending("key").description, line: entry.value("key")?.mark?.line))
                }
                return nil
            }
        }
        let issues = reader.issues + otherIssues
        guard issues.isEmpty, let name, let definition else {
            throw ScenarioIssues(issues.isEmpty
                ? [ScenarioIssue(file: path, keyPath: "", problem: "could not be read", fix: "Check the file against Scenarios/trials/README.md.")]
                : issues)
        }
        return (JointCalibrationSpec(name: name, description: description, path: path, scenarioPaths: paths, definition: definition), templates)
    }
}
