import ArgumentParser
import Baclosim
import Foundation

/// `baclosim schema`: the JSON Schema of scenario files, generated from the block declarations.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of scenario files (for editors), generated from the block declarations; with --readme, regenerate the reference tables of Scenarios/README.md.")

    @Flag(help: "The schema of drug files (Scenarios/drugs/*.yaml) instead of scenario files.")
    var drugFile = false

    @Flag(help: "The schema of state-transition models (Scenarios/textbook/*.yaml) instead of scenario files.")
    var stateTransition = false

    @Option(help: "Write the schema to this file (atomically) instead of standard output.")
    var out: String?

    @Option(help: ArgumentHelp("Instead of the schema, rewrite the reference tables of the declared blocks in this README (e.g. Scenarios/README.md) between their markers.",
                               valueName: "README"))
    var readme: String?

    func run() throws {
        if let readme {
            let text: String
            do { text = try String(contentsOfFile: readme, encoding: .utf8) } catch {
                throw CommandLineError("\(readme): could not read the README: \(error.localizedDescription)")
            }
            do {
                try AtomicFile.write(try ScenarioSchema.updatingReadme(text, file: readme), to: readme)
            } catch let issues as ScenarioIssues {
                printToStandardError(issues.description)
                throw ExitCode(2)
            } catch {
                throw CommandLineError("\(readme): could not write the README: \(error)", exitCode: 1)
            }
            return
        }
        let schema = try ScenarioSchema.generate(drugFile: drugFile, stateTransition: stateTransition)
        if let out {
            do { try AtomicFile.write(schema, to: out) } catch {
                throw CommandLineError("\(out): could not write the schema: \(error)", exitCode: 1)
            }
        } else {
            print(schema, terminator: "")
        }
    }
}
