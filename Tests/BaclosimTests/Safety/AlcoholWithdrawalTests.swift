import Foundation
import Testing
@testable import Baclosim

@Suite("Safety: alcohol withdrawal at treatment start")
struct AlcoholWithdrawalTests {
    @Test func dailyProbabilityCompoundsExactlyToTheDeclaredRisk() {
        for complication in [AlcoholWithdrawalModel.standard.seizure, AlcoholWithdrawalModel.standard.delirium] {
            let n = Double(complication.windowDays)
            let uncovered = 1 - pow(1 - complication.dailyProbabilityUncovered, n)
            let covered = 1 - pow(1 - complication.dailyProbabilityCovered, n)
            #expect(abs(uncovered - complication.untreatedEpisodeRisk) <= 1e-15)
            #expect(abs(covered - complication.coveredEpisodeRisk) <= 1e-15)
        }
        #expect(abs(AlcoholWithdrawalModel.standard.seizure.coveredEpisodeRisk - 0.003) <= 1e-15)
        #expect(abs(AlcoholWithdrawalModel.standard.delirium.coveredEpisodeRisk - 0.001) <= 1e-15)
        let relative = AlcoholWithdrawalComplication(untreatedEpisodeRisk: 0.08, benzodiazepineEffect: .relativeRisk(0.16),
                                                     windowStartDay: 0, windowDays: 2, isSerious: true)
        #expect(abs(relative.coveredEpisodeRisk - 0.08 * 0.16) <= 1e-17)
    }

    /// Simulated cumulative incidence over a 10-day course, with or without cover on every day.
    static func incidence(_ model: AlcoholWithdrawalModel, covered: Bool, n: Int, seed: UInt64) -> (Int, Int) {
        var random = SafetySplitMix64(seed: seed)
        var seizures = 0, delirium = 0
        for _ in 0..<n {
            var state = AlcoholWithdrawalState()
            for day in 0..<10 {
                let outcome = state.advance(model, abstinenceDay: day, benzodiazepineCover: covered,
                                            uSeizure: random.uniform(), uDelirium: random.uniform())
                if outcome.seizure { #expect(model.seizure.isAtRisk(onAbstinenceDay: day)) }
                if outcome.delirium { #expect(model.delirium.isAtRisk(onAbstinenceDay: day)) }
            }
            if state.seizureDay != nil { seizures += 1 }
            if state.deliriumDay != nil { delirium += 1 }
        }
        return (seizures, delirium)
    }

    @Test func simulatedIncidenceEqualsDeclaredRiskWithAndWithoutBenzodiazepines() {
        let model = AlcoholWithdrawalModel(
            seizure: AlcoholWithdrawalComplication(untreatedEpisodeRisk: 0.08, benzodiazepineEffect: .relativeRisk(0.16),
                                                   windowStartDay: 0, windowDays: 2, isSerious: true),
            delirium: AlcoholWithdrawalComplication(untreatedEpisodeRisk: 0.05, benzodiazepineEffect: .riskDifference(0.03),
                                                    windowStartDay: 1, windowDays: 3, isSerious: true))
        let n = 40_000
        let (seizures, delirium) = Self.incidence(model, covered: false, n: n, seed: 31)
        expectProportion(seizures, of: n, near: 0.08)
        expectProportion(delirium, of: n, near: 0.05)
        let (coveredSeizures, coveredDelirium) = Self.incidence(model, covered: true, n: n, seed: 32)
        expectProportion(coveredSeizures, of: n, near: 0.08 * 0.16)
        expectProportion(coveredDelirium, of: n, near: 0.02)
    }

    @Test func firstEventOnlyAndSeriousFlag() {
        let model = AlcoholWithdrawalModel.standard
        var state = AlcoholWithdrawalState()
        let day0 = state.advance(model, abstinenceDay: 0, benzodiazepineCover: false, uSeizure: 1e-9, uDelirium: 1e-9)
        #expect(day0.seizure && !day0.delirium && day0.isSerious)  // delirium window starts on day 1
        let day1 = state.advance(model, abstinenceDay: 1, benzodiazepineCover: false, uSeizure: 1e-9, uDelirium: 1e-9)
        #expect(!day1.seizure && day1.delirium)
        #expect(state.seizureDay == 0 && state.deliriumDay == 1)
    }

    @Test func validationNamesEveryBadKey() {
        let bad = AlcoholWithdrawalModel(
            seizure: AlcoholWithdrawalComplication(untreatedEpisodeRisk: 1, benzodiazepineEffect: .relativeRisk(-1),
                                                   windowStartDay: -1, windowDays: 0, isSerious: true),
            delirium: AlcoholWithdrawalComplication(untreatedEpisodeRisk: 0.5, benzodiazepineEffect: .relativeRisk(3),
                                                    windowStartDay: 0, windowDays: 1, isSerious: true, costPerEvent: -5))
        let keys = Set(bad.validationProblems().map(\.keyPath))
        #expect(keys == ["seizures.untreated_risk", "seizures.benzodiazepine.relative_risk", "seizures.window_start_day",
                         "seizures.window_days", "delirium_tremens.benzodiazepine", "delirium_tremens.cost_per_event"])
        #expect(AlcoholWithdrawalModel.standard.validationProblems().isEmpty)
    }
}
