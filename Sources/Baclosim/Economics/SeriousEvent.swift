/// Serious clinical events that carry their own cost, QALY loss and mortality.
///
/// Kinds, not causes: a seizure costs the same whether it follows baclofen or alcohol withdrawal
/// (withdrawal seizures 2–9% untreated, docs/sources.md#au-withdrawal-guidelines; baclofen withdrawal hallucinations
/// and seizures, #us-baclofen-label; overdose coma and respiratory failure needing ventilation, #polish2005).
public enum SeriousEvent: Int, Sendable, Hashable, CaseIterable {
    /// A withdrawal seizure (baclofen or alcohol withdrawal). Scenario key `seizure`.
    case seizure = 0
    /// Withdrawal delirium, hallucinations or psychosis needing admission (including delirium
    /// tremens). Scenario key `delirium`.
    case delirium
    /// Toxicity at high exposure needing hospital care (deep sedation, coma, respiratory
    /// depression). Scenario key `toxicity`.
    case toxicity

    /// The scenario key of the kind.
    public var scenarioKey: String {
        switch self {
        case .seizure: "seizure"
        case .delirium: "delirium"
        case .toxicity: "toxicity"
        }
    }
}

/// One value per `SeriousEvent` kind: a unit cost, a QALY loss, a count of events on a day.
/// A fixed struct, allocation-free to read and write.
public struct PerSeriousEvent<Value: Sendable & Equatable>: Sendable, Equatable {
    /// Value for withdrawal seizures.
    public var seizure: Value
    /// Value for withdrawal delirium / psychosis.
    public var delirium: Value
    /// Value for toxicity events.
    public var toxicity: Value

    /// One value per kind.
    public init(seizure: Value, delirium: Value, toxicity: Value) {
        self.seizure = seizure
        self.delirium = delirium
        self.toxicity = toxicity
    }

    /// The same value for every kind.
    public init(all value: Value) {
        self.init(seizure: value, delirium: value, toxicity: value)
    }

    /// The value for `event`.
    public subscript(event: SeriousEvent) -> Value {
        get {
            switch event {
            case .seizure: seizure
            case .delirium: delirium
            case .toxicity: toxicity
            }
        }
        set {
            switch event {
            case .seizure: seizure = newValue
            case .delirium: delirium = newValue
            case .toxicity: toxicity = newValue
            }
        }
    }
}

extension PerSeriousEvent where Value == Int {
    /// No events.
    public static var none: PerSeriousEvent<Int> { PerSeriousEvent(all: 0) }

    /// Total events of all kinds.
    public var total: Int { seizure + delirium + toxicity }
}
