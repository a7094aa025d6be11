/// The `calibration:` block: which scenario numbers `baclosim calibrate` fits to the scenario's
/// `targets:`, within which bounds, and how much simulation each evaluation of the objective gets.
///
/// Each parameter is a key path (as for sweeps and PSA, ``ScenarioOverride``) with bounds
/// `lower < initial < upper`; the minimiser works on an unbounded transform of it
/// (``ParameterTransform``: logit of the position between the bounds, on the log scale when
/// `scale: log`), so a fitted value always stays strictly inside its bounds.
public struct CalibrationDefinition: Sendable, Equatable {
    /// One fitted number.
    public struct Parameter: Sendable, Equatable {
        /// Key path of the number in the scenario (see ``ScenarioOverride``).
        public var keyPath: String
        /// Start value, strictly between the bounds (default: the value the scenario gives it).
        public var initial: Double
        /// Lower bound (exclusive for the fit; > 0 on the log scale).
        public var lower: Double
        /// Upper bound (exclusive for the fit).
        public var upper: Double
        /// Whether the transform works on log(value) (rates, hazards spanning decades).
        public var isLogScale: Bool

        /// Creates a parameter; see the properties for the rules.
        public init(keyPath: String, initial: Double, lower: Double, upper: Double, isLogScale: Bool = false) {
            self.keyPath = keyPath
            self.initial = initial
            self.lower = lower
            self.upper = upper
            self.isLogScale = isLogScale
        }

        /// The map between the value and the minimiser's unbounded coordinate.
        public var transform: ParameterTransform { ParameterTransform(lower: lower, upper: upper, isLogScale: isLogScale) }
    }

    /// Subjects per evaluation when the block does not say: enough that a proportion's Monte
    /// Carlo SE (≤ 0.011) is small against typical trial intervals, few enough that ~100
    /// evaluations of a 2–4-arm, 12-week scenario take a minute or two in a release build.
    public static let defaultSubjects = 2000
    /// Nelder–Mead iterations when the block does not say.
    public static let defaultMaxIterations = 100
    /// Convergence: the simplex's characteristic size in transformed units
    /// (`gsl_multimin_fminimizer_size`); 0.01 is ≈ 0.25 % of the bounded range at mid-range.
    public static let defaultSizeTolerance = 0.01

    /// The fitted numbers, in block order.
    public var parameters: [Parameter]
    /// Subjects per objective evaluation (each in every arm).
    public var subjects: Int
    /// Maximum Nelder–Mead iterations.
    public var maxIterations: Int
    /// Simplex size (transformed units) below which the fit has converged.
    public var sizeTolerance: Double

    /// Creates a definition; defaults as documented on the static constants.
    public init(parameters: [Parameter], subjects: Int = Self.defaultSubjects, maxIterations: Int = Self.defaultMaxIterations,
                sizeTolerance: Double = Self.defaultSizeTolerance) {
        self.parameters = parameters
        self.subjects = subjects
        self.maxIterations = maxIterations
        self.sizeTolerance = sizeTolerance
    }
}
