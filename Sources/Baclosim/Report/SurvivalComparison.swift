import Foundation

/// Two arms' time-to-event counts compared day by day (``KaplanMeierCounts``: events and
/// censorings per day, ties as events before censorings): the log-rank test, the
/// Mantel–Haenszel hazard ratio over the daily risk sets, and the restricted mean survival time
/// (RMST) of each arm and their difference (docs/model.md §8, "Effect measures").
struct SurvivalComparison: Equatable {
    /// Σ (O_A − E_A) over days: A's events minus those expected under no difference,
    /// `E_A = n_A·e/n` per day (`e` events, `n` at risk in both arms).
    let observedMinusExpected: Double
    /// The log-rank variance Σ n_A·n_B·e·(n − e) / (n²·(n − 1)) (hypergeometric).
    let variance: Double
    /// The Mantel–Haenszel hazard ratio A : B, Σ (e_A·n_B/n) / Σ (e_B·n_A/n).
    let hazardRatio: Double
    /// The variance of its log (Greenland & Robins 1985, person-time strata: each day, its
    /// numbers at risk), Σ (e·n_A·n_B/n²) / (Σ e_A·n_B/n · Σ e_B·n_A/n).
    let logHazardRatioVariance: Double
    /// The RMST of each arm over the first `tauDays` days (days without the event), and the
    /// variance of each from Greenwood's formula.
    let rmstA: Double, rmstB: Double
    let rmstVarianceA: Double, rmstVarianceB: Double
    /// The restriction time (days): the length of the compared window.
    let tauDays: Int

    /// The log-rank χ² (1 degree of freedom), `(O − E)² / V`.
    var chiSquare: Double { variance > 0 ? observedMinusExpected * observedMinusExpected / variance : .nan }
    /// Its two-sided p-value, `erfc(√(χ²/2))`.
    var pValue: Double { chiSquare.isNaN ? .nan : erfc((chiSquare / 2).squareRoot()) }

    /// Compares `a` with `b` over the first `tauDays` days (their window's length).
    init(_ a: KaplanMeierCounts, _ b: KaplanMeierCounts, tauDays: Int) {
        let rowsA = a.table(), rowsB = b.table()
        var oMinusE = 0.0, variance = 0.0, numerator = 0.0, denominator = 0.0, rateVariance = 0.0
        let days = min(tauDays, rowsA.count, rowsB.count)
        for day in 0..<days {
            let nA = Double(rowsA[day].atRisk), nB = Double(rowsB[day].atRisk)
            let eA = Double(rowsA[day].events), eB = Double(rowsB[day].events)
            let n = nA + nB, e = eA + eB
            guard n > 0, e > 0 else { continue }
            oMinusE += eA - nA * e / n
            if n > 1 { variance += nA * nB * e * (n - e) / (n * n * (n - 1)) }
            numerator += eA * nB / n
            denominator += eB * nA / n
            rateVariance += e * nA * nB / (n * n)
        }
        observedMinusExpected = oMinusE
        self.variance = variance
        hazardRatio = denominator > 0 ? numerator / denominator : .nan
        logHazardRatioVariance = numerator > 0 && denominator > 0 ? rateVariance / (numerator * denominator) : .nan
        (rmstA, rmstVarianceA) = Self.restrictedMean(rowsA, days: days)
        (rmstB, rmstVarianceB) = Self.restrictedMean(rowsB, days: days)
        self.tauDays = days
    }

    /// RMST over days `0 ..< days`: Σ_t S(t − 1) with S(−1) = 1 (the expected event-free days,
    /// as a time-to-event value `d + 1` for an event on day `d`), and its Greenwood variance
    /// Σ_d A_d²·e_d / (n_d·(n_d − e_d)), `A_d` the area after day `d`: Σ_{u = d}^{days − 2} S(u).
    static func restrictedMean(_ rows: [KaplanMeierCounts.Row], days: Int) -> (Double, Double) {
        guard days > 0 else { return (0, 0) }
        var survivalAtStart = [Double](repeating: 1, count: days)
        for t in 1..<max(1, days) { survivalAtStart[t] = rows[t - 1].survival }
        let rmst = survivalAtStart.reduce(0, +)
        // Area after day d: the survival values S(d) … S(days − 2) (days d + 1 … days − 1 start with them).
        var areaAfter = [Double](repeating: 0, count: days)
        var running = 0.0
        for d in stride(from: days - 1, through: 0, by: -1) {
            areaAfter[d] = running
            running += rows[d].survival
        }
        var variance = 0.0
        for d in 0..<days where rows[d].events > 0 && rows[d].atRisk > rows[d].events {
            let n = Double(rows[d].atRisk), e = Double(rows[d].events)
            variance += areaAfter[d] * areaAfter[d] * e / (n * (n - e))
        }
        return (rmst, variance)
    }

    /// The measures of `effects.csv`: log-rank χ² and p (no interval), the MH hazard ratio and
    /// the RMST difference A − B (days), with 95 % intervals (the arms taken as independent:
    /// with common random numbers the intervals are wider than the Monte Carlo error).
    var estimates: [EffectEstimate] {
        var result = [EffectEstimate(measure: "logrank_chi2", estimate: chiSquare, ciLow: nil, ciHigh: nil),
                      EffectEstimate(measure: "logrank_p", estimate: pValue, ciLow: nil, ciHigh: nil)]
        if hazardRatio.isFinite && hazardRatio > 0 {
            let se = logHazardRatioVariance.isFinite ? logHazardRatioVariance.squareRoot() : .nan
            result.append(EffectEstimate(measure: "hazard_ratio_mh", estimate: hazardRatio,
                                         ciLow: se.isNaN ? nil : hazardRatio * exp(-EffectMeasures.z95 * se),
                                         ciHigh: se.isNaN ? nil : hazardRatio * exp(EffectMeasures.z95 * se)))
        }
        let difference = rmstA - rmstB, se = (rmstVarianceA + rmstVarianceB).squareRoot()
        result.append(EffectEstimate(measure: "rmst_difference_days", estimate: difference,
                                     ciLow: difference - EffectMeasures.z95 * se, ciHigh: difference + EffectMeasures.z95 * se))
        return result
    }
}
