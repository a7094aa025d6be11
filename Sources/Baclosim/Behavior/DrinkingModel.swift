/// What a state means outside the drinking process.
enum DrinkingStateRole: String, Sendable, Equatable {
    /// An ordinary state of a subject under observation.
    case active
    /// Dropped out of the trial/treatment: observation and treatment end (the subject may still
    /// drink, with the state's own drinking hazard, for the economics).
    case droppedOut
    /// Dead: no drinking, no transitions.
    case dead
}

/// A hazard-driven transition to `target` (a state index), competing with the state's other
/// transitions.
struct HazardTransition: Sendable, Equatable {
    /// Index of the destination state in `DrinkingModel.states`.
    var target: Int
    /// Its hazard.
    var hazard: HazardDefinition
}

/// One state of the drinking process, declared as data.
struct DrinkingStateDefinition: Sendable, Equatable {
    /// Name, for reports and error messages (e.g. "abstinent", "lapsed", "heavy", "dropped_out").
    var name: String
    /// Role outside the drinking process.
    var role: DrinkingStateRole = .active
    /// Hazard of a drinking day in this state; nil = never drinks here.
    var drinkingHazard: HazardDefinition?
    /// Competing hazard-driven transitions out of this state.
    var transitions: [HazardTransition] = []
    /// State entered after a (non-heavy) drinking day, e.g. abstinent → lapsed.
    var onDrinkingDay: Int?
    /// State entered after a heavy drinking day; falls back to `onDrinkingDay` when nil.
    var onHeavyDrinkingDay: Int?
    /// Entering this (dropped-out or dead) state stops the drug abruptly from the next day: the
    /// subject has left treatment (opioid agonist treatment: a dropout no longer receives
    /// methadone). False keeps the regimen running after dropout, the alcohol models' and
    /// RM-1's convention (drug exposure there does not depend on being observed).
    var endsTreatment: Bool = false

    /// No way out of this state.
    var isAbsorbing: Bool { transitions.isEmpty && onDrinkingDay == nil && onHeavyDrinkingDay == nil }
}

/// The drinking process: states, their drinking and transition hazards, and the amount model
/// (docs/model.md#7-drinking-as-a-multi-state-process). Advanced once per day by `advance`.
struct DrinkingModel: Sendable, Equatable {
    /// The states; transitions refer to them by index.
    var states: [DrinkingStateDefinition]
    /// Index of the state every subject starts in.
    var initialState: Int = 0
    /// Drinks on a drinking day.
    var amount: DrinkAmountModel
    /// Heavy drinking day threshold for the process itself (state triggers, outcome flag).
    var heavyThreshold: HeavyDrinkingThreshold = .niaaa
    /// Grams of ethanol per standard drink (10 WHO/Europe/Australia, 12 Italy — Addolorato 2007,
    /// 14 US).
    var standardDrinkGrams: Double = 10
    /// What a use ("drinking") day is: alcohol by default; opioids or cocaine read the process
    /// as illicit use days (no amounts; see `Substance`).
    var substance: Substance = .alcohol

    /// The starting state of a subject.
    var initialDrinkingState: DrinkingState {
        DrinkingState(current: initialState, daysInState: 0, hasDrunk: false, lastDrinkingDay: nil)
    }

    /// Problems with the declaration, each a sentence naming the state and the fix; empty when
    /// valid. The scenario layer prefixes its key path.
    func problems() -> [String] {
        var found: [String] = []
        let range = states.indices
        if states.isEmpty { found.append("states: at least one state is needed") }
        if !states.isEmpty && !range.contains(initialState) {
            found.append("initial_state: \(initialState) is not a state index (0…\(states.count - 1))")
        }
        if standardDrinkGrams <= 0 {
            found.append("standard_drink_g: must be > 0 (found \(standardDrinkGrams)); use 10, 12 or 14")
        }
        for (i, state) in states.enumerated() {
            let where_ = "states[\(i)] (\(state.name))"
            for (k, transition) in state.transitions.enumerated() where !range.contains(transition.target) {
                found.append("\(where_).transitions[\(k)].target: \(transition.target) is not a state index")
            }
            for (key, target) in [("on_drinking_day", state.onDrinkingDay),
                                  ("on_heavy_drinking_day", state.onHeavyDrinkingDay)] {
                if let target, !range.contains(target) {
                    found.append("\(where_).\(key): \(target) is not a state index")
                }
            }
            if state.endsTreatment && state.role == .active {
                found.append("\(where_): ends_treatment applies only to a dropped_out or dead state (role)")
            }
            if state.role == .dead && (state.drinkingHazard != nil || !state.isAbsorbing) {
                found.append("\(where_): a dead state must have no drinking hazard and no transitions")
            }
            var hazards = state.transitions.map(\.hazard)
            if let drinking = state.drinkingHazard { hazards.append(drinking) }
            for hazard in hazards { found += Self.problems(of: hazard.baseline, in: where_) }
            for hazard in hazards where !(0...1).contains(hazard.modifiers.effectReduction) {
                found.append("\(where_): effect_reduction must lie in [0, 1] (found \(hazard.modifiers.effectReduction)); "
                             + "1 reads h × (1 − E)")
            }
        }
        return found
    }

    /// Problems with one baseline hazard's parameters.
    private static func problems(of baseline: BaselineHazard, in where_: String) -> [String] {
        switch baseline {
        case .constant(let h):
            return h >= 0 ? [] : ["\(where_): constant hazard must be ≥ 0 per day (found \(h))"]
        case .weibull(let shape, let scale), .logLogistic(let shape, let scale):
            return shape > 0 && scale > 0 ? [] : ["\(where_): shape and scale_days must be > 0"]
        case .logLogisticCure(let shape, let scale, let cured):
            return shape > 0 && scale > 0 && cured >= 0 && cured < 1
                ? [] : ["\(where_): shape, scale_days > 0 and cured_fraction in [0, 1) needed"]
        case .piecewiseConstant(let starts, let rates):
            let ascending = zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 }
            let valid = starts.count == rates.count && starts.first == 0 && ascending
                && rates.allSatisfy { $0 >= 0 }
            return valid ? [] : ["\(where_): piecewise hazard needs ascending start_days from 0, "
                                 + "one non-negative rate per start"]
        }
    }
}
