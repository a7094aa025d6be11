@preconcurrency import CGSL
import Foundation

/// One analysed comparison of one simulated trial: the estimate a trial reports, its 95 %
/// confidence interval at the trial's size, and the p-value of the trial's test.
struct TrialTestResult: Equatable {
    /// `chi_square` (two proportions, Pearson, no continuity correction), `welch_t` (two means,
    /// Welch's unequal-variance t test) or `log_rank` (time to event).
    var test: String
    /// The risk difference, the mean difference, or the Mantel–Haenszel hazard ratio.
    var estimate: Double
    var ciLow: Double
    var ciHigh: Double
    var pValue: Double
}

/// The tests a two-arm parallel-group trial applies, computed from each arm's accumulated
/// values (counts, means, variances, daily event and at-risk counts): no per-subject data is
/// needed, so a replicate trial costs its simulation only.
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
        let observed = gsl_ran_hypergeometric_pdf(UInt32(xA), UInt32(successes), UInt32(failures), UInt32(nA))
        var p = 0.0
        for k in max(0, nA - failures)...min(nA, successes) {
            let probability = gsl_ran_hypergeometric_pdf(UInt32(k), UInt32(successes), UInt32(failures), UInt32(nA))
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
        let p = 2 * gsl_cdf_tdist_Q(abs(t), df)
        let quantile = gsl_cdf_tdist_Qinv(0.025, df)
        return TrialTestResult(test: "welch_t", estimate: difference, ciLow: difference - quantile * se, ciHigh: difference + quantile * se,
                               pValue: min(1, p))
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
    /// proportion, Welch's t for a mean.
    /// `fisher`: Fisher's exact test for a proportion (the endpoint's `test: fisher`).
    static func analyse(_ result: RunResult, arm a: Int, versus b: Int, metric m: Int, fisher: Bool = false) -> TrialTestResult? {
        let layout = result.layout, outcomes = result.outcomes
        let name = layout.metrics[m].name
        if let e = layout.endpoints.firstIndex(of: name) {
            let countsA = outcomes.survival(arm: a, endpoint: e), countsB = outcomes.survival(arm: b, endpoint: e)
            return survival(countsA, countsB, tauDays: EffectTable.windowDays(countsA, countsB))
        }
        let accA = outcomes.mean(arm: a, metric: m), accB = outcomes.mean(arm: b, metric: m)
        guard let meanA = accA.meanIfAny, let meanB = accB.meanIfAny else { return nil }
        if layout.metrics[m].kind == .proportion {
            if fisher {
                return TrialTest.fisher(xA: Int((meanA * Double(accA.count)).rounded()), nA: accA.count,
                                        xB: Int((meanB * Double(accB.count)).rounded()), nB: accB.count)
            }
            return proportions(pA: meanA, nA: accA.count, pB: meanB, nB: accB.count)
        }
        return means(meanA: meanA, varianceA: accA.sampleVariance ?? 0, nA: accA.count,
                     meanB: meanB, varianceB: accB.sampleVariance ?? 0, nB: accB.count)
    }
}
