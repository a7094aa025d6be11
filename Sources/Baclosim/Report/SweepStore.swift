import Foundation
import GRDB

/// The SQLite database of a sweep (`DIR/sweep.sqlite`, through GRDB): the points to run, and
/// each finished point's outcome rows, written in one transaction per point — so a killed sweep
/// leaves only whole points behind, and a restart runs exactly the unfinished ones.
///
/// Tables:
/// - `meta(key, value)`: the sweep's ``Identity`` (scenario digest, subjects, seed, kind,
///   parameters, point count). A store is reopened only for the same identity.
/// - `points(point, status)` with status `pending` or `done`.
/// - `point_values(point, parameter, key, value)`: every parameter's value at every point.
/// - `results(point, row, arm, metric, kind, mean, se, ci_low, ci_high)`: the run's summary and
///   difference rows in report order; NULL where a value is missing. Doubles are stored as
///   IEEE doubles, so exports are byte-identical however the sweep was interrupted.
public final class SweepStore {
    /// What a store's results depend on; reopening with a different identity is refused.
    public struct Identity: Sendable, Equatable {
        /// ``ScenarioTemplate/digest``: the scenario file and every file it reads.
        public var scenarioDigest: String
        /// Subjects per point.
        public var subjects: Int
        /// The seed of every point's run.
        public var seed: UInt64
        /// `grid` or `one_way`.
        public var kind: String
        /// The parameters' key paths.
        public var parameters: [String]
        /// Number of points of the whole sweep.
        public var pointCount: Int
        /// The part of the sweep this store holds (``Shard``: its contiguous points).
        public var shard: Shard

        /// Creates an identity.
        public init(scenarioDigest: String, subjects: Int, seed: UInt64, kind: String, parameters: [String], pointCount: Int,
                    shard: Shard = .whole) {
            self.scenarioDigest = scenarioDigest
            self.subjects = subjects
            self.seed = seed
            self.kind = kind
            self.parameters = parameters
            self.pointCount = pointCount
            self.shard = shard
        }

        /// The entries every part of one sweep shares.
        var sharedEntries: [(String, String)] {
            [("scenario_sha256", scenarioDigest), ("subjects", "\(subjects)"), ("seed", "\(seed)"), ("kind", kind),
             ("parameters", parameters.joined(separator: "\n")), ("points", "\(pointCount)"), ("shard_count", "\(shard.count)")]
        }

        /// The identity as meta-table entries.
        var entries: [(String, String)] { sharedEntries + [("shard_index", "\(shard.index)")] }
    }

    /// A store that cannot be used.
    public struct StoreError: Error, CustomStringConvertible {
        /// What is wrong and what to do, one line.
        public var description: String
    }

    /// The database file.
    public let path: String
    /// The store's identity (as given, or as stored for a part opened by ``init(part:)``).
    public let identity: Identity
    private let queue: DatabaseQueue

    /// Opens a part of a sharded sweep read-only (for `merge`).
    /// - Throws: ``StoreError`` naming the file when it is missing, corrupt, truncated or not a
    ///   sweep store.
    public init(part path: String) throws {
        self.path = path
        let stored: [String: String]
        do { (queue, stored) = try StorePart.open(path, kind: "sweep", file: "sweep.sqlite") } catch {
            throw StoreError(description: "\(error)")
        }
        guard let subjects = stored["subjects"].flatMap(Int.init), let seed = stored["seed"].flatMap(UInt64.init),
              let points = stored["points"].flatMap(Int.init), let digest = stored["scenario_sha256"], let kind = stored["kind"],
              let shard = try? Shard(index: Int(stored["shard_index"] ?? "1") ?? 0, count: Int(stored["shard_count"] ?? "1") ?? 0) else {
            throw StoreError(description: "\(path): not a sweep part (its meta table is incomplete); give the sweep.sqlite a `sweep --shard` run wrote")
        }
        identity = Identity(scenarioDigest: digest, subjects: subjects, seed: seed, kind: kind,
                            parameters: (stored["parameters"] ?? "").components(separatedBy: "\n"), pointCount: points, shard: shard)
    }

