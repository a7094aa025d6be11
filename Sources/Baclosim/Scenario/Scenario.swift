import Foundation

/// A validated scenario: what to simulate, for whom, under which arms, and what to report.
///
/// Built by ``Scenario/load(path:)`` from a YAML file (schema in `Scenarios/README.md`); every
/// field is checked, so the engine can trust it. Arms share the population, behaviour and safety
/// models; they differ in treatment (drug, regimen, psychosocial support) and eligibility.
public struct Scenario: Sendable {
    /// The scenario's name (`name:`), used for the default output folder.
    public var name: String
    /// The file it was read from, as given.
    public var path: String
    /// A sentence saying what the scenario represents.
    public var description: String
    /// Subjects, seed, horizon and block size.
    public var run: RunSettings
    /// Covariate distributions of the simulated population.
    var population: CovariateModel
    /// Arms in declaration order; the first is the reference for paired differences.
    var arms: [Arm]
    /// Taking or missing scheduled doses (the same model in every arm, so missed doses are
    /// common random numbers).
    var adherence: Adherence
    /// Latent craving dynamics.
    var craving: CravingSettings
    /// Drinking states, hazards and amounts.
    var drinking: DrinkingModel
    /// Concentration-driven side effects.
    var sideEffects: [NamedSideEffect]
    /// Drug withdrawal (adaptation model), or `nil` when not modelled.
    var withdrawal: WithdrawalModel?
    /// Trial endpoints computed from each subject's daily record.
    var endpoints: [NamedEndpoint]
    /// Exposure summaries on given days.
    var exposureMetrics: [ExposureMetric]
    /// Report the per-subject dose outputs and the daily prescribed dose (`metrics.dose`;
    /// default: when an arm titrates to response).
    var reportsDoses = false
    /// Craving summaries on given days.
    var cravingMetrics: [CravingMetric]
    /// Paired differences to report besides each arm against the reference arm.
    var differences: [DifferenceRequest]
    /// Costs, utilities and mortality for a cost-utility analysis, or `nil`.
    var economics: EconomicsSettings? = nil
    /// The `sweep:` block (`baclosim sweep`), or `nil`.
    public var sweep: SweepDefinition? = nil
    /// The `psa:` block (`baclosim psa`), or `nil`.
    public var psa: PSADefinition? = nil
    /// Published trial results to compare the run with (`targets:`; `baclosim targets`).
    public var targets: [TrialTarget] = []
    /// The `calibration:` block (`baclosim calibrate`), or `nil`.
    public var calibration: CalibrationDefinition? = nil
    /// Alcohol-withdrawal seizures and delirium at treatment start (`alcohol_withdrawal:`), or `nil`.
    var alcoholWithdrawal: AlcoholWithdrawalModel? = nil
    /// Toxicity at high exposure (`toxicity:`), or `nil`.
    var toxicity: ToxicityModel? = nil
    /// Subgroups every table is also reported for (`subgroups:`).
    var subgroups: [SubgroupDefinition] = []

    /// Arm names in order.
    public var armNames: [String] { arms.map(\.name) }

    /// Whether some arm has treatment-course rules (`course:`), whose events are reported.
    var hasTreatmentCourse: Bool { arms.contains { !$0.course.isEmpty } }
}

/// The `run:` block.
public struct RunSettings: Sendable, Equatable {
    /// Subjects simulated (each in every arm).
    public var subjects: Int
    /// Seed of every random stream.
    public var seed: UInt64
    /// Days simulated, day 0 … horizonDays − 1.
    public var horizonDays: Int
    /// Subjects per block (fixed, so results do not depend on threads).
    public var blockSize: Int
    /// The run fails when more than this fraction of subjects hit a numerical failure.
    public var maxFailedFraction: Double
}

