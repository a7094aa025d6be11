import ArgumentParser
import Baclosim
import Foundation

/// `baclosim cohort`: the cohort expectation of a state-transition model (the state trace by
/// matrix products): exact, deterministic, milliseconds. `baclosim run` on the same file gives
/// the microsimulation, to be checked against it.
struct CohortCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "Evaluate a state-transition model as a cohort (the exact expected trace, costs, QALYs, frontier and ICERs); `run` on the same file microsimulates it.")

    @Argument(help: "The state-transition file, e.g. Scenarios/textbook/sick-sicker.yaml.")
    var model: String

    @Option(help: "Output folder; default: out/<model name>-cohort/.")
    var out: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let loaded = try StateTransitionCLI.load(model)
        let cohort: CohortTrace
        do { cohort = try CohortTrace(model: loaded) } catch {
            throw CommandLineError("\(model): cohort evaluation failed: \(error)", exitCode: 1)
        }
        let report = StateTransitionReport(model: loaded, cohort: cohort, microsimulation: nil, file: model)
        try StateTransitionCLI.write(report, to: out ?? "out/\(loaded.name)-cohort", quiet: quiet)
    }
}

/// What `cohort`, `run` and `validate` share for state-transition files.
enum StateTransitionCLI {
    /// The model at `path`, or every problem printed (as `validate` prints them) and exit 2.
    static func load(_ path: String) throws -> StateTransitionModel {
        do { return try StateTransitionModel.load(path: path) } catch {
            printToStandardError(error.description)
            throw ExitCode(2)
        }
    }

    /// Writes `report` atomically and, unless quiet, prints its summary and the folder.
    static func write(_ report: StateTransitionReport, to folder: String, quiet: Bool) throws {
        do { try report.write(to: folder) } catch {
            throw CommandLineError("\(folder): could not write the outputs: \(error)", exitCode: 1)
        }
        if !quiet {
            print(report.summaryMarkdown(), terminator: "")
            FileHandle.standardError.write(Data("wrote \(folder)/\n".utf8))
        }
    }

    /// `baclosim run` on a state-transition file: the microsimulation.
    static func run(path: String, subjects: Int?, seed: UInt64?, threads: Int, out: String?, quiet: Bool) throws {
        let model = try load(path)
        let total = subjects ?? model.subjects
        let reporter = ProgressReporter(total: total, unit: "subjects", mode: quiet ? .quiet : .automatic)
        let report: StateTransitionReport
        do {
            let cohort = try CohortTrace(model: model)
            let micro = try StateTransitionMicrosimulation.run(model: model, subjects: total, seed: seed ?? model.seed, threads: threads,
                                                               progress: reporter.callback)
            report = StateTransitionReport(model: model, cohort: cohort, microsimulation: micro, file: path)
        } catch {
            throw CommandLineError("\(path): run failed: \(error)", exitCode: 1)
        }
        reporter.finish()
        try write(report, to: out ?? "out/\(model.name)", quiet: quiet)
    }

    /// `baclosim sweep` on a state-transition file: each point of its `sweep:` block evaluated
    /// as a cohort; a one-way sweep's tornado of `metric` for `arm` (default: the first pair's ICER).
    static func sweep(path: String, threads: Int, out: String?, arm: String?, metric: String?, quiet: Bool) throws {
        let model = try load(path)
        guard model.sweep != nil else {
            throw CommandLineError("\(path): has no sweep: block. Add sweep: {kind: one_way, parameters: [{key: states.A.cost_per_year, relative: 0.2}]} (see Scenarios/textbook/README.md).")
        }
        let report: StateTransitionSweepReport
        do {
            let result = try StateTransitionSweep.run(model: model, threads: threads)
            report = StateTransitionSweepReport(model: model, result: result, file: path, arm: arm, metric: metric)
        } catch {
            throw CommandLineError("\(path): sweep failed: \(error)", exitCode: 1)
        }
        let folder = out ?? "out/\(model.name)-sweep"
        do { try report.write(to: folder) } catch let error as SweepReport.OutcomeError {
            throw CommandLineError("\(path): \(error.description)", exitCode: 2)
        } catch {
            throw CommandLineError("\(folder): could not write the outputs: \(error)", exitCode: 1)
        }
        if !quiet {
            print((try? report.files().first { $0.name == "summary.md" }?.text) ?? "", terminator: "")
            FileHandle.standardError.write(Data("wrote \(folder)/\n".utf8))
        }
    }

    /// `baclosim psa` on a state-transition file: each draw evaluated as a cohort or, with
    /// `evaluation: microsimulation`, as a microsimulation of `subjects` (default: the block's).
    static func psa(path: String, draws: Int?, subjects: Int?, threads: Int, out: String?, quiet: Bool) throws {
        let model = try load(path)
        guard let definition = model.psa else {
            throw CommandLineError("\(path): has no psa: block. Add psa: {draws: 1000, parameters: [{key: states.A.cost_per_year, distribution: gamma, mean: 1000, se: 100}]} (see Scenarios/textbook/README.md).")
        }
        if subjects != nil, definition.evaluation == .cohort {
            throw CommandLineError("\(path): --subjects has no effect: this model's draws are each evaluated as a cohort. Leave it out, or add evaluation: microsimulation to its psa: block.")
        }
        let total = draws ?? definition.draws
        let reporter = ProgressReporter(total: total, unit: "draws", mode: quiet ? .quiet : .automatic)
        let report: StateTransitionPSAReport
        do {
            let result = try StateTransitionPSA.run(model: model, draws: total, subjects: subjects, threads: threads, progress: reporter.callback)
            reporter.finish()
            report = try StateTransitionPSAReport(model: model, result: result, deterministic: try CohortTrace(model: model), file: path)
        } catch {
            reporter.finish()
            throw CommandLineError("\(path): psa failed: \(error)", exitCode: 1)
        }
        let folder = out ?? "out/\(model.name)-psa"
        do { try report.write(to: folder) } catch {
            throw CommandLineError("\(folder): could not write the outputs: \(error)", exitCode: 1)
        }
        if !quiet {
            print(report.summaryMarkdown(), terminator: "")
            FileHandle.standardError.write(Data("wrote \(folder)/\n".utf8))
        }
    }
}
