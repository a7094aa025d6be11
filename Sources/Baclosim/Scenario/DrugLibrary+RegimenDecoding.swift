import Yams

/// Reading a regimen block (in a drug file's `regimen:`, and later in scenario arms). Types are
/// checked here; ranges and consistency by ``Regimen/validate(horizonDays:)``, whose issues are
/// placed on the lines of the keys they name.
extension ScenarioNodeReader {
    /// Keys of a regimen block.
    static let regimenKeys = [
        "description", "dose_times_h", "titration", "maintenance_mg_per_day", "taper", "discontinuation",
        "tablet_strengths_mg", "smallest_tablet_scored", "max_tablets_per_dose", "cap", "renal",
        "side_effect_reduction_mg", "titrate_to_response", "holidays", "as_needed",
    ]

    /// Keys of a taper or discontinuation block, by kind.
    static let taperKeysByKind: [String: [String]] = [
        "abrupt": [],
        "linear": ["days"],
        "step_down": ["step_mg", "every_days"],
        "proportional": ["percent", "every_days", "floor_mg_per_day"],
        "steps": ["steps"],
    ]

    /// Taper kinds in the order documented.
    static let taperKinds = ["abrupt", "linear", "step_down", "proportional", "steps"]

    /// Reads the regimen in `mapping` and validates it (without a horizon; the scenario layer
    /// re-validates with its horizon). Returns `nil` if anything in it was wrong; every problem
    /// is reported.
    func regimen(from mapping: ScenarioMapping) -> Regimen? {
        let issuesBefore = issues.count
        mapping.checkKeys(allowed: Self.regimenKeys, fix: "See the regimen keys in Scenarios/drugs/README.md.")
        if mapping.has("description") {
            _ = mapping.text("description", fix: "Describe the regimen in words.")
        }

        let doseTimesH = mapping.numbers("dose_times_h", required: false,
                                         fix: "Give clock hours of the doses, e.g. [8, 14, 20].")
            ?? Regimen.defaultDoseTimesH

        var titration: [DoseStep] = []
        if let steps = mapping.sequence("titration", required: false,
                                        fix: "Give a list of steps, e.g. [{days: 3, mg_per_day: 15}].") {
            titration = steps.map { doseStep($0.node, at: $0.path) }
        }

        let responseGuided = mapping.mapping("titrate_to_response", required: false,
                                             fix: "Give the rule as a mapping, e.g. {start_mg_per_day: 15, step_mg_per_day: 15, step_interval_days: 3, ceiling_mg_per_day: 300, response: {window_days: 14, max_heavy_days: 0}}.")
            .map(responseGuidedTitration)
        var asNeeded: AsNeededDosing?
        if let block = mapping.mapping("as_needed", required: false,
                                       fix: "Give the targeted dose as a mapping, e.g. {dose_mg: 18, take_probability: 0.8}.") {
            block.checkKeys(allowed: ["dose_mg", "take_probability"], fix: "as_needed has dose_mg and take_probability.")
            let dose = block.number("dose_mg", fix: "Give the dose taken in mg, e.g. 18.")
            let take = block.number("take_probability", required: false,
                                    fix: "Give the probability a dose is taken on a day it is indicated, e.g. 0.8.") ?? 1
            asNeeded = AsNeededDosing(doseMg: dose ?? .nan, takeProbability: take)
        }
        let maintenance = mapping.number("maintenance_mg_per_day", required: !mapping.has("titrate_to_response") && !mapping.has("as_needed"),
                                         fix: "Give the daily dose after titration in mg/day, e.g. 30.") ?? .nan

        var taper: Taper?
        if let block = mapping.mapping("taper", required: false,
                                       fix: "Give the taper as a mapping, e.g. {kind: linear, days: 14, start_day: 84}.") {
            let kind = taperKind(block, allowsStartDay: true)
            let startDay = block.integer("start_day",
                                        fix: "Give the first taper day, counting the first treatment day as 0, e.g. 84.")
            if let kind { taper = Taper(kind: kind, startDay: startDay ?? 0) }
        }

        var discontinuation = TaperKind.abrupt
        if let block = mapping.mapping("discontinuation", required: false,
                                       fix: "Give how an early stop proceeds, e.g. {kind: linear, days: 14}.") {
            discontinuation = taperKind(block, allowsStartDay: false) ?? .abrupt
        }

        var tablets: TabletStrengths?
        if let strengths = mapping.numbers("tablet_strengths_mg", required: false,
                                           fix: "Give the tablet strengths in mg, e.g. [10, 25].") {
            let scored = mapping.boolean("smallest_tablet_scored", required: false,
                                         fix: "Write true if the smallest tablet may be halved, else false.") ?? false
            let maxTablets = mapping.integer("max_tablets_per_dose", required: false,
                                             fix: "Give the most tablets taken at once, e.g. 8.")
                ?? TabletStrengths.defaultMaxTabletsPerDose
            tablets = TabletStrengths(strengthsMg: strengths, smallestScored: scored, maxTabletsPerDose: maxTablets)
        } else {
            for key in ["smallest_tablet_scored", "max_tablets_per_dose"] where mapping.has(key) {
                report(mapping.path.appending(key), at: mapping.value(key),
                       "applies only with tablet_strengths_mg",
                       fix: "Add tablet_strengths_mg, e.g. [10, 25], or remove this key.")
            }
        }

        var cap: DailyDoseCap?
        if let block = mapping.mapping("cap", required: false,
                                       fix: "Give the cap as a mapping, e.g. {max_mg_per_day: 100}.") {
            block.checkKeys(allowed: ["max_mg_per_day", "supervised_exception"],
                            fix: "A cap has max_mg_per_day and optionally supervised_exception.")
            let maxMg = block.number("max_mg_per_day", fix: "Give the highest daily dose in mg/day, e.g. 100.")
            let exception = block.boolean("supervised_exception", required: false,
                                          fix: "Write true to allow doses above the cap under medical supervision, else false.")
            cap = DailyDoseCap(maxMgPerDay: maxMg ?? .nan, supervisedException: exception ?? false)
        }

        var renalRule: RenalDoseRule?
        if let bands = mapping.sequence("renal", required: false,
                                        fix: "Give a list of CrCl bands, e.g. [{crcl_above_mL_per_min: 50, crcl_up_to_mL_per_min: 80, dose_factor: 0.75}].") {
            renalRule = RenalDoseRule(bands: bands.map { renalBand($0.node, at: $0.path) })
        }

        let reduction = mapping.number("side_effect_reduction_mg", required: false,
                                       fix: "Give the daily dose removed after an intolerable side effect in mg/day, e.g. 10.")

        var holidays: [DrugHoliday] = []
        if let items = mapping.sequence("holidays", required: false,
                                        fix: "Give a list of interruptions, e.g. [{start_day: 84, days: 7}].") {
            for item in items {
                guard let block = self.mapping(item.node, at: item.path, fix: "Give an interruption as {start_day: 84, days: 7}.") else { continue }
                block.checkKeys(allowed: ["start_day", "days"], fix: "An interruption has start_day and days.")
                let start = block.integer("start_day", fix: "Give the first day without a dose, e.g. 84.")
                let days = block.integer("days", fix: "Give the number of days without a dose, e.g. 7.")
                if let start, let days { holidays.append(DrugHoliday(startDay: start, days: days)) }
            }
        }

        let regimen = Regimen(
            doseTimesH: doseTimesH, titration: titration, maintenanceMgPerDay: maintenance, taper: taper,
            discontinuation: discontinuation, tablets: tablets, cap: cap, renalRule: renalRule,
            sideEffectReductionMg: reduction, responseGuided: responseGuided, holidays: holidays, asNeeded: asNeeded)
        adopt(regimen.validate(), under: mapping.path, node: mapping.node)
        return issues.count == issuesBefore ? regimen : nil
    }

