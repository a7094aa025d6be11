/// The WHO drinking-risk level the economics charges on a day: the level (``DrinkingRiskLevel``)
/// of the subject's mean grams of ethanol per day over a trailing window of simulated days.
///
/// Definition (Scenarios/README.md "Drinking-risk level of the economics"):
/// - the window on day `d` holds days `max(0, d − W + 1) … d`, `W` = `windowDays`
///   (`economics.risk_level_window_days`, default 28): today included, days before day 0
///   (pre-treatment drinking) not counted, so on day `d < W − 1` the mean is over `d + 1` days;
/// - a day without drinking counts 0 g; the mean is (standard drinks in the window ×
///   grams per standard drink) / days in the window;
/// - "abstinent" is a window with no drink in it: after any drink, `W` drink-free days.
///
/// Why 28 days: WHO levels are defined on average daily consumption, not on one day's
/// (WHO 2000, International Guide for Monitoring Alcohol Consumption and Related Harm), and the
/// nalmefene trials (ESENSE 1 and 2) and the NICE TA325 model built on them (Laramée et al. 2014,
/// BMJ Open 4:e005376) classify patients by mean daily consumption over 4-week periods.
///
/// Drinks are whole numbers, so the window keeps exact counts: the sum is a sum of integers
/// held in `Double` (exact below 2⁵³) and "abstinent" is an exact zero, with no drift from
/// adding and subtracting over thousands of days.
struct RiskLevelWindow {
    /// 28 days: the 4-week periods of the nalmefene trials and NICE TA325 (see above).
    static let defaultWindowDays = 28
    /// At most one year: the ring holds one slot per day of the window for every arm.
    static let maximumWindowDays = 366

    /// Window length W (days, ≥ 1).
    let windowDays: Int
    /// Grams of ethanol per standard drink.
    let standardDrinkGrams: Double

    /// Records day `day`'s drinks in the subject's ring (`windowDays` slots, zero on day 0) and
    /// running sum, and returns the day's level.
    ///
    /// - Parameters:
    ///   - drinks: standard drinks today (0 on a day without drinking).
    ///   - day: days since the start of the run (0-based); called once per day lived, in order.
    ///   - ring: the subject's last `windowDays` daily drink counts, by `day % windowDays`.
    ///   - drinksInWindow: their sum, updated in place.
    @inline(__always)
    func record(drinks: Int, day: Int, sex: Sex, ring: UnsafeMutablePointer<Double>,
                drinksInWindow: inout Double) -> DrinkingRiskLevel {
        let slot = day % windowDays
        let today = Double(drinks)
        drinksInWindow += today - ring[slot]
        ring[slot] = today
        return level(drinksInWindow: drinksInWindow, daysInWindow: min(day + 1, windowDays), sex: sex)
    }

    /// The level of `drinksInWindow` standard drinks over `daysInWindow` days (≥ 1).
    @inline(__always)
    func level(drinksInWindow: Double, daysInWindow: Int, sex: Sex) -> DrinkingRiskLevel {
        if drinksInWindow <= 0 { return .abstinent }
        return DrinkingRiskLevel.classify(gramsPerDay: drinksInWindow * standardDrinkGrams / Double(daysInWindow), sex: sex)
    }
}
