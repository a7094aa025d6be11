/// A ``TreatmentCourseRule`` as the day loop reads it: trivially copyable, the target resolved
/// to an arm index. Held in one flat list for all arms (`CohortSimulator`), each arm's rules a
/// contiguous range in its order of precedence.
struct CompiledCourseRule: Sendable, Equatable {
    /// The relapse criterion (a relapse trigger), or `nil` for the no-response trigger.
    var relapse: RelapseDefinition?
    /// The first study day the criterion is read on.
    var fromDay: Int
    /// The criterion reads only days without a prescribed dose.
    var whileOffDrug: Bool
    /// The arm whose treatment the subject gets.
    var targetArm: Int
    /// Most times the rule fires per subject.
    var maxTimes: Int
    /// The event ends observation for the endpoints (``CourseEndpointConvention/asDropout``).
    var endsObservation: Bool

    /// `rule` with its target looked up in `armIndex` (validated: present).
    init(_ rule: TreatmentCourseRule, armIndex: [String: Int]) {
        relapse = rule.relapse
        fromDay = rule.fromDay
        whileOffDrug = rule.whileOffDrug
        targetArm = armIndex[rule.targetArm] ?? 0
        maxTimes = rule.maxTimes
        endsObservation = rule.endpoints == .asDropout
    }
}

/// Where the treatment-course outputs are in the layout (with `course:` rules in some arm):
/// three consecutive metrics.
struct CourseMetricIndices: Sendable, Equatable {
    /// `treatment_switched`: the subject got another arm's treatment at least once.
    let switched: Int
    /// `treatment_restarted`: the subject restarted the arm's own treatment at least once.
    let restarted: Int
    /// `days_to_treatment_change`: the first day on the new treatment (NaN without an event).
    let daysToChange: Int

    init(first: Int) {
        switched = first
        restarted = first + 1
        daysToChange = first + 2
    }

    static let names = OutputNames.course

    /// The metrics, in layout order.
    static var specs: [MetricSpec] {
        [MetricSpec(names[0], kind: .proportion), MetricSpec(names[1], kind: .proportion), MetricSpec(names[2])]
    }
}
