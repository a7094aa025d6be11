import Foundation

/// One worker's simulator for a compiled scenario: runs a subject through every arm, day by
/// day, with the arms side by side so each day's random numbers are drawn once and shared.
///
/// Every draw is addressed by (seed, subject, purpose, day, slot) (DESIGN.md engine rule 2):
/// nothing an arm does changes another arm's numbers, and no purpose shifts another's.
struct CohortSimulator: SubjectSimulator {
    let model: CohortModel
    private let armCount: Int
    private var trackers: [EndpointTracker]
    private var endpointValues: [EndpointValue]
    private var normals: [Double]
    private var etaZ: [Double]
    private var eta: [Double]
    private var values: [Double]

    init(model: CohortModel) {
        self.model = model
        armCount = model.scenario.arms.count
        let scenario = model.scenario
        trackers = Array(repeating: EndpointTracker(definitions: scenario.endpoints.map(\.definition), horizonDays: scenario.run.horizonDays,
                                                    standardDrinkGrams: scenario.drinking.standardDrinkGrams), count: armCount)
        endpointValues = Array(repeating: EndpointValue(value: 0, censored: false), count: scenario.endpoints.count)
        normals = Array(repeating: 0, count: CovariateSlot.count)
        etaZ = Array(repeating: 0, count: 16)
        eta = Array(repeating: 0, count: 16)
        values = Array(repeating: 0, count: 32)
    }

    /// Per arm, per subject state.
    private struct ArmState {
        var treatmentArm: Int
        var kernel: DailyExposureKernel?
        var pk = DailyExposureKernel.State()
        var regimen = RegimenState()
        var effect: EffectModel = .none
        var exposureMeasure: ExposureMeasure = .averageConcentration
        var drinking: DrinkingState
        var craving: Double
        var sideEffects: [SideEffectState]
        var withdrawal: WithdrawalState?
        var onTreatment: Bool
    }

