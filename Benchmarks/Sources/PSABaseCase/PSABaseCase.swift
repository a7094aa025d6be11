import Baclosim
import Foundation
import MallocInterposerSwift

/// The PSA benchmark of issue #7: the PSA's parameters (the `psa:` block of
/// `Scenarios/economics/uk-relapse-prevention-psa.yaml`) drawn over the UK base case at 12 months
/// (`uk-relapse-prevention-12m.yaml`) or 5 years (`uk-relapse-prevention-5y.yaml`), K draws × N
/// subjects, through `ProbabilisticSensitivityAnalysis.run` (the path `baclosim psa` takes).
///
/// Prints wall time, subject-days per second, peak resident memory and allocations: those of a
/// 1-draw PSA and of the K-draw PSA, whose difference over K − 1 is the allocations per extra
/// draw (the one-off costs, compiling the model and building the workers, cancel out). Counting
/// needs the malloc interposer preloaded (`LD_PRELOAD=…/libMallocInterposerSwift.so`; the script
/// `Benchmarks/psa-base-case` does it); without it the counts read 0.
///
/// Usage: `PSABaseCase MODEL.yaml PSA.yaml [--draws K] [--subjects N] [--threads T] [--redecode]`
/// (`--redecode`: decode and compile the scenario every draw, the path before binding).
@main
struct PSABaseCase {
    static func main() throws {
        guard !ExposureKernelBenchmark.isDebugBuild else {
            FileHandle.standardError.write(Data("psa-base-case: build with -c release; debug timings mean nothing\n".utf8))
            exit(1)
        }
        var arguments = Array(CommandLine.arguments.dropFirst())
        func option(_ name: String, default value: Int) -> Int {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let parsed = Int(arguments[i + 1]) else { return value }
            arguments.removeSubrange(i...(i + 1))
            return parsed
        }
        let draws = option("--draws", default: 20)
        let subjects = option("--subjects", default: 1_000)
        let threads = option("--threads", default: 1)
        // --redecode: every draw decoded and compiled (the path before issue #7's binding), for comparison.
        let reDecode = arguments.contains("--redecode")
        arguments.removeAll { $0 == "--redecode" }
        guard arguments.count == 2, draws >= 2 else {
            FileHandle.standardError.write(Data("usage: PSABaseCase MODEL.yaml PSA.yaml [--draws K ≥ 2] [--subjects N] [--threads T] [--redecode]\n".utf8))
            exit(2)
        }
        let template = try ScenarioTemplate(path: arguments[0])
        let base = try template.scenario()
        guard let definition = try ScenarioTemplate(path: arguments[1]).scenario().psa else {
            FileHandle.standardError.write(Data("psa-base-case: \(arguments[1]) has no psa: block\n".utf8))
            exit(2)
        }
        let subjectDaysPerDraw = subjects * base.armNames.count * base.run.horizonDays

        /// User + system CPU seconds of this process so far (less sensitive than wall time to
        /// other work on a shared machine).
        func cpuSeconds() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
            return s(usage.ru_utime) + s(usage.ru_stime)
        }
        func measured(_ k: Int) throws -> (seconds: Double, cpu: Double, allocations: Int, result: PSARunResult) {
            let clock = ContinuousClock()
            let cpuStart = cpuSeconds()
            MallocInterposerSwift.reset()
            MallocInterposerSwift.hook()
            let start = clock.now
            let result = try ProbabilisticSensitivityAnalysis.run(template: template, definition: definition, draws: k,
                                                                 subjects: subjects, threads: threads, reDecodeEveryDraw: reDecode)
            let elapsed = clock.now - start
            MallocInterposerSwift.unhook()
            let allocations = MallocInterposerSwift.getStatistics().mallocCount
            return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, cpuSeconds() - cpuStart,
                    allocations, result)
        }
        let one = try measured(1)
        let many = try measured(draws)
        let reDecoded = many.result.reDecodedKeyPaths
        let perDraw = Double(many.allocations - one.allocations) / Double(draws - 1)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peakMiB = Double(usage.ru_maxrss) / 1024   // KiB on Linux
        let rate = Double(draws * subjectDaysPerDraw) / many.seconds
        let secondsPerDraw = many.seconds / Double(draws)
        func f(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }
        print("""
        model: \(arguments[0]) (\(base.armNames.count) arms × \(base.run.horizonDays) days, block_size \(base.run.blockSize))
        psa parameters: \(arguments[1]) (\(definition.valueNames.count) values; \(reDecoded.isEmpty ? "all bound in place" : reDecode ? "re-decoded every draw (--redecode)" : "RE-DECODED: \(reDecoded.map(\.keyPath))"))
        draws × subjects: \(draws) × \(subjects), threads \(threads): \(draws * subjectDaysPerDraw) subject-days
        wall time: \(f(many.seconds, 2)) s (\(f(secondsPerDraw, 3)) s per draw); CPU time \(f(many.cpu, 2)) s (\(f(many.cpu / Double(draws), 3)) s per draw)
        throughput: \(f(rate / 1e6, 2)) M subject-days/s (\(f(1e9 / rate, 0)) ns per subject-day)
        peak RSS: \(f(peakMiB)) MiB
        allocations: 1 draw \(one.allocations), \(draws) draws \(many.allocations): \(f(perDraw)) per extra draw (\(f(perDraw / Double(subjects), 3)) per subject)
        projected 1000 draws (from the measured per-draw time, not measured): \(f(1000 * secondsPerDraw / 60)) min
        """)
    }
}
