/// A validated linear PK model with its per-subject constants precomputed.
///
/// State x = (gut G, central A1, peripheral A2, metabolite M), input R = infusion rate (mg/h):
///
///     G'  = −KA·G
///     A1' =  KA·G − (k10 + k12)·A1 + k21·A2 + R
///     A2' =  k12·A1 − k21·A2
///     M'  =  fm·k10·A1 − km·M
///
/// with k10 = CL/V1, k12 = Q/V1, k21 = Q/V2, km = CLm/Vm. The disposition rates of the central
/// block are α ≥ β > 0 (2-cmt) or k = k10 (1-cmt). Every transition is an exact closed form (see
/// `LinearPKTransition`); nothing here integrates numerically.
public struct LinearPKModel: Sendable {
    /// The parameters the model was built from.
    public let parameters: LinearPKParameters

    /// KA (1/h), 0 when the model has no gut depot.
    let absorptionRatePerH: Double
    let hasAbsorption: Bool
    let isTwoCompartment: Bool
    let hasMetabolite: Bool
    /// Micro rate constants (1/h); k12 = k21 = 0 for 1-cmt.
    let k10: Double, k12: Double, k21: Double
    /// Macro rate constants (1/h): α ≥ β; for 1-cmt α = k10 and β is unused (0).
    let alpha: Double, beta: Double
    /// k21 − β ≥ 0 and k10 + k12 − β ≥ 0 (2-cmt), computed without cancellation.
    let centralExcessRate: Double, peripheralExcessRate: Double
    /// Metabolite formation constant fm·k10 and elimination constant km (1/h).
    let formationRatePerH: Double, metaboliteRatePerH: Double
    /// Volumes (L) and their inverses (1/L).
    let centralVolumeL: Double, metaboliteVolumeL: Double
    let inverseCentralVolume: Double, inverseMetaboliteVolume: Double
    let bioavailability: Double
    let lagTimeH: Double

    /// Builds the model; throws `PKError.invalidParameters` listing every problem.
    public init(_ parameters: LinearPKParameters) throws(PKError) {
        let problems = parameters.validate()
        guard problems.isEmpty else { throw .invalidParameters(problems) }
        self.parameters = parameters
        hasAbsorption = parameters.absorptionRatePerH != nil
        absorptionRatePerH = parameters.absorptionRatePerH ?? 0
        bioavailability = parameters.bioavailability
        lagTimeH = parameters.lagTimeH
        centralVolumeL = parameters.centralVolumeL
        inverseCentralVolume = 1 / parameters.centralVolumeL
        k10 = parameters.clearanceLPerH / parameters.centralVolumeL

        if let q = parameters.interCompartmentalClearanceLPerH, let v2 = parameters.peripheralVolumeL {
            isTwoCompartment = true
            k12 = q / parameters.centralVolumeL
            k21 = q / v2
            // Roots of (λ − a)(λ − b) = k12·k21 with a = k10 + k12, b = k21. With
            // p = α − b = a − β and q = α − a = b − β (both ≥ 0), one of them is a sum and the
            // other is rewritten as 2·k12·k21/(disc ± d) so neither suffers cancellation.
            let a = k10 + k12, b = k21
            let d = a - b
            let disc = (d * d + 4 * k12 * k21).squareRoot()
            let p: Double, qq: Double
            if d >= 0 {
                p = (disc + d) / 2
                qq = disc + d > 0 ? 2 * k12 * k21 / (disc + d) : 0
            } else {
                qq = (disc - d) / 2
                p = 2 * k12 * k21 / (disc - d)
            }
            alpha = a + qq
            beta = k10 * k21 / alpha
            centralExcessRate = qq
            peripheralExcessRate = p
        } else {
            isTwoCompartment = false
            k12 = 0
            k21 = 0
            alpha = k10
            beta = 0
            centralExcessRate = 0
            peripheralExcessRate = 0
        }

        if let metabolite = parameters.metabolite {
            hasMetabolite = true
            formationRatePerH = metabolite.fractionMetabolized * k10
            metaboliteRatePerH = metabolite.clearanceLPerH / metabolite.volumeL
            metaboliteVolumeL = metabolite.volumeL
            inverseMetaboliteVolume = 1 / metabolite.volumeL
        } else {
            hasMetabolite = false
            formationRatePerH = 0
            metaboliteRatePerH = 0
            metaboliteVolumeL = 1
            inverseMetaboliteVolume = 0
        }
    }

    /// Concentration (mg/L) of `analyte` in `state`: A1/V1 for the parent, M/Vm for the metabolite.
    @inline(__always)
    public func concentration(of state: LinearPKState, analyte: PKAnalyte = .parent) -> Double {
        switch analyte {
        case .parent: state.centralMg * inverseCentralVolume
        case .metabolite: state.metaboliteMg * inverseMetaboliteVolume
        }
    }

    /// Terminal elimination half-life of the parent (h): ln 2 / β (2-cmt) or ln 2 / k (1-cmt).
    public var terminalHalfLifeH: Double {
        0.6931471805599453 / (isTwoCompartment ? beta : k10)
    }

    /// The time derivative `A·x + b·R` of the state (mg/h): used for stationary points, and as a
    /// direction vector (it need not be a physical state).
    @inline(__always)
    func derivative(of x: LinearPKState, infusionRateMgPerH rate: Double) -> LinearPKState {
        let absorption = absorptionRatePerH * x.gutMg
        return LinearPKState(
            gutMg: -absorption,
            centralMg: absorption - (k10 + k12) * x.centralMg + k21 * x.peripheralMg + rate,
            peripheralMg: k12 * x.centralMg - k21 * x.peripheralMg,
            metaboliteMg: formationRatePerH * x.centralMg - metaboliteRatePerH * x.metaboliteMg
        )
    }

    /// `(A + λI)·v`: removes the e^{−λt} mode from the response to v.
    @inline(__always)
    func shifted(_ v: LinearPKState, byRate lambda: Double) -> LinearPKState {
        let d = derivative(of: v, infusionRateMgPerH: 0)
        return LinearPKState(
            gutMg: d.gutMg + lambda * v.gutMg,
            centralMg: d.centralMg + lambda * v.centralMg,
            peripheralMg: d.peripheralMg + lambda * v.peripheralMg,
            metaboliteMg: d.metaboliteMg + lambda * v.metaboliteMg
        )
    }

    /// Throws when `analyte` is the metabolite and the model has none.
    func requireAnalyte(_ analyte: PKAnalyte) throws(PKError) {
        if analyte == .metabolite && !hasMetabolite { throw .noMetabolite }
    }
}
