/// What the endpoints need to know about the subject.
struct EndpointSubject: Sendable, Equatable {
    /// Sex, for sex-specific heavy thresholds and WHO risk bands.
    var sex: Sex
    /// Baseline drinks per day, carried forward on unobserved days under `dropoutIsFailure`.
    var baselineDrinksPerDay: Double
    /// Grams per standard drink, for a change in grams per day.
    var standardDrinkGrams: Double = 12
    /// Craving score before treatment (day 0's), for a change in craving.
    var baselineCraving: Double = 0
    /// Percentage of heavy drinking days before treatment (NaN when the population does not
    /// give it), for a change in heavy drinking days.
    var baselineHeavyDaysPercent: Double = .nan
}

/// The running state of one endpoint for one subject: a few counters and a 64-bit ring of heavy
/// days, no per-day storage. Fed day by day by `EndpointTracker`.
struct EndpointAccumulator: Sendable, Equatable {
    /// The endpoint.
    let definition: EndpointDefinition
    /// `definition.window` and `definition.convention`, read every day: cached so the daily
    /// call does not re-switch over the definition.
    private let window: DayWindow
    private let convention: MissingDataConvention
    /// What the definition tracks beyond the common counters, decided once here so the daily
    /// call reads plain fields instead of matching (and copying) the definition's payload.
    private let dailyKind: DailyKind
    /// The heavy-day threshold of `proportionHeavyDrinkingDays` (unused otherwise).
    private let heavyThreshold: HeavyDrinkingThreshold

    /// The per-day extra work of a definition.
    private enum DailyKind: Sendable, Equatable {
        case none, heavyDays, firstDrink, relapse, urine
    }

    /// Days of the window counted under the convention (observed, or imputed as failure).
    private var countedDays = 0
    /// Counted days with drinking (or imputed as drinking).
    private var drinkingDays = 0
    /// Counted heavy days by the endpoint's own threshold.
    private var heavyDays = 0
    /// Standard drinks over counted days (baseline carried forward on imputed days).
    private var drinks = 0.0
    /// Grams over counted days.
    private var grams = 0.0
    /// Time (days from the window start, 1-based) of the first event, once it happened.
    private var eventTime: Int?
    /// The observed-only convention skipped an unobserved day of the window.
    private var skippedDays = false
    /// Dropout: the first day reported unobserved.
    private var firstUnobservedDay: Int?
    /// The last observed day's drinks and grams (`lastObservationCarriedForward`); nil before
    /// any observed day.
    private var lastObservedDrinks: Int?
    private var lastObservedGrams = 0.0
    /// Change in craving: the craving scores summed over counted days, and the last observed one.
    private var cravingSum = 0.0
    private var lastObservedCraving: Double?
    /// The relapse criteria's running state over counted days (`timeToRelapse`).
    private var relapseDetector = RelapseDetector()
    /// Urine tests: the schedule, the last simulated use day (any day, window or not), tests
    /// counted and positive.
    private let urine: UrineSchedule
    private var lastUseDay: Int?
    private var urineTests = 0
    private var urinePositive = 0

    /// A fresh accumulator for `definition`.
    init(definition: EndpointDefinition) {
        self.definition = definition
        window = definition.window
        convention = definition.convention
        heavyThreshold = switch definition {
        case .proportionHeavyDrinkingDays(_, let threshold, _), .changeFromBaseline(_, .heavyDaysPercent(let threshold), _): threshold
        default: .niaaa
        }
        urine = if case .urineNegativeShare(_, let schedule, _) = definition { schedule } else { UrineSchedule(everyDays: 1, detectionDays: 1) }
        dailyKind = switch definition {
        case .urineNegativeShare: .urine
        case .proportionHeavyDrinkingDays, .changeFromBaseline(_, .heavyDaysPercent, _): .heavyDays
        case .timeToFirstDrink: .firstDrink
        case .timeToRelapse: .relapse
        default: .none
        }
    }

    /// Clears the state for the next subject.
    mutating func reset() {
        self = EndpointAccumulator(definition: definition)
    }

