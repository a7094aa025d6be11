import Testing
@testable import Baclosim

/// Titration to response and tolerability on one subject's regimen state (issue 17): the rule's
/// properties over many random courses of response and intolerable side effects, its two closed
/// forms (a criterion always met, never met), the stopping rule, a taper from the subject's own
/// dose, and the cap and renal rule on top of it.
@Suite struct ResponseGuidedTitrationTests {
    static let rule = ResponseGuidedTitration(
        startMgPerDay: 15, stepMgPerDay: 15, stepIntervalDays: 3, ceilingMgPerDay: 300,
        response: ResponseCriterion(windowDays: 14, maxHeavyDays: 0),
        stepDownMgPerDay: 15, holdAfterStepDownDays: 14, maxReescalations: 2)

    /// A small deterministic generator (SplitMix64) for the random courses.
    struct SplitMix {
        var state: UInt64
        mutating func uniform() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53)
        }
    }

    /// One subject's course as the engine drives it: on each day the rule (on rule days, before
    /// the dose), the day's dose, then an intolerable side effect may start (a step down from
    /// tomorrow, as a `reduce_dose` consequence) or the current one may end.
    struct Course {
        var doses: [Double] = []
        /// Per day: an intolerable episode was in progress at the start of the day.
        var intolerableAtStart: [Bool] = []
        var state: RegimenState
    }

    static func course(_ schedule: RegimenSchedule, days: Int, creatinineClearance: Double = 100,
                       responds: (Int) -> Bool, onset: (Int) -> Bool, resolves: (Int) -> Bool) -> Course {
        var state = schedule.makeState(creatinineClearanceMLPerMin: creatinineClearance)
        var course = Course(state: state)
        var intolerable = false
        for day in 0..<days {
            let met = responds(day)
            let observation = ResponseObservation(days: min(day, 14), drinkingDays: met ? 0 : 1, heavyDays: met ? 0 : 1,
                                                  meanCraving: 1)
            schedule.applyTitrationRule(&state, day: day, observation: observation, intolerableSideEffect: intolerable)
            course.intolerableAtStart.append(intolerable)
            course.doses.append(schedule.targetMgPerDay(day: day, state: state))
            if intolerable {
                if resolves(day) { intolerable = false }
            } else if onset(day) {
                intolerable = true
                schedule.reduceDose(&state, day: day + 1)
            }
        }
        course.state = state
        return course
    }

    @Test func randomCoursesKeepEveryPropertyOfTheRule() {
        for cap in [nil, DailyDoseCap(maxMgPerDay: 120, supervisedException: true), DailyDoseCap(maxMgPerDay: 120, supervisedException: false)] {
            var regimen = Regimen(maintenanceMgPerDay: .nan, cap: cap, responseGuided: Self.rule)
            if cap?.supervisedException == false { regimen.responseGuided?.ceilingMgPerDay = 120 }
            let schedule = RegimenSchedule(regimen: regimen, horizonDays: 200)
            let ceiling = regimen.responseGuided!.ceilingMgPerDay
            var random = SplitMix(state: 17)
            var steppedDown = 0, relocked = 0
            for _ in 0..<400 {
                let pRespond = random.uniform(), pOnset = 0.05 * random.uniform()
                var draws = (0..<200).map { _ in (random.uniform(), random.uniform(), random.uniform()) }
                draws.append((1, 1, 1))
                let course = Self.course(schedule, days: 200, responds: { draws[$0].0 < pRespond },
                                         onset: { draws[$0].1 < pOnset }, resolves: { draws[$0].2 < 0.1 })
                for (day, dose) in course.doses.enumerated() {
                    #expect(dose <= ceiling + 1e-12)
                    if let cap, !cap.supervisedException { #expect(dose <= cap.maxMgPerDay + 1e-12) }
                    #expect(dose >= Self.rule.startMgPerDay - 1e-12)
                    // Never up on a day an intolerable episode is in progress.
                    if day > 0 && course.intolerableAtStart[day] { #expect(dose <= course.doses[day - 1]) }
                    // Up only on rule days, and by one step.
                    if day > 0 && dose > course.doses[day - 1] {
                        #expect(day % Self.rule.stepIntervalDays == 0)
                        #expect(abs(dose - course.doses[day - 1] - Self.rule.stepMgPerDay) < 1e-9 || dose == ceiling)
                    }
                }
                #expect(course.state.reescalations <= Self.rule.maxReescalations)
                if course.state.stepDowns > 0 { steppedDown += 1 }
                if course.state.escalationLocked { relocked += 1 }
            }
            // The courses exercise step downs and the re-escalation limit.
            #expect(steppedDown > 50 && relocked > 10, "\(steppedDown) \(relocked)")
        }
    }

    @Test func aCriterionAlwaysMetGivesTheFixedStartDose() {
        let schedule = RegimenSchedule(regimen: Regimen(maintenanceMgPerDay: .nan, responseGuided: Self.rule), horizonDays: 120)
        let course = Self.course(schedule, days: 120, responds: { _ in true }, onset: { _ in false }, resolves: { _ in true })
        #expect(course.doses == Array(repeating: 15, count: 120))
        #expect(course.state.lastResponseDay == 117)
    }

    @Test func aCriterionNeverMetWithoutSideEffectsIsTheFixedEscalationToTheCeiling() {
        for (interval, step, ceiling) in [(3, 15.0, 300.0), (7, 10.0, 85.0), (1, 5.0, 20.0)] {
            var rule = Self.rule
            rule.stepIntervalDays = interval
            rule.stepMgPerDay = step
            rule.ceilingMgPerDay = ceiling
            let schedule = RegimenSchedule(regimen: Regimen(maintenanceMgPerDay: .nan, responseGuided: rule), horizonDays: 150)
            let course = Self.course(schedule, days: 150, responds: { _ in false }, onset: { _ in false }, resolves: { _ in true })
            // Closed form: min(ceiling, start + ⌊d / interval⌋ · step).
            for (day, dose) in course.doses.enumerated() {
                #expect(dose == min(ceiling, 15 + Double(day / interval) * step), "day \(day)")
                #expect(dose == rule.dailyDoseMg(afterEscalations: day / interval))
            }
        }
    }

    @Test func theStoppingRuleStopsAfterItsWeeksWithoutResponse() {
        var rule = Self.rule
        rule.stopWithoutResponseDays = 28
        let regimen = Regimen(maintenanceMgPerDay: .nan, discontinuation: .abrupt, responseGuided: rule)
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 60)
        let never = Self.course(schedule, days: 60, responds: { _ in false }, onset: { _ in false }, resolves: { _ in true })
        // Rule days 3, 6, …: the first at or after day 28 is day 30, which stops the drug.
        #expect(never.doses[29] == 15 + 9 * 15)
        #expect(never.doses[30...].allSatisfy { $0 == 0 })
        #expect(never.state.discontinuationDay == 30)
        // A response on day 27 restarts the clock: no stop before day 27 + 28.
        let late = Self.course(schedule, days: 60, responds: { $0 == 27 }, onset: { _ in false }, resolves: { _ in true })
        #expect(late.doses[54] > 0 && late.doses[57] == 0)
    }

    @Test func aPlannedTaperStartsFromTheSubjectsOwnDose() {
        let regimen = Regimen(maintenanceMgPerDay: .nan, taper: Taper(kind: .linear(days: 10), startDay: 40), responseGuided: Self.rule)
        #expect(regimen.validate(horizonDays: 60).isEmpty)
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 60)
        let course = Self.course(schedule, days: 60, responds: { $0 >= 20 }, onset: { _ in false }, resolves: { _ in true })
        // Escalations on days 3…18 (6 of them): 105 mg/day, held from day 21 by the response.
        #expect(course.doses[39] == 105)
        for day in 40..<60 {
            #expect(abs(course.doses[day] - TaperKind.linear(days: 10).dailyDoseMg(startingFromMgPerDay: 105, taperDay: day - 40)) < 1e-12)
        }
        #expect(course.state.nextRuleDay == .max)
    }

    @Test func theRenalRuleAndTheCapApplyToTheSubjectsDose() {
        let renal = RenalDoseRule(bands: [RenalBand(aboveMLPerMin: 0, upToMLPerMin: 50, action: .scale(factor: 0.5))])
        let regimen = Regimen(maintenanceMgPerDay: .nan, cap: DailyDoseCap(maxMgPerDay: 300, supervisedException: false),
                              renalRule: renal, responseGuided: Self.rule)
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 90)
        let normal = Self.course(schedule, days: 90, responds: { _ in false }, onset: { _ in false }, resolves: { _ in true })
        let impaired = Self.course(schedule, days: 90, creatinineClearance: 40, responds: { _ in false }, onset: { _ in false },
                                   resolves: { _ in true })
        for day in 0..<90 { #expect(impaired.doses[day] == normal.doses[day] / 2) }
        #expect(schedule.plannedMaximumGivenMgPerDay == 300)
    }

    @Test func contradictoryRulesAreValidationIssuesWithTheirKeys() {
        var rule = Self.rule
        rule.ceilingMgPerDay = 10
        rule.stepMgPerDay = 0
        rule.response = ResponseCriterion(windowDays: 7)
        let keys = Regimen(maintenanceMgPerDay: .nan, responseGuided: rule).validate().map(\.keyPath)
        #expect(keys == ["titrate_to_response.step_mg_per_day", "titrate_to_response.ceiling_mg_per_day",
                         "titrate_to_response.response"])
        let mixed = Regimen(titration: [DoseStep(days: 3, mgPerDay: 15)], maintenanceMgPerDay: 30, responseGuided: Self.rule)
        #expect(mixed.validate().map(\.keyPath) == ["titration", "maintenance_mg_per_day"])
        let capped = Regimen(maintenanceMgPerDay: .nan, cap: DailyDoseCap(maxMgPerDay: 100, supervisedException: false), responseGuided: Self.rule)
        #expect(capped.validate().map(\.keyPath) == ["titrate_to_response.ceiling_mg_per_day"])
    }
}
