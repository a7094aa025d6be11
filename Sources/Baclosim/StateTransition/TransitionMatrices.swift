import Foundation

/// The transition probability matrices of one strategy of a ``StateTransitionModel``, cycle by
/// cycle. A strategy's matrix changes only where one of its modifiers starts or stops, so the
/// cycles are cut into segments with one matrix each (a time-homogeneous strategy has one).
struct TransitionMatrices: Sendable {
    /// States (rows and columns).
    let stateCount: Int
    /// First cycle (1-based) of each segment, increasing; the first is 1.
    let segmentStarts: [Int]
    /// Per segment: the matrix, row-major (row = from, column = to).
    let matrices: [[Double]]

    /// The index of the segment holding `cycle` (1-based).
    func segment(ofCycle cycle: Int) -> Int {
        var index = 0
        while index + 1 < segmentStarts.count && segmentStarts[index + 1] <= cycle { index += 1 }
        return index
    }

    /// The matrix of `cycle` (1-based), row-major.
    func matrix(cycle: Int) -> [Double] { matrices[segment(ofCycle: cycle)] }

    /// A problem found while building a strategy's matrices: a row whose probabilities are not a
    /// distribution.
    struct RowProblem: Error, Equatable {
        let strategy: String
        let state: String
        let firstCycle: Int
        let detail: String
    }

    /// The matrices of `strategy` in `model`; a row that does not give a probability
    /// distribution (a probability outside [0, 1], or moves summing past 1) is a ``RowProblem``.
    init(model: StateTransitionModel, strategy: StateTransitionModel.Strategy) throws(RowProblem) {
        let n = model.states.count
        stateCount = n
        var starts: Set<Int> = [1]
        for modifier in strategy.modifiers {
            if modifier.firstCycle <= model.cycleCount { starts.insert(max(modifier.firstCycle, 1)) }
            if modifier.lastCycle < model.cycleCount { starts.insert(modifier.lastCycle + 1) }
        }
        // Life-table moves change with age: a new segment wherever a cycle's cumulative hazard does.
        if let table = model.lifeTable, model.transitions.contains(where: { $0.value == .lifeTable }) {
            var previous = -1.0
            for cycle in 1...model.cycleCount {
                let hazard = Self.lifeTableHazard(table, model: model, cycle: cycle)
                if hazard != previous { starts.insert(cycle) }
                previous = hazard
            }
        }
        segmentStarts = starts.sorted()
        var built: [[Double]] = []
        for cycle in segmentStarts {
            built.append(try Self.matrix(model: model, strategy: strategy, cycle: cycle))
        }
        matrices = built
    }

    /// ∫μ over the cohort's ages during `cycle` (1-based): from start age + (cycle − 1)·Δ to
    /// start age + cycle·Δ.
    static func lifeTableHazard(_ table: LifeTable, model: StateTransitionModel, cycle: Int) -> Double {
        let from = model.startAgeYears + Double(cycle - 1) * model.cycleLengthYears
        return table.cumulativeHazard(fromAgeYears: from, toAgeYears: from + model.cycleLengthYears)
    }

    /// The matrix of `strategy` in `cycle`.
    static func matrix(model: StateTransitionModel, strategy: StateTransitionModel.Strategy, cycle: Int) throws(RowProblem) -> [Double] {
        let n = model.states.count
        var matrix = [Double](repeating: 0, count: n * n)
        // Row denominators of count-given rows.
        var countTotal = [Double](repeating: 0, count: n)
        for t in model.transitions { if case .count(let c) = t.value { countTotal[t.from] += c } }
        for row in 0..<n {
            var moves: [(to: Int, p: Double)] = []
            for t in model.transitions where t.from == row && t.to != row {
                var p: Double
                switch t.value {
                case .probability(let value): p = value
                case .ratePerYear(let rate): p = -expm1(-rate * model.cycleLengthYears)
                case .count(let c): p = c / countTotal[row]
                case .lifeTable: p = model.lifeTable.map { -expm1(-Self.lifeTableHazard($0, model: model, cycle: cycle)) } ?? 0
                }
                if t.hazardRatio != 1 { p = -expm1(t.hazardRatio * log1p(-p)) }
                for modifier in strategy.modifiers where modifier.applies(from: row, to: t.to, cycle: cycle) {
                    p = modifier.apply(p)
                }
                guard p >= 0, p <= 1, p.isFinite else {
                    throw RowProblem(strategy: strategy.name, state: model.states[row].name, firstCycle: cycle,
                                     detail: "the probability of moving to \(model.states[t.to].name) is \(ScenarioIssue.formatNumber(p)), outside [0, 1]")
                }
                moves.append((t.to, p))
            }
            let tolerance = 1e-12
            switch model.competition {
            case .unconditional:
                let total = moves.reduce(0) { $0 + $1.p }
                guard total <= 1 + tolerance else {
                    throw RowProblem(strategy: strategy.name, state: model.states[row].name, firstCycle: cycle,
                                     detail: "the moves out of it sum to \(ScenarioIssue.formatNumber(total)), more than 1")
                }
                for move in moves { matrix[row * n + move.to] = move.p }
                matrix[row * n + model.stayTarget[row]] += max(0, 1 - total)
            case .conditionalOnSurvival:
                let death = moves.filter { model.states[$0.to].isDead }.reduce(0) { $0 + $1.p }
                let other = moves.filter { !model.states[$0.to].isDead }.reduce(0) { $0 + $1.p }
                guard death <= 1 + tolerance, other <= 1 + tolerance else {
                    throw RowProblem(strategy: strategy.name, state: model.states[row].name, firstCycle: cycle,
                                     detail: death > 1 ? "the moves into death states sum to \(ScenarioIssue.formatNumber(death)), more than 1"
                                         : "the moves to living states sum to \(ScenarioIssue.formatNumber(other)), more than 1")
                }
                let survive = max(0, 1 - death)
                for move in moves {
                    matrix[row * n + move.to] = model.states[move.to].isDead ? move.p : survive * move.p
                }
                matrix[row * n + model.stayTarget[row]] += survive * max(0, 1 - other)
            }
        }
        return matrix
    }
}
