import Foundation

/// Fits one shared parameter set to the targets of several trial scenarios at once, and checks
/// it out of sample by leaving one trial out at a time (`baclosim calibrate JOINT_FILE`).
///
/// The objective is the sum over scenarios of each scenario's `Σ weight · z²`
/// (``CalibrationTargetFit``): targets count by their published precision, so a trial with a
/// narrow interval pulls harder than one with a wide interval. Each scenario runs with its own
/// seed in every evaluation (common random numbers), so the objective is a deterministic
/// function of the parameters, the same on any thread count. A parameter is set in the
/// scenarios whose tree has its key path; a fit over some of the scenarios moves only the
/// parameters that reach one of them and holds the others at their start values.
public final class JointCalibrator {
    /// The joint calibration as read (subjects and iteration limit after overrides).
    public let spec: JointCalibrationSpec
    /// The scenarios as written, in `scenarios:` order.
    public let scenarios: [Scenario]
    private let templates: [ScenarioTemplate]
    /// Per scenario: the indices of the parameters whose key path it has.
    let reach: [[Int]]
    private let threads: Int

    /// Reads the joint calibration at `path` and its scenarios.
    /// - Throws: ``ScenarioIssues`` for any problem in the file or a scenario.
    public init(path: String, subjects: Int? = nil, maxIterations: Int? = nil, threads: Int = 1) throws {
        var (spec, templates) = try JointCalibrationSpec.load(path: path)
        if let subjects { spec.definition.subjects = subjects }
        if let maxIterations { spec.definition.maxIterations = maxIterations }
        self.spec = spec
        self.templates = templates
        scenarios = try templates.map { try $0.scenario() }
        reach = templates.map { template in
            spec.definition.parameters.indices.filter { template.baseValue(at: spec.definition.parameters[$0].keyPath) != nil }
        }
        self.threads = max(1, threads)
    }

    /// One scenario's targets at one parameter point.
    public struct ScenarioFit: Sendable {
        /// Index in ``scenarios``.
        public var scenario: Int
        /// `Σ weight · z²` over its targets.
        public var objective: Double
        /// Per target, in `targets:` order.
        public var fits: [CalibrationTargetFit]
    }

    /// The objective at one parameter point over some scenarios.
    public struct Evaluation: Sendable {
        /// All parameter values, in `parameters:` order.
        public var values: [Double]
        /// The sum of the scenarios' objectives.
        public var objective: Double
        /// Per scenario evaluated.
        public var scenarios: [ScenarioFit]
    }

    /// A fit over some of the scenarios.
    public struct Fit: Sendable {
        /// The scenarios fitted (indices).
        public var members: [Int]
        /// The parameters moved (those reaching a member); the others stay at their start values.
        public var free: [Int]
        public var start: Evaluation
        public var fitted: Evaluation
        public var minimizer: NelderMead.Result
    }

    /// Scenarios `members` at `values` (every parameter, in `parameters:` order).
    public func evaluate(_ values: [Double], members: [Int]) throws -> Evaluation {
        var fits: [ScenarioFit] = []
        var total = 0.0
        for m in members {
            let overrides = reach[m].map { (spec.definition.parameters[$0].keyPath, values[$0]) }
            let candidate = try templates[m].scenario(overrides: overrides)
            let (objective, targetFits) = try Calibrator.targetFits(of: candidate, subjects: spec.definition.subjects, threads: threads)
            fits.append(ScenarioFit(scenario: m, objective: objective, fits: targetFits))
            total += objective
        }
        return Evaluation(values: values, objective: total, scenarios: fits)
    }

    /// Fits the parameters that reach `members` to their targets (Nelder–Mead on the bounded
    /// parameters' transforms, first steps `step`, 0.5 as ``Calibrator`` unless given).
    /// - Parameters:
    ///   - warmStart: values to start the moved parameters from (every parameter, in
    ///     `parameters:` order); the others stay at their `initial:` values. Default: `initial:`.
    ///   - progress: called after each evaluation with its number and objective.
    public func fit(members: [Int], warmStart: [Double]? = nil, step: Double = 0.5,
                    progress: ((_ evaluation: Int, _ objective: Double) -> Void)? = nil) throws -> Fit {
        let parameters = spec.definition.parameters
        let free = parameters.indices.filter { p in members.contains { reach[$0].contains(p) } }
        var startValues = parameters.map(\.initial)
        if let warmStart {
            for p in free { startValues[p] = warmStart[p] }
        }
        let start = try evaluate(startValues, members: members)
        guard !free.isEmpty else {
            return Fit(members: members, free: [], start: start, fitted: start,
                       minimizer: NelderMead.Result(x: [], value: start.objective, iterations: 0, evaluations: 0, converged: true, simplexSize: 0))
        }
        func values(_ y: [Double]) -> [Double] {
            var v = startValues
            for (k, p) in free.enumerated() { v[p] = parameters[p].transform.bounded(y[k]) }
            return v
        }
        var count = 0
        let result = try NelderMead.minimize(
            start: free.map { parameters[$0].transform.unbounded(startValues[$0]) },
            step: Array(repeating: step, count: free.count),
            maxIterations: spec.definition.maxIterations, sizeTolerance: spec.definition.sizeTolerance) { y in
                let objective = try evaluate(values(y), members: members).objective
                count += 1
                progress?(count, objective)
                return objective
            }
        let fitted = try evaluate(values(result.x), members: members)
        return Fit(members: members, free: free, start: start, fitted: fitted, minimizer: result)
    }

