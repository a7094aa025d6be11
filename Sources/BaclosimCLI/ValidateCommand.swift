import ArgumentParser
import Baclosim
import Foundation

/// `baclosim validate`: check scenario files and report every problem at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files; print every problem as FILE:LINE: key.path: problem. fix")

    @Argument(help: "Scenario files to check.")
    var files: [String]

    @Flag(help: "Also name every numeric input that has no effect on any output of its scenario, and why, and designs that are probably not meant (a taper whose withdrawal cannot be seen) (FILE:LINE: warning: ...).")
    var warnings = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one scenario file, e.g. baclosim validate Scenarios/reference/rm1.yaml.") }
    }

    func run() throws {
        var failed = false
        for file in files {
            do {
                if StateTransitionModel.isStateTransitionFile(path: file) {
                    let model = try StateTransitionModel.load(path: file)
                    let found = warnings ? try StateTransitionModel.inputWarnings(path: file) : []
                    for warning in found { FileHandle.standardError.write(Data((warning.description + "\n").utf8)) }
                    let note = warnings ? ", \(found.count) input\(found.count == 1 ? "" : "s") without effect" : ""
                    print("\(file): ok (state-transition model: \(model.states.count) states, \(model.strategies.count) strategies, \(model.cycleCount) cycles\(note))")
                    continue
                }
                let scenario = try Scenario.load(path: file)
                _ = try Simulation(scenario: scenario)
                let template = warnings ? try ScenarioTemplate(path: file) : nil
                let found = try template?.inputWarnings() ?? []
                let advice = try template?.designAdvice() ?? []
                for warning in found { FileHandle.standardError.write(Data((warning.description + "\n").utf8)) }
                for item in advice { FileHandle.standardError.write(Data((item.description + "\n").utf8)) }
                let adviceNote = advice.isEmpty ? "" : ", \(advice.count) design warning\(advice.count == 1 ? "" : "s")"
                let note = warnings ? ", \(found.count) input\(found.count == 1 ? "" : "s") without effect\(adviceNote)" : ""
                print("\(file): ok (\(scenario.armNames.count) arms, \(scenario.run.subjects) subjects, \(scenario.run.horizonDays) days\(note))")
            } catch let issues as ScenarioIssues {
                failed = true
                FileHandle.standardError.write(Data((issues.description + "\n").utf8))
            } catch {
                failed = true
                FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
            }
        }
        if failed { throw ExitCode(1) }
    }
}