    mutating func simulate(subject: UInt64, into outcome: inout SubjectOutcome) throws {
        let scenario = model.scenario
        let seed = scenario.run.seed
        func key(_ purpose: Purpose) -> StreamKey { StreamKey(seed: seed, subject: subject, purpose: purpose) }

        var covariateStream = CounterStream(key: key(.covariates), day: 0)
        for i in normals.indices { normals[i] = covariateStream.normal() }
        let covariates = scenario.population.sample(normals: normals)
        let pkCovariates = PKCovariates(weightKg: covariates.weightKg, creatinineClearanceMLPerMin: covariates.creatinineClearanceMLPerMin,
                                        ageYears: covariates.ageYears, liver: LiverFunction(rawValue: covariates.liver.rawValue) ?? .none,
                                        sex: covariates.sex == .male ? .male : .female)
        let safetyCovariates = SafetyCovariates(ageYears: covariates.ageYears, creatinineClearanceMLPerMin: covariates.creatinineClearanceMLPerMin,
                                                psychiatric: covariates.psychiatric, liverDisease: covariates.liver != .none)
        let responderU = CounterStream.uniform(key: key(.responder), day: 0, slot: 0)
        let pregnancyU = CounterStream.uniform(key: key(.eligibility), day: 0, slot: 0)

        // Eligibility: an excluded subject leaves that arm only; draws are untouched.
        var arms: [ArmState] = []
        arms.reserveCapacity(armCount)
        for (index, arm) in scenario.arms.enumerated() {
            var treatmentArm = index
            if let rules = arm.eligibility {
                switch rules.evaluate(covariates, pregnancyTestUniform: pregnancyU).outcome {
                case .eligible: break
                case .excluded: outcome.exclude(arm: index)
                case .reassigned(let target, _): treatmentArm = model.armIndex[target] ?? index
                }
            }
            arms.append(try makeArmState(treatmentArm: treatmentArm, subject: subject, covariates: covariates, pk: pkCovariates,
                                         safety: safetyCovariates, responderU: responderU))
            trackers[index].reset(sex: covariates.sex, baselineDrinksPerDay: covariates.baselineDrinksPerDay)
        }

        var adherence = AdherenceState(scenario.adherence)
        let horizon = scenario.run.horizonDays
        let sideEffectCount = scenario.sideEffects.count
        var doses = DailyDoses(count: 0)
        var taken = [Bool](repeating: true, count: DailyExposureKernel.maximumSlots)
        let slots = arms.compactMap { $0.kernel?.slotCount }.max() ?? 0

        for day in 0..<horizon {
            let d = UInt32(day)
            adherence.beginDay(u: CounterStream.uniform(key: key(.adherence), day: d, slot: 15))
            for slot in 0..<slots { taken[slot] = adherence.takes(u: CounterStream.uniform(key: key(.adherence), day: d, slot: UInt32(slot))) }
            let draws = DrinkingDayDraws(drinking: CounterStream.uniform(key: key(.drinking), day: d, slot: 0),
                                         amount: CounterStream.uniform(key: key(.drinkCount), day: d, slot: 0),
                                         transition: CounterStream.uniform(key: key(.dropout), day: d, slot: 0))
            var cravingStream = CounterStream(key: key(.craving), day: d)
            let z = cravingStream.normal()
            var cueJump = 0.0
            if let cues = scenario.craving.cues {
                var cueStream = CounterStream(key: key(.cueJumps), day: d)
                let count = cues.count(uniform: cueStream.uniform())
                for _ in 0..<count { cueJump += cues.meanJumpSize * cueStream.exponential() }
            }
            let uWithdrawal = CounterStream.uniform(key: key(.withdrawal), day: d, slot: 0)
            let uSeverity = CounterStream.uniform(key: key(.withdrawal), day: d, slot: 1)

            for a in 0..<armCount where outcome.isIncluded(arm: a) {
                var state = arms[a]
                let arm = scenario.arms[state.treatmentArm]
                // 1. Exposure (doses of day d included).
                var exposure = DailyExposure(aucMgHPerL: 0, cavgMgPerL: 0, cmaxMgPerL: 0, tmaxH: 0, cminMgPerL: 0)
                var prescribedMg = 0.0
                var tookAny = false
                if let kernel = state.kernel, let schedule = model.schedules[state.treatmentArm] {
                    schedule.fill(day: day, state: state.regimen, into: &doses)
                    var amounts = SIMD8<Double>(repeating: 0)
                    for slot in 0..<kernel.slotCount where taken[slot] {
                        amounts[slot] = doses[slot]
                        if doses[slot] > 0 { tookAny = true }
                    }
                    prescribedMg = doses.totalMg
                    exposure = withUnsafeBytes(of: amounts) { raw in
                        kernel.advanceDay(&state.pk, doseAmountsMg: raw.bindMemory(to: Double.self).prefix(kernel.slotCount))
                    }
                }
                state.onTreatment = prescribedMg > 0
                // 2. Effect.
                let concentration = state.exposureMeasure == .peakConcentration ? exposure.cmaxMgPerL : exposure.cavgMgPerL
                let effect = state.effect.effect(concentrationMgPerL: concentration)
                // 3. Drinking.
                let anySideEffect = state.sideEffects.contains { $0.isAffected }
                let context = DrinkingDayContext(day: day, craving: state.craving, effect: effect,
                                                 treatmentHazardRatio: arm.treatmentHazardRatio, sideEffect: anySideEffect)
                let lastDrinkingDay = state.drinking.lastDrinkingDay
                let drinking = model.drinking.advance(&state.drinking, subject: covariates, context: context, draws: draws)
                let role = model.drinking.model.states[state.drinking.current].role
                trackers[a].observe(day: day, drinks: drinking.drinks, grams: drinking.grams, observed: role == .active)
                // 4. Side effects.
                for k in 0..<sideEffectCount {
                    let u = CounterStream.uniform(key: key(.sideEffects), day: d, slot: UInt32(2 * k))
                    let uIntolerable = CounterStream.uniform(key: key(.sideEffects), day: d, slot: UInt32(2 * k + 1))
                    let result = state.sideEffects[k].advance(scenario.sideEffects[k].model, cmaxMgPerL: exposure.cmaxMgPerL,
                                                              cavgMgPerL: exposure.cavgMgPerL, prescribedDailyDoseMg: prescribedMg,
                                                              u: u, uIntolerable: uIntolerable)
                    if let schedule = model.schedules[state.treatmentArm] {
                        switch result.action {
                        case .none: break
                        case .reduceDose(let mg): _ = schedule.reduceDose(&state.regimen, day: day + 1, byMg: mg)
                        case .discontinue: schedule.discontinue(&state.regimen, day: day + 1)
                        }
                    }
                }
                // 5. Withdrawal.
                if let withdrawalModel = scenario.withdrawal {
                    _ = state.withdrawal?.advance(withdrawalModel, effect: effect, doseTakenToday: tookAny, u: uWithdrawal, uSeverity: uSeverity)
                }
                // Metrics on their days.
                for (i, metric) in scenario.exposureMetrics.enumerated() where metric.day == day {
                    let value: Double
                    switch metric.measure {
                    case .cavg: value = exposure.cavgMgPerL
                    case .cmax: value = exposure.cmaxMgPerL
                    case .cmin: value = exposure.cminMgPerL
                    case .auc: value = exposure.aucMgHPerL
                    }
                    outcome.set(value, arm: a, metric: model.exposureMetric[i])
                }
                for (i, metric) in scenario.cravingMetrics.enumerated() where metric.day == day {
                    outcome.set(state.craving, arm: a, metric: model.cravingMetric[i])
                }
                outcome.setSeries(drinking.drank ? 0 : 1, arm: a, series: model.abstinentSeries, day: day)
                outcome.setSeries(state.craving, arm: a, series: model.cravingSeries, day: day)
                outcome.setSeries(exposure.cavgMgPerL, arm: a, series: model.cavgSeries, day: day)
                outcome.setSeries(state.onTreatment ? 1 : 0, arm: a, series: model.excludedSeries, day: day)
                if outcome.recordsTrajectory {
                    for (column, value) in [exposure.cavgMgPerL, exposure.cmaxMgPerL, effect, state.craving, Double(drinking.drinks),
                                            Double(state.drinking.current)].enumerated() {
                        outcome.recordTrajectory(value, arm: a, day: day, column: column)
                    }
                }
                // 6. Craving update for tomorrow.
                let mean = scenario.craving.mean.mean(baseline: covariates.baselineCraving, effect: effect, day: day,
                                                      lastDrinkingDay: drinking.drank ? day : lastDrinkingDay,
                                                      inPsychosocialTherapy: arm.psychosocialTherapy)
                state.craving = model.craving.advance(state.craving, mean: mean, normal: z) + cueJump
                arms[a] = state
            }
        }

        for a in 0..<armCount where outcome.isIncluded(arm: a) {
            trackers[a].finish(into: &endpointValues)
            for (i, value) in endpointValues.enumerated() {
                let metric = model.endpointMetric[i]
                if let km = model.endpointKM[i] {
                    outcome.set(value.censored ? 0 : 1, arm: a, metric: metric)
                    if value.censored {
                        outcome.recordCensoring(arm: a, endpoint: km, lastObservedDay: Int(value.value) - 1)
                    } else {
                        outcome.recordEvent(arm: a, endpoint: km, day: Int(value.value) - 1)
                    }
                } else {
                    outcome.set(value.value, arm: a, metric: metric)
                }
            }
            for k in 0..<sideEffectCount {
                outcome.set(arms[a].sideEffects[k].counters.hasOnset ? 1 : 0, arm: a, metric: model.sideEffectMetric[k])
            }
            if let withdrawal = arms[a].withdrawal, let incidence = model.withdrawalIncidenceMetric, let days = model.withdrawalDaysMetric {
                outcome.set(withdrawal.counters.withdrawalDays > 0 ? 1 : 0, arm: a, metric: incidence)
                outcome.set(Double(withdrawal.counters.withdrawalDays), arm: a, metric: days)
            }
        }
    }

