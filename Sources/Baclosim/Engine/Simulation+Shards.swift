import Foundation

extension Simulation {
    /// Part `shard` of the run ``run(subjects:seed:threads:trajectories:gitCommit:sharesArmPrefixes:progress:)``
    /// makes with the same arguments: its share of the blocks of subjects (contiguous, ``Shard``),
    /// each block's accumulated outcomes kept apart for ``mergeParts(_:gitCommit:)``.
    ///
    /// - Parameter scenarioDigest: ``ScenarioTemplate/portableDigest`` of the scenario file (the merge
    ///   reads the file again and refuses one that changed).
    /// - Throws: ``EngineError/invalidConfiguration(_:)`` when there are fewer blocks than parts.
    public func runPart(_ shard: Shard, scenarioDigest: String, subjects: Int? = nil, seed: UInt64? = nil, threads: Int = 1,
                        trajectories: Int = 0, sharesArmPrefixes: Bool = true,
                        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> CohortPart {
        GSL.configure()
        let startedAt = CohortPart.timestamp()
        let frozen = try model(seed: seed)
        let settings = frozen.scenario.run
        let whole = RunConfiguration(subjects: subjects ?? settings.subjects, blockSize: settings.blockSize, threads: max(1, threads),
                                     maxFailedFraction: settings.maxFailedFraction, trajectorySubjects: trajectories)
        guard shard.count <= whole.blockCount else {
            throw EngineError.invalidConfiguration(["--shard \(shard): \(shard.count) parts of \(whole.blockCount) blocks of \(whole.blockSize) subjects would leave some parts empty; use at most \(whole.blockCount) parts (or a smaller run.block_size)"])
        }
        let blocks = shard.range(of: whole.blockCount)
        let first = blocks.lowerBound * whole.blockSize, end = min(blocks.upperBound * whole.blockSize, whole.subjects)
        let configuration = RunConfiguration(subjects: end - first, firstSubject: UInt64(first), blockSize: whole.blockSize,
                                             threads: whole.threads, maxFailedFraction: whole.maxFailedFraction,
                                             trajectorySubjects: max(0, trajectories - first))
        let kept = KeptUnits(first: blocks.lowerBound)
        let start = Date()
        _ = try Runner.run(configuration, layout: frozen.layout,
                           makeSimulator: { CohortSimulator(model: frozen, sharesArmPrefixes: sharesArmPrefixes) },
                           progress: progress, beforeMerge: kept.keep, checksFailures: false)
        var header = CohortPart.header(kind: "run", scenario: scenario, digest: scenarioDigest, seed: settings.seed, shard: shard,
                                       units: whole.blockCount, threads: whole.threads, startedAt: startedAt,
                                       wallTimeS: Date().timeIntervalSince(start))
        header.subjects = whole.subjects
        header.blockSize = whole.blockSize
        header.trajectorySubjects = trajectories
        return CohortPart(header: header, units: kept.units)
    }

    /// The report the single run of `parts` (every part of one run, in part order:
    /// ``CohortPart/readAll(paths:fileName:command:)``) writes, byte for byte but for the
    /// manifest, whose `shards` lists the parts and whose wall time is their sum.
    /// - Throws: what decoding a unit throws (``CohortPart/ReadError``), or
    ///   ``EngineError/tooManyFailures(failed:subjects:maxFailedFraction:firstFailure:)`` as the
    ///   single run would.
    public func mergeParts(_ parts: [CohortPart], gitCommit: String?) throws -> RunReport {
        let header = parts[0].header
        let frozen = try model(seed: header.seed)
        let settings = frozen.scenario.run
        let threads = parts.map(\.header.threads).max() ?? 1
        let configuration = RunConfiguration(subjects: header.subjects ?? 0, blockSize: header.blockSize ?? settings.blockSize,
                                             threads: threads, maxFailedFraction: settings.maxFailedFraction,
                                             trajectorySubjects: header.trajectorySubjects ?? 0)
        var total = OutcomeAccumulator(layout: frozen.layout)
        for part in parts {
            for k in part.units.indices { total.merge(try part.outcomes(unit: k, layout: frozen.layout)) }
        }
        let result = try RunResult(layout: frozen.layout, configuration: configuration, outcomes: total, maxPendingBlocks: 0)
            .checkedForFailures()
        var report = report(result, model: frozen, wallTimeS: parts.reduce(0) { $0 + $1.header.wallTimeS }, gitCommit: gitCommit,
                            sharesArmPrefixes: true)
        report.manifest.shards = parts.map(\.record)
        return report
    }

    /// Merges the parts of a sharded run at `paths` (`run --shard K/N` folders or their
    /// `run.part`, any order) into the single run's report.
    /// - Throws: ``PSAPartMerge/MergeError`` naming every part that is missing, duplicated,
    ///   foreign, corrupt or truncated, or a scenario that changed since the parts ran.
    /// - Parameter scenarioPath: the scenario file, where it is not at the path the parts record
    ///   (another machine); it must hold the same bytes.
    public static func mergeParts(paths: [String], scenarioPath: String? = nil, gitCommit: String? = nil) throws -> RunReport {
        let parts = try CohortPart.readAll(paths: paths, fileName: "run.part", command: "baclosim run …")
        let simulation = try Simulation(scenario: try parts[0].loadScenario(at: scenarioPath))
        do {
            return try simulation.mergeParts(parts, gitCommit: gitCommit)
        } catch let error as CohortPart.ReadError {
            throw PSAPartMerge.MergeError(problems: [error.description])
        }
    }
}

/// Each merged unit's accumulator as bytes, in unit order (written from the merger's lock).
final class KeptUnits: @unchecked Sendable {
    private let first: Int
    private(set) var units: [(index: Int, bytes: [UInt8])] = []

    init(first: Int) { self.first = first }

    /// Keeps block `block` (counted from this part's first) of `accumulator`.
    func keep(_ block: Int, _ accumulator: OutcomeAccumulator) {
        var encoder = PartEncoder()
        accumulator.encode(into: &encoder)
        units.append((first + block, encoder.bytes))
    }
}
