/// Dose adjustment by creatinine clearance (CrCl) band, e.g. vigabatrin: CrCl 50–80 mL/min → 75%
/// of the dose, 30–50 → 50%, 10–30 → 25% (docs/sources.md#vigabatrin-pk), or acamprosate: 30–50 → at most
/// 999 mg/day, ≤ 30 contraindicated.
public struct RenalDoseRule: Sendable, Equatable {
    /// Non-overlapping bands; a CrCl in none of them gets the full dose.
    public var bands: [RenalBand]

    /// Creates a rule from its bands.
    public init(bands: [RenalBand]) {
        self.bands = bands
    }

    /// Index of the band containing `creatinineClearanceMLPerMin` (mL/min), or `nil` for none.
    public func bandIndex(creatinineClearanceMLPerMin: Double) -> Int? {
        bands.firstIndex { $0.contains(creatinineClearanceMLPerMin: creatinineClearanceMLPerMin) }
    }
}

/// One CrCl band of a renal dose rule: `aboveMLPerMin < CrCl ≤ upToMLPerMin`, the way labels
/// write bands ("CrCl > 30–50 mL/min", "contraindicated at CrCl ≤ 30").
public struct RenalBand: Sendable, Equatable {
    /// Lower bound (mL/min, exclusive); `-infinity` for none.
    public var aboveMLPerMin: Double
    /// Upper bound (mL/min, inclusive); `+infinity` for none.
    public var upToMLPerMin: Double
    /// What the band does to the daily dose.
    public var action: RenalDoseAction

    /// Creates a band `above < CrCl ≤ upTo` (mL/min).
    public init(aboveMLPerMin: Double = -.infinity, upToMLPerMin: Double = .infinity, action: RenalDoseAction) {
        self.aboveMLPerMin = aboveMLPerMin
        self.upToMLPerMin = upToMLPerMin
        self.action = action
    }

    /// Whether `creatinineClearanceMLPerMin` (mL/min) lies in the band.
    public func contains(creatinineClearanceMLPerMin crCl: Double) -> Bool {
        crCl > aboveMLPerMin && crCl <= upToMLPerMin
    }
}

/// The dose change a renal band makes.
public enum RenalDoseAction: Sendable, Equatable {
    /// Multiply the daily dose by a factor in (0, 1] (vigabatrin CrCl 50–80: 0.75).
    case scale(factor: Double)
    /// Give at most this daily dose (mg/day) (acamprosate CrCl 30–50: 999 mg/day).
    case limit(maxMgPerDay: Double)
    /// The drug must not be given: dose 0, and eligibility should exclude the subject.
    case contraindicated

    /// The adjusted daily dose (mg/day).
    func apply(toMgPerDay mgPerDay: Double) -> Double {
        switch self {
        case .scale(let factor): mgPerDay * factor
        case .limit(let maxMgPerDay): min(mgPerDay, maxMgPerDay)
        case .contraindicated: 0
        }
    }
}
