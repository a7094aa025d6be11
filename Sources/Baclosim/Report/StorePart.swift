import Foundation
import GRDB

/// A finished or unfinished part of a sharded PSA or sweep (`psa.sqlite`, `sweep.sqlite`)
/// opened read-only for `baclosim merge`: the file must exist, pass SQLite's quick check and
/// hold a meta table.
enum StorePart {
    /// Why a part cannot be read, one line naming the file.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The open database and its `meta(key, value)` entries.
    /// - Parameters:
    ///   - kind: `PSA` or `sweep`, for messages; `file`: the store's file name.
    static func open(_ path: String, kind: String, file: String) throws -> (queue: DatabaseQueue, meta: [String: String]) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "\(path): no such part (give each part's \(file) or its folder)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let check = try queue.read { try String.fetchOne($0, sql: "PRAGMA quick_check") }
            guard check == "ok" else { throw Failure(description: "integrity check: \(check ?? "no answer")") }
            var meta: [String: String] = [:]
            for row in try queue.read({ try Row.fetchAll($0, sql: "SELECT key, value FROM meta") }) { meta[row["key"]] = row["value"] }
            return (queue, meta)
        } catch {
            throw Failure(description: "\(path): not a readable \(kind) part (corrupt or truncated: \(error)); run its shard again")
        }
    }
}
