/// One subject's alcohol-withdrawal complications in one arm (first event of each only, so the
/// cumulative incidence over a window is the declared risk).
///
/// The caller advances it on each day of the withdrawal episode at treatment start with the
/// day's index of abstinence (0 = first day without a drink) and whether benzodiazepine cover
/// is present that day. The uniforms are keyed by subject and day, not arm, so a subject who
/// would seize untreated also seizes with cover whenever the covered probability still allows.
public struct AlcoholWithdrawalState: Sendable, Hashable {
    /// Abstinence day of the seizure, `nil` if none.
    public private(set) var seizureDay: Int?
    /// Abstinence day of delirium tremens onset, `nil` if none.
    public private(set) var deliriumDay: Int?

    /// No event yet.
    public init() {}

    /// Advances one day of abstinence.
    ///
    /// - Parameters:
    ///   - abstinenceDay: days since the last drink (0 = first day without).
    ///   - benzodiazepineCover: benzodiazepine prophylaxis is given today.
    ///   - uSeizure, uDelirium: uniforms in (0, 1), one per complication.
    /// - Complexity: O(1), no allocation.
    public mutating func advance(_ model: AlcoholWithdrawalModel, abstinenceDay: Int, benzodiazepineCover: Bool,
                                 uSeizure: Double, uDelirium: Double) -> AlcoholWithdrawalDayOutcome {
        var outcome = AlcoholWithdrawalDayOutcome()
        if seizureDay == nil,
           Self.occurs(model.seizure, abstinenceDay: abstinenceDay, covered: benzodiazepineCover, u: uSeizure) {
            seizureDay = abstinenceDay
            outcome.seizure = true
            outcome.isSerious = model.seizure.isSerious
        }
        if deliriumDay == nil,
           Self.occurs(model.delirium, abstinenceDay: abstinenceDay, covered: benzodiazepineCover, u: uDelirium) {
            deliriumDay = abstinenceDay
            outcome.delirium = true
            outcome.isSerious = outcome.isSerious || model.delirium.isSerious
        }
        return outcome
    }

    /// The complication occurs today: in its window and `u` below the day's probability
    /// (covered or not).
    @inline(__always)
    private static func occurs(_ complication: AlcoholWithdrawalComplication, abstinenceDay: Int, covered: Bool,
                               u: Double) -> Bool {
        guard complication.isAtRisk(onAbstinenceDay: abstinenceDay) else { return false }
        let p = covered ? complication.dailyProbabilityCovered : complication.dailyProbabilityUncovered
        return u < p
    }
}

/// Alcohol-withdrawal events on one day.
public struct AlcoholWithdrawalDayOutcome: Sendable, Hashable {
    /// A withdrawal seizure occurred today.
    public var seizure = false
    /// Delirium tremens began today.
    public var delirium = false
    /// A serious event (hospitalisation) occurred today.
    public var isSerious = false
}
