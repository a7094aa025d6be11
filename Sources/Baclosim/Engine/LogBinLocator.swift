import Foundation

/// The bin of a value on a logarithmic ``QuantileGrid``, found without `log`: the same bin as
/// the sketch's formula `min(max(Int((log(x) − log(lower)) / width), 0), bins − 1)`, from the
/// value's bits and a comparison with precomputed bin edges.
///
/// The edges are the formula's own: `edges[i]` is the smallest double whose formula bin is at
/// least `i`, found at set-up by bisection on the bit patterns with the formula itself. As the
/// formula is monotone in `x` (`log` is monotone; subtracting a constant, dividing by a
/// positive one and truncating keep the order), the bin of `x` is the largest `i` with
/// `edges[i] ≤ x`: bit for bit the formula's bin. A lookup starts from the bin of the start
/// of the value's "bucket" (the value's sign, exponent and top `mantissaBits` mantissa bits;
/// a bucket spans 1/256 of an octave, much less than a bin on the grids the engine uses) and
/// steps up past the edges at or below the value, usually none or one.
///
/// The cost: one table load and one or two comparisons per value, where `log` costs about
/// 40 instructions (the engine's Cavg percentile sketches add one value per arm-day).
struct LogBinLocator: Sendable, Equatable {
    /// `edges[i]` for `i` in `1 ..< bins`: the smallest double in `[lower, upper)` whose
    /// formula bin is ≥ `i` (+∞ when none is); `edges[0]` = lower, `edges[bins]` = +∞.
    private let edges: [Double]
    /// Per bucket key (from `firstKey` on): the formula bin of the bucket's smallest value in
    /// range.
    private let firstBin: [Int32]
    /// Bucket key of `lower`.
    private let firstKey: UInt64

    /// Mantissa bits in a bucket key: 2⁸ buckets per octave.
    private static let mantissaBits: UInt64 = 8
    private static let keyShift: UInt64 = 52 - mantissaBits
    /// At most this many buckets (2¹⁶, 256 octaves); a wider grid keeps `log`.
    private static let maximumBuckets: UInt64 = 1 << 16

    /// The locator for `bins` bins over `[lower, upper)` with `scaledLower` = log(lower) and
    /// `scaledBinWidth` = (log(upper) − log(lower)) / bins as the sketch computes them; nil
    /// when the range is not finite and positive or spans more than 256 octaves.
    init?(lower: Double, upper: Double, bins: Int, scaledLower: Double, scaledBinWidth: Double) {
        guard lower > 0, lower.isFinite, upper.isFinite, upper > lower, bins >= 1, bins < Int(Int32.max),
              scaledBinWidth > 0, scaledBinWidth.isFinite else { return nil }
        let firstKey = lower.bitPattern >> Self.keyShift
        let lastKey = upper.bitPattern >> Self.keyShift
        guard lastKey - firstKey < Self.maximumBuckets else { return nil }
        func formulaBin(_ x: Double) -> Int {
            let position = (log(x) - scaledLower) / scaledBinWidth
            guard position.isFinite else { return position > 0 ? bins - 1 : 0 }
            guard position < Double(bins) else { return bins - 1 }
            return min(max(Int(position), 0), bins - 1)
        }
        // The last double below `upper`: the top of the binned range.
        let top = upper.nextDown
        var edges = [Double](repeating: .infinity, count: bins + 1)
        edges[0] = lower
        for i in 1..<bins {
            // Smallest x in [lower, top] with formulaBin(x) >= i, by bisection on bit patterns
            // (ordered like the values for positive doubles); the bracket starts at the exact
            // edge exp(lower's log + i·width), widened until it holds the crossing.
            guard formulaBin(top) >= i else { break }
            let guess = min(max(exp(scaledLower + Double(i) * scaledBinWidth), lower), top).bitPattern
            var low = guess, high = guess, step: UInt64 = 1
            while low > lower.bitPattern && formulaBin(Double(bitPattern: low)) >= i {
                low = max(lower.bitPattern, low >= step ? low - step : 0)
                step &*= 2
            }
            step = 1
            while formulaBin(Double(bitPattern: high)) < i {
                high = min(top.bitPattern, high + step)
                step &*= 2
            }
            // Now formulaBin(high) >= i and (low == lower or formulaBin(low) < i).
            if formulaBin(Double(bitPattern: low)) >= i {
                edges[i] = Double(bitPattern: low)
                continue
            }
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if formulaBin(Double(bitPattern: middle)) >= i { high = middle } else { low = middle }
            }
            edges[i] = Double(bitPattern: high)
        }
        var firstBin = [Int32](repeating: 0, count: Int(lastKey - firstKey) + 1)
        var bin = 0
        for k in firstBin.indices {
            let start = max(Double(bitPattern: (firstKey + UInt64(k)) << Self.keyShift), lower)
            while bin + 1 < bins && edges[bin + 1] <= start { bin += 1 }
            firstBin[k] = Int32(bin)
        }
        self.edges = edges
        self.firstBin = firstBin
        self.firstKey = firstKey
    }

    /// The formula bin of `x`, for `lower ≤ x < upper`.
    @inline(__always)
    func bin(_ x: Double) -> Int {
        edges.withUnsafeBufferPointer { edges in
            firstBin.withUnsafeBufferPointer { firstBin in
                let key = Int(truncatingIfNeeded: (x.bitPattern >> Self.keyShift) &- firstKey)
                precondition(key >= 0 && key < firstBin.count, "value outside the locator's range")
                var bin = Int(firstBin[key])
                // edges[bins] is +∞: the walk stops at the last bin.
                while x >= edges[bin + 1] { bin += 1 }
                return bin
            }
        }
    }
}
