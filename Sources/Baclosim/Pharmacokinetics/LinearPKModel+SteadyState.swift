import Foundation

extension LinearPKModel {
    /// Exact steady state of `doseMg` given every `intervalH` hours by `route`, and its exposure
    /// over one dosing interval.
    ///
    /// Closed form, no long simulation: if u is the state one interval after a single dose from
    /// empty, the state just before a dose at steady state is z = Σₙ Φ(τ)ⁿ u = (I − Φ(τ))⁻¹ u,
    /// the matrix form of the geometric-series accumulation factor 1/(1 − e^{−λτ}) of each
    /// exponential. (I − Φ) is block lower triangular (gut, central/peripheral, metabolite), so
    /// z comes from a forward substitution: the gut factor is exactly 1/(1 − e^{−KAτ}), the 1-cmt
    /// central one 1/(1 − e^{−kτ}), and coincident rates (KA = k) need no special case.
    /// With a lag, the input lands TLAG after each dose; an infusion must not outlast τ.
    public func steadyState(doseMg: Double, intervalH tau: Double, route: DoseRoute = .oral, analyte: PKAnalyte = .parent) throws(PKError) -> SteadyStateExposure {
        try requireAnalyte(analyte)
        guard tau.isFinite && tau > 0 else {
            throw .invalidSchedule("dosing interval must be > 0 h (found \(tau))")
        }
        let dose = DoseEvent(timeH: 0, amountMg: doseMg, route: route)
        try validateDoses(CollectionOfOne(dose))
        let period = transition(overH: tau, includeIntegrals: false)

        // u: one interval after a single input at the input time (the frame where inputs sit at 0).
        var single = LinearPKState.empty
        var inputOffsetH = 0.0   // input time after the dose time, modulo τ
        switch route {
        case .oral:
            single.gutMg = bioavailability * doseMg
            single = period.apply(to: single)
            inputOffsetH = lagTimeH.truncatingRemainder(dividingBy: tau)
        case .ivBolus:
            single.centralMg = doseMg
            single = period.apply(to: single)
        case .infusion(let durationH):
            guard durationH <= tau else {
                throw .invalidSchedule("infusion duration \(durationH) h exceeds the dosing interval \(tau) h")
            }
            let rate = doseMg / durationH
            single = transition(overH: durationH, includeIntegrals: false).apply(to: single, infusionRateMgPerH: rate)
            single = transition(overH: tau - durationH, includeIntegrals: false).apply(to: single)
        }
        var preInput = accumulate(single, period: period, intervalH: tau)

        // Move from the input time back to the dose time: z(dose) = Φ(τ − θ)·(z(input) + input).
        var doses = [dose]
        if case .oral = route {
            if inputOffsetH > 0 {
                preInput.gutMg += bioavailability * doseMg
                preInput = transition(overH: tau - inputOffsetH, includeIntegrals: false).apply(to: preInput)
            }
            // The input inside [0, τ) lands at θ = TLAG mod τ, from a dose taken TLAG earlier
            // (at −TLAG exactly when θ = 0, so that it lands at 0 without rounding).
            doses = [DoseEvent(timeH: inputOffsetH - lagTimeH, amountMg: doseMg, route: .oral)]
        }
        let preDose = preInput
        var state = preDose
        let exposure = try advance(&state, fromH: 0, toH: tau, doses: doses, analyte: analyte)
        return SteadyStateExposure(
            preDoseState: preDose,
            troughMgPerL: concentration(of: preDose, analyte: analyte),
            cmaxMgPerL: exposure.cmaxMgPerL,
            tmaxAfterDoseH: exposure.tmaxH,
            cminMgPerL: exposure.cminMgPerL,
            cavgMgPerL: exposure.cavgMgPerL,
            aucTauMgHPerL: exposure.aucMgHPerL
        )
    }

    /// Solves (I − Φ(τ))·z = u by forward substitution over the block lower-triangular structure.
    func accumulate(_ u: LinearPKState, period: LinearPKTransition, intervalH tau: Double) -> LinearPKState {
        var z = LinearPKState.empty
        if hasAbsorption {
            z.gutMg = u.gutMg / -expm1(-absorptionRatePerH * tau)
        }
        let c = period.centralRow, p = period.peripheralRow
        let rhsCentral = u.centralMg + c.gut * z.gutMg
        if isTwoCompartment {
            let rhsPeripheral = u.peripheralMg + p.gut * z.gutMg
            let a11 = 1 - c.central, a12 = -c.peripheral
            let a21 = -p.central, a22 = 1 - p.peripheral
            let determinant = a11 * a22 - a12 * a21
            z.centralMg = (rhsCentral * a22 - a12 * rhsPeripheral) / determinant
            z.peripheralMg = (a11 * rhsPeripheral - a21 * rhsCentral) / determinant
        } else {
            z.centralMg = rhsCentral / -expm1(-alpha * tau)
        }
        if hasMetabolite {
            let m = period.metaboliteRow
            let rhs = u.metaboliteMg + m.gut * z.gutMg + m.central * z.centralMg + m.peripheral * z.peripheralMg
            z.metaboliteMg = rhs / -expm1(-metaboliteRatePerH * tau)
        }
        return z
    }
}
