/// The outcomes of ONE subject in every arm: a scratch buffer that a worker reuses for subject
/// after subject, which the model fills and the engine then adds to its accumulators.
///
/// Storage is flat arrays sized once from the ``OutcomeLayout``; resetting for the next subject
/// writes in place and never allocates. What a model can record, per arm:
/// - a value per metric (``set(_:arm:metric:)``); NaN (the reset value) means "not applicable to
///   this subject" and leaves that metric's mean out for this subject;
/// - exclusion from the arm altogether (``exclude(arm:)``, e.g. ineligible): nothing of the arm
///   is counted and the arm's `excluded` count goes up;
/// - per time-to-event endpoint, the day of the event or the last day observed event-free
///   (``recordEvent(arm:endpoint:day:)``, ``recordCensoring(arm:endpoint:lastObservedDay:)``);
///   unrecorded means no event through the horizon (censored on its last day);
/// - per daily series, one value per day (``setSeries(_:arm:series:day:)``);
/// - for the first subjects of a run (``recordsTrajectory``), a daily trajectory
///   (``recordTrajectory(_:arm:day:column:)``);
/// - with a ``PeriodStateTable`` in the layout, the state at each period boundary
///   (``setPeriodState(_:arm:boundary:)``), whose transitions the accumulator counts.
///
/// Arm, metric, endpoint, series and column arguments are indices into the layout's arrays;
/// days run `0 ..< horizonDays`.
public struct SubjectOutcome: Sendable {
    /// The layout this buffer is shaped for.
    public let layout: OutcomeLayout
    /// The subject these outcomes belong to (set by the engine before the model runs).
    public internal(set) var subject: UInt64 = 0
    /// Whether the model should record this subject's daily trajectory (the run asked for
    /// trajectories of the first K subjects and this is one of them). Checking it first keeps
    /// recording off the hot path for every other subject.
    public internal(set) var recordsTrajectory = false
    /// The subgroups this subject belongs to: bit `i` for the layout's subgroup `i`.
    public internal(set) var subgroupMask: UInt64 = 0

    let armCount: Int
    let metricCount: Int
    let endpointCount: Int
    let seriesCount: Int
    let horizonDays: Int
    let columnCount: Int
    /// `values[arm * metricCount + metric]`.
    var values: [Double]
    /// `included[arm]`: false after ``exclude(arm:)``.
    var included: [Bool]
    /// `endpointDays[arm * endpointCount + endpoint]`: event day, or last day observed event-free.
    var endpointDays: [Int32]
    /// `endpointEvents[arm * endpointCount + endpoint]`: whether `endpointDays` is an event.
    var endpointEvents: [Bool]
    /// `seriesValues[(arm * seriesCount + series) * horizonDays + day]`; NaN = no value.
    var seriesValues: [Double]
    /// Per (arm, series): one past the last day written, so that a reset clears only what was
    /// written and the accumulator reads only that range.
    var seriesDayEnd: [Int]
    /// `trajectory[(arm * horizonDays + day) * columnCount + column]`; NaN = no value. Empty
    /// unless the run records trajectories.
    var trajectory: [Double]
    /// Boundaries per arm of the layout's ``PeriodStateTable`` (periods + 1; 0 without one).
    let boundaryCount: Int
    /// `periodStates[arm * boundaryCount + boundary]`: the state index, −1 = not observed.
    var periodStates: [Int8]
    /// `periodCosts[arm * (boundaryCount − 1) + period − 1]`: the undiscounted cost of period
    /// `period` that the table's states do not price (``PeriodTransitionCounts/costs``).
    var periodCosts: [Double]
    /// Debug-only check that proportions are 0 or 1.
    let isProportion: [Bool]

    /// A reset buffer for `layout` (the engine makes one per worker; a model's tests may make
    /// their own); `recordingTrajectories` reserves room for one daily trajectory.
    public init(layout: OutcomeLayout, recordingTrajectories: Bool = false) {
        self.layout = layout
        armCount = layout.arms.count
        metricCount = layout.metrics.count
        endpointCount = layout.endpoints.count
        seriesCount = layout.series.count
        horizonDays = layout.horizonDays
        columnCount = layout.trajectoryColumns.count
        values = Array(repeating: .nan, count: armCount * metricCount)
        included = Array(repeating: true, count: armCount)
        endpointDays = Array(repeating: Int32(clamping: horizonDays - 1), count: armCount * endpointCount)
        endpointEvents = Array(repeating: false, count: armCount * endpointCount)
        seriesValues = Array(repeating: .nan, count: armCount * seriesCount * horizonDays)
        seriesDayEnd = Array(repeating: 0, count: armCount * seriesCount)
        trajectory =
            recordingTrajectories && columnCount > 0
            ? Array(repeating: .nan, count: armCount * horizonDays * columnCount) : []
        isProportion = layout.metrics.map { $0.kind == .proportion }
        boundaryCount = layout.periodStates.map { $0.periods + 1 } ?? 0
        periodStates = Array(repeating: -1, count: armCount * boundaryCount)
        periodCosts = Array(repeating: 0, count: armCount * max(0, boundaryCount - 1))
    }