    /// A `titrate_to_response` block (``ResponseGuidedTitration``); unreadable values become
    /// NaN / 0 (already reported), ranges are checked by ``Regimen/validate(horizonDays:)``.
    private func responseGuidedTitration(_ block: ScenarioMapping) -> ResponseGuidedTitration {
        block.checkKeys(allowed: ["start_mg_per_day", "step_mg_per_day", "step_interval_days", "ceiling_mg_per_day", "response",
                                  "on_intolerable_side_effect", "stop_without_response_weeks"],
                        fix: "See titrate_to_response in Scenarios/drugs/README.md.")
        let start = block.number("start_mg_per_day", fix: "Give the first daily dose in mg/day, e.g. 15.")
        let step = block.number("step_mg_per_day", fix: "Give the daily dose added at each step in mg/day, e.g. 15.")
        let interval = block.integer("step_interval_days", maximum: 36_500, fix: "Give the days between dose decisions, e.g. 3.")
        let ceiling = block.number("ceiling_mg_per_day", fix: "Give the highest daily dose in mg/day, e.g. 300.")
        var criterion = ResponseCriterion(windowDays: 0)
        if let response = block.mapping("response", fix: "Give the response criterion, e.g. {window_days: 14, max_heavy_days: 0}.") {
            response.checkKeys(allowed: ["window_days", "max_drinking_days", "max_heavy_days", "max_mean_craving"],
                               fix: "A response has window_days and one or more of max_drinking_days, max_heavy_days, max_mean_craving.")
            criterion.windowDays = response.integer("window_days", maximum: ResponseCriterion.maximumWindowDays, fix: "Give the days looked back at each decision, e.g. 14.") ?? 0
            criterion.maxDrinkingDays = response.integer("max_drinking_days", required: false,
                                                         fix: "Give the most drinking days in the window that still count as a response, e.g. 0.")
            criterion.maxHeavyDays = response.integer("max_heavy_days", required: false,
                                                      fix: "Give the most heavy drinking days in the window that still count as a response, e.g. 0.")
            criterion.maxMeanCraving = response.number("max_mean_craving", required: false,
                                                       fix: "Give the highest mean craving score that counts as a response, e.g. 0.5.")
        }
        var stepDown: Double?
        var holdDays = 0
        var reescalations = 0
        if let intolerable = block.mapping("on_intolerable_side_effect", required: false,
                                           fix: "Give e.g. {step_down_mg_per_day: 15, hold_days: 14, max_reescalations: 2}.") {
            intolerable.checkKeys(allowed: ["step_down_mg_per_day", "hold_days", "max_reescalations"],
                                  fix: "on_intolerable_side_effect has step_down_mg_per_day, hold_days and max_reescalations.")
            stepDown = intolerable.number("step_down_mg_per_day", required: false,
                                          fix: "Give the daily dose removed after an intolerable side effect in mg/day, e.g. 15.")
            holdDays = intolerable.integer("hold_days", required: false, maximum: 36_500, fix: "Give the days the dose is held after a step down, e.g. 14.") ?? 0
            reescalations = intolerable.integer("max_reescalations", required: false,
                                                fix: "Give how many times escalation may resume after a step down, e.g. 2.") ?? 0
        }
        let stopWeeks = block.integer("stop_without_response_weeks", required: false, maximum: 5_200,
                                      fix: "Give the weeks without response after which the drug stops, e.g. 12.")
        return ResponseGuidedTitration(
            startMgPerDay: start ?? .nan, stepMgPerDay: step ?? .nan, stepIntervalDays: interval ?? 0, ceilingMgPerDay: ceiling ?? .nan,
            response: criterion, stepDownMgPerDay: stepDown, holdAfterStepDownDays: holdDays, maxReescalations: reescalations,
            stopWithoutResponseDays: stopWeeks.map { $0 * 7 })
    }

