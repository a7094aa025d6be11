import Foundation
import Testing
@testable import Baclosim

@Suite("Safety: side effects")
struct SideEffectTests {
    /// h = 0.01 + 0.04·C/(0.5 + C): 0.03 per day at C = 0.5 mg/L.
    static let onset = ConcentrationHazard(baselinePerDay: 0.01, maximumDrugHazardPerDay: 0.04, ec50MgPerL: 0.5)

    @Test func hillCurveMatchesFormulaForGammaOneAndSteepGamma() {
        #expect(Self.onset.hazardPerDay(concentrationMgPerL: 0.5) == 0.01 + 0.04 * 0.5 / 1.0)
        #expect(Self.onset.hazardPerDay(concentrationMgPerL: 0) == 0.01)
        let steep = ConcentrationHazard(maximumDrugHazardPerDay: 2, ec50MgPerL: 1.5, hillCoefficient: 10)
        for c in [0.1, 0.9, 1.5, 3.0] {
            let expected = 2 * pow(c, 10) / (pow(1.5, 10) + pow(c, 10))
            #expect(abs(steep.hazardPerDay(concentrationMgPerL: c) - expected) <= 1e-14 * max(expected, 1e-300))
        }
        #expect(steep.hazardPerDay(concentrationMgPerL: 1e-40) == 0)  // (EC50/C)^γ overflows: no ∞/∞
        #expect(steep.hazardPerDay(concentrationMgPerL: 1e30) == 2)
    }

    @Test func constantExposureTimeToOnsetFollowsExponentialSurvival() {
        let model = SideEffectModel(name: "test", onset: Self.onset, resolution: .firstOnsetOnly)
        let hazard = 0.03
        let n = 20_000, days = 60
        var random = SafetySplitMix64(seed: 11)
        var survivors = [Int](repeating: 0, count: days + 1)  // survivors[t]: no onset in days 0..<t
        for _ in 0..<n {
            var state = SideEffectState(model: model, covariates: .reference)
            for _ in 0..<days {
                _ = state.advance(model, cmaxMgPerL: 0.5, cavgMgPerL: 0.1, prescribedDailyDoseMg: 30,
                                  u: random.uniform(), uIntolerable: random.uniform())
            }
            let onsetDays = state.counters.firstOnsetDay.map { $0 + 1 } ?? days + 1
            for t in 0..<min(onsetDays, days + 1) { survivors[t] += 1 }
        }
        for t in [1, 5, 10, 20, 40, 60] {
            expectProportion(survivors[t], of: n, near: exp(-hazard * Double(t)))
        }
        // First-onset-only incidence over D days is 1 − e^{−hD}.
        expectProportion(n - survivors[days], of: n, near: 1 - exp(-hazard * Double(days)))
    }

    @Test func driverSelectsCmaxOrCavg() {
        let byCavg = SideEffectModel(name: "test", driver: .cavg, onset: Self.onset, resolution: .firstOnsetOnly)
        var state = SideEffectState(model: byCavg, covariates: .reference)
        let outcome = state.advance(byCavg, cmaxMgPerL: 5, cavgMgPerL: 0.5, prescribedDailyDoseMg: 0,
                                    u: 0.999_999, uIntolerable: 0.5)
        #expect(outcome.onsetHazardPerDay == 0.03)
    }

    @Test func toleranceMultipliesDrugHazardAsSpecifiedAndRestartsOnDoseIncrease() {
        let tolerance = HazardTolerance(floor: 0.25, timeConstantDays: 10)
        let model = SideEffectModel(name: "test", onset: Self.onset, tolerance: tolerance, resolution: .firstOnsetOnly)
        var state = SideEffectState(model: model, covariates: .reference)
        var doses = [Double](repeating: 30, count: 20)
        doses += [Double](repeating: 20, count: 5)
        doses += [40, 40]
        // Days on a stable dose: restart on the first day and on the rise to 40, not on the fall to 20.
        var stableDays = Array(0..<25)
        stableDays += [0, 1]
        for (day, dose) in doses.enumerated() {
            let outcome = state.advance(model, cmaxMgPerL: 0.5, cavgMgPerL: 0, prescribedDailyDoseMg: dose,
                                        u: 0.999_999, uIntolerable: 0.5)
            let multiplier = 0.25 + 0.75 * exp(-Double(stableDays[day]) / 10)
            let expected = 0.01 + 0.02 * multiplier
            #expect(abs(outcome.onsetHazardPerDay - expected) <= 1e-15, "day \(day)")
        }
    }

