/// One key path of a state-transition file resolved, once, to the number it sets in the loaded
/// ``StateTransitionModel``, so a PSA (or sweep) draw writes its value in place instead of
/// writing it into the YAML and reading the file again.
///
/// A bound draw evaluates exactly the model a re-read draw would give (tested draw by draw, bit
/// for bit): the value is the one the decoder reads back from its text (``normalised(_:)``),
/// a tunnel state's number goes to every cycle of the tunnel that the decoder gives it to, and
/// the decoder's declared rule for the key is checked first. A value that would change the
/// model's shape rather than a number (exactly 0, which removes a cost part, an entry reward or
/// a count) or that breaks the rule is not written: the caller reads that draw again for the
/// decoder's own result or message.
///
/// Bound: `states.X.{cost_per_year, costs_per_year.P, utility, entry_cost, entry_qalys}`,
/// `transitions[i].{probability, rate_per_year, count, hazard_ratio}`,
/// `strategies.S.transitions[j].{relative_risk, hazard_ratio, probability}`, `strategies.S.costs[j].per_year`,
/// `strategies.S.utilities.X`, `events.E.rates_per_year.X`, `discounting.{costs, effects}`.
/// Anything else (values per time in state, life tables, initial shares, the cycle) is read
/// again with the file.
struct StateTransitionParameterBinding: Sendable {
    /// The key path as the `psa:` block names it.
    let keyPath: String
    let target: Target
    /// The decoder's rule for this key.
    let rule: NumberRule

    enum Target: Sendable, Equatable {
        case stateCost(states: [Int], component: String)
        case stateUtility(states: [Int])
        case stateEntryCost(states: [Int])
        case stateEntryQALYs(states: [Int])
        /// Moves of the file's transition (every tunnel cycle's copy).
        case transitionValue(moves: [Int])
        case transitionHazardRatio(moves: [Int])
        case modifier(strategy: Int, index: Int)
        case strategyCost(strategy: Int, index: Int)
        case strategyUtility(strategy: Int, states: [Int])
        case eventRate(event: Int, states: [Int])
        case costDiscountRate
        case effectDiscountRate
    }

    /// The binding of `keyPath` in `model`, or nil when the key is read with the file instead.
    init?(keyPath: String, model: StateTransitionModel) {
        let path = ScenarioKeyPath(parsing: keyPath)
        guard let rule = ScenarioDeclarations.numberRule(in: .stateTransitionFile, at: path.components),
              let target = Self.target(path.components, model: model) else { return nil }
        self.keyPath = keyPath
        self.target = target
        self.rule = rule
    }

