import Foundation
import Yams

extension StateTransitionModel {
    /// The inputs of the state-transition file at `path` that have no effect on any output, each
    /// with its reason (`baclosim validate --warnings`): values of states no one ever occupies
    /// (or enters), moves out of states no one is in before the last cycle, and strategy costs,
    /// utilities and changes whose states no one occupies in their window. Occupancy is the
    /// cohort trace's (exact: a share is either 0 or not).
    /// - Throws: ``ScenarioIssues`` when the file does not validate.
    public static func inputWarnings(path: String) throws -> [ScenarioInputWarning] {
        let model = try load(path: path)
        let cohort = try CohortTrace(model: model)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let root = try Yams.compose(yaml: text) else { return [] }
        let weights = model.timing.weights(cycleCount: model.cycleCount)
        let n = model.states.count, strategies = model.strategies.count

        /// Whether state `i` holds anyone in strategy `s` at a time point that counts, within
        /// cycles `window`.
        func counted(_ i: Int, in s: Int, cycles window: ClosedRange<Int> = 1...Int.max) -> Bool {
            cohort.occupancy[s].indices.contains { t in
                weights[t] != 0 && window.contains(model.timing.cycle(ofTimePoint: t)) && cohort.occupancy[s][t][i] > 0
            }
        }
        /// Whether anyone is in state `i` at the start of a cycle in `window` in strategy `s`.
        func leaves(_ i: Int, in s: Int, cycles window: ClosedRange<Int> = 1...Int.max) -> Bool {
            (1...model.cycleCount).contains { c in window.contains(c) && cohort.occupancy[s][c - 1][i] > 0 }
        }
        /// Whether anyone enters state `i` from another in strategy `s`.
        func entered(_ i: Int, in s: Int) -> Bool {
            guard let matrices = try? TransitionMatrices(model: model, strategy: model.strategies[s]) else { return true }
            return (1...model.cycleCount).contains { c in
                let p = matrices.matrix(cycle: c)
                return (0..<n).contains { j in j != i && cohort.occupancy[s][c - 1][j] > 0 && p[j * n + i] > 0 }
            }
        }

        var found: [(String, String)] = []
        // A tunnel's cycles X_1 … X_k are the file's one state X.
        let fileNames = model.states.map { $0.tunnel?.state ?? $0.name }
        for name in fileNames.uniqued() {
            let mine = fileNames.indices.filter { fileNames[$0] == name }
            let state = model.states[mine[0]]
            if !mine.contains(where: { i in (0..<strategies).contains { counted(i, in: $0) } }) {
                for key in ["cost_per_year", "utility"] + state.costComponents.map({ "costs_per_year.\($0.name)" }) {
                    found.append(("states.\(name).\(key)", "no one is ever in \(name) at a time point that counts"))
                }
            }
            if !(0..<strategies).contains(where: { entered(mine[0], in: $0) }) {
                for key in ["entry_cost", "entry_qalys"] { found.append(("states.\(name).\(key)", "no one ever enters \(name)")) }
            }
        }
        for fileIndex in Set(model.transitions.map(\.fileIndex)).sorted() {
            let moves = model.transitions.filter { $0.fileIndex == fileIndex }
            if !moves.contains(where: { move in (0..<strategies).contains { leaves(move.from, in: $0) } }) {
                let from = fileNames[moves[0].from]
                for key in ["probability", "rate_per_year", "count", "hazard_ratio", "probabilities_by_time_in_state", "rates_per_year_by_time_in_state"] {
                    found.append(("transitions[\(fileIndex)].\(key)", "no one is in \(from) at the start of a cycle"))
                }
            }
        }
        for (s, strategy) in model.strategies.enumerated() {
            for (k, cost) in strategy.costs.enumerated()
            where !cost.states.contains(where: { counted($0, in: s, cycles: cost.firstCycle...cost.lastCycle) }) {
                for key in ["per_year", "first_cycle", "last_cycle"] {
                    found.append(("strategies.\(strategy.name).costs[\(k)].\(key)", "no one is in its states in its cycles in \(strategy.name)"))
                }
            }
            for name in Set(strategy.utilities.keys.map { fileNames[$0] }).sorted()
            where !strategy.utilities.keys.contains(where: { fileNames[$0] == name && counted($0, in: s) }) {
                found.append(("strategies.\(strategy.name).utilities.\(name)", "no one is ever in \(name) in \(strategy.name)"))
            }
            for (k, change) in strategy.modifiers.enumerated()
            where !change.from.contains(where: { leaves($0, in: s, cycles: change.firstCycle...change.lastCycle) }) {
                for key in ["relative_risk", "hazard_ratio", "first_cycle", "last_cycle"] {
                    found.append(("strategies.\(strategy.name).transitions[\(k)].\(key)", "no one is in its states in its cycles in \(strategy.name)"))
                }
            }
        }
        for event in model.events {
            let rated = Set(event.ratePerYear.indices.filter { event.ratePerYear[$0] != 0 }.map { fileNames[$0] })
            for name in rated.sorted()
            where !event.ratePerYear.indices.contains(where: { i in fileNames[i] == name && (0..<strategies).contains { counted(i, in: $0) } }) {
                found.append(("events.\(event.name).rates_per_year.\(name)", "no one is ever in \(name) at a time point that counts"))
            }
        }
        if !model.transitions.contains(where: { $0.value == .lifeTable }) {
            found.append(("start_age_years", "no move is given as life_table: true"))
            for key in ["band_start_ages_years", "annual_death_probabilities"] { found.append(("life_table.\(key)", "no move is given as life_table: true")) }
        }
        // Only keys written in the file.
        return found.compactMap { keyPath, reason in
            let node = ScenarioNodeReader.node(at: ScenarioKeyPath(parsing: keyPath), in: root)
            guard let node else { return nil }
            return ScenarioInputWarning(keyPath: keyPath, file: path, line: node.mark?.line, reason: reason)
        }
    }
}

private extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
