import Foundation
import Testing
@testable import Baclosim

/// The closed forms against GSL's rk8pd at eps 1e-10 (an independent numerical oracle), over
/// multi-dose regimens with overlapping inputs.
@Suite("Linear PK closed form vs ODE")
struct LinearPKModelTests {
    static let oneCompartmentIV = LinearPKParameters(clearanceLPerH: 5, centralVolumeL: 50)
    static let oneCompartmentOral = LinearPKParameters(
        clearanceLPerH: 11.6, centralVolumeL: 72.8, absorptionRatePerH: 1.64, bioavailability: 0.74, lagTimeH: 0.5)
    static let twoCompartmentOral = LinearPKParameters(
        clearanceLPerH: 10.8, centralVolumeL: 28.8, interCompartmentalClearanceLPerH: 15, peripheralVolumeL: 30,
        absorptionRatePerH: 1.0)
    static let twoCompartmentIV = LinearPKParameters(
        clearanceLPerH: 10.8, centralVolumeL: 28.8, interCompartmentalClearanceLPerH: 15, peripheralVolumeL: 30)
    static let oralWithMetabolite = LinearPKParameters(
        clearanceLPerH: 5, centralVolumeL: 100, absorptionRatePerH: 1,
        metabolite: MetaboliteParameters(fractionMetabolized: 0.6, clearanceLPerH: 2, volumeL: 50))
    static let twoCompartmentWithMetabolite = LinearPKParameters(
        clearanceLPerH: 10.8, centralVolumeL: 28.8, interCompartmentalClearanceLPerH: 15, peripheralVolumeL: 30,
        absorptionRatePerH: 0.8, lagTimeH: 0.25,
        metabolite: MetaboliteParameters(fractionMetabolized: 0.3, clearanceLPerH: 1.5, volumeL: 40))

    static let boluses = [0.0, 12, 24, 30, 36].map { DoseEvent(timeH: $0, amountMg: $0 == 30 ? 50 : 100, route: .ivBolus) }
    static let orals = dailyOralDoses(amountMg: 10, clockTimesH: [8, 14, 20], days: 2)
    static let infusions = [
        DoseEvent(timeH: 0, amountMg: 100, route: .infusion(durationH: 2)),
        DoseEvent(timeH: 12, amountMg: 100, route: .infusion(durationH: 3)),
        DoseEvent(timeH: 13, amountMg: 40, route: .infusion(durationH: 1)),   // overlaps the one before
        DoseEvent(timeH: 24, amountMg: 60, route: .ivBolus),
        DoseEvent(timeH: 30, amountMg: 100, route: .infusion(durationH: 8)),
    ]

    func compareWithODE(_ parameters: LinearPKParameters, doses: [DoseEvent], analyte: PKAnalyte = .parent) throws {
        let model = try LinearPKModel(parameters)
        let solver = try PKODESolver(system: PKODESystem(linear: parameters), method: .rk8pd, absoluteTolerance: 1e-10, relativeTolerance: 1e-10)
        let times = grid(from: 0, to: 60, step: 0.25)
        let exact = try model.concentrations(at: times, doses: doses, analyte: analyte)
        let numeric = try solver.concentrations(at: times, doses: doses, analyte: analyte)
        #expect(exact.contains { $0 > 0 })
        #expect(maxRelativeDifference(exact, numeric) < 1e-6)

        // Exposure over the second day, from the state each reaches at 24 h.
        var state = LinearPKState.empty
        _ = try model.advance(&state, fromH: 0, toH: 24, doses: doses, analyte: analyte)
        let exactDay = try model.advance(&state, fromH: 24, toH: 48, doses: doses, analyte: analyte)
        solver.state = .empty
        _ = try solver.advance(fromH: 0, toH: 24, doses: doses, analyte: analyte)
        let numericDay = try solver.advance(fromH: 24, toH: 48, doses: doses, analyte: analyte)
        #expect(isClose(exactDay.aucMgHPerL, numericDay.aucMgHPerL, relative: 1e-6))
        #expect(isClose(exactDay.cmaxMgPerL, numericDay.cmaxMgPerL, relative: 1e-6))
        #expect(isClose(exactDay.cminMgPerL, numericDay.cminMgPerL, relative: 1e-6))
        #expect(abs(exactDay.tmaxH - numericDay.tmaxH) < 1e-3)
        #expect(isClose(state.centralMg, solver.state.centralMg, relative: 1e-6))
    }

