import Foundation

/// The K-th of N parts of a piece of work with a fixed order (PSA draws): part K takes the
/// contiguous items ⌊(K − 1)·M / N⌋ ..< ⌊K·M / N⌋ of M, so the parts cover every item exactly
/// once, in order, whatever N (N ≤ M leaves no part empty).
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// The part, 1 … ``count``.
    public let index: Int
    /// The number of parts N (≥ 1).
    public let count: Int

    /// The whole work as one part.
    public static let whole = Shard(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Part `index` of `count`.
    /// - Throws: ``ShardError`` unless 1 ≤ index ≤ count.
    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1 else { throw ShardError(description: "the number of parts must be ≥ 1 (found \(count))") }
        guard (1...count).contains(index) else { throw ShardError(description: "part \(index) is not one of 1…\(count)") }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`, or `auto/N` with K from the scheduler's index variable: `SLURM_ARRAY_TASK_ID`
    /// (a Slurm job array numbered 1…N, as `scripts/cluster` submits it) or `JOB_COMPLETION_INDEX`
    /// (a Kubernetes Indexed Job, numbered from 0).
    /// - Throws: ``ShardError`` naming what is wrong and the form expected.
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let n = Int(parts[1]) else {
            throw ShardError(description: "'\(text)' is not a part: write K/N (e.g. --shard 3/8) or auto/N")
        }
        if parts[0] == "auto" {
            if let slurm = environment["SLURM_ARRAY_TASK_ID"], let k = Int(slurm) {
                try self.init(index: k, count: n)
            } else if let kubernetes = environment["JOB_COMPLETION_INDEX"], let k = Int(kubernetes) {
                try self.init(index: k + 1, count: n)
            } else {
                throw ShardError(description: "--shard auto/\(n) reads SLURM_ARRAY_TASK_ID (1…N) or JOB_COMPLETION_INDEX (0…N−1), and neither is set: give the part, e.g. --shard 1/\(n)")
            }
            return
        }
        guard let k = Int(parts[0]) else { throw ShardError(description: "'\(text)' is not a part: write K/N (e.g. --shard 3/8) or auto/N") }
        try self.init(index: k, count: n)
    }

    /// The items of this part among `total`.
    public func range(of total: Int) -> Range<Int> {
        ((index - 1) * total / count)..<(index * total / count)
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }
}

/// A part that is not one (what is wrong, and the form expected).
public struct ShardError: Error, CustomStringConvertible {
    /// One line.
    public let description: String
}

extension Shard {
    /// Parts of one piece of work in `count` parts, by part number: each part once, none
    /// missing. Returns the parts by number and a problem line for every duplicate (naming both
    /// files) and every missing part (`missing(K)` says what it covers and how to make it).
    static func index<Part>(_ parts: [Part], count: Int, shard: (Part) -> Shard, path: (Part) -> String,
                            missing: (Int) -> String) -> (byIndex: [Int: Part], problems: [String]) {
        var byIndex: [Int: Part] = [:]
        var problems: [String] = []
        for part in parts {
            let k = shard(part).index
            if let other = byIndex[k] {
                problems.append("\(path(part)) and \(path(other)) are both part \(k)/\(count); give each part once")
            } else {
                byIndex[k] = part
            }
        }
        for k in 1...max(1, count) where byIndex[k] == nil { problems.append(missing(k)) }
        return (byIndex, problems)
    }
}
