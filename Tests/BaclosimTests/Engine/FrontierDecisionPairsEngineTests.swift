import Foundation
import Testing

@testable import Baclosim

/// A run with economics accumulates the cost and QALY differences of every pair of arms from the
/// same subjects, and `ce.csv` judges each frontier decision by them.
@Suite struct FrontierDecisionPairsEngineTests {
    @Test func everyPairIsAccumulatedAndAgreesWithTheReportedDifferences() throws {
        let path = SharedArmPrefixesTests.scenarios.appendingPathComponent("economics/uk-relapse-prevention-12m.yaml").path
        let simulation = try Simulation(scenario: try Scenario.load(path: path))
        let report = try simulation.run(subjects: 300, threads: 2)
        let layout = report.result.layout
        let arms = layout.arms.count
        #expect(layout.decisionPairs.count == arms * (arms - 1) / 2)
        // Not reported as effects: differences.csv keeps its rows.
        #expect(layout.differences.count == arms - 1)
        let analysis = try #require(try report.costEffectiveness())
        #expect(analysis.pairedDifferences.count == arms * (arms - 1) / 2)
        // A pair with the reference arm is the same accumulation as the reported difference.
        for a in 1..<arms {
            let pair = try #require(analysis.pairedDifference(a, minus: 0))
            for (metric, estimate) in [("cost", pair.cost), ("qalys", pair.qalys)] {
                let row = try #require(report.table.differenceRows.first { $0.arm == "\(layout.arms[a])-\(layout.arms[0])" && $0.metric == metric })
                #expect(row.mean == estimate.mean && row.se == estimate.standardError, "\(layout.arms[a]) \(metric)")
                #expect(estimate.subjects == 300)
            }
        }
        // Every arm but the reference gets a verdict, in both files.
        for a in 0..<arms where analysis.frontier.status[a] != .reference && analysis.frontier.status[a] != .identical {
            #expect(analysis.decisionEvidence(arm: a) != nil, "\(layout.arms[a])")
        }
        let ce = try #require(try report.files().first { $0.name == "ce.csv" }?.text)
        let lines = ce.split(separator: "\n")
        let column = try #require(lines[0].split(separator: ",").firstIndex(of: "decision_resolved"))
        for line in lines.dropFirst() where !line.contains(",reference,") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields[column] == "0" || fields[column] == "1", "\(line)")
        }
        // The same verdicts from one thread.
        let single = try simulation.run(subjects: 300, threads: 1)
        #expect(try single.files().first { $0.name == "ce.csv" }?.text == ce)
    }
}
