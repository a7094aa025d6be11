import Foundation

/// Merges the parts of a sharded sweep (`baclosim sweep --shard K/N`, each a ``SweepStore``
/// holding its contiguous points) into the folder a single `sweep` writes: `sweep.sqlite` with
/// every point, `sweep.csv`, and for a one-way sweep `tornado.csv` and `tornado.svg`, plus
/// `shards.json`. Each point is a whole run of its own, so the tables equal a single process's
/// byte for byte. The scenario is read again from the path the parts recorded (for the tornado's
/// parameter labels and base values) and must still have the digest they ran with.
public enum SweepPartMerge {
    /// Merges the parts at `paths` (files or their folders) into the folder `out`, atomically.
    /// - Parameters:
    ///   - arm, metric: the tornado's outcome (as `sweep --arm --metric`).
    /// - Returns: the parts, for the caller's message.
    /// - Throws: ``PSAPartMerge/MergeError`` listing every missing, duplicate, foreign,
    ///   unfinished, corrupt or truncated part; the tornado's errors.
    @discardableResult
    public static func merge(paths: [String], out: String, arm: String? = nil, metric: String? = nil) throws -> [PSAPartMerge.Part] {
        var problems: [String] = []
        var stores: [SweepStore] = []
        for path in paths.map(storePath) {
            do { stores.append(try SweepStore(part: path)) } catch { problems.append("\(error)") }
        }
        guard let first = stores.first else {
            throw PSAPartMerge.MergeError(problems: problems.isEmpty ? ["no parts given: list every part's sweep.sqlite or folder"] : problems)
        }
        let reference = Dictionary(uniqueKeysWithValues: first.identity.sharedEntries)
        let n = first.identity.shard.count
        var members: [SweepStore] = []
        for store in stores {
            let differing = store.identity.sharedEntries.filter { reference[$0.0] != $0.1 }.map(\.0)
            guard differing.isEmpty else {
                problems.append("\(store.path): a part of another sweep than \(first.path) (\(differing.joined(separator: ", ")) differ\(differing.count == 1 ? "s" : "")); merge the parts of one sweep only")
                continue
            }
            members.append(store)
        }
        let (byIndex, coverage) = Shard.index(members, count: n, shard: \.identity.shard, path: \.path) { k in
            "part \(k)/\(n) is missing; run `baclosim sweep … --shard \(k)/\(n)` and add its sweep.sqlite"
        }
        problems += coverage
        var parts: [PSAPartMerge.Part] = []
        var rows: [Int: [OutcomeRow]] = [:], values: [Int: [Double]] = [:]
        for k in 1...n {
            guard let store = byIndex[k] else { continue }
            do {
                let range = store.identity.shard.range(of: store.identity.pointCount)
                let finished = try store.finishedPoints()
                guard try store.storedPoints() == Array(range), finished.count == range.count else {
                    problems.append("\(store.path): part \(k)/\(n) is unfinished (\(finished.count) of \(range.count) points done); run the same `sweep --shard \(k)/\(n)` command again to finish it")
                    continue
                }
                rows.merge(try store.results()) { a, _ in a }
                values.merge(try store.pointValues()) { a, _ in a }
                parts.append(PSAPartMerge.Part(path: store.path, shard: "\(k)/\(n)", firstDraw: range.lowerBound, endDraw: range.upperBound,
                                               host: try store.meta("host") ?? "", startedAt: try store.meta("started_at") ?? "",
                                               finishedAt: nil))
            } catch {
                problems.append("\(error)")
            }
        }
        guard problems.isEmpty else { throw PSAPartMerge.MergeError(problems: problems) }
        // The scenario, for the tornado's labels and base values: the one the parts ran.
        let scenarioPath = try first.meta("scenario_path") ?? ""
        let template: ScenarioTemplate
        do { template = try ScenarioTemplate(path: scenarioPath) } catch {
            throw PSAPartMerge.MergeError(problems: ["\(first.path): its scenario \(scenarioPath.isEmpty ? "(not recorded)" : scenarioPath) cannot be read (\(error)); run merge from the folder the parts ran in"])
        }
        // Decoded first: the digest covers the files the scenario reads, known once it is decoded.
        let definition = try template.scenario().sweep
        guard template.digest == first.identity.scenarioDigest else {
            throw PSAPartMerge.MergeError(problems: ["\(scenarioPath) or a file it reads changed since the parts ran (its digest differs from theirs); merge before editing it, or run the parts again"])
        }
        guard let definition else {
            throw PSAPartMerge.MergeError(problems: ["\(scenarioPath) has no sweep: block"])
        }
        let points = definition.points
        let parameters = definition.parameters.map(\.keyPath)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let shards = String(decoding: try encoder.encode(["parts": parts]), as: UTF8.self) + "\n"
        try OutputFolder.write(to: out, marker: "sweep.csv") { writer in
            var identity = first.identity
            identity.shard = .whole
            let merged = try SweepStore(path: writer.folderPath + "/sweep.sqlite", identity: identity, points: points, scenarioPath: scenarioPath)
            for point in points.map(\.index) {
                guard let pointRows = rows[point], values[point] == points[point].values else {
                    throw PSAPartMerge.MergeError(problems: ["point \(point) of the parts does not match the scenario's sweep block; run the parts again"])
                }
                try merged.record(point: point, rows: pointRows)
            }
            try writer.write(try merged.tidyCSV(parameters: parameters), to: "sweep.csv")
            if definition.kind == .oneWay {
                for file in try SweepReport.tornadoFiles(definition: definition, store: merged, arm: arm, metric: metric) {
                    try writer.write(file.text, to: file.name)
                }
            }
            try writer.write(shards, to: "shards.json")
        }
        return parts
    }

    /// The store file of `path`: the path itself, or `sweep.sqlite` inside a folder.
    static func storePath(_ path: String) -> String {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue ? path + "/sweep.sqlite" : path
    }
}
