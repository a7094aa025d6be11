import ArgumentParser
import Baclosim
import Foundation

/// `baclosim schema`: the JSON Schema of scenario files, generated from the decoders.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of scenario files (for editors), generated from the scenario decoders.")

    @Argument(help: "Example scenarios whose blocks the schema covers; default: every scenario under Scenarios/.")
    var examples: [String] = []

    @Option(help: "Write the schema to this file (atomically) instead of standard output.")
    var out: String?

    func run() throws {
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
