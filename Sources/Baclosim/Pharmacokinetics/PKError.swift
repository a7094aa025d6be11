/// Errors from the pharmacokinetic layer. Each reads as one line that says what to fix.
public enum PKError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The model parameters failed validation; all problems are listed.
    case invalidParameters([ParameterProblem])
    /// A dose cannot be given to this model (e.g. oral dose without an absorption rate).
    case invalidDose(index: Int, [ParameterProblem])
    /// A daily schedule the exposure kernel cannot run (too many slots, times outside a day…).
    case invalidSchedule(String)
    /// The metabolite was asked for, but the model has none.
    case noMetabolite
    /// A GSL ODE call returned a status other than `GSL_SUCCESS` (see `gsl_errno.h`).
    case odeFailure(status: Int32)

    /// One clear line for the CLI.
    public var description: String {
        switch self {
        case .invalidParameters(let problems):
            return "invalid PK parameters: " + problems.map(\.description).joined(separator: "; ")
        case .invalidDose(let index, let problems):
            return "dose \(index): " + problems.map(\.description).joined(separator: "; ")
        case .invalidSchedule(let message):
            return "invalid dosing schedule: \(message)"
        case .noMetabolite:
            return "the metabolite was requested but the model has no metabolite; add metabolite parameters or ask for the parent"
        case .odeFailure(let status):
            return "ODE solver failed (GSL status \(status)); try msbdf for stiff models or loosen the tolerance"
        }
    }
}
