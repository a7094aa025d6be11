/// Building the model an arm uses from the scenario's entry: the arm drug's part and the arm's
/// consequences (issue #5; `Scenario.sideEffectModel(arm:effect:)`).
extension SideEffectModel {
    /// This effect with `part` as its drug part (or none: background only), keeping the
    /// background rate, scenario susceptibility, resolution and consequences.
    public func replacingDrugPart(_ part: SideEffectDrugPart?) -> SideEffectModel {
        guard let part else {
            return SideEffectModel(name: name, driver: driver,
                                   onset: ConcentrationHazard(baselinePerDay: onset.baselinePerDay, maximumDrugHazardPerDay: 0,
                                                              ec50MgPerL: 1),
                                   susceptibility: susceptibility, tolerance: nil, resolution: resolution,
                                   consequences: consequences)
        }
        return SideEffectModel(name: name, driver: part.driver,
                               onset: ConcentrationHazard(baselinePerDay: onset.baselinePerDay,
                                                          maximumDrugHazardPerDay: part.maximumDrugHazardPerDay,
                                                          ec50MgPerL: part.ec50InDriverUnit, hillCoefficient: part.hillCoefficient),
                               susceptibility: susceptibility, drugSusceptibility: part.susceptibility,
                               tolerance: part.tolerance, resolution: resolution, consequences: consequences)
    }

    /// This effect with other consequences (an arm's `side_effect_consequences`).
    public func replacingConsequences(_ consequences: SideEffectConsequences) -> SideEffectModel {
        SideEffectModel(name: name, driver: driver, onset: onset, susceptibility: susceptibility,
                        drugSusceptibility: drugSusceptibility, tolerance: tolerance, resolution: resolution,
                        consequences: consequences)
    }

    /// The drug part this model carries, or `nil` when it has none (`Emax` = 0).
    public var drugPart: SideEffectDrugPart? {
        guard onset.maximumDrugHazardPerDay > 0 else { return nil }
        return SideEffectDrugPart(driver: driver, maximumDrugHazardPerDay: onset.maximumDrugHazardPerDay,
                                  ec50InDriverUnit: onset.ec50MgPerL, hillCoefficient: onset.hillCoefficient,
                                  tolerance: tolerance, susceptibility: drugSusceptibility)
    }
}
