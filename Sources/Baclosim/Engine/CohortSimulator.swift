import Foundation

/// One worker's simulator for a compiled scenario: runs a subject through every arm, day by
/// day, with the arms side by side so each day's random numbers are drawn once and shared.
///
/// Every draw is addressed by (seed, subject, purpose, day) and its position in that day's
/// stream (docs/model.md engine rule 2): each purpose reads a fixed number of values per day, in a
/// fixed order that depends only on the scenario, so nothing an arm does changes another arm's
/// numbers and no purpose shifts another's.
///
/// All per-subject storage is allocated once per worker and reset in place; the day loop does
/// not allocate.
struct CohortSimulator: SubjectSimulator {
    private(set) var model: CohortModel
    private let armCount: Int
    private let horizonDays: Int
    private let sideEffectCount: Int
    /// The scenario parts the day loop reads, hoisted out of `model.scenario` so a subject-day
    /// copies no struct that holds arrays or strings. Side effects per treatment arm
    /// (`arm * sideEffectCount + k`): each arm's drug has its own drug part and the arm its own
    /// consequences (`Scenario.sideEffectModel(arm:effect:)`).
    private let sideEffectModels: [SideEffectModel]
    /// The same, in the trivially copyable form the day loop uses.
    private let sideEffectDayModels: [SideEffectDayModel]
    private let hasWithdrawal: Bool
    /// Alcohol withdrawal at treatment start (placeholder `.standard` when absent) and the
    /// first day after every complication's window (0 when absent: no draws).
    private let alcoholWithdrawalModel: AlcoholWithdrawalModel
    private let alcoholWithdrawalEndDay: Int
    /// Per arm: benzodiazepine cover over the alcohol-withdrawal window.
    private let armBenzodiazepineCover: [Bool]
    private let hasToxicity: Bool
    /// Per arm: the index of its drug's (else the scenario-level) toxicity model among those in
    /// use (`Workspace.toxicityModels`), −1 for none. Indices rather than optionals: the day
    /// loop borrows the model in place, with no copy of it (and its arrays) per subject-day.
    private let armToxicityIndex: [Int]
    /// Per arm: the index of its withdrawal model (`Workspace.withdrawalModels`), −1 for none.
    private let armWithdrawalIndex: [Int]
    private let cues: CueExposure?
    private let cravingMean: CravingMeanModel
    /// Per drinking state: whether its role is `active` (the day is observed).
    private let stateIsObserved: [Bool]
    /// Per drinking state: entering it stops the drug (`DrinkingStateDefinition.endsTreatment`).
    private let stateEndsTreatment: [Bool]
    /// Per day: whether an exposure or craving metric is recorded that day.
    private let dayHasMetric: [Bool]
    /// Per arm and day (`arm * horizonDays + day`): the dose amounts (mg, by slot) and their
    /// total of the arm's schedule for a subject with the default `RegimenState` (no renal
    /// band, reduction or discontinuation), i.e. `RegimenSchedule.fill` precomputed once per
    /// worker. Subjects whose regimen state differs use the schedule itself.
    private let defaultDoseAmountsMg: [SIMD8<Double>]
    private let defaultPrescribedMg: [Double]
    /// The scenario has economics (hoisted: testing the optional model per arm-day copies it),
    /// and background mortality.
    private let hasEconomics: Bool
    private let hasMortality: Bool
    /// Per drinking state: its role is `dead` (entering it is a death, as a background death).
    private let stateIsDead: [Bool]
    /// Subjects can die (background mortality or a `dead` drinking state).
    private let hasDeath: Bool
    /// Per day: a `cmax` exposure metric is recorded that day.
    private let dayHasCmaxMetric: [Bool]
    /// Per day: a `cmin` exposure metric is recorded that day (Cmin is read nowhere else).
    private let dayHasCminMetric: [Bool]
    /// Per side-effect day model (as `sideEffectDayModels`): its onset hazard reads `Cmax_d`.
    private let sideEffectReadsCmax: [Bool]
    /// `sideEffectCount` when `sideEffectDayModels` has one model per treatment arm and side
    /// effect, 0 when one per side effect (see `sideEffectModelIndex`).
    private let sideEffectModelArmStride: Int
    /// Per treatment arm: `Cmax_d` is read on every arm-day (a toxicity model, or a withdrawal
    /// driver on Cmax), so the PK kernel always computes the day's peaks. Otherwise it does
    /// only where `needsCmax` says so.
    private let armAlwaysNeedsCmax: [Bool]
    /// Series in the layout, and those `advance` writes into `Workspace.series` every arm-day.
    private let seriesCount: Int
    private let bufferedSeries: [Int]
    /// Per-subject scratch state, in memory owned by this simulator (see `Workspace`).
    private let workspace: Workspace
    private var endpointValues: [EndpointValue]
    private var normals: [Double]
    /// The PK-variability standard normals and η of the subject's current kernel group, sized
    /// once for the largest η vector of any arm's drug (the parameter models read a prefix).
    private var etaZ: [Double]
    private var eta: [Double]
    /// Per arm: the individual PK parameter values of its drug (one slot per parameter),
    /// sized once and overwritten per subject.
    private var parameterValues: [[Double]]
    /// Arms simulated once while they give the same treatment (`SharedArmPrefixes`); no arm
    /// follows another when the simulator was made with `sharesArmPrefixes: false`.
    private let sharesArmPrefixes: Bool
    private var sharing: SharedArmPrefixes
    /// `model.economics` (none without economics) held by reference and borrowed in place by
    /// the day loop: binding the optional struct copied all of it (its settings, cost models and
    /// discount tables) on every arm-day. Rebuilt by `refresh(model:)`, which may change it.
    private var economicsBoxes: ModelBoxes<CohortEconomics>
    private var economicsModel: UnsafePointer<Unmanaged<ModelBox<CohortEconomics>>>
    /// Per arm: the first day of its planned taper (`Int.max` without one), where the
    /// dose-finding phase of the dose outputs ends.
    private let armTaperStartDay: [Int]
    /// Treatment-course rules of every arm (`course:`), flat: arm `a`'s are
    /// `courseRules[armCourseFirst[a] ..< armCourseFirst[a + 1]]`, read through the treatment arm.
    private let courseRules: [CompiledCourseRule]
    private let armCourseFirst: [Int]
    /// Per arm: its regimen has planned interruptions (a titration rule holds on their days).
    private let armHasHolidays: [Bool]
    /// Per arm: its as-needed dosing (`nil` for a daily schedule), and whether any arm has one.
    private let armAsNeeded: [AsNeededDosing?]
    private let hasAsNeeded: Bool
    /// The scenario reports withdrawal onset and resolution in hours (``WithdrawalTiming``),
    /// and per kernel group the arm whose parameters built the subject's kernel.
    private let hasWithdrawalTiming: Bool
    private let groupBuildArm: [Int]
    /// Per endpoint: its reached-dose analysis population (mg/day), or nil; and whether the day
    /// loop keeps each subject's highest prescribed dose for them without the dose outputs.
    private let endpointReachedDose: [Double?]
    private let tracksHighestDose: Bool
    /// Per kernel group: its dose clock times (h) by slot, +∞ in unused slots.
    private let groupDoseTimesH: [SIMD8<Double>]
    /// Per arm: its titration to response (nil for none), hoisted so a rule day copies no
    /// regimen (arrays) to read it.
    private let armTitration: [ResponseGuidedTitration?]

    /// - Parameter sharesArmPrefixes: simulate arms that give the same treatment up to a day
    ///   once up to that day (``SharedArmPrefixes``; the same output, fewer arm-days). `false`
    ///   simulates every arm on every day, to measure or check the sharing.
    /// A parallel-group trial (`baclosim trial`): each subject is randomised to one arm, arm
    /// `subject mod arms`, and is excluded from the others (which are then not simulated); the
    /// arms hold different people, as in a trial, instead of the same people (common random
    /// numbers) as in a cohort run.
    private let parallelGroups: Bool

    init(model: CohortModel, sharesArmPrefixes: Bool = true, parallelGroups: Bool = false) {
        self.parallelGroups = parallelGroups
        self.model = model
        self.sharesArmPrefixes = sharesArmPrefixes
        let scenario = model.scenario
        armCount = scenario.arms.count
        horizonDays = scenario.run.horizonDays
        sideEffectCount = scenario.sideEffects.count
        let armSideEffectModels = (0..<armCount).flatMap { arm in
            scenario.sideEffects.indices.map { scenario.sideEffectModel(arm: arm, effect: $0) }
        }
        sideEffectModels = armSideEffectModels
        sideEffectDayModels = armSideEffectModels.map { SideEffectDayModel($0) }
        let withdrawal = scenario.withdrawalModelsInUse
        hasWithdrawal = !withdrawal.isEmpty
        armWithdrawalIndex = scenario.arms.indices.map { arm in
            scenario.withdrawalModel(arm: arm).flatMap { model in withdrawal.firstIndex(of: model) } ?? -1
        }
        alcoholWithdrawalModel = scenario.alcoholWithdrawal ?? .standard
        alcoholWithdrawalEndDay = scenario.alcoholWithdrawal.map { model in
            max(model.seizure.windowStartDay + model.seizure.windowDays, model.delirium.windowStartDay + model.delirium.windowDays)
        } ?? 0
        armBenzodiazepineCover = scenario.arms.map(\.benzodiazepineCover)
        let armToxicity = scenario.arms.indices.map { scenario.toxicityModel(arm: $0) }
        var toxicity: [ToxicityModel] = []
        for model in armToxicity { if let model, !toxicity.contains(model) { toxicity.append(model) } }
        hasToxicity = scenario.hasToxicityModel
        armToxicityIndex = armToxicity.map { model in model.flatMap { toxicity.firstIndex(of: $0) } ?? -1 }
        cues = scenario.craving.cues
        cravingMean = scenario.craving.mean
        stateIsObserved = model.drinking.model.states.map { $0.role == .active }
        stateEndsTreatment = model.drinking.model.states.map(\.endsTreatment)
        var dayHasMetric = Array(repeating: false, count: scenario.run.horizonDays)
        for metric in scenario.exposureMetrics where dayHasMetric.indices.contains(metric.day) { dayHasMetric[metric.day] = true }
        for metric in scenario.cravingMetrics where dayHasMetric.indices.contains(metric.day) { dayHasMetric[metric.day] = true }
        self.dayHasMetric = dayHasMetric
        hasEconomics = model.economics != nil
        hasMortality = model.economics?.mortality.contains { $0 != nil } ?? false
        stateIsDead = model.drinking.model.states.map { $0.role == .dead }
        hasDeath = hasMortality || stateIsDead.contains(true)
        var dayHasCmaxMetric = Array(repeating: false, count: scenario.run.horizonDays)
        for metric in scenario.exposureMetrics where metric.measure == .cmax && dayHasCmaxMetric.indices.contains(metric.day) {
            dayHasCmaxMetric[metric.day] = true
        }
        self.dayHasCmaxMetric = dayHasCmaxMetric
        dayHasCminMetric = (0..<scenario.run.horizonDays).map { day in
            scenario.exposureMetrics.contains { $0.measure == .cmin && $0.day == day }
        }
        sideEffectReadsCmax = sideEffectDayModels.map { $0.driver == .cmax }
        sideEffectModelArmStride = armCount > 1 && sideEffectDayModels.count == armCount * sideEffectCount ? sideEffectCount : 0
        armAlwaysNeedsCmax = scenario.arms.indices.map { arm in
            // Toxicity grades may read Cmax; an occupancy withdrawal driver on Cmax does.
            let withdrawalReadsCmax: Bool
            if let w = scenario.withdrawalModel(arm: arm), case .occupancy(let exposure, _, _) = w.driver, exposure == .cmax {
                withdrawalReadsCmax = true
            } else {
                withdrawalReadsCmax = false
            }
            return scenario.toxicityModel(arm: arm) != nil || withdrawalReadsCmax
        }
        var amounts: [SIMD8<Double>] = []
        var totals: [Double] = []
        amounts.reserveCapacity(armCount * horizonDays)
        totals.reserveCapacity(armCount * horizonDays)
        for arm in 0..<armCount {
            for day in 0..<horizonDays {
                var slotAmounts = SIMD8<Double>(repeating: 0)
                var total = 0.0
                if let schedule = model.schedules[arm], let treatment = scenario.arms[arm].treatment {
                    var doses = DailyDoses(count: 0)
                    schedule.fill(day: day, state: RegimenState(), into: &doses)
                    for slot in 0..<min(treatment.regimen.doseTimesH.count, DailyExposureKernel.maximumSlots) { slotAmounts[slot] = doses[slot] }
                    total = doses.totalMg
                }
                amounts.append(slotAmounts)
                totals.append(total)
            }
        }
        defaultDoseAmountsMg = amounts
        defaultPrescribedMg = totals
        let emptyArm = ArmState(drinking: scenario.drinking.initialDrinkingState)
        let tracker = EndpointTracker(definitions: scenario.endpoints.map(\.definition), horizonDays: scenario.run.horizonDays,
                                      standardDrinkGrams: scenario.drinking.standardDrinkGrams)
        let emptySideEffects = scenario.sideEffects.map { SideEffectState(model: $0.model, covariates: .reference) }
        workspace = Workspace(armCount: armCount, emptyArm: emptyArm, tracker: tracker, sideEffects: emptySideEffects,
                              kernelGroupCount: model.kernelGroupCount, seriesCount: model.layout.series.count,
                              horizonDays: horizonDays, withdrawalModels: withdrawal, toxicityModels: toxicity,
                              riskWindowDays: model.economics?.riskLevelWindow.windowDays ?? 1,
                              responseWindowDays: scenario.arms.compactMap { $0.treatment?.regimen.responseGuided?.response.windowDays }.max() ?? 0,
                              courseRuleCount: scenario.arms.reduce(0) { $0 + $1.course.count })
        seriesCount = model.layout.series.count
        bufferedSeries = [model.abstinentSeries, model.cravingSeries, model.cavgSeries, model.onTreatmentSeries]
            + (0..<sideEffectCount).map { model.firstSideEffectSeries + $0 } + (model.prescribedSeries.map { [$0] } ?? [])
        endpointValues = Array(repeating: EndpointValue(value: 0, censored: false), count: scenario.endpoints.count)
        normals = Array(repeating: 0, count: CovariateSlot.count)
        let etaCapacity = model.parameterModels.map { $0?.etaCount ?? 0 }.max() ?? 0
        etaZ = Array(repeating: 0, count: etaCapacity)
        eta = Array(repeating: 0, count: etaCapacity)
        parameterValues = model.parameterModels.map { Array(repeating: 0, count: $0?.parameters.count ?? 0) }
        economicsBoxes = ModelBoxes(model.economics.map { [$0] } ?? [])
        economicsModel = economicsBoxes.unretained
        armTaperStartDay = scenario.arms.map { $0.treatment?.regimen.taper?.startDay ?? .max }
        armTitration = scenario.arms.map { $0.treatment?.regimen.responseGuided }
        courseRules = scenario.arms.flatMap { $0.course.map { CompiledCourseRule($0, armIndex: model.armIndex) } }
        armCourseFirst = scenario.arms.reduce(into: [0]) { $0.append($0.last! + $1.course.count) }
        armHasHolidays = scenario.arms.map { !($0.treatment?.regimen.holidays.isEmpty ?? true) }
        armAsNeeded = scenario.arms.map { $0.treatment?.regimen.asNeeded }
        hasWithdrawalTiming = model.withdrawalTimingMetrics != nil
        endpointReachedDose = scenario.endpoints.map(\.reachedDoseMgPerDay)
        tracksHighestDose = model.prescribedSeries == nil && endpointReachedDose.contains { $0 != nil }
        groupBuildArm = (0..<model.kernelGroupCount).map { group in model.kernelGroup.firstIndex { $0 == group } ?? 0 }
        groupDoseTimesH = groupBuildArm.map { arm in
            var times = SIMD8<Double>(repeating: .infinity)
            for (slot, time) in (scenario.arms[arm].treatment?.regimen.doseTimesH ?? []).prefix(8).enumerated() { times[slot] = time }
            return times
        }
        hasAsNeeded = armAsNeeded.contains { $0 != nil }
        sharing = SharedArmPrefixes(armCount: armCount)
        sharing = sharedArmPrefixes()
    }

