import Foundation

/// One analysed comparison of one simulated trial: the estimate a trial reports, its 95 %
/// confidence interval at the trial's size, and the p-value of the trial's test.
struct TrialTestResult: Equatable {
    /// `chi_square` (two proportions, Pearson, no continuity correction), `fisher`, `welch_t`
    /// (two means, Welch's unequal-variance t test), `wilcoxon` (rank sum) or `log_rank` (time
    /// to event).
    var test: String
    /// The risk difference, the mean difference, the Mann–Whitney probability
    /// P(A > B) + ½·P(A = B), or the Mantel–Haenszel hazard ratio.
    var estimate: Double
    var ciLow: Double
    var ciHigh: Double
    var pValue: Double
}

/// The tests a two-arm parallel-group trial applies, computed from each arm's accumulated
/// values (counts, means, variances, daily event and at-risk counts); only the rank test reads
/// each subject's value, kept for its endpoints alone.
enum TrialTest {
    /// Two proportions `xA/nA` and `xB/nB`: the risk difference with its Wald interval and
    /// Pearson's χ² test, `χ² = (p_A − p_B)² / (p̄(1 − p̄)(1/n_A + 1/n_B))`, p = erfc(√(χ²/2)).
    static func proportions(pA: Double, nA: Int, pB: Double, nB: Int) -> TrialTestResult? {
        guard nA > 0, nB > 0 else { return nil }
        let a = Double(nA), b = Double(nB)
        let pooled = (pA * a + pB * b) / (a + b)
        let difference = pA - pB
        let varianceUnderNull = pooled * (1 - pooled) * (1 / a + 1 / b)
        let chiSquare = varianceUnderNull > 0 ? difference * difference / varianceUnderNull : 0
        let p = varianceUnderNull > 0 ? erfc((chiSquare / 2).squareRoot()) : 1
        let se = (pA * (1 - pA) / a + pB * (1 - pB) / b).squareRoot()
        return TrialTestResult(test: "chi_square", estimate: difference, ciLow: difference - 1.96 * se, ciHigh: difference + 1.96 * se,
                               pValue: p)
    }

    /// Two proportions of whole subjects, `xA/nA` and `xB/nB`, with Fisher's exact test: the
    /// two-sided p-value sums the hypergeometric probabilities (margins fixed) of every table no
    /// more probable than the observed one (GSL's hypergeometric density); the estimate and
    /// interval are χ²'s (risk difference, Wald).
    static func fisher(xA: Int, nA: Int, xB: Int, nB: Int) -> TrialTestResult? {
        guard nA > 0, nB > 0, xA >= 0, xB >= 0, xA <= nA, xB <= nB,
              var result = proportions(pA: Double(xA) / Double(nA), nA: nA, pB: Double(xB) / Double(nB), nB: nB) else { return nil }
        let successes = xA + xB, failures = nA + nB - successes
        let observed = GSL.hypergeometricPDF(UInt32(xA), successes: UInt32(successes), failures: UInt32(failures), draws: UInt32(nA))
        var p = 0.0
        for k in max(0, nA - failures)...min(nA, successes) {
            let probability = GSL.hypergeometricPDF(UInt32(k), successes: UInt32(successes), failures: UInt32(failures), draws: UInt32(nA))
            if probability <= observed * (1 + 1e-7) { p += probability }
        }
        result.test = "fisher"
        result.pValue = min(1, p)
        return result
    }

    /// Two means with sample variances: the mean difference with Welch's interval and test (t
    /// with the Welch–Satterthwaite degrees of freedom; GSL's t distribution).
    static func means(meanA: Double, varianceA: Double, nA: Int, meanB: Double, varianceB: Double, nB: Int) -> TrialTestResult? {
        guard nA > 1, nB > 1 else { return nil }
        let vA = varianceA / Double(nA), vB = varianceB / Double(nB)
        let se = (vA + vB).squareRoot()
        let difference = meanA - meanB
        guard se > 0 else {
            return TrialTestResult(test: "welch_t", estimate: difference, ciLow: difference, ciHigh: difference, pValue: difference == 0 ? 1 : 0)
        }
        let df = (vA + vB) * (vA + vB) / (vA * vA / Double(nA - 1) + vB * vB / Double(nB - 1))
        let t = difference / se
        let p = 2 * GSL.tUpperTail(abs(t), df: df)
        let quantile = GSL.tUpperQuantile(0.025, df: df)
        return TrialTestResult(test: "welch_t", estimate: difference, ciLow: difference - quantile * se, ciHigh: difference + quantile * se,
                               pValue: min(1, p))
    }

