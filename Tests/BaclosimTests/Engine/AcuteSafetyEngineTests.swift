import Foundation
import Testing
@testable import Baclosim

/// Alcohol withdrawal at treatment start through the whole engine: benzodiazepine cover in one
/// arm lowers the seizure and delirium incidence by the declared amounts.
@Suite struct AcuteSafetyEngineTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/scenarios/benzodiazepine-cover.yaml").path

    /// Mean and its standard error of `metric` in `arm`.
    func estimate(_ report: RunReport, arm: String, metric: String) throws -> (mean: Double, se: Double, n: Int) {
        let acc = try report.metric(metric, arm: arm)
        return (acc.mean, acc.standardError ?? .nan, acc.count)
    }

    @Test func benzodiazepineCoverLowersSeizuresAndDeliriumByTheDeclaredEffect() throws {
        let scenario = try Scenario.load(path: Self.fixture)
        let report = try Simulation(scenario: scenario).run(threads: 1)
        // Seizures: 0.30 untreated, risk difference 0.20 → 0.10 covered.
        let s0 = try estimate(report, arm: "uncovered", metric: "alcohol_withdrawal_seizure_incidence")
        let s1 = try estimate(report, arm: "covered", metric: "alcohol_withdrawal_seizure_incidence")
        #expect(s0.n == 4000 && s1.n == 4000)
        // Independent-sample SE: conservative for these paired (common random number) arms.
        let seizureSE = (s0.se * s0.se + s1.se * s1.se).squareRoot()
        #expect(abs((s0.mean - s1.mean) - 0.20) < 5 * seizureSE)
        #expect(abs(s0.mean - 0.30) < 5 * s0.se)
        // Delirium: 0.20 untreated, relative risk 0.5 → 0.10 covered.
        let d0 = try estimate(report, arm: "uncovered", metric: "alcohol_withdrawal_delirium_incidence")
        let d1 = try estimate(report, arm: "covered", metric: "alcohol_withdrawal_delirium_incidence")
        #expect(abs(d0.mean - 0.20) < 5 * d0.se)
        #expect(abs(d1.mean - 0.10) < 5 * d1.se)
        // Common random numbers: a covered subject who seizes would also seize uncovered.
        #expect(s1.mean <= s0.mean)
    }

    @Test func seriousToxicityIncidenceMatchesTheClosedFormForAConstantHazard() throws {
        var scenario = try Scenario.load(path: Self.fixture)
        // A serious grade with a constant 0.01/day hazard and a milder non-serious one: the
        // serious incidence over 7 days is 1 − e^{−0.07} whatever the exposure.
        scenario.toxicity = ToxicityModel(grades: [
            ToxicityGrade(kind: .deepSedation, hazard: ConcentrationHazard(baselinePerDay: 0.05, maximumDrugHazardPerDay: 0,
                                                                           ec50MgPerL: 1, hillCoefficient: 1), isSerious: false),
            ToxicityGrade(kind: .coma, hazard: ConcentrationHazard(baselinePerDay: 0.01, maximumDrugHazardPerDay: 0,
                                                                   ec50MgPerL: 1, hillCoefficient: 1), isSerious: true),
        ])
        let report = try Simulation(scenario: scenario).run(threads: 1)
        let expected = -Foundation.expm1(-0.07)
        for arm in ["uncovered", "covered"] {
            let serious = try estimate(report, arm: arm, metric: "toxicity_serious_incidence")
            let se = (expected * (1 - expected) / Double(serious.n)).squareRoot()
            #expect(abs(serious.mean - expected) < 5 * se)
        }
    }
}