    /// The arm-sharing plan this simulator follows.
    var armSharing: SharedArmPrefixes { sharing }

    /// The arm-sharing plan for the current `model` (none when sharing is off).
    ///
    /// Two arms are compatible when every per-arm value the day loop and `resetArm` read
    /// (through the treatment arm) is equal: the PK kernel group (drug and dose times, or no
    /// drug), the drug effect, the side-effect, withdrawal and toxicity models, the hazard ratio,
    /// psychosocial therapy, benzodiazepine cover, whether Cmax is read every day, the cost
    /// model and drug product, and the regimen rules a dose change reads (cap, renal rule,
    /// reduction step). A day is shared when the default doses, their total and the protocol
    /// dose are equal bit for bit. A new per-arm value read in the day loop must be added here.
    private func sharedArmPrefixes() -> SharedArmPrefixes {
        guard sharesArmPrefixes && armCount > 1 else { return SharedArmPrefixes(armCount: armCount) }
        let arms = model.scenario.arms
        func compatible(_ a: Int, _ b: Int) -> Bool {
            guard model.kernelGroup[a] == model.kernelGroup[b], model.armHazardRatio[a] == model.armHazardRatio[b],
                  model.armPsychosocial[a] == model.armPsychosocial[b], armBenzodiazepineCover[a] == armBenzodiazepineCover[b],
                  armToxicityIndex[a] == armToxicityIndex[b], armWithdrawalIndex[a] == armWithdrawalIndex[b],
                  armAlwaysNeedsCmax[a] == armAlwaysNeedsCmax[b] else { return false }
            for k in 0..<sideEffectCount
            where sideEffectModels[sideEffectModelIndex(treatmentArm: a, effect: k)] != sideEffectModels[sideEffectModelIndex(treatmentArm: b, effect: k)] {
                return false
            }
            if let economics = model.economics {
                guard economics.costModels[a] == economics.costModels[b], economics.productIndex[a] == economics.productIndex[b],
                      economics.tabletStrengthMg[a] == economics.tabletStrengthMg[b], economics.utilities[a] == economics.utilities[b],
                      economics.mortality[a] == economics.mortality[b] else { return false }
            }
            // A course event changes an arm's treatment at a day of its own.
            guard arms[a].course.isEmpty && arms[b].course.isEmpty,
                  arms[a].treatment?.regimen.holidays == arms[b].treatment?.regimen.holidays else { return false }
            switch (arms[a].treatment, arms[b].treatment) {
            case (nil, nil): return true
            case let (first?, second?):
                return first.drugName == second.drugName && first.pharmacodynamics == second.pharmacodynamics
                    && first.regimen.doseTimesH == second.regimen.doseTimesH && first.regimen.cap == second.regimen.cap
                    && first.regimen.renalRule == second.regimen.renalRule
                    && first.regimen.sideEffectReductionMg == second.regimen.sideEffectReductionMg
                    && first.regimen.responseGuided == second.regimen.responseGuided
                    && first.regimen.asNeeded == second.regimen.asNeeded
                    // The dose outputs' dose-finding phase ends at the arm's own taper start.
                    && (model.doseMetrics == nil || armTaperStartDay[a] == armTaperStartDay[b])
            default: return false
            }
        }
        func sameDoses(_ a: Int, _ b: Int, _ day: Int) -> Bool {
            let i = a * horizonDays + day, j = b * horizonDays + day
            let amounts = defaultDoseAmountsMg[i], other = defaultDoseAmountsMg[j]
            for slot in 0..<8 where amounts[slot].bitPattern != other[slot].bitPattern { return false }
            return defaultPrescribedMg[i].bitPattern == defaultPrescribedMg[j].bitPattern
                && model.schedules[a]?.protocolDailyDoseMg(day: day).bitPattern == model.schedules[b]?.protocolDailyDoseMg(day: day).bitPattern
        }
        return SharedArmPrefixes(armCount: armCount, horizonDays: horizonDays, compatible: compatible, sameDoses: sameDoses)
    }

    /// Takes `model`'s numbers for the next run without rebuilding the worker (a PSA draw):
    /// `model` must be this simulator's model with numbers changed in place where the simulator
    /// reads them through `model` (economics, drug effects, adherence, the drinking and craving
    /// processes; ``CompiledParameterBinding``). The parts `init` hoisted out of the scenario
    /// (side-effect, withdrawal and toxicity models, cues, the craving mean, dose tables) are not
    /// bound by any PSA key, so they are kept; a binding of one must refresh it here.
    mutating func refresh(model: CohortModel) {
        assert(model.layout == self.model.layout && model.scenario.craving.mean == cravingMean
               && model.scenario.craving.cues == cues, "refresh(model:) got a model whose hoisted parts changed")
        self.model = model
        economicsBoxes = ModelBoxes(model.economics.map { [$0] } ?? [])
        economicsModel = economicsBoxes.unretained
        // A draw may change a per-arm value the plan compares (a drug effect, a cost model).
        sharing = sharedArmPrefixes()
    }

    /// One subject's state in one arm (trivially copyable; side-effect states live in
    /// `Workspace.sideEffects`).
    fileprivate struct ArmState {
        /// The arm whose treatment the subject gets here (differs after a reassignment).
        var treatmentArm = 0
        /// Kernel group of that treatment, or nil without a drug.
        var kernelGroup: Int?
        var pk = DailyExposureKernel.State()
        var regimen = RegimenState()
        /// `regimen == RegimenState()`: the precomputed default doses apply.
        var regimenIsDefault = true
        var effect: EffectModel = .none
        var exposureMeasure: ExposureMeasure = .averageConcentration
        /// Something reads `Cmax_d` on every day of this arm: `armAlwaysNeedsCmax` of the
        /// treatment arm, or an exposure measure other than Cavg (see `needsCmax`).
        var needsCmaxEveryDay = false
        /// The treatment arm's entries of the per-arm tables the day loop reads, looked up once
        /// per subject: `model.armHazardRatio`, `model.armPsychosocial`, `armWithdrawalIndex`.
        var hazardRatio = 1.0
        var psychosocial = false
        var withdrawalIndex = -1
        /// Irreversible enzyme inactivation of the arm's drug (nil for most drugs) and the
        /// inactivated fraction at the start of today (vigabatrin, `EnzymeInactivation`).
        var inactivation: EnzymeInactivation?
        var inactivatedFraction = 0.0
        /// Meaningful only when the scenario has a withdrawal model.
        var withdrawal = WithdrawalState()
        /// Alcohol withdrawal at treatment start; the episode ends at the first drinking day.
        var alcoholWithdrawal = AlcoholWithdrawalState()
        var alcoholWithdrawalEnded = false
        /// Meaningful only when the scenario has a toxicity model.
        var toxicity = ToxicityState()
        var drinking: DrinkingState
        var craving = 0.0
        /// Costs, QALYs and survival (used when the scenario has economics).
        var economics = SubjectEconomics()
        /// The dose outputs' record (used when the scenario reports doses).
        var dose = DoseRecord()
        /// The response window of the arm's titration to response (days), 0 without one: the
        /// day loop keeps the last days' drinking and craving in `Workspace.responseWindow`
        /// and applies the rule on rule days.
        var responseWindowDays = 0
        /// Regimen days are study days minus this (the first day of the current course of the
        /// treatment: 0, or the day of the last switch or restart).
        var regimenDayOffset = 0
        /// The treatment arm has `course:` rules (read every day).
        var hasCourseRules = false
        /// Treatment-course events so far, the first day on a new treatment (-1 before any),
        /// and what they were.
        var courseEvents = 0
        var firstCourseEventDay = -1
        var switched = false
        var restarted = false
        /// A course event with the as-dropout convention ended observation for the endpoints.
        var observationEnded = false
        /// Withdrawal timing (with its metrics): the last dose taken (study hours, −∞ before
        /// any); hours from the last dose to the first onset, and to the first day with
        /// hallucinations or worse and with convulsions (NaN until then); after a restart for
        /// withdrawal, the first dose of the restarted drug (NaN before it), whether its
        /// resolution is still awaited, and the hours to it.
        var lastDoseTimeH = -Double.infinity
        var withdrawalOnsetHours = Double.nan
        var hallucinationsOnsetHours = Double.nan
        var convulsionsOnsetHours = Double.nan
        var awaitingResolution = false
        var reinstatedDoseTimeH = Double.nan
        var resolutionHours = Double.nan
    }

    /// One arm-day's PK start, doses and last earlier dose, for withdrawal timing.
    fileprivate struct TimingDay {
        var midnight = DailyExposureKernel.State()
        var givenMg = SIMD8<Double>(repeating: 0)
        var lastDoseBeforeTodayH = -Double.infinity
    }

