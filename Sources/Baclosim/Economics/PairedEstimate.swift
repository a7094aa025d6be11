/// A paired difference in mean cost or QALYs between two arms, estimated from the same subjects
/// in both (common random numbers): mean, standard error and the number of paired subjects.
public struct PairedEstimate: Sendable, Equatable {
    /// Mean of the per-subject differences.
    public var mean: Double
    /// Its standard error (sample standard deviation / √n).
    public var standardError: Double
    /// Subjects with a value in both arms.
    public var subjects: Int

    public init(mean: Double, standardError: Double, subjects: Int) {
        self.mean = mean
        self.standardError = standardError
        self.subjects = subjects
    }

    /// z of the 95 % interval the decisions are judged by (that of `differences.csv`).
    static let z95 = NormalInterval.z95

    /// Whether the 95 % interval excludes 0: the sign of the difference is settled.
    var isResolved: Bool { abs(mean) > Self.z95 * standardError }

    /// Paired subjects at which the 95 % half-width would equal |mean| if the mean and the
    /// subject-level spread stayed as they are: `n · (z·SE / |mean|)²`, rounded up; `nil` when
    /// the mean is exactly 0 or the spread is unknown (no finite number settles it).
    var subjectsToResolve: Int? {
        guard mean != 0, standardError.isFinite, subjects > 0 else { return nil }
        let needed = Double(subjects) * (Self.z95 * standardError / abs(mean)) * (Self.z95 * standardError / abs(mean))
        return needed < 1e15 ? Int(needed.rounded(.up)) : nil
    }
}

/// The cost and QALY differences of one pair of arms, `minuend − subtrahend` (arm indices).
public struct PairedEconomicDifference: Sendable, Equatable {
    public var minuend: Int
    public var subtrahend: Int
    public var cost: PairedEstimate
    public var qalys: PairedEstimate

    public init(minuend: Int, subtrahend: Int, cost: PairedEstimate, qalys: PairedEstimate) {
        self.minuend = minuend
        self.subtrahend = subtrahend
        self.cost = cost
        self.qalys = qalys
    }
}
