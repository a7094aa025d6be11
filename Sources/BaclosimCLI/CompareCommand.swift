import ArgumentParser
import Baclosim
import Foundation

/// `baclosim compare A.csv B.csv`: do two result tables agree within their Monte Carlo error?
/// (The RM-1 reference check: docs/rm1.md.)
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two result tables (arm,metric,mean,se,...) row by row: z = |a − b| / √(se_a² + se_b²) ≤ --z, else a relative tolerance; exit 1 if a row is beyond its limit.")

    @Argument(help: "First table (e.g. a run's summary.csv).")
    var first: String

    @Argument(help: "Second table (e.g. Tests/Fixtures/rm1/reference-numpy-100k-seed1.csv).")
    var second: String

    @Option(help: "Largest allowed z.")
    var z: Double = 4

    @Option(help: "Relative tolerance for rows without a usable standard error.")
    var rel: Double = 0.02

    func validate() throws {
        if !(z > 0) { throw ValidationError("--z must be > 0 (found \(z)). Give e.g. --z 4.") }
        if !(rel >= 0) { throw ValidationError("--rel must be ≥ 0 (found \(rel)). Give e.g. --rel 0.02.") }
    }

    func run() throws {
        func read(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandLineError("\(path): cannot read the table. Give the path of a CSV table such as a run's summary.csv.", exitCode: 2)
            }
            return String(decoding: data, as: UTF8.self)
        }
        let comparison: ResultTableComparison
        do {
            comparison = try ResultTableComparison(a: try read(first), named: first, b: try read(second), named: second,
                                                   zLimit: z, relativeLimit: rel)
        } catch let error as ResultTableComparison.ReadError {
            throw CommandLineError(error.description, exitCode: 2)
        }
        print(comparison.report, terminator: "")
        if !comparison.agrees { throw ExitCode(1) }
    }
}
