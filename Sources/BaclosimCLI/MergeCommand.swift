import ArgumentParser
import Baclosim
import Foundation

/// `baclosim merge`: the parts of a sharded PSA or sweep (`psa --shard K/N`, `sweep --shard
/// K/N`) into the files a single `psa` or `sweep` writes, byte for byte, plus `shards.json`
/// (every part with its host and times).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the parts of a sharded run, trial, PSA or sweep (each `run|trial|psa|sweep --shard K/N` output folder, or its run.part, trial.part, psa.sqlite or sweep.sqlite) into the outputs a single process writes, byte for byte (a run's manifest lists the parts; a PSA or sweep gets shards.json).")

    @Argument(help: "Every part: the folder a `run|trial|psa|sweep --shard K/N` wrote, or its run.part, trial.part or .sqlite (any order).")
    var parts: [String]

    @Option(help: "Tornado outcome metric of a one-way sweep (as sweep --metric).")
    var metric: String?

    @Option(help: "Tornado outcome arm of a one-way sweep (as sweep --arm).")
    var arm: String?

    @Option(help: "A run's or trial's scenario file, where it is not at the path the parts record (merging on another machine); it must hold the same bytes.")
    var scenario: String?

    @Option(help: "Output folder (replaced atomically).")
    var out: String

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give the parts to merge: every part's folder or psa.sqlite") }
    }

    /// Whether `path` is a sweep's part (a folder holding sweep.sqlite, or that file).
    static func isSweepPart(_ path: String) -> Bool {
        path.hasSuffix("sweep.sqlite") || FileManager.default.fileExists(atPath: path + "/sweep.sqlite")
    }

    /// The part file a run or trial part's `path` names (a folder holding it, or the file), if any.
    static func cohortPartKind(_ path: String) -> String? {
        for file in ["run.part", "trial.part"] where path.hasSuffix(file) || FileManager.default.fileExists(atPath: path + "/" + file) {
            return file
        }
        return nil
    }

    func run() throws {
        let cohortKinds = parts.map(Self.cohortPartKind)
        if let kind = cohortKinds.compactMap({ $0 }).first {
            guard cohortKinds.allSatisfy({ $0 == kind }) else {
                let others = zip(parts, cohortKinds).filter { $0.1 != kind }.map(\.0)
                throw CommandLineError("cannot merge: \(others.joined(separator: ", ")) \(others.count == 1 ? "is not a" : "are not") \(kind) part\(others.count == 1 ? "" : "s") beside \(parts[cohortKinds.firstIndex(of: kind)!]); merge the parts of one job", exitCode: 1)
            }
            try mergeCohortParts(kind: kind)
            return
        }
        let sweeps = parts.filter(Self.isSweepPart)
        if !sweeps.isEmpty {
            guard sweeps.count == parts.count else {
                throw CommandLineError("cannot merge: \(parts.filter { !Self.isSweepPart($0) }.joined(separator: ", ")) \(parts.count - sweeps.count == 1 ? "is not a sweep part" : "are not sweep parts") beside \(sweeps[0]); merge the parts of one sweep or one PSA", exitCode: 1)
            }
            do {
                let merged = try SweepPartMerge.merge(paths: parts, out: out, arm: arm, metric: metric)
                if !quiet { printToStandardError("wrote \(out)/ (a sweep from \(merged.count) parts)") }
            } catch let error as PSAPartMerge.MergeError {
                throw CommandLineError("cannot merge: " + error.problems.joined(separator: "; "), exitCode: 1)
            } catch let error as ScenarioIssues {
                printToStandardError(error.description)
                throw ExitCode(2)
            } catch let error as CommandLineError {
                throw error
            } catch {
                throw CommandLineError("\(out): could not merge the sweep: \(error)", exitCode: 1)
            }
            return
        }
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

    /// Merges `run.part` or `trial.part` parts into the single process's outputs.
    private func mergeCohortParts(kind: String) throws {
        do {
            if kind == "run.part" {
                let report = try Simulation.mergeParts(paths: parts, scenarioPath: scenario, gitCommit: GitCommit.current())
                try report.write(to: out)
                if !quiet { printToStandardError("wrote \(out)/ (a run of \(report.result.subjects) subjects from \(report.manifest.shards?.count ?? 0) parts)") }
            } else {
                let merged = try TrialSimulation.mergeParts(paths: parts, scenarioPath: scenario)
                try merged.report.write(to: out, shards: merged.parts)
                if !quiet { printToStandardError("wrote \(out)/ (simulated trials from \(merged.parts.count) parts)") }
            }
        } catch let error as PSAPartMerge.MergeError {
            throw CommandLineError("cannot merge: " + error.problems.joined(separator: "; "), exitCode: 1)
        } catch let error as CommandLineError {
            throw error
        } catch {
            throw CommandLineError("\(out): could not merge: \(error)", exitCode: 1)
        }
    }
}