    @Test func toleranceReducesIncidenceToOneMinusExpOfCumulativeHazard() {
        let tolerance = HazardTolerance(floor: 0.1, timeConstantDays: 7)
        let model = SideEffectModel(name: "test", onset: Self.onset, tolerance: tolerance, resolution: .firstOnsetOnly)
        let days = 40, n = 20_000
        var cumulative = 0.0
        for day in 0..<days {
            let multiplier: Double = 0.1 + 0.9 * exp(-Double(day) / 7)
            cumulative += 0.01 + 0.02 * multiplier
        }
        var random = SafetySplitMix64(seed: 12)
        var cases = 0
        for _ in 0..<n {
            var state = SideEffectState(model: model, covariates: .reference)
            for _ in 0..<days {
                _ = state.advance(model, cmaxMgPerL: 0.5, cavgMgPerL: 0, prescribedDailyDoseMg: 30,
                                  u: random.uniform(), uIntolerable: 0.5)
            }
            if state.counters.hasOnset { cases += 1 }
        }
        #expect(cumulative < 0.03 * Double(days))
        expectProportion(cases, of: n, near: 1 - exp(-cumulative))
    }

    @Test(arguments: [SideEffectResolution.dailyProbability(0.2), .hazardPerDay(-log(0.8))])
    func episodeDurationIsGeometricWithMeanOneOverP(resolution: SideEffectResolution) {
        // A baseline of 50 per day makes onset on day 0 certain (1 − e^{−50}).
        let model = SideEffectModel(
            name: "test", onset: ConcentrationHazard(baselinePerDay: 50, maximumDrugHazardPerDay: 0, ec50MgPerL: 1),
            resolution: resolution)
        let p = 0.2, n = 20_000
        var random = SafetySplitMix64(seed: 13)
        var totalDays = 0
        for _ in 0..<n {
            var state = SideEffectState(model: model, covariates: .reference)
            var outcome = state.advance(model, cmaxMgPerL: 0, cavgMgPerL: 0, prescribedDailyDoseMg: 0,
                                        u: random.uniform(), uIntolerable: 0.5)
            #expect(outcome.status == .onset)
            while outcome.status != .resolved {
                outcome = state.advance(model, cmaxMgPerL: 0, cavgMgPerL: 0, prescribedDailyDoseMg: 0,
                                        u: random.uniform(), uIntolerable: 0.5)
            }
            #expect(state.counters.episodes == 1)
            totalDays += state.counters.daysWithEffect
        }
        let mean = Double(totalDays) / Double(n)
        let standardError = ((1 - p) / (p * p) / Double(n)).squareRoot()
        #expect(abs(mean - 1 / p) <= 5 * standardError, "mean duration \(mean)")
    }

    @Test func episodesRecurAfterResolutionAndCountersTrackThem() {
        let model = SideEffectModel(
            name: "test", onset: ConcentrationHazard(baselinePerDay: 50, maximumDrugHazardPerDay: 0, ec50MgPerL: 1),
            resolution: .dailyProbability(0.5))
        var state = SideEffectState(model: model, covariates: .reference)
        // onset, ongoing, resolved (u < 0.5), onset, resolved.
        let statuses = [0.9, 0.9, 0.1, 0.9, 0.1].map {
            state.advance(model, cmaxMgPerL: 0, cavgMgPerL: 0, prescribedDailyDoseMg: 0, u: $0, uIntolerable: 0.5).status
        }
        #expect(statuses == [.onset, .ongoing, .resolved, .onset, .resolved])
        #expect(state.counters.episodes == 2)
        #expect(state.counters.daysWithEffect == 3)
        #expect(state.counters.firstOnsetDay == 0)
        #expect(!state.isAffected)
    }

