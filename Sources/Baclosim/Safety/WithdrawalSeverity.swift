import Foundation

/// Withdrawal symptom tiers, mildest first (docs/model.md#10-drug-withdrawal-and-toxicity: anxiety,
/// tachycardia, hallucinations, psychosis, convulsions; docs/sources.md#us-baclofen-label:
/// "Hallucinations and seizures have occurred on abrupt withdrawal").
public enum WithdrawalSymptom: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// Anxiety, agitation, insomnia. Scenario value `anxiety`.
    case anxiety = 0
    /// Tachycardia and autonomic signs. Scenario value `tachycardia`.
    case tachycardia
    /// Hallucinations (Leo & Baer 2005: visual 56.5%, auditory 30.4% of 23 oral cases).
    case hallucinations
    /// Psychosis, delirium, delusions.
    case psychosis
    /// Seizures.
    case convulsions

    /// The scenario spelling (`anxiety`, `tachycardia`, …).
    public var key: String {
        switch self {
        case .anxiety: "anxiety"
        case .tachycardia: "tachycardia"
        case .hallucinations: "hallucinations"
        case .psychosis: "psychosis"
        case .convulsions: "convulsions"
        }
    }

    /// Symptoms order by severity.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// When a withdrawal day reaches a symptom tier.
///
/// Choice (documented as the brief asks): the tier is drawn with one caller uniform
/// `uSeverity`, with probabilities that rise with the drive `W`:
///
///     p_j(W) = 0                              if W < threshold_j
///            = 1 − e^{−slope_j·(W − threshold_j)}  otherwise (1 when slope_j = +∞)
///
/// and P(tier ≥ j | withdrawal day) = min over i ≤ j of p_i(W), which makes the tiers nested
/// (a convulsion day is also a hallucination day, …) whatever the parameters. The reported
/// tier is the most severe j with `uSeverity < P(tier ≥ j)`. An infinite slope gives a pure
/// threshold rule (the tier is certain once W reaches its threshold), so thresholds alone are a
/// special case. All tier parameters are assumptions: case series give symptom frequencies
/// among reported cases (docs/sources.md#gap-4), not their dependence on the drive.
public struct WithdrawalSeverityTier: Sendable, Hashable {
    /// The symptom of this tier.
    public let symptom: WithdrawalSymptom
    /// Drive `W` at which the tier becomes possible (effect units, ≥ 0).
    public let driveThreshold: Double
    /// How fast its probability rises above the threshold (per unit of `W`; `+∞` = certain).
    public let probabilitySlopePerUnitDrive: Double

    /// Creates a tier; see the properties for units.
    public init(symptom: WithdrawalSymptom, driveThreshold: Double, probabilitySlopePerUnitDrive: Double) {
        self.symptom = symptom
        self.driveThreshold = driveThreshold
        self.probabilitySlopePerUnitDrive = probabilitySlopePerUnitDrive
    }

    /// `p_j(W)` before nesting.
    @inline(__always)
    func probability(drive: Double) -> Double {
        guard drive >= driveThreshold else { return 0 }
        if probabilitySlopePerUnitDrive == .infinity { return 1 }
        return DailyHazard.probability(ofHazard: probabilitySlopePerUnitDrive * (drive - driveThreshold))
    }
}
