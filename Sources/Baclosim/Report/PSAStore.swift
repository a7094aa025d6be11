import Foundation
import GRDB

/// The SQLite database of a scenario PSA (`DIR/psa.sqlite`, through GRDB): the draws of one part
/// (``Shard``; the whole PSA is part 1/1), and each finished draw's parameter values and outcome
/// rows, written in one transaction per draw. A killed `psa` leaves only whole draws behind and
/// a rerun computes exactly the missing ones; a finished part of a sharded PSA is what
/// `baclosim merge` reads (``PSAPartMerge``).
///
/// Tables:
/// - `meta(key, value)`: the ``Identity`` (scenario digest, subjects, seed, draws, parameters,
///   tool version, the part), the arms and willingness-to-pay values, the host and times;
/// - `draws(draw, status)`: the part's draws, `pending` or `done`;
/// - `draw_values(draw, k, bits)`, `results(draw, row, arm, metric, kind, mean, se, ci_low,
///   ci_high)`: numbers stored as their IEEE-754 bit patterns (INTEGER), NULL where absent, so a
///   value reads back bit for bit (NaN included) and every output is byte-identical however the
///   work was split or interrupted;
/// - `binding(k, key_path, bound_in_place, reason, no_effect)`: how each drawn key path reached
///   the model (`psa_binding.csv`).
public final class PSAStore {
    /// What a part's results depend on; reopening or merging with another identity is refused.
    public struct Identity: Sendable, Equatable {
        /// ``ScenarioTemplate/digest``: the scenario file and every file it reads.
        public var scenarioDigest: String
        /// Subjects per draw.
        public var subjects: Int
        /// The seed of the draws and of every run.
        public var seed: UInt64
        /// Draws of the whole PSA.
        public var draws: Int
        /// The drawn values' names (key paths, Dirichlet components `key[k]`).
        public var valueNames: [String]
        /// Baclosim's version.
        public var toolVersion: String
        /// This part.
        public var shard: Shard

        /// Creates an identity.
        public init(scenarioDigest: String, subjects: Int, seed: UInt64, draws: Int, valueNames: [String],
                    toolVersion: String = Baclosim.version, shard: Shard = .whole) {
            self.scenarioDigest = scenarioDigest
            self.subjects = subjects
            self.seed = seed
            self.draws = draws
            self.valueNames = valueNames
            self.toolVersion = toolVersion
            self.shard = shard
        }

        /// The entries every part of one PSA shares (all but the part's index).
        var sharedEntries: [(String, String)] {
            [("scenario_sha256", scenarioDigest), ("subjects", "\(subjects)"), ("seed", "\(seed)"), ("draws", "\(draws)"),
             ("parameters", valueNames.joined(separator: "\n")), ("tool_version", toolVersion), ("shard_count", "\(shard.count)")]
        }

        /// Every entry of the meta table that identifies the part.
        var entries: [(String, String)] { sharedEntries + [("shard_index", "\(shard.index)")] }
    }

    /// A store that cannot be used, and what to do.
    public struct StoreError: Error, CustomStringConvertible {
        /// One line naming the file.
        public var description: String
    }

    /// The format of the tables (a part of another format version is refused by name).
    static let formatVersion = "1"

    /// The database file.
    public let path: String
    /// The part's identity as stored.
    public let identity: Identity
    /// The arms, in order.
    public let armNames: [String]
    /// λ values of the acceptability outputs.
    public let willingnessToPay: [Double]
    private let queue: DatabaseQueue

