import ArgumentParser
import Baclosim
import Foundation

/// `baclosim schema`: the JSON Schema of scenario files, generated from the decoders.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of scenario files (for editors), generated from the block declarations and scenario decoders; with --readme, regenerate the reference tables of Scenarios/README.md.")

    @Argument(help: "Example scenarios whose blocks the schema covers; default: every scenario under Scenarios/.")
    var examples: [String] = []

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
        let files = examples.isEmpty ? ScenarioSchema.shippedScenarios() : examples
        if files.isEmpty { throw CommandLineError("no scenario files found under Scenarios/. Give example scenarios, e.g. baclosim schema Scenarios/reference/rm1.yaml.") }
        let schema: String
        do {
            schema = try ScenarioSchema.generate(examples: files)
        } catch let issues as ScenarioIssues {
            printToStandardError(issues.description)
            throw ExitCode(2)
        }
        if let out {
            do { try AtomicFile.write(schema, to: out) } catch {
                throw CommandLineError("\(out): could not write the schema: \(error)", exitCode: 1)
            }
        } else {
            print(schema, terminator: "")
        }
    }
}
