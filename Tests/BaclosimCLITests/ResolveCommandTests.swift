import Foundation
import Testing

/// `baclosim resolve`: the scenario as it will run (includes merged with their sibling keys, the
/// `overrides:` block applied). The resolved file runs with byte-identical tables, and resolving
/// it again changes nothing.
@Suite struct ResolveCommandTests {
    @Test func theResolvedScenarioRunsTheSameAndResolvesToItself() throws {
        // rolland2018-highdose: includes for population, craving and drinking, and an overrides include.
        let scenario = "Scenarios/trials/rolland2018-highdose.yaml"
        let resolved = try RunCommandTests.baclosim(["resolve", scenario])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(!resolved.stdout.contains("include:") && !resolved.stdout.contains("overrides:"))
        // The fitted hazard of the overrides include is in place of the file's start value.
        #expect(resolved.stdout.contains("max_drug_hazard_per_day: 0.00722618") && resolved.stdout.contains("initial_state: abstinent"))
        let folder = RunCommandTests.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = (folder as NSString).appendingPathComponent("rolland-resolved.yaml")
        try resolved.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let again = try RunCommandTests.baclosim(["resolve", file])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == resolved.stdout)
        let a = RunCommandTests.temporaryFolder(), b = RunCommandTests.temporaryFolder()
        for (input, out) in [(scenario, a), (file, b)] {
            let run = try RunCommandTests.baclosim(["run", input, "--subjects", "300", "--threads", "2", "--quiet", "--out", out])
            #expect(run.status == 0, "\(run.stderr)")
        }
        for table in ["summary.csv", "differences.csv", "timeseries.csv"] {
            #expect(try RunCommandTests.read("\(a)/\(table)") == RunCommandTests.read("\(b)/\(table)"), "\(table)")
        }
    }

    @Test func aBrokenScenarioIsReportedNotResolved() throws {
        let result = try RunCommandTests.baclosim(["resolve", "Tests/Fixtures/invalid/many-problems.yaml"])
        #expect(result.status == 2 && result.stdout.isEmpty)
        #expect(result.stderr.contains("many-problems.yaml:11: run.subjects: must be ≥ 1"))
    }
}
