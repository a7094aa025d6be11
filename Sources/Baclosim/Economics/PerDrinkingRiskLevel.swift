/// One value for each WHO drinking-risk level (`DrinkingRiskLevel`), e.g. a utility, a daily
/// hospitalisation cost or a mortality relative risk.
///
/// A fixed struct rather than a dictionary: reading a value is a switch, with no hashing and no
/// allocation on the subject-day path.
public struct PerDrinkingRiskLevel<Value: Sendable & Equatable>: Sendable, Equatable {
    /// Value for abstinent days/periods.
    public var abstinent: Value
    /// Value at low risk (men ≤ 40 g/day, women ≤ 20 g/day).
    public var low: Value
    /// Value at medium risk (men 41–60 g/day, women 21–40 g/day).
    public var medium: Value
    /// Value at high risk (men 61–100 g/day, women 41–60 g/day).
    public var high: Value
    /// Value at very high risk (men > 100 g/day, women > 60 g/day).
    public var veryHigh: Value

    /// One value per level.
    public init(abstinent: Value, low: Value, medium: Value, high: Value, veryHigh: Value) {
        self.abstinent = abstinent
        self.low = low
        self.medium = medium
        self.high = high
        self.veryHigh = veryHigh
    }

    /// The same value at every level.
    public init(all value: Value) {
        self.init(abstinent: value, low: value, medium: value, high: value, veryHigh: value)
    }

    /// `transform` applied to the value at every level.
    public func map<T>(_ transform: (Value) -> T) -> PerDrinkingRiskLevel<T> {
        PerDrinkingRiskLevel<T>(abstinent: transform(abstinent), low: transform(low), medium: transform(medium), high: transform(high),
                                veryHigh: transform(veryHigh))
    }

    /// The value at `level`.
    public subscript(level: DrinkingRiskLevel) -> Value {
        get {
            switch level {
            case .abstinent: abstinent
            case .low: low
            case .medium: medium
            case .high: high
            case .veryHigh: veryHigh
            }
        }
        set {
            switch level {
            case .abstinent: abstinent = newValue
            case .low: low = newValue
            case .medium: medium = newValue
            case .high: high = newValue
            case .veryHigh: veryHigh = newValue
            }
        }
    }

    /// Scenario key of each level, in `DrinkingRiskLevel` order (for validation messages and
    /// the YAML block: `abstinent`, `low`, `medium`, `high`, `very_high`).
    static func scenarioKey(_ level: DrinkingRiskLevel) -> String {
        switch level {
        case .abstinent: "abstinent"
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .veryHigh: "very_high"
        }
    }
}
