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
        guard let rule = regimen.responseGuided else { return .none }
        let decision = rule.decide(&state, day: day, observation: observation, intolerableSideEffect: intolerableSideEffect,
                                   taperStartDay: regimen.taper?.startDay ?? .max)
        if decision == .stopForNoResponse { discontinue(&state, day: day) }
        return decision
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

extension ResponseGuidedTitration {
    /// The rule's decision on `day` (``RegimenSchedule/applyTitrationRule(_:day:observation:intolerableSideEffect:)``
    /// without the schedule: the caller stops the drug on `.stopForNoResponse`). Pure and
    /// trivially copyable, so the engine calls it with no copy of the regimen.
    /// `taperStartDay`: the first day of the regimen's planned taper (`Int.max` for none).
    @inline(__always)
    func decide(_ state: inout RegimenState, day: Int, observation: ResponseObservation, intolerableSideEffect: Bool,
                taperStartDay: Int) -> TitrationDecision {
        guard state.isResponseGuided, day >= state.nextRuleDay else { return .none }
        if day >= taperStartDay {
            state.nextRuleDay = .max
            return .none
        }
        state.nextRuleDay = day + stepIntervalDays
        // Stopped (a side effect, leaving treatment): no decision, but the rule resumes if the
        // drug is restarted (`reinstate`).
        if let stopDay = state.discontinuationDay, stopDay <= day { return .none }
        if response.isMet(by: observation) {
            state.lastResponseDay = day
            return .holdResponding
        }
        if let days = stopWithoutResponseDays, day - state.lastResponseDay >= days {
            return .stopForNoResponse
        }
        if intolerableSideEffect || day < state.holdUntilDay || state.escalationLocked || state.guidedMgPerDay >= ceilingMgPerDay {
            return .holdBlocked
        }
        state.guidedMgPerDay = min(ceilingMgPerDay, state.guidedMgPerDay + stepMgPerDay)
        if state.steppedDownSinceEscalation {
            state.reescalations += 1
            state.steppedDownSinceEscalation = false
        }
        return .escalate
    }
}