    /// Takes one day of the record.
    /// - Parameters:
    ///   - d: study day (every day 0 ..< horizon, in order).
    ///   - n: standard drinks that day as simulated (0 = abstinent).
    ///   - g: grams of ethanol that day.
    ///   - observed: the day is observed (false from dropout on).
    ///   - subject: sex and baseline drinking.
    ///   - standardDrinkGrams: grams per standard drink, for carried-forward baseline grams.
    /// - Complexity: O(1); allocation-free.
    mutating func observe(day d: Int, drinks observedDrinks: Int, grams observedGrams: Double, observed: Bool,
                          subject: EndpointSubject, standardDrinkGrams: Double, craving observedCraving: Double = .nan) {
        var n = observedDrinks, g = observedGrams, craving = observedCraving
        if !observed && firstUnobservedDay == nil { firstUnobservedDay = d }
        if observed {
            lastObservedDrinks = n
            lastObservedGrams = g
            lastObservedCraving = craving
        }
        if dailyKind == .urine {
            observeUrine(day: d, used: n > 0, observed: observed)
            return
        }
        guard window.contains(d) else { return }
        let failure: Bool
        switch (observed, convention) {
        case (true, _), (false, .complete):
            failure = false
        case (false, .observedOnly), (false, .completers):
            skippedDays = true
            return
        case (false, .dropoutIsFailure):
            failure = true
        case (false, .lastObservationCarriedForward):
            if let last = lastObservedDrinks {
                n = last
                g = lastObservedGrams
                craving = lastObservedCraving ?? subject.baselineCraving
                failure = false
            } else {
                failure = true
            }
        }
        countedDays += 1
        let drank = failure || n > 0
        if drank { drinkingDays += 1 }
        drinks += failure ? subject.baselineDrinksPerDay : Double(n)
        cravingSum += failure ? subject.baselineCraving : craving
        grams += failure ? subject.baselineDrinksPerDay * standardDrinkGrams : g
        let time = d - window.firstDay + 1

        switch dailyKind {
        case .none, .urine:
            break
        case .heavyDays:
            if failure || heavyThreshold.isHeavy(drinks: n, sex: subject.sex) { heavyDays += 1 }
        case .firstDrink:
            if eventTime == nil && drank { eventTime = time }
        case .relapse:
            guard eventTime == nil, case .timeToRelapse(_, let relapse, _) = definition else { break }
            let met = relapseDetector.observe(relapse, day: d, firstDay: window.firstDay, lastDay: window.lastDay, drinks: n, sex: subject.sex)
            if failure || met { eventTime = time }
        }
    }

    /// The subject died: days `day ..< horizonDays` are missing under every convention (as
    /// `observe(…, observed: false)` under `observedOnly`, whatever this endpoint's convention:
    /// the dead do not drink, and imputing them as failures would count death as relapse).
    mutating func observeDeath(fromDay day: Int, horizonDays: Int) {
        if firstUnobservedDay == nil { firstUnobservedDay = day }
        let end = min(horizonDays, window.lastDay + 1)
        guard day < end else { return }
        for d in max(day, window.firstDay)..<end {
            if dailyKind == .urine && (d - window.firstDay + 1) % urine.everyDays != 0 { continue }
            skippedDays = true
            return
        }
    }

    /// Whether an observed day without drinks (0 drinks, 0 g) changes nothing but the count of
    /// counted days, so that such days can be handed over in bulk (`observeAbstinentDays`)
    /// with the same result as one `observe` call each. Kinds with daily state of their own
    /// (relapse criteria, and any not listed) say no.
    var defersAbstinentDays: Bool {
        switch dailyKind {
        case .none, .firstDrink:
            // A change in craving reads every day's craving.
            if case .changeFromBaseline(_, .craving, _) = definition { false } else { true }
        case .heavyDays: !heavyThreshold.isHeavy(drinks: 0, sex: .male) && !heavyThreshold.isHeavy(drinks: 0, sex: .female)
        default: false
        }
    }

    /// `observe` for each day of `days`, every one observed with 0 drinks and 0 g (only valid
    /// when `defersAbstinentDays`): the days inside the window are counted; drinks, grams and
    /// the daily kinds' state stay as they are.
    mutating func observeAbstinentDays(_ days: Range<Int>) {
        assert(defersAbstinentDays, "bulk days for an endpoint with daily state")
        let first = max(days.lowerBound, window.firstDay), end = min(days.upperBound, window.lastDay + 1)
        if end > first { countedDays += end - first }
        // Observed days without drinks: the last observation is one of them.
        if !days.isEmpty {
            lastObservedDrinks = 0
            lastObservedGrams = 0
        }
    }

