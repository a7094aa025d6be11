import Foundation

/// A scenario compiled for simulation: the outcome layout, the metric indices each model part
/// writes, and the per-arm dose schedules. Built once per run and shared (read-only) by workers.
/// A PSA writes drawn numbers into `scenario`, `drinking`, `craving` and `economics` in place
/// between runs (``CompiledParameterBinding``).
struct CohortModel: Sendable {
    var scenario: Scenario
    let layout: OutcomeLayout
    var drinking: DrinkingProcess
    var craving: CravingProcess
    /// Per arm: the dose schedule (nil for arms without a drug).
    let schedules: [RegimenSchedule?]
    /// Per arm: the drug's parameter model (nil without a drug).
    let parameterModels: [IndividualParameterModel?]
    /// Per arm: the names of the parameter model's values (empty without a drug).
    let parameterNames: [[String]]
    /// Per arm: the PK kernel group (arms giving the same drug at the same clock times share a
    /// subject's kernel, built once per subject); nil without a drug.
    let kernelGroup: [Int?]
    /// Number of kernel groups.
    let kernelGroupCount: Int
    /// Per arm: the drinking hazard ratio and whether psychosocial therapy is given.
    let armHazardRatio: [Double]
    let armPsychosocial: [Bool]
    /// Whether the drinking model has hazard-driven transitions (else no transition draw).
    let drinkingHasTransitions: Bool
    /// Most dose slots per day over all arms.
    let maximumDoseSlots: Int
    /// Costs, QALYs and mortality, when the scenario has an economics block.
    var economics: CohortEconomics?
    /// Arm index by name (for reassignment).
    let armIndex: [String: Int]
    /// Metric indices.
    let endpointMetric: [Int]
    let endpointKM: [Int?]
    let sideEffectMetric: [Int]
    let withdrawalIncidenceMetric: Int?
    let withdrawalDaysMetric: Int?
    /// Worst withdrawal symptom at hallucinations or worse (only when the model has tiers).
    let withdrawalSevereMetric: Int?
    /// Days from the last dose to the first withdrawal day (NaN for subjects without one).
    let withdrawalOnsetMetric: Int?
    /// Withdrawal onset and resolution in hours (with a withdrawal model).
    let withdrawalTimingMetrics: WithdrawalTimingMetrics?
    /// Per side effect: the subject stopped the drug because of it, and had its dose reduced.
    let sideEffectDiscontinuedMetric: [Int]
    let sideEffectReducedMetric: [Int]
    /// Alcohol-withdrawal seizure and delirium incidence (with an `alcohol_withdrawal:` block).
    let alcoholSeizureMetric: Int?
    let alcoholDeliriumMetric: Int?
    /// Share with at least one serious toxicity day (with a `toxicity:` block).
    let toxicitySeriousMetric: Int?
    let exposureMetric: [Int]
    let cravingMetric: [Int]
    let onTreatmentSeries: Int
    let abstinentSeries: Int
    let cravingSeries: Int
    let cavgSeries: Int
    /// Series index of the first side effect's prevalence (one series per side effect).
    let firstSideEffectSeries: Int
    /// The per-subject dose outputs (`metrics.dose`), or nil when the scenario does not report them.
    let doseMetrics: DoseMetricIndices?
    /// Series index of the mean prescribed daily dose (with the dose outputs only).
    let prescribedSeries: Int?
    /// Per arm: the highest daily dose its regimen plans, as it would be given (the ceiling or
    /// the highest protocol dose, under the cap, after tablet rounding); `reached_ceiling_dose`
    /// compares a subject's highest dose with it. 0 without a drug.
    let armPlannedMaximumMg: [Double]
    /// The treatment-course outputs, or nil when no arm has `course:` rules.
    let courseMetrics: CourseMetricIndices?

