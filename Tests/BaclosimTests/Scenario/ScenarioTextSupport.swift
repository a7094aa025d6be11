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

    /// The shipped model folder `Scenarios/models`, by absolute path (tests may run from any
    /// directory).
    static let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios/models").path

    /// A valid two-arm scenario without drugs (placebo and psychosocial therapy, the shipped
    /// AUD models, 28 days) named `name`, followed by `block`, which starts on line 19 so that
    /// tests can state the exact line of an issue in it.
    static func twoArmPlacebo(name: String, then block: String) -> String {
        """
        schema_version: 2
        name: \(name)
        run: {subjects: 10, seed: 1, horizon_days: 28}
        population: {include: \(models)/population-aud.yaml}
        craving: {include: \(models)/craving-default.yaml}
        drinking: {include: \(models)/alcohol-default.yaml}
        arms:
          - name: placebo
          - name: therapy
            psychosocial_therapy: true
        endpoints:
          - {name: abstinent, kind: continuous_abstinence}
          - {name: pda, kind: proportion_days_abstinent}
          - {name: dropout, kind: dropout}
        # line 15
        # line 16
        # line 17
        # line 18

        """ + block
    }
}
