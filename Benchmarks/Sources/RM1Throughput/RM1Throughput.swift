import Baclosim
import Foundation

/// Times a short RM-1 run through the public API on one thread and prints subject-days per
/// second: the best of several repetitions, so a busy machine shows its quiet moments. For CI
/// (`Benchmarks/ci-check`); `swift package benchmark --filter "RM-1.*"` gives the distribution.
///
/// Usage: `RM1Throughput SCENARIO [SUBJECTS] [REPETITIONS]` (defaults 5,000 and 3).
@main
struct RM1Throughput {
    static func main() throws {
        guard !ExposureKernelBenchmark.isDebugBuild else {
            FileHandle.standardError.write(Data("rm1-throughput: build with -c release; debug timings mean nothing\n".utf8))
            exit(1)
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let scenarioPath = arguments.first else {
            FileHandle.standardError.write(Data("usage: RM1Throughput SCENARIO [SUBJECTS] [REPETITIONS]\n".utf8))
            exit(2)
        }
        let subjects = arguments.dropFirst().first.flatMap(Int.init) ?? 5_000
        let repetitions = arguments.dropFirst(2).first.flatMap(Int.init) ?? 3
        let simulation = try Simulation(scenario: Scenario.load(path: scenarioPath))
        var best = 0.0
        var subjectDays = 0
        for _ in 0..<max(1, repetitions) {
            let report = try simulation.run(subjects: subjects, threads: 1)
            best = max(best, report.manifest.subjectDaysPerSecond)
            subjectDays = report.result.subjectDays
        }
        print("RM-1, 1 thread: \(Int(best.rounded())) subject-days/s "
            + "(\(String(format: "%.1f", 1e9 / best)) ns per subject-day; best of \(repetitions) × \(subjectDays) subject-days)")
    }
}
