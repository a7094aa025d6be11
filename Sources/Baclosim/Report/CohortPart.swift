import Foundation

/// One shard of a cohort run or of simulated trials (`baclosim run|trial … --shard K/N`): the
/// accumulated state of each of its work units (a run's blocks of subjects, a trial's
/// replicates), kept apart so that `baclosim merge` folds every unit of every part in unit order,
/// exactly as one process merges them, and writes the same bytes.
///
/// File (`run.part`, `trial.part`): the line `BACLOSIM PART 1`, the header's length (8 bytes,
/// little-endian) and the ``Header`` as JSON, the number of units, then per unit its index, its
/// length and its ``OutcomeAccumulator`` bytes (``PartEncoder``), and last the SHA-256 of all
/// that (32 bytes). A part is written atomically (in its output folder); a truncated, altered or
/// foreign part is refused by name.
public struct CohortPart: Sendable {
    /// The first line of every part file; the digit is the format version.
    static let magic = Array("BACLOSIM PART 1\n".utf8)

    /// What a part's results depend on, and where and when it ran.
    public struct Header: Sendable, Equatable, Codable {
        /// `run` or `trial`.
        public var kind: String
        /// The scenario file as given, and the SHA-256 of it and every file it reads.
        public var scenarioPath: String
        public var scenarioSHA256: String
        public var seed: UInt64
        /// A run: its subjects, block size and trajectory sample.
        public var subjects: Int?
        public var blockSize: Int?
        public var trajectorySubjects: Int?
        /// A trial: subjects per arm of each size, replicates per size, significance level.
        public var sizes: [Int]?
        public var replicates: Int?
        public var alpha: Double?
        public var toolVersion: String
        /// This part (`K/N`), and its units `firstUnit ..< endUnit` of `unitCount`.
        public var shardIndex: Int
        public var shardCount: Int
        public var firstUnit: Int
        public var endUnit: Int
        public var unitCount: Int
        /// Where and when it ran.
        public var host: String
        public var startedAt: String
        public var finishedAt: String
        public var wallTimeS: Double
        public var threads: Int

        enum CodingKeys: String, CodingKey {
            case kind, seed, subjects, sizes, replicates, alpha, host, threads
            case scenarioPath = "scenario_path", scenarioSHA256 = "scenario_sha256", blockSize = "block_size"
            case trajectorySubjects = "trajectory_subjects", toolVersion = "tool_version", shardIndex = "shard_index"
            case shardCount = "shard_count", firstUnit = "first_unit", endUnit = "end_unit", unitCount = "unit_count"
            case startedAt = "started_at", finishedAt = "finished_at", wallTimeS = "wall_time_s"
        }

        /// The fields every part of one job shares, by name (all but the part's own place,
        /// host and times; the scenario's path may differ between machines).
        var sharedFields: [(String, String)] {
            [("kind", kind), ("scenario_sha256", scenarioSHA256), ("seed", "\(seed)"),
             ("subjects", subjects.map { "\($0)" } ?? ""), ("block_size", blockSize.map { "\($0)" } ?? ""),
             ("trajectory_subjects", trajectorySubjects.map { "\($0)" } ?? ""),
             ("sizes", sizes.map { $0.map(String.init).joined(separator: ",") } ?? ""),
             ("replicates", replicates.map { "\($0)" } ?? ""), ("alpha", alpha.map { "\($0.bitPattern)" } ?? ""),
             ("tool_version", toolVersion), ("shard_count", "\(shardCount)"), ("unit_count", "\(unitCount)")]
        }

        /// `K/N`.
        public var shard: String { "\(shardIndex)/\(shardCount)" }
    }

    /// One part as merged, for the merged outputs' manifest.
    public struct Record: Sendable, Equatable, Codable {
        public var path: String
        public var shard: String
        public var firstUnit: Int
        public var endUnit: Int
        public var host: String
        public var startedAt: String
        public var finishedAt: String
        public var wallTimeS: Double
        public var threads: Int

        enum CodingKeys: String, CodingKey {
            case path, shard, host, threads
            case firstUnit = "first_unit", endUnit = "end_unit", startedAt = "started_at", finishedAt = "finished_at"
            case wallTimeS = "wall_time_s"
        }
    }

    /// This part as merged.
    public var record: Record {
        Record(path: path, shard: header.shard, firstUnit: header.firstUnit, endUnit: header.endUnit, host: header.host,
               startedAt: header.startedAt, finishedAt: header.finishedAt, wallTimeS: header.wallTimeS, threads: header.threads)
    }

    /// A part that cannot be read or used, one line naming its file and what to do.
    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    public var header: Header
    /// Per unit in order: its index and its accumulator's bytes.
    var units: [(index: Int, bytes: [UInt8])]