    /// The state of one subject in one arm before day 0.
    private mutating func makeArmState(treatmentArm: Int, subject: UInt64, covariates: Covariates, pk: PKCovariates,
                                       safety: SafetyCovariates, responderU: Double) throws -> ArmState {
        let scenario = model.scenario
        let arm = scenario.arms[treatmentArm]
        var state = ArmState(treatmentArm: treatmentArm, drinking: scenario.drinking.initialDrinkingState,
                             craving: covariates.baselineCraving,
                             sideEffects: scenario.sideEffects.map { SideEffectState(model: $0.model, covariates: safety) },
                             withdrawal: scenario.withdrawal.map { _ in WithdrawalState() }, onTreatment: false)
        guard let treatment = arm.treatment, let parameters = model.parameterModels[treatmentArm],
              let schedule = model.schedules[treatmentArm] else { return state }
        // η from the PK-variability stream: the same for every arm giving this drug.
        var stream = CounterStream(key: StreamKey(seed: scenario.run.seed, subject: subject, purpose: .pkVariability), day: 0)
        let etaCount = parameters.etaNames.count
        if etaZ.count < etaCount { etaZ = Array(repeating: 0, count: etaCount); eta = etaZ }
        for i in 0..<etaCount { etaZ[i] = stream.normal() }
        parameters.eta(fromStandardNormals: etaZ, into: &eta)
        if values.count != parameters.parameters.count { values = Array(repeating: 0, count: parameters.parameters.count) }
        parameters.evaluate(covariates: pk, eta: eta, into: &values)
        let linear = LinearPKParameters(namedValues: values, names: model.parameterNames[treatmentArm],
                                        twoCompartment: treatment.model.structure == .twoCompartment,
                                        firstOrderInput: model.parameterNames[treatmentArm].contains("KA"))
        do {
            let pkModel = try LinearPKModel(linear)
            state.kernel = try DailyExposureKernel(model: pkModel, doseClockTimesH: treatment.regimen.doseTimesH)
        } catch {
            throw SimulationError.pharmacokinetics(subject: subject, arm: arm.name, message: "\(error)")
        }
        state.regimen = schedule.makeState(creatinineClearanceMLPerMin: covariates.creatinineClearanceMLPerMin)
        state.effect = treatment.pharmacodynamics.effectModel(responderUniform: responderU)
        state.exposureMeasure = treatment.pharmacodynamics.exposure
        return state
    }
}

/// A numerical failure in one subject (counted and excluded, DESIGN.md engine rule 5).
enum SimulationError: Error, CustomStringConvertible {
    case pharmacokinetics(subject: UInt64, arm: String, message: String)

    var description: String {
        switch self {
        case .pharmacokinetics(let subject, let arm, let message): "subject \(subject), arm \(arm): \(message)"
        }
    }
}
