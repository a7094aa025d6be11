import Foundation

/// One effect measure of one comparison: an estimate with its 95 % interval (nil ends when the
/// interval is not defined, e.g. a statistic, or an NNT whose interval includes no effect).
struct EffectEstimate: Equatable {
    /// The measure's name in `effects.csv` (`risk_ratio`, `hazard_ratio_mh`, …).
    var measure: String
    var estimate: Double
    var ciLow: Double?
    var ciHigh: Double?
}

/// Effect measures of arm A against arm B, from each arm's estimate and its Monte Carlo
/// standard error (docs/model.md §8, "Effect measures"). The intervals are 95 % intervals of the
/// population quantity the model defines (its Monte Carlo error, not a trial's sampling error):
/// normal on the measure's natural scale (log for ratios), by the delta method. When the two
/// arms hold the same subjects (common random numbers), the paired standard error of A − B gives
/// their covariance, `cov = (se_A² + se_B² − se_{A−B}²)/2`; without it the arms are independent.
enum EffectMeasures {
    /// z of a two-sided 95 % normal interval.
    static let z95 = NormalInterval.z95

    /// Risk difference, risk ratio, odds ratio and number needed to treat of proportions
    /// `pA`, `pB` (with their standard errors). With independent arms and binomial standard
    /// errors `√(p(1 − p)/n)` these are the textbook Wald intervals (log RR: `√(1/a − 1/n₁ +
    /// 1/c − 1/n₂)`; log OR: Woolf's `√(1/a + 1/b + 1/c + 1/d)`).
    /// - Parameter seDifference: the paired standard error of `pA − pB`, or nil for independent arms.
    static func binary(pA: Double, pB: Double, seA: Double, seB: Double, seDifference: Double?) -> [EffectEstimate] {
        let covariance = seDifference.map { (seA * seA + seB * seB - $0 * $0) / 2 } ?? 0
        var result: [EffectEstimate] = []
        let rd = pA - pB
        let seRD = seDifference ?? (seA * seA + seB * seB).squareRoot()
        let rdLow = rd - z95 * seRD, rdHigh = rd + z95 * seRD
        result.append(EffectEstimate(measure: "risk_difference", estimate: rd, ciLow: rdLow, ciHigh: rdHigh))
        if pA > 0 && pB > 0 {
            let variance = seA * seA / (pA * pA) + seB * seB / (pB * pB) - 2 * covariance / (pA * pB)
            result.append(ratio("risk_ratio", log(pA) - log(pB), variance))
        }
        if pA > 0 && pA < 1 && pB > 0 && pB < 1 {
            let vA = pA * (1 - pA), vB = pB * (1 - pB)
            let variance = seA * seA / (vA * vA) + seB * seB / (vB * vB) - 2 * covariance / (vA * vB)
            result.append(ratio("odds_ratio", log(pA / (1 - pA)) - log(pB / (1 - pB)), variance))
        }
        if rd != 0 {
            // 1/RD; its interval is the inverted RD interval when that excludes 0 (Altman 1998),
            // else it runs through infinity and is left empty.
            let excludesZero = rdLow > 0 || rdHigh < 0
            result.append(EffectEstimate(measure: "nnt", estimate: 1 / rd,
                                         ciLow: excludesZero ? 1 / rdHigh : nil, ciHigh: excludesZero ? 1 / rdLow : nil))
        }
        return result
    }

    /// Mean difference and the standardized mean difference (Cohen's d: the difference over the
    /// pooled SD `√((sd_A² + sd_B²)/2)` of the two arms' subjects). Hedges' small-sample factor
    /// `1 − 3/(4(n_A + n_B) − 9)` is 1 to within 10⁻⁴ at the sizes a cohort run simulates, so
    /// the population d is reported; the interval is the mean difference's over the pooled SD
    /// (the SD's own Monte Carlo error, of relative order `1/√n`, is left out).
    static func continuous(meanA: Double, meanB: Double, sdA: Double, sdB: Double, seA: Double, seB: Double,
                           seDifference: Double?) -> [EffectEstimate] {
        let md = meanA - meanB
        let se = seDifference ?? (seA * seA + seB * seB).squareRoot()
        var result = [EffectEstimate(measure: "mean_difference", estimate: md, ciLow: md - z95 * se, ciHigh: md + z95 * se)]
        let pooled = ((sdA * sdA + sdB * sdB) / 2).squareRoot()
        if pooled > 0 && pooled.isFinite {
            result.append(EffectEstimate(measure: "standardized_mean_difference", estimate: md / pooled,
                                         ciLow: (md - z95 * se) / pooled, ciHigh: (md + z95 * se) / pooled))
        }
        return result
    }

    /// A ratio from its log and the log's variance: `exp(log ± z·√var)`.
    private static func ratio(_ measure: String, _ logEstimate: Double, _ variance: Double) -> EffectEstimate {
        let se = max(0, variance).squareRoot()
        return EffectEstimate(measure: measure, estimate: exp(logEstimate),
                              ciLow: exp(logEstimate - z95 * se), ciHigh: exp(logEstimate + z95 * se))
    }
}
