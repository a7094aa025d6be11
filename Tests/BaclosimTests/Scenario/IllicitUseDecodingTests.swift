import Foundation
import Testing
@testable import Baclosim

/// Decoding of the OUD/cocaine keys: `substance:`, `effect_reduction`, the illicit-use endpoint
/// kinds and the enzyme-inactivation effect, with every problem reported.
@Suite struct IllicitUseDecodingTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios").path

    /// A vigabatrin-vs-placebo scenario with the given effect block, model and endpoints.
    static func scenario(effect: String, drinking: String = "{include: \(scenarios)/models/cocaine-default.yaml}",
                         endpoints: String = "  - {name: retention, kind: retention}") -> String {
        """
        schema_version: 2
        name: illicit-test
        run: {subjects: 10, seed: 1, horizon_days: 28}
        population: {include: \(scenarios)/models/population-oud.yaml}
        craving: {include: \(scenarios)/models/craving-default.yaml}
        drinking: \(drinking)
        drugs:
          vigabatrin:
            library: vigabatrin
            effect: \(effect)
        arms:
          - name: placebo
          - name: vigabatrin
            drug: vigabatrin
        endpoints:
        \(endpoints)
        """
    }

    static let inactivation = "{exposure: enzyme_inactivation, inactivation: {kinact_per_h: 0.1, ki_mg_per_L: 50, kdeg_per_h: 0.0096}, emax: 0.8, ec50_inactivated_fraction: 0.3}"

    func load(_ text: String) throws -> Result<Scenario, ScenarioIssues> { try ScenarioText.load(text) }

    @Test func enzymeInactivationEffectDecodes() throws {
        let scenario = try load(Self.scenario(effect: Self.inactivation, endpoints: """
              - {name: retention, kind: retention, window_days: [0, 20]}
              - {name: urine, kind: urine_negative_share, test_every_days: 7, detection_days: 3, missing: dropout_is_failure}
              - {name: pdf, kind: proportion_use_free_days}
            """)).get()
        #expect(scenario.drinking.substance == .cocaine)
        let pd = try #require(scenario.arms[1].treatment?.pharmacodynamics)
        #expect(pd.exposure == .enzymeInactivation)
        #expect(pd.inactivation == EnzymeInactivation(kinactPerH: 0.1, kiMgPerL: 50, kdegPerH: 0.0096))
        #expect(pd.responder.emax == 0.8 && pd.responder.ec50MgPerL == 0.3)
        #expect(scenario.endpoints.map(\.definition) == [
            .retention(DayWindow(firstDay: 0, lastDay: 20)),
            .urineNegativeShare(DayWindow(firstDay: 0, lastDay: 27), UrineSchedule(everyDays: 7, detectionDays: 3), .dropoutIsFailure),
            .proportionDaysAbstinent(DayWindow(firstDay: 0, lastDay: 27), .complete),
        ])
    }

    @Test func effectReductionAndSubstanceDecodeFromTheOpioidModel() throws {
        let scenario = try load(Self.scenario(effect: "{exposure: cavg, emax: 0.5, ec50_mg_per_L: 10}",
                                              drinking: "{include: \(Self.scenarios)/models/opioid-default.yaml}")).get()
        #expect(scenario.drinking.substance == .opioids)
        let dropout = scenario.drinking.states[0].transitions[1].hazard.modifiers
        #expect(dropout.effectReduction == 1 && dropout.appliesTreatmentHazardRatio)
    }

    @Test func brokenIllicitUseKeysReportEveryProblem() throws {
        // Inactivation without its block and with a concentration EC50; an amount endpoint for
        // cocaine; a urine endpoint without its schedule.
        let yaml = Self.scenario(effect: "{exposure: enzyme_inactivation, emax: 0.8, ec50_mg_per_L: 3, ec50_inactivated_fraction: 0.3}",
                                 endpoints: """
              - {name: phdd, kind: proportion_heavy_drinking_days}
              - {name: urine, kind: urine_negative_share}
            """)
        guard case .failure(let error) = try load(yaml) else { Issue.record("expected problems"); return }
        let text = error.issues.map(\.description).joined(separator: "\n")
        #expect(text.contains("ec50_mg_per_L"))
        #expect(text.contains("inactivation"))
        #expect(text.contains("test_every_days"))
        // A cavg effect with inactivation keys, and an effect_reduction above 1.
        let other = Self.scenario(effect: "{exposure: cavg, emax: 0.5, ec50_mg_per_L: 10, ec50_inactivated_fraction: 0.3}",
                                  drinking: "{include: \(Self.scenarios)/models/opioid-default.yaml, substance: alcohol}")
        guard case .failure(let second) = try load(other) else { Issue.record("expected problems"); return }
        let secondText = second.issues.map(\.description).joined(separator: "\n")
        #expect(secondText.contains("enzyme_inactivation"))
        #expect(secondText.contains("amount"))   // alcohol needs amounts the opioid model lacks
    }

    @Test func amountEndpointsAreRejectedForAnIllicitDrug() throws {
        let yaml = Self.scenario(effect: Self.inactivation, endpoints: "  - {name: grams, kind: mean_grams_per_day}")
        guard case .failure(let error) = try load(yaml) else { Issue.record("expected a problem"); return }
        #expect(error.issues.contains { $0.problem.contains("needs drink amounts") })
    }

    @Test func economicsIsRejectedForAnIllicitDrug() throws {
        let yaml = Self.scenario(effect: Self.inactivation) + "\neconomics: {currency: GBP}\n"
        guard case .failure(let error) = try load(yaml) else { Issue.record("expected a problem"); return }
        #expect(error.issues.contains { $0.keyPath.hasPrefix("economics") && $0.problem.contains("drinking-risk levels") })
    }
}
