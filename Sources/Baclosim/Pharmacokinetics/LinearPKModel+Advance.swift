extension LinearPKModel {
    /// Advances `state` exactly by `h` hours with a constant infusion `rate` (mg/h) and no other
    /// input. For a fixed h in a loop, build `transition(overH:)` once instead.
    public func advance(_ state: inout LinearPKState, byH h: Double, infusionRateMgPerH rate: Double = 0) {
        state = transition(overH: h, includeIntegrals: false).apply(to: state, infusionRateMgPerH: rate)
    }

    /// Time at which an impulse dose enters its compartment (h): t + TLAG for oral, t for an IV
    /// bolus; nil for an infusion (which is a rate, not an impulse).
    @inline(__always)
    func impulseTimeH(of dose: DoseEvent) -> Double? {
        switch dose.route {
        case .oral: dose.timeH + lagTimeH
        case .ivBolus: dose.timeH
        case .infusion: nil
        }
    }

    /// Adds an impulse dose to the state: F·amount to the gut (oral) or amount to the central
    /// compartment (IV bolus). Infusions are rates and are not applied here.
    @inline(__always)
    func applyImpulse(of dose: DoseEvent, to state: inout LinearPKState) {
        switch dose.route {
        case .oral: state.gutMg += bioavailability * dose.amountMg
        case .ivBolus: state.centralMg += dose.amountMg
        case .infusion: break
        }
    }

    /// Throws for the first dose this model cannot take (e.g. oral without KA), listing its problems.
    func validateDoses<Doses: Collection<DoseEvent>>(_ doses: Doses) throws(PKError) {
        for (index, dose) in doses.enumerated() {
            let problems = dose.problems(hasAbsorption: hasAbsorption)
            if !problems.isEmpty { throw .invalidDose(index: index, problems) }
        }
    }

    /// Exact exposure of `analyte` over [t0, t1) and the state at t1.
    ///
    /// `state` holds the amounts at t0 before any input that occurs at t0; on return it holds
    /// the amounts at t1 before any input at t1. `doses` may contain doses outside the interval:
    /// only inputs falling in [t0, t1) are applied (an oral dose enters at t + TLAG; an infusion
    /// contributes its rate over the part of [t, t + duration) inside the interval), so passing
    /// a whole schedule every day is correct. Doses need not be sorted.
    ///
    /// - Complexity: O(pieces × doses) plus one closed-form transition per piece; no allocation.
    public func advance<Doses: Collection<DoseEvent>>(
        _ state: inout LinearPKState,
        fromH t0: Double,
        toH t1: Double,
        doses: Doses,
        analyte: PKAnalyte = .parent
    ) throws(PKError) -> DailyExposure {
        try requireAnalyte(analyte)
        guard t0.isFinite, t1.isFinite, t1 > t0 else {
            throw .invalidSchedule("exposure interval must have t1 > t0 (found [\(t0), \(t1)))")
        }
        try validateDoses(doses)
        var tracker = ExposureTracker()
        walk(&state, fromH: t0, toH: t1, doses: doses, analyte: analyte, tracker: &tracker, tracking: true)
        return tracker.exposure(lengthH: t1 - t0)
    }

    /// The event-driven walk shared by `advance` and `concentrations`: splits [t0, t1) at every
    /// input time and applies the exact transition to each piece, observing exposure when
    /// `tracking` is true.
    func walk<Doses: Collection<DoseEvent>>(
        _ state: inout LinearPKState,
        fromH t0: Double,
        toH t1: Double,
        doses: Doses,
        analyte: PKAnalyte,
        tracker: inout ExposureTracker,
        tracking: Bool
    ) {
        var current = t0
        while current < t1 {
            var rate = 0.0
            var next = t1
            for dose in doses {
                if let inputTime = impulseTimeH(of: dose) {
                    if inputTime == current {
                        applyImpulse(of: dose, to: &state)
                    } else if inputTime > current && inputTime < next {
                        next = inputTime
                    }
                } else if case .infusion(let durationH) = dose.route {
                    let start = dose.timeH, stop = dose.timeH + durationH
                    if start <= current && current < stop { rate += dose.amountMg / durationH }
                    if start > current && start < next { next = start }
                    if stop > current && stop < next { next = stop }
                }
            }
            let piece = transition(overH: next - current, includeIntegrals: tracking)
            if tracking {
                advancePiece(&state, transition: piece, infusionRateMgPerH: rate, analyte: analyte, startH: current - t0, tracker: &tracker)
            } else {
                state = piece.apply(to: state, infusionRateMgPerH: rate)
            }
            current = next
        }
    }
}