    private static func target(_ steps: [ScenarioKeyPath.Component], model: StateTransitionModel) -> Target? {
        func states(named name: String) -> [Int] {
            model.states.indices.filter { model.states[$0].name == name || model.states[$0].tunnel?.state == name }
        }
        switch steps.count {
        case 2:
            guard case .key("discounting") = steps[0], case .key(let which) = steps[1] else { return nil }
            return which == "costs" ? .costDiscountRate : which == "effects" ? .effectDiscountRate : nil
        case 3:
            switch (steps[0], steps[1], steps[2]) {
            case (.key("states"), .key(let name), .key(let field)):
                let mine = states(named: name)
                guard !mine.isEmpty else { return nil }
                switch field {
                case "cost_per_year":
                    guard mine.allSatisfy({ model.states[$0].costComponents.map(\.name) == ["states"] }) else { return nil }
                    return .stateCost(states: mine, component: "states")
                case "utility": return mine.contains { model.states[$0].isDead } ? nil : .stateUtility(states: mine)
                // Only a tunnel's first cycle has the entry rewards.
                case "entry_cost": return .stateEntryCost(states: mine.filter { (model.states[$0].tunnel?.cycle ?? 1) == 1 })
                case "entry_qalys": return .stateEntryQALYs(states: mine.filter { (model.states[$0].tunnel?.cycle ?? 1) == 1 })
                default: return nil
                }
            case (.key("transitions"), .index(let i), .key(let field)):
                let moves = model.transitions.indices.filter { model.transitions[$0].fileIndex == i }
                guard !moves.isEmpty else { return nil }
                if field == "hazard_ratio" { return .transitionHazardRatio(moves: moves) }
                let kinds = Set(moves.map { move -> String in
                    switch model.transitions[move].value {
                    case .probability: "probability"
                    case .ratePerYear: "rate_per_year"
                    case .count: "count"
                    case .lifeTable: "life_table"
                    }
                })
                // Per time in state, the copies hold different values: not one number.
                guard kinds == [field], field != "life_table",
                      Set(moves.map { "\(model.transitions[$0].value)" }).count == 1 else { return nil }
                return .transitionValue(moves: moves)
            default: return nil
            }
        case 4:
            switch (steps[0], steps[1], steps[2], steps[3]) {
            case (.key("states"), .key(let name), .key("costs_per_year"), .key(let part)):
                let mine = states(named: name)
                guard !mine.isEmpty, mine.allSatisfy({ model.states[$0].costComponents.contains { $0.name == part } }) else { return nil }
                return .stateCost(states: mine, component: part)
            case (.key("strategies"), .key(let name), .key("utilities"), .key(let state)):
                guard let s = model.strategies.firstIndex(where: { $0.name == name }) else { return nil }
                let mine = states(named: state)
                guard !mine.isEmpty, mine.allSatisfy({ model.strategies[s].utilities[$0] != nil }) else { return nil }
                return .strategyUtility(strategy: s, states: mine)
            case (.key("events"), .key(let name), .key("rates_per_year"), .key(let state)):
                guard let e = model.events.firstIndex(where: { $0.name == name }) else { return nil }
                let mine = states(named: state)
                return mine.isEmpty || mine.contains { model.states[$0].isDead } ? nil : .eventRate(event: e, states: mine)
            default: return nil
            }
        case 5:
            guard case .key("strategies") = steps[0], case .key(let name) = steps[1], case .key(let list) = steps[2],
                  case .index(let j) = steps[3], case .key(let field) = steps[4],
                  let s = model.strategies.firstIndex(where: { $0.name == name }) else { return nil }
            let strategy = model.strategies[s]
            switch (list, field) {
            case ("transitions", "relative_risk") where j < strategy.modifiers.count:
                if case .relativeRisk = strategy.modifiers[j].kind { return .modifier(strategy: s, index: j) }
                return nil
            case ("transitions", "hazard_ratio") where j < strategy.modifiers.count:
                if case .hazardRatio = strategy.modifiers[j].kind { return .modifier(strategy: s, index: j) }
                return nil
            case ("transitions", "probability") where j < strategy.modifiers.count:
                if case .probability = strategy.modifiers[j].kind { return .modifier(strategy: s, index: j) }
                return nil
            case ("costs", "per_year") where j < strategy.costs.count && strategy.costs[j].perYearByCycle.isEmpty:
                return .strategyCost(strategy: s, index: j)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The number the decoder reads back from `value` written as YAML text: every finite value
    /// bit for bit, except −0, which reads as +0.
    static func normalised(_ value: Double) -> Double { value == 0 ? 0 : value }

    /// Whether `value` can be written in place: finite, within the decoder's rule, and not 0 (a
    /// zero can remove a cost part, an entry reward or a count, which changes the model's shape).
    func accepts(_ value: Double) -> Bool {
        value.isFinite && value != 0 && rule.violation(value) == nil
    }

    /// Writes `value` (already ``normalised(_:)`` and ``accepts(_:)``) into `model`.
    func write(_ value: Double, into model: inout StateTransitionModel) {
        switch target {
        case .stateCost(let states, let component):
            for i in states {
                for k in model.states[i].costComponents.indices where model.states[i].costComponents[k].name == component {
                    model.states[i].costComponents[k].perYear = value
                }
            }
        case .stateUtility(let states):
            for i in states { model.states[i].utility = value }
        case .stateEntryCost(let states):
            for i in states { model.states[i].entryCost = value }
        case .stateEntryQALYs(let states):
            for i in states { model.states[i].entryQALYs = value }
        case .transitionValue(let moves):
            for m in moves {
                switch model.transitions[m].value {
                case .probability: model.transitions[m].value = .probability(value)
                case .ratePerYear: model.transitions[m].value = .ratePerYear(value)
                case .count: model.transitions[m].value = .count(value)
                case .lifeTable: break
                }
            }
        case .transitionHazardRatio(let moves):
            for m in moves { model.transitions[m].hazardRatio = value }
        case .modifier(let s, let j):
            switch model.strategies[s].modifiers[j].kind {
            case .relativeRisk: model.strategies[s].modifiers[j].kind = .relativeRisk(value)
            case .hazardRatio: model.strategies[s].modifiers[j].kind = .hazardRatio(value)
            case .probability: model.strategies[s].modifiers[j].kind = .probability(value)
            }
        case .strategyCost(let s, let j):
            model.strategies[s].costs[j].perYear = value
        case .strategyUtility(let s, let states):
            for i in states { model.strategies[s].utilities[i] = value }
        case .eventRate(let e, let states):
            for i in states { model.events[e].ratePerYear[i] = value }
        case .costDiscountRate:
            model.costDiscountRate = value
        case .effectDiscountRate:
            model.effectDiscountRate = value
        }
    }
}
