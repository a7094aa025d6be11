/// What a run measures: its arms, per-subject metrics, paired differences, time-to-event
/// endpoints, daily time series and trajectory columns, and the horizon in days.
///
/// The layout is the contract between a model (which fills a ``SubjectOutcome`` per subject)
/// and the engine and report layers (which accumulate and print it). It knows nothing about
/// any particular model. Names are stable snake_case identifiers: they become CSV row and
/// column names. Indices (arm, metric, …) are positions in the arrays given here; a model looks
/// them up once by name (``armIndex(_:)``, ``metricIndex(_:)``, …) and uses them in its loop.
public struct OutcomeLayout: Sendable, Equatable {
    /// Arm names; the first is the reference arm by convention.
    public let arms: [String]
    /// Per-subject metrics, reported as a mean with its standard error per arm.
    public let metrics: [MetricSpec]
    /// Paired per-subject differences to report (minuend − subtrahend, per metric).
    public let differences: [PairedDifference]
    /// Paired differences accumulated like ``differences`` but not reported as effects: the
    /// cost and QALY differences of every pair of arms, from which the cost-effectiveness
    /// analysis judges whether a frontier decision lies within Monte Carlo error
    /// (``CostEffectivenessAnalysis/decisionEvidence``). Empty without economics.
    public internal(set) var decisionPairs: [PairedDifference] = []
    /// The metrics of alcohol-attributable events (`events_<name>`, ``AttributableEvent``):
    /// reported per 100,000 in `events.csv`, and accumulated in ``decisionPairs`` after cost and
    /// QALYs for the events avoided between arms.
    public internal(set) var attributableEvents: [String] = []
    /// A state observed at the end of each period whose transitions are counted per arm (the
    /// WHO drinking-risk level of each risk-level window with economics), or nil.
    public internal(set) var periodStates: PeriodStateTable?
    /// Time-to-event endpoints, reported as Kaplan–Meier tables per arm.
    public let endpoints: [String]
    /// Subgroups, each accumulated like the whole run (subject membership:
    /// ``SubjectOutcome/subgroupMask``); at most 64.
    public internal(set) var subgroups: [String] = []
    /// Metrics whose every subject value is kept per arm, in subject order (the rank tests of
    /// ``TrialSimulation`` read them); empty in a cohort run, whose memory must not grow with
    /// the number of subjects.
    var keptValueMetrics: [Int] = []
    /// Daily series, reported as the mean over contributing subjects per arm and day.
    public let series: [String]
    /// Daily series that also get per-day quantiles across subjects (e.g. exposure percentiles
    /// over time), with the fixed grid of their sketches.
    public let seriesQuantiles: [SeriesQuantiles]
    /// Columns of a recorded daily trajectory (``SubjectOutcome/recordTrajectory(_:arm:day:column:)``).
    public let trajectoryColumns: [String]
    /// Days simulated per subject; days run `0 ..< horizonDays`.
    public let horizonDays: Int

    /// Builds a layout after checking every name and reference; all problems are reported at once.
    ///
    /// - Throws: ``EngineError/invalidLayout(_:)`` listing each problem and how to fix it.
    public init(
        arms: [String],
        metrics: [MetricSpec],
        differences: [PairedDifference] = [],
        endpoints: [String] = [],
        series: [String] = [],
        seriesQuantiles: [SeriesQuantiles] = [],
        trajectoryColumns: [String] = [],
        horizonDays: Int
    ) throws {
        self.seriesQuantiles = seriesQuantiles
        self.arms = arms
        self.metrics = metrics
        self.differences = differences
        self.endpoints = endpoints
        self.series = series
        self.trajectoryColumns = trajectoryColumns
        self.horizonDays = horizonDays
        let problems = validationProblems()
        if !problems.isEmpty { throw EngineError.invalidLayout(problems) }
    }

    /// Position of the arm named `name`, or nil.
    public func armIndex(_ name: String) -> Int? { arms.firstIndex(of: name) }
    /// Position of the metric named `name`, or nil.
    public func metricIndex(_ name: String) -> Int? { metrics.firstIndex { $0.name == name } }
    /// Position of the time-to-event endpoint named `name`, or nil.
    public func endpointIndex(_ name: String) -> Int? { endpoints.firstIndex(of: name) }
    /// Position of the daily series named `name`, or nil.
    public func seriesIndex(_ name: String) -> Int? { series.firstIndex(of: name) }
    /// Position of the trajectory column named `name`, or nil.
    public func trajectoryColumnIndex(_ name: String) -> Int? { trajectoryColumns.firstIndex(of: name) }
}

/// Per-day quantiles of one daily series across subjects, e.g. Cavg p05/p50/p95 by day.
public struct SeriesQuantiles: Sendable, Equatable {
    /// The series (one of ``OutcomeLayout/series``).
    public let series: String
    /// Probabilities, e.g. [0.05, 0.5, 0.95]; columns are named `<series>_p05` etc.
    public let quantiles: [Double]
    /// The sketch's fixed grid (quantiles are exact to within one bin).
    public let grid: QuantileGrid

