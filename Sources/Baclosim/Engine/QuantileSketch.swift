import Foundation

/// A mergeable, deterministic estimate of quantiles across subjects: counts on the fixed bins of
/// a ``QuantileGrid`` plus counts below and above its range with the exact minimum and maximum.
///
/// Memory is fixed by the grid (one count per bin), never by the number of values, and merging
/// adds counts, so the result does not depend on how values were split across blocks.
///
/// Quantiles follow the RM-1 reference (`rm1_common.quantile_with_se`) as closely as a sketch
/// allows: the p-quantile interpolates linearly between order statistics at position (n − 1)·p
/// (NumPy's default "linear" method), each order statistic being estimated by spreading a bin's
/// values evenly across the bin (so it is within one bin width of the exact one, for values in
/// range; the smallest and largest are exact). Its standard error is distribution-free: the
/// number of values below the true quantile is Binomial(n, p), so the order statistics of
/// 1-based ranks ⌊n·p − 1.96·√(n·p(1 − p))⌋ and ⌈n·p + 1.96·√(n·p(1 − p))⌉ bracket it with about
/// 95 % confidence, and se is half that bracket's width divided by 1.96.
struct QuantileSketch: Sendable, Equatable {
    /// The bins.
    let grid: QuantileGrid
    /// Values counted per bin.
    private(set) var binCounts: [Int]
    /// The bins that hold values: all counts outside `countedBins` are 0 (empty when no bin
    /// does). Merging and emptying touch only these, not every bin of a fine grid (the
    /// engine's metric grids have 200,000 bins, merged once per block of subjects).
    private(set) var countedBins: Range<Int> = 0..<0
    /// Values below `grid.lower` (including all values ≤ 0 on a log grid).
    private(set) var belowCount = 0
    /// Values at or above `grid.upper`.
    private(set) var aboveCount = 0
    /// Smallest value added (+∞ when none).
    private(set) var minimum = Double.infinity
    /// Largest value added (−∞ when none).
    private(set) var maximum = -Double.infinity

    /// Start of the range on the grid's scale (the value, or its log).
    private let scaledLower: Double
    /// Bin width on the grid's scale.
    private let scaledBinWidth: Double
    /// On a log grid: the bins found without `log` (nil on a linear grid, or a log grid too
    /// wide for a locator, which then takes the log).
    private let logBins: LogBinLocator?

    /// An empty sketch on `grid` (which must be valid: see ``MetricSpec``'s validation).
    init(grid: QuantileGrid) {
        self.init(grid: grid, logBins: Self.logBinLocator(grid))
    }

    /// An empty sketch on `grid` with the locator `Self.logBinLocator(grid)`, computed once
    /// for many sketches on the same grid (its set-up takes a few thousand `log`s).
    init(grid: QuantileGrid, logBins: LogBinLocator?) {
        self.grid = grid
        binCounts = Array(repeating: 0, count: max(grid.bins, 1))
        let (lower, width) = Self.scaledRange(grid)
        scaledLower = lower
        scaledBinWidth = width
        self.logBins = grid.scale == .log ? logBins : nil
    }

    /// The start of `grid`'s range and its bin width on the grid's scale.
    private static func scaledRange(_ grid: QuantileGrid) -> (lower: Double, binWidth: Double) {
        let lower = Self.scaled(grid.lower, grid.scale)
        return (lower, (Self.scaled(grid.upper, grid.scale) - lower) / Double(max(grid.bins, 1)))
    }

    /// The log-free bin locator for `grid` (nil on a linear grid, or where none can be made).
    static func logBinLocator(_ grid: QuantileGrid) -> LogBinLocator? {
        guard grid.scale == .log else { return nil }
        let (lower, width) = scaledRange(grid)
        return LogBinLocator(lower: grid.lower, upper: grid.upper, bins: max(grid.bins, 1), scaledLower: lower, scaledBinWidth: width)
    }

    /// Empties the sketch in place (no allocation): as `init(grid:)` made it.
    mutating func reset() {
        for i in countedBins { binCounts[i] = 0 }
        countedBins = 0..<0
        belowCount = 0
        aboveCount = 0
        minimum = .infinity
        maximum = -.infinity
    }

    /// Number of values added.
    var count: Int { belowCount + aboveCount + binCounts[countedBins].reduce(0, +) }

    /// Adds one value (not NaN).
    mutating func add(_ x: Double) {
        assert(!x.isNaN, "NaN added to a quantile sketch")
        if x < minimum { minimum = x }
        if x > maximum { maximum = x }
        if x < grid.lower || (grid.scale == .log && x <= 0) {
            belowCount += 1
        } else if x >= grid.upper {
            aboveCount += 1
        } else if let bin = logBins?.bin(x) {
            // The bin of the formula below, without the log (see `LogBinLocator`).
            countValue(inBin: bin)
        } else {
            let position = (Self.scaled(x, grid.scale) - scaledLower) / scaledBinWidth
            countValue(inBin: min(max(Int(position), 0), binCounts.count - 1))
        }
    }

    /// Counts one value in `bin`.
    @inline(__always)
    private mutating func countValue(inBin bin: Int) {
        binCounts[bin] += 1
        if countedBins.isEmpty {
            countedBins = bin..<(bin + 1)
        } else if bin < countedBins.lowerBound {
            countedBins = bin..<countedBins.upperBound
        } else if bin >= countedBins.upperBound {
            countedBins = countedBins.lowerBound..<(bin + 1)
        }
    }

