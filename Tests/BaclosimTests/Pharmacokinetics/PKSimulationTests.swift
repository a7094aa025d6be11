import Foundation
import Testing
@testable import Baclosim

/// The quick simulation behind `baclosim pk`: model resolution, time grids, the event walk
/// against `LinearPKModel`'s own paths, steady-state starts against long runs, percentiles.
@Suite("PK simulation")
struct PKSimulationTests {
    static func model(_ overrides: [(name: String, value: Double)], route: PKSimulationModel.Route? = nil) throws -> PKSimulationModel {
        try PKSimulationModel(overrides: overrides, route: route)
    }

    @Test func rangeOfTimesIncludesStopAndLandsOnDecimalSteps() throws {
        let times = try PKSimulation.parseTimes("0:1:0.1")
        #expect(times.count == 11)
        #expect(times[3] == 0.3)
        #expect(times.last == 1)
        #expect(try PKSimulation.parseTimes("2, 0.5,12") == [2, 0.5, 12])
        #expect(try PKSimulation.parseTimes("0:10:3") == [0, 3, 6, 9])
    }

    @Test(arguments: ["", "1:2", "a,b", "0:1:-1", "3:1:1", "-1", "1:2:3:4"])
    func malformedTimesAreRejected(_ specification: String) {
        #expect(throws: PKSimulationError.self) { try PKSimulation.parseTimes(specification) }
    }

    @Test func routeAndStructureFollowTheGivenParameters() throws {
        let oral = try Self.model([("CL", 5), ("V", 50), ("KA", 1)])
        #expect(oral.route == .oral && oral.structure == .oneCompartment)
        #expect(try Self.model([("CL", 5), ("V", 50), ("D1", 2)]).route == .infusion)
        #expect(try Self.model([("CL", 5), ("V", 50)]).route == .iv)
        let twoCompartment = try Self.model([("CL", 5), ("V", 50), ("Q", 3), ("V2", 80)])
        #expect(twoCompartment.structure == .twoCompartment)
        #expect(throws: PKSimulationError.self) { try Self.model([("CL", 5), ("V", 50), ("Q", 3)]) }
        #expect(throws: PKSimulationError.self) { try Self.model([("CL", 5), ("V", 50)], route: .oral) }
    }

    @Test func drugModelGainsAKnownParameterItLacksAsAFixedOne() throws {
        let drug = try DrugLibrary(folder: shippedDrugFolder).load("baclofen")
        let model = try PKSimulationModel(drug: drug, overrides: [("TLAG", 0.5), ("CL", 10)])
        let lag = try #require(model.parameters.first { $0.name == "TLAG" })
        #expect(lag.typicalValue == 0.5 && lag.omegaVariance == nil)
        #expect(model.parameters.first { $0.name == "CL" }?.typicalValue == 10)
        #expect(model.label == "baclofen/simon2018" && model.route == .oral)
    }

    @Test func typicalProfileMatchesTheModelsOwnConcentrations() throws {
        // The simulation's sorted event walk against LinearPKModel.concentrations (its own walk).
        let model = try Self.model([("CL", 11.6), ("V", 72.8), ("KA", 1.64), ("TLAG", 0.4), ("Q", 4), ("V2", 30)])
        let times = try PKSimulation.parseTimes("0:50:0.5") + [14, 3.7]
        let simulation = PKSimulation(model: model, regimen: .regular(doseMg: 10, intervalH: 6, count: nil, steadyState: false),
                                      timesH: times)
        let profile = try simulation.typicalProfile()
        let subject = try simulation.typicalSubject()
        let doses = (0..<9).map { DoseEvent(timeH: Double($0) * 6, amountMg: 10) }
        let reference = try subject.model.concentrations(at: times, doses: doses)
        #expect(maxRelativeDifference(profile.concentrationsMgPerL, reference) < 1e-13)
    }

