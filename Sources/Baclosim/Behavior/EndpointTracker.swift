/// Computes a list of trial endpoints for one subject at a time, streamed day by day.
///
/// Make one per worker and reuse it: `reset` per subject, `observe` for every day
/// `0 ..< horizonDays` in order (unobserved days too, with `observed: false` from dropout on),
/// then `finish(into:)`. Memory is a few words per endpoint; nothing is stored per day.
struct EndpointTracker: Sendable {
    /// Number of study days.
    let horizonDays: Int
    /// Grams per standard drink (for carried-forward baseline grams).
    let standardDrinkGrams: Double
    /// One accumulator per endpoint, in definition order.
    private(set) var accumulators: [EndpointAccumulator]
    /// The current subject.
    private(set) var subject = EndpointSubject(sex: .male, baselineDrinksPerDay: 0)
    /// The day `observe` expects next (debug ordering check).
    private var nextDay = 0
    /// The previous day was observed (debug check that dropout is absorbing).
    private var stillObserved = true
    /// Every accumulator can take observed days without drinks in bulk
    /// (`EndpointAccumulator.defersAbstinentDays`): `observe` then only counts such days, and
    /// hands them over as one range before the next other day (or in `finish`).
    private let defersAbstinentDays: Bool
    /// The first day not yet handed to the accumulators (all days before it were).
    private var firstUndeliveredDay = 0

    /// - Parameters:
    ///   - definitions: the endpoints, validated (`EndpointDefinition.problems`).
    ///   - horizonDays: days simulated.
    ///   - standardDrinkGrams: grams per standard drink.
    init(definitions: [EndpointDefinition], horizonDays: Int, standardDrinkGrams: Double) {
        self.horizonDays = horizonDays
        self.standardDrinkGrams = standardDrinkGrams
        accumulators = definitions.map(EndpointAccumulator.init(definition:))
        defersAbstinentDays = accumulators.allSatisfy(\.defersAbstinentDays)
    }

    /// Starts a new subject.
    mutating func reset(sex: Sex, baselineDrinksPerDay: Double, baselineCraving: Double = 0, baselineHeavyDaysPercent: Double = .nan) {
        subject = EndpointSubject(sex: sex, baselineDrinksPerDay: baselineDrinksPerDay, standardDrinkGrams: standardDrinkGrams,
                                  baselineCraving: baselineCraving, baselineHeavyDaysPercent: baselineHeavyDaysPercent)
        nextDay = 0
        stillObserved = true
        firstUndeliveredDay = 0
        for i in accumulators.indices { accumulators[i].reset() }
    }

    /// Makes this tracker's subject and days observed so far those of `other` (a tracker for
    /// the same endpoints), in place: no allocation once this tracker's storage is its own.
    mutating func copyState(from other: EndpointTracker) {
        assert(accumulators.count == other.accumulators.count && horizonDays == other.horizonDays, "trackers of different endpoints")
        subject = other.subject
        nextDay = other.nextDay
        stillObserved = other.stillObserved
        firstUndeliveredDay = other.firstUndeliveredDay
        accumulators.withUnsafeMutableBufferPointer { accumulators in
            for i in accumulators.indices { accumulators[i] = other.accumulators[i] }
        }
    }

    /// Takes day `day` of the current subject's record.
    /// - Parameters:
    ///   - day: study day; must be the next one (0, 1, 2, …).
    ///   - drinks: standard drinks that day (0 = abstinent), as simulated.
    ///   - grams: grams of ethanol that day.
    ///   - observed: false from the day of dropout on; once false it stays false (death is
    ///     ``observeDeath(fromDay:)``).
    /// - Complexity: O(endpoints); allocation-free.
    ///   - craving: the day's craving score (read by change-in-craving endpoints only).
    mutating func observe(day: Int, drinks: Int, grams: Double, observed: Bool, craving: Double = .nan) {
        assert(day == nextDay, "days must be observed in order, each once")
        assert(stillObserved || !observed, "a day after dropout cannot be observed again")
        nextDay += 1
        stillObserved = observed
        // An observed day without drinks only adds to counts that a range can add in bulk:
        // leave it for the next day that does something else (or `finish`).
        if defersAbstinentDays && observed && drinks == 0 && grams == 0 { return }
        let subject = subject, standardDrinkGrams = standardDrinkGrams
        let abstinent = firstUndeliveredDay..<day
        firstUndeliveredDay = day + 1
        accumulators.withUnsafeMutableBufferPointer { accumulators in
            for i in accumulators.indices {
                if !abstinent.isEmpty { accumulators[i].observeAbstinentDays(abstinent) }
                accumulators[i].observe(day: day, drinks: drinks, grams: grams, observed: observed,
                                        subject: subject, standardDrinkGrams: standardDrinkGrams, craving: craving)
            }
        }
    }

    /// Takes the subject's death: days `day ..< horizonDays` are not lived, so every endpoint
    /// treats them as unobserved under any missing-data convention (death censors: a
    /// time-to-event endpoint is censored on the last day alive, proportions and totals cover
    /// the days alive, and the dropout endpoints count the death as leaving the study). Ends
    /// the subject's days: `finish` comes next.
    mutating func observeDeath(fromDay day: Int) {
        assert(day == nextDay, "death must follow the last day observed")
        guard day < horizonDays else { return }
        let abstinent = firstUndeliveredDay..<day
        accumulators.withUnsafeMutableBufferPointer { accumulators in
            for i in accumulators.indices {
                if !abstinent.isEmpty { accumulators[i].observeAbstinentDays(abstinent) }
                accumulators[i].observeDeath(fromDay: day, horizonDays: horizonDays)
            }
        }
        nextDay = horizonDays
        firstUndeliveredDay = horizonDays
        stillObserved = false
    }

    /// Writes the subject's values, one per endpoint in definition order, into `results`
    /// (resized only if its count differs: reuse one array per worker).
    func finish(into results: inout [EndpointValue]) {
        assert(nextDay == horizonDays, "every day of the horizon must be observed before finishing")
        if results.count != accumulators.count {
            results = [EndpointValue](repeating: EndpointValue(value: 0, censored: false),
                                      count: accumulators.count)
        }
        let abstinent = firstUndeliveredDay..<nextDay
        for i in accumulators.indices {
            if abstinent.isEmpty {
                results[i] = accumulators[i].result(subject: subject)
            } else {
                var accumulator = accumulators[i]
                accumulator.observeAbstinentDays(abstinent)
                results[i] = accumulator.result(subject: subject)
            }
        }
    }
}
