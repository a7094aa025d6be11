extension SummaryTable {
    /// The header of `summary.csv` and `differences.csv`, as in the RM-1 reference.
    static let csvHeader = "arm,metric,mean,se,ci_low,ci_high"

    /// `summary.csv`: one row per arm × metric (and quantile and count).
    var summaryCSV: String { Self.csv(armRows) }

    /// `differences.csv`: one row per paired difference × metric, arm written `A-B`.
    var differencesCSV: String { Self.csv(differenceRows) }

    /// Rows as CSV: an estimate without values reads `nan` (so every `mean` parses as a
    /// number); a missing standard error leaves `se` and the interval empty; counts are integers.
    static func csv(_ rows: [SummaryRow]) -> String {
        var text = csvHeader + "\n"
        for row in rows {
            let mean = row.isCount ? String(Int(row.mean ?? 0)) : CSVNumber.format(row.mean ?? .nan)
            let fields = [
                row.arm, row.metric, mean, CSVNumber.format(row.se), CSVNumber.format(row.ciLow),
                CSVNumber.format(row.ciHigh),
            ]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }
}
