import ArgumentParser
import Baclosim
import Foundation

/// `baclosim sweep`: run every point of the scenario's `sweep:` block into `DIR/sweep.sqlite`,
/// resuming an interrupted sweep, then export `sweep.csv` (and a tornado for one-way sweeps).
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run the scenario's sweep: block (grid or one-way), one full run per point, resumable; writes sweep.sqlite, sweep.csv and, for one-way sweeps, tornado.csv and tornado.svg.")

    @Argument(help: "The scenario file (or state-transition file), with a sweep: block.")
    var scenario: String

    @Option(parsing: .unconditional, help: "Subjects per point (each in every arm); default: the scenario's run.subjects.")
    var subjects: Int?

    @OptionGroup var workers: WorkerThreadsOption
    /// `--threads` (see `WorkerThreadsOption`).
    var threads: Int { workers.threads }

    @Option(help: "Output folder (holds sweep.sqlite; reuse it to resume); default: out/<scenario name>-sweep/.")
    var out: String?

    @Option(help: "Tornado outcome metric; default: the first paired difference's first metric.")
    var metric: String?

    @Option(help: "Tornado outcome arm (or A-B difference); default: as for --metric.")
    var arm: String?

    @Option(help: "Run only part K of N (contiguous points) into the output folder's sweep.sqlite, for `baclosim merge` (e.g. --shard 2/4; auto/N reads SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX).")
    var shard: String?

    @Option(help: ArgumentHelp("Stop after K points (to test resuming).", visibility: .hidden))
    var stopAfter: Int?

    @Flag(help: "Under mpirun (a binary built with the MPI trait): rank 0 hands the points to the other ranks as they ask, records each in sweep.sqlite (a killed sweep resumes) and writes the single process's files.")
    var mpi = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let subjects, subjects < 1 { throw ValidationError("--subjects must be ≥ 1 (found \(subjects)). Give the number of subjects, e.g. --subjects 1000.") }
        if let stopAfter, stopAfter < 0 { throw ValidationError("--stop-after must be ≥ 0 (found \(stopAfter)).") }
        if let shard { do { _ = try Shard(parsing: shard) } catch { throw ValidationError("--shard: \(error)") } }
    }

    func run() throws {
        if StateTransitionModel.isStateTransitionFile(path: scenario) {
            if subjects != nil || stopAfter != nil || shard != nil || mpi {
                throw CommandLineError("\(scenario): --subjects, --shard, --stop-after and --mpi apply to scenarios; a state-transition model's sweep points are each evaluated as a cohort, in milliseconds. Leave them out.")
            }
            try StateTransitionCLI.sweep(path: scenario, threads: threads, out: out, arm: arm, metric: metric, quiet: quiet)
            return
        }
        let template: ScenarioTemplate
        let base: Scenario
        do {
            template = try ScenarioTemplate(path: scenario)
            base = try template.scenario()
        } catch {
            printToStandardError(error.description)
            throw ExitCode(2)
        }
        guard let sweep = base.sweep else {
            throw CommandLineError("\(scenario): has no sweep: block. Add sweep: {kind: grid, parameters: [{key: a.b, values: [1, 2]}]} (see Scenarios/README.md).")
        }
        let folder = out ?? "out/\(base.name)-sweep"
        let perPoint = subjects ?? base.run.subjects
        // Under MPI, ranks 1 … N − 1 simulate the points rank 0 hands them; rank 0 keeps the store.
        let farm = try mpi ? MPIWorkFarm() : nil
        defer { farm?.finish() }
        if let farm {
            if shard != nil || stopAfter != nil { throw CommandLineError("--mpi with --shard or --stop-after: give --mpi alone (the ranks share out the points)") }
            if !farm.isRoot {
                let threads = self.threads
                try farm.run(units: [], compute: { point in
                    PSADrawBytes.encode(values: [], rows: try ScenarioSweep.rows(template: template, definition: sweep, point: point,
                                                                                 subjects: perPoint, threads: threads))
                }, consume: { _, _ in })
                return
            }
        }
        let progress: ScenarioSweep.Progress
        let store: SweepStore
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let part = try shard.map { try Shard(parsing: $0) } ?? .whole
            guard part.count <= sweep.points.count else {
                throw CommandLineError("--shard \(part): \(part.count) parts of \(sweep.points.count) points would leave some parts empty; use at most \(sweep.points.count) parts.")
            }
            store = try SweepStore(path: folder + "/sweep.sqlite",
                                   identity: ScenarioSweep.identity(template: template, definition: sweep, subjects: perPoint, shard: part),
                                   points: sweep.points, scenarioPath: scenario)
            let quiet = self.quiet
            if let farm {
                let pending = try ScenarioSweep.pendingPoints(definition: sweep, store: store)
                var run = 0
                do {
                    let threads = self.threads
                    try farm.run(units: pending, compute: { point in
                        PSADrawBytes.encode(values: [], rows: try ScenarioSweep.rows(template: template, definition: sweep, point: point,
                                                                                     subjects: perPoint, threads: threads))
                    }, consume: { point, bytes in
                        try store.record(point: point, rows: try PSADrawBytes.decode(bytes).rows)
                        run += 1
                        if !quiet { printToStandardError("point \(run)/\(pending.count) done") }
                    })
                } catch {
                    throw MPIWorkFarm.RootError(underlying: error)
                }
                progress = try ScenarioSweep.progress(definition: sweep, store: store, pointsRun: run)
            } else {
                // A bar with the time left on a terminal; a line per point in a log.
                let bar = !quiet && isatty(STDERR_FILENO) != 0
                    ? ProgressReporter(total: try ScenarioSweep.pendingPoints(definition: sweep, store: store).count, unit: "points", mode: .bar) : nil
                let alreadyFinished = try store.finishedPoints().count
                progress = try ScenarioSweep.run(template: template, definition: sweep, store: store, subjects: perPoint,
                                                 threads: threads, stopAfter: stopAfter) { finished, total in
                    if let bar { bar.update(done: finished - alreadyFinished) } else if !quiet { printToStandardError("point \(finished)/\(total) done") }
                }
                bar?.finish()
            }
        } catch let error as ScenarioIssues {
            if let farm, farm.size > 1 { farm.abort(message: error.description) }
            printToStandardError(error.description)
            throw ExitCode(2)
        } catch let error as MPIWorkFarm.RootError {
            throw CommandLineError("\(scenario): sweep failed: \(error.underlying)", exitCode: 1)
        } catch let error as SweepStore.StoreError {
            if let farm, farm.size > 1 { farm.abort(message: error.description) }
            throw CommandLineError(error.description, exitCode: 1)
        } catch let error as ShardError {
            throw CommandLineError("--shard: \(error)")
        } catch {
            if let farm, farm.size > 1 { farm.abort(message: "\(scenario): sweep failed: \(error)") }
            throw CommandLineError("\(scenario): sweep failed: \(error)", exitCode: 1)
        }
        guard progress.isComplete else {
            if !quiet {
                printToStandardError("stopped with \(progress.pointsFinished) of \(progress.pointsTotal) points finished; run the same command again to resume")
            }
            return
        }
        if store.identity.shard != .whole {
            if !quiet {
                printToStandardError("part \(store.identity.shard) finished: \(progress.pointsTotal) points in \(folder)/sweep.sqlite; when every part is done, run baclosim merge PART_FOLDERS… --out DIR")
            }
            return
        }
        do {
            let names = sweep.parameters.map(\.keyPath)
            try AtomicFile.write(try store.tidyCSV(parameters: names), to: folder + "/sweep.csv")
            if sweep.kind == .oneWay {
                let files = try SweepReport.tornadoFiles(definition: sweep, store: store, arm: arm, metric: metric)
                for file in files { try AtomicFile.write(file.text, to: folder + "/" + file.name) }
            }
        } catch {
            throw CommandLineError("\(folder): could not write the sweep's tables: \(error)", exitCode: 1)
        }
        if !quiet { printToStandardError("wrote \(folder)/ (\(progress.pointsTotal) points, \(progress.pointsRun) run now)") }
    }
}
