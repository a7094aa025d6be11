/// WHO drinking-risk level from mean grams of alcohol per day (WHO 2000, International Guide
/// for Monitoring Alcohol Consumption and Related Harm; the levels of the nalmefene/NICE TA325
/// model, docs/sources.md#who-drinking-risk-levels, #laramee2014).
///
/// | level | men, g/day | women, g/day |
/// |---|---|---|
/// | abstinent | 0 | 0 |
/// | low | (0, 40] | (0, 20] |
/// | medium | (40, 60] | (20, 40] |
/// | high | (60, 100] | (40, 60] |
/// | very high | > 100 | > 60 |
public enum DrinkingRiskLevel: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// No alcohol.
    case abstinent = 0
    /// Low risk.
    case low
    /// Medium risk.
    case medium
    /// High risk.
    case high
    /// Very high risk.
    case veryHigh

    /// The level for a mean of `gramsPerDay` (≥ 0) in a subject of `sex`.
    public static func classify(gramsPerDay g: Double, sex: Sex) -> DrinkingRiskLevel {
        let (low, medium, high): (Double, Double, Double) = sex == .male ? (40, 60, 100) : (20, 40, 60)
        if g <= 0 { return .abstinent }
        if g <= low { return .low }
        if g <= medium { return .medium }
        if g <= high { return .high }
        return .veryHigh
    }

    /// Ordered by risk.
    public static func < (a: DrinkingRiskLevel, b: DrinkingRiskLevel) -> Bool {
        a.rawValue < b.rawValue
    }
}
