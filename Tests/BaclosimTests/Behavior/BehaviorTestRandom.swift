import Foundation

/// Test-only random numbers for the Behavior and Population oracles: SplitMix64 (Steele, Lea &
/// Flood 2014) for uniforms, Box–Muller for normals. Independent of the engine's generators on
/// purpose, so the kernels are checked against draws they do not share code with.
struct BehaviorTestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in the open interval (0, 1): 53 random bits, centred in their cell.
    mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// One standard normal (Box–Muller, cosine branch).
    mutating func normal() -> Double {
        let r = (-2 * log(uniform())).squareRoot()
        return r * cos(2 * Double.pi * uniform())
    }
}

/// Statistics for the Behavior and Population test oracles.
enum BehaviorStats {
    /// Sample mean and unbiased variance.
    static func meanAndVariance(_ values: [Double]) -> (mean: Double, variance: Double) {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, variance)
    }

    /// True when an observed proportion lies within `z` binomial standard errors of `p` over `n`.
    static func proportionAgrees(_ observed: Double, _ p: Double, n: Int, z: Double = 5) -> Bool {
        let se = (p * (1 - p) / Double(n)).squareRoot()
        return abs(observed - p) <= z * max(se, 1 / Double(n))
    }

    /// Spearman's rank correlation (no ties in continuous data).
    static func spearmanCorrelation(_ a: [Double], _ b: [Double]) -> Double {
        func ranks(_ x: [Double]) -> [Double] {
            var r = [Double](repeating: 0, count: x.count)
            for (rank, index) in x.indices.sorted(by: { x[$0] < x[$1] }).enumerated() { r[index] = Double(rank) }
            return r
        }
        let ra = ranks(a), rb = ranks(b)
        let (ma, va) = BehaviorStats.meanAndVariance(ra), (mb, vb) = BehaviorStats.meanAndVariance(rb)
        var covariance = 0.0
        for i in ra.indices { covariance += (ra[i] - ma) * (rb[i] - mb) }
        covariance /= Double(ra.count - 1)
        return covariance / (va * vb).squareRoot()
    }
}
