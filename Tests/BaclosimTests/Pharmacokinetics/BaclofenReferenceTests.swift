import Foundation
import Testing
@testable import Baclosim

/// Published and derived baclofen numbers (docs/sources.md#d-baclofen-exposure, #simon2018, #marsot2014).
@Suite("Baclofen reference values")
struct BaclofenReferenceTests {
    @Test func typicalSubjectOnTenMilligramsThreeTimesDailyAveragesDoseOverClearance() throws {
        // 10 mg at 08:00, 14:00, 20:00: at steady state Cavg = 30 mg / (11.6 L/h × 24 h) = 0.107759 mg/L.
        let model = try LinearPKModel(simon2018Baclofen)
        let kernel = try DailyExposureKernel(model: model, doseClockTimesH: [8, 14, 20])
        var state = DailyExposureKernel.State()
        var day30 = DailyExposure(aucMgHPerL: 0, cavgMgPerL: 0, cmaxMgPerL: 0, tmaxH: 0, cminMgPerL: 0)
        let amounts = [10.0, 10, 10]
        for _ in 0..<30 { day30 = kernel.advanceDay(&state, doseAmountsMg: amounts) }
        #expect(abs(day30.cavgMgPerL - 30 / (11.6 * 24)) < 1e-9)
        #expect(abs(day30.cavgMgPerL - 0.107759) < 5e-7)
        #expect(day30.cmaxMgPerL > day30.cavgMgPerL && day30.cminMgPerL < day30.cavgMgPerL)
        // The day's maximum follows the last (20:00) dose; its minimum is at 08:00, just before the first.
        #expect(day30.tmaxH > 20 && day30.tmaxH < 23)
    }

    @Test func twentyMilligramsEveryEightHoursMatchesDerivedSteadyState() throws {
        // docs/sources.md#d-baclofen-exposure [D], Simon 2018 model: Cmax / Cmin / Cavg = 307 / 118 / 216 ng/mL.
        let ss = try LinearPKModel(simon2018Baclofen).steadyState(doseMg: 20, intervalH: 8)
        #expect(abs(ss.cmaxMgPerL - 0.307) < 5e-4)
        #expect(abs(ss.cminMgPerL - 0.118) < 5e-4)
        #expect(abs(ss.cavgMgPerL - 0.216) < 1e-3)
        #expect(isClose(ss.cavgMgPerL, 20 / (11.6 * 8), relative: 1e-13))
    }

    @Test func singleTenMilligramDoseMatchesDerivedCmaxAndTmax() throws {
        // docs/sources.md#d-baclofen-exposure [D]: 10 mg → Cmax 107 ng/mL at 1.6 h; half-life 4.35 h.
        let model = try LinearPKModel(simon2018Baclofen)
        var state = LinearPKState.empty
        let day = try model.advance(&state, fromH: 0, toH: 24, doses: [DoseEvent(timeH: 0, amountMg: 10)])
        #expect(abs(day.cmaxMgPerL - 0.107) < 5e-4)
        #expect(abs(day.tmaxH - 1.6) < 0.05)
        #expect(abs(model.terminalHalfLifeH - 4.35) < 0.01)
    }
}
