import Baclosim
import Benchmark
import Foundation

/// The whole model per subject-day: RM-1 (`Scenarios/reference/rm1.yaml`, 4 arms × 84 days)
/// through the public API, `Scenario.load(path:)`, `Simulation(scenario:)` and
/// `run(subjects:threads:)`. Each scaled iteration is one subject-day (10⁶ per measured
/// iteration), so `throughput` reads as subject-days/s and the starred rows as per subject-day.
///
/// 10⁶ is not a multiple of the 336 subject-days of one subject: a measured iteration runs
/// 2,976 subjects (999,936 subject-days, 0.006 % short), which the per-unit figures ignore.
///
/// The PSA outer loop with its inner runs is in `Model+PSA.swift`.
let benchmarks: @Sendable () -> Void = {
    precondition(!ExposureKernelBenchmark.isDebugBuild, "benchmarks need a release build of Baclosim")

    // Benchmarks/Benchmarks/Model/Model.swift → the repository root, four levels up.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let scenarioPath = root.appendingPathComponent("Scenarios/reference/rm1.yaml").path
    let subjectDaysPerSubject = 84 * 4

    // A run of 2,976 subjects made 35,954 allocations at 1 thread, every time (about 12 per
    // subject, none per subject-day; README.md). One more per subject-day would add 10⁶ per
    // measured iteration and one more per subject about 3,000, so an absolute tolerance of 1,000
    // against a baseline catches both without flapping on the deterministic count.
    let perRunAllocationsOnly = BenchmarkThresholds(absolute: [.p50: 1_000, .p90: 1_000, .p100: 1_000])
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        scalingFactor: .mega,
        maxDuration: .seconds(5),
        maxIterations: 20,
        // Whole runs on a shared 2-core machine vary by tens of percent: relaxed time tolerance.
        thresholds: [.mallocCountTotal: perRunAllocationsOnly, .wallClock: .relaxed, .throughput: .relaxed]
    )

    Benchmark("RM-1 subject-day, 1 thread", configuration: configuration) { benchmark in
        // Scenario compiled outside the measurement: only the simulation of the cohort counts.
        let simulation = try Simulation(scenario: Scenario.load(path: scenarioPath))
        let subjects = benchmark.scaledIterations.count / subjectDaysPerSubject
        benchmark.startMeasurement()
        let report = try simulation.run(subjects: subjects, threads: 1)
        benchmark.stopMeasurement()
        blackHole(report.result.subjectDays)
    }

    Benchmark("RM-1 end to end, 2 threads", configuration: configuration) { benchmark in
        // Load, validate and compile the scenario, simulate on 2 workers, merge the tables.
        let subjects = benchmark.scaledIterations.count / subjectDaysPerSubject
        let simulation = try Simulation(scenario: Scenario.load(path: scenarioPath))
        let report = try simulation.run(subjects: subjects, threads: 2)
        blackHole(report.result.subjectDays)
    }

    psaBenchmarks(root: root)
}
