import Foundation
import Testing
@testable import Baclosim

/// `baclosim trial` (issue 18) on a fixture with closed-form arm proportions
/// (`Tests/Fixtures/scenarios/trial-power.yaml`): the type-I error of identical arms is α within
/// its Monte Carlo error, the power of the χ² test matches the normal-approximation formula, and
/// the replicates are the same for any thread count.
@Suite struct TrialSimulationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/scenarios/trial-power.yaml").path

    /// Φ, the standard normal CDF.
    static func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    @Test func typeIErrorIsAlphaAndPowerMatchesTheClosedForm() throws {
        let scenario = try Scenario.load(path: Self.fixture)
        let replicates = 400, n = 60
        let report = try TrialSimulation(scenario: scenario).run(subjectsPerArm: [n], replicates: replicates, alpha: 0.05, threads: 2)
        let typeI = try #require(report.power.first { $0.comparison == "control_copy-control" })
        let treated = try #require(report.power.first { $0.comparison == "treated-control" })
        #expect(typeI.test == "chi_square" && typeI.replicates == replicates)
        // Rejection rate of identical arms: α within 4.5 Monte Carlo standard errors.
        let seTypeI = (0.05 * 0.95 / Double(replicates)).squareRoot()
        #expect(abs(typeI.power - 0.05) < 4.5 * seTypeI, "type-I error \(typeI.power)")
        // Power of the two-proportion test at p_c = e^{−0.56}, p_t = e^{−0.28}, n per arm:
        // Φ((|Δ| − z·√(2p̄q̄/n)) / √((p_c q_c + p_t q_t)/n)).
        let pc = exp(-0.56), pt = exp(-0.28), mean = (pc + pt) / 2
        let expected = Self.phi((abs(pt - pc) - 1.959964 * (2 * mean * (1 - mean) / Double(n)).squareRoot())
                                / ((pc * (1 - pc) + pt * (1 - pt)) / Double(n)).squareRoot())
        let sePower = (expected * (1 - expected) / Double(replicates)).squareRoot()
        #expect(abs(treated.power - expected) < 4.5 * sePower + 0.02, "power \(treated.power) vs \(expected)")
        // The estimate is unbiased for the risk difference, and 95 % intervals cover the pooled
        // value about 95 % of the time.
        #expect(abs(treated.estimateMean - (pt - pc)) < 0.02)
        #expect(treated.coverage > 0.9 && treated.coverage <= 1)
        // Each replicate is its own trial: the estimates vary.
        #expect(treated.estimateSD > 0.03 && treated.estimateSD < 0.15)
        #expect(report.rows.count == replicates * 2)
    }

    @Test func replicatesAreTheSameForAnyThreadCountAndSizesGiveACurve() throws {
        let scenario = try Scenario.load(path: Self.fixture)
        let one = try TrialSimulation(scenario: scenario).run(subjectsPerArm: [20, 80], replicates: 30, threads: 1)
        let three = try TrialSimulation(scenario: scenario).run(subjectsPerArm: [20, 80], replicates: 30, threads: 3)
        #expect(one.trialsCSV == three.trialsCSV && one.powerCSV == three.powerCSV)
        let small = try #require(one.power.first { $0.subjectsPerArm == 20 && $0.comparison == "treated-control" })
        let large = try #require(one.power.first { $0.subjectsPerArm == 80 && $0.comparison == "treated-control" })
        #expect(large.power > small.power)
        #expect(one.powerCSV.hasPrefix("subjects_per_arm,comparison,metric,test,replicates,alpha,power,"))
    }

    /// The tests against their closed forms: Pearson's χ² on a 2×2 table and Welch's t.
    @Test func theTrialTestsMatchTheirFormulas() throws {
        // 30/50 vs 20/50: χ² = 0.2²/(0.5·0.5·(2/50)) = 4, p = 0.0455.
        let chi = try #require(TrialTest.proportions(pA: 0.6, nA: 50, pB: 0.4, nB: 50))
        #expect(abs(chi.pValue - erfc((4.0 / 2).squareRoot())) < 1e-12 && abs(chi.pValue - 0.0455) < 5e-5)
        // Welch: means 5 and 3, variances 4 and 9, n 10 and 12: t = 2/√(0.4 + 0.75) = 1.865, df by
        // Welch–Satterthwaite = 1.15²/(0.4²/9 + 0.75²/11) = 19.19; p = 0.077546 (the t density
        // integrated numerically, independently of GSL).
        let t = try #require(TrialTest.means(meanA: 5, varianceA: 4, nA: 10, meanB: 3, varianceB: 9, nB: 12))
        #expect(t.estimate == 2)
        #expect(abs(t.pValue - 0.077546) < 1e-5, "\(t.pValue)")
        #expect(t.ciLow < 0 && t.ciHigh > 4 - 0.1)
    }

    /// Fisher's exact test against textbook values: the tea-tasting table (3 of 4 against 1 of 4:
    /// two-sided p = 34/70 = 0.4857) and 1/12 against 9/12 (p = 0.002759).
    @Test func fishersExactTestMatchesTheTextbook() throws {
        let tea = try #require(TrialTest.fisher(xA: 3, nA: 4, xB: 1, nB: 4))
        #expect(tea.test == "fisher" && abs(tea.pValue - 34.0 / 70.0) < 1e-12)
        let dieting = try #require(TrialTest.fisher(xA: 1, nA: 12, xB: 9, nB: 12))
        #expect(abs(dieting.pValue - 0.002759) < 5e-6, "\(dieting.pValue)")
        #expect(dieting.estimate == 1.0 / 12 - 9.0 / 12)
        // Identical proportions: p = 1.
        #expect(try #require(TrialTest.fisher(xA: 5, nA: 10, xB: 5, nB: 10)).pValue == 1)
    }

    @Test func anEndpointCanAskForFishersTestAndAWrongTestIsLocated() throws {
        let text = try String(contentsOf: URL(fileURLWithPath: Self.fixture), encoding: .utf8)
        let fisher = text.replacingOccurrences(of: "kind: continuous_abstinence, window_days: [0, 27]}",
                                               with: "kind: continuous_abstinence, window_days: [0, 27], test: fisher}")
        let scenario = try ScenarioText.load(fisher).get()
        #expect(scenario.endpoints[0].trialTest == .fisher)
        let report = try TrialSimulation(scenario: scenario).run(subjectsPerArm: [15], replicates: 5, threads: 1)
        #expect(report.power.allSatisfy { $0.test == "fisher" })
        let wrong = text.replacingOccurrences(of: "kind: continuous_abstinence, window_days: [0, 27]}",
                                              with: "kind: continuous_abstinence, window_days: [0, 27], test: log_rank}")
        #expect(try ScenarioText.issueLines(wrong).contains { $0.contains("endpoints[0].test: log_rank does not apply to a continuous_abstinence endpoint. Use chi_square or fisher.") })
        let wilcoxon = text.replacingOccurrences(of: "kind: continuous_abstinence, window_days: [0, 27]}",
                                                 with: "kind: continuous_abstinence, window_days: [0, 27], test: wilcoxon}")
        #expect(try ScenarioText.issueLines(wilcoxon).contains { $0.contains("endpoints[0].test: wilcoxon does not apply to a continuous_abstinence endpoint. Use chi_square or fisher.") })
    }

    /// The rank-sum test against R's `wilcox.test(x, y, exact = FALSE, correct = TRUE)` (and
    /// SciPy's `mannwhitneyu(…, use_continuity=True, method="asymptotic")`), without and with
    /// ties; the Mann–Whitney probability and DeLong's standard error against a direct count of
    /// pairs (placement values computed one by one).
    @Test func theRankSumTestMatchesReferenceValues() throws {
        let x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
        let y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
        let r = try #require(TrialTest.rankSum(x, y))
        // W = 58 of 81 pairs; p = 0.1329.
        #expect(r.test == "wilcoxon" && abs(r.estimate - 58.0 / 81) < 1e-12)
        #expect(abs(r.pValue - 0.13291945818531892) < 1e-9, "\(r.pValue)")
        let se = 0.14724519064045138
        #expect(abs(r.ciLow - (58.0 / 81 - 1.96 * se)) < 1e-9 && r.ciHigh == 1)
        // Ties within and across samples: U = 17.5 of 80, p = 0.04613, SE 0.10907.
        let tied = try #require(TrialTest.rankSum([1, 2, 2, 3, 3, 3, 4, 5], [2, 3, 3, 4, 4, 5, 5, 5, 6, 7]))
        #expect(abs(tied.estimate - 17.5 / 80) < 1e-12)
        #expect(abs(tied.pValue - 0.04612526348692729) < 1e-9, "\(tied.pValue)")
        #expect(abs(tied.ciHigh - (17.5 / 80 + 1.96 * 0.10906915856100821)) < 1e-9)
        #expect(abs(TrialTest.mannWhitneyProbability([1, 2, 2, 3, 3, 3, 4, 5], [2, 3, 3, 4, 4, 5, 5, 5, 6, 7]) - 17.5 / 80) < 1e-12)
        // All values tied: no evidence, p = 1, θ = ½.
        let flat = try #require(TrialTest.rankSum([1, 1, 1], [1, 1]))
        #expect(flat.pValue == 1 && flat.estimate == 0.5)
        #expect(TrialTest.rankSum([1], [2, 3]) == nil)
    }

    /// `test: wilcoxon` on a continuous endpoint (percent days abstinent, days 0–27): identical
    /// arms reject at α within Monte Carlo error, and the pooled Mann–Whitney probability of the
    /// treated arm is the closed form: drinking days are Binomial(28, 1 − e^{−h}) with h = 0.01
    /// (treated) and 0.02 (control), θ = P(D_t < D_c) + ½·P(D_t = D_c) = 0.59857.
    @Test func aContinuousEndpointCanBeAnalysedByRanks() throws {
        let text = try String(contentsOf: URL(fileURLWithPath: Self.fixture), encoding: .utf8)
            .replacingOccurrences(of: "kind: continuous_abstinence, window_days: [0, 27]}",
                                  with: "kind: proportion_days_abstinent, window_days: [0, 27], test: wilcoxon}")
        let scenario = try ScenarioText.load(text).get()
        #expect(scenario.endpoints[0].trialTest == .wilcoxon)
        let replicates = 300, n = 100
        let report = try TrialSimulation(scenario: scenario).run(subjectsPerArm: [n], replicates: replicates, threads: 2)
        let typeI = try #require(report.power.first { $0.comparison == "control_copy-control" })
        let treated = try #require(report.power.first { $0.comparison == "treated-control" })
        #expect(typeI.test == "wilcoxon" && treated.test == "wilcoxon" && typeI.replicates == replicates)
        let seTypeI = (0.05 * 0.95 / Double(replicates)).squareRoot()
        #expect(abs(typeI.power - 0.05) < 4.5 * seTypeI, "type-I error \(typeI.power)")
        // The pooled value over 30,000 subjects per arm: SE of θ̂ about 0.0025.
        #expect(abs(treated.populationValue - 0.5985694232434694) < 0.01, "θ \(treated.populationValue)")
        #expect(abs(typeI.populationValue - 0.5) < 0.01)
        #expect(treated.power > 0.5 && treated.coverage > 0.88, "power \(treated.power), coverage \(treated.coverage)")
        // The same replicates for another thread count.
        let one = try TrialSimulation(scenario: scenario).run(subjectsPerArm: [20], replicates: 10, threads: 1)
        let three = try TrialSimulation(scenario: scenario).run(subjectsPerArm: [20], replicates: 10, threads: 3)
        #expect(one.trialsCSV == three.trialsCSV && one.powerCSV == three.powerCSV)
    }
}
