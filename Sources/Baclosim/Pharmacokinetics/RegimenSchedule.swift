/// A ``Regimen`` compiled for a horizon: the protocol's daily dose for every day and the amounts a
/// single dose can be, both precomputed once per arm, so the per-subject-day calls below are
/// table look-ups and a few comparisons with no allocation.
///
/// Per subject the engine keeps a ``RegimenState`` and asks, each day,
/// ``fill(day:state:into:)`` (or ``doseMg(day:slot:state:)``) for the amounts and
/// ``doseTimeH(day:slot:)`` for the times.
public struct RegimenSchedule: Sendable {
    /// The regimen this schedule was compiled from.
    public let regimen: Regimen
    /// Number of days precomputed (days `0..<horizonDays`); later days are computed directly.
    public let horizonDays: Int
    /// Protocol daily dose (mg/day) per day.
    let protocolMgPerDay: [Double]
    /// Amounts one dose can be (mg, ascending, 0 included); empty for an exact equal split.
    let givableMg: [Double]
    /// Per day: in a planned interruption (``Regimen/holidays``); empty when there is none.
    let holidayDays: [Bool]

    /// Compiles `regimen` for days `0..<horizonDays`. Validate the regimen first
    /// (``Regimen/validate(horizonDays:)``); an invalid one gives unspecified doses.
    public init(regimen: Regimen, horizonDays: Int) {
        assert(horizonDays >= 0, "horizon must be non-negative")
        assert(regimen.dosesPerDay <= Regimen.maximumDosesPerDay, "too many dose times per day")
        self.regimen = regimen
        self.horizonDays = max(0, horizonDays)
        protocolMgPerDay = (0..<max(0, horizonDays)).map { regimen.protocolDailyDoseMg(day: $0) }
        givableMg = regimen.tablets?.givableDosesMg() ?? []
        holidayDays = regimen.holidays.isEmpty ? [] : (0..<max(0, horizonDays)).map { regimen.isHoliday(day: $0) }
    }

    /// Whether regimen day `day` is in a planned interruption (no dose that day).
    @inline(__always)
    public func isHoliday(day: Int) -> Bool {
        guard !holidayDays.isEmpty else { return false }
        if day >= 0 && day < holidayDays.count { return holidayDays[day] }
        return regimen.isHoliday(day: day)
    }

    /// Number of doses per day.
    public var dosesPerDay: Int { regimen.dosesPerDay }

    /// The state of a new subject with creatinine clearance `creatinineClearanceMLPerMin` (mL/min).
    public func makeState(creatinineClearanceMLPerMin: Double) -> RegimenState {
        var action: RenalDoseAction?
        if let rule = regimen.renalRule, let band = rule.bandIndex(creatinineClearanceMLPerMin: creatinineClearanceMLPerMin) {
            action = rule.bands[band].action
        }
        if let titration = regimen.responseGuided { return RegimenState(renalAction: action, titration: titration) }
        return RegimenState(renalAction: action)
    }

    /// The subject's daily dose on `day` from the protocol alone (mg/day): the schedule's
    /// protocol dose, or with titration to response the subject's own dose (and a planned
    /// taper from it). Before the renal rule, reductions and the cap.
    @inline(__always)
    func subjectProtocolMgPerDay(day: Int, state: RegimenState) -> Double {
        guard state.isResponseGuided else { return protocolDailyDoseMg(day: day) }
        if let taper = regimen.taper, day >= taper.startDay {
            return taper.kind.dailyDoseMg(startingFromMgPerDay: state.guidedMgPerDay, taperDay: day - taper.startDay)
        }
        return state.guidedMgPerDay
    }

    /// The protocol's daily dose on `day` (mg/day), before subject adjustments.
    public func protocolDailyDoseMg(day: Int) -> Double {
        if day >= 0 && day < horizonDays { return protocolMgPerDay[day] }
        return regimen.protocolDailyDoseMg(day: day)
    }

