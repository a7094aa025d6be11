/// Where a run's inputs came from, as the caller knows them (the engine cannot): written into
/// the manifest.
public struct RunProvenance: Sendable, Equatable {
    /// Git commit of the tool's source, if known.
    public var gitCommit: String?
    /// Path of the scenario file as given.
    public var scenarioPath: String?
    /// SHA-256 of the scenario file's bytes (hex).
    public var scenarioSHA256: String?
    /// The run's random seed.
    public var seed: UInt64
    /// Name of the random number generator (e.g. `philox4x32-10`).
    public var generator: String
    /// GSL version string (`gsl_version`).
    public var gslVersion: String?
    /// Things the reader must know, e.g. "daily-dose cap exceeded under supervised exception".
    public var warnings: [String]

    /// Provenance of a run.
    public init(
        gitCommit: String? = nil, scenarioPath: String? = nil, scenarioSHA256: String? = nil,
        seed: UInt64, generator: String, gslVersion: String? = nil, warnings: [String] = []
    ) {
        self.gitCommit = gitCommit
        self.scenarioPath = scenarioPath
        self.scenarioSHA256 = scenarioSHA256
        self.seed = seed
        self.generator = generator
        self.gslVersion = gslVersion
        self.warnings = warnings
    }
}

/// The record of how an output folder was produced (`manifest.json`): tool, inputs, run
/// configuration, counts and timings. Timings are its only fields that differ between runs of
/// the same inputs.
public struct RunManifest: Sendable, Equatable, Codable {
    /// Baclosim's version.
    public var toolVersion: String
    /// Git commit of the tool's source, if known.
    public var gitCommit: String?
    /// Scenario path as given.
    public var scenarioPath: String?
    /// SHA-256 of the scenario file (hex).
    public var scenarioSHA256: String?
    /// Random seed.
    public var seed: UInt64
    /// Random number generator name.
    public var generator: String
    /// GSL version string.
    public var gslVersion: String?
    /// Subjects simulated (failed included).
    public var subjects: Int
    /// First subject number.
    public var firstSubject: UInt64
    /// Worker threads.
    public var threads: Int
    /// Subjects per block.
    public var blockSize: Int
    /// Arm names.
    public var arms: [String]
    /// Days simulated per subject.
    public var horizonDays: Int
    /// Subjects whose simulation failed.
    public var failedSubjects: Int
    /// The lowest-numbered failure, "subject N: message".
    public var firstFailure: String?
    /// Per arm: subjects excluded from it.
    public var excludedSubjects: [String: Int]
    /// Subjects whose daily trajectories were recorded.
    public var trajectorySubjects: Int
    /// Warnings for the reader.
    public var warnings: [String]
    /// Wall-clock seconds of the simulation (nondeterministic).
    public var wallTimeS: Double
    /// Subjects × days × arms per wall-clock second (nondeterministic). Every arm-day counts,
    /// also those an arm took from the arm it shares days with (`armSharing`).
    public var subjectDaysPerSecond: Double
    /// Which arms took their first days from another arm instead of simulating them (the same
    /// tables either way), or `nil` when not recorded.
    public var armSharing: ArmSharingRecord?
    /// The currency and price year of every cost in the run's tables (runs with economics only).
    public var costs: CostUnits?
    /// The parts a merged run was made of (`baclosim merge`), each with its host and times;
    /// `nil` for a run in one process.
    public var shards: [CohortPart.Record]?

    enum CodingKeys: String, CodingKey {
        case toolVersion = "tool_version"
        case gitCommit = "git_commit"
        case scenarioPath = "scenario_path"
        case scenarioSHA256 = "scenario_sha256"
        case seed, generator
        case gslVersion = "gsl_version"
        case subjects
        case firstSubject = "first_subject"
        case threads
        case blockSize = "block_size"
        case arms
        case horizonDays = "horizon_days"
        case failedSubjects = "failed_subjects"
        case firstFailure = "first_failure"
        case excludedSubjects = "excluded_subjects"
        case trajectorySubjects = "trajectory_subjects"
        case warnings
        case wallTimeS = "wall_time_s"
        case subjectDaysPerSecond = "subject_days_per_second"
        case armSharing = "arm_sharing"
        case costs
        case shards
    }

    /// The manifest of `result`, produced from inputs described by `provenance` in
    /// `wallTimeS` seconds.
    public init(result: RunResult, provenance: RunProvenance, wallTimeS: Double) {
        let configuration = result.configuration
        toolVersion = Baclosim.version
        gitCommit = provenance.gitCommit
        scenarioPath = provenance.scenarioPath
        scenarioSHA256 = provenance.scenarioSHA256
        seed = provenance.seed
        generator = provenance.generator
        gslVersion = provenance.gslVersion
        subjects = result.subjects
        firstSubject = configuration.firstSubject
        threads = configuration.threads
        blockSize = configuration.blockSize
        arms = result.layout.arms
        horizonDays = result.layout.horizonDays
        failedSubjects = result.failedSubjects
        firstFailure = result.firstFailure.map { "subject \($0.subject): \($0.message)" }
        excludedSubjects = Dictionary(uniqueKeysWithValues: zip(result.layout.arms, result.excludedSubjects))
        trajectorySubjects = min(configuration.trajectorySubjects, configuration.subjects)
        warnings = provenance.warnings
        self.wallTimeS = wallTimeS
        subjectDaysPerSecond = wallTimeS > 0 ? Double(result.subjectDays) / wallTimeS : 0
    }
}

/// The manifest's account of arm sharing (`SharedArmPrefixes`): whether it was on, each arm that
/// followed another, and the share of the run's arm-days simulated for a subject in every arm.
public struct ArmSharingRecord: Sendable, Equatable, Codable {
    /// One arm that takes days `0 ..< sharedDays` from `leader`.
    public struct Follower: Sendable, Equatable, Codable {
        public var arm: String
        public var leader: String
        public var sharedDays: Int

        enum CodingKeys: String, CodingKey {
            case arm, leader
            case sharedDays = "shared_days"
        }
    }

    /// `false` when the run simulated every arm on every day (`--no-arm-sharing`).
    public var enabled: Bool
    public var followers: [Follower]
    /// Arm-days simulated ÷ arms × horizon, for a subject in every arm whose regimen is never
    /// adjusted (an adjustment forks a follower early, so the run's share can be higher).
    public var simulatedArmDayShare: Double

    enum CodingKeys: String, CodingKey {
        case enabled, followers
        case simulatedArmDayShare = "simulated_arm_day_share"
    }

    init(enabled: Bool, plan: SharedArmPrefixes, arms: [String], horizonDays: Int) {
        self.enabled = enabled
        followers = arms.indices.compactMap { b in
            plan.leader[b] < 0 ? nil : Follower(arm: arms[b], leader: arms[plan.leader[b]], sharedDays: plan.days[b])
        }
        let total = arms.count * horizonDays
        simulatedArmDayShare = total > 0 ? Double(plan.simulatedArmDays(horizonDays: horizonDays)) / Double(total) : 1
    }
}

/// The unit of a run's costs: currency code and the year whose prices they are in.
public struct CostUnits: Codable, Sendable, Equatable {
    public var currency: String
    /// `nil` when the scenario gives no `price_year`.
    public var priceYear: Int?

    public init(currency: String, priceYear: Int?) {
        self.currency = currency
        self.priceYear = priceYear
    }

    enum CodingKeys: String, CodingKey {
        case currency
        case priceYear = "price_year"
    }
}
