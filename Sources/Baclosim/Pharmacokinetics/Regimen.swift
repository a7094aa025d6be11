/// A dosing regimen as data: when doses are given within a day, how the daily dose rises
/// (titration), where it settles (maintenance), how it comes down (taper), how it is split into
/// what can be given (tablets), and the limits on it (daily cap, renal rule, reduction after an
/// intolerable side effect).
///
/// Day numbers count from 0 (the first treatment day). All doses are daily totals in mg/day
/// unless a name says per dose. A `Regimen` describes the protocol; ``RegimenSchedule`` compiles
/// it for a horizon into the allocation-free per-day lookup the engine calls, and
/// ``RegimenState`` holds what differs between subjects (renal band, dose reductions,
/// discontinuation).
///
/// Order in which a day's dose is made (see ``RegimenSchedule/targetMgPerDay(day:state:)``):
/// protocol dose (titration → maintenance → scheduled taper) → renal rule → reduction ceiling
/// after intolerable side effects → daily cap → split over the dose times (with tablet rounding);
/// nothing on a day of a planned interruption (``holidays``).
public struct Regimen: Sendable, Equatable {
    /// Clock times of the doses within a day, in hours after midnight, strictly increasing in
    /// `[0, 24)`; at most ``maximumDosesPerDay``. Default 08:00, 14:00, 20:00.
    public var doseTimesH: [Double]
    /// Titration steps from day 0, in order; each holds for its number of days.
    public var titration: [DoseStep]
    /// Daily dose after titration (mg/day), held until a taper starts.
    public var maintenanceMgPerDay: Double
    /// A taper planned in the protocol (starting on a fixed day), or `nil` for none.
    public var taper: Taper?
    /// How the drug is stopped when the run discontinues it early (for example after a serious
    /// side effect): abrupt, or one of the taper shapes, starting from the dose then given.
    public var discontinuation: TaperKind
    /// Tablet strengths the doses are rounded to, or `nil` to split the daily dose exactly
    /// equally (for example an oral solution).
    public var tablets: TabletStrengths?
    /// The daily-dose cap, or `nil` for none.
    public var cap: DailyDoseCap?
    /// Dose adjustment by creatinine clearance band, or `nil` for none.
    public var renalRule: RenalDoseRule?
    /// The daily dose removed after each intolerable side effect (mg/day), or `nil` when the
    /// protocol does not reduce doses (the run then decides, e.g. discontinuation).
    public var sideEffectReductionMg: Double?
    /// Titration to response and tolerability instead of fixed `titration` steps and a
    /// `maintenanceMgPerDay` (which is then unused), or `nil` for a fixed schedule.
    public var responseGuided: ResponseGuidedTitration?
    /// Planned interruptions (no dose on their days; the protocol's clock runs on), in any order.
    public var holidays: [DrugHoliday]
    /// Targeted dosing on days the subject expects to drink, instead of `titration` and a
    /// `maintenanceMgPerDay` (then unused), or `nil` for a daily schedule.
    public var asNeeded: AsNeededDosing?

    /// "Three times daily in evenly spaced intervals throughout the waking hours" (seed article):
    /// 08:00, 14:00, 20:00 (docs/model.md#4-regimens).
    public static let defaultDoseTimesH: [Double] = [8, 14, 20]

    /// Storage limit of ``DailyDoses``; more dose times per day are a validation error.
    public static let maximumDosesPerDay = 8

    /// Creates a regimen; check it with ``validate(horizonDays:)`` before use.
    public init(
        doseTimesH: [Double] = Regimen.defaultDoseTimesH,
        titration: [DoseStep] = [],
        maintenanceMgPerDay: Double,
        taper: Taper? = nil,
        discontinuation: TaperKind = .abrupt,
        tablets: TabletStrengths? = nil,
        cap: DailyDoseCap? = nil,
        renalRule: RenalDoseRule? = nil,
        sideEffectReductionMg: Double? = nil,
        responseGuided: ResponseGuidedTitration? = nil,
        holidays: [DrugHoliday] = [],
        asNeeded: AsNeededDosing? = nil
    ) {
        self.doseTimesH = doseTimesH
        self.titration = titration
        self.maintenanceMgPerDay = maintenanceMgPerDay
        self.taper = taper
        self.discontinuation = discontinuation
        self.tablets = tablets
        self.cap = cap
        self.renalRule = renalRule
        self.sideEffectReductionMg = sideEffectReductionMg
        self.responseGuided = responseGuided
        self.holidays = holidays
        self.asNeeded = asNeeded
    }