    /// Two samples compared by ranks: the Wilcoxon rank-sum (Mann–Whitney) test with mid-ranks
    /// for ties, the normal approximation with the tie-corrected variance
    /// `σ² = n_A·n_B/12 · (N + 1 − Σ(t³ − t)/(N(N − 1)))` and a continuity correction of ½
    /// (`z = (|U − n_A·n_B/2| − ½)/σ`, two-sided), as most statistics packages apply it beyond
    /// small samples. The estimate is the Mann–Whitney probability θ = U/(n_A·n_B) =
    /// P(A > B) + ½·P(A = B) (0.5: no difference), with DeLong's placement-value standard error
    /// (`Var θ̂ = s²(V_A)/n_A + s²(V_B)/n_B`, `V_A,i` the share of B below `a_i`, ties halved) and
    /// a Wald interval clipped to [0, 1].
    /// - Complexity: O(N log N), N = n_A + n_B.
    static func rankSum(_ a: [Double], _ b: [Double]) -> TrialTestResult? {
        let nA = a.count, nB = b.count, n = nA + nB
        guard nA > 1, nB > 1 else { return nil }
        // Mid-ranks in the pooled sample and within each sample.
        let pooledRanks = midRanks(a + b)
        let ranksA = midRanks(a), ranksB = midRanks(b)
        var rankSumA = 0.0
        var placementsA: [Double] = [], placementsB: [Double] = []
        placementsA.reserveCapacity(nA)
        placementsB.reserveCapacity(nB)
        for i in 0..<nA {
            rankSumA += pooledRanks.ranks[i]
            placementsA.append((pooledRanks.ranks[i] - ranksA.ranks[i]) / Double(nB))
        }
        for j in 0..<nB { placementsB.append((Double(nA) - (pooledRanks.ranks[nA + j] - ranksB.ranks[j])) / Double(nA)) }
        let product = Double(nA) * Double(nB)
        let u = rankSumA - Double(nA) * Double(nA + 1) / 2
        let theta = u / product
        let tieTerm = pooledRanks.tieCubes / (Double(n) * Double(n - 1))
        let sigma = (product / 12 * (Double(n + 1) - tieTerm)).squareRoot()
        var p = 1.0
        if sigma > 0 {
            let z = max(0, abs(u - product / 2) - 0.5) / sigma
            p = min(1, erfc(z / 2.squareRoot()))
        }
        func variance(_ x: [Double]) -> Double {
            let mean = x.reduce(0, +) / Double(x.count)
            return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
        }
        let se = (variance(placementsA) / Double(nA) + variance(placementsB) / Double(nB)).squareRoot()
        return TrialTestResult(test: "wilcoxon", estimate: theta, ciLow: max(0, theta - 1.96 * se), ciHigh: min(1, theta + 1.96 * se),
                               pValue: p)
    }

    /// The Mann–Whitney probability θ = P(A > B) + ½·P(A = B) of two samples (``rankSum(_:_:)``'s
    /// estimate without its test), for samples of any size.
    static func mannWhitneyProbability(_ a: [Double], _ b: [Double]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return .nan }
        let pooled = midRanks(a + b).ranks
        let rankSumA = pooled[0..<a.count].reduce(0, +)
        return (rankSumA - Double(a.count) * Double(a.count + 1) / 2) / (Double(a.count) * Double(b.count))
    }

    /// Mid-ranks (1-based; tied values share the mean of their ranks) of `values` in their
    /// order, and Σ(t³ − t) over the groups of t tied values.
    static func midRanks(_ values: [Double]) -> (ranks: [Double], tieCubes: Double) {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = Array(repeating: 0.0, count: values.count)
        var tieCubes = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            let rank = Double(start + 1 + end) / 2
            for k in start..<end { ranks[order[k]] = rank }
            let t = Double(end - start)
            tieCubes += t * t * t - t
            start = end
        }
        return (ranks, tieCubes)
    }

    /// Time to event: the log-rank test and the Mantel–Haenszel hazard ratio with its interval
    /// (``SurvivalComparison``).
    static func survival(_ a: KaplanMeierCounts, _ b: KaplanMeierCounts, tauDays: Int) -> TrialTestResult? {
        let comparison = SurvivalComparison(a, b, tauDays: tauDays)
        guard comparison.hazardRatio.isFinite, comparison.hazardRatio > 0, comparison.logHazardRatioVariance.isFinite else { return nil }
        let se = comparison.logHazardRatioVariance.squareRoot()
        return TrialTestResult(test: "log_rank", estimate: comparison.hazardRatio, ciLow: comparison.hazardRatio * exp(-1.96 * se),
                               ciHigh: comparison.hazardRatio * exp(1.96 * se), pValue: comparison.pValue.isNaN ? 1 : comparison.pValue)
    }

    /// The trial's analysis of metric `m` (`metricName`) between arms `a` and `b` of `result`
    /// (a parallel-group run): log-rank for a time-to-event endpoint, χ² for another
    /// proportion, Welch's t for a mean; an endpoint's `test:` chooses Fisher's exact test for a
    /// proportion or the rank-sum test for a mean (whose values the run must keep).
    static func analyse(_ result: RunResult, arm a: Int, versus b: Int, metric m: Int, test: TrialTestKind? = nil) -> TrialTestResult? {
        let layout = result.layout, outcomes = result.outcomes
        let name = layout.metrics[m].name
        if let e = layout.endpoints.firstIndex(of: name) {
            let countsA = outcomes.survival(arm: a, endpoint: e), countsB = outcomes.survival(arm: b, endpoint: e)
            return survival(countsA, countsB, tauDays: EffectTable.windowDays(countsA, countsB))
        }
        if test == .wilcoxon {
            guard let valuesA = outcomes.keptValues(arm: a, metric: m), let valuesB = outcomes.keptValues(arm: b, metric: m) else { return nil }
            return rankSum(valuesA, valuesB)
        }
        let accA = outcomes.mean(arm: a, metric: m), accB = outcomes.mean(arm: b, metric: m)
        guard let meanA = accA.meanIfAny, let meanB = accB.meanIfAny else { return nil }
        if layout.metrics[m].kind == .proportion {
            if test == .fisher {
                return TrialTest.fisher(xA: Int((meanA * Double(accA.count)).rounded()), nA: accA.count,
                                        xB: Int((meanB * Double(accB.count)).rounded()), nB: accB.count)
            }
            return proportions(pA: meanA, nA: accA.count, pB: meanB, nB: accB.count)
        }
        return means(meanA: meanA, varianceA: accA.sampleVariance ?? 0, nA: accA.count,
                     meanB: meanB, varianceB: accB.sampleVariance ?? 0, nB: accB.count)
    }
}
