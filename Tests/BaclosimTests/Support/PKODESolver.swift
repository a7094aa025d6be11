@preconcurrency import CGSL
import Foundation
@testable import Baclosim

/// Michaelis–Menten elimination from the central compartment: rate = Vmax·C/(Km + C) (mg/h).
public struct MichaelisMentenElimination: Sendable, Hashable {
    /// Maximum elimination rate Vmax (mg/h).
    public var vmaxMgPerH: Double
    /// Concentration at half-maximal rate Km (mg/L).
    public var kmMgPerL: Double

    /// Creates the elimination term; see the property docs for units.
    public init(vmaxMgPerH: Double, kmMgPerL: Double) {
        self.vmaxMgPerH = vmaxMgPerH
        self.kmMgPerL = kmMgPerL
    }
}

/// Saturable absorption from the gut depot: rate = Vmax,abs·G/(Km,abs + G) (mg/h), replacing KA·G.
public struct SaturableAbsorption: Sendable, Hashable {
    /// Maximum absorption rate (mg/h).
    public var vmaxMgPerH: Double
    /// Gut amount at half-maximal rate (mg).
    public var kmMg: Double

    /// Creates the absorption term; see the property docs for units.
    public init(vmaxMgPerH: Double, kmMg: Double) {
        self.vmaxMgPerH = vmaxMgPerH
        self.kmMg = kmMg
    }
}

/// A PK model solved numerically with GSL's `gsl_odeiv2`: any linear model (same parameters as
/// `LinearPKModel`, used to check the closed forms), plus Michaelis–Menten elimination and/or
/// saturable absorption, which have no closed form.
///
///     G'  = −a(G),  a(G) = KA·G or Vmax,abs·G/(Km,abs + G)
///     A1' =  a(G) − CL/V1·A1 − e(A1) − k12·A1 + k21·A2 + R,  e(A1) = Vmax·C/(Km + C), C = A1/V1
///     A2' =  k12·A1 − k21·A2
///     M'  =  fm·(CL/V1·A1 + e(A1)) − km·M
///
/// plus two integrating states, ∫C dt and ∫Cm dt, so AUC is exact to the solver tolerance.
/// With Michaelis–Menten elimination, CL may be 0 (purely saturable elimination).
public struct PKODESystem: Sendable, Hashable {
    /// Linear part: volumes, distribution, KA, F, TLAG, metabolite, linear CL.
    public var linear: LinearPKParameters
    /// Optional saturable elimination, in addition to the linear CL.
    public var michaelisMenten: MichaelisMentenElimination?
    /// Optional saturable absorption, replacing first-order KA.
    public var saturableAbsorption: SaturableAbsorption?

    /// Creates the system; see the property docs.
    public init(linear: LinearPKParameters, michaelisMenten: MichaelisMentenElimination? = nil, saturableAbsorption: SaturableAbsorption? = nil) {
        self.linear = linear
        self.michaelisMenten = michaelisMenten
        self.saturableAbsorption = saturableAbsorption
    }

    /// Every problem at once; CL = 0 is allowed when Michaelis–Menten elimination is present.
    public func validate() -> [ParameterProblem] {
        var problems = linear.validate()
        if michaelisMenten != nil && linear.clearanceLPerH == 0 {
            problems.removeAll { $0.keyPath == "clearance_L_per_h" }
        }
        func requirePositive(_ value: Double, _ key: String) {
            if !(value.isFinite && value > 0) {
                problems.append(.init(keyPath: key, problem: "must be a finite number > 0 (found \(value))", fix: ""))
            }
        }
        if let mm = michaelisMenten {
            requirePositive(mm.vmaxMgPerH, "michaelis_menten.vmax_mg_per_h")
            requirePositive(mm.kmMgPerL, "michaelis_menten.km_mg_per_L")
        }
        if let absorption = saturableAbsorption {
            requirePositive(absorption.vmaxMgPerH, "saturable_absorption.vmax_mg_per_h")
            requirePositive(absorption.kmMg, "saturable_absorption.km_mg")
        }
        return problems
    }

