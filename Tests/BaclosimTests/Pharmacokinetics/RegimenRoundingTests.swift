import Testing
@testable import Baclosim

@Suite struct RegimenRoundingTests {
    let scoredBaclofen = TabletStrengths(strengthsMg: [10, 25], smallestScored: true)

    func split(_ dailyMg: Double, slots: Int = 3, tablets: TabletStrengths?, limit: Double? = nil) -> [Double] {
        var result = DailyDoses(count: slots)
        Regimen.split(dailyMg: dailyMg, slotCount: slots, givableMg: tablets?.givableDosesMg() ?? [],
                      limitMg: limit, into: &result)
        return (0..<slots).map { result[$0] }
    }

    @Test func scoredTenAndTwentyFiveGiveEveryMultipleOfFive() {
        let givable = scoredBaclofen.givableDosesMg()
        // Units 5 (half of 10), 10, 25, at most 8 per dose: every multiple of 5 up to 185
        // (190 and 195 would need a ninth unit), and 8 × 25 = 200 at the top.
        #expect(givable.first == 0)
        #expect(givable.last == 200)
        #expect(givable.filter { $0 <= 185 } == stride(from: 0.0, through: 185, by: 5).map { $0 })
        #expect(!givable.contains(190) && !givable.contains(195))
    }

    @Test func unscoredTabletsLeaveGaps() {
        let givable = TabletStrengths(strengthsMg: [10, 25], maxTabletsPerDose: 2).givableDosesMg()
        #expect(givable == [0, 10, 20, 25, 35, 50])
    }

    @Test func equalSplitIsExact() {
        let amounts = split(35, tablets: nil)
        #expect(amounts.allSatisfy { abs($0 - 35.0 / 3) < 1e-12 })
    }

    @Test func remainderFallsOnTheLaterDoses() {
        // 25 mg/day in 5-mg units: 5, 10, 10 (the larger doses later in the day).
        #expect(split(25, tablets: scoredBaclofen) == [5, 10, 10])
        // 40 mg/day: 10, 15, 15.
        #expect(split(40, tablets: scoredBaclofen) == [10, 15, 15])
        // 30 mg/day splits evenly.
        #expect(split(30, tablets: scoredBaclofen) == [10, 10, 10])
    }

    @Test func roundsToTheNearestGivableDaily() {
        // 32 mg/day: 10.67 → 10, then 11 → 10, then 12 → 10: 30 mg/day given.
        #expect(split(32, tablets: scoredBaclofen) == [10, 10, 10])
        // 2 mg/day cannot be given with 5-mg units: nothing.
        #expect(split(2, tablets: scoredBaclofen) == [0, 0, 0])
    }

    @Test func roundingNeverCrossesAHardLimit() {
        let unscored = TabletStrengths(strengthsMg: [10, 25])
        // 45 mg/day with 10/25 unscored rounds to 20 + 10 + 20 = 50 ...
        #expect(split(45, tablets: unscored) == [20, 10, 20])
        // ... but under a 45 mg/day cap the first dose comes down to stay within it.
        let capped = split(45, tablets: unscored, limit: 45)
        #expect(capped.reduce(0, +) <= 45)
        #expect(capped == [10, 10, 20])
    }

    @Test func scheduleRoundsEachDayWithTheRegimensTablets() {
        let regimen = Regimen(titration: [DoseStep(days: 2, mgPerDay: 25)], maintenanceMgPerDay: 40,
                              tablets: scoredBaclofen)
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 4)
        let state = RegimenState()
        #expect(schedule.doses(day: 0, state: state) == doses([5, 10, 10]))
        #expect(schedule.doses(day: 3, state: state) == doses([10, 15, 15]))
        #expect(schedule.doseMg(day: 3, slot: 0, state: state) == 10)
    }

    @Test func dailyDosesStorageHoldsEightSlots() {
        var storage = DailyDoses(count: 8)
        for slot in 0..<8 { storage[slot] = Double(slot) + 0.5 }
        #expect((0..<8).map { storage[$0] } == [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5])
        #expect(storage.totalMg == 32)
    }
}

