import Foundation
import Testing
@testable import Baclosim

/// The textbook models shipped in `Scenarios/textbook/` reproduce their published results to the
/// printed digits as cohorts (the targets and their sources: Scenarios/textbook/README.md), and
/// the microsimulation of the same file lands within 3 Monte Carlo standard errors of the
/// cohort expectation.
@Suite struct TextbookModelTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios/textbook").path

    static func model(_ name: String) throws -> StateTransitionModel {
        try StateTransitionModel.load(path: folder + "/" + name)
    }

    static func outcome(_ cohort: CohortTrace, _ strategy: String) -> StateTransitionOutcome {
        cohort.outcomes.first { $0.strategy == strategy }!
    }

    /// |x − printed| within half a unit of the printed last digit.
    static func matches(_ x: Double, _ printed: Double, digits: Int) -> Bool {
        abs(x - printed) <= 0.5 * pow(10, Double(-digits)) + 1e-9 * abs(printed)
    }

    /// Briggs, Claxton & Sculpher (2006), Example 2.5 (Chancellor et al. 1997).
    @Test func chancellorHIVReproducesTheBookToItsPrintedDigits() throws {
        let cohort = try CohortTrace(model: Self.model("chancellor-hiv.yaml"))
        let mono = Self.outcome(cohort, "monotherapy"), combo = Self.outcome(cohort, "combination")
        #expect(Self.matches(mono.cost, 44_663.4535637, digits: 7))
        #expect(Self.matches(mono.lifeYears, 7.9912066, digits: 7))
        #expect(Self.matches(combo.cost, 50_601.6513312, digits: 7))
        #expect(Self.matches(combo.lifeYears, 8.9373889, digits: 7))
        let icer = (combo.cost - mono.cost) / (combo.lifeYears - mono.lifeYears)
        #expect(Self.matches(icer, 6_275.95560, digits: 5))
        // Life-years are undiscounted in the book: discounted and undiscounted agree.
        #expect(mono.lifeYears == mono.lifeYearsUndiscounted)
        // The cost by item adds up, and lamivudine is charged in two cycles only.
        #expect(abs(combo.costByItem.reduce(0) { $0 + $1.cost } - combo.cost) < 1e-9)
        let lamivudine = combo.costByItem.first { $0.name == "lamivudine" }!.cost
        #expect(lamivudine > 2_086.5 * (1 / 1.06) && lamivudine < 2_086.5 * (1 / 1.06 + 1 / pow(1.06, 2)))
    }

    /// Alarid-Escudero et al. (2023), the time-independent Sick-Sicker cohort.
    @Test func sickSickerReproducesTheTutorialTable() throws {
        let model = try Self.model("sick-sicker.yaml")
        let cohort = try CohortTrace(model: model)
        let printed: [(String, Double, Double)] = [("standard_of_care", 151_579.87, 20.7113), ("A", 284_804.51, 21.4987),
                                                   ("B", 259_100.41, 22.1845), ("AB", 378_875.20, 23.1368)]
        for (strategy, cost, qalys) in printed {
            let o = Self.outcome(cohort, strategy)
            #expect(Self.matches(o.cost, cost, digits: 2), "\(strategy) cost \(o.cost)")
            #expect(Self.matches(o.qalys, qalys, digits: 4), "\(strategy) QALYs \(o.qalys)")
        }
        let report = StateTransitionReport(model: model, cohort: cohort, microsimulation: nil, file: Self.folder + "/sick-sicker.yaml")
        let frontier = report.frontier
        #expect(frontier.status == [.reference, .dominated, .frontier, .frontier])
        #expect(frontier.icer[2].map { $0.rounded() } == 72_988)
        #expect(frontier.icer[3].map { $0.rounded() } == 125_764)
    }

    /// Without the within-cycle correction the tutorial's standard of care is 153,541 / 21.5545:
    /// the correction switch is checked too.
    @Test func sickSickerWithoutTheCorrection() throws {
        var text = try String(contentsOfFile: Self.folder + "/sick-sicker.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "rewards: darth_simpson", with: "rewards: all_time_points")
        let cohort = try CohortTrace(model: StateTransitionModel.decode(yaml: text, file: "sick-sicker.yaml"))
        let o = Self.outcome(cohort, "standard_of_care")
        #expect(Self.matches(o.cost, 153_541, digits: 0))
        #expect(Self.matches(o.qalys, 21.5545, digits: 4))
    }

    /// Krijkamp et al. (2018): the exact expectation of the simple microsimulation.
    @Test func krijkampCohortIsTheExactExpectation() throws {
        let cohort = try CohortTrace(model: Self.model("krijkamp-sick-sicker-microsimulation.yaml"))
        let none = Self.outcome(cohort, "no_treatment"), treated = Self.outcome(cohort, "treatment")
        #expect(Self.matches(none.cost, 75_976, digits: 0))
        #expect(Self.matches(none.qalys, 15.839, digits: 3))
        #expect(Self.matches(treated.cost, 141_623, digits: 0))
        #expect(Self.matches(treated.qalys, 16.400, digits: 3))
        #expect(Self.matches(treated.cost - none.cost, 65_647, digits: 0))
        #expect(Self.matches(treated.qalys - none.qalys, 0.562, digits: 3))
        #expect(((treated.cost - none.cost) / (treated.qalys - none.qalys)).rounded() == 116_901)
    }

    /// The microsimulation of the Krijkamp model converges to the cohort expectation: each
    /// strategy's mean cost, QALYs and life-years, and the paired differences, within 3 Monte
    /// Carlo standard errors (a fault of a few per cent would sit tens of errors away). The state
    /// trace likewise, within 4 binomial standard errors at every time point.
    @Test func krijkampMicrosimulationLandsWithinThreeStandardErrors() throws {
        let model = try Self.model("krijkamp-sick-sicker-microsimulation.yaml")
        let cohort = try CohortTrace(model: model)
        let n = 20_000
        let micro = try StateTransitionMicrosimulation.run(model: model, subjects: n, seed: 7, threads: 2)
        for (s, o) in micro.outcomes.enumerated() {
            let exact = cohort.outcomes[s], se = micro.standardErrors[s]
            #expect(abs(o.cost - exact.cost) < 3 * se.cost, "\(o.strategy) cost \(o.cost) vs \(exact.cost) ± \(se.cost)")
            #expect(abs(o.qalys - exact.qalys) < 3 * se.qalys, "\(o.strategy) QALYs \(o.qalys) vs \(exact.qalys) ± \(se.qalys)")
            #expect(abs(o.lifeYears - exact.lifeYears) < 3 * se.lifeYears)
            for t in 0...model.cycleCount {
                for i in model.states.indices {
                    let p = cohort.occupancy[s][t][i]
                    let tolerance = 4 * (p * (1 - p) / Double(n)).squareRoot() + 1e-12
                    #expect(abs(micro.occupancy[s][t][i] - p) <= tolerance, "\(o.strategy) t=\(t) \(model.states[i].name)")
                }
            }
        }
        let d = micro.differences[0]
        #expect(abs(d.cost.mean - (cohort.outcomes[1].cost - cohort.outcomes[0].cost)) < 3 * d.cost.standardError)
        #expect(abs(d.qalys.mean - (cohort.outcomes[1].qalys - cohort.outcomes[0].qalys)) < 3 * d.qalys.standardError)
        // Common random numbers: the paired difference is far tighter than either arm.
        #expect(d.qalys.standardError < 0.5 * micro.standardErrors[0].qalys)
    }

    /// The same seed gives bit-identical results and files for 1 and 3 threads.
    @Test func microsimulationDoesNotDependOnThreads() throws {
        let path = Self.folder + "/sick-sicker.yaml"
        let model = try StateTransitionModel.load(path: path)
        let cohort = try CohortTrace(model: model)
        let one = try StateTransitionMicrosimulation.run(model: model, subjects: 2_500, seed: 3, threads: 1, blockSize: 200)
        let three = try StateTransitionMicrosimulation.run(model: model, subjects: 2_500, seed: 3, threads: 3, blockSize: 200)
        let a = StateTransitionReport(model: model, cohort: cohort, microsimulation: one, file: path).files()
        let b = StateTransitionReport(model: model, cohort: cohort, microsimulation: three, file: path).files()
        #expect(a.map(\.name) == b.map(\.name))
        #expect(a.map(\.text) == b.map(\.text))
        let other = try StateTransitionMicrosimulation.run(model: model, subjects: 2_500, seed: 4, threads: 1, blockSize: 200)
        #expect(other.outcomes[0].cost != one.outcomes[0].cost)
    }
}
