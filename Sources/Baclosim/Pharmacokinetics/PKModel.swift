/// Typical or individual parameters of a linear compartmental PK model.
///
/// One compartment when `interCompartmentalClearanceLPerH` is nil, two when it is set (then
/// `peripheralVolumeL` is required). First-order absorption from a gut depot when
/// `absorptionRatePerH` is set; a model without it accepts only intravenous doses. For oral
/// population models fitted on apparent parameters (CL/F, V/F, as in Simon 2018 for baclofen),
/// keep `bioavailability` at 1 and pass the apparent values.
///
/// Units: clearances in L/h, volumes in L, rates in 1/h, times in h. Amounts are in mg, so
/// concentrations come out in mg/L.
public struct LinearPKParameters: Sendable, Hashable {
    /// Elimination clearance from the central compartment, CL (L/h).
    public var clearanceLPerH: Double
    /// Central volume of distribution, V (1-cmt) or V1 (2-cmt) (L).
    public var centralVolumeL: Double
    /// Inter-compartmental clearance Q (L/h); nil for a one-compartment model.
    public var interCompartmentalClearanceLPerH: Double?
    /// Peripheral volume V2 (L); required when Q is set.
    public var peripheralVolumeL: Double?
    /// First-order absorption rate constant KA (1/h); nil for an IV-only model.
    public var absorptionRatePerH: Double?
    /// Fraction of an oral dose that reaches the gut depot, F (0 < F ≤ 1). IV doses use F = 1.
    public var bioavailability: Double
    /// Absorption lag TLAG (h): an oral dose taken at t enters the gut depot at t + TLAG.
    public var lagTimeH: Double
    /// Optional metabolite formed from the parent's elimination (e.g. diazepam → nordazepam).
    public var metabolite: MetaboliteParameters?

    /// Creates a parameter set; see the property docs for units.
    public init(
        clearanceLPerH: Double,
        centralVolumeL: Double,
        interCompartmentalClearanceLPerH: Double? = nil,
        peripheralVolumeL: Double? = nil,
        absorptionRatePerH: Double? = nil,
        bioavailability: Double = 1,
        lagTimeH: Double = 0,
        metabolite: MetaboliteParameters? = nil
    ) {
        self.clearanceLPerH = clearanceLPerH
        self.centralVolumeL = centralVolumeL
        self.interCompartmentalClearanceLPerH = interCompartmentalClearanceLPerH
        self.peripheralVolumeL = peripheralVolumeL
        self.absorptionRatePerH = absorptionRatePerH
        self.bioavailability = bioavailability
        self.lagTimeH = lagTimeH
        self.metabolite = metabolite
    }

    /// True when Q is set (two-compartment disposition).
    public var isTwoCompartment: Bool { interCompartmentalClearanceLPerH != nil }
}

/// A metabolite with one-compartment disposition, formed from a fixed fraction of the parent's
/// elimination: formation rate = `fractionMetabolized` × CL × C_parent (mg/h).
public struct MetaboliteParameters: Sendable, Hashable {
    /// Fraction of the parent's eliminated amount converted to the metabolite, fm (0…1).
    public var fractionMetabolized: Double
    /// Metabolite clearance CLm (L/h).
    public var clearanceLPerH: Double
    /// Metabolite volume Vm (L).
    public var volumeL: Double

    /// Creates metabolite parameters; see the property docs for units.
    public init(fractionMetabolized: Double, clearanceLPerH: Double, volumeL: Double) {
        self.fractionMetabolized = fractionMetabolized
        self.clearanceLPerH = clearanceLPerH
        self.volumeL = volumeL
    }
}

/// How a dose enters the body.
public enum DoseRoute: Sendable, Hashable {
    /// Into the gut depot (× F, after TLAG), then first-order (or saturable) absorption.
    case oral
    /// Instantly into the central compartment.
    case ivBolus
    /// Zero-order into the central compartment at amount / duration (mg/h) for `durationH` hours.
    case infusion(durationH: Double)
}

/// One administered dose: `amountMg` taken at `timeH` (hours from the start of the simulation).
public struct DoseEvent: Sendable, Hashable {
    /// Time the dose is taken or started (h).
    public var timeH: Double
    /// Dose amount (mg); a missed dose is simply absent (or 0).
    public var amountMg: Double
    /// Route of administration.
    public var route: DoseRoute

