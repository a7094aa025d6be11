import Foundation

/// One worker's simulator for a compiled scenario: runs a subject through every arm, day by
/// day, with the arms side by side so each day's random numbers are drawn once and shared.
///
/// Every draw is addressed by (seed, subject, purpose, day) and its position in that day's
/// stream (DESIGN.md engine rule 2): each purpose reads a fixed number of values per day, in a
/// fixed order that depends only on the scenario, so nothing an arm does changes another arm's
/// numbers and no purpose shifts another's.
///
/// All per-subject storage is allocated once per worker and reset in place; the day loop does
/// not allocate.
struct CohortSimulator: SubjectSimulator {
    let model: CohortModel
    private let armCount: Int
    private var arms: [ArmState]
    private var trackers: [EndpointTracker]
    private var endpointValues: [EndpointValue]
    private var normals: [Double]
    private var etaZ: [Double]
    private var eta: [Double]
    private var values: [Double]
    /// Per kernel group: this subject's PK kernel.
    private var kernels: [DailyExposureKernel?]

    init(model: CohortModel) {
        self.model = model
        let scenario = model.scenario
        armCount = scenario.arms.count
        let empty = ArmState(sideEffects: scenario.sideEffects.map { SideEffectState(model: $0.model, covariates: .reference) },
                             drinking: scenario.drinking.initialDrinkingState)
        arms = Array(repeating: empty, count: armCount)
        trackers = Array(repeating: EndpointTracker(definitions: scenario.endpoints.map(\.definition), horizonDays: scenario.run.horizonDays,
                                                    standardDrinkGrams: scenario.drinking.standardDrinkGrams), count: armCount)
        endpointValues = Array(repeating: EndpointValue(value: 0, censored: false), count: scenario.endpoints.count)
        normals = Array(repeating: 0, count: CovariateSlot.count)
        etaZ = []
        eta = []
        values = []
        kernels = Array(repeating: nil, count: model.kernelGroupCount)
    }

    /// One subject's state in one arm.
    private struct ArmState {
        /// The arm whose treatment the subject gets here (differs after a reassignment).
        var treatmentArm = 0
        /// Kernel group of that treatment, or nil without a drug.
        var kernelGroup: Int?
        var pk = DailyExposureKernel.State()
        var regimen = RegimenState()
        var effect: EffectModel = .none
        var exposureMeasure: ExposureMeasure = .averageConcentration
        var sideEffects: [SideEffectState]
        var withdrawal: WithdrawalState?
        var drinking: DrinkingState
        var craving = 0.0
    }

    /// One day's random numbers, shared by every arm.
    private struct DayDraws {
        var drinking: DrinkingDayDraws
        var craving: Double
        var cueJump: Double
        var withdrawal: Double
        var severity: Double
    }

    mutating func simulate(subject: UInt64, into outcome: inout SubjectOutcome) throws {
        let scenario = model.scenario
        let seed = scenario.run.seed
        func key(_ purpose: Purpose) -> StreamKey { StreamKey(seed: seed, subject: subject, purpose: purpose) }

        var covariateStream = CounterStream(key: key(.covariates), day: 0)
        for i in normals.indices { normals[i] = covariateStream.normal() }
        let covariates = scenario.population.sample(normals: normals)
        let safety = SafetyCovariates(ageYears: covariates.ageYears, creatinineClearanceMLPerMin: covariates.creatinineClearanceMLPerMin,
                                      psychiatric: covariates.psychiatric, liverDisease: covariates.liver != .none)
        let responderU = CounterStream.uniform(key: key(.responder), day: 0, slot: 0)
        let pregnancyU = CounterStream.uniform(key: key(.eligibility), day: 0, slot: 0)
        try buildKernels(subject: subject, covariates: covariates)

        // Eligibility: an excluded subject leaves that arm only; no draw changes.
        for a in 0..<armCount {
            var treatmentArm = a
            if let rules = scenario.arms[a].eligibility {
                switch rules.evaluate(covariates, pregnancyTestUniform: pregnancyU).outcome {
                case .eligible: break
                case .excluded: outcome.exclude(arm: a)
                case .reassigned(let target, _): treatmentArm = model.armIndex[target] ?? a
                }
            }
            resetArm(a, treatmentArm: treatmentArm, covariates: covariates, safety: safety, responderU: responderU)
            trackers[a].reset(sex: covariates.sex, baselineDrinksPerDay: covariates.baselineDrinksPerDay)
        }

        var adherence = AdherenceState(scenario.adherence)
        var taken = SIMD8<Double>(repeating: 0)
        for day in 0..<scenario.run.horizonDays {
            let d = UInt32(day)
            if model.maximumDoseSlots > 0 {
                var stream = CounterStream(key: key(.adherence), day: d)
                adherence.beginDay(u: stream.uniform())
                for slot in 0..<model.maximumDoseSlots { taken[slot] = adherence.takes(u: stream.uniform()) ? 1 : 0 }
            }
            var drinkingStream = CounterStream(key: key(.drinking), day: d)
            let uDrink = drinkingStream.uniform()
            let uAmount = drinkingStream.uniform()
            let uTransition = model.drinkingHasTransitions ? CounterStream.uniform(key: key(.dropout), day: d, slot: 0) : 1
            var cravingStream = CounterStream(key: key(.craving), day: d)
            var draws = DayDraws(drinking: DrinkingDayDraws(drinking: uDrink, amount: uAmount, transition: uTransition),
                                 craving: cravingStream.normal(), cueJump: 0, withdrawal: 1, severity: 1)
            if let cues = scenario.craving.cues {
                var cueStream = CounterStream(key: key(.cueJumps), day: d)
                let count = cues.count(uniform: cueStream.uniform())
                for _ in 0..<count { draws.cueJump += cues.meanJumpSize * cueStream.exponential() }
            }
            if scenario.withdrawal != nil {
                var stream = CounterStream(key: key(.withdrawal), day: d)
                draws.withdrawal = stream.uniform()
                draws.severity = stream.uniform()
            }
            for a in 0..<armCount where outcome.isIncluded(arm: a) {
                advance(arm: a, day: day, covariates: covariates, taken: taken, draws: draws, into: &outcome)
            }
        }

        for a in 0..<armCount where outcome.isIncluded(arm: a) {
            record(arm: a, into: &outcome)
        }
    }

