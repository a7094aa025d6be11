import Foundation
import Testing
@testable import Baclosim

/// Strategy-specific inputs (`arms[i].economics`): one scenario with an arm's own utilities and
/// psychosocial schedule gives, arm by arm, exactly what two separate scenarios give (the
/// scenario's economics for the other arms, the arm's keys for that arm), so its frontier is
/// the one computed by hand from the separate runs.
@Suite(.serialized) struct ArmEconomicsTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios").path

    /// The 12-month UK scenario at 300 subjects, with `armEconomics` under baclofen30 and
    /// `scenarioEconomics` beside the include, written into a temporary `Scenarios/economics`
    /// whose neighbours link to the shipped folders.
    static func run(armEconomics: String?, scenarioEconomics: String?) throws -> CostEffectivenessAnalysis {
        let manager = FileManager.default
        let root = manager.temporaryDirectory.appendingPathComponent("arm-economics-\(UUID().uuidString)/Scenarios")
        try manager.createDirectory(at: root.appendingPathComponent("economics"), withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: root.deletingLastPathComponent()) }
        for entry in try manager.contentsOfDirectory(atPath: shipped) where entry != "economics" {
            try manager.createSymbolicLink(atPath: root.appendingPathComponent(entry).path, withDestinationPath: shipped + "/" + entry)
        }
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("economics/inputs").path, withDestinationPath: shipped + "/economics/inputs")
        var text = try String(contentsOfFile: shipped + "/economics/uk-relapse-prevention-12m.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "run: {subjects: 20000, seed: 2026, horizon_days: 365}", with: "run: {subjects: 300, seed: 2026, horizon_days: 365}")
        if let scenarioEconomics {
            text = text.replacingOccurrences(of: "economics: {include: inputs/uk-nhs.yaml}", with: "economics: {include: inputs/uk-nhs.yaml, \(scenarioEconomics)}")
        }
        if let armEconomics {
            text = text.replacingOccurrences(of: "  - name: baclofen30\n", with: "  - name: baclofen30\n    economics: {\(armEconomics)}\n")
        }
        let path = root.appendingPathComponent("economics/s.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try Simulation(scenario: Scenario.load(path: path)).run(threads: 2)
        return try #require(try report.costEffectiveness())
    }

    static let own = "utility_by_risk_level: {abstinent: 0.9, low: 0.88, medium: 0.85, high: 0.7, very_high: 0.6}, "
        + "psychosocial_sessions: {unit_cost: 200, schedule: [{first_day: 0, every_days: 14, last_day: 364}]}"

    @Test func oneScenarioEqualsSeparateScenariosArmByArm() throws {
        let combined = try Self.run(armEconomics: Self.own, scenarioEconomics: nil)
        let base = try Self.run(armEconomics: nil, scenarioEconomics: nil)
        let changed = try Self.run(armEconomics: nil, scenarioEconomics: Self.own)
        let names = combined.arms.map(\.name)
        let special = try #require(names.firstIndex(of: "baclofen30"))
        for (a, arm) in combined.arms.enumerated() {
            let separate = a == special ? changed.arms[a] : base.arms[a]
            #expect(arm.cost == separate.cost, "\(arm.name) cost")
            #expect(arm.qalys == separate.qalys, "\(arm.name) QALYs")
            #expect(arm.costByCategory == separate.costByCategory, "\(arm.name) costs by category")
        }
        // The arm's inputs changed its outcomes (else the test proves nothing).
        #expect(combined.arms[special].cost != base.arms[special].cost)
        #expect(combined.arms[special].qalys != base.arms[special].qalys)
        // The frontier by hand, from the separate runs' numbers.
        let byHand = EfficientFrontier(costs: combined.arms.indices.map { $0 == special ? changed.arms[$0].cost : base.arms[$0].cost },
                                       effects: combined.arms.indices.map { $0 == special ? changed.arms[$0].qalys : base.arms[$0].qalys })
        #expect(combined.frontier == byHand)
    }

    @Test func armEconomicsAreCheckedLikeTheScenarios() throws {
        let lines = try ScenarioText.issueLines(ScenarioText.twoArmPlacebo(name: "arm_economics", then: """
        economics:
          utility_by_risk_level: {abstinent: 0.8, low: 0.8, medium: 0.8, high: 0.7, very_high: 0.6}
        """).replacingOccurrences(of: "psychosocial_therapy: true\n", with: "psychosocial_therapy: true\n    economics: {currency: USD, unscheduled_visit_cost: -5}\n"))
        #expect(lines.contains { $0.contains("economics.currency: unknown key") }, "\(lines)")
        #expect(lines.contains { $0.contains("arms[1].economics.unscheduled_visit_cost: must be in [0, ") }, "\(lines)")
    }
}
