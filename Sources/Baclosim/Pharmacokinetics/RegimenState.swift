/// What the regimen does differently for one subject: the renal band that applies, dose
/// reductions after intolerable side effects, and an early discontinuation. Small and inline, so
/// the engine keeps one per subject and arm with no allocation. Make one with
/// ``RegimenSchedule/makeState(creatinineClearanceMLPerMin:)``.
public struct RegimenState: Sendable, Equatable {
    /// The renal band's action for this subject, or `nil` when no band applies.
    public internal(set) var renalAction: RenalDoseAction?
    /// Highest daily dose allowed after reductions (mg/day); `+infinity` before any.
    public internal(set) var ceilingMgPerDay: Double
    /// Number of reductions made so far.
    public internal(set) var reductionCount: Int
    /// First day of an early discontinuation, or `nil` while the protocol runs.
    public internal(set) var discontinuationDay: Int?
    /// Daily dose (mg/day) the discontinuation taper starts from.
    public internal(set) var discontinuationStartMgPerDay: Double
    /// How the early discontinuation brings the dose down.
    public internal(set) var discontinuationShape: EarlyStopShape = .regimenDiscontinuation

    /// A subject with no renal adjustment, no reductions and no discontinuation.
    public init(renalAction: RenalDoseAction? = nil) {
        self.renalAction = renalAction
        ceilingMgPerDay = .infinity
        reductionCount = 0
        discontinuationDay = nil
        discontinuationStartMgPerDay = 0
    }

    /// Whether the renal rule forbids the drug for this subject (eligibility should exclude them).
    public var isContraindicated: Bool {
        renalAction == .contraindicated
    }

    /// Lowers the ceiling to `currentMgPerDay − mg` (never below 0) after an intolerable side
    /// effect: from then on the subject gets at most that daily dose, so titration stops there and
    /// a later taper still comes down from it. `currentMgPerDay` is the daily dose being given
    /// (mg/day); ``RegimenSchedule/reduceDose(_:day:byMg:)`` looks it up for you.
    public mutating func reduceBy(_ mg: Double, currentMgPerDay: Double) {
        assert(mg >= 0, "a reduction removes a non-negative dose")
        ceilingMgPerDay = min(ceilingMgPerDay, max(0, currentMgPerDay - mg))
        reductionCount += 1
    }
}

/// How an early discontinuation brings the dose down (``RegimenSchedule/discontinue(_:day:shape:)``).
public enum EarlyStopShape: UInt8, Sendable, Equatable {
    /// The regimen's `discontinuation` taper (abrupt unless the regimen declares one).
    case regimenDiscontinuation
    /// At once, whatever the regimen declares (a side effect's `discontinue` action).
    case abrupt
    /// The arm's declared taper: the regimen's `discontinuation` when it is not abrupt, else the
    /// shape of its scheduled `taper` (a side effect's `taper` action).
    case declaredTaper
}
