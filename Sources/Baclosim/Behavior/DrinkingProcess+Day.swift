import Foundation

extension DrinkingProcess {
    /// Advances one subject by one day.
    ///
    /// Order within the day (RM-1's order for the drinking part):
    /// 1. Drinking: `h` from the current state's drinking hazard with today's craving and
    ///    yesterday's history; a drinking day iff `draws.drinking < 1 − e^{−h}`, decided as
    ///    `−ln(1 − draws.drinking) < h`.
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
        let entry = stateEntries[from]

        var drank = false
        if entry.drinkingHazard >= 0 {
            let h = hazard(drinkingHazards[entry.drinkingHazard], state: state, subject: subject,
                           context: context)
            // u < 1 − e^{−h} ⟺ −ln(1 − u) < h (equal up to rounding at the boundary).
            drank = draws.drinkingExponential < h
        }
        var drinks = 0
        var heavy = false
        if drank {
            drinks = amount.drinks(uniform: draws.amount, craving: context.craving,
                                   baselineDrinksPerDay: subject.baselineDrinksPerDay)
            heavy = heavyThreshold.isHeavy(drinks: drinks, sex: subject.sex)
        }

        var to = from
        if entry.transitionCount > 0,
           let target = hazardTransition(entry, state: state, subject: subject, context: context,
                                         uniform: draws.transition) {
            to = target
        } else if drank {
            let triggered = heavy ? entry.onHeavyDrinkingDay : entry.onDrinkingDay
            if triggered >= 0 { to = triggered }
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

    /// The drinking hazard `h` of the subject's current state today (per day; 0 in a state
    /// without drinking), as step 1 of ``advance(_:subject:context:draws:)`` computes it: the
    /// probability of a drinking day is `1 − e^{−h}`. Reads `context` only (craving, effect,
    /// hazard ratio, side-effect flag): as-needed dosing asks it with no drug effect.
    func drinkingHazard(_ state: DrinkingState, subject: Covariates, context: DrinkingDayContext) -> Double {
        let entry = stateEntries[state.current]
        guard entry.drinkingHazard >= 0 else { return 0 }
        return hazard(drinkingHazards[entry.drinkingHazard], state: state, subject: subject, context: context)
    }

    /// One compiled hazard's value today.
    @inline(__always)
    private func hazard(_ hazard: CompiledHazard, state: DrinkingState, subject: Covariates,
                        context: DrinkingDayContext) -> Double {
        let tau = hazard.modifiers.elapsedDays(day: context.day, daysInState: state.daysInState)
        let base = hazard.baselineDayHazard(elapsedDays: tau, pieceStartDays: pieceStartDays,
                                            pieceRates: pieceRates)
        return hazard.modifiers.apply(to: base, subject: subject, context: context, hasDrunk: state.hasDrunk)
    }

    /// The hazard-driven transition taken today, if any (step 3 of `advance`).
    private func hazardTransition(_ entry: StateEntry, state: DrinkingState, subject: Covariates,
                                  context: DrinkingDayContext, uniform u: Double) -> Int? {
        let range = entry.firstTransition..<(entry.firstTransition + entry.transitionCount)
        var total = 0.0
        for k in range {
            total += hazard(transitionHazards[k], state: state, subject: subject, context: context)
        }
        let probability = -expm1(-total)
        guard u < probability else { return nil }
        // u/p is uniform on [0, 1) given an event; the causes split it in proportion h_k/H.
        let target = u / probability * total
        var cumulative = 0.0
        for k in range {
            cumulative += hazard(transitionHazards[k], state: state, subject: subject, context: context)
            if target < cumulative { return transitionTargets[k] }
        }
        return transitionTargets[range.upperBound - 1]
    }
}
