import Foundation
import Testing
@testable import Baclosim

/// The library's drug files, for the per-drug withdrawal and toxicity parameters.
enum LibraryDrugs {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios/drugs").path

    static func drug(_ name: String) throws -> DrugDefinition {
        try DrugLibrary(folder: folder).load(name)
    }
}

/// Per-drug withdrawal: occupancy drivers (benzodiazepines, opioid agonists) and the
/// adaptation model driven by each drug's own exposure.
@Suite("Safety: per-drug withdrawal")
struct DrugWithdrawalTests {
    /// Daily Cavg (mg/L) of the drug's typical subject (its file's default model, typical KA, CL,
    /// V, F) for a daily dose `dailyDoseMg × fraction_d`, given once a day at 08:00: the
    /// one-compartment oral (Bateman) curve, superposed over past doses and averaged over each
    /// day on a half-hour grid (doses older than 20 days ignored).
    static func cavgPath(drug: String, dailyDoseMg: Double, doseFractions: [Double]) throws -> [Double] {
        let model = try #require(try LibraryDrugs.drug(drug).model())
        func typical(_ name: String) throws -> Double { try #require(model.parameter(named: name)).typicalValue }
        let ka = try typical("KA"), cl = try typical("CL"), v = try typical("V"), f = try typical("F")
        let ke = cl / v
        return doseFractions.indices.map { day in
            var total = 0.0
            for step in 0..<48 {
                let t = Double(day) * 24 + Double(step) * 0.5 + 0.25
                for doseDay in max(0, day - 20)...day {
                    let dt = t - (Double(doseDay) * 24 + 8)
                    guard dt > 0 else { continue }
                    let amount = f * dailyDoseMg * doseFractions[doseDay]
                    total += amount * ka / (v * (ka - ke)) * (exp(-ke * dt) - exp(-ka * dt))
                }
            }
            return total / 48
        }
    }

    /// 120 days on the full dose, then a linear taper over `taperDays` (0: abrupt), then 60 days
    /// off: the dose fraction per day.
    static func taperPath(taperDays: Int) -> [Double] {
        let on = [Double](repeating: 1, count: 120)
        let taper = (0..<taperDays).map { 1 - Double($0 + 1) / Double(taperDays + 1) }
        return on + taper + [Double](repeating: 0, count: 60)
    }

    /// Expected withdrawal days Σ(1 − e^{−kW}) and incidence 1 − Π e^{−kW} along a Cavg path.
    static func withdrawal(_ model: WithdrawalModel, cavg: [Double]) -> (expectedDays: Double, incidence: Double) {
        var state = WithdrawalState()
        var logSurvival = 0.0
        for c in cavg {
            let level = model.driver.level(effect: 0, cmaxMgPerL: c, cavgMgPerL: c)
            let outcome = state.advance(model, effect: level, doseTakenToday: true, u: 1, uSeverity: 1)
            logSurvival -= outcome.hazardPerDay
        }
        return (state.counters.expectedWithdrawalDays, -expm1(logSurvival))
    }

    @Test func occupancyDriverMatchesTheHillFormula() {
        let driver = WithdrawalDriver.occupancy(exposure: .cavg, ec50MgPerL: 0.1, hill: 1)
        for c in [0.0, 0.01, 0.1, 0.26, 1, 10] {
            #expect(abs(driver.level(effect: 0.9, cmaxMgPerL: 99, cavgMgPerL: c) - c / (c + 0.1)) <= 1e-15)
        }
        let steep = WithdrawalDriver.occupancy(exposure: .cmax, ec50MgPerL: 2, hill: 3)
        #expect(abs(steep.level(effect: 0, cmaxMgPerL: 1, cavgMgPerL: 50) - 1 / (1 + 8)) <= 1e-15)
        #expect(WithdrawalDriver.cravingEffect.level(effect: 0.37, cmaxMgPerL: 5, cavgMgPerL: 5) == 0.37)
    }

    @Test(arguments: ["diazepam", "chlordiazepoxide", "methadone", "buprenorphine"])
    func constantExposureGivesNoWithdrawal(drug: String) throws {
        let model = try #require(try LibraryDrugs.drug(drug).withdrawal)
        guard case .occupancy(_, let ec50, _) = model.driver else {
            Issue.record("\(drug) should be driven by occupancy")
            return
        }
        // From drug-naive, A rises towards a constant level and never passes it: no drive.
        for c in [0.1 * ec50, ec50, 10 * ec50] {
            let result = Self.withdrawal(model, cavg: [Double](repeating: c, count: 365))
            #expect(result.expectedDays == 0 && result.incidence == 0, "\(drug) at \(c) mg/L")
        }
    }

    @Test(arguments: [("diazepam", 20.0), ("chlordiazepoxide", 50.0), ("methadone", 60.0), ("buprenorphine", 16.0)])
    func withdrawalFallsWithSlowerTapers(drug: String, dailyDoseMg: Double) throws {
        let model = try #require(try LibraryDrugs.drug(drug).withdrawal)
        let lengths = [0, 7, 14, 28, 56, 112]
        let results = try lengths.map {
            Self.withdrawal(model, cavg: try Self.cavgPath(drug: drug, dailyDoseMg: dailyDoseMg,
                                                           doseFractions: Self.taperPath(taperDays: $0)))
        }
        #expect(results[0].incidence > 0.1, "\(drug): an abrupt stop should give withdrawal")
        for i in 1..<results.count {
            #expect(results[i].expectedDays <= results[i - 1].expectedDays, "\(drug) taper \(lengths[i]) d")
            #expect(results[i].incidence <= results[i - 1].incidence, "\(drug) taper \(lengths[i]) d")
            if results[i - 1].expectedDays > 0 {
                #expect(results[i].expectedDays < results[i - 1].expectedDays, "\(drug) taper \(lengths[i]) d")
            }
        }
        #expect(results[3].expectedDays < results[0].expectedDays * 0.8, "\(drug): a 4-week taper should clearly lower withdrawal")
    }

    @Test func aMissedMethadoneDoseIsToleratedButTwoInARowAreNot() throws {
        let model = try #require(try LibraryDrugs.drug("methadone").withdrawal)
        let onDrug = [Double](repeating: 1, count: 60)
        func expectedDays(missed: Int) throws -> Double {
            let doses = onDrug + [Double](repeating: 0, count: missed) + [Double](repeating: 1, count: 20)
            return Self.withdrawal(model, cavg: try Self.cavgPath(drug: "methadone", dailyDoseMg: 60, doseFractions: doses)).expectedDays
        }
        #expect(try expectedDays(missed: 1) == 0)
        #expect(try expectedDays(missed: 2) > 0.05)
        #expect(try expectedDays(missed: 3) > expectedDays(missed: 2))
    }

    @Test func twoDrugsWithDifferentEC50sUseTheirOwn() throws {
        // The same concentrations, two drugs: the lower EC50 gives the higher occupancy, hence a
        // larger fall and more withdrawal after the same stop.
        func model(ec50: Double) -> WithdrawalModel {
            WithdrawalModel(adaptationRiseTimeConstantDays: 10, adaptationFallTimeConstantDays: 5, driveThreshold: 0.08,
                            hazardPerUnitDrive: 1.5, driver: .occupancy(exposure: .cavg, ec50MgPerL: ec50, hill: 1))
        }
        let path = try Self.cavgPath(drug: "methadone", dailyDoseMg: 60, doseFractions: Self.taperPath(taperDays: 0))
        let potent = Self.withdrawal(model(ec50: 0.1), cavg: path)
        let weak = Self.withdrawal(model(ec50: 10), cavg: path)
        // EC50 10 mg/L: occupancy ≤ 0.026 < threshold, so no drive at all.
        #expect(weak.expectedDays == 0)
        #expect(potent.expectedDays > 1)
    }

    @Test func opioidTiersStopAtTachycardiaAndBenzodiazepinesReachConvulsions() throws {
        let methadone = try #require(try LibraryDrugs.drug("methadone").withdrawal)
        let diazepam = try #require(try LibraryDrugs.drug("diazepam").withdrawal)
        #expect(methadone.severityTiers.map(\.symptom) == [.anxiety, .tachycardia])
        #expect(diazepam.severityTiers.last?.symptom == .convulsions)
        #expect(diazepam.reinstateAtSymptom == .convulsions)
        // At a large drive a diazepam withdrawal day can be a convulsion day; a methadone one cannot.
        #expect(WithdrawalState.symptom(diazepam.severityTiers, drive: 0.4, u: 1e-6) == .convulsions)
        #expect(WithdrawalState.symptom(methadone.severityTiers, drive: 0.4, u: 1e-6) == .tachycardia)
    }

    @Test func baclofenKeepsTheCravingEffectDriverAndTheTaperComparisonValues() throws {
        let model = try #require(try LibraryDrugs.drug("baclofen").withdrawal)
        #expect(model == WithdrawalModel(adaptationRiseTimeConstantDays: 40, adaptationFallTimeConstantDays: 3, driveThreshold: 0.12,
                                         hazardPerUnitDrive: 1.0, severityTiers: WithdrawalModel.assumedSeverityTiers))
        #expect(try LibraryDrugs.drug("baclofen").toxicity == .assumedBaclofen)
        #expect(try LibraryDrugs.drug("naltrexone").withdrawal == nil)
    }
}
