import Foundation

/// What the floor loop reports: per arm and RM-1 metric the sum and sum of squares over
/// subjects (mean and standard error), and with `--outputs` the daily series sums and a daily
/// Cavg histogram, the per-arm-day work behind the engine's `timeseries.csv`.
final class RM1FloorTables {
    static let metrics = [
        "continuous_abstinence", "pda", "phdd",
        "abstinent_through_day_7", "abstinent_through_day_14", "abstinent_through_day_28", "abstinent_through_day_56",
        "drinks_per_subject", "somnolence_incidence", "withdrawal_incidence", "withdrawal_days",
        "cavg_day30", "cmax_day30", "craving_day83",
    ]
    /// Bins of the daily Cavg histogram: 16 per octave over 2^-12 … 2^4 mg/L (bin 0: Cavg 0 or below).
    static let histogramBins = 257

    private let subjects: UnsafeMutablePointer<Int>
    private let sums: UnsafeMutablePointer<Double>
    private let squares: UnsafeMutablePointer<Double>
    /// Per (arm, day): the series' count, sum and sum of squares (lanes: abstinent, craving,
    /// Cavg, on treatment, somnolent).
    private let seriesCounts: UnsafeMutablePointer<SIMD8<Double>>
    private let seriesSums: UnsafeMutablePointer<SIMD8<Double>>
    private let seriesSquares: UnsafeMutablePointer<SIMD8<Double>>
    private let histogram: UnsafeMutablePointer<UInt32>

    init(arms: Int) {
        subjects = .allocate(capacity: arms)
        subjects.initialize(repeating: 0, count: arms)
        sums = .allocate(capacity: arms * Self.metrics.count)
        sums.initialize(repeating: 0, count: arms * Self.metrics.count)
        squares = .allocate(capacity: arms * Self.metrics.count)
        squares.initialize(repeating: 0, count: arms * Self.metrics.count)
        let cells = arms * RM1FloorModel.days
        seriesCounts = .allocate(capacity: cells)
        seriesCounts.initialize(repeating: .zero, count: cells)
        seriesSums = .allocate(capacity: cells)
        seriesSums.initialize(repeating: .zero, count: cells)
        seriesSquares = .allocate(capacity: cells)
        seriesSquares.initialize(repeating: .zero, count: cells)
        histogram = .allocate(capacity: cells * Self.histogramBins)
        histogram.initialize(repeating: 0, count: cells * Self.histogramBins)
    }

    deinit {
        subjects.deallocate()
        sums.deallocate()
        squares.deallocate()
        seriesCounts.deallocate()
        seriesSums.deallocate()
        seriesSquares.deallocate()
        histogram.deallocate()
    }

    /// One subject's tallies in `arm`.
    func add(arm: Int, _ s: ArmState) {
        let days = Double(RM1FloorModel.days)
        let values: (Double, Double, Double, Double, Double, Double, Double,
                     Double, Double, Double, Double, Double, Double, Double) = (
            s.drinkingDays == 0 ? 1 : 0, (days - Double(s.drinkingDays)) / days, Double(s.heavyDays) / days,
            s.firstDrinkDay >= 7 ? 1 : 0, s.firstDrinkDay >= 14 ? 1 : 0, s.firstDrinkDay >= 28 ? 1 : 0, s.firstDrinkDay >= 56 ? 1 : 0,
            Double(s.drinks), s.somnolent ? 1 : 0, s.withdrawalDays > 0 ? 1 : 0, Double(s.withdrawalDays),
            s.cavgDay30, s.cmaxDay30, s.cravingDay83
        )
        subjects[arm] += 1
        withUnsafeBytes(of: values) { raw in
            let base = arm * Self.metrics.count
            for m in 0..<Self.metrics.count {
                let v = raw.load(fromByteOffset: m * MemoryLayout<Double>.stride, as: Double.self)
                sums[base + m] += v
                squares[base + m] += v * v
            }
        }
    }

    /// One arm-day of the daily series (lanes 0–4) and the Cavg histogram.
    @inline(__always)
    func addDay(arm: Int, day: Int, _ values: SIMD8<Double>) {
        let i = arm * RM1FloorModel.days + day
        seriesCounts[i] += 1
        seriesSums[i] += values
        seriesSquares[i] += values * values
        // Log-spaced bin from the exponent and the top 4 mantissa bits, no log.
        let cavg = values[2]
        var bin = 0
        if cavg > 0 {
            let code = Int(truncatingIfNeeded: cavg.bitPattern >> 48) - Int((0x1p-12 as Double).bitPattern >> 48)
            bin = min(max(code + 1, 1), 256)
        }
        histogram[i * Self.histogramBins + bin] &+= 1
    }

    /// The table in the reference implementations' CSV format (`arm,metric,mean,se,ci_low,ci_high`).
    func csv(armNames: [String]) -> String {
        var text = "arm,metric,mean,se,ci_low,ci_high\n"
        for (a, arm) in armNames.enumerated() {
            let n = Double(subjects[a])
            for (m, metric) in Self.metrics.enumerated() {
                let mean = sums[a * Self.metrics.count + m] / n
                let variance = max(squares[a * Self.metrics.count + m] / n - mean * mean, 0) * n / (n - 1)
                let se = (variance / n).squareRoot()
                text += "\(arm),\(metric),\(mean),\(se),\(mean - 1.959964 * se),\(mean + 1.959964 * se)\n"
            }
        }
        return text
    }
}
