/// One trial endpoint computed from the daily drinking record (docs/model.md#8-endpoints-as-trials-define-them;
/// Addolorato 2007, Garbutt 2010, Cochrane 2023 define theirs this way). A drinking
/// day is a day with at least one drink.
enum EndpointDefinition: Sendable, Equatable {
    /// 1 if no drinking day in the window, else 0 (Addolorato 2002/2007 "total abstinence";
    /// RM-1 `continuous_abstinence`, `abstinent_through_day_X` with `DayWindow.through(day:)`).
    case continuousAbstinence(DayWindow, MissingDataConvention)
    /// Number of abstinent days (cumulative abstinence duration, CAD).
    case abstinentDays(DayWindow, MissingDataConvention)
    /// Abstinent days / counted days, a proportion in [0, 1] (PDA/100; RM-1 `pda`).
    case proportionDaysAbstinent(DayWindow, MissingDataConvention)
    /// Heavy drinking days / counted days, in [0, 1] (PHDD/100; RM-1 `phdd` with ≥ 5 for all).
    case proportionHeavyDrinkingDays(DayWindow, HeavyDrinkingThreshold, MissingDataConvention)
    /// Time to the first drinking day (lapse), in days: an event on day d has time d − first + 1.
    case timeToFirstDrink(DayWindow, MissingDataConvention)
    /// Time to relapse under a definition, in days (as `timeToFirstDrink`).
    case timeToRelapse(DayWindow, RelapseDefinition, MissingDataConvention)
    /// WHO drinking-risk level (`DrinkingRiskLevel.rawValue`) of the mean g/day over the window
    /// (e.g. `DayWindow.final(days: 28, …)`).
    case drinkingRiskLevel(DayWindow, MissingDataConvention)
    /// 1 if the window's mean g/day is at most the low-risk level (abstinent or low), else 0.
    case lowRiskDrinking(DayWindow, MissingDataConvention)
    /// Mean grams of ethanol per counted day.
    case meanGramsPerDay(DayWindow, MissingDataConvention)
    /// Total standard drinks over counted days (RM-1 `drinks_per_subject` over days 0–83).
    case totalDrinks(DayWindow, MissingDataConvention)
    /// Standard drinks per counted drinking day (trials' "drinks per drinking day"); NaN for a
    /// subject with no drinking day in the window. Under `dropout_is_failure` an imputed day is
    /// a drinking day at the baseline drinks per day.
    case drinksPerDrinkingDay(DayWindow, MissingDataConvention)
    /// Change from the subject's own pre-treatment drinking (`baseline_drinks_per_day`,
    /// `baseline_heavy_drinking_days_percent`) or craving, as trials report it: the mean per
    /// counted day minus the baseline, in standard drinks or grams per day, in percent of the
    /// baseline (`100·(mean − baseline)/baseline`), or the percentage of heavy days minus the
    /// baseline percentage. Under `dropout_is_failure` an unobserved day counts at the baseline
    /// drinks (baseline observation carried forward) and as a heavy day.
    case changeFromBaseline(DayWindow, BaselineChange, MissingDataConvention)
    /// 1 if observation ended on or before the window's last day, else 0.
    case dropout(DayWindow)
    /// Time to dropout: first unobserved day d → time d − first + 1 (0 if before the window),
    /// censored at the window's length.
    case timeToDropout(DayWindow)
    /// 1 if still observed (in treatment) on the window's last day, else 0: retention at day N,
    /// `1 − dropout` (Mattick 2009/2014 "retention in treatment").
    case retention(DayWindow)
    /// Share of scheduled urine tests that are negative (opioid and cocaine trials' main use
    /// outcome). Tests fall on the last day of every `UrineSchedule.everyDays` days of the
    /// window; a test is positive when a use day lies within the `detectionDays` days up to and
    /// including the test day (use before the window counts). A test after dropout is positive
    /// under `dropoutIsFailure` (the trials' "missing = positive"), skipped under
    /// `observedOnly`, and read from the simulated use under `complete`.
    case urineNegativeShare(DayWindow, UrineSchedule, MissingDataConvention)

    /// The window assessed.
    var window: DayWindow {
        switch self {
        case .continuousAbstinence(let w, _), .abstinentDays(let w, _),
             .proportionDaysAbstinent(let w, _), .proportionHeavyDrinkingDays(let w, _, _),
             .timeToFirstDrink(let w, _), .timeToRelapse(let w, _, _), .drinkingRiskLevel(let w, _),
             .lowRiskDrinking(let w, _), .meanGramsPerDay(let w, _), .totalDrinks(let w, _), .drinksPerDrinkingDay(let w, _),
             .dropout(let w), .timeToDropout(let w), .retention(let w), .urineNegativeShare(let w, _, _),
             .changeFromBaseline(let w, _, _):
            return w
        }
    }

    /// The missing-data convention (dropout endpoints observe everything: `.complete`).
    var convention: MissingDataConvention {
        switch self {
        case .continuousAbstinence(_, let c), .abstinentDays(_, let c),
             .proportionDaysAbstinent(_, let c), .proportionHeavyDrinkingDays(_, _, let c),
             .timeToFirstDrink(_, let c), .timeToRelapse(_, _, let c), .drinkingRiskLevel(_, let c),
             .lowRiskDrinking(_, let c), .meanGramsPerDay(_, let c), .totalDrinks(_, let c), .drinksPerDrinkingDay(_, let c),
             .urineNegativeShare(_, _, let c), .changeFromBaseline(_, _, let c):
            return c
        case .dropout, .timeToDropout, .retention:
            return .complete
        }
    }

