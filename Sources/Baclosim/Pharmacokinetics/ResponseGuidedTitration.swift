/// Titration to response and tolerability, as the individually titrated high-dose baclofen
/// trials and French practice prescribe it (docs/model.md §4, "Dosing that follows the
/// patient"): start low, raise the daily dose one step at a time while the patient still drinks
/// (or craves) and tolerates the drug, hold it once the response criterion is met, step down
/// one step on an intolerable side effect and wait before trying again, up to a ceiling.
///
/// The rule is data, for any drug. It is evaluated on rule days only (every
/// ``stepIntervalDays`` days from day 0, before that day's doses), on what the subject model
/// produced on the days before: never on the day itself or later. What the subject does on the
/// rule day cannot change that day's dose.
///
/// Order on a rule day `d` (``RegimenSchedule/applyTitrationRule(_:day:observation:intolerableSideEffect:)``):
/// 1. criterion met over days `d − windowDays … d − 1` → hold (and remember `d` as a day of response);
/// 2. otherwise, a stopping rule whose time without response has run out → stop the drug
///    (the regimen's `discontinuation`);
/// 3. otherwise hold while an intolerable side effect is present, during the hold after a step
///    down, once the re-escalations are used up, or at the ceiling;
/// 4. otherwise raise the daily dose by one step (never above the ceiling).
///
/// A step down happens when an intolerable side effect's consequence is `reduce_dose`: the
/// dose falls by ``stepDownMgPerDay`` (never below the start dose) from the next day, and the
/// next ``holdAfterStepDownDays`` days are held. The first escalation after a step down is a
/// re-escalation; after ``maxReescalations`` of them a further step down is final.
public struct ResponseGuidedTitration: Sendable, Equatable {
    /// Daily dose from day 0 (mg/day, > 0).
    public var startMgPerDay: Double
    /// Daily dose added at each escalation (mg/day, > 0).
    public var stepMgPerDay: Double
    /// Days between rule days (≥ 1); the first rule day is this day.
    public var stepIntervalDays: Int
    /// Highest daily dose the rule prescribes (mg/day, ≥ start). The regimen's cap still applies.
    public var ceilingMgPerDay: Double
    /// What counts as a response.
    public var response: ResponseCriterion
    /// Daily dose removed by a step down (mg/day, > 0); defaults to ``stepMgPerDay``.
    public var stepDownMgPerDay: Double
    /// Days held after a step down before escalation may resume (≥ 0).
    public var holdAfterStepDownDays: Int
    /// Escalations allowed after step downs over the whole course (≥ 0).
    public var maxReescalations: Int
    /// Stop the drug on a rule day when no rule day in the last this many days found a response
    /// (counting from day 0 when none has yet), or `nil` to never stop for lack of response.
    public var stopWithoutResponseDays: Int?

    /// Creates a rule; check it with ``validationIssues()``.
    public init(startMgPerDay: Double, stepMgPerDay: Double, stepIntervalDays: Int, ceilingMgPerDay: Double,
                response: ResponseCriterion, stepDownMgPerDay: Double? = nil, holdAfterStepDownDays: Int = 0,
                maxReescalations: Int = 0, stopWithoutResponseDays: Int? = nil) {
        self.startMgPerDay = startMgPerDay
        self.stepMgPerDay = stepMgPerDay
        self.stepIntervalDays = stepIntervalDays
        self.ceilingMgPerDay = ceilingMgPerDay
        self.response = response
        self.stepDownMgPerDay = stepDownMgPerDay ?? stepMgPerDay
        self.holdAfterStepDownDays = holdAfterStepDownDays
        self.maxReescalations = maxReescalations
        self.stopWithoutResponseDays = stopWithoutResponseDays
    }

    /// The daily dose (mg/day) after `escalations` escalations with no step down and no hold:
    /// `min(ceiling, start + escalations · step)`. The closed form of a criterion never met.
    public func dailyDoseMg(afterEscalations escalations: Int) -> Double {
        min(ceilingMgPerDay, startMgPerDay + Double(max(0, escalations)) * stepMgPerDay)
    }

