import Testing
@testable import Baclosim

/// Day-by-day schedules against hand-computed expectations.
@Suite struct RegimenScheduleTests {
    /// Daily doses for days `0..<days` for a subject with no adjustments.
    func dailyDoses(_ regimen: Regimen, days: Int) -> [Double] {
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: days)
        let state = RegimenState()
        return (0..<days).map { schedule.dailyDoseMg(day: $0, state: state) }
    }

    @Test func titrationThenMaintenanceFollowsTheSteps() {
        // Addolorato 2007 / seed article: 5 mg tid for 3 days, then 10 mg tid.
        let regimen = Regimen(titration: [DoseStep(days: 3, mgPerDay: 15)], maintenanceMgPerDay: 30)
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 10)
        let state = RegimenState()
        for day in 0..<3 {
            #expect(schedule.doses(day: day, state: state) == doses([5, 5, 5]))
        }
        for day in 3..<10 {
            #expect(schedule.doses(day: day, state: state) == doses([10, 10, 10]))
        }
        #expect(schedule.dailyDoseMg(day: 2, state: state) == 15)
        #expect(schedule.dailyDoseMg(day: 3, state: state) == 30)
        // Past the precomputed horizon the protocol is computed directly.
        #expect(schedule.dailyDoseMg(day: 500, state: state) == 30)
    }

    @Test func doseTimesDefaultToEightTwoAndEightPM() {
        let regimen = Regimen(maintenanceMgPerDay: 30)
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 3)
        #expect(regimen.doseTimesH == [8, 14, 20])
        #expect(schedule.doseTimeH(day: 0, slot: 0) == 8)
        #expect(schedule.doseTimeH(day: 2, slot: 2) == 68)
        #expect(schedule.scheduledDose(day: 1, slot: 1, state: RegimenState()) == ScheduledDose(timeH: 38, amountMg: 10))
    }

    @Test func abruptTaperStopsOnTheStartDay() {
        let regimen = Regimen(maintenanceMgPerDay: 60, taper: Taper(kind: .abrupt, startDay: 10))
        let expected = Array(repeating: 60.0, count: 10) + Array(repeating: 0.0, count: 5)
        #expect(dailyDoses(regimen, days: 15) == expected)
    }

    @Test func linearTaperFallsInEqualStepsOverItsDays() {
        // 60 mg/day over 5 days: 60·5/6, 60·4/6, … = 50, 40, 30, 20, 10, then 0.
        let regimen = Regimen(maintenanceMgPerDay: 60, taper: Taper(kind: .linear(days: 5), startDay: 10))
        let got = dailyDoses(regimen, days: 17)
        let expected = Array(repeating: 60.0, count: 10) + [50, 40, 30, 20, 10, 0, 0]
        #expect(zip(got, expected).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(TaperKind.linear(days: 5).lengthDays(startingFromMgPerDay: 60) == 5)
    }

    @Test func stepDownTaperRemovesTheStepEveryNDays() {
        // 60 mg/day, −15 mg every 4 days from day 10: 45 ×4, 30 ×4, 15 ×4, then 0 from day 22.
        let regimen = Regimen(maintenanceMgPerDay: 60,
                              taper: Taper(kind: .stepDown(stepMg: 15, everyDays: 4), startDay: 10))
        let expected = Array(repeating: 60.0, count: 10) + Array(repeating: 45.0, count: 4)
            + Array(repeating: 30.0, count: 4) + Array(repeating: 15.0, count: 4) + [0, 0]
        #expect(dailyDoses(regimen, days: 24) == expected)
        #expect(TaperKind.stepDown(stepMg: 15, everyDays: 4).lengthDays(startingFromMgPerDay: 60) == 12)
        // A last partial step: 50 → 35, 20, 5, 0 (four steps).
        #expect(TaperKind.stepDown(stepMg: 15, everyDays: 4).lengthDays(startingFromMgPerDay: 50) == 12)
    }

    @Test func proportionalTaperStopsBelowItsFloor() {
        // 60 mg/day, −50% every 3 days, floor 10: 30 ×3, 15 ×3, then 7.5 < 10 → 0 from day 16.
        let kind = TaperKind.proportional(percent: 50, everyDays: 3, floorMgPerDay: 10)
        let regimen = Regimen(maintenanceMgPerDay: 60, taper: Taper(kind: kind, startDay: 10))
        let expected = Array(repeating: 60.0, count: 10) + [30, 30, 30, 15, 15, 15, 0, 0]
        #expect(dailyDoses(regimen, days: 18) == expected)
        #expect(kind.lengthDays(startingFromMgPerDay: 60) == 6)
    }

    @Test func explicitStepsTaperReproducesRM1TaperArm() {
        // RM-1 baclofen60taper, per dose: 5 mg days 0–2, 10 mg 3–5, 15 mg 6–8, 20 mg 9–69,
        // 15 mg 70–73, 10 mg 74–77, 5 mg 78–80, 0 mg 81–83.
        let regimen = Regimen(
            titration: [DoseStep(days: 3, mgPerDay: 15), DoseStep(days: 3, mgPerDay: 30), DoseStep(days: 3, mgPerDay: 45)],
            maintenanceMgPerDay: 60,
            taper: Taper(kind: .steps([DoseStep(days: 4, mgPerDay: 45), DoseStep(days: 4, mgPerDay: 30),
                                       DoseStep(days: 3, mgPerDay: 15)]), startDay: 70),
            tablets: TabletStrengths(strengthsMg: [10, 25], smallestScored: true),
            cap: .baclofenSeedArticle)
        #expect(regimen.validate(horizonDays: 84).isEmpty)
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 84)
        let state = RegimenState()
        func perDose(_ day: Int) -> Double {
            switch day {
            case 0...2: 5
            case 3...5: 10
            case 6...8: 15
            case 9...69: 20
            case 70...73: 15
            case 74...77: 10
            case 78...80: 5
            default: 0
            }
        }
        for day in 0..<84 {
            let expected = perDose(day)
            #expect(schedule.doses(day: day, state: state) == doses([expected, expected, expected]), "day \(day)")
        }
    }

    @Test func rm1AbruptArmStopsAfterDay77() {
        let regimen = Regimen(
            titration: [DoseStep(days: 3, mgPerDay: 15), DoseStep(days: 3, mgPerDay: 30), DoseStep(days: 3, mgPerDay: 45)],
            maintenanceMgPerDay: 60, taper: Taper(kind: .abrupt, startDay: 78))
        let got = dailyDoses(regimen, days: 84)
        #expect(got[77] == 60)
        #expect(got[78...].allSatisfy { $0 == 0 })
    }

    @Test func taperStartsFromTheTitrationDoseWhenItBeginsDuringTitration() {
        let regimen = Regimen(titration: [DoseStep(days: 5, mgPerDay: 30)], maintenanceMgPerDay: 90,
                              taper: Taper(kind: .stepDown(stepMg: 10, everyDays: 1), startDay: 3))
        #expect(dailyDoses(regimen, days: 7) == [30, 30, 30, 20, 10, 0, 0])
    }

    @Test func reductionAfterSideEffectCapsLaterDoses() {
        // Titration 15 → 30 → maintenance 60; an intolerable effect on day 4 (30 mg/day) with a
        // 10 mg reduction holds the subject at 20 mg/day, through maintenance and into the taper.
        let regimen = Regimen(
            titration: [DoseStep(days: 3, mgPerDay: 15), DoseStep(days: 3, mgPerDay: 30)],
            maintenanceMgPerDay: 60,
            taper: Taper(kind: .stepDown(stepMg: 15, everyDays: 2), startDay: 10),
            sideEffectReductionMg: 10)
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 18)
        var state = RegimenState()
        #expect(schedule.reduceDose(&state, day: 4))
        #expect(state.reductionCount == 1)
        // Protocol from day 4: 30 30 60 60 60 60 | 45 45 30 30 15 15 0 0; the ceiling is 20.
        let got = (4..<18).map { schedule.dailyDoseMg(day: $0, state: state) }
        #expect(got == [20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 15, 15, 0, 0])
        // A second reduction of 5 mg on day 8 lowers the ceiling to 15.
        schedule.reduceDose(&state, day: 8, byMg: 5)
        #expect(schedule.dailyDoseMg(day: 9, state: state) == 15)
    }

    @Test func reductionWithoutAProtocolStepChangesNothing() {
        let schedule = RegimenSchedule(regimen: Regimen(maintenanceMgPerDay: 30), horizonDays: 5)
        var state = RegimenState()
        #expect(!schedule.reduceDose(&state, day: 2))
        #expect(schedule.dailyDoseMg(day: 3, state: state) == 30)
    }

    @Test func earlyDiscontinuationFollowsTheDiscontinuationTaper() {
        let regimen = Regimen(maintenanceMgPerDay: 60, discontinuation: .linear(days: 3))
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 30)
        var state = RegimenState()
        schedule.discontinue(&state, day: 20)
        let got = (18..<25).map { schedule.dailyDoseMg(day: $0, state: state) }
        #expect(got == [60, 60, 45, 30, 15, 0, 0])
        // A second call does not restart the taper.
        schedule.discontinue(&state, day: 22)
        #expect(schedule.dailyDoseMg(day: 22, state: state) == 15)
    }

    @Test func abruptDiscontinuationStopsAtOnce() {
        let schedule = RegimenSchedule(regimen: Regimen(maintenanceMgPerDay: 30), horizonDays: 10)
        var state = RegimenState()
        schedule.discontinue(&state, day: 4)
        #expect(schedule.dailyDoseMg(day: 3, state: state) == 30)
        #expect(schedule.dailyDoseMg(day: 4, state: state) == 0)
    }
}

/// A `DailyDoses` holding `amounts`.
func doses(_ amounts: [Double]) -> DailyDoses {
    var result = DailyDoses(count: amounts.count)
    for (slot, amount) in amounts.enumerated() { result[slot] = amount }
    return result
}
