import Foundation
import Testing
@testable import Baclosim

@Suite struct MortalityModelTests {
    let gompertz = GompertzHazard(aPerYear: 0.0005, bPerYear: 0.1)

    /// S(t) = exp(−a/b·(e^{b(x+t)} − e^{b·x})), written out independently.
    func gompertzSurvival(age x: Double, years t: Double) -> Double {
        exp(-gompertz.aPerYear / gompertz.bPerYear * (exp(gompertz.bPerYear * (x + t)) - exp(gompertz.bPerYear * x)))
    }

    @Test func productOfDailyGompertzSurvivalsIsTheClosedForm() {
        let model = MortalityModel(background: .gompertz(gompertz))
        var survival = 1.0
        for day in 0..<365 {
            let p = model.dailyDeathProbability(ageYears: 60 + Double(day) / 365.25, level: .low)
            survival *= 1 - p
        }
        let expected = gompertzSurvival(age: 60, years: 365 / 365.25)
        #expect(abs(survival - expected) <= 1e-12, "\(survival) vs \(expected)")
        #expect(abs(gompertz.survival(fromAgeYears: 60, years: 2) - gompertzSurvival(age: 60, years: 2)) <= 1e-14)
    }

    @Test func simulatedDailyDeathDecisionsReproduceGompertzSurvival() {
        let model = MortalityModel(background: .gompertz(gompertz))
        let subjects = 10_000
        var survivors = 0
        for subject in 0..<subjects {
            let key = StreamKey(seed: 20_241_124, subject: UInt64(subject), purpose: .mortality)
            var alive = true
            for day in 0..<365 {
                let u = CounterStream.uniform(key: key, day: UInt32(day), slot: 0)
                if model.dies(ageYears: 60 + Double(day) / 365.25, level: .abstinent, uniform: u) {
                    alive = false
                    break
                }
            }
            if alive { survivors += 1 }
        }
        // S ≈ 0.81 here; 5 standard errors (±0.02) of a binomial proportion.
        expectProportion(survivors, of: subjects, near: gompertzSurvival(age: 60, years: 365 / 365.25),
                         "one-year Gompertz survival from age 60")
    }

    @Test func lifeTableDaysOfOneYearReproduceTheAnnualProbability() {
        let table = LifeTable(bandStartAgesYears: [0, 50], annualDeathProbabilities: [0.01, 0.1])
        let model = MortalityModel(background: .lifeTable(table))
        let p = model.dailyDeathProbability(ageYears: 60, level: .low)
        #expect(abs(p - (1 - pow(0.9, 1 / 365.25))) <= 1e-15)
        var survival = 1.0
        for day in 0..<1461 { survival *= 1 - model.dailyDeathProbability(ageYears: 55 + Double(day) / 365.25, level: .low) }
        #expect(abs(survival - pow(0.9, 4)) <= 1e-12)
    }

    @Test func aDayAcrossABandBoundaryIntegratesBothBands() {
        let table = LifeTable(bandStartAgesYears: [0, 50, 60], annualDeathProbabilities: [0.01, 0.05, 0.2])
        // Half a year in each of the first two bands.
        let h = table.cumulativeHazard(fromAgeYears: 49.5, toAgeYears: 50.5)
        #expect(abs(exp(-h) - pow(0.99, 0.5) * pow(0.95, 0.5)) <= 1e-15)
        // Across all three bands and beyond the last (open-ended) one.
        let long = table.cumulativeHazard(fromAgeYears: 45, toAgeYears: 70)
        #expect(abs(exp(-long) - pow(0.99, 5) * pow(0.95, 10) * pow(0.8, 10)) <= 1e-14)
        // Below the first band start uses the first band.
        let young = LifeTable(bandStartAgesYears: [18, 40], annualDeathProbabilities: [0.002, 0.004])
        #expect(abs(young.cumulativeHazard(fromAgeYears: 10, toAgeYears: 11) + log(0.998)) <= 1e-15)
    }

    @Test func nYearProbabilitiesConvertToAnnualOnes() {
        let q = LifeTable.annualProbability(0.05, overYears: 5)
        #expect(abs(q - (1 - pow(0.95, 0.2))) <= 1e-15)
        #expect(abs(pow(1 - q, 5) - 0.95) <= 1e-14)
    }

    @Test func relativeRisksMultiplyTheHazardAndCaseFatalityAddsARisk() {
        let table = LifeTable(bandStartAgesYears: [0], annualDeathProbabilities: [0.2])
        let model = MortalityModel(
            background: .lifeTable(table),
            relativeRiskByRiskLevel: PerDrinkingRiskLevel(abstinent: 1, low: 1, medium: 1.2, high: 1.5, veryHigh: 2),
            seriousEventRelativeRisk: PerSeriousEvent(seizure: 3, delirium: 1, toxicity: 1),
            seriousEventCaseFatality: PerSeriousEvent(seizure: 0, delirium: 0.01, toxicity: 0.1))
        let p0 = model.dailyDeathProbability(ageYears: 40, level: .low)
        #expect(abs(model.dailyDeathProbability(ageYears: 40, level: .veryHigh) - (1 - (1 - p0) * (1 - p0))) <= 1e-15)
        let seizure = PerSeriousEvent(seizure: 1, delirium: 0, toxicity: 0)
        #expect(abs(model.dailyDeathProbability(ageYears: 40, level: .low, seriousEvents: seizure) - (1 - pow(1 - p0, 3))) <= 1e-15)
        let noBackground = MortalityModel(background: .lifeTable(LifeTable(bandStartAgesYears: [0], annualDeathProbabilities: [0])),
                                          seriousEventCaseFatality: model.seriousEventCaseFatality)
        let twoToxicities = PerSeriousEvent(seizure: 0, delirium: 0, toxicity: 2)
        #expect(abs(noBackground.dailyDeathProbability(ageYears: 40, level: .low, seriousEvents: twoToxicities) - 0.19) <= 1e-15)
    }

    @Test func deathIsDecidedByTheCallersUniform() {
        let model = MortalityModel(background: .lifeTable(LifeTable(bandStartAgesYears: [0], annualDeathProbabilities: [0.5])))
        let p = model.dailyDeathProbability(ageYears: 30, level: .low)
        #expect(model.dies(ageYears: 30, level: .low, uniform: p * 0.999))
        #expect(!model.dies(ageYears: 30, level: .low, uniform: p))
        let closing = MortalityModel(background: .lifeTable(LifeTable(bandStartAgesYears: [0, 100], annualDeathProbabilities: [0.5, 1])))
        #expect(closing.dailyDeathProbability(ageYears: 100, level: .low) == 1)
    }

    @Test func validationNamesBadBandsProbabilitiesAndRisks() {
        var model = MortalityModel(background: .lifeTable(LifeTable(bandStartAgesYears: [0, 50, 50], annualDeathProbabilities: [0.01, 1.5, 0.2])))
        model.relativeRiskByRiskLevel.high = -1
        model.seriousEventCaseFatality.delirium = 2
        #expect(model.validate().map(\.keyPath) == [
            "life_table.age_from_years[2]", "life_table.annual_death_probability[1]",
            "relative_risk_by_risk_level.high", "serious_event_case_fatality.delirium",
        ])
        let badGompertz = MortalityModel(background: .gompertz(GompertzHazard(aPerYear: 0, bPerYear: 0.09)))
        #expect(badGompertz.validate().map(\.keyPath) == ["gompertz.a_per_year"])
        #expect(MortalityModel(background: .gompertz(gompertz)).validate().isEmpty)
    }
}