    /// True for endpoints whose value is 0 or 1 per subject, reported as a share of subjects
    /// (times to event count their events).
    var isShareOfSubjects: Bool {
        switch self {
        case .continuousAbstinence, .lowRiskDrinking, .dropout, .timeToFirstDrink, .timeToRelapse, .timeToDropout, .retention: return true
        default: return false
        }
    }

    /// True for time-to-event endpoints (value = time in days, `censored` = no event).
    var isTimeToEvent: Bool {
        switch self {
        case .timeToFirstDrink, .timeToRelapse, .timeToDropout: return true
        default: return false
        }
    }

    /// True for endpoints that need drink amounts (heavy days, grams, drinks, WHO risk levels):
    /// meaningless for an illicit drug (`Substance.hasAmounts`).
    var needsAmounts: Bool {
        switch self {
        case .proportionHeavyDrinkingDays, .drinkingRiskLevel, .lowRiskDrinking, .meanGramsPerDay, .totalDrinks, .drinksPerDrinkingDay:
            return true
        case .changeFromBaseline(_, let change, _):
            return change != .craving
        case .timeToRelapse:
            return true
        default:
            return false
        }
    }

    /// Problems with the definition for a horizon of `horizonDays`, each a sentence with the
    /// fix; empty when valid.
    func problems(horizonDays: Int) -> [String] {
        var found: [String] = []
        let w = window
        if w.firstDay < 0 || w.lastDay >= horizonDays || w.firstDay > w.lastDay {
            found.append("window [\(w.firstDay), \(w.lastDay)] must lie within days 0…\(horizonDays - 1) "
                         + "with first ≤ last")
        }
        if case .urineNegativeShare(_, let schedule, _) = self {
            if schedule.everyDays < 1 || schedule.detectionDays < 1 {
                found.append("urine tests need test_every_days ≥ 1 and detection_days ≥ 1 "
                             + "(found \(schedule.everyDays) and \(schedule.detectionDays))")
            } else if schedule.everyDays > w.lengthDays {
                found.append("test_every_days \(schedule.everyDays) is longer than the window (\(w.lengthDays) days): no test falls in it")
            }
        }
        if case .timeToRelapse(_, let relapse, _) = self {
            if relapse.singleDayDrinksAbove == nil && relapse.heavyDays == nil
                && relapse.weeklyDrinks == nil {
                found.append("relapse definition needs at least one criterion")
            }
            if let heavy = relapse.heavyDays, heavy.count < 1 || heavy.windowDays < 1
                || heavy.windowDays > 64 || heavy.count > heavy.windowDays {
                found.append("heavy_days: need 1 ≤ count ≤ window_days ≤ 64 "
                             + "(found \(heavy.count) in \(heavy.windowDays))")
            }
            if let weekly = relapse.weeklyDrinks, weekly.consecutiveWeeks < 1 {
                found.append("weekly_drinks.consecutive_weeks must be ≥ 1")
            }
        }
        return found
    }
}

/// The quantity and scale of a change-from-baseline endpoint.
enum BaselineChange: Sendable, Equatable {
    /// Standard drinks per day, absolute (`change_in_drinks_per_day`).
    case drinksPerDay
    /// Grams of ethanol per day, absolute (`change_in_grams_per_day`).
    case gramsPerDay
    /// Drinks (equally grams) per day, in percent of the baseline (`percent_change_in_drinks_per_day`).
    case percent
    /// The latent craving score, absolute (`change_in_craving`): the mean over counted days minus
    /// the score before treatment (day 0's).
    case craving
    /// The percentage of counted days that are heavy by the threshold, minus the subject's
    /// pre-treatment percentage (`baseline_heavy_drinking_days_percent`), in percentage points
    /// (`change_in_percent_heavy_drinking_days`).
    case heavyDaysPercent(HeavyDrinkingThreshold)
}

/// When urine is tested and how long a use day stays detectable.
struct UrineSchedule: Sendable, Equatable {
    /// A test on the last day of every `everyDays` days of the window (7 = weekly).
    var everyDays: Int
    /// Days a use day stays detectable, the use day included (opioids ≈ 3, cocaine
    /// metabolite ≈ 3: ASSUMPTION-level defaults a scenario states).
    var detectionDays: Int
}

/// One subject's value of one endpoint.
public struct EndpointValue: Sendable, Equatable {
    /// The value: 0/1 for binary endpoints, a count, a proportion in [0, 1], a level index, or a
    /// time in days. NaN when no day was counted (observed-only with dropout before the window).
    public var value: Double
    /// Time-to-event: true when no event (right-censored at `value`). Other endpoints: true when
    /// the observed-only convention skipped unobserved days of the window.
    public var censored: Bool

    /// Memberwise initialiser.
    public init(value: Double, censored: Bool) {
        self.value = value
        self.censored = censored
    }
}
