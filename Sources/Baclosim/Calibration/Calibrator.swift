import Foundation

/// One target's fit at one evaluation: the comparison with the published value and its
/// standardised error.
public struct CalibrationTargetFit: Sendable, Equatable {
    /// The target and the simulated estimate (``TargetComparison``).
    public var comparison: TargetComparison
    /// `z = (simulated − published) / h`, with `h` the distance from the published value to the
    /// bound of its 95 % interval on the simulated value's side (so |z| ≤ 1 exactly when the
    /// target is met; an asymmetric interval is honoured on each side).
    public var standardizedError: Double
    /// Monte Carlo standard error of the simulated estimate (95 % MC half-width / 1.96), when known.
    public var simulatedSE: Double?

    /// `z` for `simulated` against `target` (see ``standardizedError``). A zero-width side falls
    /// back to the other side, and a zero-width interval to 1e-12 (a point target).
    public static func standardizedError(_ simulated: Double, against target: TrialTarget) -> Double {
        let above = target.interval.upperBound - target.value, below = target.value - target.interval.lowerBound
        var h = simulated >= target.value ? above : below
        if h <= 0 { h = max(above, below) }
        return (simulated - target.value) / max(h, 1e-12)
    }
}

/// The objective at one parameter point.
public struct CalibrationEvaluation: Sendable, Equatable {
    /// Parameter values, in ``CalibrationDefinition/parameters`` order.
    public var values: [Double]
    /// `Σ weight_i · z_i²` over the scenario's targets.
    public var objective: Double
    /// Per target, in `targets:` order.
    public var fits: [CalibrationTargetFit]
}

/// A finished calibration.
public struct CalibrationResult: Sendable {
    /// Scenario name and file.
    public var scenarioName: String
    /// The scenario file, as given.
    public var scenarioPath: String
    /// The calibration as run (subjects and iteration limit after command-line overrides).
    public var definition: CalibrationDefinition
    /// The seed every evaluation used (common random numbers).
    public var seed: UInt64
    /// Horizon of each run, days.
    public var horizonDays: Int
    /// The objective at the start values.
    public var start: CalibrationEvaluation
    /// The objective at the fitted values.
    public var fitted: CalibrationEvaluation
    /// What the minimiser reported.
    public var minimizer: NelderMead.Result
}

/// Fits a scenario's `calibration:` parameters to its `targets:` (`baclosim calibrate`).
///
/// Each evaluation of the objective decodes the scenario with the parameters set at their key
/// paths (``ScenarioTemplate``: the file is read and parsed once) and runs it with the
/// scenario's seed and the calibration's subjects. The same seed in every evaluation gives every
/// subject the same random numbers at every parameter point (common random numbers), so the
/// objective is a deterministic function of the parameters — the same on any thread count —
/// and moves only through the parameters' effect, not through fresh noise. Nelder–Mead
/// (``NelderMead``) works on the bounded parameters' unbounded transforms (``ParameterTransform``).
public final class Calibrator {
    /// The parsed scenario file.
    let template: ScenarioTemplate
    /// The scenario as written (targets, calibration block).
    public let scenario: Scenario
    /// The calibration as run.
    public let definition: CalibrationDefinition
    /// Worker threads per run (results do not depend on it).
    let threads: Int

    /// Why a calibration cannot run.
    public struct Problem: Error, CustomStringConvertible {
        /// What is wrong and how to fix it.
        public var description: String
    }

    /// Reads the scenario at `path`.
    ///
    /// - Parameters:
    ///   - subjects: subjects per evaluation, overriding `calibration.subjects`.
    ///   - maxIterations: iteration limit, overriding `calibration.max_iterations`.
    ///   - threads: worker threads per run.
    /// - Throws: ``ScenarioIssues`` for a scenario error; ``Problem`` when it has no `calibration:`.
    public init(path: String, subjects: Int? = nil, maxIterations: Int? = nil, threads: Int = 1) throws {
        template = try ScenarioTemplate(path: path)
        scenario = try template.scenario()
        guard var definition = scenario.calibration else {
            throw Problem(description: "\(path): no calibration: block. Add calibration: {parameters: [{key: a.b.c, lower: 0.1, upper: 0.9}]} and targets: (see Scenarios/README.md).")
        }
        if let subjects { definition.subjects = subjects }
        if let maxIterations { definition.maxIterations = maxIterations }
        self.definition = definition
        self.threads = max(1, threads)
    }

