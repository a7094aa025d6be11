import ArgumentParser
import Baclosim
import Foundation

/// `baclosim markov`: runs a scenario with economics and writes the Markov model on the WHO
/// drinking-risk levels derived from it (``RiskLevelMarkovModel``), a state-transition file for
/// `cohort`, `run`, `psa` and `sweep`.
struct MarkovCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markov",
        abstract: "Run a scenario with economics and write a Markov model on the WHO drinking-risk levels derived from it (each arm's observed moves between risk-level windows), for `baclosim cohort`.")

    @Argument(help: "The scenario file (with an economics block), e.g. Scenarios/economics/uk-relapse-prevention-12m.yaml.")
    var scenario: String

    @Option(help: "The state-transition file to write, e.g. out/uk-markov.yaml.")
    var out: String

    @Option(parsing: .unconditional, help: "Subjects to simulate (each in every arm); default: the scenario's run.subjects.")
    var subjects: Int?

    @Option(parsing: .unconditional, help: "Seed of every random stream; default: the scenario's run.seed.")
    var seed: UInt64?

    @OptionGroup var workers: WorkerThreadsOption

    @Option(help: "Cycles after the run's horizon, each with the arm's moves pooled over its last windows (e.g. 130 for 10 more years of 28-day cycles); default 0.")
    var extrapolationCycles = 0

    @Option(help: "The run's last windows pooled for the extrapolated cycles (default 13: a year of 28-day windows).")
    var pooledPeriods = 13

    @Option(help: "The cohort's age at time 0 for background mortality; default: the population's median age.")
    var startAgeYears: Double?

    @Option(help: "Also write the run's own outputs (summary, risk_level_transitions.csv, …) to this folder.")
    var runOut: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let subjects, subjects < 1 { throw ValidationError("--subjects must be ≥ 1 (found \(subjects)).") }
        if extrapolationCycles < 0 || extrapolationCycles > 36_525 {
            throw ValidationError("--extrapolation-cycles must be in 0 … 36525 (found \(extrapolationCycles)).")
        }
        if pooledPeriods < 1 { throw ValidationError("--pooled-periods must be ≥ 1 (found \(pooledPeriods)).") }
        if let startAgeYears, !(0...150).contains(startAgeYears) {
            throw ValidationError("--start-age-years must be in 0 … 150 (found \(startAgeYears)).")
        }
    }

    func run() throws {
        let loaded: Scenario
        do { loaded = try Scenario.load(path: scenario) } catch {
            printToStandardError(error.description)
            throw ExitCode(2)
        }
        let simulation = try Simulation(scenario: loaded)
        let reporter = ProgressReporter(total: subjects ?? loaded.run.subjects, unit: "subjects", mode: quiet ? .quiet : .automatic)
        let report: RunReport
        do {
            report = try simulation.run(subjects: subjects, seed: seed, threads: workers.threads, gitCommit: GitCommit.current(),
                                        progress: reporter.callback)
        } catch {
            throw CommandLineError("\(scenario): run failed: \(error)", exitCode: 1)
        }
        reporter.finish()
        var options = RiskLevelMarkovModel.Options()
        options.extrapolationCycles = extrapolationCycles
        options.pooledPeriods = pooledPeriods
        options.startAgeYears = startAgeYears
        options.scenarioPath = scenario
        let model: RiskLevelMarkovModel
        do { model = try RiskLevelMarkovModel(report: report, scenario: loaded, options: options) } catch {
            throw CommandLineError("\(scenario): cannot derive a Markov model: \(error)", exitCode: 1)
        }
        // The file must load as a state-transition model (arm names that are not valid strategy names would not).
        do { _ = try StateTransitionModel.decode(yaml: model.yaml, file: out) } catch {
            throw CommandLineError("\(out): the derived model does not load: \(error.description)", exitCode: 1)
        }
        if let runOut {
            do { try report.write(to: runOut) } catch {
                throw CommandLineError("\(runOut): could not write the outputs: \(error)", exitCode: 1)
            }
        }
        do { try AtomicFile.write(model.yaml, to: out) } catch {
            throw CommandLineError("\(out): could not write the model: \(error)", exitCode: 1)
        }
        if !quiet { FileHandle.standardError.write(Data("wrote \(out) (evaluate it with: baclosim cohort \(out))\n".utf8)) }
    }
}
