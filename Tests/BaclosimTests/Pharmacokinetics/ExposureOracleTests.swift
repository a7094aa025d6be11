import Foundation
import Testing
@testable import Baclosim

/// Exact Cmax, Cmin and AUC against brute-force oracles that exist only here: a grid search over
/// the exact profile (coarse over the day, fine near the extreme) and composite Simpson
/// quadrature between input times.
@Suite("Exposure vs grid and quadrature")
struct ExposureOracleTests {
    struct Case {
        var name: String
        var parameters: LinearPKParameters
        var doses: [DoseEvent]
        var analyte: PKAnalyte = .parent
        var t0 = 24.0, t1 = 48.0
    }

    static let cases: [Case] = [
        Case(name: "baclofen tid", parameters: simon2018Baclofen,
             doses: dailyOralDoses(amountMg: 10, clockTimesH: [8, 14, 20], days: 2)),
        Case(name: "1-cmt oral with lag", parameters: LinearPKModelTests.oneCompartmentOral,
             doses: dailyOralDoses(amountMg: 40, clockTimesH: [8, 20], days: 2)),
        // Bolus and slow oral together on a 2-cmt model with fast, large distribution: the
        // central amount first falls (distribution), then rises (absorption), then falls: an
        // interior minimum and an interior maximum in one piece.
        Case(name: "2-cmt bolus + slow oral",
             parameters: LinearPKParameters(clearanceLPerH: 1, centralVolumeL: 10, interCompartmentalClearanceLPerH: 50,
                                            peripheralVolumeL: 100, absorptionRatePerH: 0.3),
             doses: [DoseEvent(timeH: 30, amountMg: 30, route: .ivBolus), DoseEvent(timeH: 30, amountMg: 500)],
             t0: 30, t1: 54),
        Case(name: "2-cmt oral + infusion", parameters: LinearPKModelTests.twoCompartmentOral,
             doses: LinearPKModelTests.orals + LinearPKModelTests.infusions),
        Case(name: "metabolite", parameters: LinearPKModelTests.twoCompartmentWithMetabolite,
             doses: dailyOralDoses(amountMg: 100, clockTimesH: [8, 20], days: 2), analyte: .metabolite),
    ]

    @Test(arguments: cases.indices)
    func exactExtremaBoundAndMatchGridSearch(_ index: Int) throws {
        let c = Self.cases[index]
        let model = try LinearPKModel(c.parameters)
        var state = LinearPKState.empty
        _ = try model.advance(&state, fromH: 0, toH: c.t0, doses: c.doses, analyte: c.analyte)
        let exact = try model.advance(&state, fromH: c.t0, toH: c.t1, doses: c.doses, analyte: c.analyte)

        // The last point sits just before t1: the interval is half-open, and a rising profile
        // peaks at its end.
        var coarseTimes = grid(from: c.t0, to: c.t1, step: 1e-3)
        coarseTimes[coarseTimes.count - 1] = c.t1 - 1e-9
        let coarse = try model.concentrations(at: coarseTimes, doses: c.doses, analyte: c.analyte)
        let coarseMax = try #require(coarse.max()), coarseMin = try #require(coarse.min())
        // Tolerances allow for rounding accumulated over the 24,000 grid steps of the oracle.
        #expect(coarseMax <= exact.cmaxMgPerL * (1 + 1e-11), "\(c.name)")
        #expect(coarseMin >= exact.cminMgPerL * (1 - 1e-11), "\(c.name)")
        #expect(isClose(coarseMax, exact.cmaxMgPerL, relative: 1e-5), "\(c.name)")

        // Fine grid (1e-7 h) around the exact Tmax: its best point is within rounding of Cmax.
        let tmax = c.t0 + exact.tmaxH
        let fineTimes = grid(from: max(c.t0, tmax - 2e-3), to: min(c.t1 - 1e-9, tmax + 2e-3), step: 1e-7)
        let fineMax = try #require(try model.concentrations(at: fineTimes, doses: c.doses, analyte: c.analyte).max())
        #expect(fineMax <= exact.cmaxMgPerL * (1 + 1e-11), "\(c.name)")
        #expect(isClose(fineMax, exact.cmaxMgPerL, relative: 1e-10), "\(c.name)")

        // Fine grid around the coarse minimum.
        let argmin = coarseTimes[try #require(coarse.firstIndex(of: coarseMin))]
        let fineMinTimes = grid(from: max(c.t0, argmin - 2e-3), to: min(c.t1 - 1e-9, argmin + 2e-3), step: 1e-7)
        let fineMin = try #require(try model.concentrations(at: fineMinTimes, doses: c.doses, analyte: c.analyte).min())
        #expect(fineMin >= exact.cminMgPerL * (1 - 1e-11), "\(c.name)")
        #expect(isClose(fineMin, exact.cminMgPerL, relative: 1e-9, absolute: 1e-15), "\(c.name)")
    }

    @Test(arguments: cases.indices)
    func exactAUCMatchesSimpsonQuadrature(_ index: Int) throws {
        let c = Self.cases[index]
        let model = try LinearPKModel(c.parameters)
        var state = LinearPKState.empty
        _ = try model.advance(&state, fromH: 0, toH: c.t0, doses: c.doses, analyte: c.analyte)
        let exact = try model.advance(&state, fromH: c.t0, toH: c.t1, doses: c.doses, analyte: c.analyte)

        // Break points: every input start or end inside the interval, so each Simpson panel is smooth.
        var breaks = Set([c.t0, c.t1])
        for dose in c.doses {
            switch dose.route {
            case .oral: breaks.insert(dose.timeH + c.parameters.lagTimeH)
            case .ivBolus: breaks.insert(dose.timeH)
            case .infusion(let d): breaks.formUnion([dose.timeH, dose.timeH + d])
            }
        }
        let points = breaks.filter { $0 >= c.t0 && $0 <= c.t1 }.sorted()
        var quadrature = 0.0
        for (a, b) in zip(points, points.dropFirst()) {
            // Evaluate strictly inside the panel so a bolus at its left end is included and one
            // at its right end is not (the profile is right-continuous).
            let n = 2000
            let h = (b - a) / Double(n)
            var times = (0...n).map { a + Double($0) * h }
            times[n] = b - 1e-12 * max(1, b)
            let values = try model.concentrations(at: times, doses: c.doses, analyte: c.analyte)
            quadrature += simpson(from: a, to: b, intervals: n) { t in values[Int(((t - a) / h).rounded())] }
        }
        #expect(isClose(exact.aucMgHPerL, quadrature, relative: 1e-9), "\(c.name)")
        #expect(isClose(exact.cavgMgPerL, exact.aucMgHPerL / (c.t1 - c.t0), relative: 1e-15))
    }

    @Test func twoCompartmentPieceHasInteriorMinimumAndMaximum() throws {
        // Guards the case above: both extremes are interior, so the Rolle recursion was needed.
        let c = Self.cases[2]
        let model = try LinearPKModel(c.parameters)
        var state = LinearPKState.empty
        let exposure = try model.advance(&state, fromH: c.t0, toH: c.t1, doses: c.doses)
        let atDose = try model.concentrations(at: [c.t0], doses: c.doses)[0]
        #expect(exposure.cminMgPerL < atDose - 1e-3)
        #expect(exposure.cminMgPerL < model.concentration(of: state) - 1e-3)
        #expect(exposure.cmaxMgPerL > atDose + 1e-3)
        #expect(exposure.tmaxH > 1 && exposure.tmaxH < c.t1 - c.t0 - 1)
    }
}
