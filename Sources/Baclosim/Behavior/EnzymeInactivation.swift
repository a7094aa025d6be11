import Foundation

/// Irreversible (mechanism-based) enzyme inactivation with enzyme turnover, for a drug whose
/// effect outlasts its pharmacokinetics — vigabatrin inactivates GABA transaminase (GABA-T)
/// irreversibly and the effect ends only as new enzyme is made (docs/sources.md#vigabatrin-pk [V]:
/// "the effect outlasts PK by days (enzyme resynthesis)").
///
/// The inactivated fraction `I` of the enzyme (0…1) follows the turnover model
///
///     dI/dt = r(C)·(1 − I) − kdeg·I,      r(C) = kinact·C/(KI + C)
///
/// (Kitz–Wilson inactivation of the active fraction `1 − I`, and zero-order resynthesis of
/// active enzyme at the rate that balances first-order degradation `kdeg`, so the total enzyme
/// stays constant; the standard turnover form for irreversible inhibitors, e.g. the
/// mechanism-based CYP3A inactivation models). With C constant the solution is exact:
///
///     I(t) = I* + (I(0) − I*)·e^{−(r + kdeg)·t},   I* = r/(r + kdeg),
///
/// and after the drug is gone (r = 0) the enzyme recovers as `I(t) = I(0)·e^{−kdeg·t}`.
///
/// Daily update (the same approximation as `EffectSiteLink`): within day `d` the driving
/// concentration is the day's `Cavg_d`, so the update above is exact for that
/// piecewise-constant input and unconditionally stable (`I` stays in [0, 1] for any step). It
/// ignores the within-day fluctuation of C: because r(C) is concave in C the daily mean of r
/// is a little below r(Cavg) for a strongly fluctuating profile; with enzyme turnover over days
/// (kdeg ≪ 1/h) the error is small and stated here rather than hidden.
///
/// Parameters for vigabatrin are ASSUMPTIONs in the scenario that uses them (no registered
/// source gives human brain GABA-T kinetics).
struct EnzymeInactivation: Sendable, Equatable {
    /// Maximal inactivation rate constant kinact, per hour.
    var kinactPerH: Double
    /// Concentration of half-maximal inactivation rate KI, mg/L (of the driving plasma Cavg).
    var kiMgPerL: Double
    /// Enzyme degradation (= resynthesis) rate constant kdeg, per hour (t½ = ln 2/kdeg).
    var kdegPerH: Double

    /// Problems with the parameters, each a sentence with the fix; empty when valid.
    func problems() -> [String] {
        var found: [String] = []
        if !(kinactPerH >= 0 && kinactPerH.isFinite) { found.append("kinact_per_h must be ≥ 0 (found \(kinactPerH))") }
        if !(kiMgPerL > 0 && kiMgPerL.isFinite) { found.append("ki_mg_per_L must be > 0 (found \(kiMgPerL))") }
        if !(kdegPerH > 0 && kdegPerH.isFinite) {
            found.append("kdeg_per_h must be > 0 (found \(kdegPerH)): with no resynthesis the enzyme never recovers")
        }
        return found
    }

    /// The inactivation rate r(C) = kinact·C/(KI + C), per hour, at concentration `c` mg/L.
    @inline(__always)
    func inactivationRatePerH(concentrationMgPerL c: Double) -> Double {
        c > 0 ? kinactPerH * c / (kiMgPerL + c) : 0
    }

    /// The steady state `I* = r/(r + kdeg)` at a constant concentration `c` mg/L.
    func steadyStateFraction(concentrationMgPerL c: Double) -> Double {
        let r = inactivationRatePerH(concentrationMgPerL: c)
        return r / (r + kdegPerH)
    }

    /// Advances the inactivated fraction over `hours` at the constant concentration `c`.
    /// - Parameters:
    ///   - start: I at the start, in [0, 1].
    ///   - c: the driving concentration, mg/L (the day's Cavg in the daily loop).
    ///   - hours: step length, h (24 in the daily loop).
    /// - Returns: I at the end of the step, and the mean of I over the step (what drives the
    ///   day's effect).
    /// - Complexity: O(1), one `exp`; allocation-free.
    @inline(__always)
    func advance(from start: Double, concentrationMgPerL c: Double,
                 hours: Double = 24) -> (end: Double, mean: Double) {
        let r = inactivationRatePerH(concentrationMgPerL: c)
        let k = r + kdegPerH
        let target = r / k
        let rate = k * hours
        let decay = exp(-rate)
        // (1 − e^{−kt})/(kt): the starting deviation's weight in the mean over the step.
        let meanWeight = rate > 0 ? -expm1(-rate) / rate : 1
        let deviation = start - target
        return (target + deviation * decay, target + deviation * meanWeight)
    }
}
