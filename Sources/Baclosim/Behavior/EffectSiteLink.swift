import Foundation

/// Effect-compartment link `dCe/dt = ke0·(C(t) − Ce)` advanced once per day.
///
/// Approximation (documented): within day `d` the plasma concentration is replaced by its
/// daily mean `Cavg_d`. The update is then exact for that piecewise-constant input:
///   `Ce(end) = Cavg + (Ce(start) − Cavg)·e^{−24·ke0}`,
///   `mean Ce over the day = Cavg + (Ce(start) − Cavg)·(1 − e^{−24·ke0})/(24·ke0)`.
/// It ignores the within-day fluctuation of C; with ke0 ≪ 1/h the effect site averages it out
/// anyway, and over a steady state both sides have the same daily mean. An exact in-day Ce needs
/// the dose-by-dose PK solution (one more exponential in the superposition) and belongs in the
/// PK layer.
struct EffectSiteLink: Sendable, Equatable {
    /// Equilibration rate constant ke0, per hour.
    let ke0PerH: Double
    /// `e^{−24·ke0}`.
    let dayDecay: Double
    /// `1 − e^{−24·ke0}` (by `expm1`, accurate for small ke0).
    let dayGain: Double
    /// `(1 − e^{−24·ke0})/(24·ke0)`: weight of the starting value in the day's mean.
    let meanStartWeight: Double

    /// - Parameter ke0PerH: ke0 ≥ 0 per hour (0 = the effect site never moves).
    init(ke0PerH: Double) {
        precondition(ke0PerH >= 0, "ke0 must be non-negative")
        self.ke0PerH = ke0PerH
        let rate = 24 * ke0PerH
        dayDecay = exp(-rate)
        dayGain = -expm1(-rate)
        meanStartWeight = rate > 0 ? dayGain / rate : 1
    }

    /// Advances one day.
    /// - Parameters:
    ///   - start: Ce at the start of the day, mg/L.
    ///   - averageConcentration: the day's Cavg, mg/L.
    /// - Returns: Ce at the end of the day and the day's mean Ce (mg/L).
    func advance(from start: Double,
                 averageConcentration cavg: Double) -> (end: Double, mean: Double) {
        // Written as weighted sums so that ke0 = 0 keeps Ce exactly.
        (start * dayDecay + cavg * dayGain, start * meanStartWeight + cavg * (1 - meanStartWeight))
    }
}
