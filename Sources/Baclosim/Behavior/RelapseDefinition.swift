/// k heavy drinking days within any w consecutive days of the window.
struct HeavyDaysCriterion: Sendable, Equatable {
    /// k ≥ 1.
    var count: Int
    /// w in 1…64 (a 64-bit ring of the last w days).
    var windowDays: Int
    /// Heavy day threshold (sex-specific).
    var threshold: HeavyDrinkingThreshold
}

/// At least `drinksAtLeast` drinks in each of `consecutiveWeeks` consecutive weeks.
///
/// Weeks are counted from the endpoint window's first day (calendar weeks from day 0 when the
/// window starts at day 0): week k = days first + 7k … first + 7k + 6. A week is judged on its
/// last day; a final partial week (window not a multiple of 7 days) is judged on the window's last
/// day with the drinks it has.
struct WeeklyDrinksCriterion: Sendable, Equatable {
    /// Drinks in a week that make it qualify (Addolorato 2007: 14).
    var drinksAtLeast: Int
    /// Consecutive qualifying weeks needed (Addolorato 2007: 4).
    var consecutiveWeeks: Int
}

/// A configurable relapse definition: relapse occurs on the first day any of the given
/// criteria is met.
struct RelapseDefinition: Sendable, Equatable {
    /// A day with more than this many drinks (any sex).
    var singleDayDrinksAbove: Int?
    /// k heavy days within w days.
    var heavyDays: HeavyDaysCriterion?
    /// Sustained weekly drinking.
    var weeklyDrinks: WeeklyDrinksCriterion?

    /// Addolorato et al. 2007 (Lancet 370:1915): "> 4 drinks/day or ≥ 14 drinks/week for
    /// ≥ 4 weeks" — read as: any day with > 4 drinks, or ≥ 14 drinks in each of 4 consecutive
    /// weeks (relapse on the last day of the 4th week).
    static let addolorato2007 = RelapseDefinition(
        singleDayDrinksAbove: 4,
        weeklyDrinks: WeeklyDrinksCriterion(drinksAtLeast: 14, consecutiveWeeks: 4))

    /// The first heavy drinking day (≥ 5 drinks men, ≥ 4 women by default).
    static func firstHeavyDay(_ threshold: HeavyDrinkingThreshold = .niaaa) -> RelapseDefinition {
        RelapseDefinition(heavyDays: HeavyDaysCriterion(count: 1, windowDays: 1, threshold: threshold))
    }
}
