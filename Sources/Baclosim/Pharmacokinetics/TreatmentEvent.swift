/// A change to a subject's treatment that a day's stages decide and one owner applies to the
/// regimen (`CohortSimulator`'s `apply(_:arm:schedule:fromRegimenDay:)`): stages never write a
/// ``RegimenState`` themselves.
///
/// - `leaveTreatment`: the subject left treatment (a drinking state that ends it, e.g. dropout):
///   no more doses, stopped abruptly whatever the regimen's discontinuation says.
/// - `reduceDose`: an intolerable side effect lowers the dose (``RegimenSchedule/reduceDose(_:day:byMg:)``).
/// - `stop`: an early stop, shaped as the consequence asks (``RegimenSchedule/discontinue(_:day:shape:)``).
/// - `reinstate`: severe withdrawal after an early stop restarts the drug
///   (``RegimenSchedule/reinstate(_:day:)``).
enum TreatmentEvent: Equatable {
    case leaveTreatment
    case reduceDose(byMg: Double?)
    case stop(EarlyStopShape)
    case reinstate
}

extension RegimenState {
    /// Leaves treatment from `day`: an abrupt stop from 0 mg/day (no discontinuation taper, not a
    /// `steps` discontinuation's fixed doses), replacing any early stop already planned.
    mutating func leaveTreatment(day: Int) {
        discontinuationDay = day
        discontinuationStartMgPerDay = 0
        discontinuationShape = .abrupt
    }
}

extension TreatmentEvent {
    /// Applies the event to `state` from regimen day `day`, under the arm's `schedule` (`nil` in
    /// an arm without a drug). Returns whether it took effect: leaving treatment always does;
    /// a dose reduction or stop whenever there is a schedule (a reduction without a reduction
    /// rule leaves the doses as they are but still counts as the prescriber's decision); a
    /// reinstatement only after an early stop that has begun.
    func apply(to state: inout RegimenState, schedule: RegimenSchedule?, day: Int) -> Bool {
        switch self {
        case .leaveTreatment:
            state.leaveTreatment(day: day)
            return true
        case .reduceDose(let mg):
            guard let schedule else { return false }
            schedule.reduceDose(&state, day: day, byMg: mg)
            return true
        case .stop(let shape):
            guard let schedule else { return false }
            schedule.discontinue(&state, day: day, shape: shape)
            return true
        case .reinstate:
            return schedule?.reinstate(&state, day: day) ?? false
        }
    }
}