    @Test func susceptibilityMultipliersApplyToTheirCovariatesOnly() {
        let susceptibility = SideEffectSusceptibility(
            elderlyAgeYears: 65, elderlyMultiplier: 2, renalImpairmentBelowCrClMLPerMin: 60,
            renalImpairmentMultiplier: 3, psychiatricMultiplier: 5, liverDiseaseMultiplier: 7)
        #expect(susceptibility.multiplier(for: .reference) == 1)
        let frail = SafetyCovariates(ageYears: 65, creatinineClearanceMLPerMin: 59.9, psychiatric: true, liverDisease: true)
        #expect(susceptibility.multiplier(for: frail) == 2 * 3 * 5 * 7)
        let borderline = SafetyCovariates(ageYears: 64.9, creatinineClearanceMLPerMin: 60, psychiatric: false,
                                          liverDisease: true)
        #expect(susceptibility.multiplier(for: borderline) == 7)

        let model = SideEffectModel(name: "test", onset: Self.onset, susceptibility: susceptibility,
                                    resolution: .firstOnsetOnly)
        var state = SideEffectState(model: model, covariates: frail)
        let outcome = state.advance(model, cmaxMgPerL: 0.5, cavgMgPerL: 0, prescribedDailyDoseMg: 0,
                                    u: 0.999_999_999, uIntolerable: 0.5)
        #expect(abs(outcome.onsetHazardPerDay - 210 * 0.03) <= 1e-13)
    }

    @Test func intolerableShareMatchesProbabilityAndRequestsTheDeclaredAction() {
        let consequences = SideEffectConsequences(intolerableProbability: 0.3, intolerableAction: .reduceDose(byMgPerDay: 10))
        let model = SideEffectModel(
            name: "test", onset: ConcentrationHazard(baselinePerDay: 50, maximumDrugHazardPerDay: 0, ec50MgPerL: 1),
            resolution: .dailyProbability(1), consequences: consequences)
        let n = 20_000
        var random = SafetySplitMix64(seed: 14)
        var intolerable = 0
        for _ in 0..<n {
            var state = SideEffectState(model: model, covariates: .reference)
            let outcome = state.advance(model, cmaxMgPerL: 0, cavgMgPerL: 0, prescribedDailyDoseMg: 0,
                                        u: 0.5, uIntolerable: random.uniform())
            if outcome.isIntolerable {
                intolerable += 1
                #expect(outcome.action == .reduceDose(byMgPerDay: 10))
                #expect(state.counters.doseReductions == 1)
            } else {
                #expect(outcome.action == SideEffectAction.none)
            }
        }
        expectProportion(intolerable, of: n, near: 0.3)

        let stopping = SideEffectModel(
            name: "test", onset: ConcentrationHazard(baselinePerDay: 50, maximumDrugHazardPerDay: 0, ec50MgPerL: 1),
            resolution: .firstOnsetOnly,
            consequences: SideEffectConsequences(intolerableProbability: 1, intolerableAction: .discontinue(.abrupt)))
        var state = SideEffectState(model: stopping, covariates: .reference)
        let outcome = state.advance(stopping, cmaxMgPerL: 0, cavgMgPerL: 0, prescribedDailyDoseMg: 0,
                                    u: 0.5, uIntolerable: 0.5)
        #expect(outcome.action == .discontinue(.abrupt))
        #expect(state.counters.discontinued)
    }

    @Test func calibratedCurveReproducesBothTrialIncidences() {
        // Rolland 2018 sedation/dizziness/fatigue mid-range: 21% placebo, 42% high-dose baclofen.
        let curve = ConcentrationHazard.calibrated(placeboIncidence: 0.21, drugIncidence: 0.42, overDays: 168,
                                                   atConcentrationMgPerL: 0.8, ec50MgPerL: 0.25)
        #expect(abs(1 - exp(-168 * curve.hazardPerDay(concentrationMgPerL: 0)) - 0.21) <= 1e-12)
        #expect(abs(1 - exp(-168 * curve.hazardPerDay(concentrationMgPerL: 0.8)) - 0.42) <= 1e-12)
    }

    @Test func validationNamesEveryBadKey() {
        let model = SideEffectModel(
            name: "", onset: ConcentrationHazard(baselinePerDay: -1, maximumDrugHazardPerDay: .nan, ec50MgPerL: 0.2,
                                                  hillCoefficient: 0),
            tolerance: HazardTolerance(floor: 1.5, timeConstantDays: 0), resolution: .dailyProbability(0),
            consequences: SideEffectConsequences(intolerableProbability: 2, intolerableAction: .reduceDose(byMgPerDay: 0)))
        let keys = Set(model.validationProblems().map(\.keyPath))
        #expect(keys == ["name", "onset.baseline_per_day", "onset.emax_per_day", "onset.hill", "tolerance.floor",
                         "tolerance.time_constant_days", "resolution.daily_probability", "intolerable.probability",
                         "intolerable.reduce_by_mg_per_day"])
        #expect(SideEffectModel.rm1Somnolence.validationProblems().isEmpty)
    }
}
