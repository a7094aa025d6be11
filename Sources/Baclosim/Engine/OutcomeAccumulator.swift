/// Everything a run reports, accumulated over subjects: per arm and metric a mean with its
/// standard error, per paired difference and metric the mean of per-subject differences,
/// quantile sketches, Kaplan–Meier counts, daily series sums, sampled trajectories and counts
/// of subjects, exclusions and failures.
///
/// One accumulator summarises one block of subjects; blocks are combined with ``merge(_:)`` in
/// block order, which makes the result independent of how blocks were spread over threads.
/// Memory depends on the layout (and the trajectory sample), never on the number of subjects.
struct OutcomeAccumulator: Sendable {
    /// The layout the outcomes follow.
    let layout: OutcomeLayout
    /// Index tables derived from the layout.
    private let plan: Plan

    /// Subjects added, failed ones included.
    private(set) var subjects = 0
    /// Subjects whose simulation threw (counted in no arm).
    private(set) var failedSubjects = 0
    /// The failure of the lowest-numbered failed subject, for the error message and manifest.
    private(set) var firstFailure: SubjectFailure?
    /// Per arm: subjects counted in the arm.
    private(set) var includedSubjects: [Int]
    /// Per arm: subjects excluded from the arm.
    private(set) var excludedSubjects: [Int]
    /// `means[arm * metricCount + metric]`.
    private(set) var means: [MeanAccumulator]
    /// `differences[plan.differenceOffsets[d] + k]` for the k-th metric of difference d.
    private(set) var differences: [MeanAccumulator]
    /// `sketches[arm * quantileMetricCount + k]` for the k-th metric that has quantiles.
    private(set) var sketches: [QuantileSketch]
    /// `survival[arm * endpointCount + endpoint]`.
    private(set) var survival: [KaplanMeierCounts]
    /// Per-day sketches of the series with quantiles: index
    /// `(arm * seriesQuantiles.count + k) * horizonDays + day`.
    private(set) var seriesSketches: [QuantileSketch]
    /// Per requested series quantile: the series' index in the layout.
    private let seriesQuantileIndex: [Int]
    /// Daily series, cells `arm * seriesCount + series`.
    private(set) var series: DailySeriesSums
    /// Trajectories of sampled subjects, in subject order.
    private(set) var trajectories: [TrajectorySample] = []
    /// Per subgroup of the layout: the same accumulation over its members (their layout has no
    /// subgroups; trajectories are kept by the whole run only).
    private(set) var subgroupOutcomes: [OutcomeAccumulator] = []
    /// `keptValues[arm * keptValueMetrics.count + k]`: the subjects' values (NaN left out) of
    /// the layout's k-th kept metric, in subject order (only when the layout keeps some).
    private(set) var keptValues: [[Double]] = []
    /// Transitions between the states at consecutive period boundaries, per arm (only with a
    /// ``PeriodStateTable`` in the layout).
    private(set) var periodTransitions: PeriodTransitionCounts?

    /// Index tables computed once from the layout.
    private struct Plan: Sendable {
        /// Metric indices that have quantiles.
        var quantileMetrics: [Int]
        /// Per difference metric (flattened): minuend arm, subtrahend arm, metric.
        var differenceTerms: [(minuend: Int, subtrahend: Int, metric: Int)]
        /// Start of each difference's metrics in the flattened list.
        var differenceOffsets: [Int]
    }

