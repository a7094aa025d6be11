/// Daily event and censoring counts of one time-to-event endpoint in one arm, from which the
/// number at risk and the Kaplan–Meier (product-limit) survival follow; mergeable by addition.
///
/// Time is the day index `0 ..< horizonDays`. A subject with an event on day d, or censored
/// after day d (last observed event-free on day d), is at risk on every day up to and including
/// d. Ties follow the usual convention: on a day, events are counted before censorings, so a
/// subject censored on day d is still in that day's risk set.
struct KaplanMeierCounts: Sendable, Equatable {
    /// Events per day.
    private(set) var events: [Int]
    /// Censorings per day (after that day's observation).
    private(set) var censored: [Int]
    /// Subjects counted.
    private(set) var subjects = 0

    /// Empty counts over `horizonDays` days.
    init(horizonDays: Int) {
        events = Array(repeating: 0, count: horizonDays)
        censored = Array(repeating: 0, count: horizonDays)
    }

    /// Empties the counts in place (no allocation).
    mutating func reset() {
        for i in events.indices { events[i] = 0 }
        for i in censored.indices { censored[i] = 0 }
        subjects = 0
    }

    /// Counts one subject: an event on `day`, or (when `event` is false) censored after `day`.
    mutating func add(day: Int, event: Bool) {
        subjects += 1
        if event { events[day] += 1 } else { censored[day] += 1 }
    }

    /// Adds the counts of `other` (same horizon).
    mutating func merge(_ other: KaplanMeierCounts) {
        precondition(events.count == other.events.count, "merging Kaplan–Meier counts of different horizons")
        for day in events.indices {
            events[day] += other.events[day]
            censored[day] += other.censored[day]
        }
        subjects += other.subjects
    }

    /// One day of the Kaplan–Meier table.
    struct Row: Equatable {
        /// The day (0-based).
        var day: Int
        /// Subjects at risk at the start of the day.
        var atRisk: Int
        /// Events on the day.
        var events: Int
        /// Censorings after the day.
        var censored: Int
        /// Product-limit estimate of P(no event through this day).
        var survival: Double
    }

    /// The table for every day: at risk, events, censored and survival
    /// S(d) = Π_{s ≤ d} (1 − events(s) / atRisk(s)).
    func table() -> [Row] {
        var rows: [Row] = []
        rows.reserveCapacity(events.count)
        var atRisk = subjects
        var survival = 1.0
        for day in events.indices {
            if atRisk > 0 { survival *= 1 - Double(events[day]) / Double(atRisk) }
            rows.append(Row(day: day, atRisk: atRisk, events: events[day], censored: censored[day], survival: survival))
            atRisk -= events[day] + censored[day]
        }
        return rows
    }
}

extension KaplanMeierCounts {
    /// Its daily counts (``CohortPart``).
    func encode(into encoder: inout PartEncoder) {
        encoder.sparseCounts(events)
        encoder.sparseCounts(censored)
        encoder.count(subjects)
    }

    /// Fills these counts (made for the layout's horizon) with what ``encode(into:)`` wrote.
    mutating func decode(from decoder: inout PartDecoder) throws(PartDecodingError) {
        events = try decoder.sparseCounts(events.count, of: "Kaplan–Meier events")
        censored = try decoder.sparseCounts(censored.count, of: "Kaplan–Meier censorings")
        subjects = try decoder.count()
    }
}
