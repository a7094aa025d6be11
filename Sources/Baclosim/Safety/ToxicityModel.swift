/// Toxicity at high exposure: deep sedation, coma, respiratory depression (docs/sources.md#leung2006, #polish2005).
///
/// Each grade has a daily hazard on a sigmoid Emax curve with a steep Hill coefficient, on
/// `Cmax_d` by default, so the hazard is negligible at therapeutic peaks and rises sharply
/// above a concentration. Renal impairment needs no special case: reduced clearance raises
/// exposure in the PK model, and the hazard follows (docs/sources.md#secondary-clinical-summary: toxicity within 2–3 days
/// at 5–10 mg/d in severe CKD; Brvar 2007: coma at 0.70 mg/L in renal failure).
///
/// Grades are listed mildest first and drawn with one uniform: P(grade ≥ j) = min over
/// i ≤ j of `1 − e^{−h_i(C)}`, and the day's grade is the most severe j with `u < P(grade ≥ j)`
/// (nested: a coma day is also a deep-sedation day). Optional tolerance scales every grade's
/// hazard (docs/sources.md#d-baclofen-exposure caveat: therapeutic high-dose peaks near 0.9 mg/L are tolerated,
/// "concentration alone is a poor toxicity threshold").
public struct ToxicityModel: Sendable, Hashable {
    /// Which concentration drives the hazards.
    public let driver: SafetyExposureDriver
    /// Grades, mildest first.
    public let grades: [ToxicityGrade]
    /// Fading of the hazards with days on a stable dose; `nil` for none.
    public let tolerance: HazardTolerance?

    /// Creates a toxicity model; see the properties.
    public init(driver: SafetyExposureDriver = .cmax, grades: [ToxicityGrade], tolerance: HazardTolerance? = nil) {
        self.driver = driver
        self.grades = grades
        self.tolerance = tolerance
    }

    /// Assumed defaults [D] for baclofen (parameters are assumptions; no source gives a
    /// concentration–response curve). Anchors: overdose coma, delirium and seizures only after
    /// ingestions ≥ 200 mg (Leung 2006), i.e. peaks of roughly 2–2.7 mg/L and above for V/F
    /// 72.8 L; in overdose series deep coma (53.8%) is more common than ventilation for
    /// respiratory failure (34.6%) (Polish series 2005), hence the order and the later
    /// midpoints. Design rule (ASSUMPTION): serious events stay rare at therapeutic doses, the
    /// deep-sedation hazard about 5e-4 per day at the 95th percentile of steady-state peaks at
    /// 180 mg/day (1.41 mg/L with the Simon 2018 model; median 1.01 mg/L [D]); with γ = 12 that
    /// puts its EC50 at 2.8 mg/L, coma and respiratory depression keeping their ratios (3.4,
    /// 4.2 mg/L). (EC50 1.8 mg/L, aimed at a typical 0.9 mg/L peak, made the upper tail of the
    /// peaks a near-certain event: a third of subjects at 180 mg/day over 16 weeks.) These defaults do
    /// not reproduce coma at 0.70 mg/L in a non-tolerant renal-failure patient (Brvar 2007):
    /// concentration alone is a poor threshold (docs/sources.md#d-baclofen-exposure); lower midpoints with a
    /// tolerance are the way to express a non-tolerant population.
    public static let assumedBaclofen = ToxicityModel(driver: .cmax, grades: [
        ToxicityGrade(kind: .deepSedation, hazard: ConcentrationHazard(
            maximumDrugHazardPerDay: 2, ec50MgPerL: 2.8, hillCoefficient: 12), isSerious: true),
        ToxicityGrade(kind: .coma, hazard: ConcentrationHazard(
            maximumDrugHazardPerDay: 2, ec50MgPerL: 3.4, hillCoefficient: 12), isSerious: true),
        ToxicityGrade(kind: .respiratoryDepression, hazard: ConcentrationHazard(
            maximumDrugHazardPerDay: 1, ec50MgPerL: 4.2, hillCoefficient: 12), isSerious: true),
    ])
}

/// Kinds of toxicity event.
public enum ToxicityKind: String, Sendable, Hashable, CaseIterable {
    /// Deep sedation (stupor). Scenario value `deep_sedation`.
    case deepSedation = "deep_sedation"
    /// Coma. Scenario value `coma`.
    case coma
    /// Respiratory depression needing ventilation. Scenario value `respiratory_depression`.
    case respiratoryDepression = "respiratory_depression"
}

/// One toxicity grade.
public struct ToxicityGrade: Sendable, Hashable {
    /// What the event is.
    public let kind: ToxicityKind
    /// Daily hazard at concentration C (usually no baseline: toxicity needs the drug).
    public let hazard: ConcentrationHazard
    /// A serious event (hospitalisation; flagged for economics and mortality).
    public let isSerious: Bool
    /// Cost per event day (currency units).
    public let costPerEventDay: Double

    /// Creates a grade; see the properties.
    public init(kind: ToxicityKind, hazard: ConcentrationHazard, isSerious: Bool, costPerEventDay: Double = 0) {
        self.kind = kind
        self.hazard = hazard
        self.isSerious = isSerious
        self.costPerEventDay = costPerEventDay
    }
}

extension ToxicityModel {
    /// Every invalid parameter, with keys as in the scenario's `toxicity` block.
    public func validationProblems() -> [ParameterProblem] {
        var list = SafetyProblemList()
        for (index, grade) in grades.enumerated() {
            list.check(grade.hazard, prefix: "grades[\(index)].hazard")
            list.requireNonNegative(grade.costPerEventDay, "grades[\(index)].cost_per_event_day", example: "3000")
        }
        if let tolerance { list.check(tolerance, prefix: "tolerance") }
        return list.problems
    }
}
