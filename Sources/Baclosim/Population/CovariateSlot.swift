/// The fixed coordinates of the covariate copula: one standard normal per covariate.
///
/// The caller draws one independent standard normal per slot (in this order, from whatever
/// stream and slot it chooses) and passes them to `CovariateModel.sample(normals:)`. The order
/// is part of the random-number layout: never reorder or reuse a case; append new ones.
enum CovariateSlot: Int, CaseIterable, Sendable {
    /// Sex (uniform: male iff u < P(male)).
    case sex = 0
    /// Age at day 0.
    case age
    /// Body weight.
    case weight
    /// Creatinine clearance, or serum creatinine when renal function uses Cockcroft–Gault.
    case renal
    /// Liver disease category.
    case liver
    /// Psychiatric comorbidity.
    case psychiatric
    /// DSM-5 criteria count.
    case dsm5Criteria
    /// Baseline drinks per day.
    case baselineDrinks
    /// Pregnancy at screening.
    case pregnancy
    /// Baseline craving level μ.
    case baselineCraving
    /// Baseline percentage of heavy drinking days.
    case baselineHeavyDays
    /// The subject's drinking frailty (propensity to drink on a day once drinking).
    case drinkingFrailty

    /// Number of slots: the length of the normal vector and the copula's dimension.
    static let count = allCases.count
}
