/// A treatment-course event of one arm (`course:` in a scenario arm, Scenarios/README.md): on a
/// criterion read from the subject's own days, the subject gets another arm's treatment from the
/// next day on (a switch to a rescue or open-label arm), or this arm's own treatment again from
/// its day 0 with its own titration (a restart, e.g. re-treatment after relapse once a planned
/// course has ended). Every event is recorded (`treatment_switched`, `treatment_restarted`,
/// `days_to_treatment_change`), and ``endpoints`` says how the trial's endpoints count the
/// subject after it.
struct TreatmentCourseRule: Sendable, Equatable {
    /// What starts the event.
    var trigger: CourseTrigger
    /// The first study day the criterion is read on (days before it do not count toward it).
    var fromDay: Int
    /// The criterion reads only days without a prescribed dose (after a planned or early stop,
    /// or in a planned interruption): re-treatment after relapse once a course has ended.
    var whileOffDrug = false
    /// The arm whose treatment the subject gets: its drug, regimen (from its day 0), effect,
    /// side-effect and withdrawal models, hazard ratio and psychosocial therapy. This arm's own
    /// name restarts its treatment.
    var targetArm: String
    /// Most times the rule fires for one subject (≥ 1).
    var maxTimes: Int
    /// How endpoints count the subject from the event on.
    var endpoints: CourseEndpointConvention
    /// The rule gives its own `heavy_day_drinks`; else heavy days are the drinking model's.
    var heavyThresholdGiven = false

    /// The rule with heavy days counted by `threshold` unless it gives its own.
    func withDefaultHeavyThreshold(_ threshold: HeavyDrinkingThreshold) -> TreatmentCourseRule {
        guard !heavyThresholdGiven, case .relapse(var relapse) = trigger, relapse.heavyDays != nil else { return self }
        relapse.heavyDays?.threshold = threshold
        var rule = self
        rule.trigger = .relapse(relapse)
        return rule
    }

    /// The relapse definition of a relapse trigger, or `nil`.
    var relapse: RelapseDefinition? {
        if case .relapse(let relapse) = trigger { return relapse }
        return nil
    }
}

/// What starts a treatment-course event.
enum CourseTrigger: Sendable, Equatable {
    /// The first day a relapse definition is met, counting days from the rule's `fromDay` (or
    /// from the last course event, whichever is later), the event day's drinking included: the
    /// new treatment starts the next day.
    case relapse(RelapseDefinition)
    /// The arm's titration to response reaches its stopping rule (`stop_without_response_weeks`):
    /// instead of stopping the drug, the subject gets the target's treatment from that rule day.
    case noResponse
}

/// How the trial's endpoints count a subject after a treatment-course event.
enum CourseEndpointConvention: String, Sendable, Equatable, CaseIterable {
    /// The subject's days after the event are observed as simulated (the treatment-policy view:
    /// what happens under the new treatment counts).
    case asObserved = "as_observed"
    /// The event ends observation, as a dropout would: from its first day, each endpoint's own
    /// missing-data convention applies (`dropout_is_failure` counts the switcher as a failure,
    /// `observed_only` leaves the days out), and dropout and retention endpoints count it.
    case asDropout = "as_dropout"
}