    /// The file's bytes.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = Array(try encoder.encode(header))
        var bytes = Self.magic
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: UInt64(json.count) >> UInt64(shift))) }
        bytes += json
        var body = PartEncoder()
        body.count(units.count)
        bytes += body.bytes
        for unit in units {
            var prefix = PartEncoder()
            prefix.count(unit.index)
            prefix.count(unit.bytes.count)
            bytes += prefix.bytes
            bytes += unit.bytes
        }
        bytes += Self.digestBytes(bytes)
        return bytes
    }

    private static func digestBytes(_ bytes: [UInt8]) -> [UInt8] {
        SHA256.digest(of: bytes).flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * $0)) } }
    }

    /// Writes the part as `fileName` into the folder at `folder`, atomically (``OutputFolder``).
    public func write(to folder: String, fileName: String) throws {
        let bytes = try encoded()
        try OutputFolder.write(to: folder, marker: fileName) { writer in
            try writer.write(bytes: bytes, to: fileName)
        }
    }

    /// The part in the file at `path` (or `fileName` inside the folder `path`), its checksum,
    /// header and unit list checked; the units' contents are checked when decoded.
    public init(reading path: String, fileName: String) throws(ReadError) {
        var isFolder: ObjCBool = false
        let file = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue ? path + "/" + fileName : path
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ReadError(description: "\(file): no such part (give each part's \(fileName) or its folder)")
        }
        try self.init(bytes: [UInt8](data), name: file)
    }

    /// The part in `bytes` (a part file's contents, or one sent by an MPI rank), called `name`
    /// in messages; checked as ``init(reading:fileName:)`` checks a file.
    public init(bytes: [UInt8], name file: String) throws(ReadError) {
        func corrupt(_ why: String) -> ReadError {
            ReadError(description: "\(file): not a readable part (\(why)); run its shard again")
        }
        guard bytes.count >= Self.magic.count + 8 + 32, Array(bytes.prefix(Self.magic.count)) == Self.magic else {
            if bytes.starts(with: Array("BACLOSIM PART ".utf8)) {
                throw ReadError(description: "\(file): a part of another format version than this baclosim (\(Baclosim.version)) reads; merge it with the version that wrote it")
            }
            throw corrupt(bytes.count < Self.magic.count + 40 ? "truncated" : "not a baclosim part file")
        }
        let content = Array(bytes.dropLast(32))
        guard Array(bytes.suffix(32)) == Self.digestBytes(content) else { throw corrupt("its checksum does not match: truncated or altered") }
        var position = Self.magic.count
        var length = 0
        for i in 0..<8 { length |= Int(bytes[position + i]) << (8 * i) }
        position += 8
        guard length >= 0, length <= content.count - position else { throw corrupt("its header is cut short") }
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(content[position..<(position + length)]))
        } catch {
            throw corrupt("its header is not readable: \(error)")
        }
        var decoder = PartDecoder(content, from: position + length)
        do throws(PartDecodingError) {
            let count = try decoder.count()
            guard count == header.endUnit - header.firstUnit else {
                throw PartDecodingError("\(count) units where its header says \(header.endUnit - header.firstUnit)")
            }
            var units: [(index: Int, bytes: [UInt8])] = []
            for k in 0..<count {
                let index = try decoder.count(), size = try decoder.count()
                guard index == header.firstUnit + k else { throw PartDecodingError("unit \(index) where unit \(header.firstUnit + k) belongs") }
                guard size <= content.count - decoder.position else { throw PartDecodingError("unit \(index) is cut short") }
                units.append((index, Array(content[decoder.position..<(decoder.position + size)])))
                decoder = PartDecoder(content, from: decoder.position + size)
            }
            guard decoder.isAtEnd else { throw PartDecodingError("bytes after its last unit") }
            self.units = units
        } catch {
            throw corrupt(error.description)
        }
        self.path = file
    }

    /// Where the part was read from (empty for one made in this process).
    public private(set) var path = ""

    init(header: Header, units: [(index: Int, bytes: [UInt8])]) {
        self.header = header
        self.units = units
    }

    /// The accumulator of unit `k` of this part (its `units[k]`) for `layout`.
    func outcomes(unit k: Int, layout: OutcomeLayout) throws(ReadError) -> OutcomeAccumulator {
        var decoder = PartDecoder(units[k].bytes)
        do throws(PartDecodingError) {
            let outcomes = try OutcomeAccumulator(layout: layout, decoding: &decoder)
            guard decoder.isAtEnd else { throw PartDecodingError("bytes after unit \(units[k].index)'s outcomes") }
            return outcomes
        } catch {
            throw ReadError(description: "\(path): unit \(units[k].index) does not fit the scenario's outputs (\(error.description)); was the part made by another version? Run its shard again")
        }
    }

    /// The current time for a part's header (UTC, ISO 8601).
    static func timestamp() -> String { ISO8601DateFormatter().string(from: Date()) }
}

