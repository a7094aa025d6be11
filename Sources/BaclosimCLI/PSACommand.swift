import ArgumentParser
import Baclosim
import Foundation

/// `baclosim psa`: probabilistic sensitivity analysis over the scenario's `psa:` block.
struct PSACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "psa",
        abstract: "Probabilistic sensitivity analysis: draws of the psa: block's parameters (outer loop), a run of the same subjects per draw (inner loop); writes psa.csv, psa_parameters.csv, psa_binding.csv (which key paths were written in place into the compiled model and which re-decode every draw) and, with cost and qalys metrics, ceac, evpi, CE plane and noise tables and figures.")

    @Argument(help: "The scenario file, with a psa: block (or a state-transition model with one, each draw evaluated as a cohort).")
    var scenario: String

    @Option(help: "Outer-loop draws; default: the psa block's draws.")
    var draws: Int?

    @Option(parsing: .unconditional, help: "Subjects per draw (inner loop); default: psa.subjects_per_draw, else run.subjects.")
    var subjects: Int?

    @OptionGroup var workers: WorkerThreadsOption
    /// `--threads` (see `WorkerThreadsOption`).
    var threads: Int { workers.threads }

    @Option(help: "Output folder (holds psa.sqlite, each finished draw: run the same command again to resume); default: out/<scenario name>-psa/.")
    var out: String?

    @Option(help: "Compute only part K of N (contiguous draws) into the output folder's psa.sqlite, for `baclosim merge` (e.g. --shard 3/8; auto/N reads SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX).")
    var shard: String?

    @Option(help: ArgumentHelp("Stop after K draws (to test resuming).", visibility: .hidden))
    var stopAfter: Int?

    @Flag(help: "Under mpirun (a binary built with the MPI trait): rank 0 hands the draws to the other ranks as they ask, records each in psa.sqlite (a killed run resumes) and writes the single process's files.")
    var mpi = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let draws, draws < 1 { throw ValidationError("--draws must be ≥ 1 (found \(draws)). Give the outer-loop draws, e.g. --draws 1000.") }
        if let subjects, subjects < 1 { throw ValidationError("--subjects must be ≥ 1 (found \(subjects)). Give the subjects per draw, e.g. --subjects 1000.") }
        if let stopAfter, stopAfter < 0 { throw ValidationError("--stop-after must be ≥ 0 (found \(stopAfter)).") }
        if let shard { do { _ = try Shard(parsing: shard) } catch { throw ValidationError("--shard: \(error.description)") } }
    }

    func run() throws {
        if StateTransitionModel.isStateTransitionFile(path: scenario) {
            if shard != nil || stopAfter != nil || mpi {
                throw CommandLineError("\(scenario): --shard, --stop-after and --mpi apply to scenarios; a state-transition model's PSA evaluates 1,000 draws in a second. Leave them out.")
            }
            try StateTransitionCLI.psa(path: scenario, draws: draws, subjects: subjects, threads: threads, out: out, quiet: quiet)
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
        guard let psa = base.psa else {
            throw CommandLineError("\(scenario): has no psa: block. Add psa: {draws: 1000, parameters: [{key: a.b, distribution: gamma, mean: 1, se: 0.1}]} (see Scenarios/README.md).")
        }
        let drawCount = draws ?? psa.draws
        let perDraw = subjects ?? psa.subjectsPerDraw ?? base.run.subjects
        let quiet = self.quiet
        let part: Shard
        do { part = try shard.map { try Shard(parsing: $0) } ?? .whole } catch {
            throw CommandLineError("--shard: \(error)")
        }
        guard part.count <= drawCount else {
            throw CommandLineError("--shard \(part): \(part.count) parts of \(drawCount) draws would leave some parts empty; use at most \(drawCount) parts.")
        }
        let folder = out ?? "out/\(base.name)-psa"
        // Under MPI, ranks 1 … N − 1 compute the draws rank 0 hands them; rank 0 keeps the store.
        let farm = try mpi ? MPIWorkFarm() : nil
        defer { farm?.finish() }
        if let farm, !farm.isRoot {
            let threads = self.threads
            try farm.run(units: [], compute: { draw in
                let result = try ProbabilisticSensitivityAnalysis.draw(draw, template: template, definition: psa, draws: drawCount,
                                                                       subjects: perDraw, threads: threads)
                return PSADrawBytes.encode(values: result.values, rows: result.rows)
            }, consume: { _, _ in })
            return
        }
        let store: PSAStore
        let finishedNow: Int
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let identity = PSAStore.Identity(scenarioDigest: template.digest, subjects: perDraw, seed: base.run.seed, draws: drawCount,
                                             valueNames: psa.valueNames, shard: part)
            store = try PSAStore(path: folder + "/psa.sqlite", identity: identity, armNames: base.armNames,
                                 willingnessToPay: psa.willingnessToPay,
                                 binding: try ProbabilisticSensitivityAnalysis.binding(template: template, definition: psa))
            let pendingCount = try store.pendingDraws().count
            if let farm {
                finishedNow = try runWithMPI(farm, store: store, template: template, psa: psa)
            } else {
                // A bar with the time left on a terminal; a line per 5 % of the draws in a log.
                let bar = !quiet && isatty(STDERR_FILENO) != 0 ? ProgressReporter(total: pendingCount, unit: "draws", mode: .bar) : nil
                finishedNow = try ProbabilisticSensitivityAnalysis.run(template: template, definition: psa, store: store, threads: threads,
                                                                       stopAfter: stopAfter) { finished, total in
                    if let bar {
                        bar.update(done: finished)
                    } else if !quiet && (finished == total || finished % max(1, total / 20) == 0) {
                        printToStandardError("draw \(finished)/\(pendingCount) done")
                    }
                }
                bar?.finish()
            }
        } catch let error as ScenarioIssues {
            if let farm, farm.size > 1 { farm.abort(message: error.description) }
            printToStandardError(error.description)
            throw ExitCode(2)
        } catch let error as PSAStore.StoreError {
            if let farm, farm.size > 1 { farm.abort(message: error.description) }
            throw CommandLineError(error.description, exitCode: 1)
        } catch let error as MPIWorkFarm.RootError {
            // The workers were told to stop.
            throw CommandLineError("\(scenario): PSA failed: \(error.underlying)", exitCode: 1)
        } catch {
            if let farm, farm.size > 1 { farm.abort(message: "\(scenario): PSA failed: \(error)") }
            throw CommandLineError("\(scenario): PSA failed: \(error)", exitCode: 1)
        }
        let range = part.range(of: drawCount)
        let remaining: Int
        do { remaining = try store.pendingDraws().count } catch { throw CommandLineError("\(error)", exitCode: 1) }
        guard remaining == 0 else {
            if !quiet {
                printToStandardError("stopped with \(range.count - remaining) of \(range.count) draws finished (\(finishedNow) now); run the same command again to resume")
            }
            return
        }
        if part != .whole {
            if !quiet {
                printToStandardError("part \(part) finished: draws \(range.lowerBound)…\(range.upperBound - 1) in \(folder)/psa.sqlite; when every part is done, run baclosim merge PART_FOLDERS… --out DIR")
            }
            return
        }
        let report: PSAReport
        do {
            report = try PSAReport(result: try store.result(), willingnessToPay: psa.willingnessToPay)
            try report.writeFiles(into: folder)
        } catch let error as ScenarioIssues {
            printToStandardError(error.description)
            throw ExitCode(2)
        } catch {
            throw CommandLineError("\(folder): could not write the outputs: \(error)", exitCode: 1)
        }
        for entry in report.result.binding {
            if let why = entry.noEffect {
                printToStandardError("warning: \(scenario): psa parameter \(entry.keyPath) has no effect on any output: \(why) (psa_binding.csv)")
            }
        }
        if !quiet {
            if let note = report.note { print("note: " + note) }
            let reDecoded = report.result.reDecodedKeyPaths
            if !reDecoded.isEmpty {
                print("note: every draw re-decodes the scenario (slower; see psa_binding.csv): "
                      + reDecoded.map { "\($0.keyPath) (\($0.reason ?? ""))" }.joined(separator: "; "))
            }
            for line in report.noiseLines { print(line) }
            printToStandardError("wrote \(folder)/ (\(drawCount) draws × \(perDraw) subjects\(farm.map { ", \($0.ranksPhrase)" } ?? ""))")
        }
    }
}

