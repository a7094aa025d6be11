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

    @Option(help: "Compute only part K of N (contiguous replicate trials, all sizes in order) into the output folder's trial.part, for `baclosim merge` (e.g. --shard 3/8; auto/N reads SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX).")
    var shard: String?

    @Flag(help: "Under mpirun (a binary built with the MPI trait): rank 0 hands the replicate trials to the other ranks as they ask and writes the single process's files.")
    var mpi = false

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
        if let shard { do { _ = try Shard(parsing: shard) } catch { throw ValidationError("--shard: \(error.description)") } }
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
        if let shard {
            try runPart(simulation, shard: shard, name: loaded.name)
            return
        }
        if mpi {
            try runWithMPI(simulation, name: loaded.name)
            return
        }
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

extension TrialCommand {
    /// `--shard K/N`: simulates part K's replicates into `OUT/trial.part`.
    private func runPart(_ simulation: TrialSimulation, shard text: String, name: String) throws {
        let part: Shard
        do { part = try Shard(parsing: text) } catch { throw CommandLineError("--shard: \(error)") }
        let digest = try PortableScenarioDigest.of(scenario)
        let folder = out ?? "out/\(name)-trial-part-\(part.index)-of-\(part.count)"
        let reporter = ProgressReporter(total: part.range(of: sizes.count * replicates).count, unit: "trials", mode: quiet ? .quiet : .automatic)
        let result: CohortPart
        do {
            result = try simulation.runPart(part, scenarioDigest: digest, subjectsPerArm: sizes, replicates: replicates, alpha: alpha,
                                            threads: workers.threads, progress: reporter.callback)
        } catch {
            throw CommandLineError("\(scenario): trial simulation failed: \(error)", exitCode: 1)
        }
        reporter.finish()
        do {
            try result.write(to: folder, fileName: "trial.part")
        } catch {
            throw CommandLineError("\(folder): could not write the part: \(error)", exitCode: 1)
        }
        if !quiet {
            printToStandardError("wrote \(folder)/trial.part (part \(part): replicate trials \(result.header.firstUnit)…\(result.header.endUnit - 1) of \(result.header.unitCount)); merge every part with `baclosim merge PART… --out DIR`")
        }
    }
}

extension TrialCommand {
    /// `--mpi`: the replicate trials farmed out over the MPI ranks (``MPIWorkFarm``), analysed by
    /// rank 0 in replicate order as one process analyses them.
    private func runWithMPI(_ simulation: TrialSimulation, name: String) throws {
        if shard != nil { throw CommandLineError("--mpi and --shard: give one (MPI ranks share out the replicates themselves)") }
        let digest = try PortableScenarioDigest.of(scenario)
        let units = sizes.count * replicates
        let farm = try MPIWorkFarm()
        defer { farm.finish() }
        var parts: [CohortPart] = []
        do {
            try farm.run(units: Array(0..<units), compute: { unit in
                try simulation.runPart(try Shard(index: unit + 1, count: units), scenarioDigest: digest, subjectsPerArm: sizes,
                                       replicates: replicates, alpha: alpha, threads: workers.threads).encoded()
            }, consume: { unit, bytes in
                parts.append(try CohortPart(bytes: bytes, name: "mpi replicate \(unit)"))
            })
        } catch {
            throw CommandLineError("\(scenario): trial simulation failed: \(error)", exitCode: 1)
        }
        guard farm.isRoot else { return }
        let folder = out ?? "out/\(name)-trial"
        do {
            let report = try simulation.mergeParts(parts)
            try report.write(to: folder, shards: parts.map(\.record))
            if !quiet {
                print(report.powerMarkdown)
                printToStandardError("wrote \(folder)/ (\(units) trials \(farm.ranksPhrase))")
            }
        } catch {
            throw CommandLineError("\(folder): could not write the outputs: \(error)", exitCode: 1)
        }
    }
}
