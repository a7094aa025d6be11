import ArgumentParser
import Foundation

/// `--threads T`, shared by every command that runs simulations (`run`, `sweep`, `psa`,
/// `targets`, `calibrate`): worker threads of each run. Results never depend on it (fixed
/// blocks merged in block order).
struct WorkerThreadsOption: ParsableArguments {
    @Option(parsing: .unconditional, help: "Worker threads of each run (results do not depend on it); default: all cores.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if threads < 1 { throw ValidationError("--threads must be ≥ 1 (found \(threads)). Give the worker threads, e.g. --threads 2.") }
    }
}
