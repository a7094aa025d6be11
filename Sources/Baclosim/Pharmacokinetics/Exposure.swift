/// Exact exposure summary over one interval [t0, t1), typically one day.
///
/// AUC comes from integrated closed forms; Cmax, Tmax and Cmin from the ends of each
/// between-event piece plus its analytic interior stationary points (no grid). The interval is
/// half-open: an IV bolus at t0 counts, one at t1 does not (its pre-dose limit does).
public struct DailyExposure: Sendable, Hashable {
    /// ∫ C dt over the interval (mg·h/L).
    public var aucMgHPerL: Double
    /// AUC / (t1 − t0) (mg/L).
    public var cavgMgPerL: Double
    /// Highest concentration in the interval (mg/L).
    public var cmaxMgPerL: Double
    /// Time of Cmax, in hours after t0 (the earliest, when several are equal).
    public var tmaxH: Double
    /// Lowest concentration in the interval (mg/L).
    public var cminMgPerL: Double

    /// Creates an exposure record; see the property docs for units.
    public init(aucMgHPerL: Double, cavgMgPerL: Double, cmaxMgPerL: Double, tmaxH: Double, cminMgPerL: Double) {
        self.aucMgHPerL = aucMgHPerL
        self.cavgMgPerL = cavgMgPerL
        self.cmaxMgPerL = cmaxMgPerL
        self.tmaxH = tmaxH
        self.cminMgPerL = cminMgPerL
    }
}

/// Running AUC, maximum and minimum while an interval is walked piece by piece.
struct ExposureTracker: Sendable {
    var aucMgHPerL = 0.0
    var cmaxMgPerL = -Double.infinity
    var tmaxH = 0.0
    var cminMgPerL = Double.infinity

    /// Records the concentration `c` (mg/L) at `timeH` (h after the interval start).
    @inline(__always)
    mutating func observe(_ c: Double, atH timeH: Double) {
        if c > cmaxMgPerL {
            cmaxMgPerL = c
            tmaxH = timeH
        }
        if c < cminMgPerL { cminMgPerL = c }
    }

    /// The summary for an interval of `lengthH` hours.
    func exposure(lengthH: Double) -> DailyExposure {
        DailyExposure(
            aucMgHPerL: aucMgHPerL,
            cavgMgPerL: lengthH > 0 ? aucMgHPerL / lengthH : 0,
            cmaxMgPerL: cmaxMgPerL,
            tmaxH: tmaxH,
            cminMgPerL: cminMgPerL
        )
    }
}

/// Exact exposure at steady state of a regimen of `doseMg` every `intervalH`.
public struct SteadyStateExposure: Sendable, Hashable {
    /// Compartment amounts just before a dose at steady state (mg).
    public var preDoseState: LinearPKState
    /// Concentration just before a dose (mg/L).
    public var troughMgPerL: Double
    /// Highest concentration over a dosing interval (mg/L).
    public var cmaxMgPerL: Double
    /// Time of Cmax after the dose (h).
    public var tmaxAfterDoseH: Double
    /// Lowest concentration over a dosing interval (mg/L); equals the trough without a lag.
    public var cminMgPerL: Double
    /// Average concentration over the interval, AUCτ/τ (mg/L); F·D/(CL·τ) for the parent.
    public var cavgMgPerL: Double
    /// AUC over one dosing interval (mg·h/L).
    public var aucTauMgHPerL: Double
}
