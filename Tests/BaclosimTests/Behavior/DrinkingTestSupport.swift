@testable import Baclosim

/// A plain subject for behaviour tests (man, 45, no comorbidity).
func behaviorTestSubject(sex: Sex = .male, psychiatric: Bool = false, liver: LiverDisease = .none,
                         dsm5Criteria: Int = 6, ageYears: Double = 45,
                         baselineDrinksPerDay: Double = 8) -> Covariates {
    Covariates(sex: sex, ageYears: ageYears, weightKg: 80, creatinineClearanceMLPerMin: 100,
               liver: liver, psychiatric: psychiatric, dsm5Criteria: dsm5Criteria,
               baselineDrinksPerDay: baselineDrinksPerDay, pregnant: false, baselineCraving: 1)
}

extension DrinkingModel {
    /// The compiled process of a test fixture known to be valid (`problems()` is tested on its
    /// own); an invalid fixture stops the run here with its problems.
    var testProcess: DrinkingProcess {
        do { return try DrinkingProcess(self) } catch { fatalError("invalid test fixture: \(error.problems)") }
    }
}

/// Days in the initial state until the first hazard-driven or event-triggered move, simulated
/// with fresh uniforms each day; nil if still there after `horizon` days.
func daysUntilLeaving(_ process: DrinkingProcess, state initial: DrinkingState? = nil,
                      subject: Covariates = behaviorTestSubject(), craving: Double = 0,
                      horizon: Int, random: inout BehaviorTestRandom) -> (days: Int, target: Int)? {
    var state = initial ?? process.initialState
    let start = state.current
    for day in 0..<horizon {
        let draws = DrinkingDayDraws(drinking: random.uniform(), amount: random.uniform(),
                                     transition: random.uniform())
        let outcome = process.advance(&state, subject: subject,
                                    context: DrinkingDayContext(day: day, craving: craving), draws: draws)
        if outcome.toState != start { return (day + 1, outcome.toState) }
    }
    return nil
}
