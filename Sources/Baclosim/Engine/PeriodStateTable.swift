/// A state observed at the end of consecutive periods of equal length, whose period-to-period
/// transitions a run counts per arm: e.g. the WHO drinking-risk level of each 28-day period
/// (``RiskLevelWindow``), from which an analyst builds a Markov model on those levels.
///
/// Boundaries are numbered 0 … `periods`: boundary 0 is the subject's state before day 0
/// (baseline), boundary p the state at the end of period p (days (p − 1)·`periodDays` …
/// p·`periodDays` − 1). A partial last period (a horizon that is not a whole number of periods)
/// is not counted.
public struct PeriodStateTable: Sendable, Equatable {
    /// The output file's stem (`<name>.csv`), snake_case.
    public let name: String
    /// The states, in column order; a subject's state at a boundary is an index into them.
    public let states: [String]
    /// Days per period (≥ 1).
    public let periodDays: Int
    /// Whole periods in the horizon (≥ 1).
    public let periods: Int

    /// A table of `states` over the whole periods of `periodDays` in `horizonDays`, or nil when
    /// the horizon holds none.
    public init?(name: String, states: [String], periodDays: Int, horizonDays: Int) {
        guard periodDays >= 1, horizonDays / periodDays >= 1, !states.isEmpty, states.count <= Int(Int8.max) else { return nil }
        self.name = name
        self.states = states
        self.periodDays = periodDays
        periods = horizonDays / periodDays
    }
}

/// Per arm and period, the number of subjects who moved from each state (at the period's start
/// boundary) to each state (at its end): a mergeable count table (sums of whole numbers, so
/// merging in any order gives the same table); beside it, per arm and period, the sum over
/// subjects of the costs the states do not price (merged in block order like every sum).
struct PeriodTransitionCounts: Sendable, Equatable {
    let table: PeriodStateTable
    let arms: Int
    /// `counts[((arm * periods + p) * states + from) * states + to]` for period p + 1.
    private(set) var counts: [Int]
    /// `costs[arm * periods + p]`: Σ over subjects of their undiscounted cost in period p + 1
    /// that the states do not price (for the drinking-risk levels: all but hospital, productivity
    /// and crime costs, which follow the level), currency.
    private(set) var costs: [Double]

    /// An empty table for `arms` arms.
    init(table: PeriodStateTable, arms: Int) {
        self.table = table
        self.arms = arms
        counts = Array(repeating: 0, count: arms * table.periods * table.states.count * table.states.count)
        costs = Array(repeating: 0, count: arms * table.periods)
    }

    /// Σ over subjects of `arm`'s cost in period `period` (1 … periods) not priced by the states.
    func cost(arm: Int, period: Int) -> Double { costs[arm * table.periods + period - 1] }

    /// Subjects of `arm` in state `from` at boundary `period − 1` and in `to` at boundary
    /// `period` (period 1 … periods).
    func count(arm: Int, period: Int, from: Int, to: Int) -> Int {
        let n = table.states.count
        return counts[((arm * table.periods + period - 1) * n + from) * n + to]
    }

    /// Adds one subject's states at the boundaries 0 … periods of `arm` (−1: not observed; a
    /// transition counts when both its ends are observed).
    /// `periodCosts` holds its costs per period (1 … periods in order).
    mutating func add(arm: Int, path: UnsafeBufferPointer<Int8>, periodCosts: UnsafeBufferPointer<Double>) {
        let n = table.states.count, periods = table.periods
        precondition(path.count == periods + 1 && periodCosts.count == periods, "a path has one state per boundary")
        for p in 0..<periods {
            let from = Int(path[p]), to = Int(path[p + 1])
            if from >= 0 && to >= 0 { counts[((arm * periods + p) * n + from) * n + to] += 1 }
            costs[arm * periods + p] += periodCosts[p]
        }
    }

    /// Adds every count of `other` (same table and arms).
    mutating func merge(_ other: PeriodTransitionCounts) {
        precondition(table == other.table && arms == other.arms, "merging count tables of different layouts")
        for i in counts.indices { counts[i] += other.counts[i] }
        for i in costs.indices { costs[i] += other.costs[i] }
    }

    /// Zero counts, storage kept.
    mutating func reset() {
        for i in counts.indices { counts[i] = 0 }
        for i in costs.indices { costs[i] = 0 }
    }
}

extension PeriodStateTable {
    /// The file stem of the drinking-risk level table: `risk_level_transitions.csv`.
    static let riskLevelName = "risk_level_transitions"
    /// Its states: the five WHO drinking-risk levels (``DrinkingRiskLevel`` order, scenario
    /// keys) and `dead`.
    static let riskLevelStates = DrinkingRiskLevel.allCases.map { PerDrinkingRiskLevel<Double>.scenarioKey($0) } + ["dead"]
    /// The index of `dead` among ``riskLevelStates``.
    static let riskLevelDeadState = DrinkingRiskLevel.allCases.count

    /// The WHO drinking-risk level of each economics window (`risk_level_window_days`) over
    /// `horizonDays`, with death, or nil when the horizon is shorter than one window.
    static func riskLevels(windowDays: Int, horizonDays: Int) -> PeriodStateTable? {
        PeriodStateTable(name: riskLevelName, states: riskLevelStates, periodDays: windowDays, horizonDays: horizonDays)
    }
}

extension PeriodTransitionCounts {
    /// Its counts and costs, bit for bit (``CohortPart``).
    func encode(into encoder: inout PartEncoder) {
        encoder.sparseCounts(counts)
        encoder.reals(costs)
    }

    /// Fills this table (made for the layout) with what ``encode(into:)`` wrote.
    mutating func decode(from decoder: inout PartDecoder) throws(PartDecodingError) {
        counts = try decoder.sparseCounts(counts.count, of: "period transition counts")
        costs = try decoder.reals(costs.count, of: "period costs")
    }
}
