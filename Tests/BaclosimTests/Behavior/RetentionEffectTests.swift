import Foundation
import Testing
@testable import Baclosim

/// The drug effect on a transition hazard, `h × (1 − s·E)` (`HazardModifiers.effectReduction`):
/// exact scaling, validation, and retention under a constant effect against the closed form.
@Suite struct RetentionEffectTests {
    /// A two-state use process: in_treatment (uses with hazard 1) → dropped_out with a constant
    /// hazard scaled by `1 − s·E`.
    static func model(dropoutPerDay: Double, reduction: Double) -> DrinkingModel {
        let dropout = HazardDefinition(baseline: .constant(perDay: dropoutPerDay), effectReduction: reduction,
                                       appliesTreatmentHazardRatio: false)
        var model = DrinkingModel(
            states: [DrinkingStateDefinition(name: "in_treatment", drinkingHazard: HazardDefinition(baseline: .constant(perDay: 1)),
                                             transitions: [HazardTransition(target: 1, hazard: dropout)]),
                     DrinkingStateDefinition(name: "dropped_out", role: .droppedOut)],
            amount: DrinkAmountModel(cravingSlope: 0, intercept: 0, baselineDrinksSlope: 0, distribution: .poisson))
        model.substance = .opioids
        return model
    }

    @Test func effectReductionRemovesTheFractionSTimesEOfTheHazard() {
        let subject = behaviorTestSubject()
        for (s, e) in [(1.0, 0.8), (0.5, 0.6), (0.0, 0.9), (1.0, 0.0)] {
            let hazard = HazardDefinition(baseline: .constant(perDay: 0.02), effectReduction: s)
            let h = hazard.hazard(subject: subject, context: DrinkingDayContext(day: 3, craving: 1, effect: e),
                                  daysInState: 3, hasDrunk: false)
            #expect(abs(h - 0.02 * (1 - s * e)) <= 1e-15)
        }
        // With the arm's hazard ratio it multiplies: h × (1 − E) × HR.
        let hazard = HazardDefinition(baseline: .constant(perDay: 0.02), effectReduction: 1)
        let h = hazard.hazard(subject: subject, context: DrinkingDayContext(day: 0, craving: 1, effect: 0.5, treatmentHazardRatio: 0.4),
                              daysInState: 0, hasDrunk: false)
        #expect(abs(h - 0.02 * 0.5 * 0.4) <= 1e-15)
    }

    @Test func effectReductionOutsideZeroToOneIsAProblem() {
        #expect(Self.model(dropoutPerDay: 0.01, reduction: 1).problems().isEmpty)
        let problems = Self.model(dropoutPerDay: 0.01, reduction: 1.5).problems()
        #expect(problems.count == 1 && problems[0].contains("effect_reduction"))
    }

    /// Retention at day N under a constant effect E is e^{−h(1 − sE)N}: simulated over 10 000
    /// subjects, within 5 binomial standard errors, for no effect and two effects.
    @Test func retentionUnderAConstantEffectMatchesTheClosedForm() {
        let h = 0.012, days = 84, n = 10_000
        for (s, effect) in [(1.0, 0.0), (1.0, 0.75), (0.5, 0.6)] {
            let process = Self.model(dropoutPerDay: h, reduction: s).testProcess
            var random = BehaviorTestRandom(seed: 4_044)
            var retained = 0
            for _ in 0..<n {
                var state = process.initialState
                for day in 0..<days {
                    let draws = DrinkingDayDraws(drinking: random.uniform(), amount: random.uniform(), transition: random.uniform())
                    _ = process.advance(&state, subject: behaviorTestSubject(),
                                        context: DrinkingDayContext(day: day, craving: 1, effect: effect), draws: draws)
                }
                if state.current == 0 { retained += 1 }
            }
            let expected = exp(-h * (1 - s * effect) * Double(days))
            let se = (expected * (1 - expected) / Double(n)).squareRoot()
            #expect(abs(Double(retained) / Double(n) - expected) < 5 * se, "s \(s), E \(effect)")
        }
    }
}