    /// Creates a per-day quantile request.
    public init(series: String, quantiles: [Double], grid: QuantileGrid) {
        self.series = series
        self.quantiles = quantiles
        self.grid = grid
    }
}

/// One per-subject metric: its name, what kind of mean it is, and optional quantiles.
public struct MetricSpec: Sendable, Equatable {
    /// Whether a metric is a mean of a continuous value or a proportion of 0/1 indicators.
    public enum Kind: String, Sendable, Equatable {
        /// Mean of a real-valued per-subject value.
        case mean
        /// Share of subjects with an indicator of 1 (values must be 0 or 1).
        case proportion
    }

    /// Stable snake_case name, used as the CSV `metric` column.
    public let name: String
    /// Mean or proportion.
    public let kind: Kind
    /// Quantiles across subjects to report, each in (0, 1), e.g. `[0.05, 0.5, 0.95]`; they need
    /// a ``QuantileGrid``.
    public let quantiles: [Double]
    /// The fixed histogram over which the quantiles are estimated; nil when there are none.
    public let grid: QuantileGrid?
    /// Also report the standard deviation across subjects (row `<metric>_sd`), e.g. for the
    /// achieved dose, which trials report as mean ± SD.
    public var reportsStandardDeviation = false

    /// A metric reported as a mean (or proportion) only.
    public init(_ name: String, kind: Kind = .mean) {
        self.init(name, kind: kind, quantiles: [], grid: nil)
    }

    /// A metric reported as a mean plus the given quantiles, estimated on `grid`.
    public init(_ name: String, kind: Kind = .mean, quantiles: [Double], grid: QuantileGrid?) {
        self.name = name
        self.kind = kind
        self.quantiles = quantiles
        self.grid = grid
    }

    /// A metric reported with its standard deviation across subjects (``reportsStandardDeviation``).
    public func withStandardDeviation() -> MetricSpec {
        var spec = self
        spec.reportsStandardDeviation = true
        return spec
    }

    /// The row name of the standard deviation across subjects: `<metric>_sd`.
    public var standardDeviationRowName: String { "\(name)_sd" }

    /// The row name of quantile `p`: `<metric>_p05`, `_p50`, `_p95`; fractional percents
    /// replace the point with an underscore (`p2_5`).
    public func quantileRowName(_ p: Double) -> String {
        // Rounded to 1e-6 % so that e.g. 0.07 · 100 = 7.000000000000001 reads as 7.
        let percent = (p * 100 * 1e6).rounded() / 1e6
        let label: String
        if percent == percent.rounded(), percent >= 0, percent < 100 {
            let whole = Int(percent)
            label = whole < 10 ? "0\(whole)" : "\(whole)"
        } else {
            label = percent.description.replacingOccurrences(of: ".", with: "_")
        }
        return "\(name)_p\(label)"
    }
}

/// The fixed bins of a ``QuantileSketch``: `bins` equal-width bins over `[lower, upper)`, on a
/// linear or a logarithmic scale. Values outside the range are counted (with exact min and max)
/// but located only to within that tail, so the range should cover the bulk of the values.
public struct QuantileGrid: Sendable, Equatable {
    /// How bins divide the range.
    public enum Scale: String, Sendable, Equatable {
        /// Equal widths in the value.
        case linear
        /// Equal widths in log(value); needs `lower > 0`. Values ≤ 0 fall below the range.
        case log
    }

    /// Lower end of the binned range (same unit as the metric).
    public let lower: Double
    /// Upper end of the binned range (same unit as the metric).
    public let upper: Double
    /// Number of bins (≥ 1).
    public let bins: Int
    /// Linear or logarithmic bins.
    public let scale: Scale

    /// A grid of `bins` bins over `[lower, upper)`.
    public init(lower: Double, upper: Double, bins: Int = 2048, scale: Scale = .linear) {
        self.lower = lower
        self.upper = upper
        self.bins = bins
        self.scale = scale
    }
}

/// A paired difference `minuend − subtrahend` per subject, for each of `metrics`; a subject
/// counts only where both arms have a value. Reported with arm name `minuend-subtrahend`.
public struct PairedDifference: Sendable, Equatable {
    /// Arm whose values are subtracted from.
    public let minuend: String
    /// Arm whose values are subtracted (usually the reference arm).
    public let subtrahend: String
    /// Metric names to difference.
    public let metrics: [String]

    /// The difference `minuend − subtrahend` for `metrics`.
    public init(_ minuend: String, minus subtrahend: String, metrics: [String]) {
        self.minuend = minuend
        self.subtrahend = subtrahend
        self.metrics = metrics
    }

    /// The name in the `arm` column of `differences.csv`.
    public var name: String { "\(minuend)-\(subtrahend)" }
}
