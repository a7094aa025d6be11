import Foundation

/// Up to four times (h), in increasing order; a fixed-size buffer so root finding never allocates.
struct RootList: Sendable {
    private(set) var values = SIMD4<Double>(repeating: 0)
    private(set) var count = 0

    subscript(index: Int) -> Double { values[index] }

    mutating func append(_ value: Double) {
        assert(count < 4)
        values[count] = value
        count += 1
    }
}

extension LinearPKModel {
    /// The rates (1/h) whose exponentials can appear in the analyte's amount: KA (oral), α and
    /// β (2-cmt) or k (1-cmt), and km for the metabolite.
    func modes(for analyte: PKAnalyte) -> (rates: SIMD4<Double>, count: Int) {
        var rates = SIMD4<Double>(repeating: 0)
        var count = 0
        if hasAbsorption { rates[count] = absorptionRatePerH; count += 1 }
        rates[count] = alpha; count += 1
        if isTwoCompartment { rates[count] = beta; count += 1 }
        if analyte == .metabolite { rates[count] = metaboliteRatePerH; count += 1 }
        return (rates, count)
    }

    /// Exact exposure bookkeeping for one between-event piece of length `transition.intervalH`
    /// starting `startH` hours into the interval: C at the start, every interior stationary
    /// point, and the end limit; adds the piece's AUC. Advances `state` to the piece's end.
    ///
    /// Interior stationary points: for the 1-cmt oral parent without infusion, the closed form
    ///
    ///     t* = [ln(KA/k) − ln(1 + (KA − k)·A1₀/(KA·G₀))] / (KA − k)
    ///
    /// evaluated with `log1p(z)/z` so KA = k needs no special case (t* → 1/k − A1₀/(KA·G₀)),
    /// and C(t*) = KA·G(t*)/(k·V). Otherwise the roots of the exact derivative are found by
    /// `stationaryTimes` (Rolle recursion + safeguarded Newton).
    ///
    /// With `findingStationaryPoints` false only the AUC and the end state are exact: the
    /// tracker sees the piece's ends alone, so its Cmax and Cmin are meaningless and the caller
    /// must not read them (``DailyExposureKernel/advanceDay(_:doseAmountsMg:computingExtremes:)``
    /// returns NaN for them).
    @inline(__always)
    func advancePiece(
        _ state: inout LinearPKState,
        transition: LinearPKTransition,
        infusionRateMgPerH rate: Double,
        analyte: PKAnalyte,
        startH: Double,
        tracker: inout ExposureTracker,
        findingStationaryPoints: Bool = true
    ) {
        let inverseVolume = analyte == .parent ? inverseCentralVolume : inverseMetaboliteVolume
        let lengthH = transition.intervalH
        tracker.observe(analyteAmount(analyte, state) * inverseVolume, atH: startH)
        tracker.aucMgHPerL += transition.integral(of: analyte, from: state, infusionRateMgPerH: rate) * inverseVolume
        let end = transition.apply(to: state, infusionRateMgPerH: rate)

        if !findingStationaryPoints {
            // The caller reads only AUC and the end state.
        } else if analyte == .parent && !isTwoCompartment && rate == 0 {
            if hasAbsorption {
                let ka = absorptionRatePerH, k = k10
                let g0 = state.gutMg, a0 = state.centralMg
                if ka * g0 - k * a0 > 0 && ka * end.gutMg - k * end.centralMg < 0 {
                    let delta = ka - k
                    let ratio = a0 / (ka * g0)
                    var t = Self.log1pOverX(delta / k) / k - ratio * Self.log1pOverX(delta * ratio)
                    t = min(max(t, 0), lengthH)
                    let peakMg = ka * g0 * exp(-ka * t) / k
                    tracker.observe(peakMg * inverseVolume, atH: startH + t)
                }
            }
            // IV-only 1-cmt decays monotonically between events: no interior point.
        } else {
            let direction = derivative(of: state, infusionRateMgPerH: rate)
            let (rates, count) = modes(for: analyte)
            var roots = RootList()
            stationaryTimes(of: direction, analyte: analyte, rates: rates, count: count, intervalH: lengthH, into: &roots)
            for i in 0..<roots.count {
                let t = roots[i]
                let amount = analyteRow(analyte, t).apply(state, rate: rate)
                tracker.observe(amount * inverseVolume, atH: startH + t)
            }
        }
        state = end
        assert(state.isNonNegative(tolerance: 1e-9 * max(1, state.parentMg)), "negative amount after an exact step")
        tracker.observe(analyteAmount(analyte, state) * inverseVolume, atH: startH + lengthH)
    }

