/// A subgroup of the simulated population (`subgroups:` in a scenario, Scenarios/README.md): the
/// subjects whose baseline covariates meet every condition given. Every table of a run is then
/// also reported for each subgroup (`subgroups.csv`, `subgroup-effects.csv`, `subgroup-km.csv`),
/// as trials report subgroup results.
struct SubgroupDefinition: Sendable, Equatable {
    /// The subgroup's name in the outputs.
    var name: String
    var sex: Sex?
    /// Inclusive bands `[low, high]` (years, mL/min, drinks/day, criteria); nil: any.
    var ageYears: ClosedRange<Double>?
    var creatinineClearanceMLPerMin: ClosedRange<Double>?
    var baselineDrinksPerDay: ClosedRange<Double>?
    var dsm5Criteria: ClosedRange<Double>?
    /// The liver states included (e.g. compensated and cirrhosis: any liver disease); nil: any.
    var liver: [LiverDisease]?
    var psychiatric: Bool?

    /// The most subgroups a scenario may have (one bit each in a subject's membership mask).
    static let maximumCount = 64

    /// Whether a subject with `covariates` belongs to the subgroup.
    func contains(_ covariates: Covariates) -> Bool {
        if let sex, covariates.sex != sex { return false }
        if let ageYears, !ageYears.contains(covariates.ageYears) { return false }
        if let band = creatinineClearanceMLPerMin, !band.contains(covariates.creatinineClearanceMLPerMin) { return false }
        if let band = baselineDrinksPerDay, !band.contains(covariates.baselineDrinksPerDay) { return false }
        if let band = dsm5Criteria, !band.contains(Double(covariates.dsm5Criteria)) { return false }
        if let liver, !liver.contains(covariates.liver) { return false }
        if let psychiatric, covariates.psychiatric != psychiatric { return false }
        return true
    }

    /// Whether no condition is given (every subject would belong).
    var isUnconditional: Bool {
        sex == nil && ageYears == nil && creatinineClearanceMLPerMin == nil && baselineDrinksPerDay == nil
            && dsm5Criteria == nil && liver == nil && psychiatric == nil
    }
}