/// One arm: who gets what.
struct Arm: Sendable {
    var name: String
    /// The drug given, or `nil` for placebo / psychosocial support only.
    var treatment: Treatment?
    /// Who may enter this arm.
    var eligibility: EligibilityRules?
    /// Psychosocial therapy alongside (modifies craving's mean).
    var psychosocialTherapy: Bool
    /// Hazard ratio applied to drinking hazards that accept a treatment effect (1 = none).
    var treatmentHazardRatio: Double
    /// Benzodiazepine prophylaxis over the alcohol-withdrawal window at treatment start.
    var benzodiazepineCover: Bool = false
    /// Per scenario side effect (same order): which drug part this arm's drug uses. Empty: the
    /// scenario entry's own (arms built in code).
    var sideEffectParts: [SideEffectPartChoice] = []
    /// `side_effect_consequences:`: keys replacing the scenario's consequences, by effect name.
    var sideEffectConsequences: [String: SideEffectConsequenceOverride] = [:]
    /// `course:`: treatment-course events (switch or restart on a criterion), in order of
    /// precedence when two fire on the same day.
    var course: [TreatmentCourseRule] = []
    /// `economics:`: the scenario's economics with this arm's own keys (nil: the scenario's).
    var economics: EconomicsSettings?
}

/// A drug and how it is given in one arm.
struct Treatment: Sendable {
    /// Name the scenario gives the drug (key under `drugs:`).
    var drugName: String
    /// The population PK model.
    var model: DrugModelDefinition
    /// The drug's effect on craving.
    var pharmacodynamics: PharmacodynamicModel
    /// Doses by day.
    var regimen: Regimen
    /// The drug's withdrawal model (see ``DrugSafetySelection`` for the precedence).
    var withdrawal: DrugSafetySelection<WithdrawalModel> = .scenarioLevel
    /// The drug's toxicity model (see ``DrugSafetySelection``).
    var toxicity: DrugSafetySelection<ToxicityModel> = .scenarioLevel
}

/// The `craving:` block.
struct CravingSettings: Sendable, Equatable {
    /// OU reversion per day (θ).
    var reversionPerDay: Double
    /// OU volatility (σ, per √day).
    var volatility: Double
    /// Modifiers of the mean.
    var mean: CravingMeanModel
    /// Cue-triggered jumps, or `nil`.
    var cues: CueExposure?
}

/// A side effect with its report name.
struct NamedSideEffect: Sendable {
    var name: String
    /// The scenario's entry: background, susceptibility, resolution, consequences, and its own
    /// drug part (none: `Emax` 0). Arms use ``Scenario/sideEffectModel(arm:effect:)``.
    var model: SideEffectModel
    /// The drug part written in the scenario's entry, or `nil`.
    var scenarioDrugPart: SideEffectDrugPart? = nil
    /// `drugs:`: the drugs that drug part describes, or `nil` (then it is legal only when the arms
    /// give a single drug).
    var drugs: [String]? = nil
}

/// An endpoint with its metric name.
struct NamedEndpoint: Sendable, Equatable {
    var name: String
    var definition: EndpointDefinition
    /// The endpoint gives its own `heavy_day_drinks` (else it counts by the drinking model's).
    var givesHeavyThreshold = false
    /// `population: {reached_dose_mg_per_day: X}`: the analysis population of subjects whose
    /// prescribed daily dose reached X mg/day on some day (entered a high-dose phase); the
    /// others are left out (NaN, and out of its Kaplan–Meier curve). Nil: every subject.
    var reachedDoseMgPerDay: Double? = nil
    /// `test:`: the test `baclosim trial` applies instead of the default for the endpoint's
    /// kind (χ² for a share of subjects, Welch's t for a mean, log-rank for a time to event).
    var trialTest: TrialTestKind? = nil
    /// `report_sd: true`: summary.csv gives the SD across subjects as `<name>_sd`.
    var reportsStandardDeviation = false
}

/// A trial's test of one endpoint, as a scenario names it.
enum TrialTestKind: String, Sendable, Equatable, CaseIterable {
    case chiSquare = "chi_square"
    case fisher
    case welchT = "welch_t"
    case logRank = "log_rank"
    case wilcoxon
}

/// Mean (and optional quantiles) of a daily exposure on one day, across subjects.
struct ExposureMetric: Sendable, Equatable {
    enum Measure: String, Sendable, CaseIterable { case cavg, cmax, cmin, auc }
    var name: String
    var measure: Measure
    var day: Int
    var quantiles: [Double]
}

/// Mean latent craving on one day.
struct CravingMetric: Sendable, Equatable {
    var name: String
    var day: Int
}

/// A requested paired difference `a − b` over some metrics (all metrics when empty).
struct DifferenceRequest: Sendable, Equatable {
    var a: String
    var b: String
    var metrics: [String]
}
