import Testing
@testable import Baclosim

@Suite struct CockcroftGaultTests {
    @Test func womanOfSixtyMatchesHandCalculation() {
        // (140 − 60)·70 / (72·1.2) = 5600/86.4 = 64.8148…; × 0.85 = 55.0926…
        let clearance = CockcroftGault.creatinineClearanceMLPerMin(
            ageYears: 60, weightKg: 70, serumCreatinineMgPerDL: 1.2, sex: .female)
        #expect(abs(clearance - 5600.0 / 86.4 * 0.85) < 1e-12)
        #expect(abs(clearance - 55.0926) < 1e-4)
    }

    @Test func manOfFortyMatchesHandCalculation() {
        let clearance = CockcroftGault.creatinineClearanceMLPerMin(
            ageYears: 40, weightKg: 80, serumCreatinineMgPerDL: 1.0, sex: .male)
        #expect(abs(clearance - 8000.0 / 72.0) < 1e-12)
    }

    @Test func renalModelClampsCockcroftGault() {
        let model = RenalFunctionModel.cockcroftGault(
            serumCreatinineMgPerDL: .lognormal(LogNormalMargin(median: 1.0, logSD: 0.3)),
            lowerMLPerMin: 15, upperMLPerMin: 150)
        // SCr = 1 at y = 0: 111.1 unclamped; a 20-year-old of 120 kg gives 200 → 150.
        #expect(abs(model.creatinineClearanceMLPerMin(normal: 0, ageYears: 40, weightKg: 80, sex: .male)
                    - 8000.0 / 72.0) < 1e-12)
        #expect(model.creatinineClearanceMLPerMin(normal: 0, ageYears: 20, weightKg: 120, sex: .male) == 150)
        #expect(model.creatinineClearanceMLPerMin(normal: 3, ageYears: 95, weightKg: 45, sex: .female) == 15)
    }
}