    /// An empty accumulator for `layout` (which has been validated).
    init(layout: OutcomeLayout) {
        self.layout = layout
        let arms = layout.arms.count
        var terms: [(minuend: Int, subtrahend: Int, metric: Int)] = []
        var offsets: [Int] = []
        // The reported differences, then the decision pairs (``decisionPair(_:metricAt:)``).
        for difference in layout.differences + layout.decisionPairs {
            offsets.append(terms.count)
            let a = layout.armIndex(difference.minuend) ?? 0
            let b = layout.armIndex(difference.subtrahend) ?? 0
            for name in difference.metrics {
                terms.append((a, b, layout.metricIndex(name) ?? 0))
            }
        }
        let quantileMetrics = layout.metrics.indices.filter { !layout.metrics[$0].quantiles.isEmpty }
        plan = Plan(quantileMetrics: quantileMetrics, differenceTerms: terms, differenceOffsets: offsets)
        includedSubjects = Array(repeating: 0, count: arms)
        excludedSubjects = Array(repeating: 0, count: arms)
        means = Array(repeating: MeanAccumulator(), count: arms * layout.metrics.count)
        differences = Array(repeating: MeanAccumulator(), count: terms.count)
        var sketches: [QuantileSketch] = []
        for _ in 0..<arms {
            for metric in quantileMetrics {
                // A metric with quantiles has a grid (layout validation).
                sketches.append(QuantileSketch(grid: layout.metrics[metric].grid ?? QuantileGrid(lower: 0, upper: 1)))
            }
        }
        self.sketches = sketches
        survival = Array(
            repeating: KaplanMeierCounts(horizonDays: layout.horizonDays),
            count: arms * layout.endpoints.count)
        series = DailySeriesSums(cells: arms * layout.series.count, horizonDays: layout.horizonDays)
        seriesQuantileIndex = layout.seriesQuantiles.map { layout.seriesIndex($0.series) ?? 0 }
        // One log-free bin locator per grid, shared by its days' sketches.
        let seriesLogBins = layout.seriesQuantiles.map { QuantileSketch.logBinLocator($0.grid) }
        var daySketches: [QuantileSketch] = []
        daySketches.reserveCapacity(arms * layout.seriesQuantiles.count * layout.horizonDays)
        for _ in 0..<arms {
            for (request, logBins) in zip(layout.seriesQuantiles, seriesLogBins) {
                daySketches += Array(repeating: QuantileSketch(grid: request.grid, logBins: logBins), count: layout.horizonDays)
            }
        }
        seriesSketches = daySketches
        keptValues = Array(repeating: [], count: arms * layout.keptValueMetrics.count)
        periodTransitions = layout.periodStates.map { PeriodTransitionCounts(table: $0, arms: arms) }
        if !layout.subgroups.isEmpty {
            var inner = layout
            inner.subgroups = []
            subgroupOutcomes = layout.subgroups.map { _ in OutcomeAccumulator(layout: inner) }
        }
    }

    /// The accumulation over the members of subgroup `i` of the layout.
    func subgroup(_ i: Int) -> OutcomeAccumulator { subgroupOutcomes[i] }

    /// Empties the accumulator in place, keeping its storage: equal to `init(layout:)` of the
    /// same layout, without allocating (a PSA reuses a block's accumulator for every draw).
    mutating func reset() {
        subjects = 0
        failedSubjects = 0
        firstFailure = nil
        for i in includedSubjects.indices { includedSubjects[i] = 0 }
        for i in excludedSubjects.indices { excludedSubjects[i] = 0 }
        for i in means.indices { means[i] = MeanAccumulator() }
        for i in differences.indices { differences[i] = MeanAccumulator() }
        for i in sketches.indices { sketches[i].reset() }
        for i in survival.indices { survival[i].reset() }
        series.reset()
        for i in seriesSketches.indices { seriesSketches[i].reset() }
        trajectories.removeAll(keepingCapacity: true)
        for i in subgroupOutcomes.indices { subgroupOutcomes[i].reset() }
        for i in keptValues.indices { keptValues[i].removeAll(keepingCapacity: true) }
        periodTransitions?.reset()
    }

    /// The sketch of requested series quantile `k` in `arm` on `day`.
    func seriesSketch(arm: Int, request k: Int, day: Int) -> QuantileSketch {
        seriesSketches[(arm * seriesQuantileIndex.count + k) * layout.horizonDays + day]
    }

