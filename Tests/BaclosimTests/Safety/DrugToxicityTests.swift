import Foundation
import Testing
@testable import Baclosim

/// Per-drug toxicity: each drug's grades on its own mg/L, against the closed forms.
@Suite("Safety: per-drug toxicity")
struct DrugToxicityTests {
    /// `Emax·C^γ/(C^γ + EC50^γ)` (no baseline in the library's toxicity grades).
    static func closedForm(_ hazard: ConcentrationHazard, _ c: Double) -> Double {
        hazard.maximumDrugHazardPerDay * pow(c, hazard.hillCoefficient)
            / (pow(c, hazard.hillCoefficient) + pow(hazard.ec50MgPerL, hazard.hillCoefficient))
    }

    @Test(arguments: ["baclofen", "diazepam", "chlordiazepoxide", "methadone", "buprenorphine"])
    func gradeHazardsMatchTheClosedForm(drug: String) throws {
        let model = try #require(try LibraryDrugs.drug(drug).toxicity)
        for grade in model.grades {
            let ec50 = grade.hazard.ec50MgPerL
            for c in [0.01 * ec50, 0.5 * ec50, ec50, 2 * ec50, 100 * ec50] {
                let h = grade.hazard.hazardPerDay(concentrationMgPerL: c)
                #expect(abs(h - Self.closedForm(grade.hazard, c)) <= 1e-12 * max(1, h), "\(drug) \(grade.kind) at \(c)")
            }
        }
    }

    @Test func buprenorphineRespiratoryDepressionHasACeilingAndMethadoneHasNot() throws {
        let buprenorphine = try #require(try LibraryDrugs.drug("buprenorphine").toxicity)
        let methadone = try #require(try LibraryDrugs.drug("methadone").toxicity)
        let bRD = try #require(buprenorphine.grades.first { $0.kind == .respiratoryDepression })
        let mRD = try #require(methadone.grades.first { $0.kind == .respiratoryDepression })
        // Up to 1000× the 16 mg/day peak (≈ 0.0043 mg/L) the hazard stays under its 1e-4/day ceiling.
        for multiple in [1.0, 10, 100, 1000] {
            #expect(bRD.hazard.hazardPerDay(concentrationMgPerL: 0.0043 * multiple) < 1e-4)
        }
        // Methadone at 10× its 60 mg/day peak (≈ 0.32 mg/L): a high daily hazard.
        #expect(mRD.hazard.hazardPerDay(concentrationMgPerL: 3.2) > 0.5)
        // Both are negligible at their therapeutic peaks.
        #expect(mRD.hazard.hazardPerDay(concentrationMgPerL: 0.32) < 1e-5)
        #expect(bRD.hazard.hazardPerDay(concentrationMgPerL: 0.0043) < 1e-5)
    }

    @Test(arguments: [("methadone", 1.0), ("diazepam", 3.3), ("buprenorphine", 0.05)])
    func seriousIncidenceAtConstantExposureMatchesTheClosedForm(drug: String, cmaxMgPerL: Double) throws {
        let library = try #require(try LibraryDrugs.drug(drug).toxicity)
        // Without tolerance, P(any grade on a day) = 1 − e^{−h_1(C)} (nested grades, the first is
        // the mildest and serious), so over n days 1 − e^{−n·h_1}.
        let model = ToxicityModel(driver: library.driver, grades: library.grades)
        let h1 = model.grades[0].hazard.hazardPerDay(concentrationMgPerL: cmaxMgPerL)
        let days = 10
        let expected = -expm1(-Double(days) * h1)
        let n = 20_000
        var random = SafetySplitMix64(seed: 7)
        var count = 0
        for _ in 0..<n {
            var state = ToxicityState()
            for _ in 0..<days {
                _ = state.advance(model, cmaxMgPerL: cmaxMgPerL, cavgMgPerL: 0, prescribedDailyDoseMg: 60, u: random.uniform())
            }
            if state.counters.seriousEventDays > 0 { count += 1 }
        }
        expectProportion(count, of: n, near: expected)
    }

    @Test func renalImpairmentRaisesBaclofenToxicityThroughClearance() throws {
        // No renal key in the toxicity block: lower CrCl lowers CL (renal covariate), raising
        // the steady-state peak of the same dose, and the hazard follows.
        let drug = try LibraryDrugs.drug("baclofen")
        let model = try #require(drug.model()).parameterModel()
        let toxicity = try #require(drug.toxicity)
        func clearance(crcl: Double) throws -> Double {
            var values = [Double](repeating: 0, count: model.parameters.count)
            var covariates = PKCovariates.reference
            covariates.creatinineClearanceMLPerMin = crcl
            model.evaluate(covariates: covariates, eta: [Double](repeating: 0, count: model.etaNames.count), into: &values)
            return values[try #require(model.parameters.firstIndex { $0.name == "CL" })]
        }
        let normal = try clearance(crcl: 100), severe = try clearance(crcl: 15)
        #expect(severe < 0.6 * normal)
        // Cavg = dose / (CL·24): 60 mg/day at CrCl 15 gives what 60·CL₁₀₀/CL₁₅ mg/day gives at 100.
        let cavgNormal = 60 / (normal * 24), cavgSevere = 60 / (severe * 24)
        for grade in toxicity.grades {
            #expect(grade.hazard.hazardPerDay(concentrationMgPerL: 3 * cavgSevere)
                    > grade.hazard.hazardPerDay(concentrationMgPerL: 3 * cavgNormal))
        }
    }

    @Test func eachDrugsThresholdsAreInItsOwnUnits() throws {
        // The same 0.9 mg/L is a high-dose therapeutic baclofen peak, a toxic methadone level
        // and an enormous buprenorphine one: the three models give three different hazards.
        let c = 0.9
        let hazards = try ["baclofen", "methadone", "buprenorphine"].map { drug in
            let model = try #require(try LibraryDrugs.drug(drug).toxicity)
            return model.grades[0].hazard.hazardPerDay(concentrationMgPerL: c)
        }
        #expect(hazards[0] < 1e-3)          // baclofen deep sedation near 5e-4/day
        #expect(hazards[1] > hazards[0])    // methadone deep sedation
        #expect(hazards[2] < 2e-4)          // buprenorphine: capped
    }
}
