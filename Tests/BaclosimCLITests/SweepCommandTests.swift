import Foundation
import Testing

/// End-to-end tests of `baclosim sweep` and `baclosim psa` on the built binary, with the small
/// fixture scenario (2 arms, 28 days).
@Suite struct SweepCommandTests {
    static let fixture = "Tests/Fixtures/scenarios/sweep-small.yaml"

    private func read(_ folder: URL, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func sweepStoppedPartWayAndResumedWritesTheSameBytesAsAnUninterruptedSweep() throws {
        let scratch = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let whole = scratch.appendingPathComponent("whole"), pieces = scratch.appendingPathComponent("pieces")
        let uninterrupted = try BaclosimBinary.run(["sweep", Self.fixture, "--subjects", "40", "--threads", "2", "--out", whole.path, "--quiet"])
        #expect(uninterrupted.status == 0, "\(uninterrupted.standardError)")

        let stopped = try BaclosimBinary.run(["sweep", Self.fixture, "--subjects", "40", "--out", pieces.path, "--stop-after", "2"])
        #expect(stopped.status == 0)
        #expect(stopped.standardError.contains("2 of 7 points finished"))
        #expect(!FileManager.default.fileExists(atPath: pieces.appendingPathComponent("sweep.csv").path))

        let resumed = try BaclosimBinary.run(["sweep", Self.fixture, "--subjects", "40", "--threads", "1", "--out", pieces.path])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardError.contains("5 run now"))
        for name in ["sweep.csv", "tornado.csv", "tornado.svg"] {
            #expect(try read(pieces, name) == read(whole, name), "\(name) differs after resuming")
        }
        let header = try read(whole, "sweep.csv").split(separator: "\n").first.map(String.init)
        #expect(header == "point,arms.baclofen30.regimen.maintenance_mg_per_day,drugs.baclofen.effect.emax,"
            + "drinking.states[0].drinking_hazard.baseline.constant_per_day,arm,metric,mean,se")
        #expect(try read(whole, "tornado.csv").contains(",baclofen30-placebo,pda,"))
    }

    @Test func sweepKilledWithSIGKILLResumesToTheSameBytes() throws {
        let scratch = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let whole = scratch.appendingPathComponent("whole"), killed = scratch.appendingPathComponent("killed")
        let arguments = ["sweep", Self.fixture, "--subjects", "300", "--threads", "1"]
        let uninterrupted = try BaclosimBinary.run(arguments + ["--out", whole.path, "--quiet"])
        #expect(uninterrupted.status == 0, "\(uninterrupted.standardError)")

        // Start the same sweep, kill it (SIGKILL: no clean-up) once a point or two are stored.
        let process = Process()
        process.executableURL = try BaclosimBinary.executable()
        process.arguments = arguments + ["--out", killed.path]
        process.currentDirectoryURL = BaclosimBinary.repositoryRoot
        let log = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, process.isRunning,
              !((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("point 1/7 done") {
            usleep(2_000)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try handle.close()
        #expect(process.terminationReason == .uncaughtSignal, "the sweep finished before it could be killed")

        let resumed = try BaclosimBinary.run(arguments + ["--out", killed.path, "--quiet"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        for name in ["sweep.csv", "tornado.csv"] {
            #expect(try read(killed, name) == read(whole, name), "\(name) differs after a kill and resume")
        }
    }

    /// A PSA killed with SIGKILL at random moments (mid-draw or mid-transaction), again and
    /// again, then run to the end, writes the uninterrupted run's files byte for byte.
    @Test func psaKilledAtRandomPointsResumesToTheSameBytes() throws {
        let scratch = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let whole = scratch.appendingPathComponent("whole"), killed = scratch.appendingPathComponent("killed")
        let arguments = ["psa", Self.fixture, "--draws", "8", "--subjects", "300", "--threads", "1", "--quiet"]
        #expect(try BaclosimBinary.run(arguments + ["--out", whole.path]).status == 0)
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for _ in 0..<6 {
            let process = Process()
            process.executableURL = try BaclosimBinary.executable()
            process.arguments = arguments + ["--out", killed.path]
            process.currentDirectoryURL = BaclosimBinary.repositoryRoot
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 20_000...300_000, using: &generator))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { kills += 1 } else { break }
        }
        #expect(kills >= 1, "the PSA finished before any kill")
        let resumed = try BaclosimBinary.run(arguments + ["--out", killed.path])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        for name in ["psa.csv", "psa_parameters.csv", "psa_binding.csv"] {
            #expect(try read(killed, name) == read(whole, name), "\(name) differs after \(kills) kills and a resume")
        }
    }

    @Test func resumingWithOtherSubjectsIsRefusedWithAClearMessage() throws {
        let scratch = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        _ = try BaclosimBinary.run(["sweep", Self.fixture, "--subjects", "20", "--out", scratch.path, "--stop-after", "1", "--quiet"])
        let other = try BaclosimBinary.run(["sweep", Self.fixture, "--subjects", "30", "--out", scratch.path, "--quiet"])
        #expect(other.status == 1)
        #expect(other.errorLines.count == 1 && other.standardError.contains("cannot resume this sweep"))
    }

    @Test func tornadoMetricCanBeChosenAndAnUnknownOneIsAnError() throws {
        let scratch = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let chosen = try BaclosimBinary.run(["sweep", Self.fixture, "--subjects", "20", "--out", scratch.path, "--quiet",
                                             "--metric", "drinks_per_subject", "--arm", "placebo"])
        #expect(chosen.status == 0, "\(chosen.standardError)")
        #expect(try read(scratch, "tornado.csv").contains(",placebo,drinks_per_subject,"))
        let unknown = try BaclosimBinary.run(["sweep", Self.fixture, "--subjects", "20", "--out", scratch.path, "--quiet", "--metric", "nope"])
        #expect(unknown.status == 1 && unknown.standardError.contains("--metric with one of"))
    }

    @Test func psaRunsTwiceToIdenticalFilesAndSaysWhenThereAreNoCosts() throws {
        let scratch = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let a = scratch.appendingPathComponent("a"), b = scratch.appendingPathComponent("b")
        let first = try BaclosimBinary.run(["psa", Self.fixture, "--draws", "3", "--subjects", "20", "--threads", "1", "--out", a.path])
        let second = try BaclosimBinary.run(["psa", Self.fixture, "--draws", "3", "--subjects", "20", "--threads", "2", "--out", b.path])
        #expect(first.status == 0 && second.status == 0, "\(first.standardError)\(second.standardError)")
        for name in ["psa.csv", "psa_parameters.csv", "psa_binding.csv"] {
            #expect(try read(a, name) == read(b, name), "\(name) differs between two runs")
        }
        // Every key of the fixture's psa: block is written in place into the compiled model.
        #expect(try read(a, "psa_binding.csv").split(separator: "\n").dropFirst().allSatisfy { $0.contains(",true,") })
        #expect(!first.standardOutput.contains("re-decodes"))
        #expect(first.standardOutput.contains("no cost and qalys metrics"))
        #expect(try read(a, "psa.csv").hasPrefix("draw,arm,metric,mean,se\n0,placebo,pda,"))
        // 3 draws × 3 parameters.
        #expect(try read(a, "psa_parameters.csv").split(separator: "\n").count == 1 + 9)
        #expect(!FileManager.default.fileExists(atPath: a.appendingPathComponent("ceac.csv").path))
    }

    /// `psa --shard K/N` then `merge` writes the single run's files byte for byte (plus
    /// shards.json); `--stop-after` then the same command resumes to the same files; a missing
    /// part is refused by name.
    @Test func psaShardsMergeAndResumeToTheSingleRunsFiles() throws {
        let scratch = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let common = ["psa", Self.fixture, "--draws", "5", "--subjects", "10", "--quiet"]
        let single = scratch.appendingPathComponent("single")
        #expect(try BaclosimBinary.run(common + ["--out", single.path]).status == 0)
        var parts: [String] = []
        for k in 1...3 {
            let part = scratch.appendingPathComponent("part\(k)").path
            let result = try BaclosimBinary.run(common + ["--shard", "\(k)/3", "--threads", "\(1 + k % 2)", "--out", part])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: part + "/psa.csv"))
            parts.append(part)
        }
        let merged = scratch.appendingPathComponent("merged")
        let missing = try BaclosimBinary.run(["merge", parts[0], parts[2], "--out", merged.path])
        #expect(missing.status == 1 && missing.standardError.contains("part 2/3 is missing"), "\(missing.standardError)")
        let merge = try BaclosimBinary.run(["merge", parts[2], parts[0], parts[1], "--out", merged.path, "--quiet"])
        #expect(merge.status == 0, "\(merge.standardError)")
        for name in ["psa.csv", "psa_parameters.csv", "psa_binding.csv"] {
            #expect(try read(single, name) == read(merged, name), "\(name) differs between the merged parts and one run")
        }
        #expect(try read(merged, "shards.json").contains("\"shard\" : \"3/3\""))
        let resumed = scratch.appendingPathComponent("resumed")
        let stopped = try BaclosimBinary.run(common.dropLast() + ["--stop-after", "2", "--out", resumed.path])
        #expect(stopped.status == 0 && stopped.standardError.contains("run the same command again to resume"), "\(stopped.standardError)")
        #expect(try BaclosimBinary.run(common + ["--out", resumed.path]).status == 0)
        for name in ["psa.csv", "psa_parameters.csv", "psa_binding.csv"] {
            #expect(try read(single, name) == read(resumed, name), "\(name) differs after resuming")
        }
        let other = try BaclosimBinary.run(["psa", Self.fixture, "--draws", "4", "--subjects", "10", "--quiet", "--out", resumed.path])
        #expect(other.status == 1 && other.standardError.contains("cannot resume this PSA") && other.standardError.contains("draws"))
    }

    /// `sweep --shard K/N` then `merge` writes the single sweep's tables byte for byte; a part of
    /// another sweep is refused.
    @Test func sweepShardsMergeToTheSingleSweepsTables() throws {
        let scratch = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let common = ["sweep", Self.fixture, "--subjects", "10", "--quiet"]
        let single = scratch.appendingPathComponent("single")
        #expect(try BaclosimBinary.run(common + ["--out", single.path]).status == 0)
        // Any number of parts up to the fixture's 7 points.
        let n = Int.random(in: 2...7)
        let parts = (1...n).map { scratch.appendingPathComponent("part\($0)").path }
        for (k, part) in parts.enumerated() {
            let result = try BaclosimBinary.run(common + ["--shard", "\(k + 1)/\(n)", "--out", part])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: part + "/sweep.csv"))
        }
        let merged = scratch.appendingPathComponent("merged")
        let merge = try BaclosimBinary.run(["merge"] + parts.reversed() + ["--out", merged.path, "--quiet"])
        #expect(merge.status == 0, "\(merge.standardError)")
        for name in ["sweep.csv", "tornado.csv", "tornado.svg"] {
            #expect(try read(single, name) == read(merged, name), "\(name) differs between the merged parts and one sweep")
        }
        let other = scratch.appendingPathComponent("other").path
        #expect(try BaclosimBinary.run(["sweep", Self.fixture, "--subjects", "12", "--quiet", "--shard", "2/\(n)", "--out", other]).status == 0)
        let foreign = try BaclosimBinary.run(["merge", parts[0], other, "--out", merged.path])
        #expect(foreign.status == 1 && foreign.standardError.contains("a part of another sweep") && foreign.standardError.contains("subjects"),
                "\(foreign.standardError)")
    }

    @Test func scenarioWithoutASweepOrPSABlockIsAUsageError() throws {
        let sweep = try BaclosimBinary.run(["sweep", "Tests/Fixtures/scenarios/identical-arms.yaml"])
        #expect(sweep.status == 64 && sweep.standardError.contains("has no sweep: block"))
        let psa = try BaclosimBinary.run(["psa", "Tests/Fixtures/scenarios/identical-arms.yaml"])
        #expect(psa.status == 64 && psa.standardError.contains("has no psa: block"))
    }
}
