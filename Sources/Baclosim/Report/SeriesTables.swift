/// The per-day tables of a run: daily series means, Kaplan–Meier tables and sampled
/// trajectories, as CSV text.
enum SeriesTables {
    /// `timeseries.csv`: `arm,day,<series>,<series>_se,…` with the mean over the subjects that
    /// had a value that day and its standard error (empty where there were too few).
    static func timeSeriesCSV(_ result: RunResult) -> String {
        let layout = result.layout
        let sums = result.outcomes.series
        let horizon = layout.horizonDays
        var text = "arm,day"
        for name in layout.series { text += ",\(name),\(name)_se" }
        for request in layout.seriesQuantiles {
            for p in request.quantiles { text += "," + MetricSpec(request.series).quantileRowName(p) }
        }
        text += "\n"
        for (arm, armName) in layout.arms.enumerated() {
            for day in 0..<horizon {
                text += "\(armName),\(day)"
                for s in layout.series.indices {
                    let i = (arm * layout.series.count + s) * horizon + day
                    text += "," + CSVNumber.formatOrEmpty(sums.mean(at: i))
                    text += "," + CSVNumber.formatOrEmpty(sums.standardError(at: i))
                }
                for (k, request) in layout.seriesQuantiles.enumerated() {
                    let sketch = result.outcomes.seriesSketch(arm: arm, request: k, day: day)
                    for p in request.quantiles { text += "," + CSVNumber.formatOrEmpty(sketch.quantile(p)) }
                }
                text += "\n"
            }
        }
        return text
    }

    /// `km.csv`: `arm,endpoint,day,at_risk,events,censored,survival`, one row per day.
    static func kaplanMeierCSV(_ result: RunResult) -> String {
        let layout = result.layout
        var text = "arm,endpoint,day,at_risk,events,censored,survival\n"
        for (arm, armName) in layout.arms.enumerated() {
            for (e, endpoint) in layout.endpoints.enumerated() {
                for row in result.outcomes.survival(arm: arm, endpoint: e).table() {
                    text += "\(armName),\(endpoint),\(row.day),\(row.atRisk),\(row.events),\(row.censored),"
                    text += CSVNumber.format(row.survival) + "\n"
                }
            }
        }
        return text
    }

    /// `trajectories.csv`: `subject,arm,day,<columns>` for each sampled subject, arm it counts
    /// in and day with at least one recorded value; unrecorded cells are empty.
    static func trajectoriesCSV(_ result: RunResult) -> String {
        let layout = result.layout
        let columns = layout.trajectoryColumns.count
        let horizon = layout.horizonDays
        var text = "subject,arm,day"
        for name in layout.trajectoryColumns { text += ",\(name)" }
        text += "\n"
        for sample in result.outcomes.trajectories {
            for (arm, armName) in layout.arms.enumerated() where sample.included[arm] {
                for day in 0..<horizon {
                    let start = (arm * horizon + day) * columns
                    let cells = sample.values[start..<(start + columns)]
                    guard cells.contains(where: { !$0.isNaN }) else { continue }
                    text += "\(sample.subject),\(armName),\(day)"
                    for value in cells { text += "," + CSVNumber.formatOrEmpty(value) }
                    text += "\n"
                }
            }
        }
        return text
    }
}
