import Foundation
import Baclosim

/// Times the per-subject-day exposure kernel (typical baclofen, 10 mg tid) on one thread and
/// prints subject-days per second: the best of several repetitions, so a busy machine shows its
/// quiet moments. For CI; `swift package benchmark` gives the full distribution.
@main
struct ExposureThroughput {
    static func main() throws {
        guard !ExposureKernelBenchmark.isDebugBuild else {
            FileHandle.standardError.write(Data("exposure-throughput: build with -c release; debug timings mean nothing\n".utf8))
            exit(1)
        }
        let arguments = CommandLine.arguments.dropFirst()
        let days = arguments.first.flatMap(Int.init) ?? 10_000_000
        let repetitions = 5
        let kernel = try ExposureKernelBenchmark()
        let clock = ContinuousClock()
        var best = Duration.seconds(Int64.max)
        var checksum = 0.0
        for _ in 0..<repetitions {
            let elapsed = clock.measure { checksum = kernel.run(days: days) }
            best = min(best, elapsed)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
        let perSecond = Double(days) / seconds
        print("exposure kernel, baclofen 10 mg tid, 1 thread: \(Int(perSecond.rounded())) subject-days/s "
            + "(\(String(format: "%.2f", 1e9 / perSecond)) ns per subject-day; best of \(repetitions) × \(days) days; "
            + "checksum Cavg \(String(format: "%.6f", checksum / Double(days))) mg/L)")
    }
}
