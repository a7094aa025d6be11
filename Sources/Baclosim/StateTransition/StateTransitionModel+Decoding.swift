import Foundation
import Yams

extension StateTransitionModel {
    /// Most cycles a model may have (100 years of daily cycles).
    static let maximumCycles = 36_525
    /// Most states a model may have.
    static let maximumStates = 100
    /// Most values a trace may hold (strategies × time points × states): bounds the memory of
    /// the cohort trace and of the microsimulation's occupancy counts.
    static let maximumTraceCells = 5_000_000
    /// Where the keys of state-transition files are described.
    static let readme = "Scenarios/textbook/README.md"

    /// Whether the YAML file at `path` is a state-transition file (a mapping with a top-level
    /// `states:` key), not a scenario.
    public static func isStateTransitionFile(path: String) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let root = try? Yams.compose(yaml: text), case .mapping(let mapping) = root else { return false }
        return mapping.keys.contains { $0.string == "states" }
    }

    /// Loads the state-transition file at `path`: every problem, each with its line, key path
    /// and fix, at once.
    public static func load(path: String) throws(ScenarioIssues) -> StateTransitionModel {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ScenarioIssues([ScenarioIssue(file: path, keyPath: "", problem: "cannot read the file",
                                                fix: "Check that the path exists and is a readable UTF-8 text file.")])
        }
        return try decode(yaml: text, file: path)
    }

    /// Decodes a state-transition document; `file` names it in messages.
    public static func decode(yaml: String, file: String) throws(ScenarioIssues) -> StateTransitionModel {
        let reader = ScenarioNodeReader(file: file)
        reader.readme = readme
        guard let root = reader.parse(yaml, readme: readme) else { throw ScenarioIssues(reader.issues) }
        let model = reader.stateTransitionModel(from: root, text: yaml)
        guard let model, reader.issues.isEmpty else {
            throw ScenarioIssues(reader.issues.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        return model
    }

    /// The SHA-256 of the file at `path` (for the manifest), or `nil` when unreadable.
    static func digest(path: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map(SHA256.hex(of:))
    }
}

extension ScenarioNodeReader {
    /// The model in `root`, or `nil` with every problem reported.
    func stateTransitionModel(from root: Node, text: String) -> StateTransitionModel? {
        guard let top = declared(root, at: .root, as: .stateTransitionFile) else { return nil }
        let issuesBefore = issues.count

        // States, in file order.
        var states: [StateTransitionModel.State] = []
        var tunnelCycles: [Int] = []
        let stateBlocks = top.named("states") ?? []
        for (name, block) in stateBlocks {
            if !OutputNames.isIdentifier(name) {
                report(top.path.appending("states").appending(name), at: block.node,
                       "'\(name)' is not a valid name: state names become output columns, so they use letters, digits and underscores, starting with a letter",
                       fix: "Rename the state, e.g. sick_2.")
            }
            var components: [StateTransitionModel.CostComponent] = []
            if let parts = block.namedNumbers("costs_per_year") {
                for (part, amount) in parts {
                    if !OutputNames.isIdentifier(part) || part == "entry" {
                        report(block.path.appending("costs_per_year").appending(part), at: block.value("costs_per_year"),
                               "'\(part)' is not a valid cost name: cost names become rows of costs.csv (letters, digits and underscores, not 'entry')",
                               fix: "Rename the cost, e.g. direct_medical.")
                    }
                    components.append(.init(name: part, perYear: amount))
                }
            } else {
                let amount = block.number("cost_per_year") ?? 0
                components = amount > 0 ? [.init(name: "states", perYear: amount)] : []
            }
            states.append(.init(name: name, costComponents: components, utility: block.number("utility") ?? 0,
                                isDead: block.boolean("dead") ?? false, entryCost: block.number("entry_cost") ?? 0,
                                entryQALYs: block.number("entry_qalys") ?? 0))
            tunnelCycles.append(block.integer("tunnel_cycles") ?? 1)
            if block.has("tunnel_cycles") && block.boolean("dead") == true {
                report(block.path.appending("tunnel_cycles"), at: block.value("tunnel_cycles"), "a death state counts no time",
                       fix: "Remove tunnel_cycles from the death state.")
            }
            if block.boolean("dead") == true {
                for key in ["cost_per_year", "costs_per_year", "utility"] where key == "costs_per_year" ? block.has(key) : (block.number(key) ?? 0) != 0 {
                    report(block.path.appending(key), at: block.value(key), "a death state has no \(key == "utility" ? "utility" : "cost per year")",
                           fix: "Remove \(key), or give the cost of dying as entry_cost.")
                }
            }
        }
        if top.has("states") && states.isEmpty && stateBlocks.isEmpty {
            report(top.path.appending("states"), at: top.value("states"), "must define at least one state",
                   fix: BlockDeclaration.stateTransitionFile["states"].fix)
        }
        if states.count > StateTransitionModel.maximumStates {
            report(top.path.appending("states"), at: top.value("states"), "has \(states.count) states, more than \(StateTransitionModel.maximumStates)",
                   fix: "Merge states, or split the model.")
        }
        let names = states.map(\.name)
        func stateIndex(_ name: String, at path: ScenarioKeyPath, node: Node?) -> Int? {
            if let index = names.firstIndex(of: name) { return index }
            if !names.isEmpty {
                report(path, at: node, "no state named '\(name)'", fix: ParameterProblem.useOneOf(names, insteadOf: name))
            }
            return nil
        }
        func stateIndices(_ list: [String]?, at path: ScenarioKeyPath, node: Node?) -> [Int]? {
            guard let list else { return nil }
            let indices = list.enumerated().map { stateIndex($0.element, at: path.appending(index: $0.offset), node: node) }
            return indices.contains(nil) ? nil : indices.map { $0! }
        }

        // Cycle.
        let cycle = top.block("cycle")
        let cycleLength = cycle?.number("length_years") ?? 1
        let cycleCount = cycle?.integer("count") ?? 1
        let timing = RewardTiming(rawValue: top.text("rewards") ?? "half_cycle") ?? .halfCycle
        if timing == .simpson, cycleCount % 2 == 1, let cycle {
            report(top.path.appending("rewards"), at: top.value("rewards"),
                   "Simpson's 1/3 rule needs an even number of cycles (cycle.count is \(cycleCount))",
                   fix: "Use an even cycle.count, or rewards: half_cycle or darth_simpson.")
            _ = cycle
        }

        // Initial shares.
        var initial = [Double](repeating: 0, count: states.count)
        if let shares = top.namedNumbers("initial") {
            for (name, share) in shares {
                if let i = stateIndex(name, at: top.path.appending("initial").appending(name), node: top.value("initial")) { initial[i] = share }
            }
            let total = shares.reduce(0) { $0 + $1.value }
            if abs(total - 1) > 1e-9 {
                report(top.path.appending("initial"), at: top.value("initial"), "the shares sum to \(ScenarioIssue.formatNumber(total)), not 1",
                       fix: "Give shares that sum to 1, e.g. initial: {\(names.first ?? "healthy"): 1}.")
            }
            for (i, state) in states.enumerated() where state.isDead && initial[i] > 0 {
                report(top.path.appending("initial").appending(state.name), at: top.value("initial"), "starts part of the cohort dead",
                       fix: "Start the cohort in living states.")
            }
        } else if !initial.isEmpty {
            initial[0] = 1
        }

        // Transitions.
        var transitions: [StateTransitionModel.Transition] = []
        var seen: [String: Int] = [:]
        for (index, entry) in (top.list("transitions") ?? []).enumerated() {
            guard let fromName = entry.text("from"), let toName = entry.text("to") else { continue }
            guard let from = stateIndex(fromName, at: entry.path.appending("from"), node: entry.value("from")),
                  let to = stateIndex(toName, at: entry.path.appending("to"), node: entry.value("to")) else { continue }
            let value: StateTransitionModel.TransitionValue
            var byTimeInState: [StateTransitionModel.TransitionValue] = []
            if let p = entry.number("probability") { value = .probability(p) }
            else if let r = entry.number("rate_per_year") { value = .ratePerYear(r) }
            else if let c = entry.number("count") { value = .count(c) }
            else if let list = entry.numbers("probabilities_by_time_in_state") ?? entry.numbers("rates_per_year_by_time_in_state") {
                let key = entry.has("probabilities_by_time_in_state") ? "probabilities_by_time_in_state" : "rates_per_year_by_time_in_state"
                let k = tunnelCycles[from]
                if k < 2 {
                    report(entry.path.appending(key), at: entry.value(key), "\(fromName) is not a tunnel state, so it has no time in state",
                           fix: "Give \(fromName) tunnel_cycles, or give one probability or rate.")
                    continue
                }
                if list.isEmpty || list.count > k {
                    report(entry.path.appending(key), at: entry.value(key),
                           "has \(list.count) values; \(fromName) counts \(k) cycles (values past the last would never be used)",
                           fix: "Give 1 to \(k) values, one per cycle in \(fromName).")
                    continue
                }
                let values: [StateTransitionModel.TransitionValue] = key == "probabilities_by_time_in_state" ? list.map { .probability($0) } : list.map { .ratePerYear($0) }
                value = values[0]
                byTimeInState = values
            }
            else if let flag = entry.boolean("life_table") {
                guard flag else {
                    report(entry.path.appending("life_table"), at: entry.value("life_table"), "life_table: false gives no probability",
                           fix: "Write life_table: true, or give the move as a probability, rate_per_year or count.")
                    continue
                }
                if !top.has("life_table") {
                    report(entry.path.appending("life_table"), at: entry.value("life_table"), "the file has no life_table",
                           fix: "Add a top-level life_table: \(BlockDeclaration.lifeTable.example), and start_age_years.")
                }
                value = .lifeTable
            }
            else { continue }
            if let earlier = seen["\(from)>\(to)"] {
                report(entry.path, at: entry.node, "repeats the move \(fromName) → \(toName) of transitions[\(earlier)]",
                       fix: "Give each move once.")
                continue
            }
            seen["\(from)>\(to)"] = index
            if states[from].isDead {
                report(entry.path.appending("from"), at: entry.value("from"), "\(fromName) is a death state, which no one leaves",
                       fix: "Remove the move, or make \(fromName) a living state.")
            }
            if from == to, case .count = value {} else if from == to {
                report(entry.path.appending("to"), at: entry.value("to"), "a move from \(fromName) to itself: the stay is the complement of the row's moves",
                       fix: "Remove it; only a row of counts gives the stay, as a count.")
            }
            let hazardRatio = entry.number("hazard_ratio") ?? 1
            if case .count = value, hazardRatio != 1 {
                report(entry.path.appending("hazard_ratio"), at: entry.value("hazard_ratio"), "a count takes no hazard ratio",
                       fix: "Change counts in a strategy's transitions, or give the move as a probability.")
            }
            transitions.append(.init(from: from, to: to, value: value, hazardRatio: hazardRatio, byTimeInState: byTimeInState, fileIndex: index))
        }
        // A row of counts is all counts.
        for row in states.indices {
            let inRow = transitions.filter { $0.from == row }
            let counted = inRow.filter { if case .count = $0.value { true } else { false } }
            if !counted.isEmpty && counted.count != inRow.count {
                report(top.path.appending("transitions"), at: top.value("transitions"),
                       "the moves out of \(states[row].name) mix counts with probabilities or rates",
                       fix: "Give every move out of \(states[row].name) as a count (its stay included), or none.")
            }
            let total = counted.reduce(0.0) { if case .count(let c) = $1.value { $0 + c } else { $0 } }
            if !counted.isEmpty && total <= 0 {
                report(top.path.appending("transitions"), at: top.value("transitions"), "the counts out of \(states[row].name) sum to 0",
                       fix: "Give the observed counts of the row, its stay included.")
            }
        }
        let competition = StateTransitionModel.Competition(rawValue: top.text("competition") ?? "unconditional") ?? .unconditional
        if competition == .conditionalOnSurvival && !states.isEmpty && !states.contains(where: \.isDead) {
            report(top.path.appending("competition"), at: top.value("competition"), "conditional_on_survival needs a death state",
                   fix: "Mark the death state with dead: true, or use competition: unconditional.")
        }

        // Strategies.
        var strategies: [StateTransitionModel.Strategy] = []
        let strategyBlocks = top.named("strategies") ?? []
        if top.has("strategies") && strategyBlocks.isEmpty {
            report(top.path.appending("strategies"), at: top.value("strategies"), "must define at least one strategy",
                   fix: BlockDeclaration.stateTransitionFile["strategies"].fix)
        }
        for (name, block) in strategyBlocks {
            if !OutputNames.isIdentifier(name) {
                report(block.path, at: block.node,
                       "'\(name)' is not a valid name: strategy names become output columns, so they use letters, digits and underscores, starting with a letter",
                       fix: "Rename the strategy, e.g. usual_care.")
            }
            func window(_ item: DeclaredMapping) -> (Int, Int) {
                let first = item.integer("first_cycle") ?? 1
                let last = item.integer("last_cycle") ?? cycleCount
                if item.has("last_cycle") && last < first {
                    report(item.path.appending("last_cycle"), at: item.value("last_cycle"), "is before first_cycle (\(first))",
                           fix: "Give last_cycle ≥ first_cycle.")
                }
                if cycle != nil && first > cycleCount {
                    report(item.path.appending("first_cycle"), at: item.value("first_cycle"),
                           "is after the last cycle (\(cycleCount)), so it has no effect", fix: "Give a first cycle within 1…\(cycleCount).")
                }
                if cycle != nil && item.has("last_cycle") && last > cycleCount {
                    report(item.path.appending("last_cycle"), at: item.value("last_cycle"), "is after the last cycle (\(cycleCount))",
                           fix: "Give a last cycle within 1…\(cycleCount), or leave it out for the last.")
                }
                return (first, min(last, cycleCount))
            }
            var modifiers: [StateTransitionModel.TransitionModifier] = []
            for item in block.list("transitions") ?? [] {
                guard let from = stateIndices(item.texts("from"), at: item.path.appending("from"), node: item.value("from")) else { continue }
                let to = item.has("to") ? stateIndices(item.texts("to"), at: item.path.appending("to"), node: item.value("to")) : nil
                if item.has("to") && to == nil { continue }
                let kind: StateTransitionModel.TransitionModifier.Kind
                if let rr = item.number("relative_risk") { kind = .relativeRisk(rr) }
                else if let hr = item.number("hazard_ratio") { kind = .hazardRatio(hr) }
                else if let q = item.number("probability") {
                    kind = .probability(q)
                    if !item.has("to") {
                        report(item.path.appending("probability"), at: item.value("probability"), "sets every move out of those states to the same probability",
                               fix: "Name the moves whose probability it sets, e.g. to: [\(states.last?.name ?? "B")].")
                        continue
                    }
                }
                else { continue }
                // Every named move must be one the model gives (else the change has no effect).
                for row in from {
                    let moves = transitions.filter { $0.from == row && $0.to != row }.map(\.to)
                    if moves.isEmpty {
                        report(item.path.appending("from"), at: item.value("from"), "\(states[row].name) has no moves out of it to change",
                               fix: "Name states with transitions out of them.")
                    }
                    for column in to ?? [] where !moves.contains(column) {
                        report(item.path.appending("to"), at: item.value("to"), "the model has no move \(states[row].name) → \(states[column].name) to change",
                               fix: "Add the move to transitions, or name a move the model gives: " + moves.map { states[$0].name }.joined(separator: ", ") + ".")
                    }
                }
                let (first, last) = window(item)
                modifiers.append(.init(kind: kind, from: from, to: to, firstCycle: first, lastCycle: last))
            }
            var costs: [StateTransitionModel.StrategyCost] = []
            for item in block.list("costs") ?? [] {
                let byCycle = item.numbers("per_year_by_cycle") ?? []
                guard let costName = item.text("name"), let perYear = item.number("per_year") ?? byCycle.first,
                      let charged = stateIndices(item.texts("states"), at: item.path.appending("states"), node: item.value("states")) else { continue }
                let stateCostNames = Set(states.flatMap { $0.costComponents.map(\.name) })
                if stateCostNames.contains(costName) || costName == "entry" {
                    report(item.path.appending("name"), at: item.value("name"), "'\(costName)' already names the states' own costs in the breakdown",
                           fix: "Give the cost another name, e.g. \(costName)_\(name).")
                }
                if costs.contains(where: { $0.name == costName }) {
                    report(item.path.appending("name"), at: item.value("name"), "a second cost named '\(costName)'", fix: "Give each cost its own name.")
                }
                for state in charged where states[state].isDead {
                    report(item.path.appending("states"), at: item.value("states"), "\(states[state].name) is a death state: a cost there is never a year's",
                           fix: "Charge living states only; a cost of dying is the death state's entry_cost.")
                }
                let (first, last) = window(item)
                if byCycle.count > max(1, last - first + 1) {
                    report(item.path.appending("per_year_by_cycle"), at: item.value("per_year_by_cycle"),
                           "has \(byCycle.count) values for the \(max(1, last - first + 1)) cycles \(first)…\(last) it is charged in (values past the last would never be used)",
                           fix: "Give at most one value per cycle charged, or widen first_cycle … last_cycle.")
                }
                costs.append(.init(name: costName, perYear: perYear, perYearByCycle: byCycle, states: charged, firstCycle: first, lastCycle: last))
            }
            var utilities: [Int: Double] = [:]
            for (stateName, utility) in block.namedNumbers("utilities") ?? [] {
                guard let i = stateIndex(stateName, at: block.path.appending("utilities").appending(stateName), node: block.value("utilities")) else { continue }
                if states[i].isDead {
                    report(block.path.appending("utilities").appending(stateName), at: block.value("utilities"), "a death state has no utility",
                           fix: "Remove it.")
                }
                utilities[i] = utility
            }
            strategies.append(.init(name: name, modifiers: modifiers, costs: costs, utilities: utilities))
        }

        var events: [StateTransitionModel.Event] = []
        for (eventName, block) in top.named("events") ?? [] {
            if !OutputNames.isIdentifier(eventName) {
                report(block.path, at: block.node, "'\(eventName)' is not a valid name: event names become rows of events.csv (letters, digits and underscores, starting with a letter)",
                       fix: "Rename the event, e.g. admissions.")
            }
            var rates = [Double](repeating: 0, count: states.count)
            for (stateName, rate) in block.namedNumbers("rates_per_year") ?? [] {
                if let i = stateIndex(stateName, at: block.path.appending("rates_per_year").appending(stateName), node: block.value("rates_per_year")) {
                    if states[i].isDead && rate > 0 {
                        report(block.path.appending("rates_per_year").appending(stateName), at: block.value("rates_per_year"),
                               "\(stateName) is a death state: no time is spent there", fix: "Count deaths with on_entering: [\(stateName)].")
                    }
                    rates[i] = rate
                }
            }
            var entering = [Bool](repeating: false, count: states.count)
            for i in stateIndices(block.texts("on_entering"), at: block.path.appending("on_entering"), node: block.value("on_entering")) ?? [] {
                entering[i] = true
            }
            events.append(.init(name: eventName, ratePerYear: rates, onEntering: entering))
        }
        var lifeTable: LifeTable?
        if let table = top.block("life_table"), let ages = table.numbers("band_start_ages_years"), let q = table.numbers("annual_death_probabilities") {
            if ages.count != q.count || ages.isEmpty {
                report(table.path, at: table.node, "has \(ages.count) band ages and \(q.count) probabilities", fix: "Give one annual probability per band.")
            } else {
                let candidate = LifeTable(bandStartAgesYears: ages, annualDeathProbabilities: q)
                let before = issues.count
                adopt(candidate.validate(), under: table.path, node: table.node)
                if issues.count == before { lifeTable = candidate }
            }
        }
        let micro = top.block("microsimulation")
        let psa = top.block("psa").flatMap {
            stateTransitionPSA($0, root: root, text: text, states: states, transitions: transitions, microsimulationSubjects: micro?.integer("subjects") ?? 10000)
        }
        let sweep = top.block("sweep").flatMap { stateTransitionSweep($0, root: root, text: text, states: states) }
        // Tunnel states become one state per cycle in them; from here on the model is expanded.
        let (expanded, stayTarget) = StateTransitionModel.expandingTunnels(.init(
            states: states, tunnelCycles: tunnelCycles, initial: initial, transitions: transitions, strategies: strategies, events: events))
        if expanded.states.count > StateTransitionModel.maximumStates && states.count <= StateTransitionModel.maximumStates {
            report(top.path.appending("states"), at: top.value("states"),
                   "has \(expanded.states.count) states with its tunnels' cycles, more than \(StateTransitionModel.maximumStates)",
                   fix: "Count fewer cycles in tunnel states (the last one holds all longer stays).")
        }
        let expandedStates = expanded.states, expandedStrategies = expanded.strategies
        let cells = expandedStrategies.count * (cycleCount + 1) * expandedStates.count
        if cells > StateTransitionModel.maximumTraceCells {
            report(top.path.appending("cycle").appending("count"), at: top.value("cycle"),
                   "the trace would hold \(cells) values (\(expandedStrategies.count) strategies × \(cycleCount + 1) time points × \(expandedStates.count) states), more than \(StateTransitionModel.maximumTraceCells)",
                   fix: "Use longer cycles (e.g. weeks or months instead of days), fewer states or fewer strategies.")
        }
        let discounting = top.block("discounting")
        guard issues.count == issuesBefore, !expandedStates.isEmpty, !expandedStrategies.isEmpty else { return nil }
        let model = StateTransitionModel(
            name: top.text("name") ?? "model", description: top.text("description") ?? "", source: top.text("source") ?? "",
            states: expandedStates, cycleLengthYears: cycleLength, cycleCount: cycleCount, startAgeYears: top.number("start_age_years") ?? 0,
            lifeTable: lifeTable, initial: expanded.initial, transitions: expanded.transitions, stayTarget: stayTarget,
            competition: competition, costDiscountRate: discounting?.number("costs") ?? 0, effectDiscountRate: discounting?.number("effects") ?? 0,
            timing: timing, effectMeasure: StateTransitionModel.EffectMeasure(rawValue: top.text("effect") ?? "qalys") ?? .qalys,
            strategies: expandedStrategies, events: expanded.events, currency: top.text("currency") ?? "GBP", priceYear: top.integer("price_year"),
            subjects: micro?.integer("subjects") ?? 10000, seed: UInt64(micro?.integer("seed") ?? 1), psa: psa, sweep: sweep)
        // Every strategy's every cycle gives probability distributions.
        for (strategy, (name, block)) in zip(expandedStrategies, strategyBlocks) {
            do {
                let matrices = try TransitionMatrices(model: model, strategy: strategy)
                let cells = matrices.matrices.count * expandedStates.count * expandedStates.count
                if cells > StateTransitionModel.maximumTraceCells {
                    report(block.path, at: block.node,
                           "has \(matrices.matrices.count) different transition matrices (the life table's age bands crossed, and its changes' windows), \(cells) values, more than \(StateTransitionModel.maximumTraceCells)",
                           fix: "Use fewer states, longer cycles, or a life table with fewer bands.")
                }
            } catch {
                report(block.path, at: block.node,
                       "gives no valid probabilities for \(error.state) from cycle \(error.firstCycle): \(error.detail)",
                       fix: "Check the transitions out of \(error.state) and the strategy's changes to them (\(name)).")
            }
        }
        return issues.count == issuesBefore ? model : nil
    }
}