    /// `{days: 3, mg_per_day: 15}`; unreadable values become 0 / NaN (already reported).
    private func doseStep(_ node: Node, at path: ScenarioKeyPath) -> DoseStep {
        guard let step = mapping(node, at: path, fix: "Give a step as {days: 3, mg_per_day: 15}.") else {
            return DoseStep(days: 0, mgPerDay: .nan)
        }
        step.checkKeys(allowed: ["days", "mg_per_day"], fix: "A step has days and mg_per_day.")
        let days = step.integer("days", fix: "Give the number of days the step lasts, e.g. 3.")
        let mgPerDay = step.number("mg_per_day", fix: "Give the daily dose in mg/day, e.g. 15.")
        return DoseStep(days: days ?? 0, mgPerDay: mgPerDay ?? .nan)
    }

    /// The taper shape in `block` (`kind` plus that kind's keys).
    private func taperKind(_ block: ScenarioMapping, allowsStartDay: Bool) -> TaperKind? {
        let kindFix = "Use kind: abrupt, linear, step_down, proportional or steps."
        let kind = block.choice("kind", among: Self.taperKinds, fix: kindFix)
        let common = ["kind"] + (allowsStartDay ? ["start_day"] : [])
        let kindKeys = kind.flatMap { Self.taperKeysByKind[$0] }
            ?? Array(Set(Self.taperKeysByKind.values.flatMap { $0 })).sorted()
        let describe = kind.map { "A \($0) taper has " + (common + (Self.taperKeysByKind[$0] ?? [])).joined(separator: ", ") + "." }
            ?? "See the taper keys in Scenarios/drugs/README.md."
        block.checkKeys(allowed: common + kindKeys, fix: describe)
        switch kind {
        case "abrupt":
            return .abrupt
        case "linear":
            let days = block.integer("days", fix: "Give the number of days over which the dose falls to zero, e.g. 14.")
            return .linear(days: days ?? 0)
        case "step_down":
            let step = block.number("step_mg", fix: "Give the daily dose removed at each step in mg/day, e.g. 10.")
            let every = block.integer("every_days", fix: "Give the days between steps, e.g. 7.")
            return .stepDown(stepMg: step ?? .nan, everyDays: every ?? 0)
        case "proportional":
            let percent = block.number("percent", fix: "Give the share of the current dose removed at each step, e.g. 20.")
            let every = block.integer("every_days", fix: "Give the days between steps, e.g. 7.")
            let floor = block.number("floor_mg_per_day", fix: "Give the daily dose below which the taper stops, e.g. 10.")
            return .proportional(percent: percent ?? .nan, everyDays: every ?? 0, floorMgPerDay: floor ?? .nan)
        case "steps":
            let steps = block.sequence("steps", fix: "Give the taper's daily doses, e.g. [{days: 4, mg_per_day: 45}].")
            return .steps(steps?.map { doseStep($0.node, at: $0.path) } ?? [])
        default:
            return nil
        }
    }

