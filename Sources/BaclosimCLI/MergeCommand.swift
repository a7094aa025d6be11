import ArgumentParser
import Baclosim
import Foundation

/// `baclosim merge`: the parts of a sharded PSA (`psa --shard K/N`) into the files a single
/// `psa` writes, byte for byte, plus `shards.json` (every part with its host and times).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the parts of a sharded PSA (each `psa --shard K/N` output folder or its psa.sqlite) into the outputs a single psa writes, byte for byte, plus shards.json.")

    @Argument(help: "Every part: the folder a `psa --shard K/N` wrote, or its psa.sqlite (any order).")
    var parts: [String]

    @Option(help: "Output folder (replaced atomically).")
    var out: String

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give the parts to merge: every part's folder or psa.sqlite") }
    }

    func run() throws {
        let merged: PSAPartMerge.Merged
        do { merged = try PSAPartMerge.merge(paths: parts) } catch let error as PSAPartMerge.MergeError {
            throw CommandLineError("cannot merge: " + error.problems.joined(separator: "; "), exitCode: 1)
        }
        let report: PSAReport
        do {
            report = try PSAReport(result: merged.result, willingnessToPay: merged.willingnessToPay)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let shards = String(decoding: try encoder.encode(["parts": merged.parts]), as: UTF8.self) + "\n"
            try report.write(to: out, extra: [("shards.json", shards)])
        } catch let error as ScenarioIssues {
            printToStandardError(error.description)
            throw ExitCode(2)
        } catch {
            throw CommandLineError("\(out): could not write the outputs: \(error)", exitCode: 1)
        }
        if !quiet {
            printToStandardError("wrote \(out)/ (\(merged.result.rows.count) draws from \(merged.parts.count) parts)")
        }
    }
}
