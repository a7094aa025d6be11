import Foundation

@testable import Baclosim

/// Test fixtures for the engine and report suites: a hash-based source of numbers and a toy
/// model with three arms, one an exact copy of another.
enum EngineFixtures {
    /// SplitMix64 finaliser: a good 64-bit mix of `x` (Steele, Lea and Flood 2014).
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform in [0, 1) from (a, b).
    static func uniform(_ a: UInt64, _ b: UInt64 = 0) -> Double {
        Double(mix(mix(a) ^ b) >> 11) * 0x1p-53
    }

    /// `count` pseudo-random values, roughly normal(mean 3, sd 1.5), from `seed`.
    static func values(count: Int, seed: UInt64) -> [Double] {
        (0..<count).map { i in
            let u1 = max(uniform(seed, UInt64(2 * i)), 1e-300)
            let u2 = uniform(seed, UInt64(2 * i + 1))
            return 3 + 1.5 * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
    }

    /// The toy layout: arms control, treated, treated_copy; metrics score (with quantiles) and
    /// responded; differences treated−control and treated_copy−treated; endpoint relapse;
    /// series level; trajectory column level; 10 days.
    static func layout() throws -> OutcomeLayout {
        try OutcomeLayout(
            arms: ["control", "treated", "treated_copy"],
            metrics: [
                MetricSpec(
                    "score", quantiles: [0.05, 0.5, 0.95], grid: QuantileGrid(lower: 0, upper: 10, bins: 500)),
                MetricSpec("responded", kind: .proportion),
            ],
            differences: [
                PairedDifference("treated", minus: "control", metrics: ["score", "responded"]),
                PairedDifference("treated_copy", minus: "treated", metrics: ["score", "responded"]),
            ],
            endpoints: ["relapse"],
            series: ["level"],
            trajectoryColumns: ["level"],
            horizonDays: 10)
    }

    /// What the toy model does to one subject in one arm, as plain numbers (the oracle).
    struct ToyArmOutcome {
        var score: Double
        var responded: Double
        var relapseDay: Int?
        var levels: [Double]
    }

    /// Whether the toy model fails for `subject` (every `failEvery`-th, if set).
    static func toyFails(_ subject: UInt64, failEvery: UInt64?) -> Bool {
        failEvery.map { subject % $0 == 5 } ?? false
    }

    /// Whether `subject` is excluded from the treated arms (every 11th).
    static func toyExcludedFromTreated(_ subject: UInt64) -> Bool { subject % 11 == 0 }

    /// The toy outcome of `subject` in `arm` (0 control, 1 and 2 treated); a pure function of
    /// the subject, so that the copy arm equals the treated arm exactly.
    static func toyOutcome(subject: UInt64, arm: Int) -> ToyArmOutcome {
        let effect = arm == 0 ? 0.0 : 1.0
        let score = 2 + 4 * uniform(subject, 1) + effect
        let responded: Double = uniform(subject, 2) < 0.3 + 0.2 * effect ? 1 : 0
        let relapseU = uniform(subject, 3)
        let relapseDay: Int? = relapseU < 0.6 - 0.2 * effect ? Int(relapseU * 16) % 10 : nil
        let levels = (0..<10).map { day in score + 0.1 * Double(day) * uniform(subject, 100 + UInt64(day)) }
        return ToyArmOutcome(score: score, responded: responded, relapseDay: relapseDay, levels: levels)
    }

    /// A model that writes ``toyOutcome(subject:arm:)`` into the engine's buffer.
    struct ToySimulator: SubjectSimulator {
        struct Failure: Error, CustomStringConvertible {
            let subject: UInt64
            var description: String { "toy failure for subject \(subject)" }
        }

        var failEvery: UInt64?

        mutating func simulate(subject: UInt64, into outcome: inout SubjectOutcome) throws {
            if EngineFixtures.toyFails(subject, failEvery: failEvery) { throw Failure(subject: subject) }
            for arm in 0..<3 {
                if arm > 0 && EngineFixtures.toyExcludedFromTreated(subject) {
                    outcome.exclude(arm: arm)
                    continue
                }
                let toy = EngineFixtures.toyOutcome(subject: subject, arm: arm)
                outcome.set(toy.score, arm: arm, metric: 0)
                outcome.set(toy.responded, arm: arm, metric: 1)
                if let day = toy.relapseDay { outcome.recordEvent(arm: arm, endpoint: 0, day: day) }
                for (day, level) in toy.levels.enumerated() {
                    outcome.setSeries(level, arm: arm, series: 0, day: day)
                    if outcome.recordsTrajectory { outcome.recordTrajectory(level, arm: arm, day: day, column: 0) }
                }
            }
        }
    }

    /// Runs the toy model.
    static func runToy(
        subjects: Int, blockSize: Int = 16, threads: Int = 1, failEvery: UInt64? = nil,
        maxFailedFraction: Double = 0.05, trajectories: Int = 0
    ) throws -> RunResult {
        try Runner.run(
            RunConfiguration(
                subjects: subjects, blockSize: blockSize, threads: threads, maxFailedFraction: maxFailedFraction,
                trajectorySubjects: trajectories),
            layout: layout(),
            makeSimulator: { ToySimulator(failEvery: failEvery) })
    }
}