    /// True when oral doses can be given (first-order or saturable absorption).
    var hasAbsorption: Bool { linear.absorptionRatePerH != nil || saturableAbsorption != nil }
}

/// The constants the C callbacks read through `params` (heap-allocated by `PKODESolver`).
struct PKODEContext {
    var ka = 0.0
    var absorptionVmax = 0.0, absorptionKm = 0.0, isAbsorptionSaturable = false
    var k10 = 0.0, k12 = 0.0, k21 = 0.0
    var eliminationVmax = 0.0, eliminationKm = 0.0
    var fractionMetabolized = 0.0, km = 0.0
    var inverseCentralVolume = 0.0, inverseMetaboliteVolume = 0.0
    /// Current infusion rate (mg/h), set before each between-event piece.
    var infusionRateMgPerH = 0.0

    init(_ system: PKODESystem) {
        let p = system.linear
        ka = p.absorptionRatePerH ?? 0
        if let absorption = system.saturableAbsorption {
            isAbsorptionSaturable = true
            absorptionVmax = absorption.vmaxMgPerH
            absorptionKm = absorption.kmMg
        }
        inverseCentralVolume = 1 / p.centralVolumeL
        k10 = p.clearanceLPerH / p.centralVolumeL
        if let q = p.interCompartmentalClearanceLPerH, let v2 = p.peripheralVolumeL {
            k12 = q / p.centralVolumeL
            k21 = q / v2
        }
        if let mm = system.michaelisMenten {
            eliminationVmax = mm.vmaxMgPerH
            eliminationKm = mm.kmMgPerL
        }
        if let metabolite = p.metabolite {
            fractionMetabolized = metabolite.fractionMetabolized
            km = metabolite.clearanceLPerH / metabolite.volumeL
            inverseMetaboliteVolume = 1 / metabolite.volumeL
        }
    }
}

/// State layout of the ODE vector.
private enum Slot {
    static let gut = 0, central = 1, peripheral = 2, metabolite = 3, parentAUC = 4, metaboliteAUC = 5
    static let dimension = 6
}

/// Right-hand side for `gsl_odeiv2_system.function` (a global function, so it converts to a
/// C function pointer). Negative amounts from solver round-off are clamped to 0 inside the
/// saturable terms, whose denominators would otherwise approach 0.
private func pkODERightHandSide(
    _ t: Double, _ y: UnsafePointer<Double>?, _ dydt: UnsafeMutablePointer<Double>?, _ params: UnsafeMutableRawPointer?
) -> Int32 {
    guard let y, let dydt, let params else { return Int32(GSL_EBADFUNC) }
    let c = params.assumingMemoryBound(to: PKODEContext.self).pointee
    let gut = y[Slot.gut], central = y[Slot.central], peripheral = y[Slot.peripheral]
    let absorption = c.isAbsorptionSaturable
        ? c.absorptionVmax * max(gut, 0) / (c.absorptionKm + max(gut, 0))
        : c.ka * gut
    let concentration = max(central, 0) * c.inverseCentralVolume
    let saturable = c.eliminationVmax > 0 ? c.eliminationVmax * concentration / (c.eliminationKm + concentration) : 0
    let eliminated = c.k10 * central + saturable
    dydt[Slot.gut] = -absorption
    dydt[Slot.central] = absorption - eliminated - c.k12 * central + c.k21 * peripheral + c.infusionRateMgPerH
    dydt[Slot.peripheral] = c.k12 * central - c.k21 * peripheral
    dydt[Slot.metabolite] = c.fractionMetabolized * eliminated - c.km * y[Slot.metabolite]
    dydt[Slot.parentAUC] = central * c.inverseCentralVolume
    dydt[Slot.metaboliteAUC] = y[Slot.metabolite] * c.inverseMetaboliteVolume
    return Int32(GSL_SUCCESS)
}

