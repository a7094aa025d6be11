/// How a run is split into work: which subjects, in what blocks, on how many threads, and
/// how many failures it tolerates.
public struct RunConfiguration: Sendable, Equatable {
    /// Number of subjects to simulate (each in every arm).
    public var subjects: Int
    /// Number of the first subject; subjects are `firstSubject ..< firstSubject + subjects`.
    public var firstSubject: UInt64
    /// Subjects per block. Blocks are the unit of parallel work and of merging; the result
    /// depends on the block size only through floating-point summation order, and never on the
    /// thread count. Recorded in the manifest.
    public var blockSize: Int
    /// Worker threads.
    public var threads: Int
    /// The largest tolerated fraction of failed subjects; above it the run throws
    /// ``EngineError/tooManyFailures(failed:subjects:maxFailedFraction:firstFailure:)``.
    public var maxFailedFraction: Double
    /// Record the daily trajectory of the first this-many subjects of the run (`--trajectories`).
    public var trajectorySubjects: Int

    /// A configuration; defaults: first subject 0, blocks of 1000, one thread, at most 0.1 % of
    /// subjects failing, no trajectories.
    public init(
        subjects: Int,
        firstSubject: UInt64 = 0,
        blockSize: Int = 1000,
        threads: Int = 1,
        maxFailedFraction: Double = 0.001,
        trajectorySubjects: Int = 0
    ) {
        self.subjects = subjects
        self.firstSubject = firstSubject
        self.blockSize = blockSize
        self.threads = threads
        self.maxFailedFraction = maxFailedFraction
        self.trajectorySubjects = trajectorySubjects
    }

    /// Number of blocks: ⌈subjects / blockSize⌉.
    var blockCount: Int { subjects == 0 ? 0 : (subjects - 1) / blockSize + 1 }

    /// Every problem with this configuration, each with its fix; empty when usable.
    func validationProblems() -> [String] {
        var problems: [String] = []
        if subjects < 1 { problems.append("subjects: \(subjects). Simulate at least 1 subject.") }
        if blockSize < 1 { problems.append("block size: \(blockSize). Use at least 1 (e.g. 1000).") }
        if threads < 1 { problems.append("threads: \(threads). Use at least 1.") }
        if !(maxFailedFraction >= 0 && maxFailedFraction <= 1) {
            problems.append("max failed fraction: \(maxFailedFraction). Use a fraction in [0, 1], e.g. 0.001.")
        }
        if trajectorySubjects < 0 {
            problems.append("trajectories: \(trajectorySubjects). Use 0 (none) or a positive count.")
        }
        if subjects > 0, UInt64.max - firstSubject < UInt64(subjects) {
            problems.append("first subject \(firstSubject) + \(subjects) subjects overflows the subject numbers.")
        }
        return problems
    }
}
