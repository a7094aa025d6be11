import Foundation

/// A joint calibration as text: the fit report (printed), the include file of fitted values, the
/// PSA include of their uncertainty, and the cross-validation table of the trial README.
extension JointCalibrationResult {
    private static func f(_ x: Double) -> String { CalibrationResult.format(x) }
    private static func fitted(_ x: Double) -> String { CalibrationResult.formatFitted(x) }

    /// Met/total as "m of n (p %)".
    static func share(_ count: (met: Int, total: Int)) -> String {
        guard count.total > 0 else { return "0 of 0" }
        return "\(count.met) of \(count.total) (\(Int((100 * Double(count.met) / Double(count.total)).rounded())) %)"
    }

    /// The parameter table: bounds, start, fitted, SE and 95 % interval, and the scenarios each
    /// reaches.
    var parameterTable: String {
        let d = spec.definition
        var lines = ["| parameter | bounds | scale | start | fitted | SE | 95% interval | scenarios |", "|---|---|---|---|---|---|---|---|"]
        for (p, parameter) in d.parameters.enumerated() {
            let se = uncertainty.standardError(of: p).map(Self.f) ?? "—"
            let interval = uncertainty.interval(of: p).map { "\(Self.f($0.lowerBound)) to \(Self.f($0.upperBound))" } ?? "—"
            let reached = reach.indices.filter { reach[$0].contains(p) }.map { scenarioNames[$0] }
            lines.append("| `\(parameter.keyPath)` | [\(Self.f(parameter.lower)), \(Self.f(parameter.upper))] | \(parameter.isLogScale ? "log" : "linear") | \(Self.f(parameter.initial)) | \(Self.f(full.fitted.values[p])) | \(se) | \(interval) | \(reached.count == scenarioNames.count ? "all" : reached.joined(separator: ", ")) |")
        }
        return lines.joined(separator: "\n")
    }

