import Foundation
import Testing
@testable import Baclosim

@Suite struct ProbabilisticSensitivityAnalysisTests {
    private func run(draws: Int, threads: Int) throws -> PSARunResult {
        let template = try ScenarioTemplate(path: sweepFixture)
        let psa = try #require(try template.scenario().psa)
        return try ProbabilisticSensitivityAnalysis.run(template: template, definition: psa, draws: draws, subjects: 20, threads: threads)
    }

    @Test func twoIndependentRunsAreIdenticalWhateverTheThreads() throws {
        let first = try run(draws: 3, threads: 1)
        let second = try run(draws: 3, threads: 3)
        #expect(first == second)
        let files = try PSAReport(result: first, willingnessToPay: [0]).files()
        let again = try PSAReport(result: second, willingnessToPay: [0]).files()
        #expect(files.map(\.text) == again.map(\.text))
        #expect(files.map(\.name) == ["psa.csv", "psa_parameters.csv", "psa_binding.csv"])
    }

    @Test func drawValuesComeFromTheParameterSetsOwnStreamKeyedByDraw() throws {
        let result = try run(draws: 2, threads: 2)
        let scenario = try Scenario.load(path: sweepFixture)
        let psa = try #require(scenario.psa)
        for draw in 0..<2 {
            #expect(result.drawValues[draw] == (try psa.parameterSet.draw(iteration: draw, seed: scenario.run.seed)))
        }
        #expect(result.drawValues[0] != result.drawValues[1])
        #expect(result.valueNames.first == "drugs.baclofen.effect.emax")
        // A draw's scenario carries the drawn values at their key paths.
        let drawn = try Scenario.load(path: sweepFixture, overrides: psa.overrides(values: result.drawValues[1]))
        #expect(drawn.arms[1].treatment?.pharmacodynamics.responder.emax == result.drawValues[1][0])
        if case .constant(let h)? = drawn.drinking.states[0].drinkingHazard?.baseline {
            #expect(h == result.drawValues[1][1])
        } else {
            Issue.record("the drinking hazard is no longer constant")
        }
    }

    @Test func costAndQALYMetricsGiveTheCostEffectivenessOutputs() throws {
        // A synthetic PSA: arm b costs 100 more and gains 0.01 QALY in every draw but the last,
        // where it loses 0.005.
        let arms = ["a", "b"]
        var rows: [[OutcomeRow]] = []
        for draw in 0..<4 {
            let gain = draw == 3 ? -0.005 : 0.01
            rows.append([
                OutcomeRow(arm: "a", metric: "cost", kind: .arm, mean: 1000, se: 10),
                OutcomeRow(arm: "a", metric: "qalys", kind: .arm, mean: 0.5 + 0.01 * Double(draw), se: 0.001),
                OutcomeRow(arm: "b", metric: "cost", kind: .arm, mean: 1100, se: 10),
                OutcomeRow(arm: "b", metric: "qalys", kind: .arm, mean: 0.5 + 0.01 * Double(draw) + gain, se: 0.001),
            ])
        }
        let result = PSARunResult(armNames: arms, valueNames: ["x"], drawValues: [[1], [2], [3], [4]], rows: rows)
        let report = try PSAReport(result: result, willingnessToPay: [0, 20000])
        #expect(report.note == nil)
        let files = Dictionary(uniqueKeysWithValues: report.files().map { ($0.name, $0.text) })
        #expect(Set(files.keys) == ["psa.csv", "psa_parameters.csv", "ceac.csv", "evpi.csv", "evppi.csv", "ce-plane.csv", "psa-noise.csv", "ceac.svg", "ce-plane.svg"])
        // λ = 20000: NMB(b) − NMB(a) = 20000·0.01 − 100 = 100 in 3 draws, −200 in one: P(b) = 0.75,
        // and b has the higher expected NMB ((300 − 200)/4 = 25 > 0).
        #expect(files["ceac.csv"]?.contains("20000.0,b,0.75,1") == true)
        // EVPI(20000) = E[max NMB − NMB(b)] = (3·0 + 200)/4 = 50.
        let evpi = try #require(report.summary?.expectedValueOfPerfectInformation(willingnessToPay: [20000]).first)
        #expect(abs(evpi.evpi - 50) < 1e-9 && evpi.optimalArm == "b")
        #expect(files["ce-plane.svg"]?.hasPrefix("<svg") == true && files["ceac.svg"]?.contains("polyline") == true)
        #expect(report.noiseLines.count == 2)
    }
}
