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

    @Option(help: "Compute only part K of N (contiguous blocks of subjects) into the output folder's run.part, for `baclosim merge` (e.g. --shard 3/8; auto/N reads SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX).")
    var shard: String?

    @Flag(help: "Under mpirun (a binary built with the MPI trait): rank 0 hands the blocks of subjects to the other ranks as they ask and writes the single process's tables; the manifest lists each block's rank host and time.")
    var mpi = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Simulate every arm on every day, also where arms give the same treatment up to a day and would share those days (the same tables, slower; to measure or check the sharing).")
    var noArmSharing = false

    func validate() throws {
        if let subjects, subjects < 1 { throw ValidationError("--subjects must be ≥ 1 (found \(subjects)). Give the number of subjects, e.g. --subjects 10000.") }
        if trajectories < 0 { throw ValidationError("--trajectories must be ≥ 0 (found \(trajectories)).") }
        if let shard { do { _ = try Shard(parsing: shard) } catch { throw ValidationError("--shard: \(error.description)") } }
    }

    func run() throws {
        if StateTransitionModel.isStateTransitionFile(path: scenario) {
            if trajectories > 0 || noArmSharing || shard != nil || mpi {
                throw CommandLineError("\(scenario): --trajectories, --no-arm-sharing, --shard and --mpi apply to scenarios, not to state-transition models; leave them out.")
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
        if let shard {
            try runPart(simulation, shard: shard)
            return
        }
        if mpi {
            try runWithMPI(simulation)
            return
        }
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

extension RunCommand {
    /// `--shard K/N`: computes part K's blocks into `OUT/run.part`.
    private func runPart(_ simulation: Simulation, shard text: String) throws {
        let part: Shard
        do { part = try Shard(parsing: text) } catch { throw CommandLineError("--shard: \(error)") }
        let digest = try PortableScenarioDigest.of(scenario)
        let folder = out ?? "out/\(simulation.scenario.name)-part-\(part.index)-of-\(part.count)"
        let settings = simulation.scenario.run
        let total = subjects ?? settings.subjects
        let blocks = (total - 1) / settings.blockSize + 1
        let range = part.range(of: blocks)
        let partSubjects = max(0, min(range.upperBound * settings.blockSize, total) - range.lowerBound * settings.blockSize)
        let reporter = ProgressReporter(total: partSubjects, unit: "subjects", mode: quiet ? .quiet : .automatic)
        let result: CohortPart
        do {
            result = try simulation.runPart(part, scenarioDigest: digest, subjects: subjects, seed: seed, threads: threads,
                                            trajectories: trajectories, sharesArmPrefixes: !noArmSharing, progress: reporter.callback)
        } catch {
            throw CommandLineError("\(scenario): run failed: \(error)", exitCode: 1)
        }
        reporter.finish()
        do {
            try result.write(to: folder, fileName: "run.part")
        } catch {
            throw CommandLineError("\(folder): could not write the part: \(error)", exitCode: 1)
        }
        if !quiet {
            printToStandardError("wrote \(folder)/run.part (part \(part) of the run: blocks \(result.header.firstUnit)…\(result.header.endUnit - 1) of \(result.header.unitCount)); merge every part with `baclosim merge PART… --out DIR`")
        }
    }
}

extension RunCommand {
    /// `--mpi`: the blocks of subjects farmed out over the MPI ranks (``MPIWorkFarm``), merged by
    /// rank 0 in block order into the single process's tables.
    private func runWithMPI(_ simulation: Simulation) throws {
        if shard != nil { throw CommandLineError("--mpi and --shard: give one (MPI ranks share out the blocks themselves)") }
        let digest = try PortableScenarioDigest.of(scenario)
        let settings = simulation.scenario.run
        let blocks = ((subjects ?? settings.subjects) - 1) / settings.blockSize + 1
        let farm = try MPIWorkFarm()
        defer { farm.finish() }
        var parts: [CohortPart] = []
        do {
            try farm.run(units: Array(0..<blocks), compute: { block in
                try simulation.runPart(try Shard(index: block + 1, count: blocks), scenarioDigest: digest, subjects: subjects, seed: seed,
                                       threads: threads, trajectories: trajectories, sharesArmPrefixes: !noArmSharing).encoded()
            }, consume: { block, bytes in
                parts.append(try CohortPart(bytes: bytes, name: "mpi block \(block)"))
            })
        } catch {
            throw CommandLineError("\(scenario): run failed: \(error)", exitCode: 1)
        }
        guard farm.isRoot else { return }
        let folder = out ?? "out/\(simulation.scenario.name)"
        do {
            let report = try simulation.mergeParts(parts, gitCommit: GitCommit.current())
            try report.write(to: folder)
            if !quiet {
                print(report.summaryMarkdown)
                printToStandardError("wrote \(folder)/ (\(blocks) blocks \(farm.ranksPhrase))")
            }
        } catch {
            throw CommandLineError("\(folder): could not write the outputs: \(error)", exitCode: 1)
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