    /// The target table: per target the published value and interval, the joint fit
    /// (in sample) and, with folds, the leave-one-out prediction (out of sample).
    var targetTable: String {
        let loo = !folds.isEmpty
        var lines = ["| scenario | target | quantity | published (95% interval) | in sample | z | met |" + (loo ? " left out | z | met |" : ""),
                     "|---|---|---|---|---|---|---|" + (loo ? "---|---|---|" : "")]
        for fit in full.fitted.scenarios {
            let fold = folds.first { $0.scenario == fit.scenario }
            for (k, target) in fit.fits.enumerated() {
                let t = target.comparison.target
                var cells = [scenarioNames[fit.scenario], t.name, "\(t.metric) \(t.quantityLabel)",
                             "\(Self.f(t.value)) (\(Self.f(t.interval.lowerBound)) to \(Self.f(t.interval.upperBound)))",
                             target.comparison.simulated.map(Self.f) ?? "—", String(format: "%+.2f", target.standardizedError),
                             target.comparison.isMet ? "met" : "**MISS**"]
                if loo {
                    if let out = fold?.prediction.fits[k] {
                        cells += [out.comparison.simulated.map(Self.f) ?? "—", String(format: "%+.2f", out.standardizedError),
                                  out.comparison.isMet ? "met" : "**MISS**"]
                    } else {
                        cells += ["—", "—", "—"]
                    }
                }
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The summary lines: targets met in sample and out of sample.
    var summaryLines: [String] {
        var lines = ["In sample (joint fit to all \(scenarioNames.count) scenarios): \(Self.share(inSample)) targets met."]
        if !folds.isEmpty {
            lines.append("Out of sample (each scenario predicted by the fit to the others): \(Self.share(outOfSample)) targets met.")
            lines.append("Each fit without a scenario starts from the joint fit's values with first steps \(JointCalibrator.foldStep) on the transformed scale (the full fit's are 0.5) and converges to the same tolerance.")
            let held = folds.filter { !$0.unreached.isEmpty }
            if !held.isEmpty {
                lines.append("Held at their start values when their only scenario was left out: "
                             + held.map { fold in "\(scenarioNames[fold.scenario]) (" + fold.unreached.map { spec.definition.parameters[$0].keyPath }.joined(separator: ", ") + ")" }.joined(separator: "; ") + ".")
            }
        }
        return lines
    }

    /// The report `baclosim calibrate` prints.
    public var fitReport: String {
        let d = spec.definition
        var lines: [String] = []
        lines.append("Joint calibration \(spec.name) (\(spec.path)): \(d.parameters.count) parameters, \(scenarioNames.count) scenarios, \(inSample.total) targets; \(d.subjects) subjects per scenario and evaluation, each scenario's own seed (common random numbers)")
        let m = full.minimizer
        lines.append("Nelder–Mead (GSL nmsimplex2): \(m.iterations) iterations, \(m.evaluations) evaluations, "
                     + (m.converged ? "converged" : "NOT converged: stopped at the \(d.maxIterations)-iteration limit")
                     + "; objective Σ weight·z² \(Self.f(full.start.objective)) → \(Self.f(full.fitted.objective))")
        if let problem = uncertainty.problem { lines.append("Uncertainty: \(problem).") }
        lines.append("")
        lines.append(parameterTable)
        lines.append("")
        lines.append(targetTable)
        lines.append("")
        lines += summaryLines
        return lines.joined(separator: "\n") + "\n"
    }

    /// The include file of fitted values (`overrides: {include: FILE}`), each with its SE.
    public func includeFile(date: Date, command: String) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let d = spec.definition
        var lines = [
            "# Jointly calibrated parameters (\(spec.name), \(spec.path)): one set for \(scenarioNames.joined(separator: ", ")),",
            "# written by `\(command)` on \(formatter.string(from: date)).",
            "# Method: Nelder–Mead (GSL nmsimplex2) on bounded-parameter logit transforms, minimising the sum over scenarios of",
            "# Σ weight·z², z = (simulated − published) / published 95% half-width; \(d.subjects) subjects per scenario and evaluation,",
            "# each scenario's own seed (common random numbers); \(full.minimizer.evaluations) evaluations, " + (full.minimizer.converged ? "converged." : "NOT converged (iteration limit)."),
            "# Objective: start \(Self.f(full.start.objective)) → fitted \(Self.f(full.fitted.objective)). " + summaryLines.joined(separator: " "),
            "# SE: Laplace approximation from the objective's curvature at the fit (see the PSA include for the correlations).",
            "# Use in a scenario: overrides: {include: <this file>}.",
        ]
        for (p, parameter) in d.parameters.enumerated() {
            let se = uncertainty.standardError(of: p).map { "SE \(Self.fitted($0))" } ?? "SE not identified"
            lines.append("\(parameter.keyPath): \(Self.fitted(full.fitted.values[p]))   # \(se); start \(Self.fitted(parameter.initial)), bounds [\(Self.fitted(parameter.lower)), \(Self.fitted(parameter.upper))]\(parameter.isLogScale ? ", log scale" : "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The PSA include (`psa: {include: FILE, draws: …}`): each fitted parameter with the
    /// distribution of its uncertainty — lognormal on the log scale, beta for a value bounded in
    /// [0, 1], normal otherwise, each with the delta-method SE — and their correlations (normal
    /// copula). Nil when the curvature gave no covariance.
    public func psaInclude(date: Date, command: String) -> String? {
        guard uncertainty.transformedCovariance != nil else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let d = spec.definition
        var lines = [
            "# Uncertainty of the jointly calibrated parameters (\(spec.name)) for baclosim psa, written by `\(command)`",
            "# on \(formatter.string(from: date)): Laplace approximation at the fit (covariance of the logit-transformed",
            "# parameters from the objective's curvature), marginals by the delta method, correlations as a normal copula.",
            "# Use as psa: {include: <this file>, draws: 1000}.",
            "parameters:",
        ]
        for p in uncertainty.free {
            let parameter = d.parameters[p], value = full.fitted.values[p]
            guard let se = uncertainty.standardError(of: p) else { continue }
            let key = "\"\(parameter.keyPath)\""
            if parameter.isLogScale {
                lines.append("  - {key: \(key), distribution: lognormal, meanlog: \(Self.fitted(log(value))), sdlog: \(Self.fitted(se / value))}")
            } else if parameter.lower >= 0, parameter.upper <= 1, se * se < value * (1 - value) {
                lines.append("  - {key: \(key), distribution: beta, mean: \(Self.fitted(value)), se: \(Self.fitted(se))}")
            } else {
                lines.append("  - {key: \(key), distribution: normal, mean: \(Self.fitted(value)), sd: \(Self.fitted(se))}")
            }
        }
        var pairs: [String] = []
        for (i, a) in uncertainty.free.enumerated() {
            for b in uncertainty.free[..<i] {
                guard let rho = uncertainty.correlation(a, b), abs(rho) >= 0.0005 else { continue }
                pairs.append("  - {between: [\"\(d.parameters[b].keyPath)\", \"\(d.parameters[a].keyPath)\"], rho: \(String(format: "%.3f", rho))}")
            }
        }
        if !pairs.isEmpty { lines += ["correlations:"] + pairs }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The generated block of the trial README: parameters, the per-target table with in-sample
    /// and leave-one-out columns, and the summary.
    public var crossValidationMarkdown: String {
        ([parameterTable, "", targetTable, ""] + summaryLines + ["",
          "Generated by `baclosim calibrate \(spec.path) --leave-one-out` (\(spec.definition.subjects) subjects per scenario and evaluation; seeds: "
          + zip(scenarioNames, scenarioSeeds).map { "\($0) \($1)" }.joined(separator: ", ") + ")."]).joined(separator: "\n")
    }
}