@Suite struct RegimenCapTests {
    @Test func capIsEnforcedWithoutTheExceptionFlag() {
        let regimen = Regimen(maintenanceMgPerDay: 120,
                              tablets: TabletStrengths(strengthsMg: [10, 25], smallestScored: true),
                              cap: .baclofenSeedArticle)
        // Validation refuses a protocol above the cap ...
        let issues = regimen.validate()
        #expect(issues.map(\.keyPath) == ["maintenance_mg_per_day"])
        #expect(issues.first?.problem == "120 mg/day is above the daily cap of 100 mg/day")
        #expect(issues.first?.fix.contains("supervised_exception: true") == true)
        // ... and the schedule never gives more than the cap.
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 3)
        let state = RegimenState()
        #expect(schedule.dailyDoseMg(day: 1, state: state) == 100)
        #expect(schedule.doses(day: 1, state: state) == doses([30, 35, 35]))
        #expect(schedule.capLimited(day: 1, state: state))
        #expect(!schedule.capExceeded(day: 1, state: state))
        #expect(regimen.exceedsCap)
    }

    @Test func supervisedExceptionAllowsAndReportsDosesAboveTheCap() {
        let regimen = Regimen(titration: [DoseStep(days: 2, mgPerDay: 60)], maintenanceMgPerDay: 180,
                              cap: DailyDoseCap(maxMgPerDay: 100, supervisedException: true))
        #expect(regimen.validate().isEmpty)
        #expect(regimen.exceedsCap)
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 4)
        let state = RegimenState()
        #expect(schedule.dailyDoseMg(day: 0, state: state) == 60)
        #expect(!schedule.capExceeded(day: 0, state: state))
        #expect(schedule.dailyDoseMg(day: 2, state: state) == 180)
        #expect(schedule.capExceeded(day: 2, state: state))
        #expect(!schedule.capLimited(day: 2, state: state))
    }

    @Test func doseAtTheCapIsNeitherLimitedNorExceeded() {
        let regimen = Regimen(maintenanceMgPerDay: 100, cap: .baclofenSeedArticle)
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 2)
        #expect(regimen.validate().isEmpty)
        #expect(!regimen.exceedsCap)
        #expect(!schedule.capLimited(day: 1, state: RegimenState()))
        #expect(abs(schedule.dailyDoseMg(day: 1, state: RegimenState()) - 100) < 1e-9)
    }
}

@Suite struct RegimenRenalTests {
    // Vigabatrin (docs/sources.md#vigabatrin-pk): CrCl 50–80 → −25%, 30–50 → −50%, 10–30 → −75%.
    let vigabatrinRule = RenalDoseRule(bands: [
        RenalBand(aboveMLPerMin: 50, upToMLPerMin: 80, action: .scale(factor: 0.75)),
        RenalBand(aboveMLPerMin: 30, upToMLPerMin: 50, action: .scale(factor: 0.5)),
        RenalBand(aboveMLPerMin: 10, upToMLPerMin: 30, action: .scale(factor: 0.25)),
    ])

    @Test func vigabatrinBandsScaleTheDose() {
        let regimen = Regimen(doseTimesH: [8, 20], maintenanceMgPerDay: 3000, renalRule: vigabatrinRule)
        #expect(regimen.validate().isEmpty)
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 1)
        func dose(_ crCl: Double) -> Double {
            schedule.dailyDoseMg(day: 0, state: schedule.makeState(creatinineClearanceMLPerMin: crCl))
        }
        #expect(dose(120) == 3000)
        #expect(dose(80.5) == 3000)
        #expect(dose(80) == 2250)   // bands include their upper bound
        #expect(dose(50.01) == 2250)
        #expect(dose(50) == 1500)
        #expect(dose(30) == 750)
        #expect(dose(10.5) == 750)
        #expect(dose(10) == 3000)   // below every band: this rule says nothing
    }

    @Test func acamprosateBandsLimitAndContraindicate() {
        // Campral label (docs/sources.md#acamprosate-label): CrCl 30–50 → 333 mg tid; contraindicated at CrCl ≤ 30.
        let rule = RenalDoseRule(bands: [
            RenalBand(aboveMLPerMin: 30, upToMLPerMin: 50, action: .limit(maxMgPerDay: 999)),
            RenalBand(upToMLPerMin: 30, action: .contraindicated),
        ])
        let regimen = Regimen(maintenanceMgPerDay: 1998, tablets: TabletStrengths(strengthsMg: [333]),
                              renalRule: rule)
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 1)
        let normal = schedule.makeState(creatinineClearanceMLPerMin: 90)
        let moderate = schedule.makeState(creatinineClearanceMLPerMin: 40)
        let severe = schedule.makeState(creatinineClearanceMLPerMin: 30)
        #expect(schedule.doses(day: 0, state: normal) == doses([666, 666, 666]))
        #expect(schedule.doses(day: 0, state: moderate) == doses([333, 333, 333]))
        #expect(!moderate.isContraindicated)
        #expect(severe.isContraindicated)
        #expect(schedule.dailyDoseMg(day: 0, state: severe) == 0)
    }

    @Test func overlappingOrEmptyBandsAreReported() {
        let rule = RenalDoseRule(bands: [
            RenalBand(aboveMLPerMin: 30, upToMLPerMin: 60, action: .scale(factor: 0.5)),
            RenalBand(aboveMLPerMin: 50, upToMLPerMin: 80, action: .scale(factor: 1.5)),
            RenalBand(aboveMLPerMin: 20, upToMLPerMin: 10, action: .limit(maxMgPerDay: 5)),
        ])
        let issues = Regimen(maintenanceMgPerDay: 30, renalRule: rule).validate()
        #expect(Set(issues.map(\.keyPath)) == ["renal[1].dose_factor", "renal[1]", "renal[2].crcl_up_to_mL_per_min"])
    }
}
