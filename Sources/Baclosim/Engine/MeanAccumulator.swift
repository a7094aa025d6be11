/// Running count, mean and sum of squared deviations of a stream of values, mergeable.
///
/// Values are added one at a time with Welford's update and accumulators are combined with the
/// pairwise update of Chan, Golub and LeVeque (1979), which stays accurate for large counts and
/// is what the RM-1 reference implementation uses (`rm1_common.MeanVar`). Merging is exact in
/// the sense that it equals a single pass up to rounding; merging in a fixed order is
/// bit-reproducible.
struct MeanAccumulator: Sendable, Equatable {
    /// Number of values added.
    private(set) var count: Int = 0
    /// Mean of the values added (0 when none).
    private(set) var mean: Double = 0
    /// Sum of squared deviations from the mean.
    private(set) var m2: Double = 0

    /// Adds one value (Welford 1962).
    mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
    }

    /// Adds every value of `other` (Chan, Golub and LeVeque 1979, eq. 2.1).
    mutating func merge(_ other: MeanAccumulator) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let n = count + other.count
        let delta = other.mean - mean
        let nA = Double(count)
        let nB = Double(other.count)
        let total = Double(n)
        mean += delta * nB / total
        m2 += other.m2 + delta * delta * nA * nB / total
        count = n
    }

    /// Sample variance with the n − 1 denominator; nil when fewer than 2 values.
    var sampleVariance: Double? {
        count < 2 ? nil : max(m2, 0) / Double(count - 1)
    }

    /// Standard error of the mean, sd(n − 1)/√n; nil when fewer than 2 values.
    var standardError: Double? {
        sampleVariance.map { ($0 / Double(count)).squareRoot() }
    }

    /// The mean, or nil when no value was added.
    var meanIfAny: Double? { count > 0 ? mean : nil }
}

extension MeanAccumulator {
    /// Its count, mean and m2, bit for bit (``CohortPart``).
    func encode(into encoder: inout PartEncoder) {
        encoder.count(count)
        encoder.real(mean)
        encoder.real(m2)
    }

    /// The accumulator ``encode(into:)`` wrote.
    init(decoding decoder: inout PartDecoder) throws(PartDecodingError) {
        count = try decoder.count()
        mean = try decoder.real()
        m2 = try decoder.real()
    }
}
