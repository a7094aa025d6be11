import ArgumentParser
import Baclosim

@main
struct BaclosimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baclosim",
        abstract: "Monte Carlo simulation of baclofen and comparator pharmacotherapy.",
        version: Baclosim.version,
        subcommands: [PKCommand.self]
    )
}
