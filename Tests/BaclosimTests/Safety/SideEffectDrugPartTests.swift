import Foundation
import Testing
@testable import Baclosim

/// Per-drug parts, the dose and cumulative drivers, and how an early stop brings the dose down
/// (issue #5).
@Suite("Safety: side-effect drug parts and drivers")
struct SideEffectDrugPartTests {
    /// An effect with background 0.001/day and no drug part of its own.
    static let entry = SideEffectModel(
        name: "visual_field_defect",
        onset: ConcentrationHazard(baselinePerDay: 0.001, maximumDrugHazardPerDay: 0, ec50MgPerL: 1),
        resolution: .firstOnsetOnly)

    @Test func cumulativeDoseIncidenceMatchesTheClosedForm() {
        // 3 g/day taken every day: cumulative dose on day d is 3(d + 1) g, and the incidence over
        // D days is 1 − exp(−Σ_d (h0 + Emax·c_d^γ/(EC50^γ + c_d^γ))).
        let part = SideEffectDrugPart(driver: .cumulativeDose, maximumDrugHazardPerDay: 0.02, ec50InDriverUnit: 60,
                                      hillCoefficient: 2)
        let model = Self.entry.replacingDrugPart(part)
        let days = 42, n = 20_000
        var cumulativeHazard = 0.0
        for d in 0..<days {
            let grams = 3 * Double(d + 1)
            cumulativeHazard += 0.001 + 0.02 * grams * grams / (60 * 60 + grams * grams)
        }
        var random = SafetySplitMix64(seed: 23)
        var onsets = 0
        for _ in 0..<n {
            var state = SideEffectState(model: model, covariates: .reference)
            for _ in 0..<days {
                _ = state.advance(model, cmaxMgPerL: 9, cavgMgPerL: 9, prescribedDailyDoseMg: 3000,
                                  u: random.uniform(), uIntolerable: random.uniform(), takenDoseMg: 3000)
            }
            if state.counters.hasOnset { onsets += 1 }
        }
        expectProportion(onsets, of: n, near: -expm1(-cumulativeHazard))
    }

    @Test func cumulativeAUCAndDoseDriversReadTheirOwnExposure() {
        let byAUC = Self.entry.replacingDrugPart(SideEffectDrugPart(driver: .cumulativeAUC, maximumDrugHazardPerDay: 0.1,
                                                                   ec50InDriverUnit: 100))
        var state = SideEffectState(model: byAUC, covariates: .reference)
        for day in 0..<5 {
            let outcome = state.advance(byAUC, cmaxMgPerL: 50, cavgMgPerL: 50, prescribedDailyDoseMg: 60, u: 0.999_999,
                                        uIntolerable: 0.5, takenDoseMg: 60, aucMgHPerL: 20)
            let auc = 20 * Double(day + 1)
            #expect(abs(outcome.onsetHazardPerDay - (0.001 + 0.1 * auc / (100 + auc))) < 1e-15)
        }
        #expect(state.cumulativeAUCMgHPerL == 100 && state.cumulativeDoseMg == 300)
        let byDose = Self.entry.replacingDrugPart(SideEffectDrugPart(driver: .dose, maximumDrugHazardPerDay: 0.1, ec50InDriverUnit: 50))
        var doseState = SideEffectState(model: byDose, covariates: .reference)
        // A missed day (nothing taken) has no drug part, whatever was prescribed.
        let missed = doseState.advance(byDose, cmaxMgPerL: 1, cavgMgPerL: 1, prescribedDailyDoseMg: 50, u: 0.999_999,
                                       uIntolerable: 0.5, takenDoseMg: 0)
        #expect(missed.onsetHazardPerDay == 0.001)
        let taken = doseState.advance(byDose, cmaxMgPerL: 1, cavgMgPerL: 1, prescribedDailyDoseMg: 50, u: 0.999_999,
                                      uIntolerable: 0.5, takenDoseMg: 50)
        #expect(abs(taken.onsetHazardPerDay - 0.051) < 1e-15)
    }

