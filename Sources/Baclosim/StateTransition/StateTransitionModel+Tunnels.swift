/// Tunnel states (time in state): a state with `tunnel_cycles: k` becomes the states X_1 … X_k,
/// one per cycle spent in it (the k-th holds everyone who has been there k cycles or more).
/// Entering X enters X_1; staying moves on from X_j to X_{j+1}; a move given per time in state
/// (`probabilities_by_time_in_state`, `rates_per_year_by_time_in_state`) takes its j-th value
/// out of X_j (the last value repeats). Costs, utilities, strategy changes and event rates of X
/// apply to every X_j; its one-off entry rewards and entry events to X_1 only. The expansion is
/// done once when the file is read; the cohort, the microsimulation and the PSA then see an
/// ordinary model whose stays go to ``StateTransitionModel/stayTarget``. The trace shows X_1 … X_k.
extension StateTransitionModel {
    /// The file's states, moves, strategies and events (indices of the file's states), before
    /// tunnels are expanded.
    struct FileLevel {
        var states: [State]
        var tunnelCycles: [Int]
        var initial: [Double]
        var transitions: [Transition]
        var strategies: [Strategy]
        var events: [Event]
    }

    /// `file` with every tunnel state expanded (unchanged when there is none), and each state's
    /// stay target.
    static func expandingTunnels(_ file: FileLevel) -> (FileLevel, stayTarget: [Int]) {
        // The expanded indices of each file state, in order; its first is where entries go.
        var indices: [[Int]] = []
        var states: [State] = []
        var stayTarget: [Int] = []
        for (i, state) in file.states.enumerated() {
            let k = file.tunnelCycles[i]
            var mine: [Int] = []
            for j in 1...k {
                var copy = state
                if k > 1 {
                    copy = State(name: "\(state.name)_\(j)", costComponents: state.costComponents, utility: state.utility, isDead: state.isDead,
                                 entryCost: j == 1 ? state.entryCost : 0, entryQALYs: j == 1 ? state.entryQALYs : 0, tunnel: (state.name, j))
                }
                mine.append(states.count)
                stayTarget.append(j < k ? states.count + 1 : states.count)
                states.append(copy)
            }
            indices.append(mine)
        }
        guard file.tunnelCycles.contains(where: { $0 > 1 }) else { return (file, stayTarget) }
        let n = states.count
        func entry(_ i: Int) -> Int { indices[i][0] }
        func all(_ list: [Int]) -> [Int] { list.flatMap { indices[$0] } }
        func spread<T>(_ values: [T], fill: T) -> [T] {
            var out = [T](repeating: fill, count: n)
            for (i, value) in values.enumerated() { for s in indices[i] { out[s] = value } }
            return out
        }

        var initial = [Double](repeating: 0, count: n)
        for (i, share) in file.initial.enumerated() { initial[entry(i)] = share }

        var transitions: [Transition] = []
        for t in file.transitions {
            for (j, row) in indices[t.from].enumerated() {
                let value = t.byTimeInState.isEmpty ? t.value : t.byTimeInState[min(j, t.byTimeInState.count - 1)]
                // A row of counts gives its stay as a count from the state to itself: it stays the stay.
                let to = t.from == t.to ? row : entry(t.to)
                transitions.append(Transition(from: row, to: to, value: value, hazardRatio: t.hazardRatio, fileIndex: t.fileIndex))
            }
        }

        let strategies = file.strategies.map { strategy in
            Strategy(name: strategy.name,
                     modifiers: strategy.modifiers.map { m in
                         TransitionModifier(kind: m.kind, from: all(m.from), to: m.to.map { $0.map(entry) }, firstCycle: m.firstCycle, lastCycle: m.lastCycle)
                     },
                     costs: strategy.costs.map { c in
                         StrategyCost(name: c.name, perYear: c.perYear, states: all(c.states), firstCycle: c.firstCycle, lastCycle: c.lastCycle)
                     },
                     utilities: Dictionary(uniqueKeysWithValues: strategy.utilities.flatMap { i, u in indices[i].map { ($0, u) } }))
        }

        let events = file.events.map { event in
            var entering = [Bool](repeating: false, count: n)
            for (i, flag) in event.onEntering.enumerated() where flag { entering[entry(i)] = true }
            return Event(name: event.name, ratePerYear: spread(event.ratePerYear, fill: 0), onEntering: entering)
        }
        return (FileLevel(states: states, tunnelCycles: [Int](repeating: 1, count: n), initial: initial, transitions: transitions,
                          strategies: strategies, events: events), stayTarget)
    }
}
