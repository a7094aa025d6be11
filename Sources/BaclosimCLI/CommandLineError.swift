import Baclosim
import Foundation

/// A problem with what the user asked for: printed as one line, `Error: <message>`, on standard
/// error, and the command exits with `exitCode` (64, `EX_USAGE` from sysexits.h, for bad input,
/// as ArgumentParser uses for its own validation errors). Never a stack trace.
struct CommandLineError: Error {
    /// What is wrong and how to fix it, one line.
    var message: String
    /// The process exit status.
    var exitCode: Int32

    /// A bad-input error (exit status 64).
    init(_ message: String, exitCode: Int32 = CommandLineError.usageExitCode) {
        self.message = message.replacingOccurrences(of: "\n", with: "; ")
        self.exitCode = exitCode
    }

    /// `EX_USAGE` (sysexits.h): the command was used incorrectly.
    static let usageExitCode: Int32 = 64
}

/// Writes `line` and a newline to standard error.
func printToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Prints a command-line error the way ArgumentParser prints its own: `Error: <message>`.
func printError(_ message: String) {
    printToStandardError("Error: " + message)
}
