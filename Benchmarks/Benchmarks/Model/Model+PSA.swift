import Baclosim
import Benchmark
import Foundation

/// The PSA inner loop (issue #8): `ProbabilisticSensitivityAnalysis.run` on
/// `Tests/Fixtures/scenarios/sweep-small.yaml` (2 arms × 28 days, three drawn parameters),
/// 4 draws × 200 subjects, 1 thread, through the public API. The template is parsed and the
/// `psa:` block read outside the measurement, as `baclosim psa` does once per command.
///
/// One measured iteration is one whole PSA: 4 × 200 × 2 × 28 = 44,800 subject-days. That is not
/// a power of ten, so the harness's `throughput` reads as PSAs/s; the custom `Subject-days/s`
/// metric is the same measurement in subject-days per second (ours, timed between
/// `startMeasurement` and `stopMeasurement`).
func psaBenchmarks(root: URL) {
    let scenarioPath = root.appendingPathComponent("Tests/Fixtures/scenarios/sweep-small.yaml").path
    let draws = 4
    let subjects = 200
    let subjectDaysPerSecond = BenchmarkMetric.custom("Subject-days/s", polarity: .prefersLarger, useScalingFactor: false)

    // Since draws are bound in place (CompiledParameterBinding, CohortWorkerPool; issue #7), a
    // measured iteration makes 15,478–15,480 allocations (50 iterations; PSABaseCase on this
    // scenario counts 15,528 for the same 4 draws): about 1,955 once per PSA (compiling the scenario, the
    // workers, workspaces and accumulators) and 3,393 per draw, which is 17 per subject (the
    // per-subject PK kernel: CohortSimulator.buildKernels) and nothing per block, per day or for
    // the draw itself beyond its row. Before binding: 22,596 (5,284 per draw: 1,171 to decode the
    // template with the draw's overrides, 53 to compile, the rest in the run).
    // An absolute tolerance of 500 is exceeded by a decode per draw again (+4,700), one more
    // allocation per subject per draw (+800) or per subject-day (+44,800), but not by jitter.
    let allocationTolerance = BenchmarkThresholds(absolute: [.p50: 500, .p90: 500, .p100: 500])
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, subjectDaysPerSecond],
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 50,
        thresholds: [.mallocCountTotal: allocationTolerance, .wallClock: .relaxed, .throughput: .relaxed]
    )

    Benchmark("PSA inner loop: \(draws) draws × \(subjects) subjects", configuration: configuration) { benchmark in
        let template = try ScenarioTemplate(path: scenarioPath)
        let base = try template.scenario()
        guard let definition = base.psa else { fatalError("\(scenarioPath) has no psa: block") }
        let subjectDays = draws * subjects * base.armNames.count * base.run.horizonDays
        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let start = clock.now
        let result = try ProbabilisticSensitivityAnalysis.run(template: template, definition: definition, draws: draws,
                                                             subjects: subjects, threads: 1)
        let elapsed = clock.now - start
        benchmark.stopMeasurement()
        blackHole(result.rows.count)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        benchmark.measurement(subjectDaysPerSecond, Int((Double(subjectDays) / seconds).rounded()))
    }
}
