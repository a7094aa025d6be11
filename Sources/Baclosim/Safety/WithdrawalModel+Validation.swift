extension WithdrawalModel {
    /// Every invalid parameter, with keys as in the scenario's `withdrawal` block.
    public func validationProblems() -> [ParameterProblem] {
        var list = SafetyProblemList()
        list.requirePositive(adaptationRiseTimeConstantDays, "adaptation.tau_up_days", example: "20")
        list.requirePositive(adaptationFallTimeConstantDays, "adaptation.tau_down_days", example: "3")
        list.requireNonNegative(driveThreshold, "drive_threshold", example: "0.05")
        list.requireNonNegative(hazardPerUnitDrive, "hazard_per_unit_drive", example: "3.0")
        if case .occupancy(_, let ec50, let hill) = driver {
            list.requirePositive(ec50, "driver.ec50_mg_per_L", example: "0.1")
            list.requirePositive(hill, "driver.hill", example: "1")
        }
        var previous: WithdrawalSymptom?
        for (index, tier) in severityTiers.enumerated() {
            let prefix = "severity_tiers[\(index)]"
            if let previous {
                list.require(tier.symptom > previous, "\(prefix).symptom",
                             "must be more severe than the tier before (\(previous.key)), found \(tier.symptom.key)", fix: "List tiers once each, mildest first: anxiety, tachycardia, hallucinations, psychosis, convulsions.")
            }
            previous = tier.symptom
            list.requireNonNegative(tier.driveThreshold, "\(prefix).drive_threshold", example: "0.1")
            list.require(tier.probabilitySlopePerUnitDrive > 0, "\(prefix).probability_slope_per_unit_drive",
                         "must be > 0 (found \(tier.probabilitySlopePerUnitDrive))", fix: "Use e.g. 2, or .inf for a pure threshold.")
        }
        return list.problems
    }
}