/// Analytic Jacobian (row-major ∂f_i/∂y_j) for the implicit steppers (msbdf, rk4imp).
private func pkODEJacobian(
    _ t: Double, _ y: UnsafePointer<Double>?, _ dfdy: UnsafeMutablePointer<Double>?, _ dfdt: UnsafeMutablePointer<Double>?,
    _ params: UnsafeMutableRawPointer?
) -> Int32 {
    guard let y, let dfdy, let dfdt, let params else { return Int32(GSL_EBADFUNC) }
    let c = params.assumingMemoryBound(to: PKODEContext.self).pointee
    let n = Slot.dimension
    for i in 0..<(n * n) { dfdy[i] = 0 }
    for i in 0..<n { dfdt[i] = 0 }
    let gut = max(y[Slot.gut], 0)
    let absorptionSlope = c.isAbsorptionSaturable
        ? c.absorptionVmax * c.absorptionKm / ((c.absorptionKm + gut) * (c.absorptionKm + gut))
        : c.ka
    let concentration = max(y[Slot.central], 0) * c.inverseCentralVolume
    let saturableSlope = c.eliminationVmax > 0
        ? c.eliminationVmax * c.eliminationKm / ((c.eliminationKm + concentration) * (c.eliminationKm + concentration)) * c.inverseCentralVolume
        : 0
    func set(_ row: Int, _ column: Int, _ value: Double) { dfdy[row * n + column] = value }
    set(Slot.gut, Slot.gut, -absorptionSlope)
    set(Slot.central, Slot.gut, absorptionSlope)
    set(Slot.central, Slot.central, -c.k10 - saturableSlope - c.k12)
    set(Slot.central, Slot.peripheral, c.k21)
    set(Slot.peripheral, Slot.central, c.k12)
    set(Slot.peripheral, Slot.peripheral, -c.k21)
    set(Slot.metabolite, Slot.central, c.fractionMetabolized * (c.k10 + saturableSlope))
    set(Slot.metabolite, Slot.metabolite, -c.km)
    set(Slot.parentAUC, Slot.central, c.inverseCentralVolume)
    set(Slot.metaboliteAUC, Slot.metabolite, c.inverseMetaboliteVolume)
    return Int32(GSL_SUCCESS)
}

/// Owns one `gsl_odeiv2` driver for a `PKODESystem` and simulates dosing schedules with it.
///
/// Not `Sendable`: the driver is mutable C state. Make one solver per thread. Every GSL status
/// other than success becomes `PKError.odeFailure(status:)`; GSL's aborting error handler is
/// turned off once per process before the first driver is made.
public final class PKODESolver {
    /// The GSL stepper.
    public enum Method: Sendable, Hashable {
        /// Explicit embedded Runge–Kutta Prince–Dormand (8, 9): the accurate default.
        case rk8pd
        /// Explicit Runge–Kutta–Fehlberg (4, 5).
        case rkf45
        /// Implicit Gaussian 4th order, with the analytic Jacobian.
        case rk4imp
        /// Variable-order BDF with the analytic Jacobian: for stiff models.
        case msbdf
    }

    /// The model being solved.
    public let system: PKODESystem
    private let context: UnsafeMutablePointer<PKODEContext>
    private let odeSystem: UnsafeMutablePointer<gsl_odeiv2_system>
    private let driver: UnsafeMutablePointer<gsl_odeiv2_driver>
    private let y: UnsafeMutablePointer<Double>
    private let initialStepH: Double

    /// GSL's default handler aborts the process on any error; turn it off exactly once.
    private static let errorHandlerOff: Void = {
        _ = gsl_set_error_handler_off()
    }()

