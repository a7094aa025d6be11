import Baclosim
import Benchmark

/// Hot kernels of the engine, per unit of work: one subject-day of PK exposure, one random draw.
/// Each scaled iteration is one unit (10⁶ per measured iteration), so `throughput` reads as
/// units per second (subject-days/s, draws/s) and the scaled malloc count as mallocs per unit.
///
/// The hot loops must not allocate. The harness itself makes 16–18 allocations per measured
/// iteration; one allocation per unit would add 10⁶, so an absolute tolerance of 100 against a
/// baseline catches any per-unit allocation without flapping on the harness's own.
let benchmarks: @Sendable () -> Void = {
    precondition(!ExposureKernelBenchmark.isDebugBuild, "benchmarks need a release build of Baclosim")

    let noAllocation = BenchmarkThresholds(absolute: [.p50: 100, .p90: 100, .p100: 100])
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        warmupIterations: 3,
        scalingFactor: .mega,
        maxDuration: .seconds(3),
        maxIterations: 50,
        // Timings on a shared 2-core machine swing by tens of percent between runs, so time and
        // throughput use the package's relaxed tolerances; allocations must not move at all.
        thresholds: [.mallocCountTotal: noAllocation, .wallClock: .relaxed, .throughput: .relaxed]
    )

    Benchmark("PK exposure kernel: baclofen tid") { benchmark in
        // One scaled iteration = one subject-day (3 oral doses, exact AUC/Cmax/Cmin).
        let kernel = try ExposureKernelBenchmark()
        benchmark.startMeasurement()
        blackHole(kernel.run(days: benchmark.scaledIterations.count))
        benchmark.stopMeasurement()
    }

    Benchmark("Random: CounterStream uniform") { benchmark in
        var stream = CounterStream(key: StreamKey(seed: 1, subject: 0, purpose: .craving), day: 0)
        var sum = 0.0
        for _ in benchmark.scaledIterations {
            sum += stream.uniform()
        }
        blackHole(sum)
    }

    Benchmark("Random: CounterStream normal") { benchmark in
        var stream = CounterStream(key: StreamKey(seed: 1, subject: 0, purpose: .craving), day: 0)
        var sum = 0.0
        for _ in benchmark.scaledIterations {
            sum += stream.normal()
        }
        blackHole(sum)
    }
}
