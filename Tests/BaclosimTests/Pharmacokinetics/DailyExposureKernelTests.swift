import Foundation
import Testing
@testable import Baclosim

/// The precomputed per-day kernel against the general event-driven walk on the same doses.
@Suite("Daily exposure kernel")
struct DailyExposureKernelTests {
    /// Slot amounts for day d: a titration with some missed doses.
    static func amounts(day: Int, slots: Int) -> [Double] {
        (0..<slots).map { slot in
            (day * 7 + slot * 3) % 5 == 0 ? 0 : 10 * Double(1 + min(day, 6) / 2)
        }
    }

    func compareWithWalk(_ parameters: LinearPKParameters, clockTimesH: [Double], route: DoseRoute = .oral, analyte: PKAnalyte = .parent) throws {
        let model = try LinearPKModel(parameters)
        let kernel = try DailyExposureKernel(model: model, doseClockTimesH: clockTimesH, route: route, analyte: analyte)
        var doses: [DoseEvent] = []
        for day in 0..<10 {
            for (slot, amount) in Self.amounts(day: day, slots: clockTimesH.count).enumerated() where amount > 0 {
                doses.append(DoseEvent(timeH: 24 * Double(day) + clockTimesH[slot], amountMg: amount, route: route))
            }
        }
        var kernelState = DailyExposureKernel.State()
        var walkState = LinearPKState.empty
        for day in 0..<10 {
            let fromKernel = kernel.advanceDay(&kernelState, doseAmountsMg: Self.amounts(day: day, slots: clockTimesH.count))
            let fromWalk = try model.advance(&walkState, fromH: 24 * Double(day), toH: 24 * Double(day + 1), doses: doses, analyte: analyte)
            #expect(isClose(fromKernel.aucMgHPerL, fromWalk.aucMgHPerL, relative: 1e-12, absolute: 1e-300), "day \(day)")
            #expect(isClose(fromKernel.cmaxMgPerL, fromWalk.cmaxMgPerL, relative: 1e-12), "day \(day)")
            #expect(isClose(fromKernel.cminMgPerL, fromWalk.cminMgPerL, relative: 1e-12, absolute: 1e-300), "day \(day)")
            #expect(abs(fromKernel.tmaxH - fromWalk.tmaxH) < 1e-9, "day \(day)")
            #expect(isClose(kernelState.amounts.centralMg, walkState.centralMg, relative: 1e-12, absolute: 1e-300))
        }
    }

    @Test func kernelMatchesEventWalkForOneCompartmentOral() throws {
        try compareWithWalk(simon2018Baclofen, clockTimesH: [8, 14, 20])
    }

    @Test func kernelCarriesLaggedInputsPastMidnight() throws {
        // The 23:30 dose lands at 00:30 the next day (TLAG 1 h).
        var parameters = LinearPKModelTests.oneCompartmentOral
        parameters.lagTimeH = 1
        try compareWithWalk(parameters, clockTimesH: [8, 14, 23.5])
    }

