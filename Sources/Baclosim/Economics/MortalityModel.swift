import Foundation

/// Where background (all-cause, general-population) mortality comes from.
public enum BackgroundMortality: Sendable, Equatable {
    /// A Gompertz hazard a·e^{b·age}.
    case gompertz(GompertzHazard)
    /// A life table of annual death probabilities by age band.
    case lifeTable(LifeTable)

    /// ∫ μ over ages [from, to] years.
    @inline(__always)
    public func cumulativeHazard(fromAgeYears from: Double, toAgeYears to: Double) -> Double {
        switch self {
        case .gompertz(let hazard): hazard.cumulativeHazard(fromAgeYears: from, toAgeYears: to)
        case .lifeTable(let table): table.cumulativeHazard(fromAgeYears: from, toAgeYears: to)
        }
    }
}

/// Daily death: background mortality times a relative risk for the day's drinking-risk level
/// (and for serious events that day), plus a case fatality for each serious event.
///
/// For a subject aged x years at the start of the day, with H the background cumulative hazard
/// over [x, x + 1/365.25]:
///
///     P(death today) = 1 − exp(−H · RR[level] · Π_k RR_k^{n_k}) · Π_k (1 − CF_k)^{n_k}
///
/// where n_k is the number of serious events of kind k today. Relative risks multiply the
/// hazard (proportional hazards); a case fatality is an independent risk of dying from the event
/// itself. Sources: docs/sources.md#roerecke2015: drinking-risk-level shifts change all-cause mortality
/// (Roerecke 2015: nalmefene −8% (2–13%) [V]); delirium tremens mortality now < 1% (docs/sources.md#au-withdrawal-guidelines) [V].
/// Background mortality is for one sex; keep one model per sex where life tables differ.
public struct MortalityModel: Sendable, Equatable {
    /// General-population mortality.
    public var background: BackgroundMortality
    /// Hazard ratio at each drinking-risk level (1 = background).
    public var relativeRiskByRiskLevel: PerDrinkingRiskLevel<Double>
    /// Hazard ratio on the day of a serious event, per event.
    public var seriousEventRelativeRisk: PerSeriousEvent<Double>
    /// Probability of dying from a serious event itself, per event.
    public var seriousEventCaseFatality: PerSeriousEvent<Double>

    /// Creates a model; relative risks default to 1 and case fatalities to 0.
    public init(background: BackgroundMortality,
                relativeRiskByRiskLevel: PerDrinkingRiskLevel<Double> = PerDrinkingRiskLevel(all: 1),
                seriousEventRelativeRisk: PerSeriousEvent<Double> = PerSeriousEvent(all: 1),
                seriousEventCaseFatality: PerSeriousEvent<Double> = PerSeriousEvent(all: 0)) {
        self.background = background
        self.relativeRiskByRiskLevel = relativeRiskByRiskLevel
        self.seriousEventRelativeRisk = seriousEventRelativeRisk
        self.seriousEventCaseFatality = seriousEventCaseFatality
    }

    /// The background hazard integrated over the day starting at `ageYears` (dimensionless).
    @inline(__always)
    public func backgroundDailyHazard(ageYears: Double) -> Double {
        background.cumulativeHazard(fromAgeYears: ageYears, toAgeYears: ageYears + 1 / YearLength.days)
    }

    /// P(death today) for a subject aged `ageYears` at the start of the day (formula above).
    /// - Complexity: O(log bands) for a life table; no allocation.
    @inline(__always)
    public func dailyDeathProbability(ageYears: Double, level: DrinkingRiskLevel,
                                      seriousEvents: PerSeriousEvent<Int> = .none) -> Double {
        var hazard = backgroundDailyHazard(ageYears: ageYears) * relativeRiskByRiskLevel[level]
        var logSurvival = 0.0
        // Kinds unrolled: `SeriousEvent.allCases` would build an array on every call.
        if seriousEvents.total > 0 {
            applyEvents(seriousEvents.seizure, .seizure, &hazard, &logSurvival)
            applyEvents(seriousEvents.delirium, .delirium, &hazard, &logSurvival)
            applyEvents(seriousEvents.toxicity, .toxicity, &hazard, &logSurvival)
        }
        let p = -expm1(logSurvival - hazard)
        // NaN only from 0 × ∞ (a zero relative risk in a closing q = 1 band): certain death there.
        return p.isNaN ? 1 : p
    }

    /// Applies `count` events of kind `event`: hazard × RR^count, log-survival + count·ln(1 − CF).
    @inline(__always)
    private func applyEvents(_ count: Int, _ event: SeriousEvent, _ hazard: inout Double, _ logSurvival: inout Double) {
        guard count > 0 else { return }
        hazard *= pow(seriousEventRelativeRisk[event], Double(count))
        logSurvival += Double(count) * log1p(-seriousEventCaseFatality[event])
    }

    /// The daily death decision: dies iff `uniform` < P(death today).
    /// - Parameter uniform: the subject's uniform in (0, 1) for this day (purpose `.mortality`),
    ///   the same in every arm.
    @inline(__always)
    public func dies(ageYears: Double, level: DrinkingRiskLevel, seriousEvents: PerSeriousEvent<Int> = .none,
                     uniform: Double) -> Bool {
        uniform < dailyDeathProbability(ageYears: ageYears, level: level, seriousEvents: seriousEvents)
    }

    /// Every problem, keys relative to the scenario's `economics.mortality` block.
    public func validate() -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        switch background {
        case .gompertz(let hazard):
            issues += hazard.validate().map { $0.under("gompertz") }
        case .lifeTable(let table):
            issues += table.validate().map { $0.under("life_table") }
        }
        for level in DrinkingRiskLevel.allCases {
            let rr = relativeRiskByRiskLevel[level]
            if !(rr.isFinite && rr >= 0) {
                issues.append(ParameterProblem(
                    keyPath: "relative_risk_by_risk_level.\(PerDrinkingRiskLevel<Double>.scenarioKey(level))",
                    problem: "must be a finite number ≥ 0 (found \(ParameterProblem.formatNumber(rr)))",
                    fix: "Give the all-cause mortality hazard ratio at this level against background, e.g. 1.5."))
            }
        }
        for event in SeriousEvent.allCases {
            let rr = seriousEventRelativeRisk[event]
            if !(rr.isFinite && rr >= 0) {
                issues.append(ParameterProblem(
                    keyPath: "serious_event_relative_risk.\(event.scenarioKey)",
                    problem: "must be a finite number ≥ 0 (found \(ParameterProblem.formatNumber(rr)))",
                    fix: "Give the hazard ratio on the day of the event, or 1 for none."))
            }
            let cf = seriousEventCaseFatality[event]
            if !(cf >= 0 && cf <= 1) {
                issues.append(ParameterProblem(
                    keyPath: "serious_event_case_fatality.\(event.scenarioKey)",
                    problem: "must be a probability in [0, 1] (found \(ParameterProblem.formatNumber(cf)))",
                    fix: "Give the probability of dying from one event, e.g. 0.01 for delirium tremens (now < 1%, docs/sources.md#au-withdrawal-guidelines)."))
            }
        }
        return issues
    }
}
