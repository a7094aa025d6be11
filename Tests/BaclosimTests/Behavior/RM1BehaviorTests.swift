import Foundation
import Testing
@testable import Baclosim

/// RM-1 (docs/rm1.md) expressed with the Behavior and Population parts.
enum RM1BehaviorParts {
    static let effect = EffectModel(emax: 0.70, ec50MgPerL: 0.20)
    static let craving = CravingProcess(reversionPerDay: 0.25, volatility: 0.35)
    static let cravingMean = CravingMeanModel()

    /// One state; has-drunk ×4 as a history multiplier.
    static let drinking = DrinkingModel(
        states: [DrinkingStateDefinition(
            name: "at risk",
            drinkingHazard: HazardDefinition(baseline: .constant(perDay: 0.03), cravingCoefficient: 1.2,
                                             cravingReference: 1,
                                             multipliers: HazardMultipliers(hasDrunk: 4)))],
        amount: DrinkAmountModel(cravingSlope: 3),
        heavyThreshold: .uniform(5))

    /// The same model as two states: abstinent → lapsed on the first drinking day, lapsed with
    /// base 0.12. Must give identical days for identical draws.
    static let drinkingTwoStates = DrinkingModel(
        states: [
            DrinkingStateDefinition(name: "abstinent",
                                    drinkingHazard: HazardDefinition(baseline: .constant(perDay: 0.03),
                                                                     cravingCoefficient: 1.2, cravingReference: 1),
                                    onDrinkingDay: 1),
            DrinkingStateDefinition(name: "lapsed",
                                    drinkingHazard: HazardDefinition(baseline: .constant(perDay: 0.03 * 4),
                                                                     cravingCoefficient: 1.2, cravingReference: 1)),
        ],
        amount: DrinkAmountModel(cravingSlope: 3),
        heavyThreshold: .uniform(5))

    /// RM-1's outputs as endpoints over 84 days.
    static let endpoints: [EndpointDefinition] = [
        .continuousAbstinence(DayWindow(firstDay: 0, lastDay: 83), .complete),
        .proportionDaysAbstinent(DayWindow(firstDay: 0, lastDay: 83), .complete),
        .proportionHeavyDrinkingDays(DayWindow(firstDay: 0, lastDay: 83), .uniform(5), .complete),
        .continuousAbstinence(.through(day: 7), .complete),
        .continuousAbstinence(.through(day: 14), .complete),
        .continuousAbstinence(.through(day: 28), .complete),
        .continuousAbstinence(.through(day: 56), .complete),
        .totalDrinks(DayWindow(firstDay: 0, lastDay: 83), .complete),
    ]
}

