import Foundation
import Testing
@testable import Baclosim

/// The societal perspective and alcohol-attributable events of a scenario, against the hospital
/// cost by drinking-risk level the engine already counts (the same level each day, the same days
/// lived): productivity and crime tables equal to (twice) the hospital table give equal (twice)
/// costs, bit for bit; an event whose rate per year is 36.525 × the hospital cost per day has a
/// tenth as many expected events per subject as the hospital cost; counting them changes nothing
/// else.
/// The UK 12-month scenario with no deaths and no discounting, so a day lived is a day counted.
@Suite struct SocietalPerspectiveTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A copy of `uk-relapse-prevention-12m.yaml` beside an economics file of the UK inputs
    /// without mortality and discounting, plus `extra` lines; returns the scenario's path.
    static func scenario(_ extra: String, in folder: URL) throws -> String {
        let scenarios = repository.appendingPathComponent("Scenarios")
        let economics = folder.appendingPathComponent("economics")
        try FileManager.default.createDirectory(at: economics.appendingPathComponent("inputs"), withIntermediateDirectories: true)
        for link in ["models", "drugs"] where !FileManager.default.fileExists(atPath: folder.appendingPathComponent(link).path) {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(link), withDestinationURL: scenarios.appendingPathComponent(link))
        }
        let inputs = try String(contentsOf: scenarios.appendingPathComponent("economics/inputs/uk-nhs.yaml"), encoding: .utf8)
        var kept = inputs.components(separatedBy: "\nmortality:")[0]
        kept = kept.replacingOccurrences(of: "discount_rates: {costs_per_year: 0.035, effects_per_year: 0.035}", with: "discount_rates: {costs_per_year: 0, effects_per_year: 0}")
        let name = "inputs-\(abs(extra.hashValue)).yaml"
        try (kept + "\n" + extra).write(to: economics.appendingPathComponent("inputs/" + name), atomically: true, encoding: .utf8)
        let text = try String(contentsOf: scenarios.appendingPathComponent("economics/uk-relapse-prevention-12m.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "economics: {include: inputs/uk-nhs.yaml}", with: "economics: {include: inputs/\(name)}")
        let path = economics.appendingPathComponent("scenario-\(abs(extra.hashValue)).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func societalCostsAndEventsFollowTheRiskLevel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("societal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let hospital = [0.50, 0.60, 1.00, 2.00, 4.00]
        func table(_ values: [Double]) -> String {
            "{abstinent: \(values[0]), low: \(values[1]), medium: \(values[2]), high: \(values[3]), very_high: \(values[4])}"
        }
        let societal = """
        productivity_cost_per_day_by_risk_level: \(table(hospital))
        crime_cost_per_day_by_risk_level: \(table(hospital.map { 2 * $0 }))
        alcohol_attributable_events:
          admissions: {rates_per_year_by_risk_level: \(table(hospital.map { $0 * 36.525 }))}
          injuries: {rates_per_year_by_risk_level: {abstinent: 0, low: 0, medium: 0, high: 0.5, very_high: 1}}
        """
        let withPath = try Self.scenario(societal, in: folder)
        let withoutPath = try Self.scenario("", in: folder)
        let with = try Simulation(scenario: try Scenario.load(path: withPath)).run(subjects: 200, threads: 2)
        let without = try Simulation(scenario: try Scenario.load(path: withoutPath)).run(subjects: 200, threads: 2)
        func mean(_ report: RunReport, _ arm: String, _ metric: String) -> Double {
            report.table.armRows.first { $0.arm == arm && $0.metric == metric }?.mean ?? .nan
        }
        for arm in with.result.layout.arms {
            let hospitalCost = mean(with, arm, "cost_hospital")
            #expect(hospitalCost > 0)
            #expect(mean(with, arm, "cost_productivity") == hospitalCost, "\(arm)")
            #expect(mean(with, arm, "cost_crime") == 2 * hospitalCost, "\(arm)")
            #expect(abs(10 * mean(with, arm, "events_admissions") - hospitalCost) <= 1e-12 * hospitalCost, "\(arm)")
            // Injuries only at high and very high levels: fewer than the days at those levels allow.
            let injuries = mean(with, arm, "events_injuries")
            #expect(injuries >= 0 && injuries <= 1.0 * 365 / 365.25 + 1e-12, "\(arm)")
            // Everything else is unchanged: the health-care costs, QALYs; the total grows by the societal costs.
            #expect(mean(with, arm, "qalys") == mean(without, arm, "qalys"))
            #expect(mean(with, arm, "cost_hospital") == mean(without, arm, "cost_hospital"))
            let added = mean(with, arm, "cost") - mean(without, arm, "cost")
            #expect(abs(added - 3 * hospitalCost) <= 1e-9 * mean(with, arm, "cost"), "\(arm)")
        }
        #expect(!without.result.layout.metrics.map(\.name).contains("cost_productivity"))
        // events.csv: per 100,000, and avoided against the first arm as the paired difference.
        let files = try with.files()
        let events = try #require(files.first { $0.name == "events.csv" }?.text).split(separator: "\n")
        #expect(events.first == "event,arm,comparator,per_100000,ci_low,ci_high,avoided_per_100000,avoided_ci_low,avoided_ci_high")
        let arms = with.result.layout.arms
        #expect(events.count == 1 + 2 * arms.count)
        for (a, arm) in arms.enumerated() {
            let row = events[1 + a].split(separator: ",", omittingEmptySubsequences: false)
            #expect(row[0] == "admissions" && row[1] == Substring(arm))
            #expect(abs(Double(row[3])! - 100_000 * mean(with, arm, "events_admissions")) <= 1e-6)
            if a > 0 {
                let avoided = 100_000 * (mean(with, arms[0], "events_admissions") - mean(with, arm, "events_admissions"))
                #expect(abs(Double(row[6])! - avoided) <= 1e-6 * max(1, abs(avoided)), "\(arm)")
                #expect(Double(row[7])! <= Double(row[6])! && Double(row[6])! <= Double(row[8])!)
            } else {
                #expect(row[6].isEmpty)
            }
        }
        let ce = try #require(files.first { $0.name == "ce.md" }?.text)
        #expect(ce.contains("| productivity | crime | total |"))
        #expect(ce.contains("a societal perspective"))
    }

    @Test func badSocietalInputsAreNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("societal-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.scenario("""
        productivity_cost_per_day_by_risk_level: {abstinent: 0, low: 0, medium: 1, high: 2}
        alcohol_attributable_events:
          bad-name: {rates_per_year_by_risk_level: {abstinent: 0, low: 0, medium: 0, high: 0.5, very_high: -1}}
        """, in: folder)
        let issues: [ScenarioIssue]
        do { _ = try Scenario.load(path: path); issues = [] } catch { issues = error.issues }
        let shown = issues.map { "\($0.keyPath): \($0.problem)" }
        #expect(shown.contains { $0.hasPrefix("economics.productivity_cost_per_day_by_risk_level.very_high: missing") }, "\(shown)")
        #expect(shown.contains { $0.contains("bad-name") && $0.contains("not a valid name") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("economics.alcohol_attributable_events.bad-name.rates_per_year_by_risk_level.very_high") }, "\(shown)")
    }
}
