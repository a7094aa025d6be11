import ArgumentParser
import Baclosim
import Foundation

@main
struct BaclosimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baclosim",
        abstract: "Monte Carlo simulation of baclofen and comparator pharmacotherapy.",
        version: Baclosim.version,
        subcommands: [RunCommand.self, CohortCommand.self, MarkovCommand.self, MergeCommand.self, ValidateCommand.self, AuditCommand.self, CompareCommand.self, SweepCommand.self, PSACommand.self, TargetsCommand.self, CalibrateCommand.self, PKCommand.self, TrialCommand.self, SchemaCommand.self, ResolveCommand.self, MigrateCommand.self]
    )

    /// Parses and runs. A user's mistake (``CommandLineError``, ``PKSimulationError``) prints
    /// one `Error: …` line, never a stack trace, and exits with its status.
    static func main() {
        InterruptMessage.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CommandLineError {
            printError(error.message)
            Foundation.exit(error.exitCode)
        } catch let error as PKSimulationError {
            printError(error.message)
            Foundation.exit(CommandLineError.usageExitCode)
        } catch {
            exit(withError: error)
        }
    }
}
