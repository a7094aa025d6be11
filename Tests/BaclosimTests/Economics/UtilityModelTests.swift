import Testing
@testable import Baclosim

@Suite struct UtilityModelTests {
    let model = UtilityModel(
        utilityByRiskLevel: PerDrinkingRiskLevel(abstinent: 0.85, low: 0.83, medium: 0.80, high: 0.75, veryHigh: 0.70),
        disutilityPerSideEffectDay: 0.02,
        qalyLossPerSeriousEvent: PerSeriousEvent(seizure: 0.01, delirium: 0.02, toxicity: 0.05))

    @Test func fourYearsOfDaysAtOneLevelGiveFourTimesItsUtility() {
        for level in DrinkingRiskLevel.allCases {
            var qalys = 0.0, lifeYears = 0.0
            for _ in 0..<1461 {
                qalys += model.qalys(level: level)
                lifeYears += UtilityModel.lifeYears()
            }
            #expect(abs(qalys - 4 * model.utilityByRiskLevel[level]) <= 1e-12)
            #expect(abs(lifeYears - 4) <= 1e-12)
        }
    }

    @Test func sideEffectDaysLowerThatDaysUtilityPerEffect() {
        let day = model.qalys(level: .low, sideEffectsPresent: 2, extraDisutility: 0.01)
        #expect(abs(day - (0.83 - 2 * 0.02 - 0.01) / 365.25) <= 1e-15)
    }

    @Test func seriousEventsCostAOneOffQALYLoss() {
        let events = PerSeriousEvent(seizure: 1, delirium: 0, toxicity: 2)
        let day = model.qalys(level: .high, seriousEvents: events)
        #expect(abs(day - (0.75 / 365.25 - 0.01 - 2 * 0.05)) <= 1e-15)
    }

    @Test func aPartDayAliveAccruesItsFraction() {
        #expect(abs(model.qalys(level: .medium, fractionOfDayAlive: 0.5) - 0.4 / 365.25) <= 1e-15)
        #expect(UtilityModel.lifeYears(fractionOfDayAlive: 0.5) == 0.5 / 365.25)
    }

    @Test func validationRejectsImpossibleUtilitiesAndDisutilities() {
        var bad = model
        bad.utilityByRiskLevel.veryHigh = 1.2
        bad.disutilityPerSideEffectDay = -0.1
        bad.qalyLossPerSeriousEvent.delirium = -1
        #expect(bad.validate().map(\.keyPath) == [
            "by_risk_level.very_high", "disutility_per_side_effect_day", "qaly_loss_per_serious_event.delirium",
        ])
        #expect(model.validate().isEmpty)
    }
}
