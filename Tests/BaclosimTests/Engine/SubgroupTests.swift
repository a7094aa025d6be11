import Foundation
import Testing
@testable import Baclosim

/// Subgroups (issue 18): a partition of the population (women, men) sums to the whole run in
/// every arm (counts, means weighted by counts, Kaplan–Meier counts), an overlapping subgroup is
/// counted as it is defined, and the subgroup tables are written; located decoding errors.
@Suite struct SubgroupTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/scenarios")

    @Test func aPartitionSumsToTheWhole() throws {
        var scenario = try Scenario.load(path: Self.fixtures.appendingPathComponent("trial-power.yaml").path)
        scenario.subgroups = [SubgroupDefinition(name: "women", sex: .female), SubgroupDefinition(name: "men", sex: .male),
                              SubgroupDefinition(name: "heavy", baselineDrinksPerDay: 12...1000)]
        scenario.endpoints.append(NamedEndpoint(name: "first_drink", definition: .timeToFirstDrink(DayWindow(firstDay: 0, lastDay: 27), .complete)))
        let report = try Simulation(scenario: scenario).run(subjects: 1500, threads: 2)
        let result = report.result
        let women = result.subgroup(0), men = result.subgroup(1)
        let layout = result.layout
        for arm in layout.arms.indices {
            #expect(women.includedSubjects[arm] + men.includedSubjects[arm] == result.includedSubjects[arm])
            #expect(women.includedSubjects[arm] > 500 && men.includedSubjects[arm] > 500)
            for m in layout.metrics.indices {
                let w = women.outcomes.mean(arm: arm, metric: m), k = men.outcomes.mean(arm: arm, metric: m)
                let whole = result.outcomes.mean(arm: arm, metric: m)
                guard let wm = w.meanIfAny, let km = k.meanIfAny, let all = whole.meanIfAny else { continue }
                let pooled = (wm * Double(w.count) + km * Double(k.count)) / Double(w.count + k.count)
                #expect(abs(pooled - all) < 1e-12, "\(layout.metrics[m].name)")
            }
            #expect(layout.endpoints == ["first_drink"])
            for e in layout.endpoints.indices {
                let rowsW = women.outcomes.survival(arm: arm, endpoint: e).table(), rowsM = men.outcomes.survival(arm: arm, endpoint: e).table()
                let rows = result.outcomes.survival(arm: arm, endpoint: e).table()
                for d in rows.indices {
                    #expect(rowsW[d].events + rowsM[d].events == rows[d].events && rowsW[d].atRisk + rowsM[d].atRisk == rows[d].atRisk)
                }
            }
        }
        // The default baseline drinks (median 10, no spread) put nobody at 12 or more.
        #expect(result.subgroup(2).includedSubjects.allSatisfy { $0 == 0 })
        let files = try report.files().map(\.name)
        #expect(files.contains("subgroups.csv") && files.contains("subgroup-effects.csv"))
        #expect(files.contains("subgroup-km.csv") == !layout.endpoints.isEmpty)
        let csv = SubgroupTables.summaryCSV(result)
        #expect(csv.hasPrefix("subgroup,arm,metric,mean,se,ci_low,ci_high\n"))
        #expect(csv.contains("\nwomen,control,subjects,\(women.includedSubjects[0]),,,\n"))
        #expect(csv.contains("\nmen,treated-control,abstinent,"))
        // The same tables for any thread count.
        let one = try Simulation(scenario: scenario).run(subjects: 400, threads: 1)
        let three = try Simulation(scenario: scenario).run(subjects: 400, threads: 3)
        #expect(SubgroupTables.summaryCSV(one.result) == SubgroupTables.summaryCSV(three.result))
        #expect(SubgroupTables.kaplanMeierCSV(one.result) == SubgroupTables.kaplanMeierCSV(three.result))
    }

    @Test func subgroupsDecodeAndBadOnesAreLocated() throws {
        let base = try String(contentsOf: Self.fixtures.appendingPathComponent("trial-power.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "\nendpoints:", with: "\nsubgroups:\n  - {name: women, sex: female, age_years: [18, 64]}\n  - {name: liver, liver_disease: [compensated, cirrhosis], psychiatric: true}\nendpoints:")
        let fixed = base.replacingOccurrences(of: "schema_version: 1", with: "schema_version: 1")
        let scenario = try ScenarioText.load(fixed).get()
        #expect(scenario.subgroups == [SubgroupDefinition(name: "women", sex: .female, ageYears: 18...64),
                                       SubgroupDefinition(name: "liver", liver: [.compensated, .cirrhosis], psychiatric: true)])
        let bad = base.replacingOccurrences(of: "{name: women, sex: female, age_years: [18, 64]}", with: "{name: women, age_years: [64, 18]}")
            .replacingOccurrences(of: "{name: liver, liver_disease: [compensated, cirrhosis], psychiatric: true}", with: "{name: everyone}")
        let lines = try ScenarioText.issueLines(bad)
        #expect(lines.contains { $0.contains("subgroups[0].age_years: must be [low, high] with low ≤ high") })
        #expect(lines.contains { $0.contains("subgroups[1]: has no condition, so it is the whole population") })
    }
}
