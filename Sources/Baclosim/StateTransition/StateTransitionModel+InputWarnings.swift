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
        for (i, state) in model.states.enumerated() {
            if !(0..<strategies).contains(where: { counted(i, in: $0) }) {
                for key in ["cost_per_year", "utility"] + state.costComponents.map({ "costs_per_year.\($0.name)" }) {
                    found.append(("states.\(state.name).\(key)", "no one is ever in \(state.name) at a time point that counts"))
                }
            }
            if !(0..<strategies).contains(where: { entered(i, in: $0) }) {
                for key in ["entry_cost", "entry_qalys"] { found.append(("states.\(state.name).\(key)", "no one ever enters \(state.name)")) }
            }
        }
        for (k, transition) in model.transitions.enumerated() {
            let from = model.states[transition.from].name
            if !(0..<strategies).contains(where: { leaves(transition.from, in: $0) }) {
                for key in ["probability", "rate_per_year", "count", "hazard_ratio"] {
                    found.append(("transitions[\(k)].\(key)", "no one is in \(from) at the start of a cycle"))
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
            for (i, _) in strategy.utilities where !counted(i, in: s) {
                found.append(("strategies.\(strategy.name).utilities.\(model.states[i].name)",
                              "no one is ever in \(model.states[i].name) in \(strategy.name)"))
            }
            for (k, change) in strategy.modifiers.enumerated()
            where !change.from.contains(where: { leaves($0, in: s, cycles: change.firstCycle...change.lastCycle) }) {
                for key in ["relative_risk", "hazard_ratio", "first_cycle", "last_cycle"] {
                    found.append(("strategies.\(strategy.name).transitions[\(k)].\(key)", "no one is in its states in its cycles in \(strategy.name)"))
                }
            }
        }
        for event in model.events {
            for (i, rate) in event.ratePerYear.enumerated() where rate != 0 && !(0..<strategies).contains(where: { counted(i, in: $0) }) {
                found.append(("events.\(event.name).rates_per_year.\(model.states[i].name)", "no one is ever in \(model.states[i].name) at a time point that counts"))
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