    /// One day of a subject's record for a titration to response's criterion.
    fileprivate struct ResponseDay {
        var drank = false
        var heavy = false
        var craving = 0.0
    }

    /// A worker's scratch memory for one subject in every arm: arm states, endpoint trackers,
    /// side-effect states (`arm * sideEffectCount + k`), the day's side-effect uniforms and the
    /// subject's PK kernels (by kernel group). Held through pointers allocated once, so the
    /// day loop mutates them in place with no copy-on-write or exclusivity checks. Copies of a
    /// `CohortSimulator` share it: use one simulator per worker (as the runner does).
    private final class Workspace {
        let arms: UnsafeMutablePointer<ArmState>
        let trackers: UnsafeMutablePointer<EndpointTracker>
        let sideEffects: UnsafeMutablePointer<SideEffectState>
        let sideEffectUniforms: UnsafeMutablePointer<Double>
        /// Per arm and side effect (`arm * sideEffectCount + k`): an upper bound of the
        /// subject's daily onset probability at any concentration (1 when there is none), so
        /// that a day whose onset uniform is at or above it needs no Cmax (see `needsCmax`).
        let sideEffectOnsetProbabilityCaps: UnsafeMutablePointer<Double>
        /// The subject's kernel per group (nil before it is built). Boxed: a call through a
        /// class's `let` borrows the kernel in place, where one through pointer memory would
        /// copy it (arrays retained) on every call.
        let kernels: UnsafeMutablePointer<KernelBox?>
        /// Per kernel group: the 1-cmt oral day kernel's tables (nil for other kernels), read
        /// in place with no reference counting; the memory belongs to `oralKernelStorage[group]`
        /// (rebuilt in place per subject) or, off that path, to `kernels[group]`.
        let oralKernels: UnsafeMutablePointer<OneCompartmentOralDayKernel.Tables?>
        /// Per kernel group: a 1-cmt oral kernel allocated once per worker and refilled per
        /// subject (`OneCompartmentOralDayKernel.rebuild`), so the common case builds no object.
        let oralKernelStorage: [OneCompartmentOralDayKernel]
        /// Per kernel group: the subject's kernel is built (in `oralKernels` or `kernels`).
        let hasKernel: UnsafeMutablePointer<Bool>
        /// The current day's draws, shared by its arms (written once per day).
        let dayDraws: UnsafeMutablePointer<DayDraws>
        /// Per arm, for the current subject: its days are taken from its leader
        /// (`SharedArmPrefixes`), so it is not simulated until it forks.
        let attached: UnsafeMutablePointer<Bool>
        /// Some arm's regimen was adjusted today (a reduction, an early stop, a restart): an
        /// attached follower of it must fork tomorrow (`forkFollowers`). Cleared when checked.
        let regimenAdjusted: UnsafeMutablePointer<Bool>
        /// `CohortSimulator.withdrawalModels`, borrowed in place by the day loop (no copy of
        /// a model per arm-day): `withdrawalModels.withModel(w) { ... }`.
        let withdrawalModels: UnsafePointer<Unmanaged<ModelBox<WithdrawalModel>>>
        private let withdrawalModelBoxes: ModelBoxes<WithdrawalModel>
        /// `CohortSimulator.toxicityModels`, likewise.
        let toxicityModels: UnsafePointer<Unmanaged<ModelBox<ToxicityModel>>>
        private let toxicityModelBoxes: ModelBoxes<ToxicityModel>
        /// The daily series the day loop writes every arm-day
        /// (`(arm * seriesCount + series) * horizonDays + day`, series by layout index), handed
        /// to the `SubjectOutcome` in one copy per arm and series after the subject's last day.
        let series: UnsafeMutablePointer<Double>
        /// Per arm, the last `riskWindowDays` days' standard drinks (`arm * riskWindowDays +
        /// day % riskWindowDays`): the economics' drinking-risk level window (``RiskLevelWindow``).
        let riskWindow: UnsafeMutablePointer<Double>
        let riskWindowDays: Int
        /// Per arm, the last `responseWindowDays` days of drinking and craving (`arm *
        /// responseWindowDays + day % window`, `window` the arm's own), for titration to response.
        let responseWindow: UnsafeMutablePointer<ResponseDay>
        let responseWindowDays: Int
        /// Per arm and course rule (`arm * courseRuleCount + rule`, rules flat as in
        /// `CohortSimulator.courseRules`): the relapse criterion's running state and the times
        /// the rule fired.
        let courseDetectors: UnsafeMutablePointer<RelapseDetector>
        let courseCounts: UnsafeMutablePointer<Int>
        let courseRuleCount: Int
        /// Per arm: today's `TimingDay` (written on dosing days of arms with a drug, with
        /// withdrawal timing).
        let timingDays: UnsafeMutablePointer<TimingDay>
        /// The current subject's responder uniform (a switch gives the new drug's effect to the
        /// same responder status).
        var responderUniform = 0.0
        /// The current subject's withdrawal stream (its third number of a day places a
        /// withdrawal onset within the day: ``WithdrawalTiming``).
        var withdrawalKey = StreamKey(seed: 0, subject: 0, purpose: .withdrawal)
        private let armCount: Int, sideEffectStateCount: Int, kernelCount: Int, seriesValueCount: Int

        init(armCount: Int, emptyArm: ArmState, tracker: EndpointTracker, sideEffects: [SideEffectState], kernelGroupCount: Int,
             seriesCount: Int, horizonDays: Int, withdrawalModels: [WithdrawalModel], toxicityModels: [ToxicityModel],
             riskWindowDays: Int, responseWindowDays: Int, courseRuleCount: Int) {
            self.armCount = armCount
            self.courseRuleCount = courseRuleCount
            courseDetectors = .allocate(capacity: max(1, armCount * courseRuleCount))
            courseDetectors.initialize(repeating: RelapseDetector(), count: max(1, armCount * courseRuleCount))
            courseCounts = .allocate(capacity: max(1, armCount * courseRuleCount))
            courseCounts.initialize(repeating: 0, count: max(1, armCount * courseRuleCount))
            timingDays = .allocate(capacity: max(1, armCount))
            timingDays.initialize(repeating: TimingDay(), count: max(1, armCount))
            self.responseWindowDays = responseWindowDays
            responseWindow = .allocate(capacity: max(1, armCount * responseWindowDays))
            responseWindow.initialize(repeating: ResponseDay(), count: max(1, armCount * responseWindowDays))
            self.riskWindowDays = riskWindowDays
            riskWindow = .allocate(capacity: max(1, armCount * riskWindowDays))
            riskWindow.initialize(repeating: 0, count: max(1, armCount * riskWindowDays))
            dayDraws = .allocate(capacity: 1)
            attached = .allocate(capacity: max(1, armCount))
            attached.initialize(repeating: false, count: max(1, armCount))
            regimenAdjusted = .allocate(capacity: 1)
            regimenAdjusted.initialize(to: false)
            dayDraws.initialize(to: DayDraws(drinking: DrinkingDayDraws(drinking: 1, amount: 1, transition: 1),
                                             craving: 0, cueJump: 0, withdrawal: 1, severity: 1))
            withdrawalModelBoxes = ModelBoxes(withdrawalModels)
            self.withdrawalModels = withdrawalModelBoxes.unretained
            toxicityModelBoxes = ModelBoxes(toxicityModels)
            self.toxicityModels = toxicityModelBoxes.unretained
            seriesValueCount = max(1, armCount * seriesCount * horizonDays)
            series = .allocate(capacity: seriesValueCount)
            series.initialize(repeating: .nan, count: seriesValueCount)
            sideEffectStateCount = armCount * sideEffects.count
            kernelCount = kernelGroupCount
            arms = .allocate(capacity: max(1, armCount))
            arms.initialize(repeating: emptyArm, count: armCount)
            trackers = .allocate(capacity: max(1, armCount))
            trackers.initialize(repeating: tracker, count: armCount)
            self.sideEffects = .allocate(capacity: max(1, sideEffectStateCount))
            for a in 0..<armCount {
                for (k, state) in sideEffects.enumerated() { (self.sideEffects + a * sideEffects.count + k).initialize(to: state) }
            }
            sideEffectUniforms = .allocate(capacity: max(1, 2 * sideEffects.count))
            sideEffectUniforms.initialize(repeating: 0, count: max(1, 2 * sideEffects.count))
            sideEffectOnsetProbabilityCaps = .allocate(capacity: max(1, sideEffectStateCount))
            sideEffectOnsetProbabilityCaps.initialize(repeating: 1, count: max(1, sideEffectStateCount))
            kernels = .allocate(capacity: max(1, kernelGroupCount))
            kernels.initialize(repeating: nil, count: kernelGroupCount)
            oralKernels = .allocate(capacity: max(1, kernelGroupCount))
            oralKernels.initialize(repeating: nil, count: max(1, kernelGroupCount))
            oralKernelStorage = (0..<kernelGroupCount).map { _ in OneCompartmentOralDayKernel() }
            hasKernel = .allocate(capacity: max(1, kernelGroupCount))
            hasKernel.initialize(repeating: false, count: max(1, kernelGroupCount))
        }

        deinit {
            arms.deinitialize(count: armCount)
            arms.deallocate()
            trackers.deinitialize(count: armCount)
            trackers.deallocate()
            sideEffects.deinitialize(count: sideEffectStateCount)
            sideEffects.deallocate()
            sideEffectUniforms.deallocate()
            sideEffectOnsetProbabilityCaps.deallocate()
            series.deallocate()
            riskWindow.deallocate()
            responseWindow.deallocate()
            courseDetectors.deallocate()
            courseCounts.deallocate()
            timingDays.deallocate()
            kernels.deinitialize(count: kernelCount)
            kernels.deallocate()
            oralKernels.deallocate()
            hasKernel.deallocate()
            dayDraws.deallocate()
            attached.deallocate()
            regimenAdjusted.deallocate()
        }
    }

    /// A subject's PK kernel, held by reference (see `Workspace.kernels`).
    private final class KernelBox {
        let kernel: DailyExposureKernel
        /// The copy-free form for the 1-cmt oral case.
        let oral: OneCompartmentOralDayKernel?
        init(_ kernel: DailyExposureKernel) {
            self.kernel = kernel
            oral = OneCompartmentOralDayKernel(kernel)
        }
    }

    /// What a day asks of every arm, looked up once per day: an exposure or craving metric is
    /// recorded (`dayHasMetric`); something reads every arm's Cmax (a Cmax metric of the day,
    /// or a recorded trajectory); a Cmin metric is recorded.
    private struct DayFlags {
        var hasMetric: Bool
        var readsCmax: Bool
        var hasCminMetric: Bool
        /// The risk-level period this day belongs to (p ≥ 1: days (p − 1)·W … p·W − 1, W the
        /// economics' risk-level window, ``PeriodStateTable``).
        var period: Int
        /// Whether this day is the last of its period (the boundary `period` closes today).
        var closesPeriod: Bool
    }

    /// One day's random numbers, shared by every arm.
    private struct DayDraws {
        var drinking: DrinkingDayDraws
        var craving: Double
        var cueJump: Double
        var withdrawal: Double
        var severity: Double
        /// Death today iff below the day's death probability (economics with mortality only).
        var mortality: Double = 1
        /// Alcohol-withdrawal seizure and delirium uniforms (inside the windows only).
        var seizure: Double = 1
        var delirium: Double = 1
        /// Toxicity grade uniform (with a toxicity model only).
        var toxicity: Double = 1
        /// As-needed dosing (with an as-needed arm only): the unit exponential `−ln(1 − u₁)` that
        /// decides whether the subject expects to drink (iff below the day's drinking hazard
        /// without drug effect), and the uniform that decides whether the dose is taken.
        var asNeededExpectation: Double = .infinity
        var asNeededTake: Double = 1
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
        var mask: UInt64 = 0
        for (i, subgroup) in scenario.subgroups.enumerated() where subgroup.contains(covariates) { mask |= 1 << UInt64(i) }
        outcome.subgroupMask = mask
        try buildKernels(subject: subject, covariates: covariates)
        workspace.responderUniform = responderU
        workspace.withdrawalKey = key(.withdrawal)

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
            if parallelGroups && subject % UInt64(armCount) != UInt64(a) { outcome.exclude(arm: a) }
            resetArm(a, treatmentArm: treatmentArm, covariates: covariates, safety: safety, responderU: responderU)
            workspace.trackers[a].reset(sex: covariates.sex, baselineDrinksPerDay: covariates.baselineDrinksPerDay,
                                        baselineCraving: covariates.baselineCraving,
                                        baselineHeavyDaysPercent: covariates.baselineHeavyDrinkingDaysPercent)
        }
        // Boundary 0 of the drinking-risk level periods: the level of the baseline drinks per day.
        if outcome.boundaryCount > 0, let window = model.economics?.riskLevelWindow {
            let baseline = window.level(drinksInWindow: covariates.baselineDrinksPerDay, daysInWindow: 1, sex: covariates.sex)
            for a in 0..<armCount { outcome.setPeriodState(baseline.rawValue, arm: a, boundary: 0) }
        }
        // The first day an attached arm must fork whatever happens (`Int.max`: none attached).
        var nextFork = attachFollowers(outcome: outcome)
        workspace.regimenAdjusted.pointee = false

