/// The runtime form of a `DrinkingModel`: flat tables of trivially copyable entries, built once
/// per scenario and shared read-only by every worker. `advance` (in `DrinkingProcess+Day.swift`)
/// reads them in place, so a subject-day costs no copies, no reference counting and no
/// allocation.
struct DrinkingProcess: Sendable {
    /// Per state: indices into the hazard and transition tables (−1 = none).
    struct StateEntry: Sendable, Equatable {
        /// Index into `drinkingHazards`, or −1 (never drinks).
        var drinkingHazard: Int
        /// First index into `transitionHazards` / `transitionTargets`.
        var firstTransition: Int
        /// Number of hazard-driven transitions.
        var transitionCount: Int
        /// State after a non-heavy drinking day, or −1.
        var onDrinkingDay: Int
        /// State after a heavy drinking day (falls back to `onDrinkingDay`), or −1.
        var onHeavyDrinkingDay: Int
    }

    /// An invalid model, with every problem found (`DrinkingModel.problems()`).
    struct InvalidModel: Error, Equatable, Sendable {
        var problems: [String]
    }

    /// The declaration this was built from (names, roles, for reports).
    let model: DrinkingModel
    /// One entry per state, in the model's order.
    let stateEntries: [StateEntry]
    /// Drinking hazards, indexed by `StateEntry.drinkingHazard`.
    let drinkingHazards: [CompiledHazard]
    /// Transition hazards; state s owns `firstTransition ..< firstTransition + transitionCount`.
    let transitionHazards: [CompiledHazard]
    /// Destination state of each transition hazard.
    let transitionTargets: [Int]
    /// Start days of all piecewise-constant pieces (each hazard owns a contiguous run).
    let pieceStartDays: [Int]
    /// Rates per day of all piecewise-constant pieces.
    let pieceRates: [Double]
    /// Drinks on a drinking day (copied from the model).
    let amount: DrinkAmountModel
    /// Heavy drinking day threshold (copied from the model).
    let heavyThreshold: HeavyDrinkingThreshold
    /// Grams per standard drink (copied from the model).
    let standardDrinkGrams: Double

    /// Compiles a model.
    /// - Throws: `InvalidModel` listing every problem when the declaration is invalid.
    init(_ model: DrinkingModel) throws(InvalidModel) {
        let problems = model.problems()
        guard problems.isEmpty else { throw InvalidModel(problems: problems) }
        var starts: [Int] = [], rates: [Double] = []
        var entries: [StateEntry] = [], drinking: [CompiledHazard] = []
        var transitions: [CompiledHazard] = [], targets: [Int] = []
        for state in model.states {
            var entry = StateEntry(drinkingHazard: -1, firstTransition: transitions.count,
                                   transitionCount: state.transitions.count,
                                   onDrinkingDay: state.onDrinkingDay ?? -1,
                                   onHeavyDrinkingDay: state.onHeavyDrinkingDay ?? state.onDrinkingDay ?? -1)
            if let hazard = state.drinkingHazard {
                entry.drinkingHazard = drinking.count
                drinking.append(CompiledHazard(hazard, pieceStartDays: &starts, pieceRates: &rates))
            }
            for transition in state.transitions {
                transitions.append(CompiledHazard(transition.hazard, pieceStartDays: &starts, pieceRates: &rates))
                targets.append(transition.target)
            }
            entries.append(entry)
        }
        self.model = model
        stateEntries = entries
        drinkingHazards = drinking
        transitionHazards = transitions
        transitionTargets = targets
        pieceStartDays = starts
        pieceRates = rates
        amount = model.amount
        heavyThreshold = model.heavyThreshold
        standardDrinkGrams = model.standardDrinkGrams
    }

    /// The starting state of a subject.
    var initialState: DrinkingState { model.initialDrinkingState }
}