    /// Adds one subject's outcomes in every arm.
    ///
    /// - Complexity: O(arms × (metrics + endpoints + series days written) + differences).
    mutating func add(_ outcome: SubjectOutcome) {
        add(outcome, keepingTrajectory: true)
        var mask = outcome.subgroupMask
        while mask != 0 {
            let i = mask.trailingZeroBitCount
            mask &= mask - 1
            if i < subgroupOutcomes.count { subgroupOutcomes[i].add(outcome, keepingTrajectory: false) }
        }
    }

    /// ``add(_:)`` for this accumulator alone (not its subgroups); `keepingTrajectory: false`
    /// leaves the subject's trajectory to the whole run's accumulator.
    private mutating func add(_ outcome: SubjectOutcome, keepingTrajectory: Bool) {
        subjects += 1
        let metricCount = outcome.metricCount
        let endpointCount = outcome.endpointCount
        let quantileCount = plan.quantileMetrics.count
        for arm in 0..<outcome.armCount {
            guard outcome.included[arm] else {
                excludedSubjects[arm] += 1
                continue
            }
            includedSubjects[arm] += 1
            for metric in 0..<metricCount {
                let value = outcome.values[arm * metricCount + metric]
                if !value.isNaN { means[arm * metricCount + metric].add(value) }
            }
            for (k, metric) in plan.quantileMetrics.enumerated() {
                let value = outcome.values[arm * metricCount + metric]
                if !value.isNaN { sketches[arm * quantileCount + k].add(value) }
            }
            for (k, metric) in layout.keptValueMetrics.enumerated() {
                let value = outcome.values[arm * metricCount + metric]
                if !value.isNaN { keptValues[arm * layout.keptValueMetrics.count + k].append(value) }
            }
            if periodTransitions != nil {
                let start = arm * outcome.boundaryCount, periods = outcome.boundaryCount - 1
                outcome.periodStates.withUnsafeBufferPointer { states in
                    outcome.periodCosts.withUnsafeBufferPointer { costs in
                        periodTransitions?.add(arm: arm, path: UnsafeBufferPointer(rebasing: states[start..<(start + outcome.boundaryCount)]),
                                               periodCosts: UnsafeBufferPointer(rebasing: costs[(arm * periods)..<((arm + 1) * periods)]))
                    }
                }
            }
            for endpoint in 0..<endpointCount {
                let i = arm * endpointCount + endpoint
                // −1: never observed (see SubjectOutcome.recordCensoring), never at risk.
                if outcome.endpointDays[i] >= 0 {
                    survival[i].add(day: Int(outcome.endpointDays[i]), event: outcome.endpointEvents[i])
                }
            }
            for s in 0..<outcome.seriesCount {
                let cell = arm * outcome.seriesCount + s
                let start = cell * outcome.horizonDays
                let end = start + outcome.seriesDayEnd[cell]
                outcome.seriesValues.withUnsafeBufferPointer { values in
                    series.add(UnsafeBufferPointer(rebasing: values[start..<end]), at: start)
                }
            }
            for (k, s) in seriesQuantileIndex.enumerated() {
                let cell = arm * outcome.seriesCount + s
                let start = cell * outcome.horizonDays
                let sketchStart = (arm * seriesQuantileIndex.count + k) * outcome.horizonDays
                let dayEnd = outcome.seriesDayEnd[cell]
                precondition(start + dayEnd <= outcome.seriesValues.count && sketchStart + dayEnd <= seriesSketches.count,
                             "series days outside the layout")
                // One uniqueness check per array, not per day.
                outcome.seriesValues.withUnsafeBufferPointer { values in
                    seriesSketches.withUnsafeMutableBufferPointer { sketches in
                        for day in 0..<dayEnd {
                            let value = values[start + day]
                            if !value.isNaN { sketches[sketchStart + day].add(value) }
                        }
                    }
                }
            }
        }
        for (k, term) in plan.differenceTerms.enumerated()
        where outcome.included[term.minuend] && outcome.included[term.subtrahend] {
            let a = outcome.values[term.minuend * metricCount + term.metric]
            let b = outcome.values[term.subtrahend * metricCount + term.metric]
            if !a.isNaN && !b.isNaN { differences[k].add(a - b) }
        }
        if keepingTrajectory && outcome.recordsTrajectory {
            trajectories.append(
                TrajectorySample(subject: outcome.subject, included: outcome.included, values: outcome.trajectory))
        }
    }

