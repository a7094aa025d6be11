// swift-tools-version: 6.1
// Baclosim's fuzz target: a package of its own, so the main package never builds it and its
// instrumented build (scripts/fuzz) never disturbs the main build folder.
//
// `scripts/fuzz` builds ScenarioFuzzer with `-sanitize=fuzzer,address -DFUZZING` (its main
// hands control to libFuzzer's driver) and runs it over the shipped scenarios as seed corpus. Built plainly
// (`swift build --package-path Fuzz`), the same target replays files given on its command
// line through the same checks: the way a crash the fuzzer found is reproduced and debugged.
import PackageDescription

let package = Package(
    name: "BaclosimFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Baclosim", path: ".."),
    ],
    targets: [
        // The declaration of libFuzzer's driver entry, called from the fuzzer's main.
        .target(name: "CLibFuzzer", path: "Sources/CLibFuzzer"),
        .executableTarget(
            name: "ScenarioFuzzer",
            dependencies: [.product(name: "Baclosim", package: "Baclosim"), "CLibFuzzer"],
            path: "Sources/ScenarioFuzzer"
        ),
    ]
)
