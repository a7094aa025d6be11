/// Complications of alcohol withdrawal when a dependent drinker stops at treatment start:
/// withdrawal seizures and delirium tremens, and their prevention by benzodiazepines.
///
/// Each complication has a cumulative risk over its window of days after the last drink,
/// spread as a constant daily hazard so that the cumulative incidence over the window equals
/// the declared risk exactly: `h = −ln(1 − p)/N` per day, `1 − e^{−hN} = p`. Benzodiazepine
/// cover changes the episode risk (``AlcoholWithdrawalComplication/BenzodiazepineEffect``), so
/// a subject covered on every day of the window has cumulative incidence exactly `p_bzd`.
public struct AlcoholWithdrawalModel: Sendable, Hashable {
    /// Withdrawal seizures.
    public let seizure: AlcoholWithdrawalComplication
    /// Delirium tremens.
    public let delirium: AlcoholWithdrawalComplication

    /// Creates the model from its two complications.
    public init(seizure: AlcoholWithdrawalComplication, delirium: AlcoholWithdrawalComplication) {
        self.seizure = seizure
        self.delirium = delirium
    }

    /// Defaults [D] from docs/sources.md#mayosmith1997 and #au-withdrawal-guidelines (calibration target 9).
    ///
    /// - Seizures: untreated risk 0.08 (natural history 2–9%, Australian guidelines; the upper
    ///   half of the range because Mayo-Smith's placebo arms had at least the 7.7 per 100
    ///   that benzodiazepines removed); onset 6–24 h after the last drink, so the window is
    ///   abstinence days 0–1. Benzodiazepines: risk difference −7.7 per 100 (Mayo-Smith 1997),
    ///   giving 0.003 with cover.
    /// - Delirium tremens: untreated ~5% (Australian guidelines); onset 2–3 days after the last
    ///   drink, lasting 2–3 days, so the window is abstinence days 1–3. Benzodiazepines: risk
    ///   difference −4.9 per 100 (Mayo-Smith 1997), giving 0.001 with cover.
    /// Both are serious (hospital care). Amato 2010 gives seizures RR 0.16 (0.04–0.69) as an
    /// alternative (`.relativeRisk(0.16)`).
    public static let standard = AlcoholWithdrawalModel(
        seizure: AlcoholWithdrawalComplication(
            untreatedEpisodeRisk: 0.08, benzodiazepineEffect: .riskDifference(0.077),
            windowStartDay: 0, windowDays: 2, isSerious: true),
        delirium: AlcoholWithdrawalComplication(
            untreatedEpisodeRisk: 0.05, benzodiazepineEffect: .riskDifference(0.049),
            windowStartDay: 1, windowDays: 3, isSerious: true))
}

/// One alcohol-withdrawal complication: its episode risk, window and benzodiazepine effect.
public struct AlcoholWithdrawalComplication: Sendable, Hashable {
    /// How benzodiazepine prophylaxis changes the episode risk.
    public enum BenzodiazepineEffect: Sendable, Hashable {
        /// `p_bzd = p × RR` (RR ≥ 0). Scenario `relative_risk`.
        case relativeRisk(Double)
        /// `p_bzd = max(0, p − RD)` (risk difference, RD ≥ 0, as Mayo-Smith 1997 reports it).
        /// Scenario `risk_difference`.
        case riskDifference(Double)
    }

    /// Cumulative risk over the window without benzodiazepine cover, in [0, 1).
    public let untreatedEpisodeRisk: Double
    /// The effect of benzodiazepine cover.
    public let benzodiazepineEffect: BenzodiazepineEffect
    /// First day at risk, in days of abstinence (0 = the first day without a drink).
    public let windowStartDay: Int
    /// Number of days at risk (N ≥ 1).
    public let windowDays: Int
    /// An event is serious (hospitalisation; flagged for economics).
    public let isSerious: Bool
    /// Cost per event (currency units).
    public let costPerEvent: Double

    /// Cumulative risk over the window with benzodiazepine cover on every day.
    public let coveredEpisodeRisk: Double
    /// Daily event probability without cover, `1 − (1 − p)^{1/N}`, computed once.
    let dailyProbabilityUncovered: Double
    /// Daily event probability with cover, `1 − (1 − p_bzd)^{1/N}`, computed once.
    let dailyProbabilityCovered: Double

    /// Creates a complication; see the properties for units.
    public init(untreatedEpisodeRisk: Double, benzodiazepineEffect: BenzodiazepineEffect,
                windowStartDay: Int, windowDays: Int, isSerious: Bool, costPerEvent: Double = 0) {
        self.untreatedEpisodeRisk = untreatedEpisodeRisk
        self.benzodiazepineEffect = benzodiazepineEffect
        self.windowStartDay = windowStartDay
        self.windowDays = windowDays
        self.isSerious = isSerious
        self.costPerEvent = costPerEvent
        let covered = switch benzodiazepineEffect {
        case .relativeRisk(let rr): untreatedEpisodeRisk * rr
        case .riskDifference(let rd): max(0, untreatedEpisodeRisk - rd)
        }
        self.coveredEpisodeRisk = covered
        let days = Double(max(windowDays, 1))
        self.dailyProbabilityUncovered = DailyHazard.probability(
            ofHazard: DailyHazard.constantHazard(cumulativeIncidence: untreatedEpisodeRisk, overDays: days))
        self.dailyProbabilityCovered = DailyHazard.probability(
            ofHazard: DailyHazard.constantHazard(cumulativeIncidence: covered, overDays: days))
    }

    /// The window contains abstinence day `day`.
    @inline(__always)
    func isAtRisk(onAbstinenceDay day: Int) -> Bool {
        day >= windowStartDay && day < windowStartDay + windowDays
    }
}

extension AlcoholWithdrawalModel {
    /// Every invalid parameter, with keys as in the scenario's `alcohol_withdrawal` block.
    public func validationProblems() -> [ParameterProblem] {
        var list = SafetyProblemList()
        for (key, c) in [("seizures", seizure), ("delirium_tremens", delirium)] {
            list.require(c.untreatedEpisodeRisk >= 0 && c.untreatedEpisodeRisk < 1, "\(key).untreated_risk",
                         "must be in [0, 1) (found \(c.untreatedEpisodeRisk))", fix: "Use the cumulative risk over the window, e.g. 0.05.")
            switch c.benzodiazepineEffect {
            case .relativeRisk(let rr):
                list.requireNonNegative(rr, "\(key).benzodiazepine.relative_risk", example: "0.16")
            case .riskDifference(let rd):
                list.requireProbability(rd, "\(key).benzodiazepine.risk_difference", example: "0.049")
            }
            list.require(c.coveredEpisodeRisk <= 1, "\(key).benzodiazepine",
                         "gives a covered risk above 1 (\(c.coveredEpisodeRisk))", fix: "Use a relative risk ≤ 1/untreated_risk.")
            list.require(c.windowStartDay >= 0, "\(key).window_start_day",
                         "must be ≥ 0 (found \(c.windowStartDay))", fix: "Use days after the last drink, e.g. 0.")
            list.require(c.windowDays >= 1, "\(key).window_days",
                         "must be ≥ 1 (found \(c.windowDays))", fix: "Use the number of days at risk, e.g. 3.")
            list.requireNonNegative(c.costPerEvent, "\(key).cost_per_event", example: "2500")
        }
        return list.problems
    }
}