    /// Counts a subject whose simulation threw: it is in no arm.
    mutating func addFailure(subject: UInt64, error: any Error) {
        subjects += 1
        failedSubjects += 1
        if firstFailure.map({ subject < $0.subject }) ?? true {
            firstFailure = SubjectFailure(subject: subject, message: String(describing: error))
        }
    }

    /// Adds everything in `other` (same layout). Merging blocks in block order gives the same
    /// bits whatever the thread count; the trajectories of `other` follow this one's.
    mutating func merge(_ other: OutcomeAccumulator) {
        precondition(layout == other.layout, "merging accumulators of different layouts")
        subjects += other.subjects
        failedSubjects += other.failedSubjects
        if let failure = other.firstFailure, firstFailure.map({ failure.subject < $0.subject }) ?? true {
            firstFailure = failure
        }
        for arm in includedSubjects.indices {
            includedSubjects[arm] += other.includedSubjects[arm]
            excludedSubjects[arm] += other.excludedSubjects[arm]
        }
        for i in means.indices { means[i].merge(other.means[i]) }
        for i in differences.indices { differences[i].merge(other.differences[i]) }
        for i in sketches.indices { sketches[i].merge(other.sketches[i]) }
        for i in survival.indices { survival[i].merge(other.survival[i]) }
        series.merge(other.series)
        for i in seriesSketches.indices { seriesSketches[i].merge(other.seriesSketches[i]) }
        trajectories += other.trajectories
        for i in subgroupOutcomes.indices { subgroupOutcomes[i].merge(other.subgroupOutcomes[i]) }
        for i in keptValues.indices { keptValues[i] += other.keptValues[i] }
        if let counts = other.periodTransitions { periodTransitions?.merge(counts) }
    }

    /// The mean accumulator of `metric` in `arm`.
    func mean(arm: Int, metric: Int) -> MeanAccumulator {
        means[arm * layout.metrics.count + metric]
    }

    /// The accumulator of the k-th metric of paired difference `difference`.
    func difference(_ difference: Int, metricAt k: Int) -> MeanAccumulator {
        differences[plan.differenceOffsets[difference] + k]
    }

    /// The accumulator of the k-th metric of decision pair `pair` (``OutcomeLayout/decisionPairs``).
    func decisionPair(_ pair: Int, metricAt k: Int) -> MeanAccumulator {
        difference(layout.differences.count + pair, metricAt: k)
    }

    /// The quantile sketch of `metric` in `arm`, or nil if the metric has no quantiles.
    func sketch(arm: Int, metric: Int) -> QuantileSketch? {
        plan.quantileMetrics.firstIndex(of: metric).map { sketches[arm * plan.quantileMetrics.count + $0] }
    }

    /// Every subject's value of `metric` in `arm`, in subject order, or nil when the layout
    /// does not keep the metric's values (``OutcomeLayout/keptValueMetrics``).
    func keptValues(arm: Int, metric: Int) -> [Double]? {
        layout.keptValueMetrics.firstIndex(of: metric).map { keptValues[arm * layout.keptValueMetrics.count + $0] }
    }

    /// The Kaplan–Meier counts of `endpoint` in `arm`.
    func survival(arm: Int, endpoint: Int) -> KaplanMeierCounts {
        survival[arm * layout.endpoints.count + endpoint]
    }
}

/// A subject whose simulation failed, and why.
public struct SubjectFailure: Sendable, Equatable {
    /// The subject number.
    public let subject: UInt64
    /// The error's description.
    public let message: String
}

