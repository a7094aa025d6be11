import Foundation
@testable import Baclosim

/// Typical baclofen subject in AUD, Simon et al. 2018 (Front Psychiatry 9:385): 1-cmt, apparent
/// CL/F 11.6 L/h, V/F 72.8 L, KA 1.64/h, F folded into CL and V.
let simon2018Baclofen = LinearPKParameters(clearanceLPerH: 11.6, centralVolumeL: 72.8, absorptionRatePerH: 1.64)

/// |a − b| ≤ relative·|b| + absolute.
func isClose(_ a: Double, _ b: Double, relative: Double, absolute: Double = 0) -> Bool {
    abs(a - b) <= relative * abs(b) + absolute
}

/// Largest relative difference between two profiles, ignoring points where both are below `floor`.
func maxRelativeDifference(_ a: [Double], _ b: [Double], floor: Double = 1e-12) -> Double {
    var worst = 0.0
    for (x, y) in zip(a, b) where max(abs(x), abs(y)) > floor {
        worst = max(worst, abs(x - y) / max(abs(x), abs(y)))
    }
    return worst
}

/// Oral doses of `amountMg` at the given clock times on each of `days` days.
func dailyOralDoses(amountMg: Double, clockTimesH: [Double], days: Int, route: DoseRoute = .oral) -> [DoseEvent] {
    (0..<days).flatMap { day in
        clockTimesH.map { DoseEvent(timeH: 24 * Double(day) + $0, amountMg: amountMg, route: route) }
    }
}

/// Composite Simpson rule of f over [a, b] with `intervals` (even) sub-intervals.
func simpson(from a: Double, to b: Double, intervals: Int, _ f: (Double) -> Double) -> Double {
    let h = (b - a) / Double(intervals)
    var sum = f(a) + f(b)
    for i in 1..<intervals {
        sum += (i % 2 == 1 ? 4 : 2) * f(a + Double(i) * h)
    }
    return sum * h / 3
}

/// Times t0 + i·step up to t1 inclusive.
func grid(from t0: Double, to t1: Double, step: Double) -> [Double] {
    let n = Int(((t1 - t0) / step).rounded())
    return (0...n).map { t0 + Double($0) * step }
}
