import Foundation
import Testing
@testable import Baclosim

/// Fixture scenarios, found from this file's location (Tests/BaclosimTests/Scenario/).
let sweepFixtureFolder: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/scenarios").path
let sweepFixture = sweepFixtureFolder + "/sweep-small.yaml"

@Suite struct ScenarioOverrideTests {
    /// The constant baseline drinking hazard of the first state.
    private func baselineHazard(_ scenario: Scenario) -> Double? {
        if case .constant(let h)? = scenario.drinking.states.first?.drinkingHazard?.baseline { return h }
        return nil
    }

    @Test func overrideByIndexAndByArmNameReachTheSameValue() throws {
        let byIndex = try Scenario.load(path: sweepFixture, overrides: [("arms[1].regimen.maintenance_mg_per_day", 45)])
        let byName = try Scenario.load(path: sweepFixture, overrides: [("arms.baclofen30.regimen.maintenance_mg_per_day", 45)])
        #expect(byIndex.arms[1].treatment?.regimen.maintenanceMgPerDay == 45)
        #expect(byName.arms[1].treatment?.regimen.maintenanceMgPerDay == 45)
        let base = try Scenario.load(path: sweepFixture)
        #expect(base.arms[1].treatment?.regimen.maintenanceMgPerDay == 30)
    }

    @Test func overrideReachesDrugEffectAndValuesInsideIncludedBlocks() throws {
        let scenario = try Scenario.load(path: sweepFixture, overrides: [
            ("drugs.baclofen.effect.emax", 0.55),
            ("drinking.states[0].drinking_hazard.baseline.constant_per_day", 0.045),
        ])
        #expect(scenario.arms[1].treatment?.pharmacodynamics.responder.emax == 0.55)
        #expect(baselineHazard(scenario) == 0.045)
        #expect(try baselineHazard(Scenario.load(path: sweepFixture)) == 0.03)
    }

    @Test func templateDecodesCopiesSoOverridesDoNotLeakBetweenPoints() throws {
        let template = try ScenarioTemplate(path: sweepFixture)
        let changed = try template.scenario(overrides: [("drugs.baclofen.effect.emax", 0.2)])
        let again = try template.scenario()
        #expect(changed.arms[1].treatment?.pharmacodynamics.responder.emax == 0.2)
        #expect(again.arms[1].treatment?.pharmacodynamics.responder.emax == 0.7)
    }

    @Test func unknownPathIsAScenarioErrorNamingItWithASuggestion() {
        #expect {
            try Scenario.load(path: sweepFixture, overrides: [("drugs.baclofen.efect.emax", 0.5)])
        } throws: { error in
            let text = "\(error)"
            return text.contains("drugs.baclofen.efect") && text.contains("Did you mean 'effect'")
                && text.contains("sweep-small.yaml")
        }
        #expect {
            try Scenario.load(path: sweepFixture, overrides: [("arms.baclofen3.regimen.maintenance_mg_per_day", 5)])
        } throws: { error in "\(error)".contains("no item named 'baclofen3'") && "\(error)".contains("baclofen30") }
        #expect(throws: ScenarioIssues.self) {
            try Scenario.load(path: sweepFixture, overrides: [("arms[5].regimen.maintenance_mg_per_day", 5)])
        }
        #expect {
            try Scenario.load(path: sweepFixture, overrides: [("drugs.baclofen.effect", 5)])
        } throws: { error in "\(error)".contains("not a number") }
    }

    @Test func overriddenValueOutOfRangeIsReportedOnTheOriginalLine() {
        #expect {
            try Scenario.load(path: sweepFixture, overrides: [("drugs.baclofen.effect.emax", 1.5)])
        } throws: { error in
            guard let issues = error as? ScenarioIssues else { return false }
            return issues.issues.contains { $0.keyPath == "drugs.baclofen.effect.emax" && $0.line == 23 }
        }
    }

    @Test func templateReadsEachFileOnceSoLaterDecodesNeedNoFiles() throws {
        let folder = try BaclosimTestFolder()
        defer { folder.remove() }
        for name in ["sweep-small.yaml", "sweep-small-drinking.yaml"] {
            try FileManager.default.copyItem(atPath: sweepFixtureFolder + "/" + name, toPath: folder.url.appendingPathComponent(name).path)
        }
        let drug = folder.url.appendingPathComponent("rm1-baclofen.yaml").path
        try FileManager.default.copyItem(atPath: sweepFixtureFolder + "/../../../Scenarios/reference/rm1-baclofen.yaml", toPath: drug)
        let path = folder.url.appendingPathComponent("sweep-small.yaml").path
        try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "../../../Scenarios/reference/rm1-baclofen.yaml", with: "rm1-baclofen.yaml")
            .write(toFile: path, atomically: true, encoding: .utf8)

        let template = try ScenarioTemplate(path: path)
        _ = try template.scenario()
        let digest = template.digest
        for name in ["sweep-small.yaml", "sweep-small-drinking.yaml", "rm1-baclofen.yaml"] {
            try FileManager.default.removeItem(at: folder.url.appendingPathComponent(name))
        }
        let later = try template.scenario(overrides: [("drinking.states[0].drinking_hazard.baseline.constant_per_day", 0.05)])
        #expect(later.arms.count == 2)
        #expect(template.digest == digest)
    }
}
