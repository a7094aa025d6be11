/// Health-state utilities and the daily QALY rule.
///
/// A year lived at utility u is worth u QALYs, so a day is worth u/365.25. On top of the state
/// utility:
/// - each side effect present on a day lowers that day's utility by `disutilityPerSideEffectDay`
///   (a utility decrement, so a day with two effects loses twice as much);
/// - each serious event costs a one-off `qalyLossPerSeriousEvent` (in QALYs: e.g. a decrement
///   of 0.3 lasting 14 days is 0.3 × 14/365.25 ≈ 0.0115 QALYs).
///
/// Sources (docs/sources.md#nhis-meps-eq5d, #kraemer2005, #laramee2014): EQ-5D 0.80 / 0.83 / 0.85 for non-drinking / low-risk / moderate
/// unhealthy drinking in the US general population [V]; alcohol dependence as a described state
/// TTO 0.54 (Kraemer 2005) [V]; per-level EQ-5D of the NICE TA325 model roughly 0.75–0.90,
/// falling with risk level [U]. Utilities are not age-adjusted here.
public struct UtilityModel: Sendable, Equatable {
    /// Utility (QALY weight per year lived) at each drinking-risk level.
    public var utilityByRiskLevel: PerDrinkingRiskLevel<Double>
    /// Utility decrement on a day with one side effect present (per effect).
    public var disutilityPerSideEffectDay: Double
    /// QALYs lost per serious event, by kind (one-off).
    public var qalyLossPerSeriousEvent: PerSeriousEvent<Double>

    /// Creates a utility model.
    public init(utilityByRiskLevel: PerDrinkingRiskLevel<Double>, disutilityPerSideEffectDay: Double = 0,
                qalyLossPerSeriousEvent: PerSeriousEvent<Double> = PerSeriousEvent(all: 0)) {
        self.utilityByRiskLevel = utilityByRiskLevel
        self.disutilityPerSideEffectDay = disutilityPerSideEffectDay
        self.qalyLossPerSeriousEvent = qalyLossPerSeriousEvent
    }

    /// QALYs accrued on one day.
    ///
    ///     fractionAlive × (u[level] − sideEffects × d − extraDisutility) / 365.25
    ///         − Σ_k events_k × loss_k
    ///
    /// - Parameters:
    ///   - level: today's drinking-risk level.
    ///   - sideEffectsPresent: side effects present today (onset or ongoing), each charged
    ///     `disutilityPerSideEffectDay`.
    ///   - extraDisutility: further utility decrement for today, e.g. the safety model's
    ///     per-effect `disutilityPerEpisodeDay` summed over today's effects (use this or
    ///     `sideEffectsPresent` for a given effect, not both).
    ///   - seriousEvents: serious events today.
    ///   - fractionOfDayAlive: 1 for a full day; less on the day of death (e.g. 0.5).
    /// - Returns: QALYs (undiscounted).
    @inline(__always)
    public func qalys(level: DrinkingRiskLevel, sideEffectsPresent: Int = 0, extraDisutility: Double = 0,
                      seriousEvents: PerSeriousEvent<Int> = .none, fractionOfDayAlive: Double = 1) -> Double {
        let utility = utilityByRiskLevel[level] - Double(sideEffectsPresent) * disutilityPerSideEffectDay
            - extraDisutility
        let eventLoss = Double(seriousEvents.seizure) * qalyLossPerSeriousEvent.seizure
            + Double(seriousEvents.delirium) * qalyLossPerSeriousEvent.delirium
            + Double(seriousEvents.toxicity) * qalyLossPerSeriousEvent.toxicity
        return fractionOfDayAlive * utility / YearLength.days - eventLoss
    }

    /// Life-years accrued on one day: `fractionOfDayAlive` / 365.25.
    @inline(__always)
    public static func lifeYears(fractionOfDayAlive: Double = 1) -> Double {
        fractionOfDayAlive / YearLength.days
    }

    /// Every problem, keys relative to the scenario's `economics.utility_by_risk_level` block; empty when
    /// valid.
    public func validate() -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        for level in DrinkingRiskLevel.allCases {
            let u = utilityByRiskLevel[level]
            if !(u >= -1 && u <= 1) {
                issues.append(ParameterProblem(
                    keyPath: "by_risk_level.\(PerDrinkingRiskLevel<Double>.scenarioKey(level))",
                    problem: "must be a utility in [−1, 1] (found \(ParameterProblem.formatNumber(u)))",
                    fix: "Give the QALY weight of a year at this level, e.g. 0.83 (EQ-5D, low-risk drinking)."))
            }
        }
        if !(disutilityPerSideEffectDay >= 0 && disutilityPerSideEffectDay <= 1) {
            issues.append(ParameterProblem(
                keyPath: "disutility_per_side_effect_day",
                problem: "must be in [0, 1] (found \(ParameterProblem.formatNumber(disutilityPerSideEffectDay)))",
                fix: "Give the utility lost on a day with a side effect, e.g. 0.02."))
        }
        for event in SeriousEvent.allCases {
            let loss = qalyLossPerSeriousEvent[event]
            if !(loss.isFinite && loss >= 0) {
                issues.append(ParameterProblem(
                    keyPath: "qaly_loss_per_serious_event.\(event.scenarioKey)",
                    problem: "must be a finite number of QALYs ≥ 0 (found \(ParameterProblem.formatNumber(loss)))",
                    fix: "Give the QALYs lost per event, e.g. 0.3 × 14/365.25 = 0.0115 for a 0.3 decrement lasting 14 days."))
            }
        }
        return issues
    }
}
