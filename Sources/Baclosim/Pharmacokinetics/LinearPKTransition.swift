/// One row of the exact transition: how one compartment's amount at time h depends on the
/// state at 0 and on a constant infusion rate over [0, h). Also used for time integrals.
struct ResponseRow: Sendable, Hashable {
    /// Coefficients on G, A1, A2, M (dimensionless for amounts, h for integrals).
    var gut = 0.0, central = 0.0, peripheral = 0.0, metabolite = 0.0
    /// Coefficient on the infusion rate R (h for amounts, h² for integrals).
    var rate = 0.0

    /// The row applied to a state and rate.
    @inline(__always)
    func apply(_ x: LinearPKState, rate r: Double = 0) -> Double {
        gut * x.gutMg + central * x.centralMg + peripheral * x.peripheralMg + metabolite * x.metaboliteMg + rate * r
    }
}

/// The exact transition of a `LinearPKModel` over a fixed interval h, with an optional constant
/// infusion rate, precomputed so the hot loop costs a few multiply-adds per compartment.
///
/// `x(h) = Φ(h)·x(0) + Γ(h)·R`, and (when built with integrals) `∫₀ʰ A1 dt` and `∫₀ʰ M dt` as
/// row vectors on the same inputs. Each coefficient is a positive combination of exponential
/// convolutions (see `ExponentialConvolution`); from the Laplace transfer functions, with
/// c1 = k21 − β and c2 = k10 + k12 − β:
///
///     A1←A1 = E(α) + c1·E(α,β)          A1←A2 = k21·E(α,β)
///     A2←A1 = k12·E(α,β)                A2←A2 = E(α) + c2·E(α,β)
///     A1←G  = KA·[E(KA,α) + c1·E(KA,α,β)]          A2←G = KA·k12·E(KA,α,β)
///     M←A1  = fm·k10·[E(α,km) + c1·E(α,β,km)] …   (1-cmt: c1 = 0, only E(α…) terms)
///
/// A response to a constant rate, or a time integral, adds a rate 0 to each E.
struct LinearPKTransition: Sendable, Hashable {
    /// The interval h (h).
    let intervalH: Double
    /// e^{−KA·h}.
    let gutDecay: Double
    let centralRow: ResponseRow
    let peripheralRow: ResponseRow
    let metaboliteRow: ResponseRow
    /// ∫₀ʰ A1 dt and ∫₀ʰ M dt as rows (mg·h); zero when built without integrals.
    let centralIntegralRow: ResponseRow
    let metaboliteIntegralRow: ResponseRow
    let isTwoCompartment: Bool
    let hasMetabolite: Bool

    /// Precomputes the transition of `model` over `intervalH` (h ≥ 0).
    init(model: LinearPKModel, intervalH h: Double, includeIntegrals: Bool = true) {
        assert(h >= 0)
        intervalH = h
        isTwoCompartment = model.isTwoCompartment
        hasMetabolite = model.hasMetabolite
        gutDecay = model.hasAbsorption ? ExponentialConvolution.one(model.absorptionRatePerH, h) : 1
        centralRow = model.centralRow(h, extraZeroRates: 0)
        peripheralRow = model.peripheralRow(h)
        metaboliteRow = model.hasMetabolite ? model.metaboliteRow(h, extraZeroRates: 0) : ResponseRow()
        if includeIntegrals {
            centralIntegralRow = model.centralRow(h, extraZeroRates: 1)
            metaboliteIntegralRow = model.hasMetabolite ? model.metaboliteRow(h, extraZeroRates: 1) : ResponseRow()
        } else {
            centralIntegralRow = ResponseRow()
            metaboliteIntegralRow = ResponseRow()
        }
    }

    /// The state after the interval, from `x` at its start and a constant infusion `rate` (mg/h).
    @inline(__always)
    func apply(to x: LinearPKState, infusionRateMgPerH rate: Double = 0) -> LinearPKState {
        var next = LinearPKState(gutMg: gutDecay * x.gutMg, centralMg: centralRow.apply(x, rate: rate))
        if isTwoCompartment {
            next.peripheralMg = peripheralRow.apply(x, rate: rate)
        }
        if hasMetabolite {
            next.metaboliteMg = metaboliteRow.apply(x, rate: rate)
        }
        return next
    }

    /// ∫ over the interval of the analyte's amount (mg·h), from `x` at its start and `rate`.
    @inline(__always)
    func integral(of analyte: PKAnalyte, from x: LinearPKState, infusionRateMgPerH rate: Double = 0) -> Double {
        switch analyte {
        case .parent: centralIntegralRow.apply(x, rate: rate)
        case .metabolite: metaboliteIntegralRow.apply(x, rate: rate)
        }
    }
}

extension LinearPKModel {
    typealias E = ExponentialConvolution

