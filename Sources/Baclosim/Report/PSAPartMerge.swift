import Foundation

/// Merges the parts of a sharded PSA (`baclosim psa --shard K/N`, each a ``PSAStore``) into the
/// whole PSA's result: every part of one PSA (same scenario and files it reads, subjects, seed,
/// draws, parameters, tool version and N), each exactly once, each finished; draws in order.
/// A draw's rows depend only on the draw, so the merged result equals a single process's bit
/// for bit, and merging again gives the same.
public enum PSAPartMerge {
    /// One part as merged, for the manifest.
    public struct Part: Sendable, Equatable, Codable {
        /// The part's file.
        public let path: String
        /// `K/N`.
        public let shard: String
        /// Its draws, `first ..< end`.
        public let firstDraw: Int
        public let endDraw: Int
        /// Where and when it ran.
        public let host: String
        public let startedAt: String
        public let finishedAt: String?

        enum CodingKeys: String, CodingKey {
            case path, shard, host
            case firstDraw = "first_draw", endDraw = "end_draw", startedAt = "started_at", finishedAt = "finished_at"
        }
    }

    /// The merged PSA.
    public struct Merged: Sendable {
        /// Every draw of the PSA.
        public let result: PSARunResult
        /// λ values of the acceptability outputs.
        public let willingnessToPay: [Double]
        /// The parts, in part order.
        public let parts: [Part]
    }

    /// A set of parts that is not one whole PSA: every problem, one per line.
    public struct MergeError: Error, CustomStringConvertible {
        /// The problems, each naming its part.
        public let problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    /// The store file of `path`: the path itself, or `psa.sqlite` inside a folder.
    public static func storePath(_ path: String) -> String {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue ? path + "/psa.sqlite" : path
    }

    /// Merges the parts at `paths` (files or the folders holding them, any order).
    /// - Throws: ``MergeError`` listing every missing, duplicate, foreign, unfinished, corrupt or
    ///   truncated part by name.
    public static func merge(paths: [String]) throws -> Merged {
        var problems: [String] = []
        var stores: [PSAStore] = []
        for path in paths.map(storePath) {
            do { stores.append(try PSAStore(part: path)) } catch { problems.append("\(error)") }
        }
        guard let first = stores.first else {
            throw MergeError(problems: problems.isEmpty ? ["no parts given: list every part's psa.sqlite or folder"] : problems)
        }
        let reference = Dictionary(uniqueKeysWithValues: first.identity.sharedEntries)
        var members: [PSAStore] = [first]
        for store in stores.dropFirst() {
            let differing = store.identity.sharedEntries.filter { reference[$0.0] != $0.1 }.map(\.0)
            if differing.isEmpty && store.armNames == first.armNames && store.willingnessToPay == first.willingnessToPay {
                members.append(store)
            } else {
                let fields = differing.isEmpty ? ["arms or willingness_to_pay"] : differing
                problems.append("\(store.path): a part of another PSA than \(first.path) (\(fields.joined(separator: ", ")) differ\(fields.count == 1 ? "s" : "")); merge the parts of one PSA only")
            }
        }
        let n = first.identity.shard.count
        let (byIndex, coverage) = Shard.index(members, count: n, shard: \.identity.shard, path: \.path) { k in
            let range = (try? Shard(index: k, count: n))?.range(of: first.identity.draws) ?? 0..<0
            return "part \(k)/\(n) is missing (draws \(range.lowerBound)…\(range.upperBound - 1)); run `baclosim psa … --shard \(k)/\(n)` and add its psa.sqlite"
        }
        problems += coverage
        var values: [[Double]] = [], rows: [[OutcomeRow]] = [], parts: [Part] = []
        var binding: [PSAKeyPathBinding] = []
        for k in 1...n {
            guard let store = byIndex[k] else { continue }
            do {
                let stored = try store.draws()
                let range = store.identity.shard.range(of: store.identity.draws)
                guard stored.draws == Array(range) else {
                    problems.append("\(store.path): part \(k)/\(n) is unfinished (\(stored.draws.count) of \(range.count) draws done); run the same `psa --shard \(k)/\(n)` command again to finish it")
                    continue
                }
                if k == 1 || binding.isEmpty { binding = stored.binding }
                values += stored.values
                rows += stored.rows
                let provenance = try store.provenance()
                parts.append(Part(path: store.path, shard: "\(k)/\(n)", firstDraw: range.lowerBound, endDraw: range.upperBound,
                                  host: provenance.host, startedAt: provenance.startedAt, finishedAt: provenance.finishedAt))
            } catch {
                problems.append("\(error)")
            }
        }
        guard problems.isEmpty else { throw MergeError(problems: problems) }
        return Merged(result: PSARunResult(armNames: first.armNames, valueNames: first.identity.valueNames, drawValues: values,
                                           rows: rows, binding: binding),
                      willingnessToPay: first.willingnessToPay, parts: parts)
    }
}