    /// Day `day` of one arm, in RM-1's order: exposure → effect → drinking → side effects →
    /// withdrawal → craving for tomorrow.
    private mutating func advance(arm a: Int, day: Int, covariates: Covariates, taken: SIMD8<Double>, draws: DayDraws,
                                  into outcome: inout SubjectOutcome) {
        let scenario = model.scenario
        let treatmentArm = arms[a].treatmentArm
        var exposure = DailyExposure(aucMgHPerL: 0, cavgMgPerL: 0, cmaxMgPerL: 0, tmaxH: 0, cminMgPerL: 0)
        var prescribedMg = 0.0
        var tookAny = false
        if let group = arms[a].kernelGroup, let kernel = kernels[group], let schedule = model.schedules[treatmentArm] {
            var doses = DailyDoses(count: 0)
            schedule.fill(day: day, state: arms[a].regimen, into: &doses)
            var amounts = SIMD8<Double>(repeating: 0)
            for slot in 0..<kernel.slotCount { amounts[slot] = doses[slot] }
            prescribedMg = doses.totalMg
            amounts *= taken
            tookAny = amounts.max() > 0
            exposure = kernel.advanceDay(&arms[a].pk, doseAmountsMg: amounts)
        }
        let concentration = arms[a].exposureMeasure == .peakConcentration ? exposure.cmaxMgPerL : exposure.cavgMgPerL
        let effect = arms[a].effect.effect(concentrationMgPerL: concentration)

        var anySideEffect = false
        for k in arms[a].sideEffects.indices where arms[a].sideEffects[k].isAffected { anySideEffect = true }
        let craving = arms[a].craving
        let context = DrinkingDayContext(day: day, craving: craving, effect: effect,
                                         treatmentHazardRatio: model.armHazardRatio[treatmentArm], sideEffect: anySideEffect)
        let lastDrinkingDay = arms[a].drinking.lastDrinkingDay
        let drinking = model.drinking.advance(&arms[a].drinking, subject: covariates, context: context, draws: draws.drinking)
        let role = model.drinking.model.states[arms[a].drinking.current].role
        trackers[a].observe(day: day, drinks: drinking.drinks, grams: drinking.grams, observed: role == .active)

        if !scenario.sideEffects.isEmpty {
            var stream = CounterStream(key: StreamKey(seed: scenario.run.seed, subject: outcome.subject, purpose: .sideEffects), day: UInt32(day))
            for k in scenario.sideEffects.indices {
                let u = stream.uniform(), uIntolerable = stream.uniform()
                let result = arms[a].sideEffects[k].advance(scenario.sideEffects[k].model, cmaxMgPerL: exposure.cmaxMgPerL,
                                                            cavgMgPerL: exposure.cavgMgPerL, prescribedDailyDoseMg: prescribedMg,
                                                            u: u, uIntolerable: uIntolerable)
                guard let schedule = model.schedules[treatmentArm] else { continue }
                switch result.action {
                case .none: break
                case .reduceDose(let mg): _ = schedule.reduceDose(&arms[a].regimen, day: day + 1, byMg: mg)
                case .discontinue: schedule.discontinue(&arms[a].regimen, day: day + 1)
                }
            }
        }
        if let withdrawalModel = scenario.withdrawal {
            _ = arms[a].withdrawal?.advance(withdrawalModel, effect: effect, doseTakenToday: tookAny,
                                            u: draws.withdrawal, uSeverity: draws.severity)
        }

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
            outcome.set(craving, arm: a, metric: model.cravingMetric[i])
        }
        outcome.setSeries(drinking.drank ? 0 : 1, arm: a, series: model.abstinentSeries, day: day)
        outcome.setSeries(craving, arm: a, series: model.cravingSeries, day: day)
        outcome.setSeries(exposure.cavgMgPerL, arm: a, series: model.cavgSeries, day: day)
        outcome.setSeries(prescribedMg > 0 ? 1 : 0, arm: a, series: model.onTreatmentSeries, day: day)
        if outcome.recordsTrajectory {
            outcome.recordTrajectory(exposure.cavgMgPerL, arm: a, day: day, column: 0)
            outcome.recordTrajectory(exposure.cmaxMgPerL, arm: a, day: day, column: 1)
            outcome.recordTrajectory(effect, arm: a, day: day, column: 2)
            outcome.recordTrajectory(craving, arm: a, day: day, column: 3)
            outcome.recordTrajectory(Double(drinking.drinks), arm: a, day: day, column: 4)
            outcome.recordTrajectory(Double(arms[a].drinking.current), arm: a, day: day, column: 5)
        }

