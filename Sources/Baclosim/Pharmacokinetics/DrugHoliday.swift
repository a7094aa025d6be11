/// A planned treatment interruption: no dose on days `startDay ..< startDay + days` of the
/// regimen, after which the subject resumes the dose the regimen then gives (the protocol's
/// clock keeps running through it). Day numbers are regimen days (day 0 = the first day of
/// this course of the drug).
///
/// Planned interruptions are used in practice to check whether a maintenance drug is still
/// needed and, in trials, to study withdrawal after exposure; the engine's withdrawal and PK
/// models see the missing doses as they would any other.
public struct DrugHoliday: Sendable, Equatable {
    /// First day without a dose (regimen day, ≥ 0).
    public var startDay: Int
    /// Number of days without a dose (≥ 1).
    public var days: Int

    /// A holiday of `days` days from regimen day `startDay`.
    public init(startDay: Int, days: Int) {
        self.startDay = startDay
        self.days = days
    }

    /// Whether regimen day `day` falls in the holiday.
    public func contains(_ day: Int) -> Bool { day >= startDay && day - startDay < days }
}