    init(scenario: Scenario) throws {
        self.scenario = scenario
        var metrics: [MetricSpec] = []
        var endpointMetric: [Int] = []
        var kmEndpoints: [String] = []
        var endpointKM: [Int?] = []
        for endpoint in scenario.endpoints {
            endpointMetric.append(metrics.count)
            let spec = MetricSpec(endpoint.name, kind: endpoint.definition.isShareOfSubjects ? .proportion : .mean)
            metrics.append(endpoint.reportsStandardDeviation ? spec.withStandardDeviation() : spec)
            if endpoint.definition.isTimeToEvent {
                endpointKM.append(kmEndpoints.count)
                kmEndpoints.append(endpoint.name)
            } else {
                endpointKM.append(nil)
            }
        }
        var sideEffectMetric: [Int] = []
        var sideEffectDiscontinued: [Int] = []
        var sideEffectReduced: [Int] = []
        for effect in scenario.sideEffects {
            sideEffectMetric.append(metrics.count)
            metrics.append(MetricSpec("\(effect.name)_incidence", kind: .proportion))
            sideEffectDiscontinued.append(metrics.count)
            metrics.append(MetricSpec("\(effect.name)_discontinued", kind: .proportion))
            sideEffectReduced.append(metrics.count)
            metrics.append(MetricSpec("\(effect.name)_dose_reduced", kind: .proportion))
        }
        var withdrawalIncidence: Int?
        var withdrawalDays: Int?
        var withdrawalSevere: Int?
        var withdrawalOnset: Int?
        var withdrawalTiming: WithdrawalTimingMetrics?
        let withdrawalModels = scenario.withdrawalModelsInUse
        if !withdrawalModels.isEmpty {
            withdrawalIncidence = metrics.count
            metrics.append(MetricSpec("withdrawal_incidence", kind: .proportion))
            withdrawalDays = metrics.count
            metrics.append(MetricSpec("withdrawal_days"))
            if withdrawalModels.contains(where: { !$0.severityTiers.isEmpty }) {
                withdrawalSevere = metrics.count
                metrics.append(MetricSpec("withdrawal_severe_incidence", kind: .proportion))
            }
            withdrawalOnset = metrics.count
            metrics.append(MetricSpec("withdrawal_onset_days_after_last_dose"))
            withdrawalTiming = WithdrawalTimingMetrics.register(withdrawalModels, horizonDays: scenario.run.horizonDays, into: &metrics)
        }
        var alcoholSeizure: Int?
        var alcoholDelirium: Int?
        if scenario.alcoholWithdrawal != nil {
            alcoholSeizure = metrics.count
            metrics.append(MetricSpec("alcohol_withdrawal_seizure_incidence", kind: .proportion))
            alcoholDelirium = metrics.count
            metrics.append(MetricSpec("alcohol_withdrawal_delirium_incidence", kind: .proportion))
        }
        var toxicitySerious: Int?
        if scenario.hasToxicityModel {
            toxicitySerious = metrics.count
            metrics.append(MetricSpec("toxicity_serious_incidence", kind: .proportion))
        }
        var exposureMetric: [Int] = []
        for metric in scenario.exposureMetrics {
            exposureMetric.append(metrics.count)
            metrics.append(metric.quantiles.isEmpty ? MetricSpec(metric.name)
                           : MetricSpec(metric.name, quantiles: metric.quantiles, grid: QuantileGrid(lower: 0, upper: 20, bins: 200_000)))
        }
        var doseMetrics: DoseMetricIndices?
        if scenario.reportsDoses {
            let highest = scenario.arms.compactMap { $0.treatment?.regimen.maximumProtocolMgPerDay }.max() ?? 0
            doseMetrics = DoseMetricIndices(first: metrics.count)
            metrics += DoseMetricIndices.specs(highestPlannedMgPerDay: highest, horizonDays: scenario.run.horizonDays)
        }
        self.doseMetrics = doseMetrics
        if scenario.hasTreatmentCourse {
            courseMetrics = CourseMetricIndices(first: metrics.count)
            metrics += CourseMetricIndices.specs
        } else {
            courseMetrics = nil
        }
        var economics: CohortEconomics?
        if let settings = scenario.economics {
            economics = CohortEconomics(settings: settings, scenario: scenario, firstMetric: metrics.count)
            metrics += CohortEconomics.metricSpecs(settings: settings)
        }
        self.economics = economics
        var cravingMetric: [Int] = []
        for metric in scenario.cravingMetrics {
            cravingMetric.append(metrics.count)
            metrics.append(MetricSpec(metric.name))
        }
        self.endpointMetric = endpointMetric
        self.endpointKM = endpointKM
        self.sideEffectMetric = sideEffectMetric
        self.withdrawalIncidenceMetric = withdrawalIncidence
        self.withdrawalDaysMetric = withdrawalDays
        self.withdrawalSevereMetric = withdrawalSevere
        self.withdrawalOnsetMetric = withdrawalOnset
        withdrawalTimingMetrics = withdrawalTiming
        self.sideEffectDiscontinuedMetric = sideEffectDiscontinued
        self.sideEffectReducedMetric = sideEffectReduced
        self.alcoholSeizureMetric = alcoholSeizure
        self.alcoholDeliriumMetric = alcoholDelirium
        self.toxicitySeriousMetric = toxicitySerious
        self.exposureMetric = exposureMetric
        self.cravingMetric = cravingMetric

        let names = scenario.arms.map(\.name)
        var differences: [PairedDifference] = []
        let allMetrics = metrics.map(\.name)
        if scenario.differences.isEmpty {
            for arm in names.dropFirst() { differences.append(PairedDifference(arm, minus: names[0], metrics: allMetrics)) }
        } else {
            for request in scenario.differences {
                differences.append(PairedDifference(request.a, minus: request.b, metrics: request.metrics.isEmpty ? allMetrics : request.metrics))
            }
        }
        // Per day: means (with SE) of these; Cavg also by percentiles across subjects (log grid,
        // 5 % resolution from 1e-4 to 50 mg/L); then each side effect's prevalence.
        var series = [scenario.drinking.substance.useFreeSeriesName, "mean_craving", "cavg_mg_per_L", "on_treatment_share"]
            + scenario.sideEffects.map { "\($0.name)_prevalence" }
        firstSideEffectSeries = 4
        prescribedSeries = doseMetrics == nil ? nil : series.count
        if doseMetrics != nil { series.append("prescribed_mg_per_day") }
        let cavgPercentiles = SeriesQuantiles(series: "cavg_mg_per_L", quantiles: [0.05, 0.5, 0.95],
                                              grid: QuantileGrid(lower: 1e-4, upper: 50, bins: 256, scale: .log))
        onTreatmentSeries = 3
        abstinentSeries = 0
        cravingSeries = 1
        cavgSeries = 2
        var layout = try OutcomeLayout(arms: names, metrics: metrics, differences: differences, endpoints: kmEndpoints,
                                       series: series, seriesQuantiles: [cavgPercentiles], trajectoryColumns: ["cavg_mg_per_L", "cmax_mg_per_L", "effect", "craving", "drinks", "state"],
                                       horizonDays: scenario.run.horizonDays)
        layout.subgroups = scenario.subgroups.map(\.name)
        if let settings = scenario.economics {
            layout.periodStates = PeriodStateTable.riskLevels(windowDays: settings.riskLevelWindowDays, horizonDays: scenario.run.horizonDays)
        }
        // Cost and QALY differences of every pair of arms, for judging the frontier decisions.
        if allMetrics.contains("cost") && allMetrics.contains("qalys") {
            let events = scenario.economics?.events.map(\.metricName) ?? []
            layout.attributableEvents = events
            layout.decisionPairs = names.indices.flatMap { b in
                names.indices.filter { $0 > b }.map { a in PairedDifference(names[a], minus: names[b], metrics: ["cost", "qalys"] + events) }
            }
        }
        self.layout = layout
        drinking = try DrinkingProcess(scenario.drinking)
        craving = CravingProcess(reversionPerDay: scenario.craving.reversionPerDay, volatility: scenario.craving.volatility)
        let schedules = scenario.arms.map { $0.treatment.map { RegimenSchedule(regimen: $0.regimen, horizonDays: scenario.run.horizonDays) } }
        self.schedules = schedules
        armPlannedMaximumMg = schedules.map { $0?.plannedMaximumGivenMgPerDay ?? 0 }
        parameterModels = scenario.arms.map { $0.treatment.map { $0.model.parameterModel() } }
        parameterNames = scenario.arms.map { $0.treatment?.model.allParameters.map(\.name) ?? [] }
        armIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var groups: [String] = []
        kernelGroup = scenario.arms.map { arm in
            guard let treatment = arm.treatment else { return nil }
            let key = "\(treatment.drugName)@\(treatment.regimen.doseTimesH)"
            if let index = groups.firstIndex(of: key) { return index }
            groups.append(key)
            return groups.count - 1
        }
        kernelGroupCount = groups.count
        armHazardRatio = scenario.arms.map(\.treatmentHazardRatio)
        armPsychosocial = scenario.arms.map(\.psychosocialTherapy)
        drinkingHasTransitions = scenario.drinking.states.contains { !$0.transitions.isEmpty }
        maximumDoseSlots = scenario.arms.compactMap { $0.treatment?.regimen.doseTimesH.count }.max() ?? 0
    }
}


