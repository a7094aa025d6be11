import Foundation
import Testing

@testable import Baclosim

/// A run with economics reports each arm's discounted cost by category; the categories add up to
/// the total and follow what each arm gives.
@Suite struct CostCategoryEngineTests {
    @Test func categoriesAddUpToTheCostAndFollowTheArms() throws {
        let path = SharedArmPrefixesTests.scenarios.appendingPathComponent("economics/uk-relapse-prevention-12m.yaml").path
        let report = try Simulation(scenario: try Scenario.load(path: path)).run(subjects: 300, threads: 2)
        let analysis = try #require(try report.costEffectiveness())
        for arm in analysis.arms {
            // A health-care perspective: no productivity or crime.
            #expect(Set(arm.costByCategory.keys) == Set(CostCategory.allCases.filter { !$0.isSocietal }))
            let sum = CostCategory.allCases.compactMap { arm.costByCategory[$0] }.reduce(0, +)
            #expect(abs(sum - arm.cost) <= 1e-9 * arm.cost, "\(arm.name): categories \(sum) vs cost \(arm.cost)")
            let drug = try #require(arm.costByCategory[.drug])
            // The psychosocial-only arm buys no drug; every drug arm does.
            #expect(arm.name == "psychosocial" ? drug == 0 : drug > 0, "\(arm.name): drug cost \(drug)")
            #expect(arm.costByCategory.values.allSatisfy { $0 >= 0 })
        }
        let text = try #require(try report.files().first { $0.name == "ce.md" }?.text)
        #expect(text.contains("### Cost breakdown"))
        #expect(text.contains("| arm | drug | monitoring | psychosocial | side effects | hospital | safety events | total |"))
        // The unit of the costs, in the manifest and on every row of ce.csv and nmb.csv.
        #expect(report.manifest.costs == CostUnits(currency: "GBP", priceYear: 2024))
        let files = try report.files()
        #expect(try #require(files.first { $0.name == "manifest.json" }?.text).contains("\"price_year\" : 2024"))
        for name in ["ce.csv", "nmb.csv"] {
            let rows = try #require(files.first { $0.name == name }?.text).split(separator: "\n")
            #expect(rows.first?.hasSuffix(",currency,price_year") == true, "\(name)")
            #expect(rows.dropFirst().allSatisfy { $0.hasSuffix(",GBP,2024") }, "\(name)")
        }
    }
}