    /// The objective at parameter `values` (in ``CalibrationDefinition/parameters`` order).
    /// - Throws: ``ScenarioIssues`` when a value makes the scenario invalid, a run error, or
    ///   ``Problem`` when the run gives no estimate for a target.
    public func evaluate(_ values: [Double]) throws -> CalibrationEvaluation {
        let overrides = zip(definition.parameters, values).map { ($0.keyPath, $1) }
        let candidate = try template.scenario(overrides: overrides)
        let (objective, fits) = try Self.targetFits(of: candidate, subjects: definition.subjects, threads: threads)
        return CalibrationEvaluation(values: values, objective: objective, fits: fits)
    }

    /// Runs `candidate` with `subjects` subjects and its own seed and compares every target:
    /// `Σ weight · z²` and the fits in `targets:` order.
    /// - Throws: a run error, or ``Problem`` when the run gives no estimate for a target.
    static func targetFits(of candidate: Scenario, subjects: Int, threads: Int) throws -> (objective: Double, fits: [CalibrationTargetFit]) {
        let report = try Simulation(scenario: candidate).run(subjects: subjects, threads: threads)
        let armRows = report.armOutcomeRows, differenceRows = report.differenceOutcomeRows
        var fits: [CalibrationTargetFit] = []
        var objective = 0.0
        for target in candidate.targets {
            let comparison = TargetComparison(target: target, scenario: candidate.name, armRows: armRows, differenceRows: differenceRows)
            guard let simulated = comparison.simulated, simulated.isFinite else {
                throw Problem(description: "\(candidate.path): target '\(target.name)': the run gives no estimate of \(target.metric) for \(target.quantityLabel). Use a metric of summary.csv.")
            }
            let z = CalibrationTargetFit.standardizedError(simulated, against: target)
            objective += target.weight * z * z
            let se = comparison.simulatedInterval.map { ($0.upperBound - $0.lowerBound) / (2 * TargetComparison.z95) }
            fits.append(CalibrationTargetFit(comparison: comparison, standardizedError: z, simulatedSE: se))
        }
        return (objective, fits)
    }

    /// Runs the fit.
    ///
    /// The initial simplex steps 0.5 in each transformed coordinate (from mid-range: the value
    /// moves ≈ 12 % of its range).
    /// - Parameter progress: called after each evaluation with its number and result.
    public func run(progress: ((_ evaluation: Int, _ result: CalibrationEvaluation) -> Void)? = nil) throws -> CalibrationResult {
        let transforms = definition.parameters.map(\.transform)
        let startValues = definition.parameters.map(\.initial)
        let start = try evaluate(startValues)
        var count = 0
        progress?(count, start)
        let result = try NelderMead.minimize(
            start: zip(transforms, startValues).map { $0.unbounded($1) },
            step: Array(repeating: 0.5, count: transforms.count),
            maxIterations: definition.maxIterations, sizeTolerance: definition.sizeTolerance) { y in
                let evaluation = try evaluate(zip(transforms, y).map { $0.bounded($1) })
                count += 1
                progress?(count, evaluation)
                return evaluation.objective
            }
        let fitted = try evaluate(zip(transforms, result.x).map { $0.bounded($1) })
        return CalibrationResult(scenarioName: scenario.name, scenarioPath: scenario.path, definition: definition,
                                 seed: scenario.run.seed, horizonDays: scenario.run.horizonDays,
                                 start: start, fitted: fitted, minimizer: result)
    }
}
