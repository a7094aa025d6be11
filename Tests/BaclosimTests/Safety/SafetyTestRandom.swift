import Testing

/// SplitMix64 (Steele, Lea & Flood 2014): test-only uniforms for the safety oracles.
struct SafetySplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform in the open interval (0, 1).
    mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }
}

/// Expects a simulated proportion of `n` trials to lie within 5 binomial standard errors of
/// `probability`.
func expectProportion(_ count: Int, of n: Int, near probability: Double,
                      sourceLocation: SourceLocation = #_sourceLocation) {
    let observed = Double(count) / Double(n)
    let standardError = (probability * (1 - probability) / Double(n)).squareRoot()
    #expect(abs(observed - probability) <= 5 * standardError + 1e-12,
            "observed \(observed), expected \(probability) ± 5×\(standardError)",
            sourceLocation: sourceLocation)
}
