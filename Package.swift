// swift-tools-version: 6.1
// Baclosim: a parallel Monte Carlo engine for pharmacotherapy of alcohol use disorder.
import PackageDescription

let package = Package(
    name: "Baclosim",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Baclosim", targets: ["Baclosim"]),
        .executable(name: "baclosim", targets: ["BaclosimCLI"]),
    ],
    traits: [
        .trait(name: "MPI", description: "The Open MPI back-end of `--mpi` (needs Debian libopenmpi-dev and openmpi-bin): swift build --traits default,MPI"),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Property-based tests over generated scenarios (tests only).
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // GNU GSL from Debian's libgsl-dev (module map and shim header only).
        .systemLibrary(
            name: "CGSL",
            path: "Sources/CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        // Philox4x32-10 over lanes: an AVX2 kernel chosen at run time and a portable path with the
        // same bits (plain C; no flags, the AVX2 function carries its own target attribute).
        // Open MPI, compiled and linked only with the MPI trait (the `--mpi` back-end of the CLI).
        .systemLibrary(
            name: "CMPI",
            path: "Sources/CMPI",
            pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]
        ),
        .target(name: "CPhilox", path: "Sources/CPhilox"),
        .target(
            name: "Baclosim",
            dependencies: [
                "CGSL",
                "CPhilox",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "BaclosimCLI",
            dependencies: [
                "Baclosim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .target(name: "CMPI", condition: .when(traits: ["MPI"])),
            ]
        ),
        .testTarget(name: "BaclosimTests", dependencies: [
            "Baclosim", "CGSL", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "BaclosimCLITests", dependencies: ["BaclosimCLI"]),
    ]
)
