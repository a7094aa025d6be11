/// One subject's toxicity state in one arm, advanced once per day. Allocation-free.
public struct ToxicityState: Sendable, Hashable {
    /// Running totals.
    public private(set) var counters = ToxicityCounters()
    /// Index of the next day to advance.
    public private(set) var nextDay = 0
    /// Yesterday had a serious event (a run of serious days is one hospitalisation).
    private var previousDaySerious = false
    /// Days on a stable prescribed dose, for tolerance.
    private var doseClock = StableDoseClock()

    /// No event yet.
    public init() {}

    /// Advances one day.
    ///
    /// - Parameters:
    ///   - cmaxMgPerL, cavgMgPerL: the day's exposure (mg/L).
    ///   - prescribedDailyDoseMg: today's prescribed daily dose (mg/day), for tolerance.
    ///   - u: uniform in (0, 1).
    /// - Complexity: O(number of grades), no allocation.
    public mutating func advance(_ model: ToxicityModel, cmaxMgPerL: Double, cavgMgPerL: Double,
                                 prescribedDailyDoseMg: Double, u: Double) -> ToxicityDayOutcome {
        assert(u >= 0 && u <= 1, "uniform must be in [0, 1]")
        let day = nextDay
        nextDay += 1
        let daysOnStableDose = doseClock.advance(prescribedDailyDoseMg: prescribedDailyDoseMg)
        let concentration = model.driver.concentrationMgPerL(cmaxMgPerL: cmaxMgPerL, cavgMgPerL: cavgMgPerL)
        let multiplier = model.tolerance?.multiplier(daysOnStableDose: daysOnStableDose) ?? 1

        var reached: ToxicityGrade?
        var nestedProbability = 1.0
        for grade in model.grades {
            let hazard = multiplier * grade.hazard.hazardPerDay(concentrationMgPerL: concentration)
            nestedProbability = min(nestedProbability, DailyHazard.probability(ofHazard: hazard))
            guard u < nestedProbability else { break }
            reached = grade
        }

        var outcome = ToxicityDayOutcome(kind: reached?.kind, isSerious: reached?.isSerious ?? false,
                                         startsHospitalisation: false, cost: reached?.costPerEventDay ?? 0)
        if let kind = outcome.kind {
            counters.eventDays[kind] += 1
            if counters.firstEventDay == nil { counters.firstEventDay = day }
        }
        if outcome.isSerious {
            counters.seriousEventDays += 1
            if !previousDaySerious {
                outcome.startsHospitalisation = true
                counters.hospitalisations += 1
            }
        }
        previousDaySerious = outcome.isSerious
        return outcome
    }
}

/// Toxicity on one day.
public struct ToxicityDayOutcome: Sendable, Hashable {
    /// The most severe grade reached today, `nil` if none.
    public var kind: ToxicityKind?
    /// Today's grade is serious.
    public var isSerious: Bool
    /// Today starts a run of serious days (one hospitalisation).
    public var startsHospitalisation: Bool
    /// Today's management cost: the reached grade's `cost_per_event_day` (0 without an event).
    public var cost: Double = 0
}

/// Days at each toxicity grade.
public struct ToxicityEventDays: Sendable, Hashable {
    /// Deep-sedation days (as the most severe grade of the day).
    public var deepSedation = 0
    /// Coma days.
    public var coma = 0
    /// Respiratory-depression days.
    public var respiratoryDepression = 0

    /// Days whose most severe grade was `kind`.
    public subscript(kind: ToxicityKind) -> Int {
        get {
            switch kind {
            case .deepSedation: deepSedation
            case .coma: coma
            case .respiratoryDepression: respiratoryDepression
            }
        }
        set {
            switch kind {
            case .deepSedation: deepSedation = newValue
            case .coma: coma = newValue
            case .respiratoryDepression: respiratoryDepression = newValue
            }
        }
    }
}

/// A subject's running toxicity totals.
public struct ToxicityCounters: Sendable, Hashable {
    /// Days per most-severe grade.
    public var eventDays = ToxicityEventDays()
    /// First day with any toxicity, `nil` if none.
    public var firstEventDay: Int?
    /// Days with a serious grade.
    public var seriousEventDays = 0
    /// Runs of consecutive serious days (hospitalisations).
    public var hospitalisations = 0
}
