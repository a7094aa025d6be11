import Foundation
import Testing
@testable import Baclosim

/// KA equal (or nearly equal) to a disposition rate: the textbook formulas divide by KA − k;
/// the model must not, and must stay continuous through the coincidence.
@Suite("Coincident absorption and disposition rates")
struct CoincidentRatesTests {
    static let k = 5.0 / 100   // CL 5 L/h, V 100 L
    static let doses = dailyOralDoses(amountMg: 100, clockTimesH: [8, 20], days: 3)
    static let times = grid(from: 0, to: 72, step: 0.5)

    func oneCompartment(ka: Double) -> LinearPKParameters {
        LinearPKParameters(clearanceLPerH: 5, centralVolumeL: 100, absorptionRatePerH: ka)
    }

    @Test func absorptionRateEqualToEliminationRateIsContinuous() throws {
        let exact = try LinearPKModel(oneCompartment(ka: Self.k)).concentrations(at: Self.times, doses: Self.doses)
        // Single dose at ka = k: C = D/V · k·t·e^{−kt}.
        let single = try LinearPKModel(oneCompartment(ka: Self.k)).concentrations(at: [3, 10], doses: [DoseEvent(timeH: 0, amountMg: 100)])
        #expect(isClose(single[0], 1 * Self.k * 3 * exp(-Self.k * 3), relative: 1e-14))
        #expect(isClose(single[1], 1 * Self.k * 10 * exp(-Self.k * 10), relative: 1e-14))
        for factor in [1 - 1e-9, 1 + 1e-9] {
            let nearby = try LinearPKModel(oneCompartment(ka: Self.k * factor)).concentrations(at: Self.times, doses: Self.doses)
            // True sensitivity |∂lnC/∂lnKA| ≤ KA·t ≈ 3.6 here, so a 1e-9 change in KA moves C by < 4e-9.
            #expect(maxRelativeDifference(exact, nearby) < 4e-9)
        }
    }

    @Test func absorptionRateEqualToEliminationRateMatchesODE() throws {
        let parameters = oneCompartment(ka: Self.k)
        let exact = try LinearPKModel(parameters).concentrations(at: Self.times, doses: Self.doses)
        let numeric = try PKODESolver(system: PKODESystem(linear: parameters)).concentrations(at: Self.times, doses: Self.doses)
        #expect(maxRelativeDifference(exact, numeric) < 1e-6)
    }

    @Test func exposureIsContinuousThroughTheCoincidence() throws {
        // The closed-form Tmax uses log1p(z)/z, so its KA → k limit (1/k − A1₀/(KA·G₀)) is exact.
        var reference = LinearPKState.empty
        let model = try LinearPKModel(oneCompartment(ka: Self.k))
        _ = try model.advance(&reference, fromH: 0, toH: 24, doses: Self.doses)
        let day = try model.advance(&reference, fromH: 24, toH: 48, doses: Self.doses)
        for factor in [1 - 1e-9, 1 + 1e-9] {
            let nearby = try LinearPKModel(oneCompartment(ka: Self.k * factor))
            var state = LinearPKState.empty
            _ = try nearby.advance(&state, fromH: 0, toH: 24, doses: Self.doses)
            let other = try nearby.advance(&state, fromH: 24, toH: 48, doses: Self.doses)
            #expect(isClose(other.cmaxMgPerL, day.cmaxMgPerL, relative: 4e-9))
            #expect(abs(other.tmaxH - day.tmaxH) < 1e-6)
            #expect(isClose(other.aucMgHPerL, day.aucMgHPerL, relative: 4e-9))
        }
        // Against the ODE as well.
        let solver = try PKODESolver(system: PKODESystem(linear: oneCompartment(ka: Self.k)))
        _ = try solver.advance(fromH: 0, toH: 24, doses: Self.doses)
        let numeric = try solver.advance(fromH: 24, toH: 48, doses: Self.doses)
        #expect(isClose(numeric.cmaxMgPerL, day.cmaxMgPerL, relative: 1e-6))
        #expect(isClose(numeric.aucMgHPerL, day.aucMgHPerL, relative: 1e-6))
    }

    @Test func absorptionRateEqualToAlphaOrBetaMatchesODE() throws {
        let base = LinearPKModelTests.twoCompartmentOral
        let disposition = try LinearPKModel(base)
        for rate in [disposition.alpha, disposition.beta] {
            var parameters = base
            parameters.absorptionRatePerH = rate
            let model = try LinearPKModel(parameters)
            let exact = try model.concentrations(at: Self.times, doses: Self.doses)
            let numeric = try PKODESolver(system: PKODESystem(linear: parameters)).concentrations(at: Self.times, doses: Self.doses)
            #expect(maxRelativeDifference(exact, numeric) < 1e-6, "KA = \(rate)")
            parameters.absorptionRatePerH = rate * (1 + 1e-9)
            let nearby = try LinearPKModel(parameters).concentrations(at: Self.times, doses: Self.doses)
            #expect(maxRelativeDifference(exact, nearby) < 1e-8, "KA = \(rate)")

            var state = LinearPKState.empty
            _ = try model.advance(&state, fromH: 0, toH: 24, doses: Self.doses)
            let day = try model.advance(&state, fromH: 24, toH: 48, doses: Self.doses)
            let solver = try PKODESolver(system: PKODESystem(linear: parameters))
            _ = try solver.advance(fromH: 0, toH: 24, doses: Self.doses)
            let numericDay = try solver.advance(fromH: 24, toH: 48, doses: Self.doses)
            #expect(isClose(day.cmaxMgPerL, numericDay.cmaxMgPerL, relative: 1e-6))
            #expect(isClose(day.cminMgPerL, numericDay.cminMgPerL, relative: 1e-6))
        }
    }

    @Test func metaboliteRateEqualToParentRateMatchesODE() throws {
        // km = k and KA = k: a triple coincidence in the metabolite's response.
        let parameters = LinearPKParameters(
            clearanceLPerH: 5, centralVolumeL: 100, absorptionRatePerH: Self.k,
            metabolite: MetaboliteParameters(fractionMetabolized: 0.5, clearanceLPerH: 2.5, volumeL: 50))
        let exact = try LinearPKModel(parameters).concentrations(at: Self.times, doses: Self.doses, analyte: .metabolite)
        let numeric = try PKODESolver(system: PKODESystem(linear: parameters)).concentrations(at: Self.times, doses: Self.doses, analyte: .metabolite)
        #expect(maxRelativeDifference(exact, numeric) < 1e-6)
    }
}