    /// Creates a solver (calls `gsl_odeiv2_driver_alloc_y_new`). Tolerances follow GSL's
    /// control: per step, error ≤ absoluteTolerance + relativeTolerance·|y| (mg).
    /// `maximumStepsPerPiece` bounds the steps between two events (`gsl_odeiv2_driver_set_nmax`),
    /// so an impossible tolerance fails with `GSL_EMAXITER` instead of running forever.
    public init(
        system: PKODESystem,
        method: Method = .rk8pd,
        absoluteTolerance: Double = 1e-10,
        relativeTolerance: Double = 1e-10,
        initialStepH: Double = 1e-3,
        maximumStepsPerPiece: Int = 1_000_000
    ) throws(PKError) {
        let problems = system.validate()
        guard problems.isEmpty else { throw .invalidParameters(problems) }
        _ = Self.errorHandlerOff
        self.system = system
        self.initialStepH = initialStepH
        context = .allocate(capacity: 1)
        context.initialize(to: PKODEContext(system))
        // The driver keeps this pointer, so the system lives on the heap for the solver's life.
        odeSystem = .allocate(capacity: 1)
        odeSystem.initialize(to: gsl_odeiv2_system(
            function: pkODERightHandSide, jacobian: pkODEJacobian,
            dimension: Slot.dimension, params: UnsafeMutableRawPointer(context)
        ))
        y = .allocate(capacity: Slot.dimension)
        y.initialize(repeating: 0, count: Slot.dimension)
        let stepper: UnsafePointer<gsl_odeiv2_step_type>
        switch method {
        case .rk8pd: stepper = cgsl_step_rk8pd()
        case .rkf45: stepper = cgsl_step_rkf45()
        case .rk4imp: stepper = cgsl_step_rk4imp()
        case .msbdf: stepper = cgsl_step_msbdf()
        }
        guard let driver = gsl_odeiv2_driver_alloc_y_new(odeSystem, stepper, initialStepH, absoluteTolerance, relativeTolerance) else {
            y.deallocate()
            odeSystem.deallocate()
            context.deinitialize(count: 1)
            context.deallocate()
            throw .odeFailure(status: Int32(GSL_ENOMEM))
        }
        self.driver = driver
        gsl_odeiv2_driver_set_nmax(driver, UInt(max(1, maximumStepsPerPiece)))
    }

    deinit {
        gsl_odeiv2_driver_free(driver)
        y.deallocate()
        odeSystem.deallocate()
        context.deinitialize(count: 1)
        context.deallocate()
    }

    /// Compartment amounts (mg) of the current solution.
    public var state: LinearPKState {
        get {
            LinearPKState(gutMg: y[Slot.gut], centralMg: y[Slot.central], peripheralMg: y[Slot.peripheral], metaboliteMg: y[Slot.metabolite])
        }
        set {
            y[Slot.gut] = newValue.gutMg
            y[Slot.central] = newValue.centralMg
            y[Slot.peripheral] = newValue.peripheralMg
            y[Slot.metabolite] = newValue.metaboliteMg
        }
    }

    /// Concentration (mg/L) of `analyte` in the current solution.
    func concentration(_ analyte: PKAnalyte) -> Double {
        analyte == .parent
            ? y[Slot.central] * context.pointee.inverseCentralVolume
            : y[Slot.metabolite] * context.pointee.inverseMetaboliteVolume
    }

    /// Integrates from `t` to `t1` with the current infusion rate (calls
    /// `gsl_odeiv2_driver_apply`); the caller resets the driver at discontinuities.
    private func integrate(from t: Double, to t1: Double) throws(PKError) {
        guard t1 > t else { return }
        var time = t
        let status = gsl_odeiv2_driver_apply(driver, &time, t1, y)
        if status != GSL_SUCCESS { throw .odeFailure(status: status) }
    }

