/// Which exposure drives a side effect's drug part.
///
/// Peak-related effects (sedation, dizziness) follow `Cmax_d`; effects that build with sustained
/// exposure follow `Cavg_d`; effects quoted per prescribed dose (most comparators' label
/// incidences, naltrexone's hepatotoxicity "at high doses") follow the dose taken today; effects
/// tied to the total amount ever taken (vigabatrin's visual-field loss, issue #5) follow the
/// cumulative dose or cumulative AUC. Each driver has its own unit, and the EC50 key of a
/// scenario or drug file names it (``ec50Key``), so a value in the wrong unit cannot be read.
public enum SideEffectDriver: String, Sendable, Hashable, CaseIterable {
    /// Highest plasma concentration of the day, `Cmax_d` (mg/L). Scenario value `cmax`.
    case cmax
    /// Daily average concentration, `Cavg_d` = AUC over the day / 24 h (mg/L). Scenario `cavg`.
    case cavg
    /// Amount taken today (mg; missed doses excluded). Scenario value `dose`.
    case dose
    /// Amount taken from day 0 to today inclusive (g). Scenario value `cumulative_dose`.
    case cumulativeDose = "cumulative_dose"
    /// Plasma AUC from day 0 to the end of today (mg·h/L). Scenario value `cumulative_auc`.
    case cumulativeAUC = "cumulative_auc"

    /// The scenario key that gives the EC50 in this driver's unit.
    public var ec50Key: String {
        switch self {
        case .cmax, .cavg: "ec50_mg_per_L"
        case .dose: "ec50_mg_per_day"
        case .cumulativeDose: "ec50_g"
        case .cumulativeAUC: "ec50_mg_h_per_L"
        }
    }

    /// Every EC50 key, one per unit.
    public static let ec50Keys = ["ec50_mg_per_L", "ec50_mg_per_day", "ec50_g", "ec50_mg_h_per_L"]

    /// The exposure this driver reads, in its unit (mg/L, mg, g or mg·h/L).
    @inline(__always)
    func exposure(cmaxMgPerL: Double, cavgMgPerL: Double, takenDoseMg: Double, cumulativeDoseMg: Double,
                  cumulativeAUCMgHPerL: Double) -> Double {
        switch self {
        case .cmax: cmaxMgPerL
        case .cavg: cavgMgPerL
        case .dose: takenDoseMg
        case .cumulativeDose: cumulativeDoseMg / 1000
        case .cumulativeAUC: cumulativeAUCMgHPerL
        }
    }
}