    /// Urine tests (`urineNegativeShare`): remembers the last use day, and on a test day counts
    /// the test under the missing-data convention.
    private mutating func observeUrine(day d: Int, used: Bool, observed: Bool) {
        if used { lastUseDay = d }
        guard window.contains(d), (d - window.firstDay + 1) % urine.everyDays == 0 else { return }
        let detected = lastUseDay.map { d - $0 < urine.detectionDays } ?? false
        switch (observed, convention) {
        case (true, _), (false, .complete):
            urineTests += 1
            if detected { urinePositive += 1 }
        case (false, .observedOnly), (false, .completers), (false, .lastObservationCarriedForward):
            // (Carrying a test forward is not defined: decoding refuses it for urine tests.)
            skippedDays = true
        case (false, .dropoutIsFailure):
            urineTests += 1
            urinePositive += 1
        }
    }

    /// The subject's value, once every day of the window has been observed.
    func result(subject: EndpointSubject) -> EndpointValue {
        if convention == .completers, let first = firstUnobservedDay, first <= window.lastDay {
            return EndpointValue(value: .nan, censored: true)
        }
        let counted = Double(countedDays)
        let none = countedDays == 0
        switch definition {
        case .continuousAbstinence:
            return EndpointValue(value: none ? .nan : (drinkingDays == 0 ? 1 : 0), censored: skippedDays)
        case .abstinentDays:
            return EndpointValue(value: Double(countedDays - drinkingDays), censored: skippedDays)
        case .proportionDaysAbstinent:
            return EndpointValue(value: none ? .nan : Double(countedDays - drinkingDays) / counted,
                                 censored: skippedDays)
        case .proportionHeavyDrinkingDays:
            return EndpointValue(value: none ? .nan : Double(heavyDays) / counted, censored: skippedDays)
        case .timeToFirstDrink, .timeToRelapse:
            if let eventTime { return EndpointValue(value: Double(eventTime), censored: false) }
            return EndpointValue(value: counted, censored: true)
        case .drinkingRiskLevel:
            guard !none else { return EndpointValue(value: .nan, censored: skippedDays) }
            let level = DrinkingRiskLevel.classify(gramsPerDay: grams / counted, sex: subject.sex)
            return EndpointValue(value: Double(level.rawValue), censored: skippedDays)
        case .lowRiskDrinking:
            guard !none else { return EndpointValue(value: .nan, censored: skippedDays) }
            let level = DrinkingRiskLevel.classify(gramsPerDay: grams / counted, sex: subject.sex)
            return EndpointValue(value: level <= .low ? 1 : 0, censored: skippedDays)
        case .meanGramsPerDay:
            return EndpointValue(value: none ? .nan : grams / counted, censored: skippedDays)
        case .totalDrinks:
            return EndpointValue(value: drinks, censored: skippedDays)
        case .drinksPerDrinkingDay:
            return EndpointValue(value: drinkingDays == 0 ? .nan : drinks / Double(drinkingDays), censored: skippedDays)
        case .changeFromBaseline(_, let change, _):
            guard !none else { return EndpointValue(value: .nan, censored: skippedDays) }
            let baseline = subject.baselineDrinksPerDay, mean = drinks / counted
            switch change {
            case .drinksPerDay:
                return EndpointValue(value: mean - baseline, censored: skippedDays)
            case .gramsPerDay:
                return EndpointValue(value: grams / counted - baseline * subject.standardDrinkGrams, censored: skippedDays)
            case .percent:
                return EndpointValue(value: baseline > 0 ? 100 * (mean - baseline) / baseline : .nan, censored: skippedDays)
            case .craving:
                return EndpointValue(value: cravingSum / counted - subject.baselineCraving, censored: skippedDays)
            case .heavyDaysPercent:
                return EndpointValue(value: 100 * Double(heavyDays) / counted - subject.baselineHeavyDaysPercent, censored: skippedDays)
            }
        case .dropout(let window):
            let dropped = firstUnobservedDay.map { $0 <= window.lastDay } ?? false
            return EndpointValue(value: dropped ? 1 : 0, censored: false)
        case .retention(let window):
            let dropped = firstUnobservedDay.map { $0 <= window.lastDay } ?? false
            return EndpointValue(value: dropped ? 0 : 1, censored: false)
        case .urineNegativeShare:
            return EndpointValue(value: urineTests == 0 ? .nan : Double(urineTests - urinePositive) / Double(urineTests),
                                 censored: skippedDays)
        case .timeToDropout(let window):
            if let day = firstUnobservedDay, day <= window.lastDay {
                return EndpointValue(value: Double(max(0, day - window.firstDay + 1)), censored: false)
            }
            return EndpointValue(value: Double(window.lengthDays), censored: true)
        }
    }
}
