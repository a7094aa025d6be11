/// The length of a year used everywhere in the economics layer: 365.25 days (the Julian year).
///
/// Rates quoted per year (discount rates, utilities, mortality hazards, hospitalisation rates)
/// are converted to days with this one constant, so that 365.25 simulated days are exactly one
/// year of life, one year of QALY weight and one year of discounting. Behaviour uses the same
/// figure for ages (`HazardDefinition`: age at day d = age at day 0 + d/365.25).
enum YearLength {
    /// Days per year.
    static let days = 365.25
}
