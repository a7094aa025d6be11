import Foundation
import Testing
@testable import Baclosim

@Suite("Safety: adaptation and withdrawal")
struct WithdrawalTests {
    /// RM-1's effect of a steady daily dose for the typical subject (CL 11.6 L/h):
    /// `E = 0.70·C/(0.20 + C)` with `C = dose/(11.6 × 24)` mg/L.
    static func effect(dailyDoseMg: Double) -> Double {
        let c = dailyDoseMg / (11.6 * 24)
        return 0.70 * c / (0.20 + c)
    }

    @Test func adaptationMatchesClosedFormAtConstantEffect() {
        let model = WithdrawalModel.rm1
        let a = 1 - exp(-1.0 / 20), b = 1 - exp(-1.0 / 3)
        var rising = AdaptationState()
        for n in 1...200 {
            rising.update(effect: 0.4, riseGain: model.riseGain, fallGain: model.fallGain)
            let expected = 0.4 * (1 - pow(1 - a, Double(n)))
            #expect(abs(rising.level - expected) <= 1e-14, "n = \(n)")
        }
        var falling = AdaptationState(level: 0.5)
        for n in 1...60 {
            falling.update(effect: 0.1, riseGain: model.riseGain, fallGain: model.fallGain)
            let expected = 0.1 + 0.4 * pow(1 - b, Double(n))
            #expect(abs(falling.level - expected) <= 1e-14, "n = \(n)")
        }
    }

    @Test func abruptStopFromSteadyStateGivesDriveOnTheFirstDay() {
        let model = WithdrawalModel.rm1
        let steady = Self.effect(dailyDoseMg: 60)
        var state = WithdrawalState(initialAdaptation: steady)
        let onDrug = state.advance(model, effect: steady, doseTakenToday: true, u: 0.5, uSeverity: 0.5)
        #expect(onDrug.drive == 0 && !onDrug.isWithdrawalDay)
        let stopped = state.advance(model, effect: 0, doseTakenToday: false, u: 0.5, uSeverity: 0.5)
        #expect(abs(stopped.drive - (steady - 0.05)) <= 1e-15)
        #expect(stopped.hazardPerDay == 3 * stopped.drive)
    }

    /// Cumulative withdrawal hazard over a linear taper from 60 mg/day plus 30 days after.
    static func cumulativeHazard(taperDays: Int) -> Double {
        let model = WithdrawalModel.rm1
        var state = WithdrawalState(initialAdaptation: effect(dailyDoseMg: 60))
        var total = 0.0
        for day in 0..<(taperDays + 30) {
            let dose = day < taperDays ? 60 * (1 - Double(day + 1) / Double(taperDays + 1)) : 0
            total += state.advance(model, effect: effect(dailyDoseMg: dose), doseTakenToday: dose > 0,
                                   u: 0.5, uSeverity: 0.5).hazardPerDay
        }
        return total
    }

