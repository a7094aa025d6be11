// swift-tools-version: 6.1
// Baclosim benchmarks: a package of its own, so the main package never builds package-benchmark.
// Run with `swift package benchmark` from this folder (see README.md).
import PackageDescription

let package = Package(
    name: "BaclosimBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Baclosim", path: ".."),
        // ordo-one/benchmark (formerly package-benchmark; the old identifier now warns). Only the
        // MallocInterposer trait: the default traits pull a runtime-interposer package
        // (Linux, Swift 6.3) that the local mirror lacks (Benchmarks/README.md).
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // Already a dependency of ordo-one/benchmark; named here for PSABaseCase's allocation counts.
        .package(url: "https://github.com/ordo-one/malloc-interposer.git", from: "1.6.1"),
    ],
    targets: [
        // package-benchmark's layout: one executable target per suite under Benchmarks/<Name>/.
        .executableTarget(
            name: "Kernels",
            dependencies: [
                .product(name: "Baclosim", package: "Baclosim"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Kernels",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The whole model per subject-day: RM-1 through the public Simulation API.
        .executableTarget(
            name: "Model",
            dependencies: [
                .product(name: "Baclosim", package: "Baclosim"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Model",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // A plain timing of the exposure kernel for CI (`./exposure-throughput`); needs only the
        // library, not package-benchmark.
        .executableTarget(
            name: "ExposureThroughput",
            dependencies: [.product(name: "Baclosim", package: "Baclosim")],
            path: "Sources/ExposureThroughput"
        ),
        // The PSA benchmark of issue #7 (`./psa-base-case`): the UK base case's PSA at K draws ×
        // N subjects, with wall time, subject-days/s, peak RSS and allocations per draw.
        .executableTarget(
            name: "PSABaseCase",
            dependencies: [
                .product(name: "Baclosim", package: "Baclosim"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            path: "Sources/PSABaseCase"
        ),
        // RM-1 as one hand-specialised loop (`./rm1-floor`): the floor under the engine's per-core
        // speed with the engine's generator, and its tables for `baclosim compare`.
        .executableTarget(
            name: "RM1Floor",
            dependencies: [.product(name: "Baclosim", package: "Baclosim")],
            path: "Sources/RM1Floor"
        ),
        // A plain timing of a short RM-1 run for CI (`./ci-check`); needs only the library.
        .executableTarget(
            name: "RM1Throughput",
            dependencies: [.product(name: "Baclosim", package: "Baclosim")],
            path: "Sources/RM1Throughput"
        ),
    ]
)
