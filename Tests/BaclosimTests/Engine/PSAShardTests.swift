import Foundation
import Testing
@testable import Baclosim

/// Sharded and resumed PSAs (``PSAStore``, ``PSAPartMerge``) against one uninterrupted process:
/// for random part counts the merged outputs equal the single run's byte for byte; a PSA stopped
/// part-way resumes to the same bytes; missing, duplicate, foreign, unfinished, corrupt and
/// truncated parts are each refused by name.
@Suite(.serialized) struct PSAShardTests {
    static let scenarioPath = CompiledParameterBindingTests.economicsPath
    static let draws = 6, subjects = 12

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("psa-shards-\(UUID().uuidString)").path

    /// A store for part `shard` of the test PSA in `name`, run to the end (or `stopAfter` draws).
    func runPart(_ shard: Shard, in name: String, stopAfter: Int? = nil, threads: Int = 2) throws -> PSAStore {
        let template = try ScenarioTemplate(path: Self.scenarioPath)
        let base = try template.scenario()
        let psa = try #require(base.psa)
        try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: true)
        let identity = PSAStore.Identity(scenarioDigest: template.digest, subjects: Self.subjects, seed: base.run.seed,
                                         draws: Self.draws, valueNames: psa.valueNames, shard: shard)
        let store = try PSAStore(path: folder + "/" + name + "/psa.sqlite", identity: identity, armNames: base.armNames,
                                 willingnessToPay: psa.willingnessToPay,
                                 binding: try ProbabilisticSensitivityAnalysis.binding(template: template, definition: psa))
        _ = try ProbabilisticSensitivityAnalysis.run(template: template, definition: psa, store: store, threads: threads, stopAfter: stopAfter)
        return store
    }

    func files(_ result: PSARunResult, _ willingnessToPay: [Double]) throws -> [String] {
        try PSAReport(result: result, willingnessToPay: willingnessToPay).files().map { "\($0.name)\n\($0.text)" }
    }

    @Test func partsMergeToTheSingleRunAndAStoppedRunResumes() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let whole = try runPart(.whole, in: "whole")
        #expect(try whole.isComplete())
        let single = try files(try whole.result(), whole.willingnessToPay)
        // The same draws as the PSA without a store.
        let template = try ScenarioTemplate(path: Self.scenarioPath)
        let direct = try ProbabilisticSensitivityAnalysis.run(template: template, definition: try #require(try template.scenario().psa),
                                                              draws: Self.draws, subjects: Self.subjects, threads: 1)
        #expect(try files(direct, whole.willingnessToPay) == single)

        var generator = SystemRandomNumberGenerator()
        for n in [2, Int.random(in: 3...Self.draws, using: &generator)] {
            let names = (1...n).map { "part-\(n)-\($0)" }
            for (k, name) in names.enumerated() { _ = try runPart(try Shard(index: k + 1, count: n), in: name, threads: 1 + k % 2) }
            let merged = try PSAPartMerge.merge(paths: names.reversed().map { folder + "/" + $0 })
            #expect(try files(merged.result, merged.willingnessToPay) == single, "N = \(n)")
            #expect(merged.parts.map(\.shard) == (1...n).map { "\($0)/\(n)" })
            // Merging again gives the same.
            let again = try PSAPartMerge.merge(paths: names.map { folder + "/" + $0 })
            #expect(try files(again.result, again.willingnessToPay) == single)
        }

        // Stopped after two draws, then resumed: the same bytes.
        let stopped = try runPart(.whole, in: "resumed", stopAfter: 2)
        let pending = try stopped.pendingDraws().count
        #expect(pending >= 1 && pending <= Self.draws - 2)
        let resumed = try runPart(.whole, in: "resumed")
        #expect(try files(try resumed.result(), resumed.willingnessToPay) == single)
    }

    @Test func badPartsAreRefusedByName() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try runPart(try Shard(index: 1, count: 3), in: "p1")
        _ = try runPart(try Shard(index: 2, count: 3), in: "p2", stopAfter: 1, threads: 1)
        let p1 = folder + "/p1", p2 = folder + "/p2"
        func problems(_ paths: [String]) -> [String] {
            do { _ = try PSAPartMerge.merge(paths: paths); return [] } catch let error as PSAPartMerge.MergeError { return error.problems } catch {
                return ["\(error)"]
            }
        }
        let listed = problems([p1, p2, p1])
        #expect(listed.contains { $0.contains("are both part 1/3") })
        #expect(listed.contains { $0.contains("part 3/3 is missing") })
        #expect(listed.contains { $0.contains("part 2/3 is unfinished") })

        // Another PSA: another seed in the identity.
        var identity = first.identity
        identity.seed += 1
        identity.shard = try Shard(index: 3, count: 3)
        try FileManager.default.createDirectory(atPath: folder + "/foreign", withIntermediateDirectories: true)
        _ = try PSAStore(path: folder + "/foreign/psa.sqlite", identity: identity, armNames: first.armNames,
                         willingnessToPay: first.willingnessToPay, binding: [])
        #expect(problems([p1, folder + "/foreign"]).contains { $0.contains("foreign/psa.sqlite: a part of another PSA") && $0.contains("seed") })

        // Corrupt and truncated copies of a finished part.
        let data = try Data(contentsOf: URL(fileURLWithPath: p1 + "/psa.sqlite"))
        try Data(repeating: 0x5A, count: data.count).write(to: URL(fileURLWithPath: folder + "/corrupt.sqlite"))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: folder + "/truncated.sqlite"))
        #expect(problems([folder + "/corrupt.sqlite"]).first?.contains("corrupt.sqlite: not a readable PSA part") == true)
        #expect(problems([folder + "/truncated.sqlite"]).first?.contains("truncated.sqlite: not a") == true)
        #expect(problems([folder + "/nowhere"]).first?.contains("nowhere: no such part") == true)

        // Resuming with other settings is refused, naming the setting.
        #expect { _ = try PSAStore(path: p1 + "/psa.sqlite", identity: identity, armNames: first.armNames,
                                   willingnessToPay: first.willingnessToPay, binding: []) } throws: { error in
            "\(error)".contains("cannot resume this PSA") && "\(error)".contains("seed")
        }
    }

    @Test func shardsParseAndCoverEveryDraw() throws {
        #expect(try Shard(parsing: "3/8") == Shard(index: 3, count: 8))
        #expect(try Shard(parsing: "auto/4", environment: ["SLURM_ARRAY_TASK_ID": "2"]) == Shard(index: 2, count: 4))
        #expect(try Shard(parsing: "auto/4", environment: ["JOB_COMPLETION_INDEX": "0"]) == Shard(index: 1, count: 4))
        #expect(throws: ShardError.self) { try Shard(parsing: "auto/4", environment: [:]) }
        #expect(throws: ShardError.self) { try Shard(parsing: "9/8") }
        #expect(throws: ShardError.self) { try Shard(parsing: "3-8") }
        for total in [1, 7, 1000] {
            for n in 1...min(total, 9) {
                let covered = try (1...n).flatMap { Array(try Shard(index: $0, count: n).range(of: total)) }
                #expect(covered == Array(0..<total))
            }
        }
    }
}