    /// Whether regimen day `day` is in a planned interruption (no dose).
    public func isHoliday(day: Int) -> Bool {
        holidays.contains { $0.contains(day) }
    }

    /// Number of doses per day (the slots of a day).
    public var dosesPerDay: Int { doseTimesH.count }

    /// First day after titration (the sum of the titration steps' days).
    public var titrationDays: Int {
        titration.reduce(0) { $0 + $1.days }
    }

    /// The protocol's daily dose on `day` (mg/day) before any subject-specific adjustment
    /// (renal rule, reductions, cap, tablet rounding). Days before 0 give 0.
    ///
    /// - Complexity: O(number of titration and taper steps); no allocation.
    public func protocolDailyDoseMg(day: Int) -> Double {
        guard day >= 0 else { return 0 }
        if let taper, day >= taper.startDay {
            let startMgPerDay = preTaperDailyDoseMg(day: max(0, taper.startDay - 1))
            return taper.kind.dailyDoseMg(startingFromMgPerDay: startMgPerDay, taperDay: day - taper.startDay)
        }
        return preTaperDailyDoseMg(day: day)
    }

    /// Titration, then maintenance, ignoring any taper. With titration to response: its start
    /// dose (a subject's own dose is in its ``RegimenState``). As needed: the dose of a day it
    /// is indicated.
    func preTaperDailyDoseMg(day: Int) -> Double {
        if let responseGuided { return responseGuided.startMgPerDay }
        if let asNeeded { return asNeeded.doseMg }
        var stepEnd = 0
        for step in titration {
            stepEnd += step.days
            if day < stepEnd { return step.mgPerDay }
        }
        return maintenanceMgPerDay
    }

    /// The largest protocol daily dose (mg/day): titration steps, maintenance (when reached
    /// before any taper) and taper steps.
    public var maximumProtocolMgPerDay: Double {
        var highest = titration.map(\.mgPerDay).max() ?? 0
        if let responseGuided {
            highest = responseGuided.ceilingMgPerDay
        } else if let asNeeded {
            highest = asNeeded.doseMg
        } else if taper.map({ $0.startDay > titrationDays }) ?? true {
            highest = max(highest, maintenanceMgPerDay)
        }
        if let taper, case .steps(let steps) = taper.kind {
            highest = max(highest, steps.map(\.mgPerDay).max() ?? 0)
        }
        return highest
    }

    /// Whether the protocol asks for more than the daily cap on some day. Such a regimen is valid
    /// only with ``DailyDoseCap/supervisedException``; runs report it.
    public var exceedsCap: Bool {
        guard let cap else { return false }
        return maximumProtocolMgPerDay > cap.maxMgPerDay + DailyDoseCap.toleranceMg
    }
}

/// One titration (or explicit taper) step: a daily dose held for a number of days.
public struct DoseStep: Sendable, Equatable {
    /// Number of days the step lasts (≥ 1).
    public var days: Int
    /// Daily dose during the step (mg/day, ≥ 0).
    public var mgPerDay: Double

    /// Creates a step of `days` days at `mgPerDay` mg/day.
    public init(days: Int, mgPerDay: Double) {
        self.days = days
        self.mgPerDay = mgPerDay
    }
}

/// One dose to give: its time since the start of day 0 and its amount. The PK layer turns it
/// into its own dose event (route, duration); this type keeps the regimen free of that layer.
public struct ScheduledDose: Sendable, Equatable {
    /// Time of the dose in hours since 00:00 of day 0.
    public var timeH: Double
    /// Amount given (mg).
    public var amountMg: Double

    /// Creates a dose of `amountMg` mg at `timeH` hours.
    public init(timeH: Double, amountMg: Double) {
        self.timeH = timeH
        self.amountMg = amountMg
    }
}
