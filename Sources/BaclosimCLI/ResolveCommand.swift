import ArgumentParser
import Baclosim
import Foundation

/// `baclosim resolve`: the scenario exactly as it will run (includes merged, overrides
/// applied), as YAML, so a user sees what an include and its sibling keys add up to.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Print the scenario as it will run: every include: merged with its sibling keys and the overrides: block applied, as YAML.",
        discussion: """
            The scenario is validated first (any problem is printed as FILE:LINE: key.path: problem. fix, \
            exit status 2). Drug references (library:, file:) stay references; comments are not kept. \
            With --origins each value says where it was written (FILE:LINE), so a key kept from an include \
            beside an override shows. \
            Written beside the original, the resolved file runs with the same outputs, bit for bit.
            """)

    @Argument(help: "The scenario file.")
    var scenario: String

    @Option(help: "Write the resolved scenario to this file (atomically) instead of standard output.")
    var out: String?

    @Flag(help: "Follow each value with a comment naming the file and line it came from (an included file, the scenario itself, or its overrides: block).")
    var origins = false

    func run() throws {
        let text: String
        do {
            let template = try ScenarioTemplate(path: scenario)
            _ = try template.scenario()
            text = try origins ? template.resolvedYAMLWithOrigins() : template.resolvedYAML()
        } catch let issues {   // every call above throws ScenarioIssues only
            printToStandardError(issues.description)
            throw ExitCode(2)
        }
        if let out {
            do { try AtomicFile.write(text, to: out) } catch {
                throw CommandLineError("\(out): could not write the resolved scenario: \(error)", exitCode: 1)
            }
        } else {
            print(text, terminator: "")
        }
    }
}