    /// Problems with the rule, each with its key path relative to the `titrate_to_response`
    /// block; empty when it is valid.
    public func validationIssues() -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        func report(_ key: String, _ problem: String, _ fix: String) {
            issues.append(ParameterProblem(keyPath: "titrate_to_response." + key, problem: problem, fix: fix))
        }
        func positive(_ value: Double) -> Bool { value > 0 && value.isFinite }
        if !positive(startMgPerDay) {
            report("start_mg_per_day", "must be > 0 (found \(format(startMgPerDay)))", "Give the first daily dose in mg/day, e.g. 15.")
        }
        if !positive(stepMgPerDay) {
            report("step_mg_per_day", "must be > 0 (found \(format(stepMgPerDay)))",
                   "Give the daily dose added at each step in mg/day, e.g. 15; for a fixed dose use maintenance_mg_per_day instead.")
        }
        if stepIntervalDays < 1 {
            report("step_interval_days", "must be ≥ 1 (found \(stepIntervalDays))", "Give the days between dose decisions, e.g. 3.")
        }
        if !positive(ceilingMgPerDay) {
            report("ceiling_mg_per_day", "must be > 0 (found \(format(ceilingMgPerDay)))", "Give the highest daily dose in mg/day, e.g. 300.")
        } else if positive(startMgPerDay), ceilingMgPerDay < startMgPerDay {
            report("ceiling_mg_per_day",
                   "is below start_mg_per_day (\(format(ceilingMgPerDay)) < \(format(startMgPerDay)) mg/day): the rule could never give its start dose",
                   "Raise ceiling_mg_per_day to at least \(format(startMgPerDay)), or lower start_mg_per_day.")
        }
        // (Left out, the step down is the step: a bad step is reported once, above.)
        if !positive(stepDownMgPerDay) && stepDownMgPerDay.bitPattern != stepMgPerDay.bitPattern {
            report("on_intolerable_side_effect.step_down_mg_per_day", "must be > 0 (found \(format(stepDownMgPerDay)))",
                   "Give the daily dose removed after an intolerable side effect in mg/day, e.g. 15, or leave it out to use step_mg_per_day.")
        }
        if holdAfterStepDownDays < 0 {
            report("on_intolerable_side_effect.hold_days", "must be ≥ 0 (found \(holdAfterStepDownDays))",
                   "Give the days the dose is held after a step down, e.g. 14.")
        }
        if maxReescalations < 0 {
            report("on_intolerable_side_effect.max_reescalations", "must be ≥ 0 (found \(maxReescalations))",
                   "Give how many times escalation may resume after a step down, e.g. 2.")
        }
        if let days = stopWithoutResponseDays, days < stepIntervalDays {
            report("stop_without_response_weeks",
                   "is shorter than one step interval (\(days) < \(stepIntervalDays) days): the drug would stop at the first decision",
                   "Give at least \(max(1, (stepIntervalDays + 6) / 7)) week(s), or remove the key.")
        }
        issues += response.validationIssues(prefix: "titrate_to_response.response.")
        return issues
    }
}

/// When a subject counts as responding on a rule day: every condition given holds over the
/// last ``windowDays`` days before it (fewer on the first rule days; the days before day 0 do
/// not count). At least one condition is needed.
public struct ResponseCriterion: Sendable, Equatable {
    /// Days looked back from a rule day (1…``maximumWindowDays``).
    public var windowDays: Int
    /// At most this many drinking days in the window (0: abstinent throughout), or `nil`.
    public var maxDrinkingDays: Int?
    /// At most this many heavy drinking days in the window (the model's heavy-day threshold,
    /// `drinking.heavy_day_drinks`, by sex), or `nil`.
    public var maxHeavyDays: Int?
    /// The mean craving score over the window at most this (the craving scale of the scenario),
    /// or `nil`.
    public var maxMeanCraving: Double?

