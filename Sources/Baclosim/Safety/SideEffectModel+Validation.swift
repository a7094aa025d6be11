extension SideEffectModel {
    /// Every invalid parameter, with keys as in the scenario's `side_effects[i]` block.
    public func validationProblems() -> [ParameterProblem] {
        var list = SafetyProblemList()
        list.require(!name.isEmpty, "name", "must not be empty", fix: "Name the effect, e.g. somnolence.")
        list.check(onset, prefix: "onset")
        let s = susceptibility
        list.requireNonNegative(s.elderlyAgeYears, "susceptibility.elderly.age_years_at_least", example: "65")
        list.requireNonNegative(s.elderlyMultiplier, "susceptibility.elderly.multiplier", example: "1.5")
        list.requireNonNegative(s.renalImpairmentBelowCrClMLPerMin,
                                "susceptibility.renal_impairment.crcl_mL_per_min_below", example: "60")
        list.requireNonNegative(s.renalImpairmentMultiplier, "susceptibility.renal_impairment.multiplier",
                                example: "1.3")
        list.requireNonNegative(s.psychiatricMultiplier, "susceptibility.psychiatric_multiplier", example: "1.2")
        list.requireNonNegative(s.liverDiseaseMultiplier, "susceptibility.liver_disease_multiplier", example: "1.2")
        if let tolerance { list.check(tolerance, prefix: "tolerance") }
        switch resolution {
        case .firstOnsetOnly:
            break
        case .dailyProbability(let p):
            list.require(p > 0 && p <= 1, "resolution.daily_probability",
                         "must be in (0, 1] (found \(p))", fix: "Use 1/(mean episode length in days), e.g. 0.1, or first_onset_only.")
        case .hazardPerDay(let h):
            list.require(h.isFinite && h > 0, "resolution.hazard_per_day",
                         "must be a finite number > 0 (found \(h))", fix: "Use e.g. 0.1, or first_onset_only.")
        }
        let c = consequences
        list.requireProbability(c.intolerableProbability, "intolerable.probability", example: "0.1")
        if case .reduceDose(let step?) = c.intolerableAction {
            list.requirePositive(step, "intolerable.reduce_by_mg_per_day", example: "10")
        }
        list.require(c.disutilityPerEpisodeDay >= 0 && c.disutilityPerEpisodeDay <= 1, "disutility_per_day",
                     "must be in [0, 1] (found \(c.disutilityPerEpisodeDay))", fix: "Use the utility lost per day with the effect, e.g. 0.02.")
        list.requireNonNegative(c.costPerEpisode, "cost_per_episode", example: "40")
        return list.problems
    }
}
