import Baclosim
import Foundation

/// RM-1 written as one hand-specialised loop: a measurement of the floor under the engine's
/// per-core speed, not a second engine.
///
/// It runs RM-1 (`docs/rm1.md`) with everything the engine's design allows and nothing the
/// engine's generality costs: the day's random numbers from the engine's Philox4x32-10 batch
/// (`Philox4x32.blocks`, eight purposes per subject-day, as `CohortSimulator.simulate` draws
/// them; docs/model.md §12 engine rule 2), covariates and craving normals from `CounterStream`,
/// closed-form PK with per-subject interval constants (Cmax only
/// when a reader needs it), event decisions as comparisons of the day's exponential variates
/// (no transcendental per arm-day except the Poisson count on drinking days and a Cmax peak),
/// arm sharing exactly as the engine plans it, and plain sums for the 14 per-subject metrics.
/// Options add back what the engine also does (`--outputs`: the five daily series and a daily
/// Cavg histogram per arm, as `timeseries.csv` needs) or replace the generator
/// (`--xoshiro`: xoshiro256** words instead of the Philox batch, the Numba reference's
/// generator, to price the design's counter-based generator).
///
/// Its tables (`--csv FILE`, the reference implementations' format) agree with the references
/// through `baclosim compare` (the committed `Tests/Fixtures/rm1/` table, or the reference scripts
/// themselves with `Benchmarks/rm1-floor --references DIR`), so the floor is a correct RM-1, not a
/// loop that skips work.
///
/// Usage: `RM1Floor [--subjects N] [--seed S] [--repetitions R] [--outputs] [--xoshiro]
/// [--no-sharing] [--csv FILE]`; prints subject-days per second (best of R) on one thread.
@main
struct RM1Floor {
    static func main() throws {
        guard !ExposureKernelBenchmark.isDebugBuild else {
            FileHandle.standardError.write(Data("rm1-floor: build with -c release; debug timings mean nothing\n".utf8))
            exit(1)
        }
        var options = Options()
        var arguments = Array(CommandLine.arguments.dropFirst())[...]
        while let argument = arguments.popFirst() {
            switch argument {
            case "--subjects": options.subjects = arguments.popFirst().flatMap(Int.init) ?? 0
            case "--seed": options.seed = arguments.popFirst().flatMap(UInt64.init) ?? 0
            case "--repetitions": options.repetitions = arguments.popFirst().flatMap(Int.init) ?? 0
            case "--outputs": options.dailyOutputs = true
            case "--xoshiro": options.xoshiro = true
            case "--no-sharing": options.sharing = false
            case "--csv": options.csvPath = arguments.popFirst()
            default:
                FileHandle.standardError.write(Data("rm1-floor: unknown argument \(argument)\n".utf8))
                exit(2)
            }
        }
        guard options.subjects > 0, options.repetitions > 0 else {
            FileHandle.standardError.write(Data("rm1-floor: --subjects and --repetitions must be positive\n".utf8))
            exit(2)
        }
        var best = 0.0
        var tables = RM1FloorTables(arms: RM1FloorModel.armNames.count)
        for _ in 0..<options.repetitions {
            let model = RM1FloorModel(options: options)
            let start = DispatchTime.now().uptimeNanoseconds
            for subject in 0..<options.subjects { model.simulate(subject: UInt64(subject)) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            best = max(best, Double(options.subjects * RM1FloorModel.armNames.count * RM1FloorModel.days) / seconds)
            tables = model.tables
        }
        let label = [options.xoshiro ? "xoshiro256**" : "Philox4x32-10",
                     options.dailyOutputs ? "daily outputs" : "tables only",
                     options.sharing ? "arm sharing" : "no sharing"].joined(separator: ", ")
        print("RM-1 floor (\(label)), 1 thread: \(Int(best.rounded())) subject-days/s "
            + "(best of \(options.repetitions) × \(options.subjects) subjects)")
        if let path = options.csvPath {
            try tables.csv(armNames: RM1FloorModel.armNames).write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}

/// Command-line settings.
struct Options {
    var subjects = 100_000
    var seed: UInt64 = 1
    var repetitions = 3
    var dailyOutputs = false
    var xoshiro = false
    var sharing = true
    var csvPath: String?
}
