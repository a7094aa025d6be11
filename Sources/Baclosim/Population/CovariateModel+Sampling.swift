extension CovariateModel {
    /// Draws one subject's covariates from independent standard normals.
    ///
    /// `normals[i]` feeds `CovariateSlot(rawValue: i)`; the copula correlates them (`y = L·z`).
    /// Continuous margins read `y_i`; sex, liver, psychiatric, DSM-5 criteria and pregnancy read
    /// `u_i = Φ(y_i)`. Sex is male iff `u < P(male)` (RM-1's rule, with `u = Φ(z_sex)` when
    /// independent). Margins that depend on others (weight on sex, Cockcroft–Gault on age,
    /// weight and sex, pregnancy on sex and age) are computed after them.
    ///
    /// - Parameter normals: at least `CovariateSlot.count` independent standard normals.
    /// - Complexity: O(slots²) with correlations, O(slots) without; allocation-free.
    func sample(normals: some RandomAccessCollection<Double>) -> Covariates {
        assert(normals.count >= CovariateSlot.count, "one standard normal per covariate slot")
        func y(_ slot: CovariateSlot) -> Double { copula.correlate(slot.rawValue, normals: normals) }
        func u(_ slot: CovariateSlot) -> Double { StandardNormalDistribution.cdf(y(slot)) }

        let sex: Sex = u(.sex) < probabilityMale ? .male : .female
        let ageYears = age.ageYears(normal: y(.age))
        let weightKg = weight.weightKg(sex: sex, normal: y(.weight))
        let clearance = renal.creatinineClearanceMLPerMin(
            normal: y(.renal), ageYears: ageYears, weightKg: weightKg, sex: sex)
        let pregnant = u(.pregnancy) < pregnancy.probability(sex: sex, ageYears: ageYears)
        return Covariates(
            sex: sex,
            ageYears: ageYears,
            weightKg: weightKg,
            creatinineClearanceMLPerMin: clearance,
            liver: liver.category(uniform: u(.liver)),
            psychiatric: u(.psychiatric) < probabilityPsychiatric,
            dsm5Criteria: dsm5Criteria.criteria(uniform: u(.dsm5Criteria)),
            baselineDrinksPerDay: baselineDrinksPerDay.value(normal: y(.baselineDrinks)),
            pregnant: pregnant,
            baselineCraving: baselineCraving.value(normal: y(.baselineCraving)))
    }
}
