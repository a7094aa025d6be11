import Foundation
import Testing
@testable import Baclosim

@Suite struct HazardTests {
    /// abstinent —(first drinking day)→ lapsed, with the given drinking hazard.
    static func lapseModel(_ hazard: HazardDefinition) -> DrinkingModel {
        DrinkingModel(states: [
            DrinkingStateDefinition(name: "abstinent", drinkingHazard: hazard, onDrinkingDay: 1),
            DrinkingStateDefinition(name: "lapsed"),
        ], amount: DrinkAmountModel(cravingSlope: 0))
    }

    @Test func constantHazardGivesGeometricDaysWithExponentialSurvival() {
        // P(T > t) = P(no drinking day in days 0 … t−1) = e^{−h·t}.
        let h = 0.05
        let model = Self.lapseModel(HazardDefinition(baseline: .constant(perDay: h)))
        var random = BehaviorTestRandom(seed: 20)
        let n = 20_000
        let process = model.testProcess
        let times = (0..<n).map { _ in daysUntilLeaving(process, horizon: 100, random: &random)?.days ?? 1_000 }
        for t in [1, 5, 10, 20, 40] {
            let survival = Double(times.filter { $0 > t }.count) / Double(n)
            #expect(BehaviorStats.proportionAgrees(survival, exp(-h * Double(t)), n: n), "t = \(t)")
        }
    }

    @Test func weibullTimeInStateFollowsItsSurvivalFunctionWhateverTheEntryDay() {
        // start —(drinking day, h 0.1)→ drinking —(Weibull k 1.5, λ 20 d, time in state)→ remitted.
        // Time spent in "drinking" must have S(t) = exp(−(t/20)^1.5) although entry days vary.
        let model = DrinkingModel(states: [
            DrinkingStateDefinition(name: "start", drinkingHazard: HazardDefinition(baseline: .constant(perDay: 0.1)),
                                    onDrinkingDay: 1),
            DrinkingStateDefinition(name: "drinking", transitions: [
                HazardTransition(target: 2, hazard: HazardDefinition(baseline: .weibull(shape: 1.5, scaleDays: 20))),
            ]),
            DrinkingStateDefinition(name: "remitted"),
        ], amount: DrinkAmountModel(cravingSlope: 0))
        let process = model.testProcess
        var random = BehaviorTestRandom(seed: 21)
        let n = 20_000
        var sojourns: [Int] = []
        for _ in 0..<n {
            var state = process.initialState
            var entered: Int?
            for day in 0..<400 {
                let draws = DrinkingDayDraws(drinking: random.uniform(), amount: random.uniform(),
                                             transition: random.uniform())
                let outcome = process.advance(&state, subject: behaviorTestSubject(),
                                            context: DrinkingDayContext(day: day, craving: 0), draws: draws)
                if outcome.toState == 1 && outcome.fromState == 0 { entered = day + 1 }
                if outcome.toState == 2, let entered { sojourns.append(day + 1 - entered); break }
            }
        }
        #expect(sojourns.count > n * 99 / 100)
        for t in [3, 10, 20, 35] {
            let survival = Double(sojourns.filter { $0 > t }.count) / Double(sojourns.count)
            #expect(BehaviorStats.proportionAgrees(survival, exp(-pow(Double(t) / 20, 1.5)), n: sojourns.count), "t = \(t)")
        }
    }

