import Testing
@testable import Baclosim

/// Reinstating a drug after an early discontinuation.
@Suite struct RegimenReinstateTests {
    @Test func reinstatementAfterAnAbruptStopRestoresTheProtocolDose() {
        let schedule = RegimenSchedule(regimen: Regimen(maintenanceMgPerDay: 60), horizonDays: 20)
        var state = RegimenState()
        schedule.discontinue(&state, day: 5)
        #expect(schedule.dailyDoseMg(day: 7, state: state) == 0)
        #expect(schedule.reinstate(&state, day: 8))
        #expect(schedule.dailyDoseMg(day: 8, state: state) == 60)
        #expect(state == RegimenState())
        // Stoppable again after the restart.
        schedule.discontinue(&state, day: 12)
        #expect(schedule.dailyDoseMg(day: 12, state: state) == 0)
    }

    @Test func reinstatementKeepsAnEarlierReductionCeiling() {
        let schedule = RegimenSchedule(regimen: Regimen(maintenanceMgPerDay: 60), horizonDays: 20)
        var state = RegimenState()
        schedule.reduceDose(&state, day: 2, byMg: 20)
        schedule.discontinue(&state, day: 5)
        schedule.reinstate(&state, day: 9)
        #expect(schedule.dailyDoseMg(day: 9, state: state) == 40)
    }

    @Test func reinstatementWithoutADiscontinuationChangesNothing() {
        let schedule = RegimenSchedule(regimen: Regimen(maintenanceMgPerDay: 30), horizonDays: 10)
        var state = RegimenState()
        #expect(!schedule.reinstate(&state, day: 3))
        schedule.discontinue(&state, day: 6)
        #expect(!schedule.reinstate(&state, day: 4))
        #expect(schedule.dailyDoseMg(day: 6, state: state) == 0)
    }
}
