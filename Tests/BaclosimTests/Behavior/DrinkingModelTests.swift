import Foundation
import Testing
@testable import Baclosim

@Suite struct DrinkingModelTests {
    @Test func competingTransitionsSplitOneUniformByHazardShare() {
        // From "on treatment": → dropped out (h1 0.02) and → dead (h2 0.06), constant.
        // P(event on a day) = 1 − e^{−0.08}; P(cause dropout | event) = 0.25.
        let model = DrinkingModel(states: [
            DrinkingStateDefinition(name: "on", transitions: [
                HazardTransition(target: 1, hazard: HazardDefinition(baseline: .constant(perDay: 0.02))),
                HazardTransition(target: 2, hazard: HazardDefinition(baseline: .constant(perDay: 0.06))),
            ]),
            DrinkingStateDefinition(name: "dropped out", role: .droppedOut),
            DrinkingStateDefinition(name: "dead", role: .dead),
        ], amount: DrinkAmountModel(cravingSlope: 0))
        #expect(model.problems().isEmpty)
        let process = model.testProcess
        var random = BehaviorTestRandom(seed: 30)
        let n = 40_000
        var firstDay = 0, dropouts = 0, events = 0
        for _ in 0..<n {
            guard let (days, target) = daysUntilLeaving(process, horizon: 400, random: &random) else { continue }
            events += 1
            if days == 1 { firstDay += 1 }
            if target == 1 { dropouts += 1 }
        }
        #expect(BehaviorStats.proportionAgrees(Double(firstDay) / Double(n), -expm1(-0.08), n: n))
        #expect(BehaviorStats.proportionAgrees(Double(dropouts) / Double(events), 0.25, n: events))
        // The split is by position of u inside 1 − e^{−H}.
        var state = process.initialState
        let p = -expm1(-0.08)
        let context = DrinkingDayContext(day: 0, craving: 0)
        _ = process.advance(&state, subject: behaviorTestSubject(), context: context,
                            draws: DrinkingDayDraws(drinking: 0.5, amount: 0.5, transition: 0.24 * p))
        #expect(state.current == 1)
        state = process.initialState
        _ = process.advance(&state, subject: behaviorTestSubject(), context: context,
                            draws: DrinkingDayDraws(drinking: 0.5, amount: 0.5, transition: 0.26 * p))
        #expect(state.current == 2)
        state = process.initialState
        _ = process.advance(&state, subject: behaviorTestSubject(), context: context,
                            draws: DrinkingDayDraws(drinking: 0.5, amount: 0.5, transition: p * 1.0001))
        #expect(state.current == 0 && state.daysInState == 1)
    }

    /// abstinent → lapsed on a drinking day, → heavy on a heavy day; lapsed/heavy drink more.
    static let triggeredModel = DrinkingModel(states: [
        DrinkingStateDefinition(name: "abstinent", drinkingHazard: HazardDefinition(baseline: .constant(perDay: 0.1)),
                                transitions: [HazardTransition(
                                    target: 3, hazard: HazardDefinition(
                                        baseline: .constant(perDay: 0.01),
                                        multipliers: HazardMultipliers(sideEffect: 5),
                                        appliesTreatmentHazardRatio: false))],
                                onDrinkingDay: 1, onHeavyDrinkingDay: 2),
        DrinkingStateDefinition(name: "lapsed", drinkingHazard: HazardDefinition(baseline: .constant(perDay: 0.3)),
                                onHeavyDrinkingDay: 2),
        DrinkingStateDefinition(name: "heavy", drinkingHazard: HazardDefinition(baseline: .constant(perDay: 0.5))),
        DrinkingStateDefinition(name: "dropped out", role: .droppedOut,
                                drinkingHazard: HazardDefinition(baseline: .constant(perDay: 0.5))),
    ], amount: DrinkAmountModel(cravingSlope: 3), heavyThreshold: .niaaa, standardDrinkGrams: 12)

    @Test func drinkingDaysTriggerTheirTransitionsBySeverity() {
        let model = Self.triggeredModel.testProcess
        let pDrink = -expm1(-0.1)
        let context = DrinkingDayContext(day: 4, craving: 1)  // λ = 3
        // u = 0.5 → Poisson(3) median 3 → 4 drinks: heavy for a woman (≥ 4), not for a man (≥ 5).
        for (sex, expected) in [(Sex.male, 1), (Sex.female, 2)] {
            var state = model.initialState
            let outcome = model.advance(&state, subject: behaviorTestSubject(sex: sex), context: context,
                                        draws: DrinkingDayDraws(drinking: pDrink * 0.99, amount: 0.5, transition: 0.9))
            #expect(outcome.drank && outcome.drinks == 4 && outcome.grams == 48)
            #expect(outcome.heavy == (sex == .female))
            #expect(state.current == expected && state.daysInState == 0)
            #expect(state.hasDrunk && state.lastDrinkingDay == 4)
        }
        var state = model.initialState
        let dry = model.advance(&state, subject: behaviorTestSubject(), context: context,
                                draws: DrinkingDayDraws(drinking: pDrink * 1.01, amount: 0.5, transition: 0.9))
        #expect(!dry.drank && dry.drinks == 0 && dry.grams == 0 && state.current == 0 && !state.hasDrunk)
    }

    @Test func hazardTransitionWinsOverADrinkingTriggerAndSideEffectsRaiseDropout() {
        let model = Self.triggeredModel.testProcess
        let pDrink = -expm1(-0.1)
        // Dropout hazard 0.01, ×5 with a side effect: u = 0.03 drops out only with it.
        for (sideEffect, expected) in [(false, 1), (true, 3)] {
            var state = model.initialState
            let context = DrinkingDayContext(day: 0, craving: 0, sideEffect: sideEffect)
            let outcome = model.advance(&state, subject: behaviorTestSubject(), context: context,
                                        draws: DrinkingDayDraws(drinking: pDrink / 2, amount: 0.5, transition: 0.03))
            #expect(outcome.drank)  // the day's drinking is still recorded
            #expect(state.current == expected)
        }
    }

    @Test func problemsNameBadDeclarations() {
        var model = Self.triggeredModel
        #expect(model.problems().isEmpty)
        model.states[1].onHeavyDrinkingDay = 9
        model.states.append(DrinkingStateDefinition(name: "dead", role: .dead,
                                                    drinkingHazard: HazardDefinition(baseline: .constant(perDay: 0.1))))
        model.states[0].drinkingHazard?.baseline = .weibull(shape: 0, scaleDays: 10)
        model.standardDrinkGrams = 0
        let problems = model.problems()
        #expect(problems.count == 4)
        #expect(throws: DrinkingProcess.InvalidModel(problems: problems)) { try DrinkingProcess(model) }
        #expect(problems.contains { $0.contains("states[1] (lapsed).on_heavy_drinking_day") })
        #expect(problems.contains { $0.contains("dead state") })
    }
}
