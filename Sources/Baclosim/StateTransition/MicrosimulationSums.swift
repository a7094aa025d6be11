/// What one block of a state-transition microsimulation accumulates: per strategy the sums and
/// sums of squares of each subject's discounted cost, QALYs and life-years, the undiscounted
/// life-years and the cost by item; per pair of strategies the sums and sums of squares of the
/// paired differences (common random numbers make them far tighter than the arms' own spread).
/// Merged block by block in block order (``OrderedBlockMerger``), so the sums do not depend on
/// the thread count. (State occupancy counts are integers, exact in any order: each worker keeps
/// its own, see ``StateTransitionMicrosimulation``.)
struct MicrosimulationSums: BlockAccumulator {
    /// Values per subject and strategy: cost, QALYs, life-years, life-years undiscounted, then
    /// each cost item.
    static let fixedValues = 4
    let strategyCount: Int
    let valuesPerStrategy: Int
    private(set) var subjects = 0
    /// Per strategy and value: Σx and Σx² (x at index 2k, x² at 2k + 1).
    private(set) var sums: [Double]
    /// Per ordered pair (s, r) with r < s, for cost, QALYs and life-years: Σd and Σd² (d = s − r).
    private(set) var pairSums: [Double]
    init(strategyCount: Int, valuesPerStrategy: Int) {
        self.strategyCount = strategyCount
        self.valuesPerStrategy = valuesPerStrategy
        sums = [Double](repeating: 0, count: strategyCount * valuesPerStrategy * 2)
        pairSums = [Double](repeating: 0, count: strategyCount * strategyCount * 6)
    }

    mutating func reset() {
        subjects = 0
        for i in sums.indices { sums[i] = 0 }
        for i in pairSums.indices { pairSums[i] = 0 }
    }

    mutating func merge(_ other: MicrosimulationSums) {
        subjects += other.subjects
        for i in sums.indices { sums[i] += other.sums[i] }
        for i in pairSums.indices { pairSums[i] += other.pairSums[i] }
    }

    /// Adds one subject: `values[s * valuesPerStrategy + k]`.
    mutating func add(values: UnsafeBufferPointer<Double>) {
        subjects += 1
        for s in 0..<strategyCount {
            for k in 0..<valuesPerStrategy {
                let x = values[s * valuesPerStrategy + k]
                sums[2 * (s * valuesPerStrategy + k)] += x
                sums[2 * (s * valuesPerStrategy + k) + 1] += x * x
            }
            for r in 0..<s {
                for k in 0..<3 {
                    let d = values[s * valuesPerStrategy + k] - values[r * valuesPerStrategy + k]
                    pairSums[((s * strategyCount + r) * 3 + k) * 2] += d
                    pairSums[((s * strategyCount + r) * 3 + k) * 2 + 1] += d * d
                }
            }
        }
    }

    /// Mean and Monte Carlo standard error of value `k` of strategy `s`.
    func estimate(strategy s: Int, value k: Int) -> (mean: Double, standardError: Double) {
        Self.estimate(sum: sums[2 * (s * valuesPerStrategy + k)], sumOfSquares: sums[2 * (s * valuesPerStrategy + k) + 1], n: subjects)
    }

    /// Mean and standard error of the paired difference s − r (r < s) of value `k` (0 cost,
    /// 1 QALYs, 2 life-years).
    func difference(strategy s: Int, minus r: Int, value k: Int) -> (mean: Double, standardError: Double) {
        precondition(r < s)
        let base = ((s * strategyCount + r) * 3 + k) * 2
        return Self.estimate(sum: pairSums[base], sumOfSquares: pairSums[base + 1], n: subjects)
    }

    static func estimate(sum: Double, sumOfSquares: Double, n: Int) -> (mean: Double, standardError: Double) {
        guard n > 0 else { return (.nan, .nan) }
        let mean = sum / Double(n)
        guard n > 1 else { return (mean, .nan) }
        let variance = max(0, (sumOfSquares - Double(n) * mean * mean) / Double(n - 1))
        return (mean, (variance / Double(n)).squareRoot())
    }
}
