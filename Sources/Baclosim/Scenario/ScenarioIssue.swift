/// One problem found in a scenario or drug file: where it is, what is wrong, and how to fix it.
///
/// Printed as `FILE:LINE: key.path: problem. fix` (every problem names file, line, key path, problem and fix), for example
/// `Scenarios/drugs/baclofen.yaml:12: models.simon2018.parameters.CL.typical: must be > 0
/// (found -3). Give the typical apparent clearance in L/h, e.g. 11.6.`
///
/// Kernels that validate their own inputs (``Regimen``, ``Adherence``) return issues with no file
/// and a key path relative to their block; the scenario layer then places them with
/// ``located(file:line:under:)``.
public struct ScenarioIssue: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The file the problem is in (as given to the loader), or `nil` when not yet known.
    public var file: String?
    /// 1-based line of the offending node, or `nil` when unknown.
    public var line: Int?
    /// Dotted key path, e.g. `models.simon2018.parameters.CL.typical` or `titration[1].days`.
    public var keyPath: String
    /// What is wrong, without a trailing full stop, e.g. `must be > 0 (found 0)`.
    public var problem: String
    /// How to fix it, as a full sentence.
    public var fix: String

    /// Creates an issue; `problem` should not end with a full stop (one is added when printed).
    public init(file: String? = nil, line: Int? = nil, keyPath: String, problem: String, fix: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.problem = problem
        self.fix = fix
    }

    /// `FILE:LINE: key.path: problem. fix` (parts that are unknown are left out).
    public var description: String {
        var text = ""
        if let file {
            text += file
            if let line { text += ":\(line)" }
            text += ": "
        } else if let line {
            text += "line \(line): "
        }
        if !keyPath.isEmpty { text += keyPath + ": " }
        text += problem
        if !problem.hasSuffix(".") { text += "." }
        if !fix.isEmpty { text += " " + fix }
        return text
    }

    /// A number the way a user would write it in an issue: integers without a decimal point,
    /// others rounded to 6 decimals (`0.57`, `1/3` → `0.333333`).
    public static func formatNumber(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "infinity" : "-infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let rounded = (value * 1e6).rounded() / 1e6
        return rounded == 0 ? String(value) : String(rounded)
    }

    /// The same issue placed in `file` at `line`, with `prefix` put in front of its key path
    /// (`prefix` `regimen` and path `taper.step_mg` give `regimen.taper.step_mg`).
    public func located(file: String?, line: Int?, under prefix: String = "") -> ScenarioIssue {
        var copy = self
        copy.file = file ?? self.file
        copy.line = line ?? self.line
        copy.keyPath = ScenarioKeyPath.join(prefix, keyPath)
        return copy
    }
}

/// All problems found in one load, thrown together so the user can fix them in one pass
/// (docs/model.md#12-engine-rules, rule 7: every error at once).
public struct ScenarioIssues: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in file order where lines are known.
    public var issues: [ScenarioIssue]

    /// Wraps a list of issues (expected to be non-empty).
    public init(_ issues: [ScenarioIssue]) {
        self.issues = issues
    }

    /// One issue per line.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