@Suite struct RM1BehaviorTests {
    @Test func typicalSubjectHasTheExpectedHazardsEffectAndCravingStep() {
        let subject = RM1BehaviorParts.covariateModel().sample(normals: [Double](repeating: 0, count: CovariateSlot.count))
        let x0 = subject.baselineCraving
        #expect(x0 == 1)
        let hazard = RM1BehaviorParts.drinking.states[0].drinkingHazard!
        let context = DrinkingDayContext(day: 0, craving: x0)
        #expect(hazard.hazard(subject: subject, context: context, daysInState: 0, hasDrunk: false) == 0.03)
        #expect(abs(hazard.hazard(subject: subject, context: context, daysInState: 5, hasDrunk: true) - 0.12) < 1e-16)
        // Off the reference craving the expression is RM-1's, bit for bit.
        let x = 1.7
        #expect(hazard.hazard(subject: subject, context: DrinkingDayContext(day: 3, craving: x), daysInState: 3,
                              hasDrunk: true) == 0.03 * exp(1.2 * (x - 1)) * 4)
        #expect(RM1BehaviorParts.drinking.amount.extraDrinksMean(craving: x0, baselineDrinksPerDay: subject.baselineDrinksPerDay) == 3)
        #expect(RM1BehaviorParts.drinking.amount.extraDrinksMean(craving: -0.4, baselineDrinksPerDay: 8) == 0)

        // Drinking decided by u < 1 − e^{−0.03}; amount 1 + Poisson(3) at u = 0.5 → 4, not heavy.
        let process = RM1BehaviorParts.drinking.testProcess
        var state = process.initialState
        let p = -expm1(-0.03)
        let day0 = process.advance(&state, subject: subject, context: context,
                                             draws: DrinkingDayDraws(drinking: p * 0.999, amount: 0.5, transition: 0.5))
        #expect(day0.drank && day0.drinks == 4 && !day0.heavy)
        // u = 0.95 → Poisson(3) 0.95-quantile 6 → 7 drinks, heavy (≥ 5).
        let day1 = process.advance(&state, subject: subject, context: DrinkingDayContext(day: 1, craving: x0),
                                             draws: DrinkingDayDraws(drinking: -expm1(-0.12) * 0.999, amount: 0.95,
                                                                     transition: 0.5))
        #expect(day1.drank && day1.drinks == 7 && day1.heavy)

        // Effect at the typical steady-state Cavg and the z = 0 craving step.
        let cavg = 30 / (11.6 * 24)
        let e = RM1BehaviorParts.effect.effect(concentrationMgPerL: cavg)
        #expect(e == 0.70 * cavg / (0.20 + cavg))
        let m = RM1BehaviorParts.cravingMean.mean(baseline: x0, effect: e, day: 0, lastDrinkingDay: nil,
                                          inPsychosocialTherapy: false)
        #expect(m == x0 * (1 - e))
        let x1 = RM1BehaviorParts.craving.advance(x0, mean: m, normal: 0)
        #expect(abs(x1 - (m + (x0 - m) * exp(-0.25))) < 1e-15)
        let noisy = RM1BehaviorParts.craving.advance(x0, mean: m, normal: 1)
        #expect(abs(noisy - x1 - 0.35 * ((1 - exp(-0.5)) / 0.5).squareRoot()) < 1e-15)
    }

    @Test func hasDrunkMultiplierAndLapseStateAreTheSameModel() {
        var random = BehaviorTestRandom(seed: 40)
        let subject = behaviorTestSubject()
        let oneState = RM1BehaviorParts.drinking.testProcess, twoStates = RM1BehaviorParts.drinkingTwoStates.testProcess
        for _ in 0..<500 {
            var one = oneState.initialState
            var two = twoStates.initialState
            var x = 1.0 + 0.3 * random.normal()
            for day in 0..<84 {
                let draws = DrinkingDayDraws(drinking: random.uniform(), amount: random.uniform(),
                                             transition: random.uniform())
                let context = DrinkingDayContext(day: day, craving: x)
                let a = oneState.advance(&one, subject: subject, context: context, draws: draws)
                let b = twoStates.advance(&two, subject: subject, context: context, draws: draws)
                #expect(a.drank == b.drank && a.drinks == b.drinks && a.heavy == b.heavy)
                x = RM1BehaviorParts.craving.advance(x, mean: 1, normal: random.normal())
            }
        }
    }

    @Test func placeboAbstinenceOverEightyFourDaysMatchesTheReferenceImplementations() {
        // rm1_numpy / rm1_numba, N = 200,000: placebo continuous abstinence 0.0671 / 0.0679
        // (docs/rm1.md#9-validation-record-of-the-reference-implementations). With E = 0 the behaviour part alone decides it.
        var random = BehaviorTestRandom(seed: 41)
        let process = RM1BehaviorParts.drinking.testProcess
        let model = RM1BehaviorParts.covariateModel()
        var tracker = EndpointTracker(definitions: RM1BehaviorParts.endpoints, horizonDays: 84, standardDrinkGrams: 10)
        var results: [EndpointValue] = []
        let n = 8_000
        var abstinent = 0.0
        var normals = [Double](repeating: 0, count: CovariateSlot.count)
        for _ in 0..<n {
            for i in normals.indices { normals[i] = random.normal() }
            let subject = model.sample(normals: normals)
            tracker.reset(sex: subject.sex, baselineDrinksPerDay: subject.baselineDrinksPerDay)
            var state = process.initialState
            var x = subject.baselineCraving
            for day in 0..<84 {
                let draws = DrinkingDayDraws(drinking: random.uniform(), amount: random.uniform(), transition: 0.5)
                let outcome = process.advance(&state, subject: subject,
                                                        context: DrinkingDayContext(day: day, craving: x), draws: draws)
                tracker.observe(day: day, drinks: outcome.drinks, grams: outcome.grams, observed: true)
                x = RM1BehaviorParts.craving.advance(x, mean: subject.baselineCraving, normal: random.normal())
            }
            tracker.finish(into: &results)
            abstinent += results[0].value
        }
        let reference = 0.0675, referenceSE = 0.0006  // the two codings' mean and spread
        let se = (reference * (1 - reference) / Double(n)).squareRoot()
        #expect(abs(abstinent / Double(n) - reference) <= 4 * (se * se + referenceSE * referenceSE).squareRoot())
    }
}