    @Test func drugSusceptibilityMultipliesOnlyTheDrugPart() {
        let part = SideEffectDrugPart(driver: .dose, maximumDrugHazardPerDay: 0.002, ec50InDriverUnit: 300, hillCoefficient: 4,
                                      susceptibility: SideEffectSusceptibility(liverDiseaseMultiplier: 3))
        let entry = SideEffectModel(name: "hepatotoxicity",
                                    onset: ConcentrationHazard(baselinePerDay: 0.0001, maximumDrugHazardPerDay: 0, ec50MgPerL: 1),
                                    susceptibility: SideEffectSusceptibility(elderlyMultiplier: 2), resolution: .firstOnsetOnly)
        let model = entry.replacingDrugPart(part)
        let drug = 0.002 / (1 + pow(300.0 / 300, 4))
        let liverElderly = SafetyCovariates(ageYears: 70, creatinineClearanceMLPerMin: 100, psychiatric: false, liverDisease: true)
        for (covariates, expected) in [(SafetyCovariates.reference, 0.0001 + drug), (liverElderly, 2 * (0.0001 + 3 * drug))] {
            var state = SideEffectState(model: model, covariates: covariates)
            let outcome = state.advance(model, cmaxMgPerL: 0, cavgMgPerL: 0, prescribedDailyDoseMg: 300, u: 0.999_999,
                                        uIntolerable: 0.5, takenDoseMg: 300)
            #expect(abs(outcome.onsetHazardPerDay - expected) < 1e-15)
        }
        // Without a part (a drug that declares none): background only, even at a huge exposure.
        let none = model.replacingDrugPart(nil)
        var state = SideEffectState(model: none, covariates: .reference)
        #expect(state.advance(none, cmaxMgPerL: 99, cavgMgPerL: 99, prescribedDailyDoseMg: 9000, u: 0.999_999, uIntolerable: 0.5,
                              takenDoseMg: 9000).onsetHazardPerDay == 0.0001)
    }

    @Test func abruptStopIgnoresTheRegimenTaperAndTaperStopFollowsTheDeclaredOne() {
        // A regimen that declares a 4-day linear discontinuation taper.
        let regimen = Regimen(doseTimesH: [8], maintenanceMgPerDay: 50, discontinuation: .linear(days: 4))
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 20)
        var abrupt = RegimenState(), taper = RegimenState(), byRegimen = RegimenState()
        schedule.discontinue(&abrupt, day: 10, shape: SideEffectAction.Discontinuation.abrupt.earlyStopShape)
        schedule.discontinue(&taper, day: 10, shape: SideEffectAction.Discontinuation.protocolTaper.earlyStopShape)
        schedule.discontinue(&byRegimen, day: 10)
        #expect(schedule.targetMgPerDay(day: 9, state: abrupt) == 50)
        for day in 10..<16 { #expect(schedule.targetMgPerDay(day: day, state: abrupt) == 0) }
        let linear = [40.0, 30, 20, 10, 0, 0]  // 50·(4 − k)/5
        for (k, mg) in linear.enumerated() {
            #expect(abs(schedule.targetMgPerDay(day: 10 + k, state: taper) - mg) < 1e-12)
            #expect(abs(schedule.targetMgPerDay(day: 10 + k, state: byRegimen) - mg) < 1e-12)
        }
        // Without a discontinuation taper, `taper` follows the scheduled taper's shape.
        let scheduled = Regimen(doseTimesH: [8], maintenanceMgPerDay: 50, taper: Taper(kind: .stepDown(stepMg: 20, everyDays: 2), startDay: 18))
        #expect(scheduled.declaredTaperKind == .stepDown(stepMg: 20, everyDays: 2))
        #expect(Regimen(doseTimesH: [8], maintenanceMgPerDay: 50).declaredTaperKind == nil)
        let s2 = RegimenSchedule(regimen: scheduled, horizonDays: 20)
        var state = RegimenState()
        s2.discontinue(&state, day: 5, shape: .declaredTaper)
        #expect(s2.targetMgPerDay(day: 5, state: state) == 30 && s2.targetMgPerDay(day: 7, state: state) == 10)
        #expect(s2.targetMgPerDay(day: 9, state: state) == 0)
    }
}