/// One sampled subject's daily trajectory in every arm (see `--trajectories K`).
struct TrajectorySample: Sendable, Equatable {
    /// The subject number.
    let subject: UInt64
    /// Per arm: whether the subject counts in the arm (excluded arms are not written).
    let included: [Bool]
    /// `values[(arm * horizonDays + day) * columnCount + column]`; NaN = not recorded.
    let values: [Double]
}

extension OutcomeAccumulator {
    /// Everything accumulated, in a fixed order, bit for bit (``CohortPart``): decoding it into
    /// an empty accumulator of the same layout and merging gives the bits merging this one gives.
    func encode(into encoder: inout PartEncoder) {
        encoder.count(subjects)
        encoder.count(failedSubjects)
        encoder.flag(firstFailure != nil)
        if let firstFailure {
            encoder.word(firstFailure.subject)
            encoder.text(firstFailure.message)
        }
        encoder.counts(includedSubjects)
        encoder.counts(excludedSubjects)
        for mean in means { mean.encode(into: &encoder) }
        for difference in differences { difference.encode(into: &encoder) }
        for sketch in sketches { sketch.encode(into: &encoder) }
        for counts in survival { counts.encode(into: &encoder) }
        series.encode(into: &encoder)
        for sketch in seriesSketches { sketch.encode(into: &encoder) }
        encoder.count(trajectories.count)
        for sample in trajectories {
            encoder.word(sample.subject)
            encoder.count(sample.included.count)
            for flag in sample.included { encoder.flag(flag) }
            encoder.reals(sample.values)
        }
        for values in keptValues { encoder.reals(values) }
        periodTransitions?.encode(into: &encoder)
        for subgroup in subgroupOutcomes { subgroup.encode(into: &encoder) }
    }

    /// The accumulator of `layout` that ``encode(into:)`` wrote.
    /// - Throws: ``PartDecodingError`` when the bytes do not fit the layout.
    init(layout: OutcomeLayout, decoding decoder: inout PartDecoder) throws(PartDecodingError) {
        self.init(layout: layout)
        try decode(from: &decoder)
    }

    private mutating func decode(from decoder: inout PartDecoder) throws(PartDecodingError) {
        subjects = try decoder.count()
        failedSubjects = try decoder.count()
        if try decoder.flag() {
            firstFailure = SubjectFailure(subject: try decoder.word(), message: try decoder.text())
        }
        includedSubjects = try decoder.counts(includedSubjects.count, of: "subjects per arm")
        excludedSubjects = try decoder.counts(excludedSubjects.count, of: "excluded subjects per arm")
        for i in means.indices { means[i] = try MeanAccumulator(decoding: &decoder) }
        for i in differences.indices { differences[i] = try MeanAccumulator(decoding: &decoder) }
        for i in sketches.indices { try sketches[i].decode(from: &decoder) }
        for i in survival.indices { try survival[i].decode(from: &decoder) }
        try series.decode(from: &decoder)
        for i in seriesSketches.indices { try seriesSketches[i].decode(from: &decoder) }
        let sampleCount = try decoder.count()
        guard sampleCount <= subjects else { throw PartDecodingError("\(sampleCount) trajectories of \(subjects) subjects") }
        trajectories = []
        for _ in 0..<sampleCount {
            let subject = try decoder.word()
            try decoder.length(layout.arms.count, of: "a trajectory's arms")
            var included: [Bool] = []
            for _ in 0..<layout.arms.count { included.append(try decoder.flag()) }
            trajectories.append(TrajectorySample(subject: subject, included: included, values: try decoder.reals()))
        }
        for i in keptValues.indices { keptValues[i] = try decoder.reals() }
        try periodTransitions?.decode(from: &decoder)
        for i in subgroupOutcomes.indices { try subgroupOutcomes[i].decode(from: &decoder) }
    }
}
