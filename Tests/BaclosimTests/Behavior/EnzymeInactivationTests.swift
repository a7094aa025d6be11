import Foundation
import Testing
@testable import Baclosim

/// Irreversible enzyme inactivation with turnover (`EnzymeInactivation`): the daily update
/// against the closed forms of dI/dt = r(1 − I) − kdeg·I, and against a fine numerical
/// integration.
@Suite struct EnzymeInactivationTests {
    /// The vigabatrin scenario's values (ASSUMPTION there): kinact 0.1 /h, KI 50 mg/L,
    /// kdeg 0.0096 /h.
    static let model = EnzymeInactivation(kinactPerH: 0.1, kiMgPerL: 50, kdegPerH: 0.0096)

    @Test func constantConcentrationApproachesTheSteadyStateROverRPlusKdeg() {
        let c = 14.0
        let r = 0.1 * c / (50 + c)
        let steady = r / (r + 0.0096)
        #expect(abs(Self.model.steadyStateFraction(concentrationMgPerL: c) - steady) <= 1e-15)
        var fraction = 0.0
        for _ in 0..<60 { fraction = Self.model.advance(from: fraction, concentrationMgPerL: c).end }
        #expect(abs(fraction - steady) <= 1e-12)
        // At the steady state a step changes nothing, and the day's mean equals it too.
        let step = Self.model.advance(from: steady, concentrationMgPerL: c)
        #expect(abs(step.end - steady) <= 1e-15 && abs(step.mean - steady) <= 1e-15)
    }

    @Test func oneStepIsTheExactSolutionForConstantConcentration() {
        let c = 5.0, start = 0.2, hours = 24.0
        let r = 0.1 * c / (50 + c), k = r + 0.0096, steady = r / k
        let exact = steady + (start - steady) * exp(-k * hours)
        #expect(abs(Self.model.advance(from: start, concentrationMgPerL: c, hours: hours).end - exact) <= 1e-15)
        // Two half steps compose to one whole step (the update is a semigroup).
        let half = Self.model.advance(from: start, concentrationMgPerL: c, hours: 12).end
        #expect(abs(Self.model.advance(from: half, concentrationMgPerL: c, hours: 12).end - exact) <= 1e-14)
    }

    /// After the drug is gone the enzyme recovers as I(0)·e^{−kdeg·t}: the effect outlasts PK
    /// by days (half-life ln 2/kdeg ≈ 72 h here, against vigabatrin's 5-7 h plasma t½).
    @Test func withoutDrugTheFractionRecoversAsExpMinusKdegT() {
        var fraction = 0.7
        for day in 1...10 {
            fraction = Self.model.advance(from: fraction, concentrationMgPerL: 0).end
            let expected = 0.7 * exp(-0.0096 * 24 * Double(day))
            #expect(abs(fraction - expected) <= 1e-14 * max(1, expected))
        }
        #expect(abs(fraction / 0.7 - exp(-0.0096 * 240)) <= 1e-13)
    }

    /// The day's mean is the time average of the exact path (composite Simpson, 2 400 panels).
    @Test func theDayMeanIsTheAverageOfThePath() {
        let c = 30.0, start = 0.1
        let panels = 2_400, width = 24.0 / Double(panels)
        var sum = 0.0
        for i in 0...panels {
            let value = Self.model.advance(from: start, concentrationMgPerL: c, hours: Double(i) * width).end
            sum += value * (i == 0 || i == panels ? 1 : (i % 2 == 1 ? 4 : 2))
        }
        let simpson = sum * width / 3 / 24
        #expect(abs(Self.model.advance(from: start, concentrationMgPerL: c).mean - simpson) <= 1e-12)
    }

    /// A time-varying concentration (piecewise constant per hour): hourly exact steps agree
    /// with a fine fixed-step RK4 integration of the ODE to 1e-9.
    @Test func hourlyStepsAgreeWithAFineRungeKuttaIntegration() {
        func concentration(_ hour: Int) -> Double { hour % 12 < 2 ? 60 : 8 * exp(-0.1 * Double(hour % 12)) }
        var exact = 0.0
        var rk = 0.0
        let substeps = 200, h = 1.0 / Double(substeps)
        for hour in 0..<(24 * 7) {
            let c = concentration(hour)
            exact = Self.model.advance(from: exact, concentrationMgPerL: c, hours: 1).end
            let r = Self.model.inactivationRatePerH(concentrationMgPerL: c), k = Self.model.kdegPerH
            func f(_ i: Double) -> Double { r * (1 - i) - k * i }
            for _ in 0..<substeps {
                let k1 = f(rk), k2 = f(rk + h / 2 * k1), k3 = f(rk + h / 2 * k2), k4 = f(rk + h * k3)
                rk += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
            }
        }
        #expect(exact > 0.3 && abs(exact - rk) <= 1e-9)
    }

    @Test func invalidParametersAreReported() {
        #expect(Self.model.problems().isEmpty)
        let problems = EnzymeInactivation(kinactPerH: -1, kiMgPerL: 0, kdegPerH: 0).problems()
        #expect(problems.count == 3)
        #expect(problems.contains { $0.contains("kdeg_per_h") })
    }
}
