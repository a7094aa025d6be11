extension Regimen {
    /// Every problem with this regimen, each with the key path of its scenario key (relative to
    /// the regimen block, e.g. `taper.step_mg`), what is wrong and how to fix it. Empty when valid.
    ///
    /// With `horizonDays`, also checks that a planned taper starts and ends within days
    /// `0..<horizonDays`.
    public func validate(horizonDays: Int? = nil) -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        func report(_ keyPath: String, _ problem: String, _ fix: String) {
            issues.append(ParameterProblem(keyPath: keyPath, problem: problem, fix: fix))
        }

        // Dose times.
        if doseTimesH.isEmpty {
            report("dose_times_h", "must list at least one dose time",
                   "Give clock hours within the day, e.g. [8, 14, 20].")
        }
        if doseTimesH.count > Regimen.maximumDosesPerDay {
            report("dose_times_h", "at most \(Regimen.maximumDosesPerDay) doses per day (found \(doseTimesH.count))",
                   "Combine doses so there are \(Regimen.maximumDosesPerDay) or fewer.")
        }
        for (index, timeH) in doseTimesH.enumerated() {
            if !(timeH >= 0 && timeH < 24) {
                report("dose_times_h[\(index)]", "must be in [0, 24) hours (found \(format(timeH)))",
                       "Give the clock hour of the dose, e.g. 8 for 08:00.")
            } else if index > 0, timeH <= doseTimesH[index - 1] {
                report("dose_times_h[\(index)]",
                       "must be later than the previous dose time \(format(doseTimesH[index - 1])) (found \(format(timeH)))",
                       "List dose times in increasing order within one day.")
            }
        }

        // Titration and maintenance.
        for (index, step) in titration.enumerated() {
            if step.days < 1 {
                report("titration[\(index)].days", "must be ≥ 1 (found \(step.days))",
                       "Give the number of days the step lasts, e.g. 3.")
            }
            checkDose(step.mgPerDay, "titration[\(index)].mg_per_day", &issues)
        }
        if responseGuided != nil && asNeeded != nil {
            report("as_needed", "cannot be combined with titrate_to_response",
                   "Choose one: a titration to response, or a dose taken as needed.")
        }
        if let responseGuided {
            // The rule replaces fixed steps and maintenance: a value there would be ignored.
            if !titration.isEmpty {
                report("titration", "cannot be combined with titrate_to_response (the rule sets every dose until a taper)",
                       "Remove titration, or remove titrate_to_response for a fixed schedule.")
            }
            if !maintenanceMgPerDay.isNaN {
                report("maintenance_mg_per_day", "is not used with titrate_to_response (each subject's dose is found by the rule)",
                       "Remove maintenance_mg_per_day; the rule's ceiling_mg_per_day bounds the dose.")
            }
            issues += responseGuided.validationIssues()
        } else if let asNeeded {
            // One dose on an indicated day replaces the daily schedule.
            if !titration.isEmpty {
                report("titration", "cannot be combined with as_needed (the dose is taken on days the subject expects to drink)",
                       "Remove titration, or remove as_needed for a daily schedule.")
            }
            if !maintenanceMgPerDay.isNaN {
                report("maintenance_mg_per_day", "is not used with as_needed (the dose is as_needed.dose_mg on the days it is taken)",
                       "Remove maintenance_mg_per_day.")
            }
            if taper != nil {
                report("taper", "cannot be combined with as_needed (there is no daily dose to bring down)",
                       "Remove the taper; an as-needed course ends when the horizon does, or by a side effect's discontinue.")
            }
            if doseTimesH.count != 1 {
                report("dose_times_h", "must give one time with as_needed (at most one dose a day; found \(doseTimesH.count))",
                       "Give the clock hour the dose is taken on a day it is, e.g. [18] for 18:00, before an evening's drinking.")
            }
            if !(asNeeded.doseMg > 0 && asNeeded.doseMg.isFinite) {
                report("as_needed.dose_mg", "must be > 0 (found \(format(asNeeded.doseMg)))", "Give the dose taken in mg, e.g. 18.")
            }
            if !(0...1).contains(asNeeded.takeProbability) {
                report("as_needed.take_probability", "must be in [0, 1] (found \(format(asNeeded.takeProbability)))",
                       "Give the probability a dose is taken on a day it is indicated, e.g. 0.8.")
            }
        } else {
            checkDose(maintenanceMgPerDay, "maintenance_mg_per_day", &issues)
        }

        // Taper and discontinuation.
        if let taper {
            if taper.startDay < 0 {
                report("taper.start_day", "must be ≥ 0 (found \(taper.startDay))",
                       "Give the first taper day, counting the first treatment day as 0.")
            }
            validateTaperKind(taper.kind, at: "taper", &issues)
            if let horizonDays, taper.startDay >= 0, issues.allSatisfy({ !$0.keyPath.hasPrefix("taper") }) {
                checkTaperFits(taper, horizonDays: horizonDays, &issues)
            }
        }
        validateTaperKind(discontinuation, at: "discontinuation", &issues)

        // Tablets.
        if let tablets {
            if tablets.strengthsMg.isEmpty {
                report("tablet_strengths_mg", "must list at least one strength",
                       "Give the tablet strengths in mg, e.g. [10, 25], or remove the key for an exact split.")
            }
            for (index, strength) in tablets.strengthsMg.enumerated() where !(strength > 0 && strength.isFinite) {
                report("tablet_strengths_mg[\(index)]", "must be > 0 (found \(format(strength)))",
                       "Give the tablet strength in mg, e.g. 10.")
            }
            if tablets.maxTabletsPerDose < 1 || tablets.maxTabletsPerDose > 20 {
                report("max_tablets_per_dose", "must be in 1…20 (found \(tablets.maxTabletsPerDose))",
                       "Give the most tablets a patient takes at once, e.g. \(TabletStrengths.defaultMaxTabletsPerDose).")
            } else if tablets.tabletCombinations > TabletStrengths.maximumCombinations {
                report("tablet_strengths_mg",
                       "\(tablets.unitsMg.count) tablet units with up to \(tablets.maxTabletsPerDose) tablets a dose make \(tablets.tabletCombinations) combinations to search (at most \(TabletStrengths.maximumCombinations))",
                       "List the strengths actually dispensed (a few), or lower max_tablets_per_dose.")
            } else if !tablets.strengthsMg.isEmpty, tablets.strengthsMg.allSatisfy({ $0 > 0 && $0.isFinite }),
                      dosesPerDay > 0 {
                // The largest dose: the most tablets of the largest unit.
                let largestDoseMg = Double(tablets.maxTabletsPerDose) * (tablets.unitsMg.last ?? 0)
                let neededMg = maximumProtocolMgPerDay / Double(dosesPerDay)
                if neededMg > largestDoseMg + DailyDoseCap.toleranceMg {
                    report("max_tablets_per_dose",
                           "a dose of \(format(neededMg)) mg needs more than \(tablets.maxTabletsPerDose) tablets (largest possible dose \(format(largestDoseMg)) mg)",
                           "Raise max_tablets_per_dose, add a larger tablet strength, or add dose times.")
                }
            }
        }

        // Cap.
        if let cap {
            if !(cap.maxMgPerDay > 0 && cap.maxMgPerDay.isFinite) {
                report("cap.max_mg_per_day", "must be > 0 (found \(format(cap.maxMgPerDay)))",
                       "Give the highest daily dose in mg/day, e.g. 100.")
            } else if !cap.supervisedException {
                reportDosesAboveCap(cap, &issues)
            }
        }

        // Renal rule.
        if let renalRule {
            validateRenalRule(renalRule, &issues)
        }

        // Planned interruptions.
        for (index, holiday) in holidays.enumerated() {
            if holiday.startDay < 0 {
                report("holidays[\(index)].start_day", "must be ≥ 0 (found \(holiday.startDay))",
                       "Give the first day without a dose, counting the first treatment day as 0.")
            }
            if holiday.days < 1 {
                report("holidays[\(index)].days", "must be ≥ 1 (found \(holiday.days))",
                       "Give the number of days without a dose, e.g. 7.")
            } else if let horizonDays, holiday.startDay >= horizonDays {
                report("holidays[\(index)].start_day", "is after the last day simulated (day \(horizonDays - 1))",
                       "Start the interruption within the horizon, or remove it.")
            }
        }

        if let sideEffectReductionMg, !(sideEffectReductionMg > 0 && sideEffectReductionMg.isFinite) {
            report("side_effect_reduction_mg", "must be > 0 (found \(format(sideEffectReductionMg)))",
                   "Give the daily dose removed after an intolerable side effect in mg/day, e.g. 10, or remove the key.")
        }
        return issues
    }

    private func checkDose(_ mgPerDay: Double, _ keyPath: String, _ issues: inout [ParameterProblem]) {
        if !(mgPerDay >= 0 && mgPerDay.isFinite) {
            issues.append(ParameterProblem(keyPath: keyPath, problem: "must be ≥ 0 (found \(format(mgPerDay)))",
                                        fix: "Give the daily dose in mg/day, e.g. 30."))
        }
    }

    private func validateTaperKind(_ kind: TaperKind, at prefix: String, _ issues: inout [ParameterProblem]) {
        func report(_ key: String, _ problem: String, _ fix: String) {
            issues.append(ParameterProblem(keyPath: prefix + "." + key, problem: problem, fix: fix))
        }
        switch kind {
        case .abrupt:
            break
        case .linear(let days):
            if days < 1 {
                report("days", "must be ≥ 1 (found \(days))",
                       "Give the number of days over which the dose falls to zero, e.g. 14.")
            }
        case .stepDown(let stepMg, let everyDays):
            if !(stepMg > 0 && stepMg.isFinite) {
                report("step_mg", "must be > 0 (found \(format(stepMg)))",
                       "Give the daily dose removed at each step in mg/day, e.g. 10.")
            }
            if everyDays < 1 {
                report("every_days", "must be ≥ 1 (found \(everyDays))",
                       "Give the days between steps, e.g. 7.")
            }
        case .proportional(let percent, let everyDays, let floorMgPerDay):
            if !(percent > 0 && percent < 100) {
                report("percent", "must be in (0, 100) (found \(format(percent)))",
                       "Give the share of the current dose removed at each step, e.g. 20.")
            }
            if everyDays < 1 {
                report("every_days", "must be ≥ 1 (found \(everyDays))",
                       "Give the days between steps, e.g. 7.")
            }
            if !(floorMgPerDay > 0 && floorMgPerDay.isFinite) {
                report("floor_mg_per_day", "must be > 0 (found \(format(floorMgPerDay)))",
                       "Give the daily dose below which the taper stops, e.g. 10; a proportional taper never reaches 0 on its own.")
            }
        case .steps(let steps):
            if steps.isEmpty {
                report("steps", "must list at least one step",
                       "Give the taper's daily doses, e.g. [{days: 4, mg_per_day: 45}, {days: 4, mg_per_day: 30}].")
            }
            for (index, step) in steps.enumerated() {
                if step.days < 1 {
                    report("steps[\(index)].days", "must be ≥ 1 (found \(step.days))",
                           "Give the number of days the step lasts, e.g. 4.")
                }
                if !(step.mgPerDay >= 0 && step.mgPerDay.isFinite) {
                    report("steps[\(index)].mg_per_day", "must be ≥ 0 (found \(format(step.mgPerDay)))",
                           "Give the daily dose in mg/day, e.g. 30.")
                }
            }
        }
    }

    private func checkTaperFits(_ taper: Taper, horizonDays: Int, _ issues: inout [ParameterProblem]) {
        let lastDay = horizonDays - 1
        guard taper.startDay <= lastDay else {
            issues.append(ParameterProblem(
                keyPath: "taper.start_day",
                problem: "the taper starts on day \(taper.startDay), after the last simulated day \(lastDay)",
                fix: "Start the taper by day \(lastDay), or lengthen the horizon to at least \(taper.startDay + 1) days."))
            return
        }
        // With titration to response the taper starts from a subject's own dose: at most the ceiling.
        let startMgPerDay = responseGuided?.ceilingMgPerDay ?? preTaperDailyDoseMg(day: max(0, taper.startDay - 1))
        guard let length = taper.kind.lengthDays(startingFromMgPerDay: startMgPerDay) else { return }
        let zeroDay = taper.startDay + length
        if zeroDay > horizonDays {
            let latestStart = horizonDays - length
            let startAdvice = latestStart >= 0
                ? "Start the taper by day \(latestStart), shorten it,"
                : "Shorten the taper"
            issues.append(ParameterProblem(
                keyPath: "taper.start_day",
                problem: "the \(taper.kind.name) taper from \(format(startMgPerDay)) mg/day starting on day \(taper.startDay) lasts \(length) days and reaches 0 on day \(zeroDay), after the last simulated day \(lastDay)",
                fix: "\(startAdvice) or lengthen the horizon to at least \(zeroDay) days."))
        }
    }

    private func reportDosesAboveCap(_ cap: DailyDoseCap, _ issues: inout [ParameterProblem]) {
        func check(_ mgPerDay: Double, _ keyPath: String) {
            guard mgPerDay > cap.maxMgPerDay + DailyDoseCap.toleranceMg else { return }
            issues.append(ParameterProblem(
                keyPath: keyPath,
                problem: "\(format(mgPerDay)) mg/day is above the daily cap of \(format(cap.maxMgPerDay)) mg/day",
                fix: "Lower the dose to at most \(format(cap.maxMgPerDay)) mg/day, or set cap.supervised_exception: true to allow it under medical supervision (runs report it)."))
        }
        for (index, step) in titration.enumerated() { check(step.mgPerDay, "titration[\(index)].mg_per_day") }
        if let responseGuided {
            check(responseGuided.startMgPerDay, "titrate_to_response.start_mg_per_day")
            check(responseGuided.ceilingMgPerDay, "titrate_to_response.ceiling_mg_per_day")
        } else {
            check(maintenanceMgPerDay, "maintenance_mg_per_day")
        }
        if let taper, case .steps(let steps) = taper.kind {
            for (index, step) in steps.enumerated() { check(step.mgPerDay, "taper.steps[\(index)].mg_per_day") }
        }
    }

    private func validateRenalRule(_ rule: RenalDoseRule, _ issues: inout [ParameterProblem]) {
        for (index, band) in rule.bands.enumerated() {
            let path = "renal[\(index)]"
            if band.aboveMLPerMin.isNaN || band.upToMLPerMin.isNaN || !(band.aboveMLPerMin < band.upToMLPerMin) {
                issues.append(ParameterProblem(
                    keyPath: path + ".crcl_up_to_mL_per_min",
                    problem: "the band is empty: crcl_above_mL_per_min \(format(band.aboveMLPerMin)) is not below crcl_up_to_mL_per_min \(format(band.upToMLPerMin))",
                    fix: "Give the band as above < CrCl ≤ up to, e.g. crcl_above_mL_per_min: 30, crcl_up_to_mL_per_min: 50."))
            }
            switch band.action {
            case .scale(let factor):
                if !(factor > 0 && factor <= 1) {
                    issues.append(ParameterProblem(
                        keyPath: path + ".dose_factor", problem: "must be in (0, 1] (found \(format(factor)))",
                        fix: "Give the share of the dose kept in this band, e.g. 0.75 for a 25% reduction; use contraindicated: true to stop the drug."))
                }
            case .limit(let maxMgPerDay):
                if !(maxMgPerDay >= 0 && maxMgPerDay.isFinite) {
                    issues.append(ParameterProblem(
                        keyPath: path + ".max_mg_per_day", problem: "must be ≥ 0 (found \(format(maxMgPerDay)))",
                        fix: "Give the highest daily dose in this band in mg/day, e.g. 999."))
                }
            case .contraindicated:
                break
            }
            // One overlap per band (the first earlier one it meets), so the messages grow with
            // the number of bands, not with its square.
            if let (otherIndex, other) = rule.bands.enumerated().prefix(index).first(where: { _, other in
                band.aboveMLPerMin < other.upToMLPerMin && other.aboveMLPerMin < band.upToMLPerMin
            }) {
                issues.append(ParameterProblem(
                    keyPath: path,
                    problem: "overlaps renal[\(otherIndex)] (CrCl \(format(other.aboveMLPerMin))–\(format(other.upToMLPerMin)) mL/min)",
                    fix: "Make the bands disjoint: each band covers above < CrCl ≤ up to."))
            }
        }
    }
}

private func format(_ value: Double) -> String {
    ParameterProblem.formatNumber(value)
}
