/// The fixed coordinates of the covariate copula: one standard normal per covariate.
///
/// The caller draws one independent standard normal per slot (in this order, from whatever
/// stream and slot it chooses) and passes them to `CovariateModel.sample(normals:)`. The order
/// is part of the random-number layout: never reorder or reuse a case; append new ones.
enum CovariateSlot: Int, CaseIterable, Sendable {
    case sex = 0
    case age
    case weight
    /// Creatinine clearance, or serum creatinine when renal function uses Cockcroft–Gault.
    case renal
    case liver
    case psychiatric
    case dsm5Criteria
    case baselineDrinks
    case pregnancy
    case baselineCraving

    /// Number of slots: the length of the normal vector and the copula's dimension.
    static let count = allCases.count
}
