/// Errors from the engine: a layout or run configuration that cannot work, or a run in which
/// too many subjects failed.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    /// The outcome layout has problems; each string names one and its fix.
    case invalidLayout([String])
    /// The run configuration has problems; each string names one and its fix.
    case invalidConfiguration([String])
    /// More than `maxFailedFraction` of the subjects failed (a numerical failure in the model).
    /// `firstFailure` describes the failure of the lowest-numbered failed subject.
    case tooManyFailures(failed: Int, subjects: Int, maxFailedFraction: Double, firstFailure: String?)

    public var description: String {
        switch self {
        case .invalidLayout(let problems):
            return "invalid outcome layout:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .invalidConfiguration(let problems):
            return "invalid run configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .tooManyFailures(let failed, let subjects, let maxFraction, let first):
            var text =
                "\(failed) of \(subjects) subjects failed, more than the allowed fraction \(maxFraction)."
            if let first { text += " First failure: \(first)." }
            return text + " Check the scenario's parameters, or raise the allowed failure fraction."
        }
    }
}
