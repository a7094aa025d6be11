import Foundation
import Testing
@testable import Baclosim

/// Decoding a scenario given as text, for decoding tests: the text is written to `s.yaml` in a
/// fresh temporary folder (removed afterwards) and loaded as a user's file would be.
enum ScenarioText {
    /// The scenario, or the issues that rejected it.
    static func load(_ text: String) throws -> Result<Scenario, ScenarioIssues> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("s.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do { return .success(try Scenario.load(path: path)) } catch { return .failure(error) }
    }

    /// The issues of a rejected scenario as `line: key.path: problem. fix` (records a test
    /// issue and returns none when the scenario is accepted).
    static func issueLines(_ text: String) throws -> [String] {
        guard case .failure(let failure) = try load(text) else {
            Issue.record("expected the scenario to be rejected")
            return []
        }
        return failure.issues.map { "\($0.line.map(String.init) ?? "?"): \($0.keyPath): \($0.problem). \($0.fix)" }
    }
}