        let adherenceKey = key(.adherence)
        let cueKey = key(.cueJumps)
        let alcoholWithdrawalKey = key(.alcoholWithdrawal), toxicityKey = key(.toxicity)
        let asNeededKey = key(.asNeededDosing)
        var adherence = AdherenceState(scenario.adherence)
        var taken = SIMD8<Double>(repeating: 0)
        let drinkingProcess = model.drinking
        // The first blocks of the regular purposes' day streams, all in one lane-kernel call a day.
        let blockCounters = SubjectDayBlocks.Counters(seed: seed, subject: subject)
        for day in 0..<horizonDays {
            let d = UInt32(day)
            let blocks = SubjectDayBlocks(blockCounters, day: d)
            if model.maximumDoseSlots > 0 && model.maximumDoseSlots <= 3 {
                let first = blocks.uniforms(.adherence, slot: 0), second = blocks.uniforms(.adherence, slot: 1)
                let u = SIMD4(first.first, first.second, second.first, second.second)
                adherence.beginDay(u: u[0])
                for slot in 0..<model.maximumDoseSlots { taken[slot] = adherence.takes(u: u[slot + 1]) ? 1 : 0 }
            } else if model.maximumDoseSlots > 0 {
                var stream = CounterStream(key: adherenceKey, day: d)
                adherence.beginDay(u: stream.uniform())
                for slot in 0..<model.maximumDoseSlots { taken[slot] = adherence.takes(u: stream.uniform()) ? 1 : 0 }
            }
            let drinkingUniforms = blocks.uniforms(.drinking)
            let uTransition = model.drinkingHasTransitions ? blocks.uniforms(.dropout).first : 1
            var cravingStream = blocks.stream(.craving)
            var draws = DayDraws(drinking: DrinkingDayDraws(drinking: drinkingUniforms.first, amount: drinkingUniforms.second,
                                                            transition: uTransition),
                                 craving: cravingStream.normal(), cueJump: 0, withdrawal: 1, severity: 1)
            if let cues {
                var cueStream = CounterStream(key: cueKey, day: d)
                let count = cues.count(uniform: cueStream.uniform())
                for _ in 0..<count { draws.cueJump += cues.meanJumpSize * cueStream.exponential() }
            }
            if hasWithdrawal {
                var stream = blocks.stream(.withdrawal)
                draws.withdrawal = stream.uniform()
                draws.severity = stream.uniform()
            }
            if hasMortality {
                draws.mortality = blocks.uniforms(.mortality).first
            }
            // Read a fixed number of times per day whatever the arm (common random numbers).
            if day < alcoholWithdrawalEndDay {
                var stream = CounterStream(key: alcoholWithdrawalKey, day: d)
                draws.seizure = stream.uniform()
                draws.delirium = stream.uniform()
            }
            if hasToxicity {
                draws.toxicity = CounterStream.uniform(key: toxicityKey, day: d, slot: 0)
            }
            if hasAsNeeded {
                var stream = CounterStream(key: asNeededKey, day: d)
                draws.asNeededExpectation = -log1p(-stream.uniform())
                draws.asNeededTake = stream.uniform()
            }
            // The side-effect stream's address has no arm in it: every arm reads the same
            // numbers, so they are drawn once per day, in the order each arm used to draw them.
            if sideEffectCount > 0 {
                var stream = blocks.stream(.sideEffects)
                for i in 0..<(2 * sideEffectCount) { workspace.sideEffectUniforms[i] = stream.uniform() }
            }
            // Stored once for the day's arms (passed by value, the struct was copied per arm-day).
            workspace.dayDraws.pointee = draws
            let today = DayFlags(hasMetric: dayHasMetric[day], readsCmax: outcome.recordsTrajectory || dayHasCmaxMetric[day],
                                 hasCminMetric: dayHasCminMetric[day],
                                 period: day / workspace.riskWindowDays + 1,
                                 closesPeriod: (day + 1) % workspace.riskWindowDays == 0)
            if day >= nextFork || (nextFork != .max && workspace.regimenAdjusted.pointee) {
                nextFork = forkFollowers(day: day, into: &outcome)
                workspace.regimenAdjusted.pointee = false
            }
            for a in 0..<armCount where outcome.isIncluded(arm: a) && !workspace.attached[a] {
                // The dead have no more days (`endAfterDeath`).
                if hasDeath && workspace.arms[a].economics.isDead { continue }
                advance(arm: a, day: day, today: today, covariates: covariates, taken: taken, drinkingProcess: drinkingProcess,
                        into: &outcome)
            }
        }
        // Arms that shared the whole horizon take all of it now.
        if nextFork != .max { _ = forkFollowers(day: horizonDays, into: &outcome) }

