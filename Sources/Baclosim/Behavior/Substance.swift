/// What the multi-state use process counts. The process is substance-neutral — a "drinking
/// day" is a use day, a drinking hazard is a use hazard — but reports and validation read it
/// differently: for alcohol a use day carries an amount in standard drinks and grams (WHO risk
/// levels, heavy days); for an illicit drug only the use day itself is meaningful (illicit
/// opioid use under opioid agonist treatment, cocaine use), the outcome trials report as the
/// share of use-free days or of negative urine tests, and retention in treatment.
enum Substance: String, Sendable, Equatable, CaseIterable {
    /// Alcohol (the default; every alcohol scenario and RM-1).
    case alcohol
    /// Illicit opioids (heroin, non-prescribed opioids) in opioid use disorder.
    case opioids
    /// Cocaine in cocaine use disorder.
    case cocaine

    /// Whether a use day carries an amount (drinks, grams, heavy days, WHO risk levels).
    var hasAmounts: Bool { self == .alcohol }

    /// Name of the daily series "share of subjects with no use today": `abstinent_share` for
    /// alcohol (unchanged, so alcohol outputs keep their bytes), `use_free_share` otherwise.
    var useFreeSeriesName: String { self == .alcohol ? "abstinent_share" : "use_free_share" }
}