    /// One renal band: bounds and exactly one action. A band that cannot be read comes back as a
    /// placeholder (already reported) so later bands keep their indices.
    private func renalBand(_ node: Node, at path: ScenarioKeyPath) -> RenalBand {
        let placeholder = RenalBand(aboveMLPerMin: .nan, upToMLPerMin: .nan, action: .contraindicated)
        let bandFix = "Give a band as {crcl_above_mL_per_min: 50, crcl_up_to_mL_per_min: 80, dose_factor: 0.75}."
        guard let band = mapping(node, at: path, fix: bandFix) else { return placeholder }
        let actions = ["dose_factor", "max_mg_per_day", "contraindicated"]
        band.checkKeys(allowed: ["crcl_above_mL_per_min", "crcl_up_to_mL_per_min", "description"] + actions,
                       fix: "A band has crcl_above_mL_per_min and/or crcl_up_to_mL_per_min, and one of dose_factor, max_mg_per_day, contraindicated.")
        let above = band.number("crcl_above_mL_per_min", required: false,
                                fix: "Give the band's lower CrCl bound in mL/min (exclusive), e.g. 50.")
        let upTo = band.number("crcl_up_to_mL_per_min", required: false,
                               fix: "Give the band's upper CrCl bound in mL/min (inclusive), e.g. 80.")
        if !band.has("crcl_above_mL_per_min") && !band.has("crcl_up_to_mL_per_min") {
            report(path, at: node, "the band has no CrCl bound",
                   fix: "Give crcl_above_mL_per_min, crcl_up_to_mL_per_min, or both.")
        }
        // From here on a band that cannot be used keeps its bounds, so validation of the bounds
        // still speaks about what the user wrote.
        let unusable = RenalBand(aboveMLPerMin: above ?? -.infinity, upToMLPerMin: upTo ?? .infinity,
                                 action: .contraindicated)
        let given = actions.filter { band.has($0) }
        guard given.count == 1 else {
            report(path, at: node,
                   given.isEmpty ? "the band has no action" : "the band has more than one action (\(given.joined(separator: ", ")))",
                   fix: "Give exactly one of dose_factor (e.g. 0.75), max_mg_per_day (e.g. 999) or contraindicated: true.")
            return unusable
        }
        let action: RenalDoseAction
        switch given[0] {
        case "dose_factor":
            action = .scale(factor: band.number("dose_factor", fix: "Give the share of the dose kept, e.g. 0.75.") ?? .nan)
        case "max_mg_per_day":
            action = .limit(maxMgPerDay: band.number("max_mg_per_day", fix: "Give the highest daily dose in mg/day, e.g. 999.") ?? .nan)
        default:
            guard band.boolean("contraindicated", fix: "Write contraindicated: true, or use dose_factor or max_mg_per_day.") == true else {
                if !hasIssue(overlapping: path.appending("contraindicated")) {
                    report(path.appending("contraindicated"), at: band.value("contraindicated"), "false is not an action",
                           fix: "Remove the band, or use dose_factor or max_mg_per_day.")
                }
                return unusable
            }
            action = .contraindicated
        }
        return RenalBand(aboveMLPerMin: above ?? -.infinity, upToMLPerMin: upTo ?? .infinity, action: action)
    }
}