    /// First Nelder–Mead steps (on the transformed scale) of a leave-one-out fold's fit, which
    /// starts from the joint fit's values.
    public static let foldStep = 0.2

    /// The joint fit to every scenario, its parameter uncertainty, and, with `leaveOneOut`, for
    /// each scenario a fit without it and that fit's prediction of its targets.
    /// - Parameter progress: called with a line of text at each stage.
    public func run(leaveOneOut: Bool, progress: ((String) -> Void)? = nil) throws -> JointCalibrationResult {
        let all = Array(scenarios.indices)
        progress?("fitting \(spec.definition.parameters.count) parameters to \(scenarios.count) scenarios")
        let full = try fit(members: all)
        progress?("objective \(CalibrationResult.format(full.start.objective)) → \(CalibrationResult.format(full.fitted.objective)) in \(full.minimizer.evaluations) evaluations; estimating uncertainty")
        let uncertainty = try CalibrationUncertainty.estimate(
            at: full.fitted.values, free: full.free, transforms: spec.definition.parameters.map(\.transform)) { values in
                try self.evaluate(values, members: all).objective
            }
        var folds: [JointCalibrationResult.Fold] = []
        if leaveOneOut {
            for k in all {
                progress?("leaving out \(scenarios[k].name) (\(k + 1) of \(scenarios.count))")
                // Warm start: from the joint fit's values with smaller first steps (the fold's
                // optimum lies near it), which costs a fraction of a fit from `initial:`; a
                // parameter only the left-out scenario reaches stays at its `initial:` value.
                let fit = try self.fit(members: all.filter { $0 != k }, warmStart: full.fitted.values, step: Self.foldStep)
                let prediction = try evaluate(fit.fitted.values, members: [k])
                folds.append(.init(scenario: k, fit: fit, prediction: prediction.scenarios[0],
                                   unreached: reach[k].filter { !fit.free.contains($0) }))
            }
        }
        return JointCalibrationResult(spec: spec, scenarioNames: scenarios.map(\.name), scenarioSeeds: scenarios.map(\.run.seed),
                                      reach: reach, full: full, uncertainty: uncertainty, folds: folds)
    }
}

/// What ``JointCalibrator/run(leaveOneOut:progress:)`` found.
public struct JointCalibrationResult: Sendable {
    /// One left-out scenario.
    public struct Fold: Sendable {
        /// The scenario left out.
        public var scenario: Int
        /// The fit without it.
        public var fit: JointCalibrator.Fit
        /// Its targets at that fit: the out-of-sample prediction.
        public var prediction: JointCalibrator.ScenarioFit
        /// Parameters that reach only the left-out scenario: held at their start values, so
        /// its prediction rests on them as written, not as fitted.
        public var unreached: [Int]
    }

    public var spec: JointCalibrationSpec
    public var scenarioNames: [String]
    public var scenarioSeeds: [UInt64]
    /// Per scenario: the parameters that reach it.
    public var reach: [[Int]]
    /// The fit to every scenario.
    public var full: JointCalibrator.Fit
    /// The parameters' uncertainty at the full fit.
    public var uncertainty: CalibrationUncertainty
    /// Leave-one-trial-out folds (empty unless asked for).
    public var folds: [Fold]

    /// Targets met at the full fit, and in all.
    public var inSample: (met: Int, total: Int) {
        let fits = full.fitted.scenarios.flatMap(\.fits)
        return (fits.filter(\.comparison.isMet).count, fits.count)
    }

    /// Targets met by the leave-one-out predictions, and in all.
    public var outOfSample: (met: Int, total: Int) {
        let fits = folds.flatMap(\.prediction.fits)
        return (fits.filter(\.comparison.isMet).count, fits.count)
    }
}
