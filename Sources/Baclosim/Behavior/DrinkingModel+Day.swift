import Foundation

extension DrinkingModel {
    /// Advances one subject by one day.
    ///
    /// Order within the day (RM-1's order for the drinking part):
    /// 1. Drinking: `h` from the current state's drinking hazard with today's craving and
    ///    yesterday's history; a drinking day iff `draws.drinking < −expm1(−h)` (= 1 − e^{−h}).
    /// 2. Amount: `drinks` by inversion of `draws.amount`; heavy by `heavyThreshold` and sex;
    ///    grams = drinks × `standardDrinkGrams`.
    /// 3. Hazard-driven transitions, competing: total `H = Σ h_k`; one fires iff
    ///    `u < 1 − e^{−H}` (u = `draws.transition`), and then cause `k` is the one whose share of
    ///    `H` contains `u/(1 − e^{−H})`: P(cause k) = (h_k/H)(1 − e^{−H}), one uniform in all.
    /// 4. Otherwise an event-triggered transition: after a heavy day `onHeavyDrinkingDay`
    ///    (or `onDrinkingDay`), after any other drinking day `onDrinkingDay`. A hazard-driven
    ///    transition wins over an event-triggered one on the same day (dropout and death are
    ///    hazard-driven).
    /// 5. History: `hasDrunk` and `lastDrinkingDay` update after the day (RM-1's ×4 applies
    ///    from the next day); `daysInState` restarts at 0 on a state change.
    ///
    /// - Complexity: O(transitions of the current state); allocation-free.
    func advance(_ state: inout DrinkingState, subject: Covariates, context: DrinkingDayContext,
                 draws: DrinkingDayDraws) -> DrinkingDayOutcome {
        let from = state.current
        let definition = states[from]

        var drank = false
        if let drinkingHazard = definition.drinkingHazard {
            let h = drinkingHazard.hazard(subject: subject, context: context,
                                          daysInState: state.daysInState, hasDrunk: state.hasDrunk)
            drank = draws.drinking < -expm1(-h)
        }
        var drinks = 0
        var heavy = false
        if drank {
            drinks = amount.drinks(uniform: draws.amount, craving: context.craving,
                                   baselineDrinksPerDay: subject.baselineDrinksPerDay)
            heavy = heavyThreshold.isHeavy(drinks: drinks, sex: subject.sex)
        }

        var to = from
        if let target = hazardTransition(from: definition, state: state, subject: subject,
                                         context: context, uniform: draws.transition) {
            to = target
        } else if drank {
            to = (heavy ? definition.onHeavyDrinkingDay : nil) ?? definition.onDrinkingDay ?? from
        }

        if drank {
            state.hasDrunk = true
            state.lastDrinkingDay = context.day
        }
        if to != from {
            state.current = to
            state.daysInState = 0
        } else {
            state.daysInState += 1
        }
        return DrinkingDayOutcome(drank: drank, drinks: drinks, heavy: heavy,
                                  grams: Double(drinks) * standardDrinkGrams,
                                  fromState: from, toState: to)
    }

    /// The hazard-driven transition taken today, if any (step 3 of `advance`).
    private func hazardTransition(from definition: DrinkingStateDefinition, state: DrinkingState,
                                  subject: Covariates, context: DrinkingDayContext,
                                  uniform u: Double) -> Int? {
        let transitions = definition.transitions
        guard !transitions.isEmpty else { return nil }
        var total = 0.0
        for transition in transitions {
            total += transition.hazard.hazard(subject: subject, context: context,
                                              daysInState: state.daysInState,
                                              hasDrunk: state.hasDrunk)
        }
        let probability = -expm1(-total)
        guard u < probability else { return nil }
        // u/p is uniform on [0, 1) given an event; the causes split it in proportion h_k/H.
        let target = u / probability * total
        var cumulative = 0.0
        for transition in transitions {
            cumulative += transition.hazard.hazard(subject: subject, context: context,
                                                   daysInState: state.daysInState,
                                                   hasDrunk: state.hasDrunk)
            if target < cumulative { return transition.target }
        }
        return transitions[transitions.count - 1].target
    }
}
