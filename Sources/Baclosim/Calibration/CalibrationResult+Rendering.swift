import Foundation

/// The fit as text (printed by `baclosim calibrate`) and as a scenario include file.
extension CalibrationResult {
    /// A number for the fit tables: 4 significant digits.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        return String(format: "%.4g", value)
    }

    /// A fitted value as written to the include file: 6 significant digits (far below the
    /// Monte Carlo resolution of the objective), read back exactly as written.
    static func formatFitted(_ value: Double) -> String {
        String(format: "%.6g", value)
    }

    /// The summary: run settings, minimiser outcome, objective, then a parameter table
    /// (start → fitted) and a target table (published value and interval, simulated with its
    /// Monte Carlo SE at the start and the fit, standardised error, met).
    public var fitReport: String {
        let d = definition
        var lines: [String] = []
        lines.append("Calibration of \(scenarioName) (\(scenarioPath)): \(d.parameters.count) parameter\(d.parameters.count == 1 ? "" : "s"), \(fitted.fits.count) target\(fitted.fits.count == 1 ? "" : "s"); \(d.subjects) subjects per evaluation, seed \(seed) (common random numbers), \(horizonDays) days")
        let stop = minimizer.converged
            ? "converged (simplex size \(Self.format(minimizer.simplexSize)) < \(Self.format(d.sizeTolerance)))"
            : "NOT converged: stopped at the \(d.maxIterations)-iteration limit (simplex size \(Self.format(minimizer.simplexSize)))"
        lines.append("Nelder–Mead (GSL nmsimplex2): \(minimizer.iterations) iterations, \(minimizer.evaluations) evaluations, \(stop)")
        lines.append("Objective Σ weight·z² (z = (simulated − published) / published 95% half-width on that side; |z| ≤ 1 is met): start \(Self.format(start.objective)) → fitted \(Self.format(fitted.objective))")
        lines.append("")
        lines.append("| parameter | lower | upper | scale | start | fitted |")
        lines.append("|---|---|---|---|---|---|")
        for (index, p) in d.parameters.enumerated() {
            lines.append("| \(p.keyPath) | \(Self.format(p.lower)) | \(Self.format(p.upper)) | \(p.isLogScale ? "log" : "linear") | \(Self.format(start.values[index])) | \(Self.format(fitted.values[index])) |")
        }
        lines.append("")
        lines.append("| target | quantity | weight | published (95% interval) | start | simulated (± MC SE) | z | met |")
        lines.append("|---|---|---|---|---|---|---|---|")
        for (before, after) in zip(start.fits, fitted.fits) {
            let t = after.comparison.target
            let simulated = after.comparison.simulated.map(Self.format) ?? "—"
            let se = after.simulatedSE.map { " ± " + Self.format($0) } ?? ""
            let cells = [t.name, "\(t.metric) \(t.quantityLabel)", Self.format(t.weight),
                         "\(Self.format(t.value)) (\(Self.format(t.interval.lowerBound)) to \(Self.format(t.interval.upperBound)))",
                         before.comparison.simulated.map(Self.format) ?? "—", simulated + se,
                         String(format: "%+.2f", after.standardizedError), after.comparison.isMet ? "yes" : "no"]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The include file: a header saying how and when it was made and the objective, then one
    /// `key.path: value` line per fitted parameter — the form a scenario's `overrides:` block
    /// reads (`overrides: {include: FILE}`; entries written next to `include:` win over it).
    ///
    /// - Parameters:
    ///   - date: when the fit was made (written as UTC ISO 8601).
    ///   - command: the command line that made it.
    public func includeFile(date: Date, command: String) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let d = definition
        var lines = [
            "# Calibrated parameters for scenario \(scenarioName) (\(scenarioPath)),",
            "# written by `\(command)` on \(formatter.string(from: date)).",
            "# Method: Nelder–Mead (GSL nmsimplex2) on bounded-parameter logit transforms, minimising",
            "# Σ weight·z² over \(fitted.fits.count) targets, z = (simulated − published) / published 95% half-width;",
            "# \(d.subjects) subjects per evaluation, seed \(seed) (common random numbers), \(minimizer.iterations) iterations,",
            "# \(minimizer.evaluations) evaluations, " + (minimizer.converged ? "converged." : "NOT converged (iteration limit)."),
            "# Objective: start \(Self.format(start.objective)) → fitted \(Self.format(fitted.objective)).",
            "# Targets at the fit (z): " + fitted.fits.map { "\($0.comparison.target.name) \(String(format: "%+.2f", $0.standardizedError))" }.joined(separator: ", ") + ".",
            "# Use in a scenario: overrides: {include: <this file>} (key paths as in the scenario's calibration: block).",
        ]
        for (p, value) in zip(d.parameters, fitted.values) {
            lines.append("\(p.keyPath): \(Self.formatFitted(value))   # start \(Self.formatFitted(p.initial)), bounds [\(Self.formatFitted(p.lower)), \(Self.formatFitted(p.upper))]\(p.isLogScale ? ", log scale" : "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
