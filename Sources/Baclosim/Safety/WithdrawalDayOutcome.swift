/// What withdrawal did on one day.
public struct WithdrawalDayOutcome: Sendable, Hashable {
    /// `W = max(0, A_d − E_d − threshold)` (effect units).
    public var drive: Double
    /// `k·W` (per day).
    public var hazardPerDay: Double
    /// Today is a withdrawal day.
    public var isWithdrawalDay: Bool
    /// Today starts an episode (a withdrawal day after a day without).
    public var isEpisodeOnset: Bool
    /// Today's symptom tier (withdrawal days with tiers only; `nil` otherwise).
    public var symptom: WithdrawalSymptom?
    /// The model asks the caller to reinstate the drug (tier at or above the model's
    /// `reinstateAtSymptom`).
    public var reinstateDrug: Bool
    /// Days since the effect started its current fall (0 on the first day it fell); `nil`
    /// when the effect is not in a fall.
    public var daysSinceEffectStartedFalling: Int?
    /// Days since the last day a dose was taken (0 if one was taken today); `nil` before any.
    public var daysSinceLastDose: Int?
}

/// Days spent at each withdrawal symptom tier.
public struct WithdrawalSymptomDays: Sendable, Hashable {
    private var days: (Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0)

    /// Days whose tier was `symptom`.
    public subscript(symptom: WithdrawalSymptom) -> Int {
        get {
            switch symptom {
            case .anxiety: days.0
            case .tachycardia: days.1
            case .hallucinations: days.2
            case .psychosis: days.3
            case .convulsions: days.4
            }
        }
        set {
            switch symptom {
            case .anxiety: days.0 = newValue
            case .tachycardia: days.1 = newValue
            case .hallucinations: days.2 = newValue
            case .psychosis: days.3 = newValue
            case .convulsions: days.4 = newValue
            }
        }
    }

    /// Equal when every tier's count is equal.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        WithdrawalSymptom.allCases.allSatisfy { lhs[$0] == rhs[$0] }
    }

    /// Hashes the five counts.
    public func hash(into hasher: inout Hasher) {
        for symptom in WithdrawalSymptom.allCases { hasher.combine(self[symptom]) }
    }
}

/// A subject's running withdrawal totals, summarised by the engine.
public struct WithdrawalCounters: Sendable, Hashable {
    /// Withdrawal days (RM-1 `withdrawal_days`; incidence is `withdrawalDays > 0`).
    public var withdrawalDays = 0
    /// Episodes (runs of consecutive withdrawal days).
    public var episodes = 0
    /// Day of the first withdrawal day (0-based), `nil` if none.
    public var firstWithdrawalDay: Int?
    /// Length of the longest episode (days).
    public var longestEpisodeDays = 0
    /// Most severe tier seen, `nil` if none.
    public var worstSymptom: WithdrawalSymptom?
    /// Days per tier.
    public var symptomDays = WithdrawalSymptomDays()
    /// Days on which the model asked for reinstatement.
    public var reinstatementRequests = 0
    /// Days from the last dose to the first withdrawal day, `nil` if none (or no dose before).
    public var firstOnsetDaysAfterLastDose: Int?
    /// Days from the start of the effect's fall to the first withdrawal day, `nil` if none.
    public var firstOnsetDaysAfterEffectFall: Int?
    /// Σ_d (1 − e^{−h_d}): the expected number of withdrawal days given the effect path. Same
    /// mean as `withdrawalDays`, without the Bernoulli noise — a low-variance comparison of tapers.
    public var expectedWithdrawalDays = 0.0

    /// The subject had at least one withdrawal day (RM-1 `withdrawal_incidence`).
    public var hasWithdrawal: Bool { withdrawalDays > 0 }
}
