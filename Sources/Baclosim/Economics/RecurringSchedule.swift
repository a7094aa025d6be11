/// Treatment days on which something recurs: every `everyDays` days from `firstDay`, up to and
/// including `lastDay` (e.g. a monitoring visit every 28 days from day 0, or weekly visits on
/// days 0–27 of titration).
///
/// Days count from the start of treatment (treatment day 0 is the first day on treatment).
public struct RecurringSchedule: Sendable, Equatable {
    /// First occurrence (treatment day ≥ 0).
    public var firstDay: Int
    /// Interval in days (≥ 1), or nil for a single occurrence on `firstDay`.
    public var everyDays: Int?
    /// Last treatment day an occurrence may fall on, or nil for no end.
    public var lastDay: Int?

    /// Creates a schedule.
    public init(firstDay: Int, everyDays: Int?, lastDay: Int? = nil) {
        self.firstDay = firstDay
        self.everyDays = everyDays
        self.lastDay = lastDay
    }

    /// A single occurrence on `day`.
    public static func once(onDay day: Int) -> RecurringSchedule {
        RecurringSchedule(firstDay: day, everyDays: nil)
    }

    /// Whether an occurrence falls on treatment day `day`.
    @inline(__always)
    public func occurs(onTreatmentDay day: Int) -> Bool {
        guard day >= firstDay else { return false }
        if let lastDay, day > lastDay { return false }
        guard let everyDays else { return day == firstDay }
        return (day - firstDay) % everyDays == 0
    }

    /// Problems with the schedule, keys relative to it (`first_day`, `every_days`, `last_day`).
    func validate() -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        if firstDay < 0 {
            issues.append(ParameterProblem(keyPath: "first_day", problem: "must be ≥ 0 (found \(firstDay))",
                                        fix: "Count treatment days from 0, the first day on treatment."))
        }
        if let everyDays, everyDays < 1 {
            issues.append(ParameterProblem(keyPath: "every_days", problem: "must be ≥ 1 (found \(everyDays))",
                                        fix: "Give the interval in days, e.g. 28 for monthly, or remove the key for a single occurrence."))
        }
        if let lastDay, lastDay < firstDay {
            issues.append(ParameterProblem(keyPath: "last_day", problem: "must be ≥ first_day \(firstDay) (found \(lastDay))",
                                        fix: "Give the last treatment day an occurrence may fall on, or remove the key for no end."))
        }
        return issues
    }
}

/// A service delivered on a schedule at a unit cost (monitoring visits, laboratory tests,
/// psychosocial sessions).
public struct ScheduledService: Sendable, Equatable {
    /// Cost of one occurrence, in the model's currency.
    public var unitCost: Double
    /// When it occurs; a day on which several schedules coincide counts once.
    public var schedules: [RecurringSchedule]

    /// Creates a service.
    public init(unitCost: Double, schedules: [RecurringSchedule]) {
        self.unitCost = unitCost
        self.schedules = schedules
    }

    /// Never delivered, costs nothing.
    public static let none = ScheduledService(unitCost: 0, schedules: [])

    /// Whether the service is delivered on treatment day `day`.
    @inline(__always)
    public func occurs(onTreatmentDay day: Int) -> Bool {
        for schedule in schedules where schedule.occurs(onTreatmentDay: day) { return true }
        return false
    }

    /// Problems, keys relative to the service block (`unit_cost`, `schedule[i].…`).
    func validate() -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        if !(unitCost.isFinite && unitCost >= 0) {
            issues.append(ParameterProblem(keyPath: "unit_cost",
                                        problem: "must be a finite number ≥ 0 (found \(ParameterProblem.formatNumber(unitCost)))",
                                        fix: "Give the cost of one occurrence in the model's currency, e.g. 40."))
        }
        for (index, schedule) in schedules.enumerated() {
            issues += schedule.validate().map { $0.under("schedule[\(index)]") }
        }
        return issues
    }
}