    /// Longest window the engine keeps per subject (days).
    public static let maximumWindowDays = 365

    /// Creates a criterion; at least one condition is needed.
    public init(windowDays: Int, maxDrinkingDays: Int? = nil, maxHeavyDays: Int? = nil, maxMeanCraving: Double? = nil) {
        self.windowDays = windowDays
        self.maxDrinkingDays = maxDrinkingDays
        self.maxHeavyDays = maxHeavyDays
        self.maxMeanCraving = maxMeanCraving
    }

    /// Whether `observation` meets every condition. A window with no day yet (day 0) meets none.
    public func isMet(by observation: ResponseObservation) -> Bool {
        guard observation.days > 0 else { return false }
        if let maxDrinkingDays, observation.drinkingDays > maxDrinkingDays { return false }
        if let maxHeavyDays, observation.heavyDays > maxHeavyDays { return false }
        if let maxMeanCraving, !(observation.meanCraving <= maxMeanCraving) { return false }
        return true
    }

    func validationIssues(prefix: String) -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        if windowDays < 1 || windowDays > Self.maximumWindowDays {
            issues.append(ParameterProblem(keyPath: prefix + "window_days",
                                        problem: "must be in 1…\(Self.maximumWindowDays) (found \(windowDays))",
                                        fix: "Give the days looked back at each decision, e.g. 7 or 14."))
        }
        if maxDrinkingDays == nil && maxHeavyDays == nil && maxMeanCraving == nil {
            issues.append(ParameterProblem(keyPath: prefix.hasSuffix(".") ? String(prefix.dropLast()) : prefix,
                                        problem: "names no condition, so no subject could ever respond",
                                        fix: "Give max_drinking_days, max_heavy_days or max_mean_craving, e.g. max_heavy_days: 0."))
        }
        for (key, value) in [("max_drinking_days", maxDrinkingDays), ("max_heavy_days", maxHeavyDays)] {
            if let value, value < 0 || value >= windowDays {
                issues.append(ParameterProblem(keyPath: prefix + key,
                                            problem: "must be in 0…\(max(0, windowDays - 1)) for a \(windowDays)-day window (found \(value))",
                                            fix: "Give how many such days still count as a response, e.g. 0; \(windowDays) or more would always be met."))
            }
        }
        if let maxMeanCraving, !maxMeanCraving.isFinite {
            issues.append(ParameterProblem(keyPath: prefix + "max_mean_craving", problem: "must be a finite number (found \(format(maxMeanCraving)))",
                                        fix: "Give the highest mean craving score that counts as a response, e.g. 0.5."))
        }
        return issues
    }
}

/// What the subject model produced over a response window (``ResponseCriterion``).
public struct ResponseObservation: Sendable, Equatable {
    /// Days in the window (0 on day 0).
    public var days: Int
    /// Days with at least one drink.
    public var drinkingDays: Int
    /// Heavy drinking days.
    public var heavyDays: Int
    /// Mean craving score over the window's days (NaN when `days` is 0).
    public var meanCraving: Double

    public init(days: Int, drinkingDays: Int, heavyDays: Int, meanCraving: Double) {
        self.days = days
        self.drinkingDays = drinkingDays
        self.heavyDays = heavyDays
        self.meanCraving = meanCraving
    }
}

/// What a rule day decided (``RegimenSchedule/applyTitrationRule(_:day:observation:intolerableSideEffect:)``).
public enum TitrationDecision: Sendable, Equatable {
    /// Not a rule day, or the rule no longer applies (taper, stop).
    case none
    /// Response: the dose is held.
    case holdResponding
    /// No response, but the dose is held (side effect, hold after a step down, no
    /// re-escalation left, or at the ceiling).
    case holdBlocked
    /// The dose went up one step.
    case escalate
    /// No response for the stopping rule's time: the drug stops.
    case stopForNoResponse
}

private func format(_ value: Double) -> String {
    ParameterProblem.formatNumber(value)
}
