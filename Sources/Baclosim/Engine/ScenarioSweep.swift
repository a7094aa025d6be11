import Foundation

/// Runs a scenario's sweep (``SweepDefinition``) point by point into a ``SweepStore``.
///
/// Every point is a full run of the same subjects with the same seed, so points differ only by
/// their parameter values (common random numbers): differences between points are not blurred
/// by sampling noise. Points already finished in the store are skipped, so a killed sweep
/// resumes where it stopped and ends with the same tables as an uninterrupted one.
public enum ScenarioSweep {
    /// How far a call got.
    public struct Progress: Sendable, Equatable {
        /// Points run by this call.
        public var pointsRun: Int
        /// Points finished in the store, including earlier calls'.
        public var pointsFinished: Int
        /// Points in the sweep.
        public var pointsTotal: Int
        /// Whether every point is finished.
        public var isComplete: Bool { pointsFinished == pointsTotal }
    }

    /// The store identity of `definition` over `template` (decoded once to read every file).
    public static func identity(template: ScenarioTemplate, definition: SweepDefinition, subjects: Int,
                                shard: Shard = .whole) throws -> SweepStore.Identity {
        let base = try template.scenario()
        return SweepStore.Identity(scenarioDigest: template.digest, subjects: subjects, seed: base.run.seed,
                                   kind: definition.kind.rawValue, parameters: definition.parameters.map(\.keyPath),
                                   pointCount: definition.points.count, shard: shard)
    }

    /// Runs the unfinished points of `definition` in the store's part (every point of a whole
    /// sweep) in index order, storing each as it finishes.
    ///
    /// - Parameters:
    ///   - subjects: subjects per point (every point the same).
    ///   - threads: worker threads of each run (results do not depend on it).
    ///   - stopAfter: stop after this many points (a debugging aid to test resuming).
    ///   - pointDone: called after each stored point with (finished, total).
    /// - Throws: ``ScenarioIssues`` when a point's values make the scenario invalid (naming the
    ///   point), run failures, store errors.
    public static func run(template: ScenarioTemplate, definition: SweepDefinition, store: SweepStore, subjects: Int,
                           threads: Int, stopAfter: Int? = nil,
                           pointDone: ((_ finished: Int, _ total: Int) -> Void)? = nil) throws -> Progress {
        // The store's part of the sweep (every point for a whole sweep).
        let points = Array(definition.points[store.identity.shard.range(of: definition.points.count)])
        var finished = try store.finishedPoints()
        var run = 0
        for point in points where !finished.contains(point.index) {
            if let stopAfter, run >= stopAfter { break }
            try store.record(point: point.index, rows: rows(template: template, definition: definition, point: point.index,
                                                              subjects: subjects, threads: threads))
            finished.insert(point.index)
            run += 1
            pointDone?(finished.count, points.count)
        }
        return Progress(pointsRun: run, pointsFinished: finished.count, pointsTotal: points.count)
    }

    /// The store's points not yet finished, in index order (an MPI root hands them out).
    public static func pendingPoints(definition: SweepDefinition, store: SweepStore) throws -> [Int] {
        let finished = try store.finishedPoints()
        return definition.points[store.identity.shard.range(of: definition.points.count)].map(\.index).filter { !finished.contains($0) }
    }

    /// Where the store's part stands after `run` points were run now.
    public static func progress(definition: SweepDefinition, store: SweepStore, pointsRun run: Int) throws -> Progress {
        Progress(pointsRun: run, pointsFinished: try store.finishedPoints().count,
                 pointsTotal: store.identity.shard.range(of: definition.points.count).count)
    }

    /// Point `index` of `definition` simulated alone: its rows, as ``run(template:definition:store:subjects:threads:stopAfter:pointDone:)``
    /// stores them (an MPI rank's unit of work).
    /// - Throws: ``ScenarioIssues`` naming the point when its values make the scenario invalid, run failures.
    public static func rows(template: ScenarioTemplate, definition: SweepDefinition, point index: Int, subjects: Int,
                            threads: Int) throws -> [OutcomeRow] {
        let point = definition.points[index]
        let scenario: Scenario
        do {
            scenario = try template.scenario(overrides: definition.overrides(for: point))
        } catch {
            let values = zip(definition.parameters, point.values).map { "\($0.keyPath) = \(ScenarioIssue.formatNumber($1))" }
            throw ScenarioIssues(error.issues.map { issue in
                var copy = issue
                copy.problem += " (sweep point \(point.index): \(values.joined(separator: ", ")))"
                return copy
            })
        }
        let report = try Simulation(scenario: scenario).run(subjects: subjects, threads: threads)
        return OutcomeRow.rows(of: report)
    }
}
