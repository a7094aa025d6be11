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

    @Option(help: "Output folder; default: out/<scenario name>-psa/.")
    var out: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let draws, draws < 1 { throw ValidationError("--draws must be ≥ 1 (found \(draws)). Give the outer-loop draws, e.g. --draws 1000.") }
        if let subjects, subjects < 1 { throw ValidationError("--subjects must be ≥ 1 (found \(subjects)). Give the subjects per draw, e.g. --subjects 1000.") }
    }

    func run() throws {
        if StateTransitionModel.isStateTransitionFile(path: scenario) {
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
        let report: PSAReport
        do {
            let result = try ProbabilisticSensitivityAnalysis.run(template: template, definition: psa, draws: drawCount,
                                                                  subjects: perDraw, threads: threads) { finished, total in
                if !quiet && (finished == total || finished % max(1, total / 20) == 0) {
                    printToStandardError("draw \(finished)/\(total) done")
                }
            }
            report = try PSAReport(result: result, willingnessToPay: psa.willingnessToPay)
        } catch let error as ScenarioIssues {
            printToStandardError(error.description)
            throw ExitCode(2)
        } catch {
            throw CommandLineError("\(scenario): PSA failed: \(error)", exitCode: 1)
        }
        let folder = out ?? "out/\(base.name)-psa"
        do {
            try report.write(to: folder)
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
            printToStandardError("wrote \(folder)/ (\(drawCount) draws × \(perDraw) subjects)")
        }
    }
}
