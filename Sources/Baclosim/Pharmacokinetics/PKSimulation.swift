/// A quick PK simulation, as a pharmacometrician runs one from the command line (`baclosim pk`,
/// in the spirit of mrgsolve's `mrgsim`): one model, one regimen, and exact concentrations at
/// chosen times, for the typical subject or as percentiles across simulated subjects.
///
/// Everything is exact: closed-form transitions between events (``LinearPKModel``), the exact
/// steady state for `--steady-state`, and exact AUC, Cmax and Tmax over the output window
/// (interior peaks found analytically, not on the grid).
public struct PKSimulation: Sendable {
    /// The model.
    public var model: PKSimulationModel
    /// The doses.
    public var regimen: PKSimulationRegimen
    /// Output times (h from time 0, ≥ 0), in the order the output lists them.
    public var timesH: [Double]
    /// The subject's covariates (η = 0 gives the typical subject for them).
    public var covariates: PKCovariates

    /// Creates a simulation; `timesH` must be non-empty, finite and ≥ 0 (see ``parseTimes(_:)``).
    public init(model: PKSimulationModel, regimen: PKSimulationRegimen, timesH: [Double],
                covariates: PKCovariates = .reference) {
        self.model = model
        self.regimen = regimen
        self.timesH = timesH
        self.covariates = covariates
    }

    /// The output window [first time, last time] (h).
    public var windowH: ClosedRange<Double> {
        (timesH.min() ?? 0)...(timesH.max() ?? 0)
    }

    /// The concentration profile (mg/L) of the typical subject: η = 0 at ``covariates``.
    public func typicalProfile() throws(PKSimulationError) -> PKProfile {
        let subject = try typicalSubject()
        let plan = try regimen.plan(for: subject, windowEndH: windowH.upperBound, covariates: covariates, label: model.label)
        let order = Self.ascendingOrder(timesH)
        let sorted = order.map { timesH[$0] }
        let values = subject.run(from: plan.state, doses: plan.doses, outputsH: sorted, window: nil).concentrations
        var concentrations = [Double](repeating: 0, count: timesH.count)
        for (rank, index) in order.enumerated() { concentrations[index] = values[rank] }
        return PKProfile(timesH: timesH, concentrationsMgPerL: concentrations)
    }

    /// The typical subject's model.
    func typicalSubject() throws(PKSimulationError) -> PKSimulationSubject {
        let parameters = model.parameterModel()
        var values = [Double](repeating: 0, count: parameters.parameters.count)
        parameters.evaluate(covariates: covariates, eta: [Double](repeating: 0, count: parameters.etaCount), into: &values)
        return try model.subject(values: values, names: parameters.parameters.map(\.name))
    }

    /// Indices of `times` in ascending time order (ties in input order).
    static func ascendingOrder(_ times: [Double]) -> [Int] {
        times.indices.sorted { (times[$0], $0) < (times[$1], $1) }
    }
}

/// Concentrations (mg/L) at the output times of a ``PKSimulation``, for one subject.
public struct PKProfile: Sendable, Equatable {
    /// Output times (h), as requested.
    public var timesH: [Double]
    /// Concentration at each time (mg/L). At the time of an IV bolus, the value just after it.
    public var concentrationsMgPerL: [Double]
}

extension PKSimulationSubject {
    /// Walks the subject from time 0 holding `state` through the `doses` (impulses and infusion
    /// starts and stops, in time order), recording the concentration at each of `outputsH`
    /// (ascending) and, when `window` is given, the exact exposure over [lower, upper).
    ///
    /// An input at an output time is applied before the time is recorded (the profile is
    /// right-continuous). Inputs before time 0 are already in `state` and are skipped (the
    /// plans never start an infusion before 0: a steady-state infusion must end within its
    /// interval).
    ///
    /// - Complexity: O((doses + outputs) · log(doses)); one closed-form transition per piece.
    func run(
        from state: LinearPKState,
        doses: [DoseEvent],
        outputsH: [Double],
        window: Range<Double>?
    ) -> (concentrations: [Double], exposure: DailyExposure?) {
        // Each input as (time, dose for an impulse, infusion rate change); infusions give two.
        var inputs: [(timeH: Double, impulse: DoseEvent?, rateMgPerH: Double, active: Int)] = []
        for dose in doses {
            if let timeH = model.impulseTimeH(of: dose) {
                if timeH >= 0 { inputs.append((timeH, dose, 0, 0)) }
            } else if case .infusion(let durationH) = dose.route, dose.timeH >= 0 {
                let rate = dose.amountMg / durationH
                inputs.append((dose.timeH, nil, rate, 1))
                inputs.append((dose.timeH + durationH, nil, -rate, -1))
            }
        }
        inputs = inputs.enumerated().sorted { ($0.element.timeH, $0.offset) < ($1.element.timeH, $1.offset) }.map(\.element)

        var state = state
        var concentrations = [Double](repeating: 0, count: outputsH.count)
        var tracker = ExposureTracker()
        var timeH = 0.0
        var rate = 0.0
        var activeInfusions = 0
        var nextInput = 0
        var nextOutput = 0
        while true {
            while nextInput < inputs.count && inputs[nextInput].timeH <= timeH {
                let input = inputs[nextInput]
                if let dose = input.impulse {
                    model.applyImpulse(of: dose, to: &state)
                } else {
                    rate += input.rateMgPerH
                    activeInfusions += input.active
                    // No round-off residue once every infusion has stopped.
                    if activeInfusions == 0 { rate = 0 }
                }
                nextInput += 1
            }
            while nextOutput < outputsH.count && outputsH[nextOutput] <= timeH {
                concentrations[nextOutput] = model.concentration(of: state)
                nextOutput += 1
            }
            let windowOpen = window.map { timeH < $0.upperBound } ?? false
            if nextOutput == outputsH.count && !windowOpen { break }

            var next = Double.infinity
            if nextInput < inputs.count { next = inputs[nextInput].timeH }
            if nextOutput < outputsH.count { next = min(next, outputsH[nextOutput]) }
            if let window {
                if window.lowerBound > timeH { next = min(next, window.lowerBound) }
                if window.upperBound > timeH { next = min(next, window.upperBound) }
            }
            if let window, window.contains(timeH) {
                let piece = model.transition(overH: next - timeH, includeIntegrals: true)
                model.advancePiece(&state, transition: piece, infusionRateMgPerH: rate, analyte: .parent,
                                   startH: timeH - window.lowerBound, tracker: &tracker)
            } else {
                state = model.transition(overH: next - timeH, includeIntegrals: false).apply(to: state, infusionRateMgPerH: rate)
            }
            timeH = next
        }
        let exposure = window.map { tracker.exposure(lengthH: $0.upperBound - $0.lowerBound) }
        return (concentrations, exposure)
    }
}