extension CohortPart {
    /// Reads the parts of one sharded job at `paths` (files or their folders, any order) and
    /// returns them in part order: every part of one job (same kind, scenario and files it reads,
    /// seed, sizes, tool version and N), each exactly once, each holding its units.
    /// - Parameters:
    ///   - fileName: `run.part` or `trial.part`; `command`: the shard's command, for messages.
    /// - Throws: ``PSAPartMerge/MergeError`` naming every missing, duplicate, foreign, corrupt
    ///   or truncated part.
    static func readAll(paths: [String], fileName: String, command: String) throws(PSAPartMerge.MergeError) -> [CohortPart] {
        var problems: [String] = []
        var parts: [CohortPart] = []
        for path in paths {
            do { parts.append(try CohortPart(reading: path, fileName: fileName)) } catch { problems.append(error.description) }
        }
        guard let first = parts.first else {
            throw PSAPartMerge.MergeError(problems: problems.isEmpty ? ["no parts given: list every part's \(fileName) or folder"] : problems)
        }
        let reference = Dictionary(uniqueKeysWithValues: first.header.sharedFields)
        var members: [CohortPart] = [first]
        for part in parts.dropFirst() {
            let differing = part.header.sharedFields.filter { reference[$0.0] != $0.1 }.map(\.0)
            if differing.isEmpty {
                members.append(part)
            } else {
                problems.append("\(part.path): a part of another \(first.header.kind) than \(first.path) (\(differing.joined(separator: ", ")) differ\(differing.count == 1 ? "s" : "")); merge the parts of one \(first.header.kind) only")
            }
        }
        let n = first.header.shardCount, units = first.header.unitCount
        let (byIndex, coverage) = Shard.index(members, count: n, shard: { (try? Shard(index: $0.header.shardIndex, count: n)) ?? .whole },
                                              path: \.path) { k in
            let range = (try? Shard(index: k, count: n))?.range(of: units) ?? 0..<0
            return "part \(k)/\(n) is missing (units \(range.lowerBound)…\(range.upperBound - 1)); run `\(command) --shard \(k)/\(n)` and add its \(fileName)"
        }
        problems += coverage
        var ordered: [CohortPart] = []
        for k in 1...max(1, n) {
            guard let part = byIndex[k] else { continue }
            let expected = (try? Shard(index: k, count: n))?.range(of: units) ?? 0..<0
            guard part.header.firstUnit == expected.lowerBound && part.header.endUnit == expected.upperBound else {
                problems.append("\(part.path): part \(k)/\(n) holds units \(part.header.firstUnit)..<\(part.header.endUnit) where \(expected.lowerBound)..<\(expected.upperBound) belong; run its shard again")
                continue
            }
            ordered.append(part)
        }
        guard problems.isEmpty else { throw PSAPartMerge.MergeError(problems: problems) }
        return ordered
    }

    /// A header for part `shard` of a job over `units` work units, now.
    static func header(kind: String, scenario: Scenario, digest: String, seed: UInt64, shard: Shard, units: Int,
                       threads: Int, startedAt: String, wallTimeS: Double) -> Header {
        let range = shard.range(of: units)
        return Header(kind: kind, scenarioPath: URL(fileURLWithPath: scenario.path).standardizedFileURL.path, scenarioSHA256: digest,
                      seed: seed, toolVersion: Baclosim.version, shardIndex: shard.index, shardCount: shard.count,
                      firstUnit: range.lowerBound, endUnit: range.upperBound, unitCount: units, host: ProcessInfo.processInfo.hostName,
                      startedAt: startedAt, finishedAt: timestamp(), wallTimeS: wallTimeS, threads: threads)
    }

    /// The scenario the parts ran, read again from its recorded path (or `path`): it must be the
    /// same bytes (and included files) the parts read.
    func loadScenario(at path: String? = nil) throws -> Scenario {
        let file = path ?? header.scenarioPath
        let template: ScenarioTemplate
        let scenario: Scenario
        do {
            // One read: the decode also records the files whose bytes the digest covers.
            template = try ScenarioTemplate(path: file)
            scenario = try template.scenario()
        } catch {
            throw PSAPartMerge.MergeError(problems: ["\(file): the scenario the parts ran cannot be read here (\(error)); merge where that file is, or give its copy with --scenario"])
        }
        guard template.portableDigest == header.scenarioSHA256 else {
            throw PSAPartMerge.MergeError(problems: ["\(file): the scenario (or a file it includes) changed since the parts ran (SHA-256 \(template.portableDigest.prefix(12))… here, \(header.scenarioSHA256.prefix(12))… in \(self.path)); restore it, or run the shards again"])
        }
        return scenario
    }
}