    /// Creates a dose event; `route` defaults to oral.
    public init(timeH: Double, amountMg: Double, route: DoseRoute = .oral) {
        self.timeH = timeH
        self.amountMg = amountMg
        self.route = route
    }
}

/// Which substance a concentration or exposure refers to.
public enum PKAnalyte: Sendable, Hashable {
    /// The administered drug in the central compartment.
    case parent
    /// The metabolite compartment (requires `LinearPKParameters.metabolite`).
    case metabolite
}

extension LinearPKParameters {
    /// Every problem with these parameters, all at once (empty when valid).
    ///
    /// Checks: CL, V, Q, V2, KA, metabolite CL and volume are finite and > 0; Q and V2 are given
    /// together; 0 < F ≤ 1; TLAG finite and ≥ 0; 0 ≤ fm ≤ 1.
    public func validate() -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        func requirePositive(_ value: Double?, _ key: String, _ hint: String) {
            guard let value else { return }
            if !(value.isFinite && value > 0) {
                problems.append(.init(keyPath: key, problem: "must be a finite number > 0 (found \(value))", fix: "\(hint)"))
            }
        }
        requirePositive(clearanceLPerH, "clearance_L_per_h", "Use the apparent clearance CL/F for oral models, e.g. 11.6.")
        requirePositive(centralVolumeL, "central_volume_L", "Use the apparent volume V/F for oral models, e.g. 72.8.")
        requirePositive(interCompartmentalClearanceLPerH, "intercompartmental_clearance_L_per_h", "Omit it for a one-compartment model.")
        requirePositive(peripheralVolumeL, "peripheral_volume_L", "Omit it for a one-compartment model.")
        requirePositive(absorptionRatePerH, "absorption_rate_per_h", "Omit it for an IV-only model.")
        if (interCompartmentalClearanceLPerH == nil) != (peripheralVolumeL == nil) {
            let missing = interCompartmentalClearanceLPerH == nil ? "intercompartmental_clearance_L_per_h" : "peripheral_volume_L"
            problems.append(.init(keyPath: missing, problem: "is required for a two-compartment model (Q and V2 go together)", fix: "Give both or neither."))
        }
        if !(bioavailability.isFinite && bioavailability > 0 && bioavailability <= 1) {
            problems.append(.init(keyPath: "bioavailability", problem: "must be in (0, 1] (found \(bioavailability))", fix: "Use 1 when CL/F and V/F are given."))
        }
        if !(lagTimeH.isFinite && lagTimeH >= 0) {
            problems.append(.init(keyPath: "lag_time_h", problem: "must be a finite number ≥ 0 (found \(lagTimeH))", fix: "Use 0 for no lag."))
        }
        if let metabolite {
            let fm = metabolite.fractionMetabolized
            if !(fm.isFinite && fm >= 0 && fm <= 1) {
                problems.append(.init(keyPath: "metabolite.fraction_metabolized", problem: "must be in [0, 1] (found \(fm))", fix: ""))
            }
            requirePositive(metabolite.clearanceLPerH, "metabolite.clearance_L_per_h", "Give the metabolite's own clearance.")
            requirePositive(metabolite.volumeL, "metabolite.volume_L", "Give the metabolite's own volume.")
        }
        return problems
    }
}

extension DoseEvent {
    /// Problems with this dose for a model that does (`hasAbsorption`) or does not have a gut
    /// depot; empty when the dose can be given.
    func problems(hasAbsorption: Bool) -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        if !(timeH.isFinite) {
            problems.append(.init(keyPath: "time_h", problem: "must be finite (found \(timeH))", fix: ""))
        }
        if !(amountMg.isFinite && amountMg >= 0) {
            problems.append(.init(keyPath: "dose_mg", problem: "must be a finite number ≥ 0 (found \(amountMg))", fix: ""))
        }
        switch route {
        case .oral where !hasAbsorption:
            problems.append(.init(keyPath: "route", problem: "oral dose given to a model without absorption_rate_per_h", fix: "Add an absorption rate or use an IV route."))
        case .infusion(let durationH) where !(durationH.isFinite && durationH > 0):
            problems.append(.init(keyPath: "infusion_duration_h", problem: "must be a finite number > 0 (found \(durationH))", fix: "Use iv_bolus for an instant dose."))
        default:
            break
        }
        return problems
    }
}
