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

    @Flag(help: "Also name every numeric input that has no effect on any output of its scenario, and why (FILE:LINE: warning: ...).")
    var warnings = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one scenario file, e.g. baclosim validate Scenarios/reference/rm1.yaml.") }
    }

    func run() throws {
        var failed = false
        for file in files {
            do {
                let scenario = try Scenario.load(path: file)
                _ = try Simulation(scenario: scenario)
                let found = warnings ? try ScenarioTemplate(path: file).inputWarnings() : []
                for warning in found { FileHandle.standardError.write(Data((warning.description + "\n").utf8)) }
                let note = warnings ? ", \(found.count) input\(found.count == 1 ? "" : "s") without effect" : ""
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
