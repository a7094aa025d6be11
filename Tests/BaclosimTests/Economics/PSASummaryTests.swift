import Testing
@testable import Baclosim

@Suite struct PSASummaryTests {
    /// Four draws of three arms (cost, QALYs), built so the winners are known by hand:
    /// λ = 0: A always (it costs nothing); λ = 10: A in draws 0 (tie with B), 1, 3 and B in 2;
    /// λ = 100: C in draws 0, 1, 3 and B in 2.
    let results: [PSADrawResult] = {
        let table: [[(Double, Double)]] = [
            [(0, 0), (10, 1), (50, 2)],
            [(0, 0), (10, 0.5), (50, 3)],
            [(0, 0), (10, 2), (50, 2.1)],
            [(0, 0), (20, 1), (30, 2)],
        ]
        return table.enumerated().flatMap { draw, arms in
            arms.enumerated().map { arm, value in PSADrawResult(draw: draw, arm: arm, cost: value.0, qalys: value.1) }
        }
    }()

    @Test func acceptabilityIsTheShareOfDrawsEachArmWins() throws {
        let summary = try PSASummary(armNames: ["A", "B", "C"], results: results.reversed())
        let points = summary.acceptability(willingnessToPay: [0, 10, 100])
        #expect(points.map(\.probabilityOptimal) == [1, 0, 0, 0.75, 0.25, 0, 0, 0.25, 0.75])
        #expect(points.map(\.isOptimalOnExpectation) == [true, false, false, true, false, false, false, false, true])
        #expect(summary.expectedNetBenefit(willingnessToPay: 10) == [0, -1.25, -22.25])
    }

    @Test func evpiIsZeroWhenOneArmAlwaysWinsAndPositiveOtherwise() throws {
        let summary = try PSASummary(armNames: ["A", "B", "C"], results: results)
        let points = summary.expectedValueOfPerfectInformation(willingnessToPay: [0, 10, 100])
        #expect(points[0].evpi == 0)
        // λ = 10: per-draw maxima 0, 0, 10, 0 → mean 2.5; best expected NMB is A's 0.
        #expect(points[1].evpi == 2.5)
        #expect(points[1].optimalArm == "A")
        #expect(points[2].evpi > 0)
    }

    @Test func evpiOfTheTwoDrawExampleIsFive() throws {
        // λ = 1: NMB (A, B) = (10, 0) in draw 0 and (0, 20) in draw 1.
        // E[max] = (10 + 20)/2 = 15; max E = max(5, 10) = 10; EVPI = 5.
        let summary = try PSASummary(armNames: ["A", "B"], results: [
            PSADrawResult(draw: 0, arm: 0, cost: 0, qalys: 10), PSADrawResult(draw: 0, arm: 1, cost: 0, qalys: 0),
            PSADrawResult(draw: 1, arm: 0, cost: 0, qalys: 0), PSADrawResult(draw: 1, arm: 1, cost: 0, qalys: 20),
        ])
        let point = summary.expectedValueOfPerfectInformation(willingnessToPay: [1])[0]
        #expect(point.evpi == 5)
        #expect(point.optimalArm == "B")
        #expect(summary.evpiCSV(willingnessToPay: [1]) == "wtp,evpi,optimal_arm\n1.0,5.0,B\n")
    }

    @Test func evpiOfARandomMatrixIsTheMeanOfMaximaMinusTheMaximumOfMeans() throws {
        // 500 draws × 4 arms from a fixed generator (SplitMix64), costs and QALYs overlapping so
        // the winner changes from draw to draw; EVPI recomputed here from the matrix itself.
        var state: UInt64 = 20_261_124
        func uniform() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / 9_007_199_254_740_992
        }
        let draws = 500, arms = 4
        var results: [PSADrawResult] = []
        for draw in 0..<draws {
            for arm in 0..<arms {
                results.append(PSADrawResult(draw: draw, arm: arm, cost: 1000 * Double(arm) + 2000 * uniform(),
                                             qalys: 0.8 + 0.02 * Double(arm) + 0.1 * uniform()))
            }
        }
        let summary = try PSASummary(armNames: ["a", "b", "c", "d"], results: results.shuffled())
        let lambdas = [0.0, 20_000, 50_000, 100_000]
        let points = summary.expectedValueOfPerfectInformation(willingnessToPay: lambdas)
        for (point, lambda) in zip(points, lambdas) {
            let nmb = (0..<draws).map { d in (0..<arms).map { a in lambda * results[d * arms + a].qalys - results[d * arms + a].cost } }
            let meanOfMaxima = nmb.map { $0.max()! }.reduce(0, +) / Double(draws)
            let means = (0..<arms).map { a in nmb.map { $0[a] }.reduce(0, +) / Double(draws) }
            let evpi = meanOfMaxima - means.max()!
            #expect(abs(point.evpi - evpi) <= 1e-9 * max(1, abs(meanOfMaxima)), "λ \(lambda): \(point.evpi) vs \(evpi)")
            #expect(point.optimalArm == ["a", "b", "c", "d"][means.firstIndex(of: means.max()!)!])
        }
        #expect(points[1].evpi > 0)  // the matrix is built so that λ = 20,000 has changing winners
    }

    @Test func innerLoopNoiseShareIsMeanSquaredErrorOverVarianceOfMeans() throws {
        // Means 1, 2, 3, 4: sample variance 5/3; every SE 0.5: mean SE² 0.25 → share 0.15.
        #expect(abs(PSASummary.innerLoopNoiseShare(means: [1, 2, 3, 4], standardErrors: [0.5, 0.5, 0.5, 0.5])! - 0.15) <= 1e-15)
        #expect(PSASummary.innerLoopNoiseShare(means: [1, 1], standardErrors: [0.1, 0.1]) == nil)
        #expect(PSASummary.innerLoopNoiseShare(means: [1, 2], standardErrors: [.nan, 0.1]) == nil)
        let withErrors = (0..<4).map { d in
            PSADrawResult(draw: d, arm: 0, cost: Double(d + 1), qalys: 1, costStandardError: 0.5, qalysStandardError: 0.1)
        }
        let noise = try PSASummary(armNames: ["only"], results: withErrors).innerLoopNoise()
        #expect(abs(noise[0].costShare! - 0.15) <= 1e-15)
        #expect(noise[0].qalysShare == nil)  // no spread in QALYs
    }

    @Test func cePlaneGivesEachDrawsDifferencesFromTheReference() throws {
        let summary = try PSASummary(armNames: ["A", "B", "C"], results: results)
        let plane = summary.costEffectivenessPlane(referenceArm: 1)
        #expect(plane.count == 8)
        #expect(plane[0] == CEPlanePoint(draw: 0, arm: "A", incrementalCost: -10, incrementalQALYs: -1))
        #expect(plane[7] == CEPlanePoint(draw: 3, arm: "C", incrementalCost: 10, incrementalQALYs: 1))
        #expect(summary.acceptabilityCSV(willingnessToPay: [0]).hasPrefix("wtp,arm,probability_optimal,optimal_on_expectation\n0.0,A,1.0,1\n"))
    }

    @Test func incompleteOrRepeatedResultsAreRejected() {
        #expect(throws: ParameterProblems.self) { try PSASummary(armNames: ["A", "B"], results: Array(results.prefix(3))) }
        #expect(throws: ParameterProblems.self) { try PSASummary(armNames: ["A"], results: [results[0], results[0]]) }
        #expect(throws: ParameterProblems.self) { try PSASummary(armNames: ["A"], results: [results[1]]) }
        #expect(throws: ParameterProblems.self) { try PSASummary(armNames: [], results: []) }
    }
}