    /// Opens the store at `path` for `identity`, creating it with the part's draws pending.
    /// - Throws: ``StoreError`` when the file holds another PSA (another scenario or file it
    ///   reads, subjects, seed, draws, parameters, tool version or part), or is not a store.
    public init(path: String, identity: Identity, armNames: [String], willingnessToPay: [Double],
                binding: [PSAKeyPathBinding]) throws {
        self.path = path
        self.identity = identity
        self.armNames = armNames
        self.willingnessToPay = willingnessToPay
        do { queue = try DatabaseQueue(path: path) } catch {
            throw StoreError(description: "\(path): cannot open the PSA store: \(error). Use another --out folder, or delete the file.")
        }
        try Self.guarded(path) {
            try queue.write { db in
                try Self.createTables(db)
                let stored = try Self.meta(db)
                if stored.isEmpty {
                    let info = ProcessInfo.processInfo
                    let entries = identity.entries + [
                        ("format_version", Self.formatVersion), ("arms", armNames.joined(separator: "\n")),
                        ("willingness_to_pay", willingnessToPay.map { "\($0)" }.joined(separator: "\n")),
                        ("host", info.hostName), ("started_at", Self.timestamp()),
                    ]
                    for (key, value) in entries {
                        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
                    }
                    for draw in identity.shard.range(of: identity.draws) {
                        try db.execute(sql: "INSERT INTO draws (draw, status) VALUES (?, 'pending')", arguments: [draw])
                    }
                    for (k, entry) in binding.enumerated() {
                        try db.execute(sql: "INSERT INTO binding (k, key_path, bound_in_place, reason, no_effect) VALUES (?, ?, ?, ?, ?)",
                                       arguments: [k, entry.keyPath, entry.boundInPlace, entry.reason, entry.noEffect])
                    }
                    return
                }
                for (key, value) in identity.entries where stored[key] != value {
                    let what = key == "scenario_sha256"
                        ? "the scenario or a file it reads changed since this PSA started"
                        : "it was started with \(key) \(stored[key].map { $0.replacingOccurrences(of: "\n", with: ", ") } ?? "missing"), not \(value.replacingOccurrences(of: "\n", with: ", "))"
                    throw StoreError(description: "\(path): cannot resume this PSA: \(what). "
                        + "Use another --out folder, or delete \(path) to start afresh.")
                }
            }
        }
    }

    /// Opens a finished or unfinished part read-only (for `merge`), checking that it is a PSA
    /// store of this format.
    /// - Throws: ``StoreError`` naming the file when it is missing, truncated, corrupt or not a
    ///   PSA part.
    public init(part path: String) throws {
        self.path = path
        let stored: [String: String]
        do { (queue, stored) = try StorePart.open(path, kind: "PSA", file: "psa.sqlite") } catch {
            throw StoreError(description: "\(error)")
        }
        guard stored["format_version"] == Self.formatVersion else {
            throw StoreError(description: "\(path): not a PSA part of format \(Self.formatVersion) (found \(stored["format_version"] ?? "none")); run its shard again with this version")
        }
        func number<T: LosslessStringConvertible>(_ key: String) throws -> T {
            guard let text = stored[key], let value = T(text) else { throw StoreError(description: "\(path): the part's \(key) is missing or unreadable; run its shard again") }
            return value
        }
        let shard: Shard
        do { shard = try Shard(index: try number("shard_index"), count: try number("shard_count")) } catch let error as ShardError {
            throw StoreError(description: "\(path): \(error.description)")
        }
        identity = Identity(scenarioDigest: stored["scenario_sha256"] ?? "", subjects: try number("subjects"), seed: try number("seed"),
                            draws: try number("draws"), valueNames: Self.lines(stored["parameters"]),
                            toolVersion: stored["tool_version"] ?? "", shard: shard)
        armNames = Self.lines(stored["arms"])
        willingnessToPay = Self.lines(stored["willingness_to_pay"]).compactMap(Double.init)
    }

    /// The part's draws not yet finished, ascending.
    public func pendingDraws() throws -> [Int] {
        try Self.guarded(path) { try queue.read { try Int.fetchAll($0, sql: "SELECT draw FROM draws WHERE status = 'pending' ORDER BY draw") } }
    }

    /// Whether every draw of the part is finished.
    public func isComplete() throws -> Bool { try pendingDraws().isEmpty }

