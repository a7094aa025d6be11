/// Where the withdrawal timing outputs (hours, from the exact within-day PK:
/// ``WithdrawalTiming``) are in the layout, for a scenario with a withdrawal model.
struct WithdrawalTimingMetrics: Sendable, Equatable {
    /// `withdrawal_onset_hours_after_last_dose` (with p05/p50/p95): from the last dose taken
    /// before it to the first withdrawal onset.
    let onset: Int
    /// `withdrawal_hallucinations_onset_hours_after_last_dose` and
    /// `withdrawal_convulsions_onset_hours_after_last_dose`: the first day with hallucinations
    /// or worse (a delirium), and with convulsions (a seizure), placed as an onset on that day;
    /// with severity tiers only.
    let hallucinations: Int?
    let convulsions: Int?
    /// `withdrawal_resolution_hours_after_reinstatement`: from the first dose after the drug was
    /// restarted for withdrawal to the hour its drive is gone; with `reinstate_at_symptom` only.
    let resolution: Int?

    static let onsetName = OutputNames.withdrawalOnsetHours
    static let hallucinationsName = OutputNames.withdrawalHallucinationsHours
    static let convulsionsName = OutputNames.withdrawalConvulsionsHours
    static let resolutionName = OutputNames.withdrawalResolutionHours

    /// Appends the metrics for `models` to `metrics` and returns where they are. Hour
    /// quantiles on a 30-minute grid over the horizon.
    static func register(_ models: [WithdrawalModel], horizonDays: Int, into metrics: inout [MetricSpec]) -> WithdrawalTimingMetrics {
        let hours = Double(max(1, horizonDays) * 24)
        let grid = QuantileGrid(lower: 0, upper: hours, bins: min(20_000, max(64, Int(hours) * 2)))
        let onset = metrics.count
        metrics.append(MetricSpec(onsetName, quantiles: [0.05, 0.5, 0.95], grid: grid))
        var hallucinations: Int?, convulsions: Int?, resolution: Int?
        if models.contains(where: { !$0.severityTiers.isEmpty }) {
            hallucinations = metrics.count
            metrics.append(MetricSpec(hallucinationsName))
            convulsions = metrics.count
            metrics.append(MetricSpec(convulsionsName))
        }
        if models.contains(where: { $0.reinstateAtSymptom != nil }) {
            resolution = metrics.count
            metrics.append(MetricSpec(resolutionName))
        }
        return WithdrawalTimingMetrics(onset: onset, hallucinations: hallucinations, convulsions: convulsions, resolution: resolution)
    }
}