    /// Starts a new smooth piece: sets the infusion rate and resets the stepper's history
    /// (`gsl_odeiv2_driver_reset_hstart`), since a dose is a discontinuity.
    private func startPiece(infusionRateMgPerH rate: Double) throws(PKError) {
        context.pointee.infusionRateMgPerH = rate
        let status = gsl_odeiv2_driver_reset_hstart(driver, initialStepH)
        if status != GSL_SUCCESS { throw .odeFailure(status: status) }
    }

    private func impulseTimeH(of dose: DoseEvent) -> Double? {
        switch dose.route {
        case .oral: dose.timeH + system.linear.lagTimeH
        case .ivBolus: dose.timeH
        case .infusion: nil
        }
    }

    private func applyImpulse(of dose: DoseEvent) {
        switch dose.route {
        case .oral: y[Slot.gut] += system.linear.bioavailability * dose.amountMg
        case .ivBolus: y[Slot.central] += dose.amountMg
        case .infusion: break
        }
    }

    private func validate(doses: [DoseEvent], analyte: PKAnalyte) throws(PKError) {
        if analyte == .metabolite && system.linear.metabolite == nil { throw .noMetabolite }
        for (index, dose) in doses.enumerated() {
            let problems = dose.problems(hasAbsorption: system.hasAbsorption)
            if !problems.isEmpty { throw .invalidDose(index: index, problems) }
        }
    }

    /// Applies the impulses at `current` and returns the infusion rate there and the next event
    /// time before `limit` (same event rules as `LinearPKModel.advance`).
    private func applyEvents(at current: Double, before limit: Double, doses: [DoseEvent]) -> (rate: Double, next: Double) {
        var rate = 0.0
        var next = limit
        for dose in doses {
            if let inputTime = impulseTimeH(of: dose) {
                if inputTime == current {
                    applyImpulse(of: dose)
                } else if inputTime > current && inputTime < next {
                    next = inputTime
                }
            } else if case .infusion(let durationH) = dose.route {
                let start = dose.timeH, stop = dose.timeH + durationH
                if start <= current && current < stop { rate += dose.amountMg / durationH }
                if start > current && start < next { next = start }
                if stop > current && stop < next { next = stop }
            }
        }
        return (rate, next)
    }

    /// Concentrations (mg/L) at `timesH` for `doses`, starting drug-naive before the first
    /// input; same conventions as `LinearPKModel.concentrations(at:doses:analyte:)`.
    public func concentrations(at timesH: [Double], doses: [DoseEvent], analyte: PKAnalyte = .parent) throws(PKError) -> [Double] {
        try validate(doses: doses, analyte: analyte)
        guard var current = timesH.min() else { return [] }
        for dose in doses { current = min(current, impulseTimeH(of: dose) ?? dose.timeH) }
        state = .empty
        var result = [Double](repeating: 0, count: timesH.count)
        for index in timesH.indices.sorted(by: { timesH[$0] < timesH[$1] }) {
            let t = timesH[index]
            while current < t {
                let (rate, next) = applyEvents(at: current, before: t, doses: doses)
                try startPiece(infusionRateMgPerH: rate)
                try integrate(from: current, to: next)
                current = next
            }
            let saved = state
            for dose in doses where impulseTimeH(of: dose) == t { applyImpulse(of: dose) }
            result[index] = concentration(analyte)
            state = saved
        }
        return result
    }

    /// A grid point that may hold the extreme, with what is needed to refine it: the solution
    /// at the bracket's left end and the piece's infusion rate.
    private struct Candidate {
        var value: Double
        var timeH: Double
        var leftH = 0.0, rightH = 0.0
        var leftState = LinearPKState.empty
        var rate = 0.0
    }

