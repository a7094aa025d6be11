/// The decisions of a titration to response (``ResponseGuidedTitration``) on one subject's
/// ``RegimenState``: pure functions of the state and of what the subject model reports, called
/// by the engine on rule days and on intolerable side effects.
extension RegimenSchedule {
    /// Applies the rule on `day`, before that day's doses, if `day` is a rule day.
    ///
    /// - Parameters:
    ///   - observation: the subject's drinking and craving over the criterion's window, the
    ///     days before `day` only.
    ///   - intolerableSideEffect: an intolerable side-effect episode is in progress (after the
    ///     day before).
    /// - Returns: what was decided; `.none` on other days, without the rule, after a planned
    ///   taper has started, or while the drug is stopped.
    /// - Complexity: O(1), no allocation.
    @discardableResult
    public func applyTitrationRule(_ state: inout RegimenState, day: Int, observation: ResponseObservation,
                                   intolerableSideEffect: Bool) -> TitrationDecision {
        guard let rule = regimen.responseGuided, state.isResponseGuided, day >= state.nextRuleDay else { return .none }
        if let taper = regimen.taper, day >= taper.startDay {
            state.nextRuleDay = .max
            return .none
        }
        state.nextRuleDay = day + rule.stepIntervalDays
        // Stopped (a side effect, leaving treatment): no decision, but the rule resumes if the
        // drug is restarted (`reinstate`).
        if let stopDay = state.discontinuationDay, stopDay <= day { return .none }
        if rule.response.isMet(by: observation) {
            state.lastResponseDay = day
            return .holdResponding
        }
        if let days = rule.stopWithoutResponseDays, day - state.lastResponseDay >= days {
            discontinue(&state, day: day)
            return .stopForNoResponse
        }
        if intolerableSideEffect || day < state.holdUntilDay || state.escalationLocked
            || state.guidedMgPerDay >= rule.ceilingMgPerDay {
            return .holdBlocked
        }
        state.guidedMgPerDay = min(rule.ceilingMgPerDay, state.guidedMgPerDay + rule.stepMgPerDay)
        if state.steppedDownSinceEscalation {
            state.reescalations += 1
            state.steppedDownSinceEscalation = false
        }
        return .escalate
    }

    /// Steps the subject's dose down by `mg` (never below the rule's start dose) from `day`,
    /// after an intolerable side effect; no escalation before `day + hold_days`. A step down
    /// once the re-escalations are used up is final: the dose is not raised again.
    public func stepDown(_ state: inout RegimenState, day: Int, byMg mg: Double) {
        guard let rule = regimen.responseGuided, state.isResponseGuided else { return }
        let lowered = max(rule.startMgPerDay, state.guidedMgPerDay - mg)
        if lowered < state.guidedMgPerDay {
            state.guidedMgPerDay = lowered
            state.stepDowns += 1
        }
        state.holdUntilDay = max(state.holdUntilDay, day + rule.holdAfterStepDownDays)
        if state.reescalations >= rule.maxReescalations {
            state.escalationLocked = true
        } else {
            state.steppedDownSinceEscalation = true
        }
    }
}
