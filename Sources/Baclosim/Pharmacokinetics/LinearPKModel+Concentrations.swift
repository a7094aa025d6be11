extension LinearPKModel {
    /// Exact concentrations (mg/L) of `analyte` at `timesH` for a schedule of `doses`, starting
    /// drug-naive before the first input. The profile is right-continuous: at the time of an
    /// IV bolus it reports the post-dose value. `timesH` need not be sorted; results follow it.
    ///
    /// For `baclosim pk` and tests, not the per-subject-day loop (it allocates the result).
    public func concentrations(at timesH: [Double], doses: [DoseEvent], analyte: PKAnalyte = .parent) throws(PKError) -> [Double] {
        try requireAnalyte(analyte)
        try validateDoses(doses)
        guard let firstTime = timesH.min() else { return [] }
        guard timesH.allSatisfy(\.isFinite) else {
            throw .invalidSchedule("concentration times must be finite")
        }
        var current = firstTime
        for dose in doses {
            current = min(current, impulseTimeH(of: dose) ?? dose.timeH)
        }
        var state = LinearPKState.empty
        var tracker = ExposureTracker()
        var result = [Double](repeating: 0, count: timesH.count)
        for index in timesH.indices.sorted(by: { timesH[$0] < timesH[$1] }) {
            let t = timesH[index]
            if t > current {
                walk(&state, fromH: current, toH: t, doses: doses, analyte: analyte, tracker: &tracker, tracking: false)
                current = t
            }
            var atT = state
            for dose in doses where impulseTimeH(of: dose) == t {
                applyImpulse(of: dose, to: &atT)
            }
            result[index] = concentration(of: atT, analyte: analyte)
        }
        return result
    }
}