    /// Exposure of `analyte` over [t0, t1) from the solver's current `state` (amounts at t0
    /// before inputs at t0), leaving the state at t1; same conventions as
    /// `LinearPKModel.advance(_:fromH:toH:doses:analyte:)`.
    ///
    /// AUC is an extra ODE state (exact to tolerance). Cmax and Cmin are read on an output grid
    /// of `outputStepH` inside each between-event piece and refined by golden-section search
    /// between the grid neighbours of the best point (re-integrating from the left neighbour).
    public func advance(fromH t0: Double, toH t1: Double, doses: [DoseEvent], analyte: PKAnalyte = .parent, outputStepH: Double = 0.05) throws(PKError) -> DailyExposure {
        try validate(doses: doses, analyte: analyte)
        guard t0.isFinite, t1.isFinite, t1 > t0 else {
            throw .invalidSchedule("exposure interval must have t1 > t0 (found [\(t0), \(t1)))")
        }
        guard outputStepH > 0 else { throw .invalidSchedule("output step must be > 0 h") }
        y[Slot.parentAUC] = 0
        y[Slot.metaboliteAUC] = 0
        var best = Candidate(value: -.infinity, timeH: t0)
        var worst = Candidate(value: .infinity, timeH: t0)
        var current = t0
        while current < t1 {
            let (rate, next) = applyEvents(at: current, before: t1, doses: doses)
            try startPiece(infusionRateMgPerH: rate)
            var left = (timeH: current, state: state)
            var time = current
            var step = 0
            while true {
                let c = concentration(analyte)
                let right = min(time + outputStepH, next)
                if c > best.value {
                    best = Candidate(value: c, timeH: time, leftH: left.timeH, rightH: right, leftState: left.state, rate: rate)
                }
                if c < worst.value {
                    worst = Candidate(value: c, timeH: time, leftH: left.timeH, rightH: right, leftState: left.state, rate: rate)
                }
                if time >= next { break }
                left = (time, state)
                step += 1
                let target = min(current + Double(step) * outputStepH, next)
                try integrate(from: time, to: target)
                time = target
            }
            current = next
        }
        let auc = y[analyte == .parent ? Slot.parentAUC : Slot.metaboliteAUC]
        let finalValues = (0..<Slot.dimension).map { y[$0] }
        let refinedMax = try refine(best, analyte: analyte, sign: 1)
        let refinedMin = try refine(worst, analyte: analyte, sign: -1)
        for i in 0..<Slot.dimension { y[i] = finalValues[i] }
        return DailyExposure(
            aucMgHPerL: auc, cavgMgPerL: auc / (t1 - t0),
            cmaxMgPerL: refinedMax.value, tmaxH: refinedMax.timeH - t0,
            cminMgPerL: refinedMin.value
        )
    }

    /// Golden-section search for the extreme (`sign` 1: max, −1: min) of C on the candidate's
    /// bracket, each evaluation integrating afresh from the bracket's left end.
    private func refine(_ candidate: Candidate, analyte: PKAnalyte, sign: Double) throws(PKError) -> (value: Double, timeH: Double) {
        guard candidate.rightH > candidate.leftH else { return (candidate.value, candidate.timeH) }
        func value(at t: Double) throws(PKError) -> Double {
            state = candidate.leftState
            try startPiece(infusionRateMgPerH: candidate.rate)
            try integrate(from: candidate.leftH, to: t)
            return sign * concentration(analyte)
        }
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = candidate.leftH, b = candidate.rightH
        var x1 = b - ratio * (b - a), x2 = a + ratio * (b - a)
        var f1 = try value(at: x1), f2 = try value(at: x2)
        while b - a > 1e-9 * max(1, abs(b)) {
            if f1 > f2 {
                b = x2; x2 = x1; f2 = f1
                x1 = b - ratio * (b - a)
                f1 = try value(at: x1)
            } else {
                a = x1; x1 = x2; f1 = f2
                x2 = a + ratio * (b - a)
                f2 = try value(at: x2)
            }
        }
        let (t, f) = f1 > f2 ? (x1, f1) : (x2, f2)
        return f > sign * candidate.value ? (sign * f, t) : (candidate.value, candidate.timeH)
    }
}
