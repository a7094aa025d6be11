import Foundation
import Testing
@testable import Baclosim

/// Sharded runs and trials (``CohortPart``, `Simulation.runPart`, `TrialSimulation.runPart`)
/// against one process: for random part counts and thread counts, the merged outputs equal the
/// single process's byte for byte (all but the run's manifest, which lists the parts); missing,
/// duplicate, foreign, corrupt and truncated parts, and a scenario changed since the parts ran,
/// are each refused by name.
///
/// The scenario is the shipped 12-month UK model cut to 30 subjects in blocks of 4 (8 blocks),
/// with two subgroups and a rank test added, so every accumulated table is in the parts:
/// means, differences, quantile sketches, Kaplan–Meier counts, daily series, risk-level
/// transitions, subgroups, trajectories and kept values.
@Suite(.serialized) struct CohortShardTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-shards-\(UUID().uuidString)").path

    /// Writes the test scenario into `folder/Scenarios/economics/` (the model files, inputs and
    /// drug library linked from the repository) and returns its path.
    func writeScenario(edit: (String) -> String = { $0 }) throws -> String {
        let shipped = CompiledParameterBindingTests.economicsPath.replacingOccurrences(of: "uk-relapse-prevention-psa.yaml", with: "")
        let scenarios = folder + "/Scenarios", economics = scenarios + "/economics"
        let manager = FileManager.default
        if !manager.fileExists(atPath: economics) {
            try manager.createDirectory(atPath: economics, withIntermediateDirectories: true)
            try manager.createSymbolicLink(atPath: scenarios + "/drugs", withDestinationPath: shipped + "../drugs")
            try manager.createSymbolicLink(atPath: scenarios + "/models", withDestinationPath: shipped + "../models")
            try manager.createSymbolicLink(atPath: economics + "/inputs", withDestinationPath: shipped + "inputs")
        }
        var text = try String(contentsOfFile: shipped + "uk-relapse-prevention-12m.yaml", encoding: .utf8)
        let run = try #require(text.range(of: "run: {subjects: 20000, seed: 2026, horizon_days: 365}"))
        text.replaceSubrange(run, with: "run: {subjects: 30, seed: 2026, horizon_days: 365, block_size: 4}\n"
                             + "subgroups: [{name: women, sex: female}, {name: older, age_years: [45, 150]}]")
        let pda = try #require(text.range(of: "{name: pda, kind: proportion_days_abstinent, window_days: [0, 364]}"))
        text.replaceSubrange(pda, with: "{name: pda, kind: proportion_days_abstinent, window_days: [0, 364], test: wilcoxon}")
        let path = economics + "/sharded.yaml"
        try edit(text).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The digest a `--shard` command records for `path`.
    func digest(_ path: String) throws -> String {
        let template = try ScenarioTemplate(path: path)
        _ = try template.scenario()
        return template.portableDigest
    }

    /// Every output file but the manifest, as name and text.
    func files(_ report: RunReport) throws -> [String] {
        try report.files().filter { $0.name != "manifest.json" }.map { "\($0.name)\n\($0.text)" }
    }

    func trialFiles(_ report: TrialReport) -> [String] { [report.trialsCSV, report.powerCSV, report.powerMarkdown] }

    @Test func runPartsMergeToTheSingleRun() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try writeScenario()
        let simulation = try Simulation(scenario: try Scenario.load(path: path))
        let single = try simulation.run(threads: 2, trajectories: 5)
        let expected = try files(single)
        #expect(expected.contains { $0.hasPrefix("subgroups.csv") } && expected.contains { $0.hasPrefix("risk_level_transitions.csv") })
        let digest = try digest(path)
        var generator = SystemRandomNumberGenerator()
        for n in [2, Int.random(in: 3...8, using: &generator)] {
            var paths: [String] = []
            for k in 1...n {
                let part = try simulation.runPart(try Shard(index: k, count: n), scenarioDigest: digest, threads: 1 + k % 2, trajectories: 5)
                #expect(part.header.unitCount == 8 && part.units.count == part.header.endUnit - part.header.firstUnit)
                let out = folder + "/run-\(n)-\(k)"
                try part.write(to: out, fileName: "run.part")
                paths.append(out)
            }
            let merged = try Simulation.mergeParts(paths: paths.shuffled(using: &generator))
            #expect(try files(merged) == expected, "N = \(n)")
            #expect(merged.manifest.shards?.map(\.shard) == (1...n).map { "\($0)/\(n)" })
            #expect(merged.manifest.subjects == 30 && merged.manifest.trajectorySubjects == 5)
            // Merging again, from the part files themselves, gives the same.
            let again = try Simulation.mergeParts(paths: paths.map { $0 + "/run.part" })
            #expect(try files(again) == expected)
        }
        // A part decodes to the accumulator it encoded, bit for bit.
        let part = try simulation.runPart(try Shard(index: 1, count: 1), scenarioDigest: digest, threads: 1)
        var total = OutcomeAccumulator(layout: simulation.model.layout)
        for k in part.units.indices { total.merge(try part.outcomes(unit: k, layout: simulation.model.layout)) }
        var encoder = PartEncoder(), direct = PartEncoder()
        total.encode(into: &encoder)
        let whole = try simulation.run(threads: 1)
        whole.result.outcomes.encode(into: &direct)
        #expect(encoder.bytes == direct.bytes)
    }

    @Test func trialPartsMergeToTheSingleTrials() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try writeScenario()
        let simulation = try TrialSimulation(scenario: try Scenario.load(path: path))
        let sizes = [3, 5], replicates = 3
        let expected = trialFiles(try simulation.run(subjectsPerArm: sizes, replicates: replicates, alpha: 0.1, threads: 2))
        #expect(expected[0].contains("wilcoxon"))
        let digest = try digest(path)
        var generator = SystemRandomNumberGenerator()
        for n in [1, Int.random(in: 2...6, using: &generator)] {
            var paths: [String] = []
            for k in 1...n {
                let part = try simulation.runPart(try Shard(index: k, count: n), scenarioDigest: digest, subjectsPerArm: sizes,
                                                  replicates: replicates, alpha: 0.1, threads: 1 + k % 2)
                let out = folder + "/trial-\(n)-\(k)"
                try part.write(to: out, fileName: "trial.part")
                paths.append(out)
            }
            let merged = try TrialSimulation.mergeParts(paths: paths.reversed())
            #expect(trialFiles(merged.report) == expected, "N = \(n)")
            #expect(merged.parts.count == n)
        }
    }

    @Test func badPartsAreRefusedByName() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try writeScenario()
        let simulation = try Simulation(scenario: try Scenario.load(path: path))
        let digest = try digest(path)
        func write(_ k: Int, of n: Int, seed: UInt64? = nil, as name: String) throws -> String {
            let part = try simulation.runPart(try Shard(index: k, count: n), scenarioDigest: digest, seed: seed, threads: 1)
            try part.write(to: folder + "/" + name, fileName: "run.part")
            return folder + "/" + name
        }
        func problems(_ paths: [String]) -> [String] {
            do { _ = try Simulation.mergeParts(paths: paths); return [] } catch let error as PSAPartMerge.MergeError { return error.problems } catch {
                return ["\(error)"]
            }
        }
        let p1 = try write(1, of: 3, as: "p1"), p2 = try write(2, of: 3, as: "p2")
        let listed = problems([p1, p2, p1])
        #expect(listed.contains { $0.contains("are both part 1/3") })
        #expect(listed.contains { $0.contains("part 3/3 is missing (units 5…7)") && $0.contains("--shard 3/3") })
        // Another seed is another run.
        let foreign = try write(3, of: 3, seed: 7, as: "foreign")
        #expect(problems([p1, p2, foreign]).contains { $0.contains("foreign/run.part: a part of another run") && $0.contains("seed") })
        // More parts than blocks is refused before running.
        #expect(throws: EngineError.self) { _ = try write(1, of: 9, as: "too-many") }

        // Corrupt, truncated and foreign files.
        let data = try Data(contentsOf: URL(fileURLWithPath: p2 + "/run.part"))
        var flipped = data
        flipped[data.count / 2] ^= 0x01
        try flipped.write(to: URL(fileURLWithPath: folder + "/flipped.part"))
        try data.prefix(data.count - 100).write(to: URL(fileURLWithPath: folder + "/truncated.part"))
        try Data("not a part".utf8).write(to: URL(fileURLWithPath: folder + "/text.part"))
        #expect(problems([folder + "/flipped.part"]).first?.contains("flipped.part: not a readable part (its checksum does not match") == true)
        #expect(problems([folder + "/truncated.part"]).first?.contains("truncated.part: not a readable part") == true)
        #expect(problems([folder + "/text.part"]).first?.contains("text.part: not a readable part") == true)
        #expect(problems([folder + "/nowhere"]).first?.contains("nowhere: no such part") == true)

        // The scenario changed since the parts ran.
        let p3 = try write(3, of: 3, as: "p3")
        #expect(problems([p1, p2, p3]).isEmpty)
        _ = try writeScenario { $0 + "\n# edited\n" }
        #expect(problems([p1, p2, p3]).first?.contains("changed since the parts ran") == true)
    }
}