    /// The engine's cheaper day forms for the 1-cmt oral case: without peaks (Cmax NaN, the
    /// rest bit for bit) and as the linear day map (AUC, Cavg and state to rounding).
    @Test(arguments: [0.0, 1.0])
    func oralDayWithoutPeaksOrExtremesMatchesTheFullDay(lagTimeH: Double) throws {
        var parameters = simon2018Baclofen
        parameters.lagTimeH = lagTimeH
        let kernel = try DailyExposureKernel(model: try LinearPKModel(parameters), doseClockTimesH: [8, 14, 23.5])
        // The tables point into the kernel object's memory: keep it alive.
        let oral = try #require(OneCompartmentOralDayKernel(kernel))
        defer { withExtendedLifetime(oral) {} }
        let tables = oral.tables
        var full = DailyExposureKernel.State(), noPeaks = full, mapped = full
        for day in 0..<12 {
            var amounts = SIMD8<Double>(repeating: 0)
            for (slot, amount) in Self.amounts(day: day, slots: 3).enumerated() { amounts[slot] = amount }
            let expected = kernel.advanceDay(&full, doseAmountsMg: amounts)
            let withoutPeaks = tables.advanceDay(&noPeaks, doseAmountsMg: amounts, computingPeaks: false)
            let viaMap = tables.advanceDayWithoutExtremes(&mapped, doseAmountsMg: amounts)
            #expect(withoutPeaks.aucMgHPerL == expected.aucMgHPerL && withoutPeaks.cminMgPerL == expected.cminMgPerL, "day \(day)")
            #expect(withoutPeaks.cmaxMgPerL.isNaN && viaMap.cmaxMgPerL.isNaN && viaMap.cminMgPerL.isNaN)
            #expect(noPeaks == full)
            #expect(isClose(viaMap.cavgMgPerL, expected.cavgMgPerL, relative: 1e-13, absolute: 1e-300), "day \(day)")
            #expect(isClose(mapped.amounts.centralMg, full.amounts.centralMg, relative: 1e-13, absolute: 1e-300))
            #expect(isClose(mapped.amounts.gutMg, full.amounts.gutMg, relative: 1e-13, absolute: 1e-300))
            #expect(mapped.carriedInputsMg == full.carriedInputsMg)
        }
    }

    @Test func kernelMatchesEventWalkForTwoCompartmentAndMetabolite() throws {
        try compareWithWalk(LinearPKModelTests.twoCompartmentOral, clockTimesH: [8, 20])
        try compareWithWalk(LinearPKModelTests.twoCompartmentWithMetabolite, clockTimesH: [8, 20], analyte: .metabolite)
        try compareWithWalk(LinearPKModelTests.twoCompartmentIV, clockTimesH: [0, 8, 16], route: .ivBolus)
    }

    /// A day without its extremes (the engine's call when nothing reads Cmax or Cmin) keeps AUC,
    /// Cavg and the end state to the bit, and says NaN for what it did not search.
    @Test func dayWithoutExtremesKeepsExposureAndEndStateExactly() throws {
        for (parameters, analyte) in [(LinearPKModelTests.twoCompartmentOral, PKAnalyte.parent),
                                      (LinearPKModelTests.twoCompartmentWithMetabolite, .metabolite)] {
            let kernel = try DailyExposureKernel(model: try LinearPKModel(parameters), doseClockTimesH: [8, 20], analyte: analyte)
            var full = DailyExposureKernel.State()
            var lean = DailyExposureKernel.State()
            for day in 0..<10 {
                let a = Self.amounts(day: day, slots: 2)
                let amounts = SIMD8<Double>(a[0], a[1], 0, 0, 0, 0, 0, 0)
                let withExtremes = kernel.advanceDay(&full, doseAmountsMg: amounts, computingExtremes: true)
                let without = kernel.advanceDay(&lean, doseAmountsMg: amounts, computingExtremes: false)
                #expect(without.aucMgHPerL == withExtremes.aucMgHPerL, "day \(day)")
                #expect(without.cavgMgPerL == withExtremes.cavgMgPerL, "day \(day)")
                #expect(lean.amounts == full.amounts, "day \(day)")
                #expect(without.cmaxMgPerL.isNaN && without.tmaxH.isNaN && without.cminMgPerL.isNaN)
                #expect(withExtremes.cmaxMgPerL > withExtremes.cavgMgPerL, "day \(day): the full day still finds its peak")
            }
        }
    }

    @Test func kernelRejectsSchedulesItCannotRun() throws {
        let model = try LinearPKModel(simon2018Baclofen)
        #expect(throws: PKError.self) { try DailyExposureKernel(model: model, doseClockTimesH: []) }
        #expect(throws: PKError.self) { try DailyExposureKernel(model: model, doseClockTimesH: [8, 24]) }
        #expect(throws: PKError.self) { try DailyExposureKernel(model: model, doseClockTimesH: [8], route: .infusion(durationH: 1)) }
        #expect(throws: PKError.self) {
            try DailyExposureKernel(model: try LinearPKModel(LinearPKModelTests.oneCompartmentIV), doseClockTimesH: [8])
        }
    }
}
