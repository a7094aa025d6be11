import Testing
@testable import Baclosim

/// `OneCompartmentOralDayKernel.rebuild`, the engine's per-subject kernel refill in place: the
/// oracle is the kernel built the allocating way (`DailyExposureKernel` then its fast form),
/// whose tables and days it must reproduce bit for bit, whatever the kernel held before.
struct OneCompartmentOralDayKernelRebuildTests {
    /// The tables of both kernels agree exactly, and so do twelve days through every day form.
    private func expectSameKernel(_ rebuilt: OneCompartmentOralDayKernel, as parameters: LinearPKParameters,
                                  clockTimesH: [Double]) throws {
        let model = try LinearPKModel(parameters)
        let reference = try #require(OneCompartmentOralDayKernel(try DailyExposureKernel(model: model, doseClockTimesH: clockTimesH)))
        try #require(rebuilt.rebuild(model: model, doseClockTimesH: clockTimesH))
        withExtendedLifetime(reference) {
            let expected = reference.tables, actual = rebuilt.tables
            #expect(Array(actual.pieces) == Array(expected.pieces))
            #expect(Array(actual.inputs) == Array(expected.inputs))
            #expect(actual.slotCount == expected.slotCount)
            let a = actual.constants.pointee, e = expected.constants.pointee
            #expect(a.ka == e.ka && a.k == e.k && a.delta == e.delta && a.bioavailability == e.bioavailability
                    && a.inverseVolume == e.inverseVolume && a.peakTimeConstantH == e.peakTimeConstantH
                    && a.carriedSlotMask == e.carriedSlotMask)
            var expectedState = DailyExposureKernel.State(), actualState = expectedState
            var expectedMapped = expectedState, actualMapped = expectedState
            for day in 0..<12 {
                var amounts = SIMD8<Double>(repeating: 0)
                for slot in 0..<clockTimesH.count { amounts[slot] = Double((day + 1) * (slot + 2) % 7) * 5 }
                #expect(actual.advanceDay(&actualState, doseAmountsMg: amounts, computingPeaks: true)
                        == expected.advanceDay(&expectedState, doseAmountsMg: amounts, computingPeaks: true), "day \(day)")
                #expect(actualState == expectedState)
                #expect(actual.advanceDayWithoutExtremes(&actualMapped, doseAmountsMg: amounts).aucMgHPerL
                        == expected.advanceDayWithoutExtremes(&expectedMapped, doseAmountsMg: amounts).aucMgHPerL)
                #expect(actualMapped.amounts == expectedMapped.amounts)
            }
        }
    }

    @Test func rebuiltKernelMatchesAFreshlyBuiltOneThroughSuccessiveSubjects() throws {
        let kernel = OneCompartmentOralDayKernel()
        var lagged = simon2018Baclofen
        lagged.lagTimeH = 1
        var lateLag = simon2018Baclofen
        lateLag.lagTimeH = 23
        // One kernel refilled as for successive subjects: slot counts, order, coincident
        // times and inputs carried past midnight all change between calls.
        try expectSameKernel(kernel, as: simon2018Baclofen, clockTimesH: [8, 14, 23.5])
        try expectSameKernel(kernel, as: lagged, clockTimesH: [8, 14, 23.5])
        try expectSameKernel(kernel, as: LinearPKModelTests.oneCompartmentOral, clockTimesH: [8])
        try expectSameKernel(kernel, as: lagged, clockTimesH: [20, 8, 8, 0])
        try expectSameKernel(kernel, as: lateLag, clockTimesH: [0, 6, 12, 18, 1, 2, 3, 23.9])
        try expectSameKernel(kernel, as: simon2018Baclofen, clockTimesH: [0])
    }

    @Test func rebuildDeclinesWhatTheOneCompartmentOralFormDoesNotCover() throws {
        let kernel = OneCompartmentOralDayKernel()
        #expect(!kernel.rebuild(model: try LinearPKModel(LinearPKModelTests.twoCompartmentOral), doseClockTimesH: [8, 20]))
        #expect(!kernel.rebuild(model: try LinearPKModel(LinearPKModelTests.twoCompartmentIV), doseClockTimesH: [8]))
        #expect(!kernel.rebuild(model: try LinearPKModel(LinearPKModelTests.oralWithMetabolite), doseClockTimesH: [8]))
        let model = try LinearPKModel(simon2018Baclofen)
        #expect(!kernel.rebuild(model: model, doseClockTimesH: []))
        #expect(!kernel.rebuild(model: model, doseClockTimesH: [8, 24]))
        #expect(!kernel.rebuild(model: model, doseClockTimesH: Array(repeating: 8, count: DailyExposureKernel.maximumSlots + 1)))
    }
}
