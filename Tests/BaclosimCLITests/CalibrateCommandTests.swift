import Foundation
import Testing

/// `baclosim calibrate` end to end on the small fixture (Tests/Fixtures/scenarios/calibrate-small.yaml:
/// 2 arms, 300 subjects, 28 days): exit status, the fit printed, the include file written and
/// usable by a scenario's `overrides:` block, and scenario errors as FILE:LINE: key.path lines.
@Suite(.serialized) struct CalibrateCommandTests {
    static let fixtures = BaclosimBinary.repositoryRoot.appendingPathComponent("Tests/Fixtures/scenarios")

    @Test func calibrateWritesAnIncludeThatAScenarioCanUse() throws {
        let folder = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("fit.yaml").path
        let result = try BaclosimBinary.run(["calibrate", "Tests/Fixtures/scenarios/calibrate-small.yaml", "--subjects", "150",
                                             "--max-iterations", "4", "--threads", "2", "--out", out])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("Calibration of calibrate-small (Tests/Fixtures/scenarios/calibrate-small.yaml): 1 parameter, 1 target; 150 subjects per evaluation, seed 7"))
        #expect(result.standardOutput.contains("| drugs.baclofen.effect.emax | 0.01 | 0.99 | linear | 0.3 |"))
        #expect(result.standardOutput.contains("| pda_md | pda baclofen30 − placebo | 1 | 0.025 (0.015 to 0.035) |"))
        let include = try String(contentsOfFile: out, encoding: .utf8)
        #expect(include.contains("written by `baclosim calibrate Tests/Fixtures/scenarios/calibrate-small.yaml --subjects 150 --max-iterations 4 --out \(out)`"))
        let entry = try #require(include.split(separator: "\n").first { !$0.hasPrefix("#") })
        let fitted = try #require(Double(entry.split(separator: " ")[1]))
        #expect(entry.hasPrefix("drugs.baclofen.effect.emax: ") && fitted > 0.01 && fitted < 0.99)

        // A copy of the fixture (relative paths made absolute) that takes the fit.
        let scenario = folder.appendingPathComponent("uses-fit.yaml").path
        try (Self.fixtureText() + "\noverrides: {include: fit.yaml}\n").write(toFile: scenario, atomically: true, encoding: .utf8)
        let validated = try BaclosimBinary.run(["validate", scenario])
        #expect(validated.status == 0, "\(validated.standardError)")
    }

    /// The fixture's text with its relative paths made absolute, so a copy works in any folder.
    static func fixtureText() throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent("calibrate-small.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "../../../Scenarios/", with: BaclosimBinary.repositoryRoot.path + "/Scenarios/")
            .replacingOccurrences(of: "include: sweep-small-drinking.yaml", with: "include: \(fixtures.path)/sweep-small-drinking.yaml")
    }

    @Test func scenarioErrorsExitNonZeroWithFileLineAndKeyPath() throws {
        let folder = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = folder.appendingPathComponent("broken.yaml").path
        let text = try Self.fixtureText()
            .replacingOccurrences(of: "{key: drugs.baclofen.effect.emax, initial: 0.3, lower: 0.01, upper: 0.99}",
                                  with: "{key: drugs.baclofen.effect.emx, initial: 0.3, lower: 0.99, upper: 0.01}")
        try text.write(toFile: scenario, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("effect.emx") }! + 1
        let result = try BaclosimBinary.run(["calibrate", scenario, "--threads", "1"])
        #expect(result.status == 2)
        #expect(result.errorLines == [
            "\(scenario):\(line): calibration.parameters[0].key: drugs.baclofen.effect.emx: no such key in the scenario. Use one of: exposure, emax, ec50_mg_per_L. Did you mean 'emax'?",
            "\(scenario):\(line): calibration.parameters[0].lower: lower 0.99 is not below upper 0.01. Write lower < upper, e.g. lower: 0.05, upper: 0.95.",
        ])
        let missing = try BaclosimBinary.run(["calibrate", "Tests/Fixtures/scenarios/sweep-small.yaml", "--threads", "1"])
        #expect(missing.status == 2)
        #expect(missing.errorLines.first?.hasPrefix("Tests/Fixtures/scenarios/sweep-small.yaml: no calibration: block.") == true)
    }
}
