/// The population's covariate distributions, declared as data (docs/model.md#2-population-and-covariates).
///
/// Each covariate has a margin and a copula coordinate (`CovariateSlot`); correlations come
/// from a Gaussian copula. `sample(normals:)` turns one vector of independent standard normals
/// (drawn by the caller from the subject's covariate stream) into `Covariates`. Sampling makes
/// no draws of its own, so a subject's covariates are the same in every arm.
struct CovariateModel: Sendable, Equatable {
    /// P(male).
    var probabilityMale: Double
    /// Age at day 0.
    var age: AgeDistribution
    /// Weight by sex.
    var weight: WeightDistribution
    /// Renal function (direct CrCl or Cockcroft–Gault).
    var renal: RenalFunctionModel
    /// Liver disease categories.
    var liver: LiverDiseaseDistribution = LiverDiseaseDistribution()
    /// P(psychiatric comorbidity).
    var probabilityPsychiatric: Double = 0
    /// DSM-5 criteria count.
    var dsm5Criteria: DSM5CriteriaDistribution = .fixed(6)
    /// Baseline drinks per day (standard drinks).
    var baselineDrinksPerDay: CovariateMargin = .fixed(10)
    /// Pregnancy at screening, by age band (women only).
    var pregnancy: PregnancyDistribution = PregnancyDistribution()
    /// Baseline craving level μ.
    var baselineCraving: CovariateMargin
    /// Baseline percentage of heavy drinking days (nil: not given; subjects then have NaN).
    var baselineHeavyDrinkingDaysPercent: BetaPercentMargin? = nil
    /// Drinking frailty: a multiplier of the drinking-day hazards that opt in
    /// (`multipliers: {drinking_frailty_power: p}`), usually lognormal with median 1 (fixed 1 by
    /// default).
    var drinkingFrailty: CovariateMargin = .fixed(1)
    /// Dependence between the slots' normals.
    var copula: GaussianCopula = .independent()
}
