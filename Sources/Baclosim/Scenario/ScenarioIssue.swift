/// One problem found in a scenario or drug file: where it is, what is wrong, and how to fix it.
///
/// Printed as `FILE:LINE: key.path: problem. fix` (every problem names file, line, key path, problem and fix), for example
/// `Scenarios/drugs/baclofen.yaml:12: models.simon2018.parameters.CL.typical: must be > 0
/// (found -3). Give the typical apparent clearance in L/h, e.g. 11.6.`
///
/// Kernels that validate their own inputs (``Regimen``, ``Adherence``) return
/// ``ParameterProblem``s with a key path relative to their block; the scenario layer places them
/// with ``init(_:file:line:under:)``.
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
        return text + ParameterProblem(keyPath: keyPath, problem: problem, fix: fix).description
    }

    /// A number the way a user would write it (``ParameterProblem/formatNumber(_:)``).
    public static func formatNumber(_ value: Double) -> String { ParameterProblem.formatNumber(value) }

    /// A kernel's problem placed in `file` at `line`, under its block's key path `prefix`.
    public init(_ problem: ParameterProblem, file: String? = nil, line: Int? = nil, under prefix: String = "") {
        self.init(file: file, line: line, keyPath: ParameterProblem.joinKeyPath(prefix, problem.keyPath),
                  problem: problem.problem, fix: problem.fix)
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

    /// A kernel's problems, not yet placed in a file.
    public init(_ problems: ParameterProblems) {
        self.issues = problems.problems.map { ScenarioIssue($0) }
    }

    /// Issues of one shape printed in full before the rest are summarised in one line.
    public static let shownPerShape = 5

    /// One issue per line; after ``shownPerShape`` issues of the same shape (the same file, key
    /// path with its list indices left out, and problem with its quoted values and numbers left
    /// out: e.g. 10 000 list items with the same mistake), one line says how many more there are.
    public var description: String {
        var counts: [String: Int] = [:]
        for issue in issues { counts[Self.shape(of: issue), default: 0] += 1 }
        var printed: [String: Int] = [:]
        var lines: [String] = []
        for issue in issues {
            let shape = Self.shape(of: issue)
            let n = printed[shape, default: 0]
            printed[shape] = n + 1
            if n < Self.shownPerShape {
                lines.append(issue.description)
            } else if n == Self.shownPerShape {
                let more = counts[shape, default: 0] - Self.shownPerShape
                var location = issue.file.map { $0 + ($0.isEmpty ? "" : ": ") } ?? ""
                if let line = issue.line, issue.file != nil { location = "\(issue.file!):\(line): " }
                lines.append("\(location)... and \(more) more like the \(Self.shownPerShape) above (\(Self.indexFree(issue.keyPath))), from this line on. Fix the pattern, then validate again.")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A key path with its list indices written `[*]`.
    static func indexFree(_ keyPath: String) -> String {
        keyPath.replacingOccurrences(of: #"\[\d+\]"#, with: "[*]", options: .regularExpression)
    }

    /// What makes two issues "the same mistake": file, index-free key path, and the problem with
    /// quoted values and numbers blanked.
    static func shape(of issue: ScenarioIssue) -> String {
        let problem = issue.problem
            .replacingOccurrences(of: #"'[^']*'"#, with: "'…'", options: .regularExpression)
            .replacingOccurrences(of: #"-?\d+(\.\d+)?(e[+-]?\d+)?"#, with: "#", options: .regularExpression)
        return (issue.file ?? "") + "|" + indexFree(issue.keyPath) + "|" + problem
    }
}