        let mean = scenario.craving.mean.mean(baseline: covariates.baselineCraving, effect: effect, day: day,
                                              lastDrinkingDay: drinking.drank ? day : lastDrinkingDay,
                                              inPsychosocialTherapy: model.armPsychosocial[treatmentArm])
        arms[a].craving = model.craving.advance(craving, mean: mean, normal: draws.craving) + draws.cueJump
    }

    /// Writes one arm's per-subject outcomes.
    private mutating func record(arm a: Int, into outcome: inout SubjectOutcome) {
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
        for k in arms[a].sideEffects.indices {
            outcome.set(arms[a].sideEffects[k].counters.hasOnset ? 1 : 0, arm: a, metric: model.sideEffectMetric[k])
        }
        if let withdrawal = arms[a].withdrawal, let incidence = model.withdrawalIncidenceMetric, let days = model.withdrawalDaysMetric {
            outcome.set(withdrawal.counters.withdrawalDays > 0 ? 1 : 0, arm: a, metric: incidence)
            outcome.set(Double(withdrawal.counters.withdrawalDays), arm: a, metric: days)
        }
    }

    /// This subject's PK kernel for each kernel group. η comes from the PK-variability stream,
    /// so every arm giving the same drug sees the same individual parameters.
    private mutating func buildKernels(subject: UInt64, covariates: Covariates) throws {
        let scenario = model.scenario
        let pk = PKCovariates(weightKg: covariates.weightKg, creatinineClearanceMLPerMin: covariates.creatinineClearanceMLPerMin,
                              ageYears: covariates.ageYears, liver: LiverFunction(rawValue: covariates.liver.rawValue) ?? .none,
                              sex: covariates.sex == .male ? .male : .female)
        for group in kernels.indices { kernels[group] = nil }
        for (arm, group) in model.kernelGroup.enumerated() {
            guard let group, kernels[group] == nil, let treatment = scenario.arms[arm].treatment,
                  let parameters = model.parameterModels[arm] else { continue }
            var stream = CounterStream(key: StreamKey(seed: scenario.run.seed, subject: subject, purpose: .pkVariability), day: 0)
            let etaCount = parameters.etaNames.count
            if etaZ.count != etaCount { etaZ = Array(repeating: 0, count: etaCount); eta = etaZ }
            for i in 0..<etaCount { etaZ[i] = stream.normal() }
            parameters.eta(fromStandardNormals: etaZ, into: &eta)
            if values.count != parameters.parameters.count { values = Array(repeating: 0, count: parameters.parameters.count) }
            parameters.evaluate(covariates: pk, eta: eta, into: &values)
            let names = model.parameterNames[arm]
            let linear = LinearPKParameters(namedValues: values, names: names,
                                            twoCompartment: treatment.model.structure == .twoCompartment,
                                            firstOrderInput: names.contains("KA"))
            do {
                kernels[group] = try DailyExposureKernel(model: try LinearPKModel(linear), doseClockTimesH: treatment.regimen.doseTimesH)
            } catch {
                throw SimulationError.pharmacokinetics(subject: subject, arm: scenario.arms[arm].name, message: "\(error)")
            }
        }
    }

    /// Puts arm `a` in its day-0 state for this subject, in place.
    private mutating func resetArm(_ a: Int, treatmentArm: Int, covariates: Covariates, safety: SafetyCovariates, responderU: Double) {
        let scenario = model.scenario
        arms[a].treatmentArm = treatmentArm
        arms[a].kernelGroup = model.kernelGroup[treatmentArm]
        arms[a].pk = DailyExposureKernel.State()
        arms[a].drinking = scenario.drinking.initialDrinkingState
        arms[a].craving = covariates.baselineCraving
        for k in scenario.sideEffects.indices { arms[a].sideEffects[k] = SideEffectState(model: scenario.sideEffects[k].model, covariates: safety) }
        arms[a].withdrawal = scenario.withdrawal.map { _ in WithdrawalState() }
        arms[a].effect = .none
        arms[a].exposureMeasure = .averageConcentration
        arms[a].regimen = RegimenState()
        guard let treatment = scenario.arms[treatmentArm].treatment, let schedule = model.schedules[treatmentArm] else { return }
        arms[a].regimen = schedule.makeState(creatinineClearanceMLPerMin: covariates.creatinineClearanceMLPerMin)
        arms[a].effect = treatment.pharmacodynamics.effectModel(responderUniform: responderU)
        arms[a].exposureMeasure = treatment.pharmacodynamics.exposure
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
