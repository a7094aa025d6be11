import Foundation

/// Cue-triggered craving jumps: each day a Poisson(`ratePerDay`) number of cue exposures, each
/// adding an Exponential(`meanJumpSize`) amount to craving (docs/model.md#6-craving; Grasman et al. 2016 drive
/// their craving model with Poisson cue events).
///
/// Randomness is an input: the count inverts one uniform, each jump size inverts its own
/// uniform (`−mean·ln u`). Cue exposures are part of the subject's environment, so the caller
/// draws them from a stream that does not depend on the arm.
struct CueExposure: Sendable, Equatable {
    /// Expected number of cue exposures per day.
    var ratePerDay: Double
    /// Mean size of one jump, in craving units.
    var meanJumpSize: Double

    /// Number of cues today, by Poisson inversion of `u`.
    @inline(__always)
    func count(uniform u: Double) -> Int {
        ratePerDay > 0 ? DiscreteInversion.poisson(uniform: u, mean: ratePerDay) : 0
    }

    /// Total jump added to craving today.
    /// - Parameters:
    ///   - countUniform: uniform in (0, 1) for the count.
    ///   - sizeUniforms: uniforms in (0, 1), one per jump. Only the first `count` are read; if
    ///     fewer are given the count is truncated to what is supplied (give as many as the count
    ///     can plausibly reach: with 0.1 cues/day, P(N > 4) ≈ 8e-8).
    /// - Complexity: O(count); allocation-free.
    func jump(countUniform: Double, sizeUniforms: some Collection<Double>) -> Double {
        let n = count(uniform: countUniform)
        guard n > 0 else { return 0 }
        assert(sizeUniforms.count >= n, "fewer size uniforms than cues; count truncated")
        var total = 0.0
        var taken = 0
        for u in sizeUniforms {
            if taken == n { break }
            total -= meanJumpSize * log(u)
            taken += 1
        }
        return total
    }
}
