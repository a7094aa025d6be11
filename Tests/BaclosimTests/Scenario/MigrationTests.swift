import Foundation
import Testing
@testable import Baclosim

/// `baclosim migrate` (issue 20): a schema_version 1 file is rewritten for version 2 with only the
/// renamed keys, the key paths naming them and the version changed; comments and layout stay;
/// the result loads; a current file is left alone; other kinds of file are refused.
@Suite struct MigrationTests {
    /// A version 1 economics scenario written the old way, with comments, quoting and flow style.
    static func versionOne(name: String) -> String {
        ScenarioText.twoArmPlacebo(name: name, then: """
        economics:
          currency: GBP
          price_year: 2024
          hospitalisation_cost_per_day: {abstinent: 0.5, low: 0.6, medium: 1, high: 2, very_high: 4}   # hospital
          utilities:                    # by level
            abstinent: 0.80
            low: 0.83
            medium: 0.85
            high: 0.78
            very_high: 0.72
        psa:
          draws: 2
          parameters:
            - {key: economics.utilities.high, distribution: beta, mean: 0.78, se: 0.03}
            - {key: "economics.hospitalisation_cost_per_day.low", distribution: gamma, mean: 0.6, se: 0.1}
          correlations:
            - {between: [economics.utilities.high, 'economics.hospitalisation_cost_per_day.low'], rho: 0.5}
        """).replacingOccurrences(of: "schema_version: 2", with: "schema_version: 1")
    }

    @Test func aVersionOneFileIsRewrittenAndThenLoads() throws {
        let old = Self.versionOne(name: "migrate")
        // Before: the version is refused with the way out, and each old key is told its new name.
        guard case .failure(let refused) = try ScenarioText.load(old) else { Issue.record("version 1 loaded"); return }
        let messages = refused.issues.map(\.description)
        #expect(messages.contains { $0.contains("schema_version: version 1 is older than this Baclosim's 2. Run `baclosim migrate") && $0.contains("economics.utilities → economics.utility_by_risk_level") }, "\(messages)")
        #expect(messages.contains { $0.contains(":23: economics.utilities: 'utilities' is called 'utility_by_risk_level' since schema_version 2") }, "\(messages)")
        #expect(!messages.contains { $0.contains("utility_by_risk_level: missing") }, "\(messages)")

        let outcome = try ScenarioMigration.migrate(text: old, file: "s.yaml")
        #expect(outcome.changes.count == 7, "\(outcome.changes)")
        #expect(outcome.changes.first == "line 1: 1 → 2")
        let expected = old
            .replacingOccurrences(of: "schema_version: 1", with: "schema_version: 2")
            .replacingOccurrences(of: "hospitalisation_cost_per_day", with: "hospitalisation_cost_per_day_by_risk_level")
            .replacingOccurrences(of: "utilities", with: "utility_by_risk_level")
        #expect(outcome.text == expected)
        let migrated = try ScenarioText.load(outcome.text).get()
        #expect(migrated.economics?.utilities.utilityByRiskLevel[.high] == 0.78)
        #expect(migrated.psa?.parameterSet.parameters.map(\.keyPath) == ["economics.utility_by_risk_level.high", "economics.hospitalisation_cost_per_day_by_risk_level.low"])
        // Migrating again changes nothing.
        #expect(try ScenarioMigration.migrate(text: outcome.text, file: "s.yaml").changed == false)
    }

    /// In a current file, a key path through an old name is told the new one.
    @Test func anOldKeyPathInACurrentFileNamesTheNewOne() throws {
        let text = ScenarioText.twoArmPlacebo(name: "old-path", then: """
        economics:
          currency: GBP
          price_year: 2024
          utility_by_risk_level: {abstinent: 0.8, low: 0.8, medium: 0.8, high: 0.7, very_high: 0.6}
        psa:
          draws: 2
          parameters:
            - {key: economics.utilities.high, distribution: beta, mean: 0.7, se: 0.03}
        """)
        let lines = try ScenarioText.issueLines(text)
        #expect(lines.contains { $0.contains("'utilities' is called 'utility_by_risk_level' since schema_version 2") && $0.contains("economics.utility_by_risk_level") }, "\(lines)")
    }

    @Test func otherFilesAreRefusedAndNewerVersionsToo() {
        #expect(throws: ScenarioIssues.self) { try ScenarioMigration.migrate(text: "schema_version: 1\ndrug: baclofen\n", file: "d.yaml") }
        #expect(throws: ScenarioIssues.self) { try ScenarioMigration.migrate(text: "schema_version: 1\nscenarios: [a.yaml]\n", file: "j.yaml") }
        #expect(throws: ScenarioIssues.self) { try ScenarioMigration.migrate(text: "schema_version: 9\narms: []\n", file: "s.yaml") }
        #expect(throws: ScenarioIssues.self) { try ScenarioMigration.migrate(text: "arms: []\n", file: "s.yaml") }
    }

    /// The renames come from the declarations.
    @Test func theRenamesAreTheDeclaredOnes() {
        #expect(KeyRename.all.map { "\($0.oldKeyPath) → \($0.newKeyPath)" }
                == ["economics.hospitalisation_cost_per_day → economics.hospitalisation_cost_per_day_by_risk_level",
                    "economics.utilities → economics.utility_by_risk_level"])
    }

    /// Every shipped scenario and scenario fixture is current: migrate changes nothing in them.
    @Test(arguments: ScenarioPropertyTests.shippedPaths)
    func everyShippedScenarioIsCurrent(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(try ScenarioMigration.migrate(text: text, file: path).changed == false)
    }
}
