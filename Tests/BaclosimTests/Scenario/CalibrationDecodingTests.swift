import Foundation
import Testing
@testable import Baclosim

/// The `calibration:` block and the `overrides:` block: valid ones decode; broken ones report
/// every problem with file, line, key path and fix.
@Suite struct CalibrationDecodingTests {
    /// ``TargetsDecodingTests``' two-arm scenario (lines 1–18) with one target (line 19) and `tail` from line 20.
    static func scenario(_ tail: String) -> String {
        TargetsDecodingTests.scenario(targets: """
            targets: [{name: pda_md, metric: pda, difference: [therapy, placebo], value: 0.09, interval: [0.03, 0.15], source: S}]

            """ + tail)
    }

    func load(_ text: String, extra: [String: String] = [:]) throws -> (Result<Scenario, ScenarioIssues>, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("calibration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, content) in extra { try content.write(toFile: folder.appendingPathComponent(name).path, atomically: true, encoding: .utf8) }
        let path = folder.appendingPathComponent("s.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do { return (.success(try Scenario.load(path: path)), path) } catch { return (.failure(error), path) }
    }

    @Test func validBlockDecodesWithDefaultsAndTheScenarioValueAsStart() throws {
        let (result, _) = try load(Self.scenario("""
            calibration:
              parameters:
                - {key: craving.cues.rate_per_day, lower: 0.001, upper: 1, scale: log}
                - {key: craving.theta_per_day, initial: 0.2, lower: 0.01, upper: 2}
            """))
        let calibration = try #require(try result.get().calibration)
        #expect(calibration.subjects == CalibrationDefinition.defaultSubjects)
        #expect(calibration.maxIterations == CalibrationDefinition.defaultMaxIterations)
        #expect(calibration.parameters.map(\.keyPath) == ["craving.cues.rate_per_day", "craving.theta_per_day"])
        #expect(calibration.parameters[0].isLogScale)
        #expect(calibration.parameters[0].initial == 0.05)   // the included model's value
        #expect(calibration.parameters[1].initial == 0.2)
    }

    @Test func invertedBoundsAndUnknownKeyPathGiveExactErrors() throws {
        let (result, path) = try load(Self.scenario("""
            calibration:
              parameters:
                - {key: craving.theta_per_day, initial: 0.2, lower: 0.9, upper: 0.1}
                - {key: drugs.baclofen.effect.emax, lower: 0.1, upper: 0.9}
                - {key: craving.theta_per_dya, lower: 0.1, upper: 0.9}
                - {key: craving.theta_per_day, initial: 0, lower: 0, upper: 1, scale: log}
            """))
        guard case .failure(let issues) = result else { Issue.record("expected errors"); return }
        #expect(issues.issues.map(\.description) == [
            "\(path):22: calibration.parameters[0].lower: lower 0.9 is not below upper 0.1. Write lower < upper, e.g. lower: 0.05, upper: 0.95.",
            "\(path):23: calibration.parameters[1].key: drugs: no such key in the scenario. Use one of: schema_version, name, run, population, craving, drinking, arms, endpoints, targets, calibration.",
            "\(path):24: calibration.parameters[2].key: craving.theta_per_dya: no such key in the scenario. Use one of: description, theta_per_day, sigma_per_sqrt_day, psychosocial_multiplier, priming, early_withdrawal, cues. Did you mean 'theta_per_day'?",
            "\(path):25: calibration.parameters[3].key: craving.theta_per_day is already fitted by parameters[0]. Fit each value once.",
            "\(path):25: calibration.parameters[3].lower: must be above 0 on the log scale (found 0). Give a positive lower bound, e.g. 1e-4, or use scale: linear.",
        ])
    }

    @Test func startOutsideBoundsAndMissingTargetsAreErrors() throws {
        let (result, path) = try load(TargetsDecodingTests.scenario(targets: """
            calibration:
              parameters: [{key: craving.theta_per_day, initial: 2, lower: 0.01, upper: 1}]
            """))
        guard case .failure(let issues) = result else { Issue.record("expected errors"); return }
        #expect(issues.issues.map(\.description) == [
            "\(path):20: calibration: has no targets to fit. Add a targets: block with the published values (and weight:) the parameters are fitted to.",
            "\(path):20: calibration.parameters[0].initial: start value 2 is not strictly between lower 0.01 and upper 1. Give initial: inside the bounds, or widen them.",
        ])
    }

    @Test func overridesBlockAppliesAnIncludedFitAndItsOwnEntriesWin() throws {
        let fit = "# header\ncraving.theta_per_day: 0.4\ncraving.sigma_per_sqrt_day: 0.5\n"
        let (result, _) = try load(Self.scenario("""
            overrides:
              include: fit.yaml
              craving.sigma_per_sqrt_day: 0.6
            """), extra: ["fit.yaml": fit])
        let scenario = try result.get()
        #expect(scenario.craving.reversionPerDay == 0.4)
        #expect(scenario.craving.volatility == 0.6)
    }

    @Test func overridesBlockErrorsNameTheFileAndLineOfTheEntry() throws {
        let fit = "craving.theta_per_dya: 0.4\n"
        let (result, path) = try load(Self.scenario("""
            overrides:
              include: fit.yaml
              craving.sigma_per_sqrt_day: high
            """), extra: ["fit.yaml": fit])
        guard case .failure(let issues) = result else { Issue.record("expected errors"); return }
        let folder = (path as NSString).deletingLastPathComponent
        #expect(issues.issues.map(\.description) == [
            "\(folder)/fit.yaml:1: overrides.craving.theta_per_dya: no such key in the scenario. Use one of: description, theta_per_day, sigma_per_sqrt_day, psychosocial_multiplier, priming, early_withdrawal, cues. Did you mean 'theta_per_day'?",
            "\(path):22: overrides.craving.sigma_per_sqrt_day: is 'high', not a number. Give the number this key path takes.",
        ])
    }

    @Test func missingOverridesIncludeIsReportedOnce() throws {
        let (result, path) = try load(Self.scenario("overrides: {include: nowhere.yaml}\n"))
        guard case .failure(let issues) = result else { Issue.record("expected errors"); return }
        #expect(issues.issues.map(\.description) == [
            "\(path):20: overrides.include: cannot read included file '\((path as NSString).deletingLastPathComponent)/nowhere.yaml'. Give a path relative to \(path) that exists, e.g. ../drugs/baclofen.yaml.",
        ])
    }
}
