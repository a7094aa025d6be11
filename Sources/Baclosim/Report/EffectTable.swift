/// `effects.csv` (`comparison,metric,measure,estimate,ci_low,ci_high`): for every compared pair
/// of the run (`differences.csv`'s) and each of its metrics, the effect measures trials report
/// (docs/model.md §8, "Effect measures"): for a proportion the risk difference, risk ratio, odds
/// ratio and number needed to treat; for a mean the mean difference and the standardized mean
/// difference; for a time-to-event endpoint also the log-rank χ² and p-value, the
/// Mantel–Haenszel hazard ratio and the restricted-mean-survival-time difference over its window.
/// Every interval is a 95 % Monte Carlo interval of the population quantity, not a trial's
/// confidence interval (for that, simulate the trial at its size).
///
/// A metric defined for some subjects only (NaN for the others, e.g. withdrawal onset among
/// those with withdrawal) compares the arm means, each over its own subjects with a value, as
/// independent samples: its paired difference in `differences.csv` is over the subjects with a
/// value in both arms, which may differ (the rows `<metric>_n` there give that count).
struct EffectTable {
    struct Row: Equatable {
        var comparison: String
        var metric: String
        var effect: EffectEstimate
    }

    let rows: [Row]

    init(_ result: RunResult) {
        let layout = result.layout, outcomes = result.outcomes
        var rows: [Row] = []
        for (d, difference) in layout.differences.enumerated() {
            guard let a = layout.arms.firstIndex(of: difference.minuend), let b = layout.arms.firstIndex(of: difference.subtrahend) else { continue }
            for (k, name) in difference.metrics.enumerated() {
                guard let m = layout.metrics.firstIndex(where: { $0.name == name }) else { continue }
                let accA = outcomes.mean(arm: a, metric: m), accB = outcomes.mean(arm: b, metric: m)
                guard let meanA = accA.meanIfAny, let meanB = accB.meanIfAny, let seA = accA.standardError, let seB = accB.standardError else { continue }
                let paired = outcomes.difference(d, metricAt: k)
                // Paired only when both arms and the difference count the same subjects.
                let complete = accA.count == outcomes.includedSubjects[a] && accB.count == outcomes.includedSubjects[b]
                    && paired.count == accA.count && paired.count == accB.count
                let seDifference = complete ? paired.standardError : nil
                var effects: [EffectEstimate]
                if layout.metrics[m].kind == .proportion {
                    effects = EffectMeasures.binary(pA: meanA, pB: meanB, seA: seA, seB: seB, seDifference: seDifference)
                } else {
                    effects = EffectMeasures.continuous(meanA: meanA, meanB: meanB, sdA: accA.sampleVariance?.squareRoot() ?? .nan,
                                                        sdB: accB.sampleVariance?.squareRoot() ?? .nan, seA: seA, seB: seB,
                                                        seDifference: seDifference)
                }
                if let e = layout.endpoints.firstIndex(of: name) {
                    let countsA = outcomes.survival(arm: a, endpoint: e), countsB = outcomes.survival(arm: b, endpoint: e)
                    effects += SurvivalComparison(countsA, countsB, tauDays: Self.windowDays(countsA, countsB)).estimates
                }
                rows += effects.map { Row(comparison: difference.name, metric: name, effect: $0) }
            }
        }
        self.rows = rows
    }

    /// The compared window's length (days): one past the last day with an event or a censoring
    /// in either arm (every subject is censored at the window's end at the latest).
    static func windowDays(_ a: KaplanMeierCounts, _ b: KaplanMeierCounts) -> Int {
        var last = -1
        for rows in [a.table(), b.table()] {
            if let day = rows.lastIndex(where: { $0.events > 0 || $0.censored > 0 }) { last = max(last, day) }
        }
        return last + 1
    }

    /// The CSV text.
    var csv: String {
        var text = "comparison,metric,measure,estimate,ci_low,ci_high\n"
        for row in rows {
            text += "\(row.comparison),\(row.metric),\(row.effect.measure),\(CSVNumber.format(row.effect.estimate)),"
            text += "\(CSVNumber.formatOrEmpty(row.effect.ciLow)),\(CSVNumber.formatOrEmpty(row.effect.ciHigh))\n"
        }
        return text
    }
}