    @Test func closedFormMatchesODEForOneCompartmentIVBolus() throws {
        try compareWithODE(Self.oneCompartmentIV, doses: Self.boluses)
    }

    @Test func closedFormMatchesODEForOneCompartmentOralWithLagAndBioavailability() throws {
        try compareWithODE(Self.oneCompartmentOral, doses: Self.orals)
    }

    @Test func closedFormMatchesODEForOneCompartmentInfusion() throws {
        try compareWithODE(Self.oneCompartmentIV, doses: Self.infusions)
    }

    @Test func closedFormMatchesODEForTwoCompartmentOral() throws {
        try compareWithODE(Self.twoCompartmentOral, doses: Self.orals)
    }

    @Test func closedFormMatchesODEForTwoCompartmentInfusion() throws {
        try compareWithODE(Self.twoCompartmentIV, doses: Self.infusions)
    }

    @Test func closedFormMatchesODEForOneCompartmentOralWithMetabolite() throws {
        let doses = dailyOralDoses(amountMg: 100, clockTimesH: [8, 20], days: 2)
        try compareWithODE(Self.oralWithMetabolite, doses: doses, analyte: .parent)
        try compareWithODE(Self.oralWithMetabolite, doses: doses, analyte: .metabolite)
    }

    @Test func closedFormMatchesODEForTwoCompartmentWithMetaboliteAndMixedRoutes() throws {
        let doses = Self.orals + Self.infusions
        try compareWithODE(Self.twoCompartmentWithMetabolite, doses: doses, analyte: .parent)
        try compareWithODE(Self.twoCompartmentWithMetabolite, doses: doses, analyte: .metabolite)
    }

    @Test func singleOralDoseMatchesTheBatemanFunction() throws {
        // C(t) = F·D/V · KA/(KA − k) · (e^{−k(t−TLAG)} − e^{−KA(t−TLAG)}), Tmax = TLAG + ln(KA/k)/(KA − k).
        let p = Self.oneCompartmentOral
        let model = try LinearPKModel(p)
        let k = p.clearanceLPerH / p.centralVolumeL, ka = 1.64, dose = 20.0
        let times = grid(from: 0, to: 30, step: 0.5)
        let values = try model.concentrations(at: times, doses: [DoseEvent(timeH: 0, amountMg: dose)])
        for (t, c) in zip(times, values) {
            let s = max(0, t - p.lagTimeH)
            let expected = 0.74 * dose / 72.8 * ka / (ka - k) * (exp(-k * s) - exp(-ka * s))
            #expect(isClose(c, expected, relative: 1e-13, absolute: 1e-16))
        }
        var state = LinearPKState.empty
        let exposure = try model.advance(&state, fromH: 0, toH: 24, doses: [DoseEvent(timeH: 0, amountMg: dose)])
        let tmax = p.lagTimeH + log(ka / k) / (ka - k)
        #expect(abs(exposure.tmaxH - tmax) < 1e-12)
        let cmax = 0.74 * dose / 72.8 * ka / (ka - k) * (exp(-k * (tmax - 0.5)) - exp(-ka * (tmax - 0.5)))
        #expect(isClose(exposure.cmaxMgPerL, cmax, relative: 1e-13))
        // ∫ of the Bateman function over the 23.5 h after the lag.
        let s = 24 - p.lagTimeH
        let auc = 0.74 * dose / 72.8 * ka / (ka - k) * ((1 - exp(-k * s)) / k - (1 - exp(-ka * s)) / ka)
        #expect(isClose(exposure.aucMgHPerL, auc, relative: 1e-13))
    }

    @Test func exposureIntervalsAreHalfOpen() throws {
        // A bolus at t0 counts in [t0, t1); one at t1 does not (its pre-dose limit does).
        let model = try LinearPKModel(Self.oneCompartmentIV)
        var state = LinearPKState.empty
        let doses = [DoseEvent(timeH: 0, amountMg: 100, route: .ivBolus), DoseEvent(timeH: 24, amountMg: 100, route: .ivBolus)]
        let day = try model.advance(&state, fromH: 0, toH: 24, doses: doses)
        #expect(day.cmaxMgPerL == 2)
        #expect(day.tmaxH == 0)
        #expect(isClose(day.cminMgPerL, 2 * exp(-0.1 * 24), relative: 1e-14))
        #expect(isClose(state.centralMg, 100 * exp(-0.1 * 24), relative: 1e-14))
        #expect(isClose(day.aucMgHPerL, 2 / 0.1 * (1 - exp(-2.4)), relative: 1e-14))
    }
}
