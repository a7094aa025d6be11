/// The doses of a quick PK simulation (`baclosim pk`).
public enum PKSimulationRegimen: Sendable, Equatable {
    /// `doseMg` (mg) every `intervalH` hours from time 0 (`nil`: one dose at 0); `count` doses
    /// (`nil`: on through the end of the output window); with `steadyState`, the same doses were
    /// given forever before time 0, so time 0 is a dose taken at steady state.
    case regular(doseMg: Double, intervalH: Double?, count: Int?, steadyState: Bool)
    /// A drug's regimen for `days` days from day 0: each day's doses from its
    /// ``RegimenSchedule`` (titration, tablet rounding, cap, and the renal rule for the
    /// subject's creatinine clearance) at its dose clock times.
    case schedule(Regimen, days: Int)

    /// Where the dosing starts and what is in the body then: time 0 drug-naive, or (steady state)
    /// time 0 just before a dose, holding the exact steady-state amounts. Also the doses to give
    /// from then on, through `windowEndH` for an open-ended regimen.
    ///
    /// With an oral lag of at least one interval, doses taken before 0 whose input lands at or
    /// after 0 are not in the steady-state amounts; they are added as doses before time 0.
    func plan(
        for subject: PKSimulationSubject,
        windowEndH: Double,
        covariates: PKCovariates,
        label: String
    ) throws(PKSimulationError) -> (state: LinearPKState, doses: [DoseEvent]) {
        switch self {
        case .regular(let doseMg, let intervalH, let count, let steadyState):
            guard let tau = intervalH else {
                return (.empty, [DoseEvent(timeH: 0, amountMg: doseMg, route: subject.route)])
            }
            let total = count ?? max(1, Int((windowEndH / tau).rounded(.up)))
            var doses = (0..<total).map { DoseEvent(timeH: Double($0) * tau, amountMg: doseMg, route: subject.route) }
            guard steadyState else { return (.empty, doses) }
            let exposure: SteadyStateExposure
            do {
                exposure = try subject.model.steadyState(doseMg: doseMg, intervalH: tau, route: subject.route)
            } catch {
                throw PKSimulationError("cannot put the regimen at steady state: \(error.description).")
            }
            if case .oral = subject.route {
                var past = 1
                while -Double(past) * tau + subject.model.lagTimeH >= 0 {
                    doses.append(DoseEvent(timeH: -Double(past) * tau, amountMg: doseMg, route: .oral))
                    past += 1
                }
            }
            return (exposure.preDoseState, doses)

        case .schedule(let regimen, let days):
            let schedule = RegimenSchedule(regimen: regimen, horizonDays: days)
            let state = schedule.makeState(creatinineClearanceMLPerMin: covariates.creatinineClearanceMLPerMin)
            if state.isContraindicated {
                throw PKSimulationError(
                    "\(label)'s regimen is contraindicated at CrCl \(ParameterProblem.formatNumber(covariates.creatinineClearanceMLPerMin)) mL/min by its renal rule. "
                        + "Give --crcl above the contraindicated band, or a regimen with --dose and --every.")
            }
            var doses: [DoseEvent] = []
            var daily = DailyDoses(count: schedule.dosesPerDay)
            for day in 0..<days {
                schedule.fill(day: day, state: state, into: &daily)
                for slot in 0..<daily.count where daily[slot] > 0 {
                    doses.append(DoseEvent(timeH: schedule.doseTimeH(day: day, slot: slot), amountMg: daily[slot], route: subject.route))
                }
            }
            return (.empty, doses)
        }
    }
}
