import Testing
@testable import Baclosim

@Suite("PK parameter validation")
struct PKValidationTests {
    @Test func nonPositiveClearanceIsReported() {
        let problems = LinearPKParameters(clearanceLPerH: 0, centralVolumeL: 72.8, absorptionRatePerH: 1.64).validate()
        #expect(problems.count == 1)
        #expect(problems.first?.keyPath == "clearance_L_per_h")
        #expect(problems.first?.description.hasPrefix("clearance_L_per_h: must be a finite number > 0 (found 0.0)") == true)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let parameters = LinearPKParameters(
            clearanceLPerH: -1, centralVolumeL: .nan, interCompartmentalClearanceLPerH: 3,
            absorptionRatePerH: 0, bioavailability: 1.5, lagTimeH: -0.5,
            metabolite: MetaboliteParameters(fractionMetabolized: 2, clearanceLPerH: 1, volumeL: 0))
        let keys = parameters.validate().map(\.keyPath)
        #expect(keys == [
            "clearance_L_per_h", "central_volume_L", "absorption_rate_per_h", "peripheral_volume_L",
            "bioavailability", "lag_time_h", "metabolite.fraction_metabolized", "metabolite.volume_L",
        ])
    }

    @Test func validParametersHaveNoProblems() {
        #expect(simon2018Baclofen.validate().isEmpty)
        #expect(LinearPKModelTests.twoCompartmentWithMetabolite.validate().isEmpty)
    }

    @Test func modelRefusesInvalidParametersWithOneLineMessage() {
        do {
            _ = try LinearPKModel(LinearPKParameters(clearanceLPerH: -2, centralVolumeL: 10))
            Issue.record("expected a throw")
        } catch {
            #expect(error.description.hasPrefix("invalid PK parameters: clearance_L_per_h: must be a finite number > 0"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func oralDoseToAModelWithoutAbsorptionIsRejected() throws {
        let model = try LinearPKModel(LinearPKParameters(clearanceLPerH: 5, centralVolumeL: 50))
        #expect(throws: PKError.self) { try model.concentrations(at: [1], doses: [DoseEvent(timeH: 0, amountMg: 10)]) }
        #expect(throws: PKError.self) {
            try model.concentrations(at: [1], doses: [DoseEvent(timeH: 0, amountMg: 10, route: .infusion(durationH: 0))])
        }
        #expect(throws: PKError.noMetabolite) { try model.concentrations(at: [1], doses: [], analyte: .metabolite) }
    }
}
