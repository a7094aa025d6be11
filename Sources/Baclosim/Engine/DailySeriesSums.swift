/// Per arm, series and day: the count, sum and sum of squares of subjects' values, from which
/// the daily mean and its standard error follow; mergeable by addition.
///
/// Plain sums (not Welford) keep the per-subject-day cost to two additions and a multiply;
/// summing in a fixed block order keeps them bit-reproducible. The variance from raw sums loses
/// precision when the spread is tiny relative to the mean (it is clamped at 0), which is
/// acceptable for plotted bands; the headline metrics use ``MeanAccumulator``.
struct DailySeriesSums: Sendable, Equatable {
    /// Days per series.
    let horizonDays: Int
    /// `counts[cell * horizonDays + day]` with `cell = arm * seriesCount + series`.
    private(set) var counts: [Int]
    /// Sums of values, indexed like `counts`.
    private(set) var sums: [Double]
    /// Sums of squared values, indexed like `counts`.
    private(set) var squares: [Double]

    /// Zero sums for `cells` (arm, series) pairs over `horizonDays` days.
    init(cells: Int, horizonDays: Int) {
        self.horizonDays = horizonDays
        counts = Array(repeating: 0, count: cells * horizonDays)
        sums = Array(repeating: 0, count: cells * horizonDays)
        squares = Array(repeating: 0, count: cells * horizonDays)
    }

    /// Zeroes every sum in place (no allocation).
    mutating func reset() {
        for i in counts.indices { counts[i] = 0 }
        for i in sums.indices { sums[i] = 0 }
        for i in squares.indices { squares[i] = 0 }
    }

    /// Adds one value at flat index `i` (`cell * horizonDays + day`).
    mutating func add(_ x: Double, at i: Int) {
        counts[i] += 1
        sums[i] += x
        squares[i] += x * x
    }

    /// ``add(_:at:)`` for each value of `values` that is not NaN, at cells `start`, `start + 1`,
    /// …: one subject's days of one series in a single pass (no per-value checks of the
    /// arrays' uniqueness or bounds).
    ///
    /// Branch-free, so the loop vectorizes: a NaN adds 0 to the count and −0 to the sums, and
    /// `s + (−0) == s` for every `s` (−0 included), so the sums are bit for bit those of
    /// skipping it. The square of −0 is +0, added to a sum of squares that is never −0.
    mutating func add(_ values: UnsafeBufferPointer<Double>, at start: Int) {
        precondition(start >= 0 && start + values.count <= counts.count, "series range outside the sums")
        guard let source = values.baseAddress else { return }
        let n = values.count
        counts.withUnsafeMutableBufferPointer { counts in
            sums.withUnsafeMutableBufferPointer { sums in
                squares.withUnsafeMutableBufferPointer { squares in
                    let count = counts.baseAddress! + start, sum = sums.baseAddress! + start, square = squares.baseAddress! + start
                    for i in 0..<n {
                        let x = source[i]
                        let isValue = x == x  // false for NaN only
                        let y = isValue ? x : -0.0
                        count[i] &+= isValue ? 1 : 0
                        sum[i] += y
                        square[i] += y * y
                    }
                }
            }
        }
    }

    /// Adds the sums of `other` (same shape).
    mutating func merge(_ other: DailySeriesSums) {
        precondition(counts.count == other.counts.count, "merging daily series of different shapes")
        for i in counts.indices {
            counts[i] += other.counts[i]
            sums[i] += other.sums[i]
            squares[i] += other.squares[i]
        }
    }

    /// Mean of the values at flat index `i`; nil when none.
    func mean(at i: Int) -> Double? {
        counts[i] > 0 ? sums[i] / Double(counts[i]) : nil
    }

    /// Standard error of the mean at flat index `i`, sd(n − 1)/√n; nil when fewer than 2.
    func standardError(at i: Int) -> Double? {
        let n = counts[i]
        guard n >= 2 else { return nil }
        let mean = sums[i] / Double(n)
        let variance = max(squares[i] - Double(n) * mean * mean, 0) / Double(n - 1)
        return (variance / Double(n)).squareRoot()
    }
}

extension DailySeriesSums {
    /// Its counts and sums, bit for bit (``CohortPart``).
    func encode(into encoder: inout PartEncoder) {
        encoder.sparseCounts(counts)
        encoder.reals(sums)
        encoder.reals(squares)
    }

    /// Fills these sums (made for the layout) with what ``encode(into:)`` wrote.
    mutating func decode(from decoder: inout PartDecoder) throws(PartDecodingError) {
        counts = try decoder.sparseCounts(counts.count, of: "daily series counts")
        sums = try decoder.reals(sums.count, of: "daily series sums")
        squares = try decoder.reals(squares.count, of: "daily series squares")
    }
}