    /// Clears everything for `subject` without allocating.
    ///
    /// - Complexity: O(arms × (metrics + endpoints) + series values written by the last subject
    ///   + trajectory size when recording).
    mutating func reset(subject: UInt64, recordsTrajectory: Bool) {
        self.subject = subject
        subgroupMask = 0
        for i in values.indices { values[i] = .nan }
        for i in included.indices { included[i] = true }
        let lastDay = Int32(clamping: horizonDays - 1)
        for i in endpointDays.indices {
            endpointDays[i] = lastDay
            endpointEvents[i] = false
        }
        for cell in seriesDayEnd.indices where seriesDayEnd[cell] > 0 {
            let start = cell * horizonDays
            for i in start..<(start + seriesDayEnd[cell]) { seriesValues[i] = .nan }
            seriesDayEnd[cell] = 0
        }
        if self.recordsTrajectory {
            for i in trajectory.indices { trajectory[i] = .nan }
        }
        for i in periodStates.indices { periodStates[i] = -1 }
        for i in periodCosts.indices { periodCosts[i] = 0 }
        self.recordsTrajectory = recordsTrajectory && !trajectory.isEmpty
    }

    /// Sets the value of `metric` in `arm` for this subject (unit: the metric's own; 0 or 1 for
    /// a proportion). NaN leaves the subject out of this metric's mean in this arm.
    public mutating func set(_ value: Double, arm: Int, metric: Int) {
        assert(arm >= 0 && arm < armCount && metric >= 0 && metric < metricCount, "index out of layout")
        assert(!isProportion[metric] || value == 0 || value == 1 || value.isNaN, "proportion must be 0 or 1")
        values[arm * metricCount + metric] = value
    }

    /// The value of `metric` in `arm` set so far (NaN if none).
    public func value(arm: Int, metric: Int) -> Double {
        values[arm * metricCount + metric]
    }

    /// Leaves this subject out of `arm` entirely (e.g. ineligible): no metric, difference,
    /// endpoint or series of the arm counts it, and the arm's `excluded` count goes up.
    public mutating func exclude(arm: Int) {
        included[arm] = false
    }

    /// Whether this subject counts in `arm` (not excluded).
    public func isIncluded(arm: Int) -> Bool { included[arm] }

    /// Records that `endpoint` occurred in `arm` on `day` (0-based; the day on which the event
    /// happened). The subject was at risk through that day.
    public mutating func recordEvent(arm: Int, endpoint: Int, day: Int) {
        recordEndpoint(arm: arm, endpoint: endpoint, day: day, event: true)
    }

    /// Records that follow-up of `endpoint` in `arm` ended without the event after
    /// `lastObservedDay` (e.g. dropout); the subject was at risk through that day. A subject
    /// never observed (`lastObservedDay` −1, e.g. a dropout on day 0) never enters the risk set.
    /// Without a call, the subject is censored on the horizon's last day.
    public mutating func recordCensoring(arm: Int, endpoint: Int, lastObservedDay: Int) {
        if lastObservedDay < 0 {
            assert(lastObservedDay == -1, "endpoint day outside the horizon")
            endpointDays[arm * endpointCount + endpoint] = -1
            endpointEvents[arm * endpointCount + endpoint] = false
            return
        }
        recordEndpoint(arm: arm, endpoint: endpoint, day: lastObservedDay, event: false)
    }

    /// Stores an endpoint's last day at risk and whether it ended in the event.
    private mutating func recordEndpoint(arm: Int, endpoint: Int, day: Int, event: Bool) {
        assert(arm >= 0 && arm < armCount && endpoint >= 0 && endpoint < endpointCount, "index out of layout")
        assert(day >= 0 && day < horizonDays, "endpoint day outside the horizon")
        let i = arm * endpointCount + endpoint
        endpointDays[i] = Int32(clamping: min(max(day, 0), horizonDays - 1))
        endpointEvents[i] = event
    }

