import Foundation

/// One day of a one-compartment model with first-order absorption (F = 1) and doses at 08:00,
/// 14:00 and 20:00, in closed form with per-subject constants for the three interval lengths
/// (8, 6 and 4 h), as `rm1_numba.py`'s `pk_day`: the transition is linear, so a day costs a few
/// multiply-adds; Cmax adds a peak (a `log` and two `exp`) only where a dose interval has one
/// and the caller needs it.
struct OneCompartmentDay {
    /// Per interval length: e^{−ka·T}, e^{−k·T}, gut→central transfer, ∫Q per unit Q0, ∫Q per unit G0.
    struct Interval {
        var gutDecay = 0.0, centralDecay = 0.0, transfer = 0.0, aucPerCentral = 0.0, aucPerGut = 0.0
    }

    let kPerH: Double, kaPerH: Double, volumeL: Double
    /// |ka − k| negligible: the limit forms hold.
    let near: Bool
    let intervals: (Interval, Interval, Interval)

    init(clearanceLPerH: Double, volumeL: Double, kaPerH: Double) {
        let k = clearanceLPerH / volumeL
        self.kPerH = k
        self.kaPerH = kaPerH
        self.volumeL = volumeL
        near = abs(kaPerH - k) < 1e-6 * k
        func interval(hours t: Double) -> Interval {
            let eA = exp(-kaPerH * t), eK = exp(-k * t)
            var c = Interval(gutDecay: eA, centralDecay: eK, aucPerCentral: (1 - eK) / k)
            if abs(kaPerH - k) < 1e-6 * k {
                c.transfer = kaPerH * t * eK
                c.aucPerGut = kaPerH * (1 - eK * (1 + k * t)) / (k * k)
            } else {
                let delta = kaPerH - k
                c.transfer = kaPerH * (eK - eA) / delta
                c.aucPerGut = kaPerH / delta * ((1 - eK) / k - (1 - eA) / kaPerH)
            }
            return c
        }
        intervals = (interval(hours: 8), interval(hours: 6), interval(hours: 4))
    }

    /// The day from 00:00 with `dosesMg` (08, 14, 20 h; lane 3 unused): amounts at 24:00 (mg),
    /// Cavg and, if `needsMax`, Cmax (mg/L; else 0).
    @inline(__always)
    func day(gut: Double, central: Double, dosesMg: SIMD4<Double>, needsMax: Bool)
        -> (gut: Double, central: Double, cavgMgPerL: Double, cmaxMgPerL: Double) {
        var g = gut, q = central, auc = 0.0, top = 0.0
        step(&g, &q, &auc, &top, intervals.0, needsMax)
        g += dosesMg[0]
        step(&g, &q, &auc, &top, intervals.1, needsMax)
        g += dosesMg[1]
        step(&g, &q, &auc, &top, intervals.1, needsMax)
        g += dosesMg[2]
        step(&g, &q, &auc, &top, intervals.2, needsMax)
        return (g, q, auc / (24 * volumeL), top / volumeL)
    }

    @inline(__always)
    private func step(_ g: inout Double, _ q: inout Double, _ auc: inout Double, _ top: inout Double,
                      _ c: Interval, _ needsMax: Bool) {
        let g0 = g, q0 = q
        g = g0 * c.gutDecay
        q = q0 * c.centralDecay + g0 * c.transfer
        auc += q0 * c.aucPerCentral + g0 * c.aucPerGut
        guard needsMax else { return }
        top = max(top, q0, q)
        // An interior maximum exists iff dQ/dt = ka·G − k·Q changes sign from + to − inside.
        if kaPerH * g0 > kPerH * q0 && kaPerH * g < kPerH * q {
            let peak: Double
            if near {
                let t = 1 / kPerH - q0 / (kaPerH * g0)
                peak = (q0 + g0 * kaPerH * t) * exp(-kPerH * t)
            } else {
                let delta = kaPerH - kPerH
                let beta = g0 * kaPerH / delta
                let alpha = q0 + beta
                let t = log(kaPerH * beta / (kPerH * alpha)) / delta
                peak = alpha * exp(-kPerH * t) - beta * exp(-kaPerH * t)
            }
            top = max(top, peak)
        }
    }
}
