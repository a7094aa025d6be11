import ArgumentParser
import Baclosim
import Foundation

/// `baclosim trial`: replicate parallel-group trials of a given size, analysed as trials are.
struct TrialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trial",
        abstract: "Simulate replicate trials of N subjects per arm and write each trial's estimates and p-values (trials.csv) and the power (power.csv, power.md).",
        discussion: """
            Each replicate randomises N subjects to each arm (different people per arm) and \
            analyses every comparison of the scenario's differences: chi-square for a proportion, \
            Welch's t for a mean, log-rank for a time-to-event endpoint. Several sizes give a \
            power curve: --subjects-per-arm 20,40,80.
            """)

    @Argument(help: "The scenario file, e.g. Scenarios/taper-comparison.yaml.")
    var scenario: String

    @Option(help: "Subjects per arm of each trial; a comma-separated list gives a power curve, e.g. 20,40,80.")
    var subjectsPerArm: String

    @Option(parsing: .unconditional, help: "Replicate trials per size.")
    var replicates: Int = 200

    @Option(help: "Two-sided significance level.")
    var alpha: Double = 0.05

    @OptionGroup var workers: WorkerThreadsOption

    @Option(help: "Output folder; default: out/<scenario name>-trial/.")
    var out: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    /// The sizes of `--subjects-per-arm`.
    var sizes: [Int] {
        subjectsPerArm.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    func validate() throws {
        let parts = subjectsPerArm.split(separator: ",", omittingEmptySubsequences: false)
        if parts.isEmpty || sizes.count != parts.count || sizes.contains(where: { $0 < 2 }) {
            throw ValidationError("--subjects-per-arm must list sizes ≥ 2 (found '\(subjectsPerArm)'). Give e.g. --subjects-per-arm 40 or 20,40,80.")
        }
        if replicates < 1 { throw ValidationError("--replicates must be ≥ 1 (found \(replicates)). Give e.g. --replicates 200.") }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must be in (0, 1) (found \(alpha)). Give e.g. --alpha 0.05.") }
    }

    func run() throws {
        let loaded: Scenario
        do {
            loaded = try Scenario.load(path: scenario)
        } catch {
            printToStandardError(error.description)
            throw ExitCode(2)
        }
        if loaded.armNames.count < 2 {
            throw CommandLineError("\(scenario): a trial compares arms, and this scenario has one. Add an arm.")
        }
        let simulation = try TrialSimulation(scenario: loaded)
        let reporter = ProgressReporter(total: sizes.count * replicates, unit: "trials", mode: quiet ? .quiet : .automatic)
        let report: TrialReport
        do {
            report = try simulation.run(subjectsPerArm: sizes, replicates: replicates, alpha: alpha, threads: workers.threads,
                                        progress: reporter.callback)
        } catch {
            throw CommandLineError("\(scenario): trial simulation failed: \(error)", exitCode: 1)
        }
        reporter.finish()
        let folder = out ?? "out/\(loaded.name)-trial"
        do {
            try report.write(to: folder)
        } catch {
            throw CommandLineError("\(folder): could not write the outputs: \(error)", exitCode: 1)
        }
        if !quiet {
            print(report.powerMarkdown)
            FileHandle.standardError.write(Data("wrote \(folder)/\n".utf8))
        }
    }
}
