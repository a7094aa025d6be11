/// Cockcroft–Gault estimate of creatinine clearance (Cockcroft & Gault, Nephron 16:31, 1976).
enum CockcroftGault {
    /// `CrCl = (140 − age)·weight / (72·SCr)`, × 0.85 for women.
    /// - Parameters:
    ///   - ageYears: age in years.
    ///   - weightKg: actual body weight in kg.
    ///   - serumCreatinineMgPerDL: serum creatinine in mg/dL (µmol/L ÷ 88.42).
    ///   - sex: women get the 0.85 factor.
    /// - Returns: creatinine clearance in mL/min (may be ≤ 0 past age 140; callers clamp).
    static func creatinineClearanceMLPerMin(ageYears: Double, weightKg: Double,
                                            serumCreatinineMgPerDL: Double, sex: Sex) -> Double {
        let male = (140 - ageYears) * weightKg / (72 * serumCreatinineMgPerDL)
        return sex == .female ? 0.85 * male : male
    }
}
