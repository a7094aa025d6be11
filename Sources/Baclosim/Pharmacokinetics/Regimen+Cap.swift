/// A limit on the daily dose.
///
/// The seed article: "With some medically supervised exceptions, the maximum recommended dosage
/// for baclofen is 100 mg." Without ``supervisedException`` the cap is enforced (doses above it
/// are lowered to it, and validation rejects a protocol that asks for more); with it, doses above
/// the cap are given and ``RegimenSchedule/capExceeded(day:state:)`` says so, so that runs can
/// report it.
public struct DailyDoseCap: Sendable, Equatable {
    /// The cap (mg/day, > 0).
    public var maxMgPerDay: Double
    /// Whether doses above the cap are allowed under medical supervision.
    public var supervisedException: Bool

    /// Creates a cap of `maxMgPerDay` mg/day.
    public init(maxMgPerDay: Double, supervisedException: Bool = false) {
        self.maxMgPerDay = maxMgPerDay
        self.supervisedException = supervisedException
    }

    /// Baclofen: 100 mg/day, the seed article's "maximum recommended dosage". (Regulators have
    /// since set 80 mg/day in France, docs/sources.md#france-baclofen-cap; scenarios can choose that instead.)
    public static let baclofenSeedArticle = DailyDoseCap(maxMgPerDay: 100)

    /// Doses within this of the cap (mg/day) count as at the cap (floating-point sums of tablets).
    static let toleranceMg = 1e-9
}