    /// Sets this subject's value of daily `series` in `arm` on `day`; days without a value do
    /// not count in that day's mean.
    public mutating func setSeries(_ value: Double, arm: Int, series: Int, day: Int) {
        assert(arm >= 0 && arm < armCount && series >= 0 && series < seriesCount, "index out of layout")
        assert(day >= 0 && day < horizonDays, "series day outside the horizon")
        let cell = arm * seriesCount + series
        seriesValues[cell * horizonDays + day] = value
        if day >= seriesDayEnd[cell] { seriesDayEnd[cell] = day + 1 }
    }

    /// Four ``setSeries(_:arm:series:day:)`` calls in one, in lane order (the engine's per-day
    /// call: one uniqueness check per array instead of one per value).
    mutating func setSeries(_ values: SIMD4<Double>, arm: Int, series: SIMD4<Int>, day: Int) {
        assert(day >= 0 && day < horizonDays, "series day outside the horizon")
        let seriesCount = seriesCount, horizonDays = horizonDays
        seriesValues.withUnsafeMutableBufferPointer { seriesValues in
            seriesDayEnd.withUnsafeMutableBufferPointer { seriesDayEnd in
                for lane in 0..<4 {
                    assert(arm >= 0 && arm < armCount && series[lane] >= 0 && series[lane] < seriesCount, "index out of layout")
                    let cell = arm * seriesCount + series[lane]
                    seriesValues[cell * horizonDays + day] = values[lane]
                    if day >= seriesDayEnd[cell] { seriesDayEnd[cell] = day + 1 }
                }
            }
        }
    }

    /// Sets `series` in `arm` on days `0 ..< days.count` at once (NaN = no value that day):
    /// the engine's per-subject hand-over of the series it kept in its own memory.
    mutating func setSeries(arm: Int, series: Int, days: UnsafeBufferPointer<Double>) {
        assert(arm >= 0 && arm < armCount && series >= 0 && series < seriesCount, "index out of layout")
        precondition(days.count <= horizonDays, "series longer than the horizon")
        let cell = arm * seriesCount + series
        let start = cell * horizonDays
        seriesValues.withUnsafeMutableBufferPointer { values in
            _ = UnsafeMutableBufferPointer(rebasing: values[start..<(start + days.count)]).initialize(fromContentsOf: days)
        }
        if days.count > seriesDayEnd[cell] { seriesDayEnd[cell] = days.count }
    }

    /// Sets this subject's state in `arm` at period boundary `boundary` (0 = baseline, p = the
    /// end of period p; see ``PeriodStateTable``) to the table's state index `state`; a boundary
    /// past the table's last is ignored (the partial last period is not counted).
    public mutating func setPeriodState(_ state: Int, arm: Int, boundary: Int) {
        guard boundary >= 0 && boundary < boundaryCount else { return }
        assert(arm >= 0 && arm < armCount && state >= 0 && state < (layout.periodStates?.states.count ?? 0), "index out of layout")
        periodStates[arm * boundaryCount + boundary] = Int8(state)
    }

    /// Sets the state of every boundary from `boundary` on (e.g. an absorbing death).
    mutating func setPeriodState(_ state: Int, arm: Int, fromBoundary boundary: Int) {
        for b in max(boundary, 0)..<boundaryCount { setPeriodState(state, arm: arm, boundary: b) }
    }

    /// Adds `cost` (currency, undiscounted) to `arm`'s cost of period `period` (1 … periods;
    /// a day of the partial last period is ignored).
    @inline(__always)
    mutating func addPeriodCost(_ cost: Double, arm: Int, period: Int) {
        let periods = boundaryCount - 1
        guard period >= 1 && period <= periods else { return }
        periodCosts[arm * periods + period - 1] += cost
    }

    /// Copies `source`'s boundary states and period costs into `arm` (an arm that shared its
    /// leader's days).
    mutating func copyPeriodStates(from source: Int, to arm: Int) {
        for b in 0..<boundaryCount { periodStates[arm * boundaryCount + b] = periodStates[source * boundaryCount + b] }
        let periods = max(0, boundaryCount - 1)
        for p in 0..<periods { periodCosts[arm * periods + p] = periodCosts[source * periods + p] }
    }

    /// Records one cell of this subject's daily trajectory; ignored unless
    /// ``recordsTrajectory``.
    public mutating func recordTrajectory(_ value: Double, arm: Int, day: Int, column: Int) {
        guard recordsTrajectory else { return }
        assert(arm >= 0 && arm < armCount && column >= 0 && column < columnCount, "index out of layout")
        assert(day >= 0 && day < horizonDays, "trajectory day outside the horizon")
        trajectory[(arm * horizonDays + day) * columnCount + column] = value
    }
}
