/// `<table>.csv` of a run with a ``PeriodStateTable`` (with economics:
/// `risk_level_transitions.csv`): per arm, period and starting state, the subjects who started
/// the period in that state and how many of them ended it in each state.
///
/// Columns: `arm, period, start_day, end_day, from, subjects, to_<state>…`. Period p covers
/// days `start_day … end_day` = (p − 1)·W … p·W − 1 (W days per period); `from` is the state at
/// the end of period p − 1 (for p = 1, before day 0: the baseline); a row is written only for
/// a starting state that holds subjects. Counts are whole numbers, so the table is the same for
/// any thread count and any split of the subjects.
enum PeriodTransitionTable {
    /// The file's name and text, or nil when the run counts no period transitions.
    static func file(_ result: RunResult) -> (name: String, text: String)? {
        guard let counts = result.outcomes.periodTransitions else { return nil }
        let table = counts.table
        var text = "arm,period,start_day,end_day,from,subjects," + table.states.map { "to_\($0)" }.joined(separator: ",") + "\n"
        for (a, arm) in result.layout.arms.enumerated() {
            for period in 1...table.periods {
                for from in table.states.indices {
                    let row = table.states.indices.map { counts.count(arm: a, period: period, from: from, to: $0) }
                    let subjects = row.reduce(0, +)
                    guard subjects > 0 else { continue }
                    let cells = [CSVField.escaped(arm), "\(period)", "\((period - 1) * table.periodDays)", "\(period * table.periodDays - 1)",
                                 table.states[from], "\(subjects)"] + row.map { "\($0)" }
                    text += cells.joined(separator: ",") + "\n"
                }
            }
        }
        return ("\(table.name).csv", text)
    }
}
