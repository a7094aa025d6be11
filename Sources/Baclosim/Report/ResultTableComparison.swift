import Foundation

/// Two result tables (`arm,metric,mean,se,…`, as `summary.csv` and `differences.csv` write
/// them) compared row by row, as the RM-1 reference check does (docs/rm1.md "Validation"):
/// for every (arm, metric) present in both, the means agree when
///
///     z = |a − b| / √(se_a² + se_b²) ≤ zLimit          (both standard errors given, not both 0)
///     |a − b| ≤ relativeLimit · max(|a|, |b|)           (otherwise)
///
/// Both tables are Monte Carlo estimates of the same population quantities, so z is
/// approximately standard normal when they agree; 4 is a limit that 85 rows pass by chance with
/// probability ≈ 0.995, while a wrong model moves some rows by tens of standard errors.
public struct ResultTableComparison: Sendable {
    /// One compared row.
    public struct Row: Sendable {
        public let arm: String
        public let metric: String
        public let a: Double
        public let b: Double
        /// z, or nil when the relative test applied.
        public let z: Double?
        /// |a − b| / max(|a|, |b|) (0 when both are 0), for rows without a usable standard error.
        public let relativeDifference: Double
        public let withinLimit: Bool
    }

    /// A table that cannot be read.
    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    public let rows: [Row]
    /// (arm, metric) keys present in only one table, by table.
    public let onlyInA: [String]
    public let onlyInB: [String]

    /// At least one row was compared and every compared row is within its limit.
    public var agrees: Bool { !rows.isEmpty && rows.allSatisfy(\.withinLimit) }
    public var beyondLimit: Int { rows.filter { !$0.withinLimit }.count }

    /// Compares the CSV texts `a` and `b` (`a` and `b` name them in errors).
    public init(a: String, named nameA: String, b: String, named nameB: String,
                zLimit: Double = 4, relativeLimit: Double = 0.02) throws {
        let tableA = try Self.read(a, name: nameA), tableB = try Self.read(b, name: nameB)
        var rows: [Row] = []
        for (key, x) in tableA.rows {
            guard let y = tableB.index[key].map({ tableB.rows[$0].1 }) else { continue }
            let combined = (x.se != nil && y.se != nil) ? (x.se! * x.se! + y.se! * y.se!).squareRoot() : 0
            let scale = max(abs(x.mean), abs(y.mean))
            let relative = scale > 0 ? abs(x.mean - y.mean) / scale : 0
            let z = combined > 0 ? abs(x.mean - y.mean) / combined : nil
            // NaN never passes (`!(z <= limit)`).
            let within = z.map { $0 <= zLimit } ?? (relative <= relativeLimit)
            rows.append(Row(arm: key.arm, metric: key.metric, a: x.mean, b: y.mean, z: z,
                            relativeDifference: relative, withinLimit: within))
        }
        self.rows = rows
        onlyInA = tableA.rows.map(\.0).filter { tableB.index[$0] == nil }.map { "\($0.arm),\($0.metric)" }
        onlyInB = tableB.rows.map(\.0).filter { tableA.index[$0] == nil }.map { "\($0.arm),\($0.metric)" }
    }

    /// One line per row (`ok` or `BEYOND`, the key, both means, the test) and a closing count.
    public var report: String {
        var text = ""
        for row in rows {
            let test = row.z.map { String(format: "z %.2f", $0) } ?? String(format: "rel %.2f%%", 100 * row.relativeDifference)
            text += "\(row.withinLimit ? "ok    " : "BEYOND") \(row.arm.padding(toLength: 34, withPad: " ", startingAt: 0)) "
                + "\(row.metric.padding(toLength: 26, withPad: " ", startingAt: 0)) "
                + String(format: "%14.6g %14.6g", row.a, row.b) + "  \(test)\n"
        }
        if !onlyInA.isEmpty { text += "only in the first table: \(onlyInA.joined(separator: ", "))\n" }
        if !onlyInB.isEmpty { text += "only in the second table: \(onlyInB.joined(separator: ", "))\n" }
        return text + "\(rows.count) compared, \(beyondLimit) beyond limit\n"
    }

    private struct Key: Hashable { let arm: String; let metric: String }
    private struct Estimate { let mean: Double; let se: Double? }

    /// Rows in file order, and an index by key.
    private static func read(_ text: String, name: String) throws -> (rows: [(Key, Estimate)], index: [Key: Int]) {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw ReadError(description: "\(name): empty table") }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let missing = ["arm", "metric", "mean", "se"].filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw ReadError(description: "\(name): missing column(s) \(missing.joined(separator: ", ")); give a table as baclosim run writes summary.csv")
        }
        let column = { (label: String) in header.firstIndex(of: label)! }
        let (arm, metric, mean, se) = (column("arm"), column("metric"), column("mean"), column("se"))
        var rows: [(Key, Estimate)] = []
        var index: [Key: Int] = [:]
        for (offset, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count, let value = Double(fields[mean].trimmingCharacters(in: .whitespaces)) else {
                throw ReadError(description: "\(name):\(offset + 2): expected \(header.count) fields with a numeric mean")
            }
            let key = Key(arm: fields[arm], metric: fields[metric])
            guard index[key] == nil else { throw ReadError(description: "\(name):\(offset + 2): duplicate row \(key.arm),\(key.metric)") }
            let seText = fields[se].trimmingCharacters(in: .whitespaces)
            index[key] = rows.count
            rows.append((key, Estimate(mean: value, se: seText.isEmpty ? nil : Double(seText))))
        }
        return (rows, index)
    }
}
