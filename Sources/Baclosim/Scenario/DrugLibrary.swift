import Foundation
import Yams

/// The drug library: one YAML file per drug in a folder (`Scenarios/drugs/<name>.yaml`), each with
/// named population PK models and a default regimen. Schema: `Scenarios/drugs/README.md`.
///
/// Loading reports every problem in a file at once, as ``ScenarioIssues``, each naming the file,
/// line, key path, problem and fix.
public struct DrugLibrary: Sendable {
    /// The folder holding `<name>.yaml` files.
    public var folder: String

    /// The library folder inside a Baclosim checkout.
    public static let defaultFolder = "Scenarios/drugs"

    /// A library in `folder` (default `Scenarios/drugs`, relative to the working directory).
    public init(folder: String = DrugLibrary.defaultFolder) {
        self.folder = folder
    }

    /// Names of the drugs in the library (file names without `.yaml`), sorted.
    public func drugNames() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The path of drug `name`'s file.
    public func path(ofDrug name: String) -> String {
        (folder as NSString).appendingPathComponent(name + ".yaml")
    }

    /// Loads drug `name` from the library, or a drug file when `nameOrPath` contains `/` or ends
    /// in `.yaml`.
    public func load(_ nameOrPath: String) throws(ScenarioIssues) -> DrugDefinition {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") {
            return try Self.load(path: nameOrPath)
        }
        let name = nameOrPath
        let valid = !name.isEmpty && name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-"
        }
        let available = drugNames()
        guard valid, available.contains(name) else {
            let list = available.isEmpty ? "none found in \(folder)" : available.joined(separator: ", ")
            throw ScenarioIssues([ScenarioIssue(
                file: folder, keyPath: "", problem: "no drug named '\(name)' in the library",
                fix: "Use one of: \(list)." + ParameterProblem.didYouMean(name, among: available))])
        }
        return try Self.load(path: path(ofDrug: name))
    }

    /// Loads the drug file at `path`; its `drug:` key must match the file name.
    public static func load(path: String) throws(ScenarioIssues) -> DrugDefinition {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioIssues([ScenarioIssue(
                file: path, keyPath: "", problem: "cannot read the file",
                fix: "Check that the path exists and is a readable UTF-8 text file.")])
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try decode(yaml: text, file: path, expectedName: stem)
    }

    /// Decodes a drug document from `yaml`; `file` is used in messages, and `expectedName`, when
    /// given, must equal the `drug:` key.
    public static func decode(yaml: String, file: String, expectedName: String? = nil) throws(ScenarioIssues)
        -> DrugDefinition {
        let reader = ScenarioNodeReader(file: file)
        reader.readme = "Scenarios/drugs/README.md"
        guard let root = reader.parse(yaml, readme: reader.readme) else { throw ScenarioIssues(reader.issues) }
        let drug = reader.drug(from: root, expectedName: expectedName)
        guard let drug, reader.issues.isEmpty else {
            throw ScenarioIssues(reader.issues.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        return drug
    }
}
