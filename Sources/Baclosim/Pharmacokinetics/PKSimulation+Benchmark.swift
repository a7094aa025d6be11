/// The per-subject-day exposure kernel, reachable from the benchmark package (`Benchmarks/`),
/// which cannot use `@testable import` in a release build.
///
/// It runs ``DailyExposureKernel`` exactly as the engine does for one subject: the typical
/// baclofen subject of Simon et al. 2018 (1-cmt oral, CL/F 11.6 L/h, V/F 72.8 L, KA 1.64/h) on
/// 10 mg at 08:00, 14:00 and 20:00, one exact day per step. Nothing else in the library uses it.
public struct ExposureKernelBenchmark: Sendable {
    /// Dose amounts per slot (mg), built once so the day loop never allocates.
    let doseAmountsMg: [Double]
    let kernel: DailyExposureKernel

    /// Doses per simulated day.
    public static let dosesPerDay = 3

    /// Whether the library was compiled without optimisation; benchmarks refuse to run then
    /// (the project's rule: speed is measured in release builds, in Benchmarks/), because debug timings say nothing about release speed.
    public static var isDebugBuild: Bool {
        #if DEBUG
            return true
        #else
            return false
        #endif
    }

    /// Builds the kernel for the typical baclofen subject (Simon 2018) on 10 mg tid.
    public init() throws {
        let parameters = LinearPKParameters(clearanceLPerH: 11.6, centralVolumeL: 72.8, absorptionRatePerH: 1.64)
        kernel = try DailyExposureKernel(model: LinearPKModel(parameters), doseClockTimesH: [8, 14, 20])
        doseAmountsMg = [10, 10, 10]
    }

    /// Simulates one subject for `days` days from drug-naive and returns the sum of the daily
    /// average concentrations (mg/L): a checksum that keeps the optimiser from dropping the work
    /// (it tends to 0.107759 × days, Cavg = 30 mg / (11.6 L/h × 24 h)).
    ///
    /// - Complexity: O(days), a few multiply-adds, one `log` and one `exp` per dose; no
    ///   allocation.
    public func run(days: Int) -> Double {
        var state = DailyExposureKernel.State()
        var checksum = 0.0
        for _ in 0..<days {
            checksum += kernel.advanceDay(&state, doseAmountsMg: doseAmountsMg).cavgMgPerL
        }
        return checksum
    }
}
