import Foundation
import Testing
@testable import Baclosim

/// Per-drug `withdrawal:` and `toxicity:`: which block applies to each drug (precedence), and the
/// ambiguous or impossible choices rejected with their line, key path and fix.
@Suite struct DrugSafetyDecodingTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios").path

    /// A scenario with baclofen, methadone and naltrexone arms; `entries[drug]` is appended to
    /// that drug's entry (e.g. `, withdrawal: library`); `block` follows from line 21.
    static func scenario(_ entries: [String: String] = [:], _ block: String = "") -> String {
        func entry(_ drug: String, _ effect: String) -> String {
            "  \(drug): {file: \(scenarios)/drugs/\(drug).yaml, effect: \(effect)\(entries[drug] ?? "")}"
        }
        return """
        schema_version: 2
        name: drug-safety-test
        run: {subjects: 10, seed: 1, horizon_days: 28}
        population: {include: \(scenarios)/models/population-aud.yaml}
        craving: {include: \(scenarios)/models/craving-default.yaml}
        drinking: {include: \(scenarios)/models/alcohol-default.yaml}
        drugs:
        \(entry("baclofen", "{emax: 0.5, ec50_mg_per_L: 0.08}"))
        \(entry("methadone", "{emax: 0, ec50_mg_per_L: 1}"))
        \(entry("naltrexone", "{emax: 0, ec50_mg_per_L: 1}"))
        arms:
          - name: placebo
          - {name: bac, drug: baclofen}
          - {name: mtd, drug: methadone}
          - {name: ntx, drug: naltrexone}
        endpoints:
          - {name: pda, kind: proportion_days_abstinent}
        # line 18
        # line 19
        # line 20

        """ + block
    }

    static let rm1Withdrawal = "withdrawal: {tau_up_days: 20, tau_down_days: 3, threshold: 0.05, hazard_per_unit_drive: 3}\n"

    func load(_ text: String) throws -> Result<Scenario, ScenarioIssues> { try ScenarioText.load(text) }

    func issueLines(_ text: String) throws -> [String] { try ScenarioText.issueLines(text) }

    @Test func withoutAnyChoiceNoDrugHasWithdrawalOrToxicity() throws {
        // A drug file's block is used only when asked for: existing scenarios do not change.
        let scenario = try load(Self.scenario()).get()
        for arm in scenario.arms.indices {
            #expect(scenario.withdrawalModel(arm: arm) == nil)
            #expect(scenario.toxicityModel(arm: arm) == nil)
        }
        #expect(scenario.withdrawalModelsInUse.isEmpty && !scenario.hasToxicityModel)
    }

    @Test func libraryBlocksApplyPerDrugWhenAskedFor() throws {
        let scenario = try load(Self.scenario(["baclofen": ", withdrawal: library, toxicity: library",
                                               "methadone": ", withdrawal: library, toxicity: library"])).get()
        let baclofen = try LibraryDrugs.drug("baclofen"), methadone = try LibraryDrugs.drug("methadone")
        #expect(scenario.withdrawalModel(arm: 0) == nil)
        #expect(scenario.withdrawalModel(arm: 1) == baclofen.withdrawal)
        #expect(scenario.withdrawalModel(arm: 2) == methadone.withdrawal)
        #expect(scenario.withdrawalModel(arm: 3) == nil)
        #expect(scenario.toxicityModel(arm: 1) == baclofen.toxicity)
        #expect(scenario.toxicityModel(arm: 2) == methadone.toxicity)
        #expect(scenario.withdrawalModelsInUse.count == 2 && scenario.hasToxicityModel)
    }

    @Test func aDrugEntryBlockWinsAndTheScenarioLevelBlockCoversTheOthers() throws {
        let scenario = try load(Self.scenario(
            ["methadone": ", withdrawal: {driver: {kind: occupancy, ec50_mg_per_L: 0.2}, tau_up_days: 10, tau_down_days: 5, threshold: 0.1, hazard_per_unit_drive: 1}",
             "naltrexone": ", withdrawal: none"],
            Self.rm1Withdrawal)).get()
        // placebo and baclofen: the scenario-level block (as before per-drug blocks existed).
        #expect(scenario.withdrawalModel(arm: 0) == .rm1)
        #expect(scenario.withdrawalModel(arm: 1) == .rm1)
        let own = try #require(scenario.withdrawalModel(arm: 2))
        #expect(own.driver == .occupancy(exposure: .cavg, ec50MgPerL: 0.2, hill: 1))
        #expect(own.adaptationRiseTimeConstantDays == 10 && own.driveThreshold == 0.1)
        #expect(scenario.withdrawalModel(arm: 3) == nil)
    }

    @Test func aScenarioLevelBlockWithTheDrugFilesDriverIsNotAmbiguous() throws {
        // baclofen's file has the craving-effect driver and assumed_baclofen toxicity: no conflict.
        // (methadone opts out, so only baclofen meets the scenario-level blocks.)
        let scenario = try load(Self.scenario(["methadone": ", withdrawal: none, toxicity: none", "naltrexone": ", toxicity: none"],
                                              Self.rm1Withdrawal + "toxicity: assumed_baclofen\n")).get()
        #expect(scenario.withdrawalModel(arm: 1) == .rm1)
        #expect(scenario.toxicityModel(arm: 1) == .assumedBaclofen)
        #expect(scenario.toxicityModel(arm: 2) == nil)
    }

    @Test func aScenarioLevelBlockOverADrugWithADifferentDriverIsAmbiguous() throws {
        let lines = try issueLines(Self.scenario(["naltrexone": ", toxicity: none"], Self.rm1Withdrawal + "toxicity: assumed_baclofen\n"))
        #expect(lines == [
            "9: drugs.methadone: the scenario-level withdrawal: (driven by the craving effect) would apply to drug 'methadone', whose file has its own withdrawal: block (driven by occupancy of cavg, EC50 0.1 mg/L); which one is meant is ambiguous. Write withdrawal: library under drugs.methadone to use the drug file's block, withdrawal: scenario to use the scenario-level block, or give drugs.methadone its own withdrawal: block.",
            "9: drugs.methadone: the scenario-level toxicity: would apply to drug 'methadone', whose file has its own, different toxicity: block (thresholds are in each drug's mg/L); which one is meant is ambiguous. Write toxicity: library under drugs.methadone to use the drug file's block, toxicity: scenario to use the scenario-level block, or give drugs.methadone its own toxicity: block.",
            // Thresholds in mg/L cannot fit baclofen and methadone at once.
            "22: toxicity: the scenario-level toxicity: block gives its thresholds in mg/L of one drug but would apply to the different drugs 'baclofen' and 'methadone'; which drug's mg/L it means is ambiguous. Give each of these drugs its own toxicity: under drugs.<name> (a block, library or none), or write toxicity: scenario under the one it is meant for.",
        ])
        // Choosing resolves it.
        let chosen = try load(Self.scenario(["methadone": ", withdrawal: library, toxicity: scenario", "naltrexone": ", toxicity: none"],
                                            Self.rm1Withdrawal + "toxicity: assumed_baclofen\n")).get()
        #expect(chosen.withdrawalModel(arm: 2) == (try LibraryDrugs.drug("methadone").withdrawal))
        #expect(chosen.toxicityModel(arm: 2) == .assumedBaclofen)
    }

    @Test func anOccupancyDrivenScenarioLevelBlockForTwoDrugsIsAmbiguous() throws {
        let lines = try issueLines(Self.scenario(["baclofen": ", withdrawal: none"], """
            withdrawal: {driver: {kind: occupancy, ec50_mg_per_L: 0.1}, tau_up_days: 10, tau_down_days: 5, threshold: 0.09, hazard_per_unit_drive: 1.5}

            """))
        #expect(lines == [
            "21: withdrawal: the scenario-level withdrawal: block gives its occupancy EC50 in mg/L of one drug but would apply to the different drugs 'methadone' and 'naltrexone'; which drug's mg/L it means is ambiguous. Give each of these drugs its own withdrawal: under drugs.<name> (a block, library or none), or write withdrawal: scenario under the one it is meant for.",
        ])
        // The craving-effect driver is in effect units, shared by baclofen and naltrexone: no problem.
        _ = try load(Self.scenario(["methadone": ", withdrawal: none"], Self.rm1Withdrawal)).get()
    }

    @Test func choicesThatNameNoBlockAreRejected() throws {
        let lines = try issueLines(Self.scenario(["naltrexone": ", withdrawal: library, toxicity: scenario"]))
        #expect(lines == [
            "10: drugs.naltrexone.withdrawal: drug 'naltrexone' has no withdrawal: block in \(Self.scenarios)/drugs/naltrexone.yaml. Give a withdrawal: block here, or write none or scenario.",
            "10: drugs.naltrexone.toxicity: the scenario has no scenario-level toxicity: block. Add a scenario-level toxicity: block, give a block here, or write library or none.",
        ])
    }

    @Test func aBadDriverOrTierIsReportedWithItsKeyPath() throws {
        let lines = try issueLines(Self.scenario([:], """
            withdrawal:
              driver: {kind: occupancy, ec50_mg_per_l: 0.1}
              tau_up_days: 10
              tau_down_days: 5
              threshold: 0.1
              hazard_per_unit_drive: 1
              severity_tiers:
                - {symptom: anxiety, drive_threshold: 0}
                - {symptom: seizures, drive_threshold: 0.2}
            """))
        #expect(lines == [
            "22: withdrawal.driver.ec50_mg_per_l: unknown key. Did you mean 'ec50_mg_per_L'? driver has kind, exposure, ec50_mg_per_L and hill; see Scenarios/README.md.",
            "22: withdrawal.driver.ec50_mg_per_L: missing: an occupancy driver needs it. Give the concentration of half occupancy in mg/L of this drug, e.g. 0.1.",
            "29: withdrawal.severity_tiers[1].symptom: unknown value 'seizures'. Use one of 'anxiety', 'tachycardia', 'hallucinations', 'psychosis', 'convulsions'.",
        ])
    }

    @Test func customTiersDecodeInTheDriversUnits() throws {
        let scenario = try load(Self.scenario(["methadone": """
            , withdrawal: {driver: {kind: occupancy, exposure: cmax, ec50_mg_per_L: 0.1, hill: 2}, tau_up_days: 10, tau_down_days: 5, threshold: 0.1, hazard_per_unit_drive: 1, severity_tiers: [{symptom: anxiety, drive_threshold: 0}, {symptom: tachycardia, drive_threshold: 0.1, probability_slope_per_unit_drive: 3}], reinstate_at_symptom: tachycardia}
            """])).get()
        let model = try #require(scenario.withdrawalModel(arm: 2))
        #expect(model.driver == .occupancy(exposure: .cmax, ec50MgPerL: 0.1, hill: 2))
        #expect(model.severityTiers == [
            WithdrawalSeverityTier(symptom: .anxiety, driveThreshold: 0, probabilitySlopePerUnitDrive: .infinity),
            WithdrawalSeverityTier(symptom: .tachycardia, driveThreshold: 0.1, probabilitySlopePerUnitDrive: 3),
        ])
        #expect(model.reinstateAtSymptom == .tachycardia)
    }
}