    /// `log1p(z)/z`, continuous at 0 (value 1).
    @inline(__always)
    static func log1pOverX(_ z: Double) -> Double {
        z == 0 ? 1 : log1p(z) / z
    }

    /// All roots in (0, T), increasing, of f(t) = analyte component of e^{At}·v, where the
    /// response is a combination of the `count` exponential modes in `rates`.
    ///
    /// Rolle recursion: with λ the last mode, (d/dt)(e^{λt} f) = e^{λt} g where g is the analyte
    /// component of e^{At}(A + λI)v, which has one mode fewer. The roots of g cut [0, T] into
    /// pieces on which e^{λt} f is monotone, so f has at most one root in each, bracketed by a
    /// sign change and refined by safeguarded Newton. A sum of n exponentials (coincident rates
    /// included) has at most n − 1 real roots, so this finds them all.
    func stationaryTimes(
        of v: LinearPKState,
        analyte: PKAnalyte,
        rates: SIMD4<Double>,
        count: Int,
        intervalH: Double,
        into roots: inout RootList
    ) {
        guard count >= 2, intervalH > 0 else { return }
        let w = shifted(v, byRate: rates[count - 1])
        var critical = RootList()
        stationaryTimes(of: w, analyte: analyte, rates: rates, count: count - 1, intervalH: intervalH, into: &critical)
        let slope = derivative(of: v, infusionRateMgPerH: 0)
        var a = 0.0
        var fa = analyteAmount(analyte, v)
        for i in 0...critical.count {
            let b = i < critical.count ? critical[i] : intervalH
            let fb = analyteRow(analyte, b).apply(v)
            if (fa < 0 && fb > 0) || (fa > 0 && fb < 0) {
                roots.append(refineRoot(of: v, slope: slope, analyte: analyte, from: a, fLow: fa, to: b))
            } else if fb == 0 && b < intervalH && b > 0 {
                roots.append(b)
            }
            a = b
            fa = fb
        }
    }

    /// The root of f(t) = analyte(e^{At}v) in a bracket [lo, hi] with a sign change, by Newton
    /// steps on the exact derivative (analyte(e^{At}Av)), falling back to bisection whenever a
    /// step leaves the bracket or converges too slowly (`rtsafe`, Press et al. §9.4).
    func refineRoot(of v: LinearPKState, slope av: LinearPKState, analyte: PKAnalyte, from lo: Double, fLow: Double, to hi: Double) -> Double {
        var xl = lo, xh = hi
        if fLow > 0 { swap(&xl, &xh) }
        var root = 0.5 * (lo + hi)
        var dxOld = abs(hi - lo)
        var dx = dxOld
        var row = analyteRow(analyte, root)
        var f = row.apply(v)
        var df = row.apply(av)
        let tolerance = 1e-13 * max(1, hi)
        for _ in 0..<100 {
            if ((root - xh) * df - f) * ((root - xl) * df - f) > 0 || abs(2 * f) > abs(dxOld * df) {
                dxOld = dx
                dx = 0.5 * (xh - xl)
                root = xl + dx
                if xl == root { return root }
            } else {
                dxOld = dx
                dx = f / df
                let previous = root
                root -= dx
                if previous == root { return root }
            }
            if abs(dx) < tolerance { return root }
            row = analyteRow(analyte, root)
            f = row.apply(v)
            df = row.apply(av)
            if f < 0 { xl = root } else { xh = root }
        }
        return root
    }
}
