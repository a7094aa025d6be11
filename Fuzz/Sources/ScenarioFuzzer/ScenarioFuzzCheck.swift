import Baclosim
import Foundation

/// What every scenario text must survive, valid or not: the promise of issue 20 that a scenario
/// `validate` accepts never traps, hangs or exhausts memory in any command.
///
/// The text is written as a scenario one folder below a `Scenarios` folder whose other entries
/// are links to the shipped ones, so `../models/…` includes and `library:` drugs resolve as they
/// do for a shipped trial scenario. Then, as the commands would:
/// - `validate`: load, compile, and for a valid file `validate --warnings`' design advice and
///   `resolve` (plain and with origins), whose output must validate and resolve to itself;
/// - `run`: a few subjects on one thread, with every output table rendered in memory and the
///   cost-effectiveness analysis when there is economics;
/// - `psa`: two draws of two subjects when the file has a `psa:` block.
/// A thrown error is an answer, not a finding: only a trap (crash), a hang (libFuzzer's
/// `-timeout`) or memory beyond `-rss_limit_mb` fails.
enum ScenarioFuzzCheck {
    /// Subjects per arm of the `run` check (the file's own count when smaller).
    static let runSubjects = 3

    /// The `Scenarios` folder of the checkout this target was built from, or
    /// `BACLOSIM_SCENARIOS` when set.
    static let shippedScenarios: String = {
        if let folder = ProcessInfo.processInfo.environment["BACLOSIM_SCENARIOS"] { return folder }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios").path
    }()

    /// Where each input is written: `<temporary>/Scenarios/fuzz/input.yaml`, beside links to
    /// every entry of the shipped `Scenarios` folder. Made once per process.
    static let inputPath: String = {
        let manager = FileManager.default
        let root = manager.temporaryDirectory.appendingPathComponent("baclosim-fuzz-\(getpid())/Scenarios")
        try? manager.createDirectory(at: root.appendingPathComponent("fuzz"), withIntermediateDirectories: true)
        for entry in (try? manager.contentsOfDirectory(atPath: shippedScenarios)) ?? [] where entry != "fuzz" {
            try? manager.createSymbolicLink(atPath: root.appendingPathComponent(entry).path,
                                            withDestinationPath: shippedScenarios + "/" + entry)
        }
        return root.appendingPathComponent("fuzz/input.yaml").path
    }()

    /// `resolve` of a valid scenario is itself a valid scenario that resolves to the same text;
    /// anything else traps, so libFuzzer keeps the input.
    static func checkResolveIsIdempotent(_ template: ScenarioTemplate) {
        guard let resolved = try? template.resolvedYAML() else {
            fatalError("resolve failed on a scenario that validates")
        }
        let copy = (inputPath as NSString).deletingLastPathComponent + "/resolved.yaml"
        guard FileManager.default.createFile(atPath: copy, contents: Data(resolved.utf8)) else { fatalError("cannot write \(copy)") }
        do {
            let again = try ScenarioTemplate(path: copy)
            _ = try again.scenario()
            guard try again.resolvedYAML() == resolved else { fatalError("resolving the resolved scenario changed it") }
        } catch {
            fatalError("the resolved scenario does not validate: \(error)")
        }
    }

    /// Runs every check on `bytes` as a scenario file.
    static func check(_ bytes: Data) {
        let path = inputPath
        guard FileManager.default.createFile(atPath: path, contents: bytes) else {
            fatalError("cannot write \(path)")
        }
        if StateTransitionModel.isStateTransitionFile(path: path) {
            checkStateTransition(path)
            return
        }
        let template: ScenarioTemplate
        let scenario: Scenario
        do {
            template = try ScenarioTemplate(path: path)
            scenario = try template.scenario()
            _ = try Scenario.load(path: path)
        } catch {
            _ = error.description
            return
        }
        _ = try? template.designAdvice()
        _ = try? template.resolvedYAMLWithOrigins()
        checkResolveIsIdempotent(template)
        do {
            let report = try Simulation(scenario: scenario).run(subjects: min(scenario.run.subjects, runSubjects), threads: 1)
            _ = try report.files()
            _ = try report.manifestJSON()
            _ = try report.costEffectiveness()
        } catch {
            _ = "\(error)"
        }
        if let psa = scenario.psa {
            do {
                let result = try ProbabilisticSensitivityAnalysis.run(template: template, definition: psa, draws: 2,
                                                                      subjects: 2, threads: 1)
                _ = try PSAReport(result: result, willingnessToPay: psa.willingnessToPay)
            } catch {
                _ = "\(error)"
            }
        }
    }

    /// A state-transition model (a file with a top-level `states:`): as `validate --warnings`,
    /// `cohort` and `run` (three subjects on one thread) would, with every output file rendered.
    static func checkStateTransition(_ path: String) {
        let model: StateTransitionModel
        do { model = try StateTransitionModel.load(path: path) } catch {
            _ = error.description
            return
        }
        do {
            _ = try StateTransitionModel.inputWarnings(path: path)
            let cohort = try CohortTrace(model: model)
            _ = StateTransitionReport(model: model, cohort: cohort, microsimulation: nil, file: path).files()
            let micro = try StateTransitionMicrosimulation.run(model: model, subjects: min(model.subjects, runSubjects), seed: model.seed, threads: 1)
            _ = StateTransitionReport(model: model, cohort: cohort, microsimulation: micro, file: path).files()
        } catch {
            fatalError("a state-transition model that validates failed: \(error)")
        }
    }
}
