import Foundation

/// One invalid input found by a model's own validation: the key path of the parameter relative
/// to the model's block, what is wrong, and how to fix it. The one problem type of every kernel
/// (pharmacokinetics, regimens, safety, economics, PSA distributions); kernels know no files.
/// The scenario layer places a problem in its file and line and under its block's key path
/// (``ScenarioIssue/init(_:file:line:under:)``).
public struct ParameterProblem: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Dotted key path relative to the validated block, e.g. `titration[1].days`.
    public var keyPath: String
    /// What is wrong, without a trailing full stop, e.g. `must be > 0 (found 0)`.
    public var problem: String
    /// How to fix it, as a full sentence (may be empty).
    public var fix: String

    /// Creates a problem; `problem` should not end with a full stop (one is added when printed).
    public init(keyPath: String, problem: String, fix: String) {
        self.keyPath = keyPath
        self.problem = problem
        self.fix = fix
    }

    /// `key.path: problem. fix`.
    public var description: String {
        var text = keyPath.isEmpty ? "" : keyPath + ": "
        text += problem
        if !problem.hasSuffix(".") { text += "." }
        if !fix.isEmpty { text += " " + fix }
        return text
    }

    /// The same problem with `prefix` put in front of its key path.
    public func under(_ prefix: String) -> ParameterProblem {
        var copy = self
        copy.keyPath = Self.joinKeyPath(prefix, keyPath)
        return copy
    }

    /// `prefix.suffix`, or `prefix[i]…` when the suffix starts with an index.
    public static func joinKeyPath(_ prefix: String, _ suffix: String) -> String {
        if prefix.isEmpty { return suffix }
        if suffix.isEmpty { return prefix }
        return suffix.hasPrefix("[") ? prefix + suffix : prefix + "." + suffix
    }

    /// A number the way a user would write it in a message: integers without a decimal point,
    /// others rounded to 6 decimals (`0.57`, `1/3` → `0.333333`), beyond 1e15 six significant
    /// digits in exponent form (`1e+20`).
    public static func formatNumber(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "infinity" : "-infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        // Beyond 1e15 the rounding below overflows or prints every digit.
        if abs(value) >= 1e15 { return String(format: "%.6g", value) }
        let rounded = (value * 1e6).rounded() / 1e6
        return rounded == 0 ? String(value) : String(rounded)
    }
}

/// Every problem one validation found, thrown together (every error at once).
public struct ParameterProblems: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in the order found.
    public var problems: [ParameterProblem]

    /// Wraps a list of problems (expected to be non-empty).
    public init(_ problems: [ParameterProblem]) {
        self.problems = problems
    }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
