extension CovariateModel {
    /// Draws one subject's covariates from independent standard normals.
    ///
    /// `normals[i]` feeds `CovariateSlot(rawValue: i)`; the copula correlates them (`y = L·z`).
    /// Continuous margins read `y_i` (the baseline heavy-days Beta margin its quantile at `u_i`); sex, liver, psychiatric, DSM-5 criteria and pregnancy read
    /// `u_i = Φ(y_i)`. Yes/no margins and ordered categories put the worse outcome in the upper
    /// tail (psychiatric iff `1 − u < p`, computed as `Φ(−y) < p`; cirrhosis above compensated
    /// above none; more DSM-5 criteria for larger `u`), so a positive correlation means a positive
    /// association. Sex is male iff `u < P(male)` (RM-1's rule): a positive correlation with the
    /// sex slot associates women with higher values; sex-specific margins (weight) usually serve
    /// better than correlating sex. Margins that depend on others (weight on sex, Cockcroft–Gault on age,
    /// weight and sex, pregnancy on sex and age) are computed after them.
    ///
    /// - Parameter normals: at least `CovariateSlot.count` independent standard normals.
    /// - Complexity: O(slots²) with correlations, O(slots) without; allocation-free.
    func sample(normals: some RandomAccessCollection<Double>) -> Covariates {
        assert(normals.count >= CovariateSlot.count, "one standard normal per covariate slot")
        func y(_ slot: CovariateSlot) -> Double { copula.correlate(slot.rawValue, normals: normals) }
        func u(_ slot: CovariateSlot) -> Double { StandardNormalDistribution.cdf(y(slot)) }
        /// `1 − u`, accurate in the upper tail.
        func upper(_ slot: CovariateSlot) -> Double { StandardNormalDistribution.cdf(-y(slot)) }

        let sex: Sex = u(.sex) < probabilityMale ? .male : .female
        let ageYears = age.ageYears(normal: y(.age))
        let weightKg = weight.weightKg(sex: sex, normal: y(.weight))
        let clearance = renal.creatinineClearanceMLPerMin(
            normal: y(.renal), ageYears: ageYears, weightKg: weightKg, sex: sex)
        let pregnant = upper(.pregnancy) < pregnancy.probability(sex: sex, ageYears: ageYears)
        return Covariates(
            sex: sex,
            ageYears: ageYears,
            weightKg: weightKg,
            creatinineClearanceMLPerMin: clearance,
            liver: liver.category(uniform: u(.liver)),
            psychiatric: upper(.psychiatric) < probabilityPsychiatric,
            dsm5Criteria: dsm5Criteria.criteria(uniform: u(.dsm5Criteria)),
            baselineDrinksPerDay: baselineDrinksPerDay.value(normal: y(.baselineDrinks)),
            pregnant: pregnant,
            baselineCraving: baselineCraving.value(normal: y(.baselineCraving)),
            baselineHeavyDrinkingDaysPercent: baselineHeavyDrinkingDaysPercent?.value(uniform: u(.baselineHeavyDays)) ?? .nan,
            drinkingFrailty: drinkingFrailty.value(normal: y(.drinkingFrailty)))
    }
}