extension PSACommand {
    /// `--mpi` on rank 0: hands the store's pending draws to the other ranks and records each
    /// draw's values and rows as it comes back (in draw order), as a single process would.
    /// Returns the draws finished now.
    private func runWithMPI(_ farm: MPIWorkFarm, store: PSAStore, template: ScenarioTemplate, psa: PSADefinition) throws -> Int {
        if shard != nil || stopAfter != nil { throw CommandLineError("--mpi with --shard or --stop-after: give --mpi alone (the ranks share out the draws)") }
        let pending = try store.pendingDraws()
        let drawCount = store.identity.draws, perDraw = store.identity.subjects, threads = self.threads, quiet = self.quiet
        var finished = 0
        do {
            try farm.run(units: pending, compute: { draw in
                let result = try ProbabilisticSensitivityAnalysis.draw(draw, template: template, definition: psa, draws: drawCount,
                                                                       subjects: perDraw, threads: threads)
                return PSADrawBytes.encode(values: result.values, rows: result.rows)
            }, consume: { draw, bytes in
                let result = try PSADrawBytes.decode(bytes)
                try store.record(draw: draw, values: result.values, rows: result.rows)
                finished += 1
                if !quiet && (finished == pending.count || finished % max(1, pending.count / 20) == 0) {
                    printToStandardError("draw \(finished)/\(pending.count) done")
                }
            })
        } catch {
            throw MPIWorkFarm.RootError(underlying: error)
        }
        return finished
    }
}
