import Foundation

/// Convolutions of decaying exponentials: the building block of every exact linear PK formula.
///
/// `E(λ₁,…,λₙ; t)` is the inverse Laplace transform of `1 / ∏(s + λᵢ)` at time t, i.e. the
/// convolution `e^{−λ₁t} ∗ … ∗ e^{−λₙt}`. It equals `(−1)^{n−1} tⁿ⁻¹ · f[λ₁t, …, λₙt]`, the
/// divided difference of `f(x) = e^{−x}`, and is ≥ 0. Every entry of a linear PK transition (and
/// of its time integral, by adding a rate 0) is a short positive combination of these.
///
/// Coincident or nearly coincident rates (KA = k, KA = α …) need no special case: pairs use
/// `expm1`, which is exact in the limit (`E(k, k; t) = t·e^{−kt}`), and larger clusters whose
/// scaled spread `(λmax − λmin)·t` is below `taylorSpread` are summed as a Taylor series
/// (McCurdy, Ng & Parlett 1984, Math. Comp. 43:501), never by dividing by a near-zero gap.
enum ExponentialConvolution {
    /// Scaled spread below which a cluster of three or more rates is summed by Taylor series;
    /// above it the divided-difference recurrence loses at most a factor ~n/spread ≤ 8 to
    /// cancellation.
    static let taylorSpread = 1.0

    /// `expm1(z)/z`, continuous at 0 (value 1).
    @inline(__always)
    static func phi1(_ z: Double) -> Double {
        z == 0 ? 1 : expm1(z) / z
    }

    /// `E(a; t) = e^{−a t}`.
    @inline(__always)
    static func one(_ a: Double, _ t: Double) -> Double {
        exp(-a * t)
    }

    /// `E(a, b; t) = (e^{−at} − e^{−bt}) / (b − a)`, and `t·e^{−at}` when a = b.
    @inline(__always)
    static func two(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let low = min(a, b)
        let gap = abs(a - b)
        return t * exp(-low * t) * phi1(-gap * t)
    }

    /// `E(a, b, c; t)`.
    static func three(_ a: Double, _ b: Double, _ c: Double, _ t: Double) -> Double {
        value(SIMD8(a, b, c, 0, 0, 0, 0, 0), count: 3, t)
    }

    /// `E(a, b, c, d; t)`.
    static func four(_ a: Double, _ b: Double, _ c: Double, _ d: Double, _ t: Double) -> Double {
        value(SIMD8(a, b, c, d, 0, 0, 0, 0), count: 4, t)
    }

    /// `E(a, b, c, d, e; t)`.
    static func five(_ a: Double, _ b: Double, _ c: Double, _ d: Double, _ e: Double, _ t: Double) -> Double {
        value(SIMD8(a, b, c, d, e, 0, 0, 0), count: 5, t)
    }

    /// `E(rates[0], …, rates[count−1]; t)` for 1 ≤ count ≤ 8, rates ≥ 0 (1/h), t ≥ 0 (h).
    ///
    /// - Complexity: O(count² + count·terms) with at most ~25 Taylor terms per small cluster;
    ///   no allocation.
    static func value(_ rates: SIMD8<Double>, count n: Int, _ t: Double) -> Double {
        assert(n >= 1 && n <= 8)
        if n == 1 { return one(rates[0], t) }
        if n == 2 { return two(rates[0], rates[1], t) }
        if t == 0 { return 0 }

        // Scaled points, sorted ascending so that a window's spread is its last minus its first.
        var x = SIMD8<Double>(repeating: 0)
        for i in 0..<n { x[i] = rates[i] * t }
        for i in 1..<n {
            let key = x[i]
            var j = i - 1
            while j >= 0 && x[j] > key {
                x[j + 1] = x[j]
                j -= 1
            }
            x[j + 1] = key
        }

        // In-place divided-difference table of e^{−x}, signed so every entry is ≥ 0:
        // after level l, e[i] = (−1)^l f[x_{i−l}, …, x_i].
        var e = SIMD8<Double>(repeating: 0)
        e[0] = exp(-x[0])
        for i in stride(from: n - 1, through: 1, by: -1) {
            e[i] = exp(-x[i - 1]) * phi1(-(x[i] - x[i - 1]))
        }
        for level in 2..<n {
            for i in stride(from: n - 1, through: level, by: -1) {
                let spread = x[i] - x[i - level]
                if spread < taylorSpread {
                    e[i] = taylorCluster(x, first: i - level, last: i)
                } else {
                    e[i] = (e[i - 1] - e[i]) / spread
                }
            }
        }
        var tPower = t
        for _ in 2..<n { tPower *= t }
        return e[n - 1] * tPower
    }

    /// `(−1)^l f[x_first, …, x_last]` for `f = e^{−x}` and a tight cluster (spread < 1), from
    /// the series `Σ_j (−1)^j h_j(y) / (j + l)!` with `y = x − x_first` and `h_j` the complete
    /// homogeneous symmetric polynomials.
    static func taylorCluster(_ x: SIMD8<Double>, first: Int, last: Int) -> Double {
        let level = last - first
        let shift = x[first]
        var y = SIMD8<Double>(repeating: 0)
        for q in 0...level { y[q] = x[first + q] - shift }
        // h[q] = h_j(y_0 … y_q); h_0 ≡ 1.
        var h = SIMD8<Double>(repeating: 1)
        var inverseFactorial = 1.0
        if level > 1 { for m in 2...level { inverseFactorial /= Double(m) } }
        var sum = inverseFactorial
        var sign = 1.0
        for j in 1...40 {
            // y_0 = 0, so h_j(y_0) = 0 for j ≥ 1.
            var previous = 0.0
            h[0] = 0
            if level >= 1 {
                for q in 1...level {
                    previous += y[q] * h[q]
                    h[q] = previous
                }
            }
            inverseFactorial /= Double(j + level)
            sign = -sign
            let term = sign * h[level] * inverseFactorial
            sum += term
            if abs(term) <= 1e-17 * abs(sum) { break }
        }
        return exp(-shift) * sum
    }
}
