import Yams

/// Reading a regimen block (a drug file's `regimen:`, an arm's). Types and ranges are checked by
/// its declaration (``BlockDeclaration/regimen``), consistency by
/// ``Regimen/validate(horizonDays:)``, whose issues are placed on the lines of the keys they name.
extension ScenarioNodeReader {
    /// Reads the regimen in `mapping` (``BlockDeclaration/regimen``) and validates it (without a
    /// horizon; the scenario layer re-validates with its horizon). Returns `nil` if anything in it
    /// was wrong; every problem is reported.
    func regimen(from mapping: ScenarioMapping) -> Regimen? {
        let issuesBefore = issues.count
        let block = DeclaredMapping(mapping, as: .regimen)
        let titration = (block.list("titration") ?? []).map(doseStep)
        let responseGuided = block.block("titrate_to_response").map(responseGuidedTitration)
        let asNeeded = block.block("as_needed").map { AsNeededDosing(doseMg: $0.number("dose_mg") ?? .nan, takeProbability: $0.number("take_probability") ?? 1) }
        if !block.has("titrate_to_response") && !block.has("as_needed") { block.require("maintenance_mg_per_day") }
        let maintenance = block.number("maintenance_mg_per_day") ?? .nan
        let taper = block.block("taper").flatMap { t in taperKind(t).map { Taper(kind: $0, startDay: t.integer("start_day") ?? 0) } }
        let discontinuation = block.block("discontinuation").flatMap(taperKind) ?? .abrupt
        var tablets: TabletStrengths?
        if let strengths = block.numbers("tablet_strengths_mg") {
            tablets = TabletStrengths(strengthsMg: strengths, smallestScored: block.boolean("smallest_tablet_scored") ?? false,
                                      maxTabletsPerDose: block.integer("max_tablets_per_dose") ?? TabletStrengths.defaultMaxTabletsPerDose)
        } else {
            for key in ["smallest_tablet_scored", "max_tablets_per_dose"] where block.has(key) {
                report(block.path.appending(key), at: block.value(key), "applies only with tablet_strengths_mg",
                       fix: "Add tablet_strengths_mg, e.g. [10, 25], or remove this key.")
            }
        }
        let cap = block.block("cap").map { DailyDoseCap(maxMgPerDay: $0.number("max_mg_per_day") ?? .nan, supervisedException: $0.boolean("supervised_exception") ?? false) }
        let renalRule = block.list("renal").map { RenalDoseRule(bands: $0.map(renalBand)) }
        let holidays = (block.list("holidays") ?? []).compactMap { h in
            h.integer("start_day").flatMap { start in h.integer("days").map { DrugHoliday(startDay: start, days: $0) } }
        }
        let regimen = Regimen(
            doseTimesH: block.numbers("dose_times_h") ?? Regimen.defaultDoseTimesH, titration: titration, maintenanceMgPerDay: maintenance,
            taper: taper, discontinuation: discontinuation, tablets: tablets, cap: cap, renalRule: renalRule,
            sideEffectReductionMg: block.number("side_effect_reduction_mg"), responseGuided: responseGuided, holidays: holidays, asNeeded: asNeeded)
        adopt(regimen.validate(), under: mapping.path, node: mapping.node)
        return issues.count == issuesBefore ? regimen : nil
    }

    /// A `titrate_to_response` block (``ResponseGuidedTitration``); unreadable values become
    /// NaN / 0 (already reported), consistency is checked by ``Regimen/validate(horizonDays:)``.
    private func responseGuidedTitration(_ block: DeclaredMapping) -> ResponseGuidedTitration {
        var criterion = ResponseCriterion(windowDays: 0)
        if let response = block.block("response") {
            criterion.windowDays = response.integer("window_days") ?? 0
            criterion.maxDrinkingDays = response.integer("max_drinking_days")
            criterion.maxHeavyDays = response.integer("max_heavy_days")
            criterion.maxMeanCraving = response.number("max_mean_craving")
        }
        let intolerable = block.block("on_intolerable_side_effect")
        return ResponseGuidedTitration(
            startMgPerDay: block.number("start_mg_per_day") ?? .nan, stepMgPerDay: block.number("step_mg_per_day") ?? .nan,
            stepIntervalDays: block.integer("step_interval_days") ?? 0, ceilingMgPerDay: block.number("ceiling_mg_per_day") ?? .nan,
            response: criterion, stepDownMgPerDay: intolerable?.number("step_down_mg_per_day"),
            holdAfterStepDownDays: intolerable?.integer("hold_days") ?? 0, maxReescalations: intolerable?.integer("max_reescalations") ?? 0,
            stopWithoutResponseDays: block.integer("stop_without_response_weeks").map { $0 * 7 })
    }

    /// `{days: 3, mg_per_day: 15}`; unreadable values become 0 / NaN (already reported).
    private func doseStep(_ step: DeclaredMapping) -> DoseStep {
        DoseStep(days: step.integer("days") ?? 0, mgPerDay: step.number("mg_per_day") ?? .nan)
    }

    /// The taper shape in `block` (`kind` plus that kind's keys, checked by the declaration).
    private func taperKind(_ block: DeclaredMapping) -> TaperKind? {
        switch block.text("kind") {
        case "abrupt": .abrupt
        case "linear": .linear(days: block.integer("days") ?? 0)
        case "step_down": .stepDown(stepMg: block.number("step_mg") ?? .nan, everyDays: block.integer("every_days") ?? 0)
        case "proportional": .proportional(percent: block.number("percent") ?? .nan, everyDays: block.integer("every_days") ?? 0,
                                           floorMgPerDay: block.number("floor_mg_per_day") ?? .nan)
        case "steps": .steps((block.list("steps") ?? []).map(doseStep))
        default: nil
        }
    }

    /// One renal band: bounds and exactly one action (the declaration checks there is one). A
    /// band that cannot be used keeps its bounds (so validation of the bounds still speaks about
    /// what the user wrote) and contraindicates.
    private func renalBand(_ band: DeclaredMapping) -> RenalBand {
        let above = band.number("crcl_above_mL_per_min") ?? -.infinity, upTo = band.number("crcl_up_to_mL_per_min") ?? .infinity
        if !band.has("crcl_above_mL_per_min") && !band.has("crcl_up_to_mL_per_min") {
            report(band.path, at: band.node, "the band has no CrCl bound", fix: "Give crcl_above_mL_per_min, crcl_up_to_mL_per_min, or both.")
        }
        let action: RenalDoseAction
        if let factor = band.number("dose_factor") {
            action = .scale(factor: factor)
        } else if let maximum = band.number("max_mg_per_day") {
            action = .limit(maxMgPerDay: maximum)
        } else {
            if band.boolean("contraindicated") == false {
                report(band.path.appending("contraindicated"), at: band.value("contraindicated"), "false is not an action",
                       fix: "Remove the band, or use dose_factor or max_mg_per_day.")
            }
            action = .contraindicated
        }
        return RenalBand(aboveMLPerMin: above, upToMLPerMin: upTo, action: action)
    }
}
