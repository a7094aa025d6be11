import Foundation
import Testing

/// `run --shard K/N` and `trial --shard K/N`, then `baclosim merge`, through the binary: the
/// merged folder holds the single process's files byte for byte (a run's manifest lists the
/// parts instead of one process's timing; trials get shards.json); `--shard auto/N` reads the
/// Slurm array index; parts of different jobs are refused.
@Suite struct CohortShardCommandTests {
    static let fixture = "Tests/Fixtures/scenarios/trial-power.yaml"

    func read(_ folder: String, _ name: String) throws -> String {
        try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    }

    @Test func runShardsMergeToTheSingleRunsFiles() throws {
        let scratch = try BaclosimBinary.temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // Three blocks of 500 subjects (run.block_size), the last one short.
        let common = ["run", Self.fixture, "--subjects", "1400", "--trajectories", "2", "--quiet"]
        #expect(try BaclosimBinary.run(common + ["--out", scratch + "/single"]).status == 0)
        var parts: [String] = []
        for k in 1...3 {
            let part = scratch + "/part\(k)"
            let result = try BaclosimBinary.run(common + ["--shard", "auto/3", "--threads", "\(1 + k % 2)", "--out", part],
                                                environment: ["SLURM_ARRAY_TASK_ID": "\(k)"])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: part) == ["run.part"])
            parts.append(part)
        }
        let merged = scratch + "/merged"
        let missing = try BaclosimBinary.run(["merge", parts[0], parts[2], "--out", merged])
        #expect(missing.status == 1 && missing.standardError.contains("part 2/3 is missing"), "\(missing.standardError)")
        #expect(!FileManager.default.fileExists(atPath: merged))
        let merge = try BaclosimBinary.run(["merge", parts[2], parts[0], parts[1] + "/run.part", "--out", merged, "--quiet"])
        #expect(merge.status == 0, "\(merge.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch + "/single").sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: merged).sorted() == names)
        #expect(names.contains("trajectories.csv") && names.contains("timeseries.csv"))
        for name in names where name != "manifest.json" {
            #expect(try read(scratch + "/single", name) == read(merged, name), "\(name) differs between the merged parts and one run")
        }
        let manifest = try read(merged, "manifest.json")
        #expect(manifest.contains("\"shard\" : \"3/3\"") && manifest.contains("\"subjects\" : 1400"))

        // A trial's part beside a run's is refused.
        let trialPart = scratch + "/trial-part"
        #expect(try BaclosimBinary.run(["trial", Self.fixture, "--subjects-per-arm", "10", "--replicates", "2", "--quiet",
                                        "--shard", "1/2", "--out", trialPart]).status == 0)
        let mixed = try BaclosimBinary.run(["merge", parts[0], trialPart, "--out", scratch + "/mixed"])
        #expect(mixed.status == 1 && mixed.standardError.contains("is not a run.part part"), "\(mixed.standardError)")
        // A part of a run with other subjects is refused, naming the difference.
        let other = scratch + "/other"
        #expect(try BaclosimBinary.run(["run", Self.fixture, "--subjects", "1500", "--quiet", "--shard", "2/3", "--out", other]).status == 0)
        let foreign = try BaclosimBinary.run(["merge", parts[0], other, parts[2], "--out", scratch + "/foreign"])
        #expect(foreign.status == 1 && foreign.standardError.contains("a part of another run") && foreign.standardError.contains("subjects"),
                "\(foreign.standardError)")
        // auto/N without a scheduler's index is a usage error.
        let unset = try BaclosimBinary.run(common + ["--shard", "auto/3", "--out", scratch + "/unset"],
                                           environment: ["SLURM_ARRAY_TASK_ID": "", "JOB_COMPLETION_INDEX": ""])
        #expect(unset.status != 0 && unset.standardError.contains("auto/3"), "\(unset.standardError)")
    }

    @Test func trialShardsMergeToTheSingleTrialsFiles() throws {
        let scratch = try BaclosimBinary.temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let common = ["trial", Self.fixture, "--subjects-per-arm", "10,20", "--replicates", "3", "--quiet"]
        #expect(try BaclosimBinary.run(common + ["--out", scratch + "/single"]).status == 0)
        let parts = (1...4).map { scratch + "/part\($0)" }
        for (k, part) in parts.enumerated() {
            let result = try BaclosimBinary.run(common + ["--shard", "\(k + 1)/4", "--out", part])
            #expect(result.status == 0, "\(result.standardError)")
        }
        let merged = scratch + "/merged"
        let merge = try BaclosimBinary.run(["merge"] + parts.reversed() + ["--out", merged, "--quiet"])
        #expect(merge.status == 0, "\(merge.standardError)")
        for name in ["trials.csv", "power.csv", "power.md"] {
            #expect(try read(scratch + "/single", name) == read(merged, name), "\(name) differs between the merged parts and one process")
        }
        #expect(try read(merged, "shards.json").contains("\"shard\" : \"4/4\""))
        let tooMany = try BaclosimBinary.run(common + ["--shard", "7/7", "--out", scratch + "/too-many"])
        #expect(tooMany.status == 1 && tooMany.standardError.contains("at most 6 parts"), "\(tooMany.standardError)")
    }
}