    /// Stores draw `draw`'s values and rows and marks it done, in one transaction.
    public func record(draw: Int, values: [Double], rows: [OutcomeRow]) throws {
        func bits(_ x: Double?) -> Int64? { x.map { Int64(bitPattern: $0.bitPattern) } }
        try Self.guarded(path) {
            try queue.write { db in
                try db.execute(sql: "DELETE FROM draw_values WHERE draw = ?", arguments: [draw])
                try db.execute(sql: "DELETE FROM results WHERE draw = ?", arguments: [draw])
                for (k, value) in values.enumerated() {
                    try db.execute(sql: "INSERT INTO draw_values (draw, k, bits) VALUES (?, ?, ?)", arguments: [draw, k, bits(value)])
                }
                for (index, row) in rows.enumerated() {
                    try db.execute(sql: """
                        INSERT INTO results (draw, row, arm, metric, kind, mean, se, ci_low, ci_high) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [draw, index, row.arm, row.metric, row.kind.rawValue, bits(row.mean), bits(row.se),
                                         bits(row.ciLow), bits(row.ciHigh)])
                }
                try db.execute(sql: "UPDATE draws SET status = 'done' WHERE draw = ?", arguments: [draw])
                if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM draws WHERE status = 'pending'") == 0 {
                    try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('finished_at', ?)", arguments: [Self.timestamp()])
                }
            }
        }
    }

    /// The part's finished draws in order: their numbers, values and rows, and the binding.
    public func draws() throws -> (draws: [Int], values: [[Double]], rows: [[OutcomeRow]], binding: [PSAKeyPathBinding]) {
        func double(_ bits: Int64?) -> Double? { bits.map { Double(bitPattern: UInt64(bitPattern: $0)) } }
        return try Self.guarded(path) {
            try queue.read { db in
                let numbers = try Int.fetchAll(db, sql: "SELECT draw FROM draws WHERE status = 'done' ORDER BY draw")
                var values: [Int: [Double]] = [:], rows: [Int: [OutcomeRow]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT draw, bits FROM draw_values ORDER BY draw, k") {
                    values[row["draw"], default: []].append(double(row["bits"]) ?? .nan)
                }
                for row in try Row.fetchAll(db, sql: "SELECT draw, arm, metric, kind, mean, se, ci_low, ci_high FROM results ORDER BY draw, row") {
                    let low = double(row["ci_low"]), high = double(row["ci_high"])
                    rows[row["draw"], default: []].append(
                        OutcomeRow(arm: row["arm"], metric: row["metric"], kind: OutcomeRow.Kind(rawValue: row["kind"]) ?? .arm,
                                   mean: double(row["mean"]), se: double(row["se"]),
                                   interval: low.flatMap { l in high.map { (low: l, high: $0) } }))
                }
                let binding = try Row.fetchAll(db, sql: "SELECT key_path, bound_in_place, reason, no_effect FROM binding ORDER BY k").map {
                    PSAKeyPathBinding(keyPath: $0["key_path"], boundInPlace: $0["bound_in_place"], reason: $0["reason"], noEffect: $0["no_effect"])
                }
                return (numbers, numbers.map { values[$0] ?? [] }, numbers.map { rows[$0] ?? [] }, binding)
            }
        }
    }

    /// The host, start and finish times recorded in the part (for the merged manifest).
    public func provenance() throws -> (host: String, startedAt: String, finishedAt: String?) {
        let stored = try Self.guarded(path) { try queue.read { try Self.meta($0) } }
        return (stored["host"] ?? "", stored["started_at"] ?? "", stored["finished_at"])
    }

    /// The whole PSA's result, when this store is the whole PSA (part 1/1) and complete.
    public func result() throws -> PSARunResult {
        let stored = try draws()
        return PSARunResult(armNames: armNames, valueNames: identity.valueNames, drawValues: stored.values, rows: stored.rows,
                            binding: stored.binding)
    }

    private static func createTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS draws (draw INTEGER PRIMARY KEY NOT NULL, status TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS draw_values (draw INTEGER NOT NULL, k INTEGER NOT NULL, bits INTEGER, PRIMARY KEY (draw, k));
            CREATE TABLE IF NOT EXISTS results (draw INTEGER NOT NULL, row INTEGER NOT NULL, arm TEXT NOT NULL, metric TEXT NOT NULL,
                kind TEXT NOT NULL, mean INTEGER, se INTEGER, ci_low INTEGER, ci_high INTEGER, PRIMARY KEY (draw, row));
            CREATE TABLE IF NOT EXISTS binding (k INTEGER PRIMARY KEY NOT NULL, key_path TEXT NOT NULL, bound_in_place INTEGER NOT NULL,
                reason TEXT, no_effect TEXT);
            """)
    }

    private static func meta(_ db: Database) throws -> [String: String] {
        var stored: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { stored[row["key"]] = row["value"] }
        return stored
    }

    private static func lines(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.components(separatedBy: "\n")
    }

    private static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// `body`, with an SQLite error turned into a ``StoreError`` naming the file.
    private static func guarded<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as StoreError { throw error } catch {
            throw StoreError(description: "\(path): \(error)")
        }
    }
}