    /// Adds the counts of `other`, which must use the same grid.
    mutating func merge(_ other: QuantileSketch) {
        precondition(grid == other.grid, "merging quantile sketches on different grids")
        if !other.countedBins.isEmpty {
            binCounts.withUnsafeMutableBufferPointer { counts in
                other.binCounts.withUnsafeBufferPointer { otherCounts in
                    for i in other.countedBins { counts[i] += otherCounts[i] }
                }
            }
            countedBins = countedBins.isEmpty ? other.countedBins
                : min(countedBins.lowerBound, other.countedBins.lowerBound)..<max(countedBins.upperBound, other.countedBins.upperBound)
        }
        belowCount += other.belowCount
        aboveCount += other.aboveCount
        minimum = min(minimum, other.minimum)
        maximum = max(maximum, other.maximum)
    }

    /// The sample p-quantile (linear interpolation between order statistics at (n − 1)·p);
    /// nil when empty.
    func quantile(_ p: Double) -> Double? {
        let n = count
        guard n > 0 else { return nil }
        let position = Double(n - 1) * p
        let lower = min(max(Int(position.rounded(.down)), 0), n - 1)
        let fraction = position - Double(lower)
        let low = orderStatistic(lower, count: n)
        guard fraction > 0, lower + 1 < n else { return low }
        let high = orderStatistic(lower + 1, count: n)
        return low + fraction * (high - low)
    }

    /// The distribution-free standard error of the p-quantile (see the type's documentation);
    /// nil when empty.
    func quantileStandardError(_ p: Double) -> Double? {
        let n = count
        guard n > 0 else { return nil }
        let z95 = 1.96
        let half = z95 * (Double(n) * p * (1 - p)).squareRoot()
        let lowRank = min(max(Int((Double(n) * p - half).rounded(.down)), 1), n)
        let highRank = min(max(Int((Double(n) * p + half).rounded(.up)), 1), n)
        let width = orderStatistic(highRank - 1, count: n) - orderStatistic(lowRank - 1, count: n)
        return width / (2 * z95)
    }

    /// Estimate of the order statistic of 0-based rank `k` among `n` = ``count`` values.
    ///
    /// - Complexity: O(bins).
    func orderStatistic(_ k: Int, count n: Int) -> Double {
        if k <= 0 { return minimum }
        if k >= n - 1 { return maximum }
        var rank = k
        if rank < belowCount {
            return spread(rank, of: belowCount, from: minimum, to: min(grid.lower, maximum), scale: .linear)
        }
        rank -= belowCount
        for bin in countedBins where binCounts[bin] > 0 {
            let binCount = binCounts[bin]
            if rank < binCount {
                return spread(rank, of: binCount, from: edge(bin), to: edge(bin + 1), scale: grid.scale)
            }
            rank -= binCount
        }
        return spread(rank, of: aboveCount, from: max(grid.upper, minimum), to: maximum, scale: .linear)
    }

    /// The value of the `rank`-th of `count` values spread evenly (at mid-points) over
    /// [from, to) on `scale`, clamped to the exact range seen.
    private func spread(_ rank: Int, of count: Int, from: Double, to: Double, scale: QuantileGrid.Scale) -> Double {
        let t = (Double(rank) + 0.5) / Double(count)
        let value: Double
        switch scale {
        case .linear: value = from + t * (to - from)
        case .log: value = exp(log(from) + t * (log(to) - log(from)))
        }
        return min(max(value, minimum), maximum)
    }

    /// Lower edge of bin `i` (`i == bins` gives the upper end of the range).
    private func edge(_ i: Int) -> Double {
        if i == 0 { return grid.lower }
        if i == binCounts.count { return grid.upper }
        let scaledEdge = scaledLower + Double(i) * scaledBinWidth
        return grid.scale == .linear ? scaledEdge : exp(scaledEdge)
    }

    /// `x` on the grid's scale.
    private static func scaled(_ x: Double, _ scale: QuantileGrid.Scale) -> Double {
        switch scale {
        case .linear: return x
        case .log: return log(x)
        }
    }
}

extension QuantileSketch {
    /// Its counts (the bins that hold values only), extremes and counted range (``CohortPart``).
    func encode(into encoder: inout PartEncoder) {
        encoder.count(countedBins.lowerBound)
        encoder.count(countedBins.upperBound)
        var last = countedBins.lowerBound - 1
        for i in countedBins where binCounts[i] != 0 {
            encoder.count(i - last - 1)
            encoder.count(binCounts[i])
            last = i
        }
        encoder.count(0)
        encoder.count(0)
        encoder.count(belowCount)
        encoder.count(aboveCount)
        encoder.real(minimum)
        encoder.real(maximum)
    }

    /// Fills this empty sketch (made on the layout's grid) with what ``encode(into:)`` wrote.
    mutating func decode(from decoder: inout PartDecoder) throws(PartDecodingError) {
        let lower = try decoder.count(), upper = try decoder.count()
        guard lower <= upper, upper <= binCounts.count else {
            throw PartDecodingError("a quantile sketch's bins \(lower)..<\(upper) outside its grid of \(binCounts.count)")
        }
        reset()
        var next = lower
        while true {
            let gap = try decoder.count(), value = try decoder.count()
            if value == 0 {
                guard gap == 0 else { throw PartDecodingError("a quantile sketch stores an empty bin") }
                break
            }
            guard gap < upper - next else { throw PartDecodingError("a quantile sketch's bin beyond its counted range") }
            binCounts[next + gap] = value
            next += gap + 1
        }
        countedBins = lower..<upper
        belowCount = try decoder.count()
        aboveCount = try decoder.count()
        minimum = try decoder.real()
        maximum = try decoder.real()
    }
}