    /// Exact transition over `intervalH` hours (see `LinearPKTransition`).
    func transition(overH intervalH: Double, includeIntegrals: Bool = true) -> LinearPKTransition {
        LinearPKTransition(model: self, intervalH: intervalH, includeIntegrals: includeIntegrals)
    }

    /// Central-amount row at time t; with `extraZeroRates` = 1 it is the row of ∫₀ᵗ A1.
    func centralRow(_ t: Double, extraZeroRates: Int) -> ResponseRow {
        let a = alpha, b = beta, ka = absorptionRatePerH, c1 = centralExcessRate
        var row = ResponseRow()
        if extraZeroRates == 0 {
            if isTwoCompartment {
                let eab = E.two(a, b, t)
                row.central = E.one(a, t) + c1 * eab
                row.peripheral = k21 * eab
                row.rate = E.two(0, a, t) + c1 * E.three(0, a, b, t)
                if hasAbsorption { row.gut = ka * (E.two(ka, a, t) + c1 * E.three(ka, a, b, t)) }
            } else {
                row.central = E.one(a, t)
                row.rate = E.two(0, a, t)
                if hasAbsorption { row.gut = ka * E.two(ka, a, t) }
            }
        } else {
            if isTwoCompartment {
                let e0ab = E.three(0, a, b, t)
                row.central = E.two(0, a, t) + c1 * e0ab
                row.peripheral = k21 * e0ab
                row.rate = E.three(0, 0, a, t) + c1 * E.four(0, 0, a, b, t)
                if hasAbsorption { row.gut = ka * (E.three(0, ka, a, t) + c1 * E.four(0, ka, a, b, t)) }
            } else {
                row.central = E.two(0, a, t)
                row.rate = E.three(0, 0, a, t)
                if hasAbsorption { row.gut = ka * E.three(0, ka, a, t) }
            }
        }
        return row
    }

    /// Peripheral-amount row at time t (identity on A2 for 1-cmt, where A2 stays 0).
    func peripheralRow(_ t: Double) -> ResponseRow {
        guard isTwoCompartment else { return ResponseRow(peripheral: 1) }
        let a = alpha, b = beta, ka = absorptionRatePerH
        let eab = E.two(a, b, t)
        var row = ResponseRow()
        row.central = k12 * eab
        row.peripheral = E.one(a, t) + peripheralExcessRate * eab
        row.rate = k12 * E.three(0, a, b, t)
        if hasAbsorption { row.gut = ka * k12 * E.three(ka, a, b, t) }
        return row
    }

    /// Metabolite-amount row at time t; with `extraZeroRates` = 1 it is the row of ∫₀ᵗ M.
    func metaboliteRow(_ t: Double, extraZeroRates: Int) -> ResponseRow {
        let a = alpha, b = beta, ka = absorptionRatePerH, c1 = centralExcessRate
        let kf = formationRatePerH, km = metaboliteRatePerH
        var row = ResponseRow()
        // Rates as a list: extra zeros (integration) followed by the path's own rates.
        func conv(_ r0: Double, _ r1: Double, _ r2: Double? = nil, _ r3: Double? = nil) -> Double {
            var rates = SIMD8<Double>(repeating: 0)
            var n = extraZeroRates
            rates[n] = r0; n += 1
            rates[n] = r1; n += 1
            if let r2 { rates[n] = r2; n += 1 }
            if let r3 { rates[n] = r3; n += 1 }
            return E.value(rates, count: n, t)
        }
        func single(_ r: Double) -> Double {
            extraZeroRates == 0 ? E.one(r, t) : E.two(0, r, t)
        }
        row.metabolite = single(km)
        if isTwoCompartment {
            let eabm = conv(a, b, km)
            row.central = kf * (conv(a, km) + c1 * eabm)
            row.peripheral = kf * k21 * eabm
            row.rate = kf * (conv(0, a, km) + c1 * conv(0, a, b, km))
            if hasAbsorption { row.gut = kf * ka * (conv(ka, a, km) + c1 * conv(ka, a, b, km)) }
        } else {
            row.central = kf * conv(a, km)
            row.rate = kf * conv(0, a, km)
            if hasAbsorption { row.gut = kf * ka * conv(ka, a, km) }
        }
        return row
    }

    /// The analyte's row at time t (no integrals): its amount = row · x(0) + row.rate · R.
    @inline(__always)
    func analyteRow(_ analyte: PKAnalyte, _ t: Double) -> ResponseRow {
        switch analyte {
        case .parent: centralRow(t, extraZeroRates: 0)
        case .metabolite: metaboliteRow(t, extraZeroRates: 0)
        }
    }

    /// The analyte's amount (mg) in a state.
    @inline(__always)
    func analyteAmount(_ analyte: PKAnalyte, _ x: LinearPKState) -> Double {
        analyte == .parent ? x.centralMg : x.metaboliteMg
    }
}