    /// The daily dose this subject should get on `day` before tablet rounding (mg/day): the
    /// protocol dose, then the renal rule, then the reduction ceiling, then the cap (unless the
    /// supervised exception allows more). After an early discontinuation, the discontinuation
    /// taper from the dose then given. Nothing on a day of a planned interruption.
    public func targetMgPerDay(day: Int, state: RegimenState) -> Double {
        isHoliday(day: day) ? 0 : dosingMgPerDay(day: day, state: state)
    }

    /// ``targetMgPerDay(day:state:)`` as if `day` were not in a planned interruption: the dose
    /// the subject is on (what a reduction or an early stop starts from).
    func dosingMgPerDay(day: Int, state: RegimenState) -> Double {
        if let stopDay = state.discontinuationDay, day >= stopDay {
            let shape: TaperKind
            switch state.discontinuationShape {
            case .regimenDiscontinuation: shape = regimen.discontinuation
            case .abrupt: return 0
            case .declaredTaper: shape = regimen.declaredTaperKind ?? .abrupt
            }
            return shape.dailyDoseMg(startingFromMgPerDay: state.discontinuationStartMgPerDay, taperDay: day - stopDay)
        }
        var mgPerDay = subjectProtocolMgPerDay(day: day, state: state)
        if let action = state.renalAction { mgPerDay = action.apply(toMgPerDay: mgPerDay) }
        mgPerDay = min(mgPerDay, state.ceilingMgPerDay)
        if let cap = regimen.cap, !cap.supervisedException {
            mgPerDay = min(mgPerDay, cap.maxMgPerDay)
        }
        return mgPerDay
    }

    /// The hard upper limit on the rounded daily total (mg/day), if any: tablet rounding may round
    /// up to the nearest givable amount, but never above the cap, a renal maximum or a reduction
    /// ceiling.
    func upperLimitMgPerDay(day: Int, state: RegimenState) -> Double? {
        var limit = Double.infinity
        if let stopDay = state.discontinuationDay, day >= stopDay {
            limit = state.discontinuationStartMgPerDay
        }
        if case .limit(let maxMgPerDay) = state.renalAction { limit = min(limit, maxMgPerDay) }
        limit = min(limit, state.ceilingMgPerDay)
        if let cap = regimen.cap, !cap.supervisedException { limit = min(limit, cap.maxMgPerDay) }
        return limit.isFinite ? limit : nil
    }

    /// Writes the amounts (mg) of `day`'s doses into `doses`, one per slot.
    ///
    /// - Complexity: O(slots · log(givable amounts)); no allocation.
    public func fill(day: Int, state: RegimenState, into doses: inout DailyDoses) {
        Regimen.split(
            dailyMg: targetMgPerDay(day: day, state: state),
            slotCount: dosesPerDay,
            givableMg: givableMg,
            limitMg: upperLimitMgPerDay(day: day, state: state),
            into: &doses)
    }

    /// The amounts (mg) of `day`'s doses, one per slot (default: a subject with no adjustments).
    public func doses(day: Int, state: RegimenState = RegimenState()) -> DailyDoses {
        var doses = DailyDoses(count: dosesPerDay)
        fill(day: day, state: state, into: &doses)
        return doses
    }

    /// The highest daily dose the regimen plans as it would be given (mg/day): the highest
    /// protocol dose (or the ceiling of a titration to response) under the cap, split over the
    /// dose times with tablet rounding, for a subject with no adjustment.
    public var plannedMaximumGivenMgPerDay: Double {
        var mgPerDay = regimen.maximumProtocolMgPerDay
        var limit: Double?
        if let cap = regimen.cap, !cap.supervisedException {
            mgPerDay = min(mgPerDay, cap.maxMgPerDay)
            limit = cap.maxMgPerDay
        }
        var doses = DailyDoses(count: dosesPerDay)
        Regimen.split(dailyMg: mgPerDay, slotCount: dosesPerDay, givableMg: givableMg, limitMg: limit, into: &doses)
        return doses.totalMg
    }

