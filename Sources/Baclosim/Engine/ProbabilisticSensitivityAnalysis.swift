import Foundation

/// The outer loop of a probabilistic sensitivity analysis: for each draw, the parameter values
/// from ``PSAParameterSet`` (their own stream keyed by draw), the scenario with those values
/// (``ScenarioTemplate``: the file is parsed once, each draw decodes a copy of the node tree),
/// and an inner-loop run of the same subjects with the scenario's seed.
///
/// The inner loop's common random numbers are shared across arms and across draws: draws then
/// differ only by their parameter values, and arms within a draw only by treatment. Results
/// depend on neither the thread count nor the order draws are run in.
public enum ProbabilisticSensitivityAnalysis {
    /// Runs draws `0 ..< draws` of `definition` with `subjects` per draw.
    /// - Parameters:
    ///   - threads: worker threads of each inner run.
    ///   - drawDone: called after each draw with (finished, total).
    /// - Throws: ``ScenarioIssues`` (a draw that makes the scenario invalid, named with its values),
    ///   run failures.
    public static func run(template: ScenarioTemplate, definition: PSADefinition, draws: Int, subjects: Int, threads: Int,
                           drawDone: ((_ finished: Int, _ total: Int) -> Void)? = nil) throws -> PSARunResult {
        let base = try template.scenario()
        let seed = base.run.seed
        var sampler = GSLSampler(key: StreamKey(seed: seed, subject: 0, purpose: .psaParameters), day: 0)
        var drawValues: [[Double]] = []
        var rows: [[OutcomeRow]] = []
        drawValues.reserveCapacity(draws)
        rows.reserveCapacity(draws)
        for draw in 0..<draws {
            let values = try definition.parameterSet.draw(iteration: draw, seed: seed, sampler: &sampler)
            let overrides = definition.overrides(values: values)
            let scenario: Scenario
            do {
                scenario = try template.scenario(overrides: overrides)
            } catch {
                let described = overrides.map { "\($0.0) = \(ScenarioIssue.formatNumber($0.1))" }.joined(separator: ", ")
                throw ScenarioIssues(error.issues.map { issue in
                    var copy = issue
                    copy.problem += " (PSA draw \(draw): \(described))"
                    return copy
                })
            }
            let report = try Simulation(scenario: scenario).run(subjects: subjects, threads: threads)
            drawValues.append(values)
            rows.append(OutcomeRow.rows(of: report).filter { $0.kind != .count })
            drawDone?(draw + 1, draws)
        }
        return PSARunResult(armNames: base.armNames, valueNames: definition.valueNames, drawValues: drawValues, rows: rows)
    }
}

/// Every draw of a PSA: its parameter values and its run's outcome rows.
public struct PSARunResult: Sendable, Equatable {
    /// Arm names, in scenario order.
    public let armNames: [String]
    /// Names of a draw's values (key paths; a Dirichlet's components `key[k]`).
    public let valueNames: [String]
    /// Parameter values by draw.
    public let drawValues: [[Double]]
    /// Outcome rows (arm metrics and paired differences) by draw.
    public let rows: [[OutcomeRow]]

    /// Creates a result.
    public init(armNames: [String], valueNames: [String], drawValues: [[Double]], rows: [[OutcomeRow]]) {
        self.armNames = armNames
        self.valueNames = valueNames
        self.drawValues = drawValues
        self.rows = rows
    }
}
