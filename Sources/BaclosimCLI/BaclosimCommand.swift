import ArgumentParser
import Baclosim
import Foundation

@main
struct BaclosimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baclosim",
        abstract: "Monte Carlo simulation of baclofen and comparator pharmacotherapy.",
        version: Baclosim.version,
        subcommands: [RunCommand.self, ValidateCommand.self, PKCommand.self]
    )

    /// Parses and runs; a ``UserError`` prints its one line (never a stack trace) and exits
    /// with its code.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as UserError {
            FileHandle.standardError.write(Data("\(error.message)\n".utf8))
            Foundation.exit(error.code)
        } catch {
            exit(withError: error)
        }
    }
}