    @Test(arguments: [0.0, 0.4, 8, 13])
    func steadyStateStartEqualsALongRun(lagH: Double) throws {
        let model = try Self.model([("CL", 11.6), ("V", 72.8), ("KA", 1.64), ("TLAG", lagH)])
        let steady = PKSimulation(model: model, regimen: .regular(doseMg: 10, intervalH: 8, count: nil, steadyState: true),
                                  timesH: [0, 1.5, 3.5, 8, 15])
        let long = PKSimulation(model: model, regimen: .regular(doseMg: 10, intervalH: 8, count: nil, steadyState: false),
                                timesH: [800, 801.5, 803.5, 808, 815])
        // After 100 intervals (t½ 4.35 h) the long run has forgotten its start to 1e-50.
        #expect(maxRelativeDifference(try steady.typicalProfile().concentrationsMgPerL,
                                      try long.typicalProfile().concentrationsMgPerL) < 1e-11)
    }

    @Test func infusionSteadyStateEqualsALongRun() throws {
        let model = try Self.model([("CL", 5), ("V", 100), ("D1", 2)])
        let steady = PKSimulation(model: model, regimen: .regular(doseMg: 100, intervalH: 6, count: nil, steadyState: true),
                                  timesH: [0, 1, 2, 3])
        let long = PKSimulation(model: model, regimen: .regular(doseMg: 100, intervalH: 6, count: nil, steadyState: false),
                                timesH: [1200, 1201, 1202, 1203])
        #expect(maxRelativeDifference(try steady.typicalProfile().concentrationsMgPerL,
                                      try long.typicalProfile().concentrationsMgPerL) < 1e-11)
    }

    @Test func summaryOverTheWindowMatchesTheModelsExactAdvance() throws {
        let model = try Self.model([("CL", 11.6), ("V", 72.8), ("KA", 1.64)])
        let simulation = PKSimulation(model: model, regimen: .regular(doseMg: 20, intervalH: 8, count: 3, steadyState: false),
                                      timesH: [0, 24])
        let summary = try simulation.typicalSummary()
        var state = LinearPKState.empty
        let day = try simulation.typicalSubject().model.advance(
            &state, fromH: 0, toH: 24, doses: (0..<3).map { DoseEvent(timeH: Double($0) * 8, amountMg: 20) })
        #expect(isClose(summary.aucMgHPerL, day.aucMgHPerL, relative: 1e-13))
        #expect(isClose(summary.cmaxMgPerL, day.cmaxMgPerL, relative: 1e-13))
        #expect(summary.tmaxH == day.tmaxH)
        // Cavg at steady state: F·D/(CL·τ), exactly.
        #expect(isClose(try #require(summary.averageMgPerL), 20 / (11.6 * 8), relative: 1e-13))
    }

    @Test func populationWithoutVariabilityHasEveryPercentileAtTheTypicalValue() throws {
        let model = try Self.model([("CL", 5), ("V", 100), ("KA", 1)])
        let simulation = PKSimulation(model: model, regimen: .regular(doseMg: 100, intervalH: 12, count: nil, steadyState: false),
                                      timesH: [0, 3, 30])
        let population = try simulation.populationProfile(subjects: 5, seed: 1)
        let typical = try simulation.typicalProfile().concentrationsMgPerL
        for (row, value) in zip(population.concentrationsMgPerL, typical) {
            #expect(row == [value, value, value])
        }
    }

    @Test func sampleQuantilesInterpolateBetweenOrderStatistics() {
        let sample = [1.0, 2, 3, 4]
        #expect(PKSimulation.quantile(sortedSample: sample, probability: 0.5) == 2.5)
        #expect(abs(PKSimulation.quantile(sortedSample: sample, probability: 0.05) - 1.15) < 1e-15)
        #expect(PKSimulation.quantile(sortedSample: sample, probability: 1) == 4)
        #expect(PKSimulation.quantile(sortedSample: [7], probability: 0.95) == 7)
    }

    @Test func populationPercentilesBracketTheTypicalSubject() throws {
        let drug = try DrugLibrary(folder: shippedDrugFolder).load("baclofen")
        let simulation = PKSimulation(model: try PKSimulationModel(drug: drug),
                                      regimen: .regular(doseMg: 10, intervalH: 8, count: nil, steadyState: true),
                                      timesH: [1, 4, 7])
        let population = try simulation.populationProfile(subjects: 400, seed: 9)
        let typical = try simulation.typicalProfile().concentrationsMgPerL
        for (row, value) in zip(population.concentrationsMgPerL, typical) {
            #expect(row[0] < value && value < row[2])
            #expect(row[0] < row[1] && row[1] < row[2])
        }
        #expect(population.csv.hasPrefix("time_h,p05,p50,p95\n1,"))
    }
}
