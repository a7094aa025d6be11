import Testing
@testable import Baclosim

@Suite struct RegimenValidationTests {
    @Test func aValidRegimenHasNoIssues() {
        let regimen = Regimen(titration: [DoseStep(days: 3, mgPerDay: 15)], maintenanceMgPerDay: 30,
                              taper: Taper(kind: .linear(days: 14), startDay: 60),
                              tablets: TabletStrengths(strengthsMg: [10, 25], smallestScored: true),
                              cap: .baclofenSeedArticle, sideEffectReductionMg: 10)
        #expect(regimen.validate(horizonDays: 84).isEmpty)
    }

    @Test func zeroStepIsReportedWithItsKeyAndAFix() {
        let regimen = Regimen(maintenanceMgPerDay: 60, taper: Taper(kind: .stepDown(stepMg: 0, everyDays: 7), startDay: 10))
        let issues = regimen.validate(horizonDays: 84)
        #expect(issues.count == 1)
        #expect(issues.first?.description
                == "taper.step_mg: must be > 0 (found 0). Give the daily dose removed at each step in mg/day, e.g. 10.")
    }

    @Test func taperRunningPastTheHorizonIsReported() {
        // 60 mg/day, −15 every 7 days from day 70: zero on day 70 + 21 = 91, horizon 84 days.
        let regimen = Regimen(maintenanceMgPerDay: 60,
                              taper: Taper(kind: .stepDown(stepMg: 15, everyDays: 7), startDay: 70))
        let issues = regimen.validate(horizonDays: 84)
        #expect(issues.map(\.keyPath) == ["taper.start_day"])
        #expect(issues.first?.problem.contains("reaches 0 on day 91") == true)
        #expect(issues.first?.fix.hasPrefix("Start the taper by day 63") == true)
        // Without a horizon, or with a long enough one, there is nothing to report.
        #expect(regimen.validate().isEmpty)
        #expect(regimen.validate(horizonDays: 91).isEmpty)
    }

    @Test func taperStartingAfterTheHorizonIsReported() {
        let regimen = Regimen(maintenanceMgPerDay: 60, taper: Taper(kind: .abrupt, startDay: 100))
        let issues = regimen.validate(horizonDays: 84)
        #expect(issues.map(\.keyPath) == ["taper.start_day"])
        #expect(issues.first?.problem.contains("after the last simulated day 83") == true)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let regimen = Regimen(
            doseTimesH: [8, 8, 25],
            titration: [DoseStep(days: 0, mgPerDay: -5)],
            maintenanceMgPerDay: 30,
            taper: Taper(kind: .proportional(percent: 120, everyDays: 0, floorMgPerDay: 0), startDay: -1),
            discontinuation: .linear(days: 0),
            tablets: TabletStrengths(strengthsMg: [10, 0]),
            cap: DailyDoseCap(maxMgPerDay: 0),
            sideEffectReductionMg: -2)
        let keyPaths = Set(regimen.validate(horizonDays: 84).map(\.keyPath))
        #expect(keyPaths == [
            "dose_times_h[1]", "dose_times_h[2]",
            "titration[0].days", "titration[0].mg_per_day",
            "taper.start_day", "taper.percent", "taper.every_days", "taper.floor_mg_per_day",
            "discontinuation.days",
            "tablet_strengths_mg[1]",
            "cap.max_mg_per_day",
            "side_effect_reduction_mg",
        ])
    }

    @Test func dosesNeedingTooManyTabletsAreReported() {
        let regimen = Regimen(maintenanceMgPerDay: 300,
                              tablets: TabletStrengths(strengthsMg: [10], maxTabletsPerDose: 4))
        let issues = regimen.validate()
        #expect(issues.map(\.keyPath) == ["max_tablets_per_dose"])
    }
}