/// Where the per-subject dose outputs (`metrics.dose`) are in the layout: five consecutive
/// metrics from `first`.
struct DoseMetricIndices: Sendable, Equatable {
    /// `achieved_dose_mg_per_day` (with SD and p05/p50/p95).
    let achieved: Int
    /// `reached_ceiling_dose`: the highest planned dose was given at least once.
    let reachedCeiling: Int
    /// `dose_stepped_down`: at least one reduction or step down.
    let steppedDown: Int
    /// `days_to_achieved_dose` (with p05/p50/p95).
    let daysToAchieved: Int
    /// `total_mg_taken`.
    let totalTaken: Int

    init(first: Int) {
        achieved = first
        reachedCeiling = first + 1
        steppedDown = first + 2
        daysToAchieved = first + 3
        totalTaken = first + 4
    }

    /// The metric names, in layout order.
    static let names = OutputNames.dose

    /// The metrics, in layout order; quantile grids cover 0 to the highest planned dose of any
    /// arm (0.25 mg/day bins, 64 to 4,096 of them) and the horizon (1-day bins).
    static func specs(highestPlannedMgPerDay: Double, horizonDays: Int) -> [MetricSpec] {
        let upper = max(1, highestPlannedMgPerDay.isFinite ? highestPlannedMgPerDay * 1.001 + 1 : 1)
        // In floating point: a valid but huge planned dose must not overflow an Int.
        let doseBins = Int(min(4096, max(64, (upper * 4).rounded(.up))))
        let percentiles = [0.05, 0.5, 0.95]
        return [
            MetricSpec(names[0], quantiles: percentiles, grid: QuantileGrid(lower: 0, upper: upper, bins: doseBins))
                .withStandardDeviation(),
            MetricSpec(names[1], kind: .proportion),
            MetricSpec(names[2], kind: .proportion),
            MetricSpec(names[3], quantiles: percentiles, grid: QuantileGrid(lower: 0, upper: Double(max(1, horizonDays)), bins: max(1, horizonDays))),
            MetricSpec(names[4]),
        ]
    }
}
