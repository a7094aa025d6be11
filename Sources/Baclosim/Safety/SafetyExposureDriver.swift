/// Which daily exposure summary drives a safety hazard.
///
/// Peak-related effects (sedation, dizziness, toxicity) follow `Cmax_d`; effects that build
/// with sustained exposure can follow `Cavg_d` (docs/model.md#9-side-effects: hazards on `Cmax_d` or
/// `Cavg_d`).
public enum SafetyExposureDriver: String, Sendable, Hashable, CaseIterable {
    /// Highest plasma concentration of the day, `Cmax_d` (mg/L). Scenario value `cmax`.
    case cmax
    /// Daily average concentration, `Cavg_d` = AUC over the day / 24 h (mg/L). Scenario value `cavg`.
    case cavg

    /// The concentration this driver reads from a day's exposure (mg/L).
    @inline(__always)
    func concentrationMgPerL(cmaxMgPerL: Double, cavgMgPerL: Double) -> Double {
        switch self {
        case .cmax: cmaxMgPerL
        case .cavg: cavgMgPerL
        }
    }
}
