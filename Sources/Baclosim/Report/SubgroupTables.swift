/// The tables of a run's subgroups (`subgroups:`; ``SubgroupDefinition``), each the whole run's
/// table over the subgroup's members with a leading `subgroup` column: `subgroups.csv` (the
/// `summary.csv` rows, then the `differences.csv` rows), `subgroup-effects.csv` (`effects.csv`)
/// and `subgroup-km.csv` (`km.csv`). A subject counts in every subgroup it belongs to.
enum SubgroupTables {
    /// `text`'s lines after its header, each prefixed with `subgroup,`.
    private static func prefixed(_ text: String, subgroup: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst().map { "\(subgroup),\($0)\n" }.joined()
    }

    static func summaryCSV(_ result: RunResult) -> String {
        var text = "subgroup," + SummaryTable.csvHeader + "\n"
        for (i, name) in result.layout.subgroups.enumerated() {
            let table = SummaryTable(result.subgroup(i))
            text += prefixed(table.summaryCSV, subgroup: name)
            text += prefixed(table.differencesCSV, subgroup: name)
        }
        return text
    }

    static func effectsCSV(_ result: RunResult) -> String {
        var text = "subgroup,comparison,metric,measure,estimate,ci_low,ci_high\n"
        for (i, name) in result.layout.subgroups.enumerated() {
            text += prefixed(EffectTable(result.subgroup(i)).csv, subgroup: name)
        }
        return text
    }

    static func kaplanMeierCSV(_ result: RunResult) -> String {
        var text = "subgroup,arm,endpoint,day,at_risk,events,censored,survival\n"
        for (i, name) in result.layout.subgroups.enumerated() {
            text += prefixed(SeriesTables.kaplanMeierCSV(result.subgroup(i)), subgroup: name)
        }
        return text
    }
}
