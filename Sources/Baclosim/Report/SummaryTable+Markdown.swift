import Foundation

extension SummaryTable {
    /// `summary.md`: a table with a row per metric and a column per arm, each cell
    /// "mean (95% CI)", a line saying that time-to-event rows are event shares, then the paired
    /// differences with the other effect measures of `effects` beside them; numbers to 4
    /// significant digits (the CSV files carry full precision).
    func markdown(layout: OutcomeLayout, subjects: Int, failedSubjects: Int, effects: EffectTable? = nil) -> String {
        var text = "# Baclosim results\n\n"
        text += "\(subjects) subjects, \(layout.horizonDays) days, \(layout.arms.count) arms"
        text += failedSubjects > 0 ? "; \(failedSubjects) failed (counted in no arm).\n\n" : ".\n\n"

        text += "## Outcomes by arm: mean (95% CI)\n\n"
        text += "| metric | " + layout.arms.joined(separator: " | ") + " |\n"
        text += "|---|" + String(repeating: "---|", count: layout.arms.count) + "\n"
        // Rows come arm by arm with the same metrics in the same order; regroup by metric.
        let perArm = armRows.count / max(layout.arms.count, 1)
        for i in 0..<perArm {
            let cells = layout.arms.indices.map { Self.markdownCell(armRows[$0 * perArm + i]) }
            text += "| \(armRows[i].metric) | " + cells.joined(separator: " | ") + " |\n"
        }
        // A time-to-event endpoint's row is its event share, not a time: say so once, below
        // the table, so "time_to_dropout 0.85" is not read as days.
        let eventShares = (0..<perArm).map { armRows[$0].metric }.filter(layout.endpoints.contains)
        if !eventShares.isEmpty {
            text += "\nTime-to-event endpoints (" + eventShares.joined(separator: ", ")
            text += "): the share of subjects with the event by the end of its window; "
            text += "Kaplan–Meier at-risk, events and survival per day are in `km.csv`.\n"
        }

        if !differenceRows.isEmpty {
            // The effect measures beyond the difference itself, by comparison and metric.
            var others: [String: [EffectEstimate]] = [:]
            for row in effects?.rows ?? [] where !["risk_difference", "mean_difference", "logrank_chi2"].contains(row.effect.measure) {
                others["\(row.comparison)|\(row.metric)", default: []].append(row.effect)
            }
            text += "\n## Paired differences: mean (95% CI), and effect measures (`effects.csv`)\n\n"
            text += "| difference | metric | mean (95% CI) | effect measures (95% CI) |\n|---|---|---|---|\n"
            for row in differenceRows {
                let measures = (others["\(row.arm)|\(row.metric)"] ?? []).map(Self.markdownEffect).joined(separator: "; ")
                text += "| \(row.arm) | \(row.metric) | \(Self.markdownCell(row)) | \(measures) |\n"
            }
            if effects != nil {
                text += "\nIntervals are Monte Carlo intervals of the population quantity, not a trial's confidence intervals"
                text += " (`baclosim trial` simulates a trial at its size).\n"
            }
        }
        return text
    }

    /// "RR 1.21 (1.1, 1.33)", with short names for the effect measures.
    static func markdownEffect(_ effect: EffectEstimate) -> String {
        let names = ["risk_ratio": "RR", "odds_ratio": "OR", "nnt": "NNT", "standardized_mean_difference": "SMD",
                     "hazard_ratio_mh": "HR", "logrank_p": "log-rank p", "rmst_difference_days": "ΔRMST (days)"]
        let name = names[effect.measure] ?? effect.measure
        guard let low = effect.ciLow, let high = effect.ciHigh else { return "\(name) \(significant(effect.estimate))" }
        return "\(name) \(significant(effect.estimate)) (\(significant(low)), \(significant(high)))"
    }

    /// "mean (low, high)", "mean" without an interval, "–" without a value.
    static func markdownCell(_ row: SummaryRow) -> String {
        guard let mean = row.mean, !mean.isNaN else { return "–" }
        if row.isCount { return String(Int(mean)) }
        guard let low = row.ciLow, let high = row.ciHigh else { return significant(mean) }
        return "\(significant(mean)) (\(significant(low)), \(significant(high)))"
    }

    /// `x` to 4 significant digits (C's `%.4g`, which is deterministic).
    static func significant(_ x: Double) -> String {
        String(format: "%.4g", x)
    }
}
