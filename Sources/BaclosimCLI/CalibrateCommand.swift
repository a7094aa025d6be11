import ArgumentParser
import Baclosim
import Foundation

/// `baclosim calibrate`: fit a scenario's `calibration:` parameters to its `targets:` with GSL's
/// Nelder–Mead on common-random-number runs, print the fit and write the fitted values as a
/// scenario include (`overrides: {include: FILE}`).
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit a scenario's calibration: parameters to its targets:, or one shared parameter set to several scenarios' targets (a joint calibration file), and write them as an include file.",
        discussion: """
            Each evaluation runs the scenario with the parameters set at their key paths, with the \
            scenario's seed (common random numbers: the objective is deterministic) and \
            calibration.subjects subjects (default \(CalibrationDefinition.defaultSubjects)), for at most \
            calibration.max_iterations Nelder–Mead iterations (default \(CalibrationDefinition.defaultMaxIterations); \
            about 1.5 evaluations per iteration). Use the output as overrides: {include: FILE}.

            A joint calibration file (top-level scenarios: and calibration:) fits one parameter set to \
            every listed scenario's targets at once, estimates the parameters' uncertainty from the \
            objective's curvature (--psa-out writes it as a psa include), and with --leave-one-out \
            predicts each scenario from a fit without it (--update-readme writes the table).
            """)

    @Argument(help: "Scenario file with calibration: and targets: blocks, or a joint calibration file (scenarios: and calibration:).")
    var scenario: String

    @Flag(name: .customLong("leave-one-out"), help: "Joint calibration: also fit without each scenario in turn and predict its targets (out of sample).")
    var leaveOneOut = false

    @Option(name: .customLong("psa-out"), help: "Joint calibration: write the parameters' uncertainty as a psa include file here.")
    var psaOut: String?

    @Option(name: .customLong("update-readme"), help: "Joint calibration: replace the section between <!-- cross-validation:begin --> and <!-- cross-validation:end --> of this file with the fit and cross-validation table.")
    var updateReadme: String?

    @Option(parsing: .unconditional, help: "Subjects per evaluation (each in every arm); default: calibration.subjects.")
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

    /// Reads what `load` reads; any problem (scenario issues, a missing calibration block) is
    /// printed and exits with status 2.
    private static func loading<T>(_ load: () throws -> T) throws -> T {
        do {
            return try load()
        } catch let issues as ScenarioIssues {
            printToStandardError(issues.description)
            throw ExitCode(2)
        } catch {
            printToStandardError("\(error)")
            throw ExitCode(2)
        }
    }

    /// Runs a fit: a value made invalid by a parameter is a scenario problem (exit 2), any other
    /// failure says that `what` failed (exit 1).
    private func running<T>(_ what: String, _ fit: () throws -> T) throws -> T {
        do {
            return try fit()
        } catch let issues as ScenarioIssues {
            printToStandardError(issues.description)
            throw ExitCode(2)
        } catch {
            throw CommandLineError("\(scenario): \(what) failed: \(error)", exitCode: 1)
        }
    }

    /// The default include path: `x.yaml` → `x.calibrated.yaml`.
    static func defaultOutput(for scenario: String) -> String {
        let stem = scenario.hasSuffix(".yaml") ? String(scenario.dropLast(5)) : scenario
        return stem + ".calibrated.yaml"
    }

    func run() throws {
        if JointCalibrationSpec.isJointCalibration(path: scenario) { return try runJoint() }
        if leaveOneOut || psaOut != nil || updateReadme != nil {
            throw CommandLineError("\(scenario): --leave-one-out, --psa-out and --update-readme apply to a joint calibration file (top-level scenarios: and calibration:), not to one scenario.", exitCode: 2)
        }
        let calibrator = try Self.loading { try Calibrator(path: scenario, subjects: subjects, maxIterations: maxIterations, threads: threads) }
        let names = calibrator.definition.parameters.map(\.keyPath)
        let verbose = self.verbose
        let result = try running("calibration") {
            try calibrator.run { count, evaluation in
                guard verbose else { return }
                let values = zip(names, evaluation.values).map { "\($0)=\(String(format: "%.5g", $1))" }.joined(separator: " ")
                printToStandardError("evaluation \(count): objective \(String(format: "%.5g", evaluation.objective)) \(values)")
            }
        }
        print(result.fitReport, terminator: "")
        let output = out ?? Self.defaultOutput(for: scenario)
        do {
            try AtomicFile.write(result.includeFile(date: Date(), command: commandLine), to: output)
        } catch {
            throw CommandLineError("\(output): could not write the calibrated parameters: \(error)", exitCode: 1)
        }
        print("Wrote \(output) (use it as overrides: {include: PATH}, PATH relative to the scenario).")
    }

    /// The command line as run, for the headers of the written files.
    private var commandLine: String {
        var command = "baclosim calibrate \(scenario)"
        if let subjects { command += " --subjects \(subjects)" }
        if let maxIterations { command += " --max-iterations \(maxIterations)" }
        if leaveOneOut { command += " --leave-one-out" }
        if let out { command += " --out \(out)" }
        if let psaOut { command += " --psa-out \(psaOut)" }
        return command
    }

    /// `baclosim calibrate JOINT_FILE`: the joint fit, its uncertainty and, with
    /// `--leave-one-out`, the cross-validation.
    private func runJoint() throws {
        // The README must take the table: say so before a long calibration, not after it.
        if let updateReadme {
            guard let document = try? String(contentsOfFile: updateReadme, encoding: .utf8) else {
                throw CommandLineError("\(updateReadme): could not read. Give the README whose cross-validation section to replace.", exitCode: 2)
            }
            guard TargetComparison.replacingGeneratedSection(in: document, with: "", marker: "cross-validation") != nil else {
                throw CommandLineError("\(updateReadme): no <!-- cross-validation:begin --> … <!-- cross-validation:end --> section. Add the two markers, in that order, where the table goes.", exitCode: 2)
            }
        }
        let calibrator = try Self.loading { try JointCalibrator(path: scenario, subjects: subjects, maxIterations: maxIterations, threads: threads) }
        let result = try running("joint calibration") {
            try calibrator.run(leaveOneOut: leaveOneOut) { line in printToStandardError(line) }
        }
        print(result.fitReport, terminator: "")
        let date = Date()
        let output = out ?? Self.defaultOutput(for: scenario)
        do {
            try AtomicFile.write(result.includeFile(date: date, command: commandLine), to: output)
        } catch {
            throw CommandLineError("\(output): could not write the calibrated parameters: \(error)", exitCode: 1)
        }
        print("Wrote \(output) (use it as overrides: {include: PATH}, PATH relative to the scenario).")
        if let updateReadme {
            let document: String
            do { document = try String(contentsOfFile: updateReadme, encoding: .utf8) } catch {
                throw CommandLineError("\(updateReadme): could not read: \(error.localizedDescription)", exitCode: 1)
            }
            guard let updated = TargetComparison.replacingGeneratedSection(in: document, with: result.crossValidationMarkdown + "\n",
                                                                           marker: "cross-validation") else {
                throw CommandLineError("\(updateReadme): no <!-- cross-validation:begin --> … <!-- cross-validation:end --> section. Add the two markers, in that order, where the table goes.", exitCode: 2)
            }
            do { try AtomicFile.write(updated, to: updateReadme) } catch {
                throw CommandLineError("\(updateReadme): could not write: \(error)", exitCode: 1)
            }
        }
        if let psaOut {
            guard let text = result.psaInclude(date: date, command: commandLine) else {
                throw CommandLineError("\(psaOut): not written: \(result.uncertainty.problem ?? "no covariance"). Fix or drop the unidentified parameters.", exitCode: 1)
            }
            do { try AtomicFile.write(text, to: psaOut) } catch {
                throw CommandLineError("\(psaOut): could not write: \(error)", exitCode: 1)
            }
            print("Wrote \(psaOut) (use it as psa: {include: PATH, draws: 1000}).")
        }
    }
}
