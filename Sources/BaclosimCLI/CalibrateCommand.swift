import ArgumentParser
import Baclosim
import Foundation

/// `baclosim calibrate`: fit a scenario's `calibration:` parameters to its `targets:` with GSL's
/// Nelder–Mead on common-random-number runs, print the fit and write the fitted values as a
/// scenario include (`overrides: {include: FILE}`).
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit a scenario's calibration: parameters to its targets: (Nelder–Mead on runs with the scenario's seed) and write them as an include file.",
        discussion: """
            Each evaluation runs the scenario with the parameters set at their key paths, with the \
            scenario's seed (common random numbers: the objective is deterministic) and \
            calibration.subjects subjects (default \(CalibrationDefinition.defaultSubjects)), for at most \
            calibration.max_iterations Nelder–Mead iterations (default \(CalibrationDefinition.defaultMaxIterations); \
            about 1.5 evaluations per iteration). Use the output as overrides: {include: FILE}.
            """)

    @Argument(help: "Scenario file with calibration: and targets: blocks.")
    var scenario: String

    @Option(help: "Subjects per evaluation (each in every arm); default: calibration.subjects.")
    var subjects: Int?

    @OptionGroup var workers: WorkerThreadsOption
    /// `--threads` (see `WorkerThreadsOption`).
    var threads: Int { workers.threads }

    @Option(help: "The include file to write; default: the scenario's path with .calibrated.yaml for .yaml.")
    var out: String?

    @Option(name: .customLong("max-iterations"), help: "Nelder–Mead iteration limit; default: calibration.max_iterations.")
    var maxIterations: Int?

    @Flag(help: "Print each evaluation's objective and parameter values on standard error.")
    var verbose = false

    func validate() throws {
        if let subjects, subjects < 2 { throw ValidationError("--subjects must be ≥ 2 (found \(subjects)). Give the subjects per evaluation, e.g. --subjects 2000.") }
        if let maxIterations, maxIterations < 1 { throw ValidationError("--max-iterations must be ≥ 1 (found \(maxIterations)).") }
    }

    /// The default include path: `x.yaml` → `x.calibrated.yaml`.
    static func defaultOutput(for scenario: String) -> String {
        let stem = scenario.hasSuffix(".yaml") ? String(scenario.dropLast(5)) : scenario
        return stem + ".calibrated.yaml"
    }

    func run() throws {
        let calibrator: Calibrator
        do {
            calibrator = try Calibrator(path: scenario, subjects: subjects, maxIterations: maxIterations, threads: threads)
        } catch let issues as ScenarioIssues {
            printToStandardError(issues.description)
            throw ExitCode(2)
        } catch {
            printToStandardError("\(error)")
            throw ExitCode(2)
        }
        let names = calibrator.definition.parameters.map(\.keyPath)
        let verbose = self.verbose
        let result: CalibrationResult
        do {
            result = try calibrator.run { count, evaluation in
                guard verbose else { return }
                let values = zip(names, evaluation.values).map { "\($0)=\(String(format: "%.5g", $1))" }.joined(separator: " ")
                printToStandardError("evaluation \(count): objective \(String(format: "%.5g", evaluation.objective)) \(values)")
            }
        } catch let issues as ScenarioIssues {
            printToStandardError(issues.description)
            throw ExitCode(2)
        } catch {
            throw CommandLineError("\(scenario): calibration failed: \(error)", exitCode: 1)
        }
        print(result.fitReport, terminator: "")
        let output = out ?? Self.defaultOutput(for: scenario)
        var command = "baclosim calibrate \(scenario)"
        if let subjects { command += " --subjects \(subjects)" }
        if let maxIterations { command += " --max-iterations \(maxIterations)" }
        if let out { command += " --out \(out)" }
        do {
            try AtomicFile.write(result.includeFile(date: Date(), command: command), to: output)
        } catch {
            throw CommandLineError("\(output): could not write the calibrated parameters: \(error)", exitCode: 1)
        }
        print("Wrote \(output) (use it as overrides: {include: PATH}, PATH relative to the scenario).")
    }
}
