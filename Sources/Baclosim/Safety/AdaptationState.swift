/// Neuroadaptation to a drug's effect: a level `A` that follows the effect `E` slowly up and
/// faster down (docs/model.md#10-drug-withdrawal-and-toxicity):
///
///     A_{d+1} = A_d + (E_d − A_d)·(1 − e^{−1/τ}),   τ = τ_up if E_d > A_d else τ_down
///
/// `A` and `E` share the driver's units: the craving effect (fraction of craving removed,
/// 0…Emax) or a drug's own receptor occupancy (0…1; ``WithdrawalDriver``). At constant `E`
/// from `A_0 = 0`, `A_n = E·(1 − (1 − a)^n)` with `a = 1 − e^{−1/τ_up}`. When the drug stops,
/// `A` lags above `E`, and the gap drives withdrawal (``WithdrawalModel``).
public struct AdaptationState: Sendable, Hashable {
    /// `A`, in effect units.
    public private(set) var level: Double

    /// Starts at `level` (RM-1: 0, drug-naive).
    public init(level: Double = 0) {
        self.level = level
    }

    /// `W = max(0, A − E − threshold)` for today's effect `E` (effect units), from the level
    /// before today's update.
    @inline(__always)
    func drive(effect: Double, threshold: Double) -> Double {
        max(0, level - effect - threshold)
    }

    /// Moves `A` one day towards `effect`: gain `riseGain` = `1 − e^{−1/τ_up}` when
    /// `effect > A`, else `fallGain` = `1 − e^{−1/τ_down}`.
    @inline(__always)
    mutating func update(effect: Double, riseGain: Double, fallGain: Double) {
        let gain = effect > level ? riseGain : fallGain
        level += (effect - level) * gain
    }
}
