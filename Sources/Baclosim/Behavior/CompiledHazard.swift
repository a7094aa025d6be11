/// The runtime form of a `HazardDefinition`: trivially copyable (piecewise rates live in the
/// owning `DrinkingProcess`'s tables), so the daily kernel reads it in place without copying
/// or reference counting.
struct CompiledHazard: Sendable, Equatable {
    /// The baseline without arrays.
    enum Baseline: Sendable, Equatable {
        case constant(perDay: Double)
        case weibull(shape: Double, scaleDays: Double)
        case logLogistic(shape: Double, scaleDays: Double)
        case logLogisticCure(shape: Double, scaleDays: Double, curedFraction: Double)
        /// Pieces `first ..< first + count` of the process's piece tables.
        case piecewiseConstant(first: Int, count: Int)
    }

    /// Baseline form and parameters.
    var baseline: Baseline
    /// Clock and proportional factors, as declared.
    var modifiers: HazardModifiers

    /// Compiles `definition`, appending piecewise pieces to the given tables.
    init(_ definition: HazardDefinition, pieceStartDays: inout [Int], pieceRates: inout [Double]) {
        modifiers = definition.modifiers
        switch definition.baseline {
        case .constant(let h):
            baseline = .constant(perDay: h)
        case .weibull(let shape, let scale):
            baseline = .weibull(shape: shape, scaleDays: scale)
        case .logLogistic(let shape, let scale):
            baseline = .logLogistic(shape: shape, scaleDays: scale)
        case .logLogisticCure(let shape, let scale, let cured):
            baseline = .logLogisticCure(shape: shape, scaleDays: scale, curedFraction: cured)
        case .piecewiseConstant(let starts, let rates):
            baseline = .piecewiseConstant(first: pieceStartDays.count, count: starts.count)
            pieceStartDays += starts
            pieceRates += rates
        }
    }

    /// The hazard of day `τ`, `H(τ + 1) − H(τ)`: the same arithmetic as
    /// `BaselineHazard.dayHazard(elapsedDays:)`.
    @inline(__always)
    func baselineDayHazard(elapsedDays tau: Int, pieceStartDays: [Int], pieceRates: [Double]) -> Double {
        let t = Double(tau)
        switch baseline {
        case .constant(let h):
            return h
        case .weibull(let shape, let scale):
            return BaselineHazard.weibullCumulative(t + 1, shape: shape, scaleDays: scale)
                - BaselineHazard.weibullCumulative(t, shape: shape, scaleDays: scale)
        case .logLogistic(let shape, let scale):
            return BaselineHazard.logLogisticCumulative(t + 1, shape: shape, scaleDays: scale)
                - BaselineHazard.logLogisticCumulative(t, shape: shape, scaleDays: scale)
        case .logLogisticCure(let shape, let scale, let cured):
            return BaselineHazard.logLogisticCureCumulative(t + 1, shape: shape, scaleDays: scale,
                                                            curedFraction: cured)
                - BaselineHazard.logLogisticCureCumulative(t, shape: shape, scaleDays: scale,
                                                           curedFraction: cured)
        case .piecewiseConstant(let first, let count):
            var rate = 0.0
            for i in first..<(first + count) where pieceStartDays[i] <= tau { rate = pieceRates[i] }
            return rate
        }
    }
}