    @Test func longerLinearTaperLowersCumulativeWithdrawalHazard() {
        let lengths = [0, 3, 7, 14, 28, 56]
        let hazards = lengths.map { Self.cumulativeHazard(taperDays: $0) }
        for i in 1..<hazards.count {
            #expect(hazards[i] <= hazards[i - 1], "taper \(lengths[i]) d: \(hazards[i]) vs \(hazards[i - 1])")
            if hazards[i - 1] > 0 { #expect(hazards[i] < hazards[i - 1]) }
        }
        #expect(hazards[0] > 2 && hazards[lengths.count - 1] == 0)
    }

    @Test func withdrawalDayFrequencyMatchesOneMinusExpOfKW() {
        let model = WithdrawalModel.rm1
        let n = 20_000
        var random = SafetySplitMix64(seed: 21)
        var days = 0
        for _ in 0..<n {
            var state = WithdrawalState(initialAdaptation: 0.5)
            let outcome = state.advance(model, effect: 0.2, doseTakenToday: true, u: random.uniform(), uSeverity: 0.5)
            if outcome.isWithdrawalDay { days += 1 }
        }
        expectProportion(days, of: n, near: 1 - exp(-3.0 * 0.25))
    }

    @Test func symptomTiersAreNestedWithTheDeclaredProbabilities() {
        let tiers = WithdrawalModel.assumedSeverityTiers
        let drive = 0.25
        var atLeast = [Double](repeating: 1, count: tiers.count)
        var running = 1.0
        for (j, tier) in tiers.enumerated() {
            let p: Double = tier.probabilitySlopePerUnitDrive == .infinity
                ? 1 : 1 - exp(-tier.probabilitySlopePerUnitDrive * (drive - tier.driveThreshold))
            running = min(running, p)
            atLeast[j] = running
        }
        let n = 20_000
        var random = SafetySplitMix64(seed: 22)
        var counts = [Int](repeating: 0, count: tiers.count)
        for _ in 0..<n {
            let symptom = WithdrawalState.symptom(tiers, drive: drive, u: random.uniform())
            #expect(symptom != nil)
            for j in 0...(symptom?.rawValue ?? -1) { counts[j] += 1 }
        }
        for j in tiers.indices { expectProportion(counts[j], of: n, near: atLeast[j]) }
        #expect(WithdrawalState.symptom(tiers, drive: 0.10, u: 0.999) == .anxiety)
        #expect(WithdrawalState.symptom(tiers, drive: 0.05, u: 1e-9) == .anxiety)  // others need W > threshold
    }

    @Test func severeTierRequestsReinstatementAndCountersRecordOnsetTiming() {
        let model = WithdrawalModel(adaptationRiseTimeConstantDays: 20, adaptationFallTimeConstantDays: 3,
                                    driveThreshold: 0.05, hazardPerUnitDrive: 3,
                                    severityTiers: WithdrawalModel.assumedSeverityTiers,
                                    reinstateAtSymptom: .hallucinations)
        let steady = Self.effect(dailyDoseMg: 60)
        var state = WithdrawalState(initialAdaptation: steady)
        for _ in 0..<5 { _ = state.advance(model, effect: steady, doseTakenToday: true, u: 1e-9, uSeverity: 0.5) }
        #expect(!state.counters.hasWithdrawal)
        // Stop on day 5; no withdrawal day on day 5 (u high), then withdrawal days 6 (W ≈ 0.21:
        // convulsions possible, drawn) and 7 (mildest tier drawn), and none on day 8.
        let us = [0.999_999, 1e-9, 1e-9, 0.999_999]
        let severities = [0.5, 1e-9, 0.999, 0.5]
        var outcomes: [WithdrawalDayOutcome] = []
        for (u, uSeverity) in zip(us, severities) {
            outcomes.append(state.advance(model, effect: 0, doseTakenToday: false, u: u, uSeverity: uSeverity))
        }
        #expect(outcomes.map(\.isWithdrawalDay) == [false, true, true, false])
        #expect(outcomes[1].isEpisodeOnset && !outcomes[2].isEpisodeOnset)
        #expect(outcomes[1].drive > 0.20)
        #expect(outcomes[1].symptom == .convulsions && outcomes[1].reinstateDrug)
        #expect(outcomes[2].symptom == .anxiety && !outcomes[2].reinstateDrug)
        #expect(outcomes[1].daysSinceLastDose == 2 && outcomes[1].daysSinceEffectStartedFalling == 1)
        let counters = state.counters
        #expect(counters.withdrawalDays == 2 && counters.episodes == 1 && counters.longestEpisodeDays == 2)
        #expect(counters.firstWithdrawalDay == 6)
        #expect(counters.firstOnsetDaysAfterLastDose == 2 && counters.firstOnsetDaysAfterEffectFall == 1)
        #expect(counters.worstSymptom == .convulsions && counters.reinstatementRequests == 1)
        #expect(counters.symptomDays[.anxiety] == 1 && counters.symptomDays[.convulsions] == 1)
    }

    @Test func expectedWithdrawalDaysIsTheSumOfDailyProbabilities() {
        let model = WithdrawalModel.rm1
        var state = WithdrawalState(initialAdaptation: 0.4)
        var sum = 0.0
        for effect in [0.3, 0.1, 0.0, 0.0, 0.2] {
            let outcome = state.advance(model, effect: effect, doseTakenToday: false, u: 0.5, uSeverity: 0.5)
            sum += -expm1(-outcome.hazardPerDay)
        }
        #expect(abs(state.counters.expectedWithdrawalDays - sum) <= 1e-15)
    }

    @Test func validationNamesEveryBadKey() {
        let model = WithdrawalModel(
            adaptationRiseTimeConstantDays: 0, adaptationFallTimeConstantDays: -1, driveThreshold: -0.1,
            hazardPerUnitDrive: .nan,
            severityTiers: [WithdrawalSeverityTier(symptom: .psychosis, driveThreshold: 0, probabilitySlopePerUnitDrive: 1),
                            WithdrawalSeverityTier(symptom: .anxiety, driveThreshold: -1, probabilitySlopePerUnitDrive: 0)])
        let keys = Set(model.validationProblems().map(\.keyPath))
        #expect(keys == ["adaptation.tau_up_days", "adaptation.tau_down_days", "drive_threshold",
                         "hazard_per_unit_drive", "severity_tiers[1].symptom", "severity_tiers[1].drive_threshold",
                         "severity_tiers[1].probability_slope_per_unit_drive"])
        #expect(WithdrawalModel.rm1.validationProblems().isEmpty)
        let withTiers = WithdrawalModel(adaptationRiseTimeConstantDays: 20, adaptationFallTimeConstantDays: 3,
                                        driveThreshold: 0.05, hazardPerUnitDrive: 3,
                                        severityTiers: WithdrawalModel.assumedSeverityTiers)
        #expect(withTiers.validationProblems().isEmpty)
    }
}
