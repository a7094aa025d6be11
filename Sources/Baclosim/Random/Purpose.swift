/// The stochastic component a random number is drawn for: one part of a stream's address
/// (seed, subject, **purpose**, day, slot).
///
/// Each component of the model draws from its own purpose, so drawing more or fewer numbers for
/// one component (say, an arm with more doses to miss) never shifts the numbers another
/// component sees. That is what keeps arms paired (docs/model.md#12-engine-rules, rules 1 and 2).
///
/// The raw values are part of the output's reproducibility contract: a seed replays a run only
/// while every purpose keeps its number. So:
/// - a **new** stochastic component gets a **new** raw value (the next unused one), even if it
///   resembles an existing one;
/// - a raw value is never reused, renumbered or reordered, even after its component is removed;
/// - raw value 0 is reserved (it is the stream `gsl_rng_set` selects, see `GSLSampler`).
public struct Purpose: RawRepresentable, Hashable, Sendable {
    /// The purpose's number; it becomes word 2 of the Philox counter.
    public let rawValue: UInt32

    /// A purpose from its number. Use the named constants for the model's components; this is for
    /// components defined outside the core model (extensions, tests), which must pick a number
    /// not in the registry below.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    // The registry. Append only; never reorder or renumber.

    /// Baseline covariates (body weight, renal function, baseline drinking, …); drawn on day 0.
    public static let covariates = Purpose(rawValue: 1)
    /// Between-subject pharmacokinetic variability (random effects on clearance, volume, ka).
    public static let pkVariability = Purpose(rawValue: 2)
    /// Missed and late doses.
    public static let adherence = Purpose(rawValue: 3)
    /// Day-to-day craving noise.
    public static let craving = Purpose(rawValue: 4)
    /// Cue-exposure jumps in craving.
    public static let cueJumps = Purpose(rawValue: 5)
    /// Whether the subject drinks on a day (state transitions of the drinking model).
    public static let drinking = Purpose(rawValue: 6)
    /// How many standard drinks on a drinking day.
    public static let drinkCount = Purpose(rawValue: 7)
    /// Onset and resolution of side effects (sedation, dizziness, …).
    public static let sideEffects = Purpose(rawValue: 8)
    /// Baclofen withdrawal on abrupt stop or missed doses.
    public static let withdrawal = Purpose(rawValue: 9)
    /// Dropout from treatment or follow-up.
    public static let dropout = Purpose(rawValue: 10)
    /// Death from any cause.
    public static let mortality = Purpose(rawValue: 11)
    /// Screening and eligibility of generated subjects.
    public static let eligibility = Purpose(rawValue: 12)
    /// Latent responder / non-responder class.
    public static let responder = Purpose(rawValue: 13)
    /// Probabilistic sensitivity analysis: parameter draws (the subject slot holds the PSA
    /// iteration).
    public static let psaParameters = Purpose(rawValue: 14)
    /// Choosing which subjects' daily trajectories are written out.
    public static let trajectorySample = Purpose(rawValue: 15)
    /// Toxicity events at high exposure (e.g. confusion, seizures, overdose).
    public static let toxicity = Purpose(rawValue: 16)
    /// Alcohol withdrawal syndrome after stopping drinking.
    public static let alcoholWithdrawal = Purpose(rawValue: 17)
    /// As-needed dosing: whether the subject expects to drink today, and takes the dose.
    public static let asNeededDosing = Purpose(rawValue: 18)
    /// State-transition microsimulation: the initial state (day 0) and each cycle's move (the
    /// cycle number as the day).
    public static let stateTransition = Purpose(rawValue: 19)

    /// Every named purpose in the registry, in raw-value order.
    public static let registry: [Purpose] = [
        .covariates, .pkVariability, .adherence, .craving, .cueJumps, .drinking, .drinkCount,
        .sideEffects, .withdrawal, .dropout, .mortality, .eligibility, .responder,
        .psaParameters, .trajectorySample, .toxicity, .alcoholWithdrawal, .asNeededDosing,
        .stateTransition,
    ]
}

extension Purpose: CustomStringConvertible {
    /// The registry name (as in source), or `purpose(<raw>)` for an unnamed purpose; manifests and
    /// error messages use it.
    public var description: String {
        switch rawValue {
        case 1: "covariates"
        case 2: "pkVariability"
        case 3: "adherence"
        case 4: "craving"
        case 5: "cueJumps"
        case 6: "drinking"
        case 7: "drinkCount"
        case 8: "sideEffects"
        case 9: "withdrawal"
        case 10: "dropout"
        case 11: "mortality"
        case 12: "eligibility"
        case 13: "responder"
        case 14: "psaParameters"
        case 15: "trajectorySample"
        case 16: "toxicity"
        case 17: "alcoholWithdrawal"
        case 18: "asNeededDosing"
        case 19: "stateTransition"
        default: "purpose(\(rawValue))"
        }
    }
}
