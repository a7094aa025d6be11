import Foundation
import Testing
@testable import Baclosim

@Suite("Steady state")
struct SteadyStateTests {
    static let textbook = LinearPKParameters(clearanceLPerH: 5, centralVolumeL: 100, absorptionRatePerH: 1)

    /// Superposition oracle, independent of the model code: C_ss(t) = Σₙ Bateman(t + nτ).
    func superposedTrough(dose: Double, tau: Double, cl: Double, v: Double, ka: Double, doses: Int) -> Double {
        let k = cl / v
        return (0..<doses).reduce(0) { sum, n in
            let t = tau * Double(n + 1)
            return sum + dose / v * ka / (ka - k) * (exp(-k * t) - exp(-ka * t))
        }
    }

    @Test func oneCompartmentOralSteadyStateMatchesPublishedValues() throws {
        // 100 mg q12h, CL 5 L/h, V 100 L, KA 1/h: trough 1.2803822, Cmax 1.9740511 at 2.31565 h,
        // Cavg = D/(CL·τ) = 1.6666667 mg/L.
        let model = try LinearPKModel(Self.textbook)
        let ss = try model.steadyState(doseMg: 100, intervalH: 12)
        #expect(abs(ss.troughMgPerL - 1.2803822) < 1e-6)
        #expect(abs(ss.cminMgPerL - 1.2803822) < 1e-6)
        #expect(abs(ss.cmaxMgPerL - 1.9740511) < 1e-6)
        #expect(abs(ss.tmaxAfterDoseH - 2.31565) < 1e-5)
        #expect(isClose(ss.cavgMgPerL, 100 / (5 * 12), relative: 1e-13))
        #expect(isClose(ss.troughMgPerL, superposedTrough(dose: 100, tau: 12, cl: 5, v: 100, ka: 1, doses: 2000), relative: 1e-13))
    }

    @Test func closedFormSteadyStateMatchesOneHundredDoseSimulation() throws {
        let cases: [(LinearPKParameters, DoseRoute)] = [
            (Self.textbook, .oral),
            (LinearPKParameters(clearanceLPerH: 5, centralVolumeL: 100, absorptionRatePerH: 1, bioavailability: 0.8, lagTimeH: 0.75), .oral),
            (LinearPKParameters(clearanceLPerH: 5, centralVolumeL: 100, absorptionRatePerH: 0.05), .oral),   // KA = k
            (LinearPKModelTests.twoCompartmentOral, .oral),
            (LinearPKModelTests.twoCompartmentWithMetabolite, .oral),
            (LinearPKModelTests.twoCompartmentIV, .ivBolus),
            (LinearPKModelTests.twoCompartmentIV, .infusion(durationH: 2)),
        ]
        for (parameters, route) in cases {
            let model = try LinearPKModel(parameters)
            let tau = 12.0
            let doses = (0..<100).map { DoseEvent(timeH: tau * Double($0), amountMg: 100, route: route) }
            var state = LinearPKState.empty
            _ = try model.advance(&state, fromH: 0, toH: 99 * tau, doses: doses)
            let preDose = state
            let last = try model.advance(&state, fromH: 99 * tau, toH: 100 * tau, doses: doses)
            let ss = try model.steadyState(doseMg: 100, intervalH: tau, route: route)
            #expect(isClose(ss.preDoseState.centralMg, preDose.centralMg, relative: 1e-10), "\(parameters) \(route)")
            #expect(isClose(ss.preDoseState.gutMg, preDose.gutMg, relative: 1e-10, absolute: 1e-12))
            #expect(isClose(ss.cmaxMgPerL, last.cmaxMgPerL, relative: 1e-10))
            #expect(abs(ss.tmaxAfterDoseH - last.tmaxH) < 1e-8)
            #expect(isClose(ss.cminMgPerL, last.cminMgPerL, relative: 1e-10))
            #expect(isClose(ss.aucTauMgHPerL, last.aucMgHPerL, relative: 1e-10))
            if case .oral = route {
                let f = parameters.bioavailability
                #expect(isClose(ss.cavgMgPerL, f * 100 / (parameters.clearanceLPerH * tau), relative: 1e-12))
            }
            if parameters.metabolite != nil {
                let metabolite = try model.steadyState(doseMg: 100, intervalH: tau, route: route, analyte: .metabolite)
                var again = preDose
                let reference = try model.advance(&again, fromH: 99 * tau, toH: 100 * tau, doses: doses, analyte: .metabolite)
                #expect(isClose(metabolite.cmaxMgPerL, reference.cmaxMgPerL, relative: 1e-10))
                #expect(isClose(metabolite.aucTauMgHPerL, reference.aucMgHPerL, relative: 1e-10))
                // Metabolite AUCτ at steady state = fm·F·D / CLm.
                let m = try #require(parameters.metabolite)
                #expect(isClose(metabolite.aucTauMgHPerL, m.fractionMetabolized * 100 / m.clearanceLPerH, relative: 1e-12))
            }
        }
    }

    @Test func lagLongerThanTheIntervalStillGivesThePeriodicState() throws {
        let parameters = LinearPKParameters(clearanceLPerH: 5, centralVolumeL: 100, absorptionRatePerH: 1, lagTimeH: 13)
        let model = try LinearPKModel(parameters)
        let ss = try model.steadyState(doseMg: 100, intervalH: 12)
        let noLag = try LinearPKModel(SteadyStateTests.textbook).steadyState(doseMg: 100, intervalH: 12)
        // A 13 h lag with τ = 12 h is the no-lag profile shifted by 1 h.
        #expect(isClose(ss.cmaxMgPerL, noLag.cmaxMgPerL, relative: 1e-12))
        #expect(abs(ss.tmaxAfterDoseH - (noLag.tmaxAfterDoseH + 1)) < 1e-10)
        #expect(isClose(ss.cavgMgPerL, noLag.cavgMgPerL, relative: 1e-12))
    }
}
