/// Restarting a drug after an early discontinuation (withdrawal symptoms severe enough that the
/// clinician reinstates it: Leo & Baer 2005 report reinstatement in 43.5% of 23 oral cases).
extension RegimenSchedule {
    /// Cancels the subject's early discontinuation from `day` on: the protocol dose (with the
    /// renal rule, any reduction ceiling and the cap) applies again, so the subject is back on the
    /// dose the protocol gives on `day`. Returns `false` (and changes nothing) when the drug was not
    /// discontinued early, or the discontinuation starts after `day`; a protocol that itself ends
    /// in a taper or stop is not overridden.
    @discardableResult
    public func reinstate(_ state: inout RegimenState, day: Int) -> Bool {
        guard let stopDay = state.discontinuationDay, stopDay <= day else { return false }
        state.discontinuationDay = nil
        state.discontinuationStartMgPerDay = 0
        state.discontinuationShape = .regimenDiscontinuation
        return true
    }
}
