extension LinearPKParameters {
    /// The parent drug's linear parameters from individual values named in NONMEM style
    /// (`CL`, `V`, `Q`, `V2`, `KA`, `F`, `TLAG`; see ``PKParameterName/parent``), as
    /// ``IndividualParameterModel/evaluate(covariates:eta:into:)`` produces them.
    ///
    /// - Parameters:
    ///   - values: individual values, in the order of `names` (units as the names imply:
    ///     L/h, L, 1/h, fraction, h).
    ///   - twoCompartment: read `Q` and `V2`.
    ///   - firstOrderInput: oral-type input: read `KA`, `F` and `TLAG`. F above 1 (a random
    ///     effect on F can push it there) is held at 1.
    init(namedValues values: [Double], names: [String], twoCompartment: Bool, firstOrderInput: Bool) {
        func value(_ name: String) -> Double? { names.firstIndex(of: name).map { values[$0] } }
        self.init(clearanceLPerH: value("CL") ?? .nan, centralVolumeL: value("V") ?? .nan)
        if twoCompartment {
            interCompartmentalClearanceLPerH = value("Q")
            peripheralVolumeL = value("V2")
        }
        if firstOrderInput {
            absorptionRatePerH = value("KA")
            bioavailability = min(1, value("F") ?? 1)
            lagTimeH = value("TLAG") ?? 0
        }
    }
}