    /// The daily dose given on `day` (mg/day): the sum of the rounded doses.
    public func dailyDoseMg(day: Int, state: RegimenState = RegimenState()) -> Double {
        doses(day: day, state: state).totalMg
    }

    /// The amount (mg) of dose `slot` on `day`. Prefer ``fill(day:state:into:)`` when all slots
    /// are needed: this recomputes the day's split.
    public func doseMg(day: Int, slot: Int, state: RegimenState = RegimenState()) -> Double {
        doses(day: day, state: state)[slot]
    }

    /// Time of dose `slot` on `day`, in hours since 00:00 of day 0.
    public func doseTimeH(day: Int, slot: Int) -> Double {
        Double(day) * 24 + regimen.doseTimesH[slot]
    }

    /// Dose `slot` of `day` as a time and an amount.
    public func scheduledDose(day: Int, slot: Int, state: RegimenState) -> ScheduledDose {
        ScheduledDose(timeH: doseTimeH(day: day, slot: slot), amountMg: doseMg(day: day, slot: slot, state: state))
    }

    /// Whether the dose given on `day` is above the daily cap — possible only under the
    /// supervised exception; runs count these days and report them.
    public func capExceeded(day: Int, state: RegimenState) -> Bool {
        guard let cap = regimen.cap, cap.supervisedException else { return false }
        return dailyDoseMg(day: day, state: state) > cap.maxMgPerDay + DailyDoseCap.toleranceMg
    }

    /// Whether the cap lowered the dose on `day` (the protocol asked for more and no supervised
    /// exception allows it).
    public func capLimited(day: Int, state: RegimenState) -> Bool {
        guard let cap = regimen.cap, !cap.supervisedException else { return false }
        if let stopDay = state.discontinuationDay, day >= stopDay { return false }
        var mgPerDay = subjectProtocolMgPerDay(day: day, state: state)
        if let action = state.renalAction { mgPerDay = action.apply(toMgPerDay: mgPerDay) }
        mgPerDay = min(mgPerDay, state.ceilingMgPerDay)
        return mgPerDay > cap.maxMgPerDay + DailyDoseCap.toleranceMg
    }

    /// Reduces the subject's dose after an intolerable side effect on `day`: the ceiling becomes
    /// the dose given that day minus `byMg` (default: the regimen's
    /// ``Regimen/sideEffectReductionMg``; without one, nothing changes and `false` is returned).
    ///
    /// With titration to response, before a planned taper, the reduction is a step down of the
    /// rule (``stepDown(_:day:byMg:)``): by `byMg` when given, else by the rule's
    /// `step_down_mg_per_day`.
    @discardableResult
    public func reduceDose(_ state: inout RegimenState, day: Int, byMg: Double? = nil) -> Bool {
        if let rule = regimen.responseGuided, state.isResponseGuided, state.discontinuationDay == nil,
           regimen.taper.map({ day < $0.startDay }) ?? true {
            stepDown(&state, day: day, byMg: byMg ?? rule.stepDownMgPerDay)
            return true
        }
        guard let mg = byMg ?? regimen.sideEffectReductionMg else { return false }
        state.reduceBy(mg, currentMgPerDay: dosingMgPerDay(day: day, state: state))
        return true
    }

    /// Stops the drug from `day` on, following `shape` (default: the regimen's discontinuation
    /// taper) from the daily dose of the day before (or of `day` itself when it is day 0; the
    /// dose the subject was on when that day is in a planned interruption). Later calls are
    /// ignored.
    public func discontinue(_ state: inout RegimenState, day: Int, shape: EarlyStopShape = .regimenDiscontinuation) {
        guard state.discontinuationDay == nil else { return }
        state.discontinuationStartMgPerDay = dosingMgPerDay(day: max(0, day - 1), state: state)
        state.discontinuationDay = day
        state.discontinuationShape = shape
    }
}
