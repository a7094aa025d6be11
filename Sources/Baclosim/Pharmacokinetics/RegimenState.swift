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
    /// Titration to response (``ResponseGuidedTitration``): the subject's current daily dose
    /// before the renal rule and cap (mg/day); 0 for a regimen without the rule.
    public internal(set) var guidedMgPerDay = 0.0
    /// Next rule day (`Int.max` without the rule, or once it no longer applies).
    public internal(set) var nextRuleDay = Int.max
    /// No escalation before this day (the hold after a step down).
    public internal(set) var holdUntilDay = 0
    /// Step downs made by the rule so far.
    public internal(set) var stepDowns = 0
    /// Escalations made after a step down so far (≤ the rule's `maxReescalations`).
    public internal(set) var reescalations = 0
    /// A step down happened since the last escalation: the next escalation is a re-escalation.
    public internal(set) var steppedDownSinceEscalation = false
    /// No more escalation (a step down after the last re-escalation allowed).
    public internal(set) var escalationLocked = false
    /// Last rule day that found a response (0 before any), for the stopping rule.
    public internal(set) var lastResponseDay = 0

    /// A subject with no renal adjustment, no reductions and no discontinuation.
    public init(renalAction: RenalDoseAction? = nil) {
        self.renalAction = renalAction
        ceilingMgPerDay = .infinity
        reductionCount = 0
        discontinuationDay = nil
        discontinuationStartMgPerDay = 0
    }

    /// A subject starting a titration to response: `rule`'s start dose, first rule day after
    /// one step interval.
    init(renalAction: RenalDoseAction?, titration rule: ResponseGuidedTitration) {
        self.init(renalAction: renalAction)
        guidedMgPerDay = rule.startMgPerDay
        nextRuleDay = rule.stepIntervalDays
    }

    /// Whether the dose follows a titration to response (``ResponseGuidedTitration``).
    public var isResponseGuided: Bool { guidedMgPerDay > 0 }

    /// Whether the subject's dose was ever lowered: a reduction or a step down.
    public var hadDoseReduction: Bool { reductionCount > 0 || stepDowns > 0 }

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
