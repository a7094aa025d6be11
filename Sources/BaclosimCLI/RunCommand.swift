import ArgumentParser
import Baclosim
import Foundation

/// `baclosim run`: simulate a scenario and write its outcome tables.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and write its outcome tables (summary, differences, time series, Kaplan–Meier, manifest).")

    @Argument(help: "The scenario file, e.g. Scenarios/reference/rm1.yaml, or a state-transition model (microsimulated), e.g. Scenarios/textbook/krijkamp-sick-sicker-microsimulation.yaml.")
    var scenario: String

    @Option(parsing: .unconditional, help: "Subjects to simulate (each in every arm); default: the scenario's run.subjects.")
    var subjects: Int?

    @Option(parsing: .unconditional, help: "Seed of every random stream; default: the scenario's run.seed.")
    var seed: UInt64?

    @OptionGroup var workers: WorkerThreadsOption
    /// `--threads` (see `WorkerThreadsOption`).
    var threads: Int { workers.threads }

    @Option(help: "Output folder; default: out/<scenario name>/.")
    var out: String?

    @Option(help: "Also write the daily records of the first K subjects to trajectories.csv.")
    var trajectories: Int = 0

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Simulate every arm on every day, also where arms give the same treatment up to a day and would share those days (the same tables, slower; to measure or check the sharing).")
    var noArmSharing = false

    func validate() throws {
        if let subjects, subjects < 1 { throw ValidationError("--subjects must be ≥ 1 (found \(subjects)). Give the number of subjects, e.g. --subjects 10000.") }
        if trajectories < 0 { throw ValidationError("--trajectories must be ≥ 0 (found \(trajectories)).") }
    }

    func run() throws {
        if StateTransitionModel.isStateTransitionFile(path: scenario) {
            if trajectories > 0 || noArmSharing {
                throw CommandLineError("\(scenario): --trajectories and --no-arm-sharing apply to scenarios, not to state-transition models; leave them out.")
            }
            try StateTransitionCLI.run(path: scenario, subjects: subjects, seed: seed, threads: threads, out: out, quiet: quiet)
            return
        }
        let loaded: Scenario
        do {
            loaded = try Scenario.load(path: scenario)
        } catch {
            // Every problem, one per line (the format `validate` prints), then exit 2.
            printToStandardError(error.description)
            throw ExitCode(2)
        }
        let simulation = try Simulation(scenario: loaded)
        let total = subjects ?? loaded.run.subjects
        let reporter = ProgressReporter(total: total, unit: "subjects", mode: quiet ? .quiet : .automatic)
        let report: RunReport
        do {
            report = try simulation.run(subjects: subjects, seed: seed, threads: threads, trajectories: trajectories,
                                        gitCommit: GitCommit.current(), sharesArmPrefixes: !noArmSharing,
                                        progress: reporter.callback)
        } catch {
            throw CommandLineError("\(scenario): run failed: \(error)", exitCode: 1)
        }
        reporter.finish()
        let folder = out ?? "out/\(loaded.name)"
        do {
            try report.write(to: folder)
        } catch {
            throw CommandLineError("\(folder): could not write the outputs: \(error)", exitCode: 1)
        }
        if !quiet {
            print(report.summaryMarkdown)
            FileHandle.standardError.write(Data("wrote \(folder)/\n".utf8))
        }
    }
}

/// The git commit of the working directory, if it is a repository (for the manifest).
enum GitCommit {
    static func current() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "rev-parse", "--short=12", "HEAD"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}

