import Foundation
import Testing
@testable import Baclosim

/// RM-1's somnolence and withdrawal, checked against the equations of docs/rm1.md
/// evaluated by hand.
@Suite("Safety: RM-1 by hand")
struct RM1SafetyTests {
    @Test(arguments: [(0.0, 0.004), (0.25, 0.029), (0.75, 0.0415), (0.1, 0.004 + 0.05 * 0.1 / 0.35)])
    func somnolenceHazardIsRM1Formula(cmaxMgPerL: Double, hazard: Double) {
        let model = SideEffectModel.rm1Somnolence
        let p = 1 - exp(-hazard)
        var below = SideEffectState(model: model, covariates: .reference)
        let onset = below.advance(model, cmaxMgPerL: cmaxMgPerL, cavgMgPerL: 99, prescribedDailyDoseMg: 30,
                                  u: p * (1 - 1e-9), uIntolerable: 0.5)
        #expect(abs(onset.onsetHazardPerDay - hazard) <= 1e-16)
        #expect(onset.status == .onset)
        var above = SideEffectState(model: model, covariates: .reference)
        let none = above.advance(model, cmaxMgPerL: cmaxMgPerL, cavgMgPerL: 99, prescribedDailyDoseMg: 30,
                                 u: p * (1 + 1e-9), uIntolerable: 0.5)
        #expect(none.status == .unaffected)
    }

    @Test func somnolenceIsFirstOnsetOnlyAndNeverResolves() {
        let model = SideEffectModel.rm1Somnolence
        var state = SideEffectState(model: model, covariates: .reference)
        _ = state.advance(model, cmaxMgPerL: 0.3, cavgMgPerL: 0, prescribedDailyDoseMg: 30, u: 1e-9, uIntolerable: 0.5)
        for _ in 0..<83 {
            let outcome = state.advance(model, cmaxMgPerL: 0, cavgMgPerL: 0, prescribedDailyDoseMg: 0, u: 1e-12,
                                        uIntolerable: 0.5)
            #expect(outcome.status == .ongoing)
        }
        #expect(state.counters.episodes == 1 && state.counters.firstOnsetDay == 0)
    }

    /// (A_d, E_d) → W, h = 3W, and A_{d+1} with τ 20 (rising) or 3 (falling).
    @Test(arguments: [(0.30, 0.10), (0.10, 0.30), (0.10, 0.06), (0.36, 0.0), (0.0, 0.0)])
    func withdrawalStepIsRM1Formula(adaptation: Double, effect: Double) {
        let drive = max(0, adaptation - effect - 0.05)
        let hazard = 3.0 * drive
        let p = 1 - exp(-hazard)
        let tau = effect > adaptation ? 20.0 : 3.0
        let nextAdaptation = adaptation + (effect - adaptation) * (1 - exp(-1 / tau))

        var state = WithdrawalState(initialAdaptation: adaptation)
        let outcome = state.advance(.rm1, effect: effect, doseTakenToday: true, u: p * (1 - 1e-9), uSeverity: 0.5)
        #expect(abs(outcome.drive - drive) <= 1e-16)
        #expect(abs(outcome.hazardPerDay - hazard) <= 1e-15)
        #expect(outcome.isWithdrawalDay == (drive > 0))
        #expect(outcome.symptom == nil)
        #expect(abs(state.adaptation.level - nextAdaptation) <= 1e-15)

        var other = WithdrawalState(initialAdaptation: adaptation)
        #expect(!other.advance(.rm1, effect: effect, doseTakenToday: true, u: p * (1 + 1e-9), uSeverity: 0.5)
            .isWithdrawalDay)
    }

    @Test func withdrawalUsesAdaptationBeforeTodaysUpdate() {
        // 30 days at E = 0.5 from A = 0, then E = 0: W = A_30 − 0.05 with A_30 = 0.5·(1 − e^{−30/20}),
        // not the level after the day's fall.
        var state = WithdrawalState()
        for _ in 0..<30 { _ = state.advance(.rm1, effect: 0.5, doseTakenToday: true, u: 0.5, uSeverity: 0.5) }
        let a30 = 0.5 * (1 - exp(-30.0 / 20))
        #expect(abs(state.adaptation.level - a30) <= 1e-14)
        let outcome = state.advance(.rm1, effect: 0, doseTakenToday: false, u: 0.5, uSeverity: 0.5)
        #expect(abs(outcome.drive - (a30 - 0.05)) <= 1e-14)
        #expect(abs(state.adaptation.level - a30 * exp(-1.0 / 3)) <= 1e-14)
    }
}
