import Foundation
import Testing
@testable import Baclosim

/// `baclosim psa` on a state-transition model: draws re-read the file with the drawn values and
/// evaluate it as a cohort.
@Suite struct StateTransitionPSATests {
    static let chancellor = TextbookModelTests.folder + "/chancellor-hiv.yaml"

    /// The same seed gives byte-identical files for 1 and 3 threads; another seed differs.
    @Test func drawsDoNotDependOnThreads() throws {
        let model = try StateTransitionModel.load(path: Self.chancellor)
        let cohort = try CohortTrace(model: model)
        let one = try StateTransitionPSA.run(model: model, draws: 40, threads: 1)
        let three = try StateTransitionPSA.run(model: model, draws: 40, threads: 3)
        let a = try StateTransitionPSAReport(model: model, result: one, deterministic: cohort, file: Self.chancellor).files()
        let b = try StateTransitionPSAReport(model: model, result: three, deterministic: cohort, file: Self.chancellor).files()
        #expect(a.map(\.text) == b.map(\.text))
        let other = try StateTransitionPSA.run(model: model, draws: 40, seed: 2, threads: 1)
        #expect(other.values != one.values)
    }

    /// A count row drawn from a Dirichlet with the counts as concentrations: the mean drawn
    /// probability of each move is the observed share, within 4 standard errors of the mean
    /// (its variance from the Dirichlet: p(1 − p)/(α₀ + 1) per draw).
    @Test func countRowsAreDrawnAroundTheObservedShares() throws {
        let model = try StateTransitionModel.load(path: Self.chancellor)
        let draws = 400
        let result = try StateTransitionPSA.run(model: model, draws: draws, threads: 2)
        let counts: [(String, Double, Double)] = [("transitions[1].count", 350, 1734), ("transitions[5].count", 512, 1258), ("transitions[8].count", 437, 1749)]
        for (key, count, total) in counts {
            let column = try #require(result.valueNames.firstIndex(of: key))
            let values = result.values.map { $0[column] }
            let mean = values.reduce(0, +) / Double(draws)
            let p = count / total
            let se = (p * (1 - p) / (total + 1) / Double(draws)).squareRoot()
            #expect(abs(mean - p) < 4 * se, "\(key): \(mean) vs \(p) ± \(se)")
        }
        // The rows still sum to 1 in every draw (A's four moves).
        for row in result.values {
            let a = (0..<4).map { row[result.valueNames.firstIndex(of: "transitions[\($0)].count")!] }.reduce(0, +)
            #expect(abs(a - 1) < 1e-12)
        }
    }

    /// Every value drawn as `fixed` at the file's own value: each draw is the deterministic
    /// cohort, bit for bit (the draw is written into the file and read back exactly).
    @Test func fixedDrawsReproduceTheDeterministicCohort() throws {
        var text = try String(contentsOfFile: Self.chancellor, encoding: .utf8)
        let start = try #require(text.range(of: "\npsa:"))
        text = String(text[..<start.lowerBound]) + """

        psa:
          draws: 3
          parameters:
            - {key: "strategies.combination.transitions[0].relative_risk", distribution: fixed, value: 0.509}
            - {key: states.C.costs_per_year.community, distribution: fixed, value: 2059}
        """
        let model = try StateTransitionModel.decode(yaml: text, file: "fixed.yaml")
        let cohort = try CohortTrace(model: model)
        let result = try StateTransitionPSA.run(model: model, threads: 2)
        for outcomes in result.outcomes { #expect(outcomes == cohort.outcomes) }
    }

    /// EVPI(λ) = mean over draws of the best net benefit − the best mean net benefit, computed
    /// here from psa.csv's columns, equals evpi.csv; and the acceptability of each λ sums to 1.
    @Test func evpiIsTheIdentityOverTheDraws() throws {
        let model = try StateTransitionModel.load(path: Self.chancellor)
        let result = try StateTransitionPSA.run(model: model, draws: 200, threads: 2)
        let report = try StateTransitionPSAReport(model: model, result: result, deterministic: try CohortTrace(model: model), file: Self.chancellor)
        let evpi = report.summary.expectedValueOfPerfectInformation(willingnessToPay: [5_000, 7_500])
        for (i, lambda) in [5_000.0, 7_500].enumerated() {
            let nmb = result.outcomes.map { $0.map { lambda * $0.lifeYears - $0.cost } }
            let meanOfMax = nmb.map { $0.max()! }.reduce(0, +) / Double(nmb.count)
            let maxOfMean = (0..<2).map { s in nmb.map { $0[s] }.reduce(0, +) / Double(nmb.count) }.max()!
            #expect(abs(evpi[i].evpi - (meanOfMax - maxOfMean)) < 1e-6 * max(1, meanOfMax))
            let shares = report.summary.acceptability(willingnessToPay: [lambda]).map(\.probabilityOptimal)
            #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
        }
        #expect(evpi[0].evpi > 0)
    }

    @Test func badPSABlocksAreReported() {
        let text = StateTransitionFixtures.wellDead("""
        psa:
          count_rows: [well]
          parameters:
            - {key: states.well.cost, distribution: gamma, mean: 100, se: 10}
            - {key: cycle.count, distribution: normal, mean: 5, sd: 1}
        """)
        let issues: [ScenarioIssue]
        do { _ = try StateTransitionModel.decode(yaml: text, file: "p.yaml"); issues = [] } catch { issues = error.issues }
        let shown = issues.map { "\($0.line ?? 0) \($0.keyPath): \($0.problem)" }
        #expect(shown.contains { $0.hasPrefix("10 psa.count_rows[0]: the moves out of well are not given as counts") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("12 psa.parameters[0].key: 'states.well.cost' names no number") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("13 psa.parameters[1].key: 'cycle.count' cannot be drawn") }, "\(shown)")
    }

    /// A draw that breaks the model (a relative risk that pushes a row past 1) stops the PSA
    /// with the draw and the row named.
    @Test func anInvalidDrawIsNamed() throws {
        let text = """
        name: risky
        states:
          well: {cost_per_year: 100, utility: 1}
          ill: {cost_per_year: 500, utility: 0.5}
          dead: {dead: true}
        cycle: {length_years: 1, count: 3}
        transitions:
          - {from: well, to: ill, probability: 0.5}
          - {from: well, to: dead, probability: 0.3}
        strategies:
          usual: {}
          worse:
            transitions: [{from: [well], to: [ill], relative_risk: 1.2}]
        psa:
          draws: 50
          parameters:
            - {key: "strategies.worse.transitions[0].relative_risk", distribution: uniform, min: 1, max: 3}
        """
        let model = try StateTransitionModel.decode(yaml: text, file: "risky.yaml")
        do {
            _ = try StateTransitionPSA.run(model: model, threads: 2)
            Issue.record("an invalid draw passed")
        } catch let error as StateTransitionPSA.InvalidDraw {
            #expect(error.description.contains("gives an invalid model"))
            #expect(error.description.contains("strategies.worse"))
        }
    }
}
