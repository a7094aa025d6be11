import Testing
@testable import Baclosim

/// Planned interruptions (`holidays:`) in a regimen: no dose on their days, the protocol's clock
/// running on; a reduction or an early stop during one starts from the dose the subject is on.
@Suite struct DrugHolidayTests {
    let regimen = Regimen(titration: [DoseStep(days: 7, mgPerDay: 15)], maintenanceMgPerDay: 30,
                          discontinuation: .linear(days: 10), sideEffectReductionMg: 10,
                          holidays: [DrugHoliday(startDay: 10, days: 4), DrugHoliday(startDay: 40, days: 1)])

    @Test func noDoseOnAHolidayAndTheProtocolDoseAfterIt() {
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 60)
        for day in 0..<70 {
            let expected: Double = [10, 11, 12, 13, 40].contains(day) ? 0 : day < 7 ? 15 : 30
            #expect(schedule.dailyDoseMg(day: day) == expected, "day \(day)")
            #expect(schedule.isHoliday(day: day) == (expected == 0), "day \(day)")
        }
        #expect(regimen.validate(horizonDays: 60).isEmpty)
    }

    @Test func aStopOrAReductionDuringAHolidayStartsFromTheDoseTheSubjectIsOn() {
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 60)
        var stopped = schedule.makeState(creatinineClearanceMLPerMin: 100)
        schedule.discontinue(&stopped, day: 12)
        #expect(stopped.discontinuationStartMgPerDay == 30)
        #expect(schedule.dailyDoseMg(day: 12, state: stopped) == 0)
        // The taper after the holiday: 30 mg/day falling linearly over 10 days from day 12.
        #expect(schedule.dailyDoseMg(day: 14, state: stopped) == TaperKind.linear(days: 10).dailyDoseMg(startingFromMgPerDay: 30, taperDay: 2))
        var reduced = schedule.makeState(creatinineClearanceMLPerMin: 100)
        #expect(schedule.reduceDose(&reduced, day: 11))
        #expect(reduced.ceilingMgPerDay == 20)
        #expect(schedule.dailyDoseMg(day: 11, state: reduced) == 0)
        #expect(schedule.dailyDoseMg(day: 14, state: reduced) == 20)
    }
}