        for a in 0..<armCount where outcome.isIncluded(arm: a) {
            for series in bufferedSeries {
                outcome.setSeries(arm: a, series: series,
                                  days: UnsafeBufferPointer(start: workspace.series + (a * seriesCount + series) * horizonDays,
                                                            count: horizonDays))
            }
            record(arm: a, into: &outcome)
            recordAcuteSafety(arm: a, into: &outcome)
        }
    }

    /// Decides, for this subject, which arms take their first days from their leader
    /// (`sharing`): both arms included, neither reassigned, both regimens unadjusted at the
    /// start, and no trajectory recorded (its rows are written day by day). Returns the first
    /// day an attached arm forks by its plan (`Int.max` when none is attached). (This and the fork methods are `mutating` although they change only workspace
    /// memory, for the reason given at `advance`: no copy of the simulator per call.)
    private mutating func attachFollowers(outcome: SubjectOutcome) -> Int {
        var first = Int.max
        for b in 0..<armCount {
            let a = sharing.leader[b]
            let attach = a >= 0 && !outcome.recordsTrajectory && outcome.isIncluded(arm: b) && outcome.isIncluded(arm: a)
                && workspace.arms[b].treatmentArm == b && workspace.arms[a].treatmentArm == a
                && workspace.arms[b].regimenIsDefault && workspace.arms[a].regimenIsDefault
            workspace.attached[b] = attach
            if attach { first = min(first, sharing.days[b]) }
        }
        return first
    }

    /// At the start of `day` (or at `horizonDays`, after the last day), gives every attached
    /// arm whose shared days end now, or whose leader's regimen was adjusted for this subject
    /// (from today on), its own copy of the state it would have had: the leader's. Returns the
    /// first day a still attached arm forks by its plan (`Int.max` when none is left).
    private mutating func forkFollowers(day: Int, into outcome: inout SubjectOutcome) -> Int {
        var next = Int.max
        for b in 0..<armCount where workspace.attached[b] {
            // The arm actually simulated: a leader may itself still follow (arms in order, so
            // one that forks today has already forked).
            var source = sharing.leader[b]
            while workspace.attached[source] { source = sharing.leader[source] }
            if day >= sharing.days[b] || !workspace.arms[source].regimenIsDefault {
                fork(b, from: source, day: day, into: &outcome)
            } else {
                next = min(next, sharing.days[b])
            }
        }
        return next
    }

    /// Copies everything arm `source` has of this subject through day `day − 1` into arm `b`
    /// (its state, endpoint tracker, side-effect states, daily series and the day metrics
    /// recorded so far), which is simulated on its own from `day` on.
    private mutating func fork(_ b: Int, from source: Int, day: Int, into outcome: inout SubjectOutcome) {
        workspace.arms[b] = workspace.arms[source]
        workspace.arms[b].treatmentArm = b
        let window = workspace.riskWindowDays
        (workspace.riskWindow + b * window).update(from: workspace.riskWindow + source * window, count: window)
        workspace.trackers[b].copyState(from: workspace.trackers[source])
        outcome.copyPeriodStates(from: source, to: b)
        let rules = workspace.courseRuleCount
        (workspace.courseDetectors + b * rules).update(from: workspace.courseDetectors + source * rules, count: rules)
        (workspace.courseCounts + b * rules).update(from: workspace.courseCounts + source * rules, count: rules)
        for k in 0..<sideEffectCount {
            workspace.sideEffects[b * sideEffectCount + k] = workspace.sideEffects[source * sideEffectCount + k]
            workspace.sideEffectOnsetProbabilityCaps[b * sideEffectCount + k] =
                workspace.sideEffectOnsetProbabilityCaps[source * sideEffectCount + k]
        }
        // A leader that died has its days after death filled in already (`endAfterDeath`).
        let days = workspace.arms[source].economics.isDead ? horizonDays : day
        for series in bufferedSeries {
            (workspace.series + (b * seriesCount + series) * horizonDays)
                .update(from: workspace.series + (source * seriesCount + series) * horizonDays, count: days)
        }
        let scenario = model.scenario
        for (i, metric) in scenario.exposureMetrics.enumerated() where metric.day < day {
            outcome.set(outcome.value(arm: source, metric: model.exposureMetric[i]), arm: b, metric: model.exposureMetric[i])
        }
        for (i, metric) in scenario.cravingMetrics.enumerated() where metric.day < day {
            outcome.set(outcome.value(arm: source, metric: model.cravingMetric[i]), arm: b, metric: model.cravingMetric[i])
        }
        workspace.attached[b] = false
    }

    /// Day `day` of one arm, in RM-1's order: exposure → effect → drinking → side effects →
    /// withdrawal → craving for tomorrow.
    ///
    /// `mutating` although it changes only workspace memory: called from `simulate` on the
    /// same `inout self`, it then needs no copy of the (large) simulator per call.
    ///
    /// `drinkingProcess` is `model.drinking`, passed in: a method called on it through the
    /// `mutating` self would first copy the whole process on every arm-day.
    private mutating func advance(arm a: Int, day: Int, today: DayFlags, covariates: Covariates, taken: SIMD8<Double>,
                                  drinkingProcess: DrinkingProcess, into outcome: inout SubjectOutcome) {
        let arm = workspace.arms + a
        let draws = workspace.dayDraws
        // (`Int.max` without a titration to response: one comparison.) Before the treatment
        // arm is read: a no-response course event changes it from today.
        if day - arm.pointee.regimenDayOffset >= arm.pointee.regimen.nextRuleDay {
            applyTitrationRule(arm: a, day: day, covariates: covariates)
        }
        let treatmentArm = arm.pointee.treatmentArm
        // The day of the current course of the treatment (the study day without course events).
        let regimenDay = day - arm.pointee.regimenDayOffset
        var exposure = DailyExposure(aucMgHPerL: 0, cavgMgPerL: 0, cmaxMgPerL: 0, tmaxH: 0, cminMgPerL: 0)
        var prescribedMg = 0.0
        // The daily dose the regimen gives (an as-needed regimen: on a day it is indicated);
        // tolerance of side effects counts days on it, and the subject is on treatment while it
        // is above 0.
        var scheduledMg = 0.0
        var tookAny = false
        var tookMg = 0.0
        let sideEffects = workspace.sideEffects + a * sideEffectCount
        var anySideEffect = false
        // The first affected one settles it. (The side-effect loops of the day are `while`
        // loops: in this large function `for k in 0..<n` keeps a range iterator with its
        // checks, and a loop without the exit is vectorised, both costing more than they save
        // for the one or two side effects scenarios have.)
        var k = 0
        while k < sideEffectCount {
            if sideEffects[k].isAffected {
                anySideEffect = true
                break
            }
            k += 1
        }
        var takenToday = taken
        var indicated = true
        if hasAsNeeded, let asNeeded = armAsNeeded[treatmentArm] {
            // Expects to drink: the day's drinking hazard without any drug effect or hazard ratio.
            let risk = drinkingProcess.drinkingHazard(arm.pointee.drinking, subject: covariates,
                                                      context: DrinkingDayContext(day: day, craving: arm.pointee.craving, sideEffect: anySideEffect))
            indicated = draws.pointee.asNeededExpectation < risk
            takenToday = SIMD8(repeating: 0)
            if indicated && draws.pointee.asNeededTake < asNeeded.takeProbability { takenToday[0] = 1 }
        }
        if let group = arm.pointee.kernelGroup, workspace.hasKernel[group] {
            // The oral tables are read in place; the box itself only off the fast path (a
            // class reference loaded from workspace memory is retained and released).
            let oral = workspace.oralKernels[group]
            var amounts = SIMD8<Double>(repeating: 0)
            if arm.pointee.regimenIsDefault {
                let i = treatmentArm * horizonDays + day
                amounts = defaultDoseAmountsMg[i]
                prescribedMg = defaultPrescribedMg[i]
            } else if let schedule = model.schedules[treatmentArm] {
                var doses = DailyDoses(count: 0)
                schedule.fill(day: regimenDay, state: arm.pointee.regimen, into: &doses)
                let slotCount = oral?.slotCount ?? workspace.kernels[group]?.kernel.slotCount ?? 0
                for slot in 0..<slotCount { amounts[slot] = doses[slot] }
                prescribedMg = doses.totalMg
            }
            scheduledMg = prescribedMg
            if !indicated { prescribedMg = 0 }
            amounts *= takenToday
            tookAny = any(amounts .> 0)
            tookMg = amounts.sum()
            if hasWithdrawalTiming && arm.pointee.withdrawalIndex >= 0 {
                // Kept in workspace memory (not live across the day) for `timeWithdrawal`.
                let previous = arm.pointee.lastDoseTimeH
                workspace.timingDays[a] = TimingDay(midnight: arm.pointee.pk, givenMg: amounts, lastDoseBeforeTodayH: previous)
                if tookAny { arm.pointee.lastDoseTimeH = Self.lastDoseTimeH(times: groupDoseTimesH[group], day: day, givenMg: amounts,
                                                                            before: 24, previous: previous) }
            }
            // A local state: an inout into workspace memory cannot be proved disjoint from
            // what the callee reads, which costs copies.
            var pk = arm.pointee.pk
            if let oral {
                if needsCmax(arm: arm, sideEffects: a, today: today) {
                    exposure = oral.advanceDay(&pk, doseAmountsMg: amounts, computingPeaks: true)
                } else if today.hasCminMetric {
                    exposure = oral.advanceDay(&pk, doseAmountsMg: amounts, computingPeaks: false)
                } else {
                    exposure = oral.advanceDayWithoutExtremes(&pk, doseAmountsMg: amounts)
                }
            } else if let box = workspace.kernels[group] {
                let extremes = today.hasCminMetric || needsCmax(arm: arm, sideEffects: a, today: today)
                exposure = box.kernel.advanceDay(&pk, doseAmountsMg: amounts, computingExtremes: extremes)
            }
            arm.pointee.pk = pk
        }
        var concentration = arm.pointee.exposureMeasure == .peakConcentration ? exposure.cmaxMgPerL : exposure.cavgMgPerL
        if let inactivation = arm.pointee.inactivation {
            // The effect reads the day's mean inactivated fraction, which outlasts the drug.
            let step = inactivation.advance(from: arm.pointee.inactivatedFraction, concentrationMgPerL: exposure.cavgMgPerL)
            arm.pointee.inactivatedFraction = step.end
            concentration = step.mean
        }
        let effect = arm.pointee.effect.effect(concentrationMgPerL: concentration)

        let craving = arm.pointee.craving
        let context = DrinkingDayContext(day: day, craving: craving, effect: effect,
                                         treatmentHazardRatio: arm.pointee.hazardRatio, sideEffect: anySideEffect)
        let lastDrinkingDay = arm.pointee.drinking.lastDrinkingDay
        var drinkingState = arm.pointee.drinking
        let drinking = drinkingProcess.advance(&drinkingState, subject: covariates, context: context, draws: draws.pointee.drinking)
        arm.pointee.drinking = drinkingState
        if drinking.toState != drinking.fromState && stateEndsTreatment[drinking.toState] && arm.pointee.kernelGroup != nil {
            // Left treatment: no more doses from tomorrow, abruptly (a taper from 0 mg/day).
            apply(.leaveTreatment, arm: arm, schedule: model.schedules[treatmentArm], fromRegimenDay: regimenDay + 1)
        }
        // (A subject who died is not advanced: `endAfterDeath`.)
        workspace.trackers[a].observe(day: day, drinks: drinking.drinks, grams: drinking.grams,
                                      observed: stateIsObserved[arm.pointee.drinking.current] && !arm.pointee.observationEnded,
                                      craving: craving)
        // A treatment-course event met today gives the new treatment from tomorrow (not after
        // leaving treatment).
        var courseRule = -1
        if arm.pointee.hasCourseRules && !stateEndsTreatment[arm.pointee.drinking.current] {
            courseRule = courseRuleMet(arm: a, day: day, drinks: drinking.drinks, sex: covariates.sex, offDrug: prescribedMg == 0)
        }
        if arm.pointee.responseWindowDays > 0 {
            let window = arm.pointee.responseWindowDays
            workspace.responseWindow[a * workspace.responseWindowDays + day % window] =
                ResponseDay(drank: drinking.drank, heavy: drinkingProcess.heavyThreshold.isHeavy(drinks: drinking.drinks, sex: covariates.sex),
                            craving: craving)
        }

        let seriesRow = workspace.series + a * seriesCount * horizonDays + day
        let sideEffectSeries = seriesRow + model.firstSideEffectSeries * horizonDays
        var sideEffectOnsets = 0
        // Prescriber visits outside the schedule: one per dose reduction or stop for a side effect.
        var unscheduledVisits = 0
        var sideEffectEpisodeCost = 0.0, sideEffectDisutility = 0.0
        var nextEffect = 0
        while nextEffect < sideEffectCount {
            let k = nextEffect
            nextEffect += 1
            let u = workspace.sideEffectUniforms[2 * k], uIntolerable = workspace.sideEffectUniforms[2 * k + 1]
            let dayModel = sideEffectDayModels[sideEffectModelIndex(treatmentArm: treatmentArm, effect: k)]
            let result = sideEffects[k].advance(dayModel, cmaxMgPerL: exposure.cmaxMgPerL,
                                                cavgMgPerL: exposure.cavgMgPerL, prescribedDailyDoseMg: scheduledMg,
                                                u: u, uIntolerable: uIntolerable, takenDoseMg: tookMg, aucMgHPerL: exposure.aucMgHPerL,
                                                onsetProbabilityCap: workspace.sideEffectOnsetProbabilityCaps[a * sideEffectCount + k])
            if result.status == .onset {
                sideEffectOnsets += 1
                sideEffectEpisodeCost += dayModel.consequences.costPerEpisode
            }
            if result.hasEffect { sideEffectDisutility += dayModel.consequences.disutilityPerEpisodeDay }
            sideEffectSeries[k * horizonDays] = result.hasEffect ? 1 : 0
            let event: TreatmentEvent? = switch result.action {
            case .none: nil
            case .reduceDose(let mg): .reduceDose(byMg: mg)
            case .discontinue(let kind): .stop(kind.earlyStopShape)
            }
            if let event, apply(event, arm: arm, schedule: model.schedules[treatmentArm], fromRegimenDay: regimenDay + 1) {
                unscheduledVisits += 1
            }
        }
        // Cost of today's alcohol-withdrawal complications and toxicity (their models' prices).
        var safetyEventCost = 0.0
        // Alcohol withdrawal at treatment start: day d is abstinence day d until the first drink.
        if day < alcoholWithdrawalEndDay && !arm.pointee.alcoholWithdrawalEnded {
            if drinking.drank {
                arm.pointee.alcoholWithdrawalEnded = true
            } else {
                let complications = arm.pointee.alcoholWithdrawal.advance(alcoholWithdrawalModel, abstinenceDay: day,
                                                          benzodiazepineCover: armBenzodiazepineCover[treatmentArm],
                                                          uSeizure: draws.pointee.seizure, uDelirium: draws.pointee.delirium)
                if complications.seizure { safetyEventCost += alcoholWithdrawalModel.seizure.costPerEvent }
                if complications.delirium { safetyEventCost += alcoholWithdrawalModel.delirium.costPerEvent }
            }
        }
        if hasToxicity, case let t = armToxicityIndex[treatmentArm], t >= 0 {
            workspace.toxicityModels.withModel(t) { model in
                safetyEventCost += arm.pointee.toxicity.advance(model, cmaxMgPerL: exposure.cmaxMgPerL, cavgMgPerL: exposure.cavgMgPerL,
                                                                prescribedDailyDoseMg: prescribedMg, u: draws.pointee.toxicity).cost
            }
        }
        if hasWithdrawal, case let w = arm.pointee.withdrawalIndex, w >= 0 {
            let adaptation = arm.pointee.withdrawal.adaptation.level
            // The level A follows: the craving effect, or the drug's own occupancy.
            let result = workspace.withdrawalModels.withModel(w) { model in
                let level = model.driver.level(effect: effect, cmaxMgPerL: exposure.cmaxMgPerL, cavgMgPerL: exposure.cavgMgPerL)
                return arm.pointee.withdrawal.advance(model, effect: level, doseTakenToday: tookAny,
                                                      u: draws.pointee.withdrawal, uSeverity: draws.pointee.severity)
            }
            if hasWithdrawalTiming && (result.isWithdrawalDay || arm.pointee.awaitingResolution) {
                timeWithdrawal(arm: a, day: day, result: result, withdrawalModel: w, adaptation: adaptation, effectToday: effect)
            }
            // Severe symptoms: the drug is restarted from tomorrow (after an early stop only).
            // Not after leaving treatment (`ends_treatment`): a dropout is not restarted.
            if result.reinstateDrug, !stateEndsTreatment[arm.pointee.drinking.current],
               apply(.reinstate, arm: arm, schedule: model.schedules[treatmentArm], fromRegimenDay: regimenDay + 1) {
                // The first restart's resolution is timed from its first dose.
                if hasWithdrawalTiming && arm.pointee.resolutionHours.isNaN && !arm.pointee.awaitingResolution {
                    arm.pointee.awaitingResolution = true
                    arm.pointee.reinstatedDoseTimeH = .nan
                }
            }
        }

        // A `dead` drinking state is absorbing: in it today means entered today.
        let diesToday = stateIsDead[arm.pointee.drinking.current]
        if hasEconomics, !arm.pointee.economics.isDead {
            var affected = 0
            for k in 0..<sideEffectCount where sideEffects[k].isAffected { affected += 1 }
            let observed = stateIsObserved[arm.pointee.drinking.current], mortalityUniform = draws.pointee.mortality
            // The box itself, unretained: borrowing its model through a closure still copied it.
            let (level, unpricedCost) = economicsModel[0]._withUnsafeGuaranteedRef { economics in
                Self.accrue(economics, arm: arm, riskWindow: workspace.riskWindow + a * workspace.riskWindowDays,
                            day: day, covariates: covariates, drinking: drinking, observed: observed,
                            prescribedMg: prescribedMg, takenMg: tookMg, sideEffectOnsets: sideEffectOnsets,
                            unscheduledVisits: unscheduledVisits, safetyEventCost: safetyEventCost,
                            sideEffectsPresent: affected, sideEffectEpisodeCost: sideEffectEpisodeCost,
                            sideEffectDisutility: sideEffectDisutility, diesToday: diesToday, mortalityUniform: mortalityUniform)
            }
            // The level of the period that ends today; a death fills its period and every later one.
            outcome.addPeriodCost(unpricedCost, arm: a, period: today.period)
            if arm.pointee.economics.isDead {
                outcome.setPeriodState(PeriodStateTable.riskLevelDeadState, arm: a, fromBoundary: today.period)
            } else if today.closesPeriod {
                outcome.setPeriodState(level.rawValue, arm: a, boundary: today.period)
            }
        } else if diesToday {
            arm.pointee.economics.isDead = true
        }
        if hasDeath && arm.pointee.economics.isDead { endAfterDeath(arm: a, day: day) }

        if today.hasMetric {
            let scenario = model.scenario
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
        }
        seriesRow[model.abstinentSeries * horizonDays] = drinking.drank ? 0 : 1
        seriesRow[model.cravingSeries * horizonDays] = craving
        seriesRow[model.cavgSeries * horizonDays] = exposure.cavgMgPerL
        seriesRow[model.onTreatmentSeries * horizonDays] = scheduledMg > 0 ? 1 : 0
        if let prescribedSeries = model.prescribedSeries {
            seriesRow[prescribedSeries * horizonDays] = prescribedMg
            let stopDay = arm.pointee.regimen.discontinuationDay ?? .max
            arm.pointee.dose.record(day: day, prescribedMgPerDay: prescribedMg, takenMg: tookMg,
                                    findingDose: regimenDay < stopDay && regimenDay < armTaperStartDay[treatmentArm])
        } else if tracksHighestDose {
            arm.pointee.dose.highestMgPerDay = max(arm.pointee.dose.highestMgPerDay, prescribedMg)
        }
        if outcome.recordsTrajectory {
            outcome.recordTrajectory(exposure.cavgMgPerL, arm: a, day: day, column: 0)
            outcome.recordTrajectory(exposure.cmaxMgPerL, arm: a, day: day, column: 1)
            outcome.recordTrajectory(effect, arm: a, day: day, column: 2)
            outcome.recordTrajectory(craving, arm: a, day: day, column: 3)
            outcome.recordTrajectory(Double(drinking.drinks), arm: a, day: day, column: 4)
            outcome.recordTrajectory(Double(arm.pointee.drinking.current), arm: a, day: day, column: 5)
        }

        let mean = cravingMean.mean(baseline: covariates.baselineCraving, effect: effect, day: day,
                                    lastDrinkingDay: drinking.drank ? day : lastDrinkingDay,
                                    inPsychosocialTherapy: arm.pointee.psychosocial)
        arm.pointee.craving = model.craving.advance(craving, mean: mean, normal: draws.pointee.craving) + draws.pointee.cueJump
        if courseRule >= 0 && day + 1 < horizonDays && !arm.pointee.economics.isDead {
            changeTreatment(arm: a, rule: courseRule, fromDay: day + 1, covariates: covariates)
        }
    }

    /// Applies arm `a`'s titration to response on `day` (a rule day), before the day's doses: the
    /// criterion reads the days of the current course before `day` from
    /// `Workspace.responseWindow`, and an intolerable side-effect episode in progress or a
    /// planned interruption blocks escalation. When the stopping rule is due and the arm has a
    /// `no_response` course rule left, the subject gets its target's treatment from `day`
    /// instead of stopping.
    @inline(never)
    private mutating func applyTitrationRule(arm a: Int, day: Int, covariates: Covariates) {
        let arm = workspace.arms + a
        let treatmentArm = arm.pointee.treatmentArm
        guard let rule = armTitration[treatmentArm] else { return }
        let regimenDay = day - arm.pointee.regimenDayOffset
        let window = arm.pointee.responseWindowDays
        let ring = workspace.responseWindow + a * workspace.responseWindowDays
        let first = max(arm.pointee.regimenDayOffset, day - window)
        var drinkingDays = 0, heavyDays = 0
        var craving = 0.0
        for d in first..<day {
            let record = ring[d % window]
            if record.drank { drinkingDays += 1 }
            if record.heavy { heavyDays += 1 }
            craving += record.craving
        }
        let days = day - first
        let observation = ResponseObservation(days: days, drinkingDays: drinkingDays, heavyDays: heavyDays,
                                              meanCraving: days > 0 ? craving / Double(days) : .nan)
        var blocked = armHasHolidays[treatmentArm] && (model.schedules[treatmentArm]?.isHoliday(day: regimenDay) ?? false)
        let sideEffects = workspace.sideEffects + a * sideEffectCount
        for k in 0..<sideEffectCount where sideEffects[k].isAffected && sideEffects[k].isIntolerable { blocked = true }
        let decision = rule.decide(&arm.pointee.regimen, day: regimenDay, observation: observation, intolerableSideEffect: blocked,
                                   taperStartDay: armTaperStartDay[treatmentArm])
        guard decision == .stopForNoResponse else { return }
        if arm.pointee.hasCourseRules {
            let base = a * workspace.courseRuleCount
            for r in armCourseFirst[treatmentArm]..<armCourseFirst[treatmentArm + 1]
            where courseRules[r].relapse == nil && day >= courseRules[r].fromDay && workspace.courseCounts[base + r] < courseRules[r].maxTimes {
                changeTreatment(arm: a, rule: r, fromDay: day, covariates: covariates)
                return
            }
        }
        apply(.stop(.regimenDiscontinuation), arm: arm, schedule: model.schedules[treatmentArm], fromRegimenDay: regimenDay)
    }

    /// The one owner of a subject's regimen during a course: applies a treatment event that a
    /// stage decided (``TreatmentEvent``) from regimen day `day` on, and notes that the arm no
    /// longer gives its default doses (so an arm sharing its days forks). Returns whether the
    /// event took effect; an event that needs the regimen's schedule has none to act on in an
    /// arm without a drug (`schedule` nil), and takes no effect there.
    @discardableResult @inline(__always)
    private func apply(_ event: TreatmentEvent, arm: UnsafeMutablePointer<ArmState>, schedule: RegimenSchedule?,
                       fromRegimenDay day: Int) -> Bool {
        guard event.apply(to: &arm.pointee.regimen, schedule: schedule, day: day) else { return false }
        arm.pointee.regimenIsDefault = arm.pointee.regimen == RegimenState()
        workspace.regimenAdjusted.pointee = true
        return true
    }

    /// The first of arm `a`'s relapse course rules (of its treatment arm, in order) met on `day`
    /// with `drinks` drinks and not used up, or -1. Every rule's criterion takes the day (a
    /// `while_off_drug` rule's as a day without drinks unless `offDrug`: no dose prescribed
    /// today).
    private func courseRuleMet(arm a: Int, day: Int, drinks: Int, sex: Sex, offDrug: Bool) -> Int {
        let arm = workspace.arms + a
        let treatmentArm = arm.pointee.treatmentArm
        let base = a * workspace.courseRuleCount
        let horizonLastDay = horizonDays - 1
        var met = -1
        for r in armCourseFirst[treatmentArm]..<armCourseFirst[treatmentArm + 1] {
            guard let relapse = courseRules[r].relapse else { continue }
            let firstDay = max(courseRules[r].fromDay, arm.pointee.regimenDayOffset)
            guard day >= firstDay else { continue }
            // A day on the drug counts as a day without drinks for a `while_off_drug` rule (its
            // weeks keep the calendar).
            let counted = offDrug || !courseRules[r].whileOffDrug ? drinks : 0
            if workspace.courseDetectors[base + r].observe(relapse, day: day, firstDay: firstDay, lastDay: horizonLastDay, drinks: counted, sex: sex),
               met < 0, workspace.courseCounts[base + r] < courseRules[r].maxTimes {
                met = r
            }
        }
        return met
    }

    /// Gives arm `a`'s subject the treatment of course rule `rule`'s target from study day
    /// `fromDay` on: its regimen from its day 0 (with its own titration), drug effect, hazard
    /// ratio, psychosocial therapy, side-effect and withdrawal models. The drug amounts in the
    /// body carry over (the target gives the same drug or none; a target without a drug lets the
    /// current one wash out, its effect and withdrawal following it). Drinking, craving, side-
    /// effect episodes, economics and endpoints go on; the event is recorded.
    private mutating func changeTreatment(arm a: Int, rule r: Int, fromDay: Int, covariates: Covariates) {
        let arm = workspace.arms + a
        let rule = courseRules[r]
        let target = rule.targetArm
        workspace.courseCounts[a * workspace.courseRuleCount + r] += 1
        arm.pointee.courseEvents += 1
        if arm.pointee.firstCourseEventDay < 0 { arm.pointee.firstCourseEventDay = fromDay }
        if target == arm.pointee.treatmentArm { arm.pointee.restarted = true } else { arm.pointee.switched = true }
        if rule.endsObservation { arm.pointee.observationEnded = true }
        let scenario = model.scenario
        if let treatment = scenario.arms[target].treatment, let schedule = model.schedules[target] {
            if arm.pointee.kernelGroup != model.kernelGroup[target] {
                // Same drug at other clock times: yesterday's doses still in an absorption lag
                // past midnight belonged to the old times' slots (no shipped drug has a lag).
                arm.pointee.pk.carriedInputsMg = SIMD8(repeating: 0)
                arm.pointee.kernelGroup = model.kernelGroup[target]
            }
            arm.pointee.regimen = schedule.makeState(creatinineClearanceMLPerMin: covariates.creatinineClearanceMLPerMin)
            arm.pointee.responseWindowDays = treatment.regimen.responseGuided?.response.windowDays ?? 0
            arm.pointee.effect = treatment.pharmacodynamics.effectModel(responderUniform: workspace.responderUniform)
            arm.pointee.exposureMeasure = treatment.pharmacodynamics.exposure
            arm.pointee.inactivation = treatment.pharmacodynamics.inactivation
            arm.pointee.withdrawalIndex = armWithdrawalIndex[target]
        } else {
            // No drug in the target: nothing more is given (no schedule), the current drug's
            // amounts wash out under its own kernel, effect and withdrawal model.
            arm.pointee.regimen = RegimenState()
            arm.pointee.responseWindowDays = 0
        }
        arm.pointee.treatmentArm = target
        arm.pointee.regimenDayOffset = fromDay
        arm.pointee.regimenIsDefault = false
        arm.pointee.hazardRatio = model.armHazardRatio[target]
        arm.pointee.psychosocial = model.armPsychosocial[target]
        arm.pointee.needsCmaxEveryDay = armAlwaysNeedsCmax[target]
            || (arm.pointee.kernelGroup != nil && arm.pointee.exposureMeasure != .averageConcentration)
        arm.pointee.hasCourseRules = armCourseFirst[target + 1] > armCourseFirst[target]
        for k in 0..<sideEffectCount {
            let index = sideEffectModelIndex(treatmentArm: target, effect: k)
            let state = workspace.sideEffects[a * sideEffectCount + k]
            workspace.sideEffectOnsetProbabilityCaps[a * sideEffectCount + k] =
                Self.onsetProbabilityCap(sideEffectDayModels[index], susceptibilityMultiplier: state.susceptibilityMultiplier,
                                         drugSusceptibilityMultiplier: state.drugSusceptibilityMultiplier)
        }
        // The target's relapse criteria count from the new course's first day.
        let base = a * workspace.courseRuleCount
        for q in armCourseFirst[target]..<armCourseFirst[target + 1] { workspace.courseDetectors[base + q] = RelapseDetector() }
        workspace.regimenAdjusted.pointee = true
    }

    /// The study hour of the last dose of `givenMg` (a day's doses by slot, at clock `times`)
    /// taken at or before hour `before` of `day`, else `previous` (the last dose before that day).
    @inline(__always)
    private static func lastDoseTimeH(times: SIMD8<Double>, day: Int, givenMg: SIMD8<Double>, before hour: Double, previous: Double) -> Double {
        let taken = times.replacing(with: -.infinity, where: givenMg .<= 0 .| times .> hour)
        let latest = taken.max()
        return latest.isFinite ? Double(day) * 24 + latest : previous
    }

    /// Withdrawal timing on `day` of arm `a` (``WithdrawalTiming``), from the exact within-day
    /// PK: on a withdrawal day, the hour of its onset, for the subject's first onset and first
    /// days with hallucinations or worse and with convulsions (hours after the last dose before
    /// it); after a restart for withdrawal, the hour the drive ends (hours after the restarted
    /// drug's first dose). `adaptation` is `A_d` (before today's update), `midnight` the PK
    /// state at 00:00 and `givenMg` today's doses by slot. Called on those days only.
    @inline(never)
    private mutating func timeWithdrawal(arm a: Int, day: Int, result: WithdrawalDayOutcome, withdrawalModel w: Int, adaptation: Double,
                                         effectToday: Double) {
        let arm = workspace.arms + a
        // Today's PK start and doses (all zero on a day the arm gave none).
        let timingDay = arm.pointee.kernelGroup == nil ? TimingDay() : workspace.timingDays[a]
        let midnight = timingDay.midnight, givenMg = timingDay.givenMg
        var wantsOnset = false
        if result.isWithdrawalDay {
            let symptom = result.symptom
            wantsOnset = arm.pointee.withdrawalOnsetHours.isNaN
                || (arm.pointee.hallucinationsOnsetHours.isNaN && symptom.map { $0 >= .hallucinations } == true)
                || (arm.pointee.convulsionsOnsetHours.isNaN && symptom == .convulsions)
        }
        if arm.pointee.awaitingResolution && arm.pointee.reinstatedDoseTimeH.isNaN {
            // The restarted drug's first dose today starts the clock.
            if let group = arm.pointee.kernelGroup, let times = model.schedules[groupBuildArm[group]]?.regimen.doseTimesH,
               let slot = times.indices.first(where: { $0 < 8 && givenMg[$0] > 0 }) {
                arm.pointee.reinstatedDoseTimeH = Double(day) * 24 + times[slot]
            }
        }
        let wantsResolution = arm.pointee.awaitingResolution && !arm.pointee.reinstatedDoseTimeH.isNaN
        guard wantsOnset || wantsResolution, let group = arm.pointee.kernelGroup,
              let times = model.schedules[groupBuildArm[group]]?.regimen.doseTimesH,
              let pkModel = subjectPKModel(group: group) else { return }
        // As the day kernel gives them: into the gut with absorption, else into the central compartment.
        let route: DoseRoute = pkModel.hasAbsorption ? .oral : .ivBolus
        var doses: [DoseEvent] = []
        for (slot, time) in times.enumerated() where slot < 8 {
            if givenMg[slot] > 0 { doses.append(DoseEvent(timeH: time, amountMg: givenMg[slot], route: route)) }
            if midnight.carriedInputsMg[slot] > 0 { doses.append(DoseEvent(timeH: time - 24, amountMg: midnight.carriedInputsMg[slot], route: route)) }
        }
        let armEffect = arm.pointee.effect
        let constantLevel = arm.pointee.inactivation != nil
        let (driver, threshold) = workspace.withdrawalModels.withModel(w) { ($0.driver, $0.driveThreshold) }
        let level: (Double) -> Double = { c in
            switch driver {
            case .cravingEffect: constantLevel ? effectToday : armEffect.effect(concentrationMgPerL: c)
            case .occupancy: driver.level(effect: 0, cmaxMgPerL: c, cavgMgPerL: c)
            }
        }
        let profile = WithdrawalTiming.driveProfile(model: pkModel, midnight: midnight.amounts, doses: doses, adaptation: adaptation,
                                                    threshold: threshold, level: level)
        if wantsOnset {
            // The withdrawal stream's third number of the day (the first two decide the day and its tier).
            var stream = CounterStream(key: workspace.withdrawalKey, day: UInt32(day))
            _ = stream.uniform()
            _ = stream.uniform()
            let hour = WithdrawalTiming.onsetHour(profile: profile, dailyHazard: result.hazardPerDay, uniform: stream.uniform())
            let lastDose = Self.lastDoseTimeH(times: groupDoseTimesH[group], day: day, givenMg: givenMg, before: hour,
                                              previous: timingDay.lastDoseBeforeTodayH)
            let hours = lastDose.isFinite ? Double(day) * 24 + hour - lastDose : .nan
            if arm.pointee.withdrawalOnsetHours.isNaN && arm.pointee.withdrawal.counters.firstWithdrawalDay == day {
                arm.pointee.withdrawalOnsetHours = hours
            }
            if arm.pointee.hallucinationsOnsetHours.isNaN, let symptom = result.symptom, symptom >= .hallucinations {
                arm.pointee.hallucinationsOnsetHours = hours
            }
            if arm.pointee.convulsionsOnsetHours.isNaN, result.symptom == .convulsions {
                arm.pointee.convulsionsOnsetHours = hours
            }
        }
        if wantsResolution {
            let from = max(0, arm.pointee.reinstatedDoseTimeH - Double(day) * 24)
            if let end = WithdrawalTiming.driveEndHour(profile: profile, fromH: from) {
                arm.pointee.resolutionHours = Double(day) * 24 + end - arm.pointee.reinstatedDoseTimeH
                arm.pointee.awaitingResolution = false
            }
        }
    }

    /// The subject's linear PK model for kernel `group` (as `buildKernels` built its kernel), or
    /// `nil` if it cannot be built.
    private func subjectPKModel(group: Int) -> LinearPKModel? {
        let arm = groupBuildArm[group]
        guard let treatment = model.scenario.arms[arm].treatment else { return nil }
        let names = model.parameterNames[arm]
        let linear = LinearPKParameters(namedValues: parameterValues[arm], names: names,
                                        twoCompartment: treatment.model.structure == .twoCompartment,
                                        firstOrderInput: names.contains("KA"))
        return try? LinearPKModel(linear)
    }

    /// Ends arm `a` for a subject who died on `day` (the death day itself was lived: its drinking,
    /// side effects and series stand, and half of it counts in the economics). From the next
    /// day on nothing happens: the endpoints are censored at death (`EndpointTracker.observeDeath`),
    /// the daily series have no value (their means are over the living), and no side effect,
    /// withdrawal or toxicity day can follow. The day loop skips the arm from then on.
    @inline(never)
    private mutating func endAfterDeath(arm a: Int, day: Int) {
        workspace.trackers[a].observeDeath(fromDay: day + 1)
        guard day + 1 < horizonDays else { return }
        for series in bufferedSeries {
            (workspace.series + (a * seriesCount + series) * horizonDays + day + 1).update(repeating: .nan, count: horizonDays - day - 1)
        }
    }

    /// Whether anything reads arm `a`'s `Cmax_d` today, so the PK kernel must find the day's
    /// peaks (an interior stationary point costs a `log1p` and an `exp`). Every reader of
    /// `exposure.cmaxMgPerL` in `advance` must be covered here: an effect or PD on anything but
    /// Cavg, a Cmax metric of the day, a side effect with a Cmax driver that is not in an
    /// episode (its onset hazard reads Cmax), toxicity, a withdrawal driver on Cmax, a recorded
    /// trajectory.
    @inline(__always)
    private func needsCmax(arm: UnsafeMutablePointer<ArmState>, sideEffects a: Int, today: DayFlags) -> Bool {
        if arm.pointee.needsCmaxEveryDay || today.readsCmax { return true }
        let sideEffects = workspace.sideEffects + a * sideEffectCount
        let caps = workspace.sideEffectOnsetProbabilityCaps + a * sideEffectCount
        // An onset uniform at or above the onset probability's cap means no onset at any Cmax
        // (the side effect's hazard with Cmax NaN is NaN, and `u < NaN` is false: the same
        // decision); only a uniform below it needs the day's peak.
        let models = arm.pointee.treatmentArm * sideEffectModelArmStride
        var k = 0
        while k < sideEffectCount {
            if sideEffectReadsCmax[models + k] && !sideEffects[k].isAffected && workspace.sideEffectUniforms[2 * k] < caps[k] {
                return true
            }
            k += 1
        }
        return false
    }

    /// Where side effect `k`'s day model for a treatment arm is in `sideEffectDayModels`: one
    /// per side effect, or one per treatment arm and side effect (`arm * count + k`) when the
    /// scenario gives arms their own.
    @inline(__always)
    private func sideEffectModelIndex(treatmentArm: Int, effect k: Int) -> Int {
        treatmentArm * sideEffectModelArmStride + k
    }

    /// An upper bound of a side effect's daily onset probability at any concentration: the
    /// model's own onset hazard at the extremes of concentration (0 and one far above any EC50:
    /// the Emax/Hill drug part is monotone in C) and of tolerance (the first day on a dose and
    /// long after: the multiplier moves monotonically from 1 to its floor), so any change to the
    /// hazard's form shows here. Rounding is monotone; a small margin covers the last bit.
    static func onsetProbabilityCap(_ model: SideEffectDayModel, susceptibilityMultiplier: Double,
                                    drugSusceptibilityMultiplier: Double) -> Double {
        func hazard(_ c: Double, _ days: Int) -> Double {
            model.onsetHazardPerDay(concentrationMgPerL: c, susceptibilityMultiplier: susceptibilityMultiplier,
                                    drugSusceptibilityMultiplier: drugSusceptibilityMultiplier, daysOnStableDose: days)
        }
        let hazardCap = max(hazard(0, 0), hazard(0, Int.max / 2), hazard(1e300, 0), hazard(1e300, Int.max / 2))
        guard hazardCap.isFinite, hazardCap >= 0 else { return 1 }
        return DailyHazard.probability(ofHazard: hazardCap * (1 + 1e-9))
    }

    /// One day of costs, QALYs and life-years for one arm (docs/model.md section 11): drug by
    /// tablets, scheduled services while the subject is in care, side-effect onsets, hospital
    /// cost and utility by drinking-risk level (mean g/day over the trailing window, abstinent
    /// when it holds no drink: ``RiskLevelWindow``), then background
    /// mortality × the level's relative risk (or `diesToday`: the subject entered a `dead`
    /// drinking state today); a death counts half of its day. Returns the day's level and the
    /// day's undiscounted cost that does not follow the level (all but hospital, productivity
    /// and crime: ``PeriodTransitionCounts/costs``).
    private static func accrue(_ box: ModelBox<CohortEconomics>, arm: UnsafeMutablePointer<ArmState>,
                        riskWindow: UnsafeMutablePointer<Double>, day: Int, covariates: Covariates,
                        drinking: DrinkingDayOutcome, observed: Bool, prescribedMg: Double, takenMg: Double,
                        sideEffectOnsets: Int, unscheduledVisits: Int, safetyEventCost: Double, sideEffectsPresent: Int, sideEffectEpisodeCost: Double, sideEffectDisutility: Double,
                        diesToday: Bool, mortalityUniform: Double) -> (level: DrinkingRiskLevel, unpricedCost: Double) {
        let treatmentArm = arm.pointee.treatmentArm
        // In place (`arm.pointee.economics`): a copy of the subject's totals and supply, and
        // its store back, cost two `memcpy`s per arm-day.
        let level = box.model.riskLevelWindow.record(drinks: drinking.drinks, day: day, sex: covariates.sex, ring: riskWindow,
                                                     drinksInWindow: &arm.pointee.economics.drinksInRiskWindow)
        var dispensed = TabletCounts.zero, taken = TabletCounts.zero
        if let product = box.model.productIndex[treatmentArm], observed {
            let strength = box.model.tabletStrengthMg[treatmentArm]
            // Tablets are whole units: a dose that needs part of a tablet takes a whole one.
            dispensed[product] = Int((prescribedMg / strength).rounded(.up))
            taken[product] = Int((takenMg / strength).rounded(.up))
        }
        let input = DailyCostInput(treatmentDay: observed ? day : nil, tabletsDispensed: dispensed, tabletsTaken: taken,
                                   unscheduledVisits: unscheduledVisits, sideEffectOnsets: sideEffectOnsets, sideEffectEpisodeCost: sideEffectEpisodeCost,
                                   drinkingRiskLevel: level, safetyEventCost: safetyEventCost)
        let cost = box.model.costModels.withUnsafeBufferPointer { $0[treatmentArm].dailyCost(input, supply: &arm.pointee.economics.supply) }
        var fractionAlive = 1.0
        if diesToday {
            fractionAlive = 0.5
            arm.pointee.economics.isDead = true
        } else if let mortality = box.model.mortality[treatmentArm],
                  mortality.dies(ageYears: covariates.ageYears + Double(day) / YearLength.days, level: level, uniform: mortalityUniform) {
            fractionAlive = 0.5
            arm.pointee.economics.isDead = true
        }
        // Per-effect hooks (`consequences.disutility_per_day`, `cost_per_episode`) beside the flat ones.
        // Alcohol-attributable events: the day's expected count at its level (half on the day of death).
        for (k, rates) in box.model.eventRatesPerDay.enumerated() {
            arm.pointee.economics.attributableEvents[k] += rates[level] * fractionAlive
        }
        let qalys = box.model.utilities[treatmentArm].qalys(level: level, sideEffectsPresent: sideEffectsPresent,
                                                       extraDisutility: sideEffectDisutility, fractionOfDayAlive: fractionAlive)
        arm.pointee.economics.totals.add(day: day, cost: cost, qalys: qalys, lifeYears: UtilityModel.lifeYears(fractionOfDayAlive: fractionAlive),
                                 discounting: box.model.discounting)
        return (level, cost.careNotByRiskLevel)
    }

    /// Writes one arm's per-subject outcomes.
    private mutating func record(arm a: Int, into outcome: inout SubjectOutcome) {
        workspace.trackers[a].finish(into: &endpointValues)
        for (i, value) in endpointValues.enumerated() {
            let metric = model.endpointMetric[i]
            // Outside the endpoint's reached-dose population: left out (NaN, not at risk).
            if let dose = endpointReachedDose[i], workspace.arms[a].dose.highestMgPerDay < dose - DailyDoseCap.toleranceMg {
                if let km = model.endpointKM[i] { outcome.recordCensoring(arm: a, endpoint: km, lastObservedDay: -1) }
                continue
            }
            if let km = model.endpointKM[i] {
                // Left out of the analysis population (completers): in neither the share nor the curve.
                if value.value.isNaN {
                    outcome.recordCensoring(arm: a, endpoint: km, lastObservedDay: -1)
                    continue
                }
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
            let counters = workspace.sideEffects[a * sideEffectCount + k].counters
            outcome.set(counters.hasOnset ? 1 : 0, arm: a, metric: model.sideEffectMetric[k])
            outcome.set(counters.discontinued ? 1 : 0, arm: a, metric: model.sideEffectDiscontinuedMetric[k])
            outcome.set(counters.doseReductions > 0 ? 1 : 0, arm: a, metric: model.sideEffectReducedMetric[k])
        }
        if let course = model.courseMetrics {
            let arm = workspace.arms[a]
            outcome.set(arm.switched ? 1 : 0, arm: a, metric: course.switched)
            outcome.set(arm.restarted ? 1 : 0, arm: a, metric: course.restarted)
            // Left NaN (not applicable) without an event.
            if arm.firstCourseEventDay >= 0 { outcome.set(Double(arm.firstCourseEventDay), arm: a, metric: course.daysToChange) }
        }
        // (A subject switched to an arm without a drug keeps the record of the drug taken.)
        if let dose = model.doseMetrics, model.schedules[workspace.arms[a].treatmentArm] != nil || workspace.arms[a].dose.highestMgPerDay > 0 {
            // Arms without a drug have no dose outputs (left NaN: not applicable).
            let record = workspace.arms[a].dose
            if !record.achievedMgPerDay.isNaN {
                outcome.set(record.achievedMgPerDay, arm: a, metric: dose.achieved)
                outcome.set(Double(record.achievedSinceDay), arm: a, metric: dose.daysToAchieved)
            }
            let planned = workspace.arms[a].switched ? model.armPlannedMaximumMg[a] : model.armPlannedMaximumMg[workspace.arms[a].treatmentArm]
            outcome.set(record.highestMgPerDay >= planned - DailyDoseCap.toleranceMg ? 1 : 0, arm: a, metric: dose.reachedCeiling)
            outcome.set(workspace.arms[a].regimen.hadDoseReduction ? 1 : 0, arm: a, metric: dose.steppedDown)
            outcome.set(record.totalTakenMg, arm: a, metric: dose.totalTaken)
        }
        if let economics = model.economics {
            let state = workspace.arms[a].economics
            outcome.set(state.totals.discountedCost.total, arm: a, metric: economics.costMetric)
            outcome.set(state.totals.discountedQALYs, arm: a, metric: economics.qalyMetric)
            outcome.set(state.totals.discountedLifeYears, arm: a, metric: economics.lifeYearMetric)
            outcome.set(state.totals.cost.total, arm: a, metric: economics.undiscountedCostMetric)
            outcome.set(state.totals.qalys, arm: a, metric: economics.undiscountedQALYMetric)
            outcome.set(state.isDead ? 1 : 0, arm: a, metric: economics.deathMetric)
            for (category, metric) in zip(economics.categories, economics.categoryMetrics) {
                outcome.set(category.amount(in: state.totals.discountedCost), arm: a, metric: metric)
            }
            for (k, metric) in economics.eventMetrics.enumerated() {
                outcome.set(state.attributableEvents[k], arm: a, metric: metric)
            }
        }
        if hasWithdrawal, let incidence = model.withdrawalIncidenceMetric, let days = model.withdrawalDaysMetric {
            let withdrawal = workspace.arms[a].withdrawal
            outcome.set(withdrawal.counters.withdrawalDays > 0 ? 1 : 0, arm: a, metric: incidence)
            outcome.set(Double(withdrawal.counters.withdrawalDays), arm: a, metric: days)
            if let severe = model.withdrawalSevereMetric {
                outcome.set((withdrawal.counters.worstSymptom ?? .anxiety) >= .hallucinations ? 1 : 0, arm: a, metric: severe)
            }
            // Left NaN (not applicable) for subjects without an episode or without a dose before it.
            if let onset = model.withdrawalOnsetMetric, let days = withdrawal.counters.firstOnsetDaysAfterLastDose {
                outcome.set(Double(days), arm: a, metric: onset)
            }
            // NaN (not applicable) for subjects without the event.
            if let timing = model.withdrawalTimingMetrics {
                let arm = workspace.arms[a]
                outcome.set(arm.withdrawalOnsetHours, arm: a, metric: timing.onset)
                if let metric = timing.hallucinations { outcome.set(arm.hallucinationsOnsetHours, arm: a, metric: metric) }
                if let metric = timing.convulsions { outcome.set(arm.convulsionsOnsetHours, arm: a, metric: metric) }
                if let metric = timing.resolution { outcome.set(arm.resolutionHours, arm: a, metric: metric) }
            }
        }
    }

    /// This subject's PK kernel for each kernel group. η comes from the PK-variability stream,
    /// so every arm giving the same drug sees the same individual parameters.
    ///
    /// Allocation-free for 1-cmt oral drugs: η, the parameter values and the kernel's tables
    /// are written in place into memory sized once per worker. Other kernels (2-cmt, a
    /// metabolite) are still built as objects per subject (`KernelBox`).
    private mutating func buildKernels(subject: UInt64, covariates: Covariates) throws {
        let scenario = model.scenario
        let pk = PKCovariates(weightKg: covariates.weightKg, creatinineClearanceMLPerMin: covariates.creatinineClearanceMLPerMin,
                              ageYears: covariates.ageYears, liver: LiverFunction(rawValue: covariates.liver.rawValue) ?? .none,
                              sex: covariates.sex == .male ? .male : .female)
        for group in 0..<model.kernelGroupCount {
            workspace.oralKernels[group] = nil
            workspace.kernels[group] = nil
            workspace.hasKernel[group] = false
        }
        for (arm, group) in model.kernelGroup.enumerated() {
            guard let group, !workspace.hasKernel[group], let treatment = scenario.arms[arm].treatment,
                  let parameters = model.parameterModels[arm] else { continue }
            var stream = CounterStream(key: StreamKey(seed: scenario.run.seed, subject: subject, purpose: .pkVariability), day: 0)
            let etaCount = parameters.etaNames.count
            for i in 0..<etaCount { etaZ[i] = stream.normal() }
            parameters.eta(fromStandardNormals: etaZ, into: &eta)
            parameters.evaluate(covariates: pk, eta: eta, into: &parameterValues[arm])
            let names = model.parameterNames[arm]
            let linear = LinearPKParameters(namedValues: parameterValues[arm], names: names,
                                            twoCompartment: treatment.model.structure == .twoCompartment,
                                            firstOrderInput: names.contains("KA"))
            do {
                let linearModel = try LinearPKModel(linear)
                let oral = workspace.oralKernelStorage[group]
                if oral.rebuild(model: linearModel, doseClockTimesH: treatment.regimen.doseTimesH) {
                    workspace.oralKernels[group] = oral.tables
                } else {
                    let box = KernelBox(try DailyExposureKernel(model: linearModel, doseClockTimesH: treatment.regimen.doseTimesH))
                    workspace.kernels[group] = box
                    workspace.oralKernels[group] = box.oral?.tables
                }
                workspace.hasKernel[group] = true
            } catch {
                throw SimulationError.pharmacokinetics(subject: subject, arm: scenario.arms[arm].name, message: "\(error)")
            }
        }
    }

    /// Writes one arm's alcohol-withdrawal and toxicity outcomes.
    private func recordAcuteSafety(arm a: Int, into outcome: inout SubjectOutcome) {
        if let seizure = model.alcoholSeizureMetric, let delirium = model.alcoholDeliriumMetric {
            let state = workspace.arms[a].alcoholWithdrawal
            outcome.set(state.seizureDay != nil ? 1 : 0, arm: a, metric: seizure)
            outcome.set(state.deliriumDay != nil ? 1 : 0, arm: a, metric: delirium)
        }
        if let serious = model.toxicitySeriousMetric {
            outcome.set(workspace.arms[a].toxicity.counters.seriousEventDays > 0 ? 1 : 0, arm: a, metric: serious)
        }
    }

    /// Puts arm `a` in its day-0 state for this subject, in place.
    private mutating func resetArm(_ a: Int, treatmentArm: Int, covariates: Covariates, safety: SafetyCovariates, responderU: Double) {
        let scenario = model.scenario
        let arm = workspace.arms + a
        arm.pointee.treatmentArm = treatmentArm
        arm.pointee.kernelGroup = model.kernelGroup[treatmentArm]
        arm.pointee.pk = DailyExposureKernel.State()
        arm.pointee.drinking = scenario.drinking.initialDrinkingState
        arm.pointee.craving = covariates.baselineCraving
        arm.pointee.economics = SubjectEconomics()
        (workspace.riskWindow + a * workspace.riskWindowDays).update(repeating: 0, count: workspace.riskWindowDays)
        for k in 0..<sideEffectCount {
            let index = sideEffectModelIndex(treatmentArm: treatmentArm, effect: k)
            let state = SideEffectState(model: sideEffectModels[index], covariates: safety)
            workspace.sideEffects[a * sideEffectCount + k] = state
            workspace.sideEffectOnsetProbabilityCaps[a * sideEffectCount + k] =
                Self.onsetProbabilityCap(sideEffectDayModels[index], susceptibilityMultiplier: state.susceptibilityMultiplier,
                                         drugSusceptibilityMultiplier: state.drugSusceptibilityMultiplier)
        }
        arm.pointee.withdrawal = WithdrawalState()
        arm.pointee.alcoholWithdrawal = AlcoholWithdrawalState()
        arm.pointee.alcoholWithdrawalEnded = false
        arm.pointee.toxicity = ToxicityState()
        arm.pointee.effect = .none
        arm.pointee.exposureMeasure = .averageConcentration
        arm.pointee.needsCmaxEveryDay = armAlwaysNeedsCmax[treatmentArm]
        arm.pointee.hazardRatio = model.armHazardRatio[treatmentArm]
        arm.pointee.psychosocial = model.armPsychosocial[treatmentArm]
        // Without a drug the adaptation never leaves 0 (effect and exposure 0, no dose), so no
        // withdrawal day can occur: the model is not stepped (its counters stay at their zeros).
        arm.pointee.withdrawalIndex = scenario.arms[treatmentArm].treatment == nil ? -1 : armWithdrawalIndex[treatmentArm]
        arm.pointee.inactivation = nil
        arm.pointee.inactivatedFraction = 0
        arm.pointee.regimen = RegimenState()
        arm.pointee.regimenIsDefault = true
        arm.pointee.dose = DoseRecord()
        arm.pointee.responseWindowDays = 0
        arm.pointee.regimenDayOffset = 0
        arm.pointee.hasCourseRules = armCourseFirst[treatmentArm + 1] > armCourseFirst[treatmentArm]
        arm.pointee.courseEvents = 0
        arm.pointee.firstCourseEventDay = -1
        arm.pointee.switched = false
        arm.pointee.restarted = false
        arm.pointee.observationEnded = false
        arm.pointee.lastDoseTimeH = -.infinity
        arm.pointee.withdrawalOnsetHours = .nan
        arm.pointee.hallucinationsOnsetHours = .nan
        arm.pointee.convulsionsOnsetHours = .nan
        arm.pointee.awaitingResolution = false
        arm.pointee.reinstatedDoseTimeH = .nan
        arm.pointee.resolutionHours = .nan
        let rules = workspace.courseRuleCount
        (workspace.courseDetectors + a * rules).update(repeating: RelapseDetector(), count: rules)
        (workspace.courseCounts + a * rules).update(repeating: 0, count: rules)
        guard let treatment = scenario.arms[treatmentArm].treatment, let schedule = model.schedules[treatmentArm] else { return }
        arm.pointee.regimen = schedule.makeState(creatinineClearanceMLPerMin: covariates.creatinineClearanceMLPerMin)
        arm.pointee.regimenIsDefault = arm.pointee.regimen == RegimenState()
        arm.pointee.responseWindowDays = treatment.regimen.responseGuided?.response.windowDays ?? 0
        arm.pointee.effect = treatment.pharmacodynamics.effectModel(responderUniform: responderU)
        arm.pointee.exposureMeasure = treatment.pharmacodynamics.exposure
        arm.pointee.needsCmaxEveryDay = armAlwaysNeedsCmax[treatmentArm] || arm.pointee.exposureMeasure != .averageConcentration
        arm.pointee.inactivation = treatment.pharmacodynamics.inactivation
    }
}

/// A numerical failure in one subject (counted and excluded: docs/model.md, engine rules).
enum SimulationError: Error, CustomStringConvertible {
    case pharmacokinetics(subject: UInt64, arm: String, message: String)

    var description: String {
        switch self {
        case .pharmacokinetics(let subject, let arm, let message): "subject \(subject), arm \(arm): \(message)"
        }
    }
}