    /// A meta-table value (`scenario_path`, `host`, `started_at`), or nil.
    public func meta(_ key: String) throws -> String? {
        try queue.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    /// Every point of the store (the part's), finished or not, ascending.
    public func storedPoints() throws -> [Int] {
        try queue.read { try Int.fetchAll($0, sql: "SELECT point FROM points ORDER BY point") }
    }

    /// The parameter values of every stored point, by point.
    public func pointValues() throws -> [Int: [Double]] {
        try queue.read { db in
            var byPoint: [Int: [Double]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT point, value FROM point_values ORDER BY point, parameter") {
                byPoint[row["point"], default: []].append(row["value"])
            }
            return byPoint
        }
    }

    /// Opens the store at `path`, creating it (with every point pending) when missing.
    /// - Throws: ``StoreError`` when an existing store was made for another identity (the
    ///   scenario or its files changed, or other subjects, seed or parameters), or an SQLite error.
    public init(path: String, identity: Identity, points: [SweepPoint], scenarioPath: String = "") throws {
        self.path = path
        self.identity = identity
        queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS points (point INTEGER PRIMARY KEY NOT NULL, status TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS point_values (point INTEGER NOT NULL, parameter INTEGER NOT NULL,
                    key TEXT NOT NULL, value REAL NOT NULL, PRIMARY KEY (point, parameter));
                CREATE TABLE IF NOT EXISTS results (point INTEGER NOT NULL, row INTEGER NOT NULL, arm TEXT NOT NULL,
                    metric TEXT NOT NULL, kind TEXT NOT NULL, mean REAL, se REAL, ci_low REAL, ci_high REAL,
                    PRIMARY KEY (point, row));
                """)
            var stored: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") {
                stored[row["key"]] = row["value"]
            }
            if stored.isEmpty {
                let info = ProcessInfo.processInfo
                for (key, value) in identity.entries + [("scenario_path", scenarioPath), ("host", info.hostName),
                                                        ("started_at", ISO8601DateFormatter().string(from: Date()))] {
                    try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
                }
                let range = identity.shard.range(of: identity.pointCount)
                for point in points where range.contains(point.index) {
                    try db.execute(sql: "INSERT INTO points (point, status) VALUES (?, 'pending')", arguments: [point.index])
                    for (p, value) in point.values.enumerated() {
                        try db.execute(sql: "INSERT INTO point_values (point, parameter, key, value) VALUES (?, ?, ?, ?)",
                                       arguments: [point.index, p, identity.parameters[p], value])
                    }
                }
                return
            }
            // A store from before shards is the whole sweep.
            for (key, value) in identity.entries where (stored[key] ?? (key.hasPrefix("shard_") ? "1" : nil)) != value {
                let what = key == "scenario_sha256"
                    ? "the scenario or a file it reads changed since this sweep started"
                    : "it was started with \(key) \(stored[key].map { $0.replacingOccurrences(of: "\n", with: ", ") } ?? "missing"), not \(value.replacingOccurrences(of: "\n", with: ", "))"
                throw StoreError(description: "\(path): cannot resume this sweep: \(what). "
                    + "Use another --out folder, or delete \(path) to start the sweep afresh.")
            }
        }
    }

    /// Indices of the points already finished.
    public func finishedPoints() throws -> Set<Int> {
        try queue.read { db in
            Set(try Int.fetchAll(db, sql: "SELECT point FROM points WHERE status = 'done'"))
        }
    }

    /// Stores `rows` as point `point`'s results and marks it done, in one transaction.
    public func record(point: Int, rows: [OutcomeRow]) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM results WHERE point = ?", arguments: [point])
            for (index, row) in rows.enumerated() {
                let ciLow = row.ciLow, ciHigh = row.ciHigh
                try db.execute(sql: """
                    INSERT INTO results (point, row, arm, metric, kind, mean, se, ci_low, ci_high)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [point, index, row.arm, row.metric, row.kind.rawValue, row.mean, row.se, ciLow, ciHigh])
            }
            try db.execute(sql: "UPDATE points SET status = 'done' WHERE point = ?", arguments: [point])
        }
    }

    /// Every stored result row by point, points ascending, rows in report order.
    public func results() throws -> [Int: [OutcomeRow]] {
        try queue.read { db in
            var byPoint: [Int: [OutcomeRow]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT point, arm, metric, kind, mean, se, ci_low, ci_high FROM results ORDER BY point, row") {
                let kind = OutcomeRow.Kind(rawValue: row["kind"]) ?? .arm
                let low: Double? = row["ci_low"], high: Double? = row["ci_high"]
                byPoint[row["point"], default: []].append(
                    OutcomeRow(arm: row["arm"], metric: row["metric"], kind: kind, mean: row["mean"], se: row["se"],
                               interval: low.flatMap { l in high.map { (low: l, high: $0) } }))
            }
            return byPoint
        }
    }

    /// `sweep.csv`: `point,<parameter key paths…>,arm,metric,mean,se`, finished points ascending,
    /// rows in report order; each parameter's value at the point (base values where a one-way
    /// point does not vary it).
    public func tidyCSV(parameters: [String]) throws -> String {
        let values: [Int: [Double]] = try queue.read { db in
            var byPoint: [Int: [Double]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT point, value FROM point_values ORDER BY point, parameter") {
                byPoint[row["point"], default: []].append(row["value"])
            }
            return byPoint
        }
        var text = (["point"] + parameters + ["arm", "metric", "mean", "se"]).map(CSVField.escaped).joined(separator: ",") + "\n"
        for (point, rows) in try results().sorted(by: { $0.key < $1.key }) {
            let prefix = (["\(point)"] + (values[point] ?? []).map { CSVNumber.format($0) }).joined(separator: ",")
            for row in rows {
                let mean = row.kind == .count ? row.mean.map { "\(Int($0))" } ?? "" : CSVNumber.format(row.mean)
                text += [prefix, CSVField.escaped(row.arm), CSVField.escaped(row.metric), mean,
                         CSVNumber.format(row.se)].joined(separator: ",") + "\n"
            }
        }
        return text
    }
}