    @Test func dayHazardsIntegrateToTheCumulativeHazard() {
        let forms: [BaselineHazard] = [
            .constant(perDay: 0.02),
            .weibull(shape: 0.7, scaleDays: 50),
            .logLogistic(shape: 1.2, scaleDays: 28),
            .logLogisticCure(shape: 3, scaleDays: 196, curedFraction: 0.5),
            .piecewiseConstant(startDays: [0, 7, 30], ratesPerDay: [0.05, 0.02, 0.01]),
        ]
        for form in forms {
            var sum = 0.0
            for tau in 0..<120 { sum += form.dayHazard(elapsedDays: tau) }
            #expect(abs(sum - form.cumulative(atDays: 120)) < 1e-12, "\(form)")
        }
        // Mixture cure (docs/sources.md#d-relapse-curves: π 0.5, α 28 wk, β 3): 43% relapsed by 52 weeks.
        let cure = BaselineHazard.logLogisticCure(shape: 3, scaleDays: 196, curedFraction: 0.5)
        let relapsed = 1 - exp(-cure.cumulative(atDays: 364))
        #expect(abs(relapsed - 0.5 * pow(52.0 / 28, 3) / (1 + pow(52.0 / 28, 3))) < 1e-12)
        #expect(abs(relapsed - 0.43) < 0.01)
        // Log-logistic α 4 wk, β 1: 50% by 4 weeks, 76% by 13 (docs/sources.md#d-relapse-curves table).
        let placebo = BaselineHazard.logLogistic(shape: 1, scaleDays: 28)
        #expect(abs(1 - exp(-placebo.cumulative(atDays: 28)) - 0.5) < 1e-12)
        #expect(abs(1 - exp(-placebo.cumulative(atDays: 91)) - 0.765) < 0.005)
        #expect(BaselineHazard.piecewiseConstant(startDays: [0, 7], ratesPerDay: [0.05, 0.02]).dayHazard(elapsedDays: 7) == 0.02)
    }

    @Test func multipliersAndCravingScaleTheHazard() {
        var hazard = HazardDefinition(baseline: .constant(perDay: 0.01), cravingCoefficient: 0.8,
                                      cravingReference: 1, effectCoefficient: -1.5)
        hazard.modifiers.multipliers = HazardMultipliers(male: 1.3, psychiatric: 1.6, compensatedLiver: 1.1, cirrhosis: 2,
                                               perDSM5Criterion: 1.1, referenceDSM5Criteria: 6,
                                               logPerAgeYear: 0.01, referenceAgeYears: 40,
                                               hasDrunk: 4, sideEffect: 3)
        let subject = behaviorTestSubject(psychiatric: true, liver: .cirrhosis, dsm5Criteria: 8, ageYears: 50)
        let context = DrinkingDayContext(day: 365, craving: 2, effect: 0.4, treatmentHazardRatio: 0.7, sideEffect: true)
        let h = hazard.hazard(subject: subject, context: context, daysInState: 3, hasDrunk: true)
        let expected = 0.01 * exp(0.8) * exp(-0.6) * 4 * 3 * 0.7 * 1.3 * 1.6 * 2 * pow(1.1, 2) * exp(0.01 * (50 + 365 / 365.25 - 40))
        #expect(abs(h - expected) <= 1e-14 * expected)
        hazard.modifiers.appliesTreatmentHazardRatio = false
        let untreated = hazard.hazard(subject: subject, context: context, daysInState: 3, hasDrunk: true)
        #expect(abs(untreated - expected / 0.7) <= 1e-14 * expected)
    }

    @Test func compiledHazardsMatchTheirDeclarations() {
        let forms: [BaselineHazard] = [
            .constant(perDay: 0.02), .weibull(shape: 1.4, scaleDays: 30), .logLogistic(shape: 1.2, scaleDays: 28),
            .logLogisticCure(shape: 3, scaleDays: 196, curedFraction: 0.5),
            .piecewiseConstant(startDays: [0, 7, 30], ratesPerDay: [0.05, 0.02, 0.01]),
        ]
        var starts: [Int] = [99], rates: [Double] = [9]  // an earlier table entry shifts the indices
        for form in forms {
            let definition = HazardDefinition(baseline: form, clock: .studyDay, cravingCoefficient: 0.5)
            let compiled = CompiledHazard(definition, pieceStartDays: &starts, pieceRates: &rates)
            for day in [0, 1, 6, 7, 29, 30, 100] {
                let base = compiled.baselineDayHazard(elapsedDays: day, pieceStartDays: starts, pieceRates: rates)
                #expect(base == form.dayHazard(elapsedDays: day), "\(form) day \(day)")
            }
        }
    }
}
