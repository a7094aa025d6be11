/// The names of a run's outputs (rows of the outcome tables) that depend on what a scenario
/// declares, and the rule for names a user chooses: shared by the engine, which registers the
/// metrics under these names, and the scenario layer, which checks `targets:` and user-chosen
/// names against them before any model is built.
enum OutputNames {
    /// Whether `name` can be an output column: ASCII letters, digits and underscores, starting
    /// with a letter (arm, endpoint, metric, side effect and subgroup names), so that it needs no
    /// quoting in CSV and cannot be confused with a `minuend-subtrahend` name.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first,
            ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }

    /// The dose metrics of arms with dosing rules, in layout order.
    static let dose = ["achieved_dose_mg_per_day", "reached_ceiling_dose", "dose_stepped_down", "days_to_achieved_dose", "total_mg_taken"]

    /// The treatment-course metrics of arms with `course:` rules, in layout order.
    static let course = ["treatment_switched", "treatment_restarted", "days_to_treatment_change"]

    /// Hours from the last dose to the first withdrawal onset (with p05/p50/p95).
    static let withdrawalOnsetHours = "withdrawal_onset_hours_after_last_dose"
    /// Hours from the last dose to the first day with hallucinations or worse (severity tiers only).
    static let withdrawalHallucinationsHours = "withdrawal_hallucinations_onset_hours_after_last_dose"
    /// Hours from the last dose to the first day with convulsions (severity tiers only).
    static let withdrawalConvulsionsHours = "withdrawal_convulsions_onset_hours_after_last_dose"
    /// Hours from the first dose after reinstatement to the end of the drive (`reinstate_at_symptom` only).
    static let withdrawalResolutionHours = "withdrawal_resolution_hours_after_reinstatement"

    /// The withdrawal timing metrics for `models` (the withdrawal models in use), in layout order.
    static func withdrawalTiming(_ models: [WithdrawalModel]) -> [String] {
        var names = [withdrawalOnsetHours]
        if models.contains(where: { !$0.severityTiers.isEmpty }) { names += [withdrawalHallucinationsHours, withdrawalConvulsionsHours] }
        if models.contains(where: { $0.reinstateAtSymptom != nil }) { names.append(withdrawalResolutionHours) }
        return names
    }

    /// The safety metrics a scenario reports, in registration order: per side effect its
    /// incidence and the shares who stopped or reduced because of it; withdrawal; alcohol
    /// withdrawal; toxicity. `withdrawal`: every withdrawal model in use (scenario-level and
    /// per drug).
    static func safety(sideEffects: [String], withdrawal: [WithdrawalModel], alcoholWithdrawal: Bool, toxicity: Bool) -> [String] {
        var names = sideEffects.flatMap { ["\($0)_incidence", "\($0)_discontinued", "\($0)_dose_reduced"] }
        if !withdrawal.isEmpty {
            names += ["withdrawal_incidence", "withdrawal_days"]
            if withdrawal.contains(where: { !$0.severityTiers.isEmpty }) { names.append("withdrawal_severe_incidence") }
            names.append("withdrawal_onset_days_after_last_dose")
            names += withdrawalTiming(withdrawal)
        }
        if alcoholWithdrawal { names += ["alcohol_withdrawal_seizure_incidence", "alcohol_withdrawal_delirium_incidence"] }
        if toxicity { names.append("toxicity_serious_incidence") }
        return names
    }
}
