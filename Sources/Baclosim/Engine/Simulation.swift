import Foundation

/// A scenario ready to run: the library's entry point for `baclosim run`.
///
/// `Simulation(scenario:)` compiles the scenario once; ``run(subjects:seed:threads:trajectories:progress:)``
/// simulates every subject in every arm in fixed-size blocks, merged in block order, so the
/// tables are byte-identical for any thread count.
public struct Simulation: Sendable {
    /// The scenario as loaded.
    public let scenario: Scenario
    let model: CohortModel

    /// Compiles `scenario`.
    public init(scenario: Scenario) throws {
        self.scenario = scenario
        model = try CohortModel(scenario: scenario)
    }

    /// Runs the cohort. `subjects` and `seed` override the scenario's run settings when given.
    /// `sharesArmPrefixes: false` simulates every arm on every day instead of letting arms that
    /// give the same treatment up to a day share those days (``SharedArmPrefixes``): the same
    /// tables, for measuring or checking the sharing.
    ///
    /// - Returns: the merged result and its manifest, ready for ``RunReport``.
    public func run(subjects: Int? = nil, seed: UInt64? = nil, threads: Int = 1, trajectories: Int = 0,
                    gitCommit: String? = nil, sharesArmPrefixes: Bool = true,
                    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> RunReport {
        GSL.configure()
        let compiled = try model(seed: seed)
        let settings = compiled.scenario.run
        let configuration = RunConfiguration(subjects: subjects ?? settings.subjects, blockSize: settings.blockSize,
                                             threads: max(1, threads), maxFailedFraction: settings.maxFailedFraction,
                                             trajectorySubjects: trajectories)
        let frozen = compiled
        let start = Date()
        let result = try Runner.run(configuration, layout: frozen.layout, makeSimulator: { CohortSimulator(model: frozen, sharesArmPrefixes: sharesArmPrefixes) },
                                    progress: progress)
        let wall = Date().timeIntervalSince(start)
        return report(result, model: frozen, wallTimeS: wall, gitCommit: gitCommit, sharesArmPrefixes: sharesArmPrefixes)
    }

    /// The compiled model with `seed` (the scenario's when nil).
    func model(seed: UInt64?) throws -> CohortModel {
        guard let seed, seed != scenario.run.seed else { return model }
        var changed = scenario
        changed.run.seed = seed
        return try CohortModel(scenario: changed)
    }

    /// The report of `result`, a run of `model` (this scenario, perhaps another seed): its
    /// manifest with provenance, arm-sharing plan and cost units.
    func report(_ result: RunResult, model frozen: CohortModel, wallTimeS wall: Double, gitCommit: String?,
                sharesArmPrefixes: Bool) -> RunReport {
        let settings = frozen.scenario.run
        var warnings: [String] = []
        for arm in scenario.arms {
            if let regimen = arm.treatment?.regimen, regimen.exceedsCap {
                warnings.append("arm \(arm.name): daily dose above the \(regimen.cap.map { ScenarioIssue.formatNumber($0.maxMgPerDay) } ?? "") mg/day cap under a supervised exception")
            }
        }
        let provenance = RunProvenance(gitCommit: gitCommit, scenarioPath: scenario.path,
                                       scenarioSHA256: Scenario.fileDigest(path: scenario.path), seed: settings.seed,
                                       generator: "philox4x32-10 keyed by (seed, subject, purpose), counter (day, slot)",
                                       gslVersion: GSL.version, warnings: warnings)
        var manifest = RunManifest(result: result, provenance: provenance, wallTimeS: wall)
        manifest.armSharing = ArmSharingRecord(enabled: sharesArmPrefixes,
                                               plan: CohortSimulator(model: frozen, sharesArmPrefixes: sharesArmPrefixes).armSharing,
                                               arms: frozen.layout.arms, horizonDays: frozen.layout.horizonDays)
        if let economics = scenario.economics {
            manifest.costs = CostUnits(currency: economics.costs.currency, priceYear: economics.costs.priceYear)
        }
        var report = RunReport(result: result, manifest: manifest)
        report.willingnessToPay = scenario.economics?.willingnessToPay ?? []
        return report
    }
}
