/// Drinks on one day that make it a heavy drinking day, by sex.
struct HeavyDrinkingThreshold: Sendable, Equatable {
    /// A man's day is heavy at ≥ this many standard drinks.
    var menDrinks: Int
    /// A woman's day is heavy at ≥ this many standard drinks.
    var womenDrinks: Int

    /// NIAAA heavy drinking day: ≥ 5 drinks for men, ≥ 4 for women.
    static let niaaa = HeavyDrinkingThreshold(menDrinks: 5, womenDrinks: 4)

    /// The same threshold for both sexes (RM-1: ≥ 5).
    static func uniform(_ drinks: Int) -> HeavyDrinkingThreshold {
        HeavyDrinkingThreshold(menDrinks: drinks, womenDrinks: drinks)
    }

    /// True when `drinks` reaches the threshold for `sex`.
    @inline(__always)
    func isHeavy(drinks: Int, sex: Sex) -> Bool {
        drinks >= (sex == .male ? menDrinks : womenDrinks)
    }
}
