import Foundation

/// One subject's position in the drinking process (per arm; a few words of state).
struct DrinkingState: Sendable, Equatable {
    /// Index of the current state.
    var current: Int
    /// Days spent in the current state before today (0 on the first day in it).
    var daysInState: Int
    /// The subject has had at least one drinking day before today.
    var hasDrunk: Bool
    /// The most recent drinking day, or nil (feeds craving priming).
    var lastDrinkingDay: Int?
}

/// Today's dynamic inputs to the drinking process.
struct DrinkingDayContext: Sendable, Equatable {
    /// Study day d (0-based).
    var day: Int
    /// Latent craving x_d.
    var craving: Double
    /// Drug effect E_d in [0, 1].
    var effect: Double = 0
    /// The arm's treatment hazard ratio today (1 = none); applied to hazards that opt in.
    var treatmentHazardRatio: Double = 1
    /// An intolerable side effect is present today (raises e.g. dropout).
    var sideEffect: Bool = false
}

/// The uniforms one subject-day consumes, each in (0, 1) and from the subject's own stream
/// (purpose, day, slot), the same in every arm. All three are drawn whether or not used, so the
/// stream layout never depends on the state.
struct DrinkingDayDraws: Sendable, Equatable {
    /// Decides the drinking day: drinks iff `u < 1 − e^{−h}`.
    let drinking: Double
    /// Drink count by inversion.
    var amount: Double
    /// Decides hazard-driven transitions.
    var transition: Double
    /// `−ln(1 − drinking)`, the day's unit exponential: `u < 1 − e^{−h}` iff `E < h`, so the
    /// decision needs no transcendental function per arm (the draws are shared by all arms).
    let drinkingExponential: Double

    init(drinking: Double, amount: Double, transition: Double) {
        self.drinking = drinking
        self.amount = amount
        self.transition = transition
        drinkingExponential = -log1p(-drinking)
    }
}

/// What happened on one subject-day.
struct DrinkingDayOutcome: Sendable, Equatable {
    /// A drinking day.
    var drank: Bool
    /// Standard drinks (0 when not drinking).
    var drinks: Int
    /// Heavy by the model's threshold and the subject's sex.
    var heavy: Bool
    /// Grams of ethanol (drinks × standard drink size).
    var grams: Double
    /// State during the day.
    var fromState: Int
    /// State from tomorrow.
    var toState: Int
}
