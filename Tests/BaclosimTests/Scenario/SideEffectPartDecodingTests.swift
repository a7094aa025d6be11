import Foundation
import Testing
@testable import Baclosim

/// Per-drug side-effect parts (issue #5): which part each arm uses, and the ambiguous or
/// misapplied cases reported with their line, key path and fix.
@Suite struct SideEffectPartDecodingTests {
    static let models = ScenarioText.models

    /// A baclofen / naltrexone scenario (library drugs); `drugExtra` goes under naltrexone's
    /// entry (line 13 on), `armExtra` under the naltrexone arm (line 19 on), then `sideEffects`.
    static func scenario(drugExtra: String = "", armExtra: String = "", _ sideEffects: String) -> String {
        """
        schema_version: 2
        name: parts-test
        run: {subjects: 10, seed: 1, horizon_days: 28}
        population: {include: \(models)/population-aud.yaml}
        craving: {include: \(models)/craving-default.yaml}
        drinking: {include: \(models)/alcohol-default.yaml}
        drugs:
          baclofen: {library: baclofen, effect: {emax: 0.5, ec50_mg_per_L: 0.08}}
          naltrexone:
            library: naltrexone
            effect: {emax: 0.3, ec50_mg_per_L: 0.002}
        \(drugExtra.isEmpty ? "# none" : drugExtra)
        arms:
          - name: placebo
          - {name: baclofen, drug: baclofen}
          - name: naltrexone
            drug: naltrexone
        \(armExtra.isEmpty ? "# none" : armExtra)
        endpoints:
          - {name: abstinent, kind: continuous_abstinence}
        """ + "\n" + sideEffects
    }

    func load(_ text: String) throws -> Result<Scenario, ScenarioIssues> { try ScenarioText.load(text) }

    func issueLines(_ text: String) throws -> [String] { try ScenarioText.issueLines(text) }

    @Test func eachArmGetsItsDrugsPartByTheDocumentedPrecedence() throws {
        let scenario = try load(Self.scenario(
            drugExtra: "    side_effects: {somnolence: {driver: dose, max_drug_hazard_per_day: 0.01, ec50_mg_per_day: 50}}",
            """
            side_effects:
              - {name: nausea, background_per_day: 0.001, max_drug_hazard_per_day: 0.5, ec50_mg_per_L: 0.3, drugs: [baclofen]}
              - {name: somnolence, background_per_day: 0.002}
              - {name: paraesthesia, background_per_day: 0.0003}
            """)).get()
        let arm = { (name: String) in try #require(scenario.arms.firstIndex { $0.name == name }) }
        let baclofen = try arm("baclofen"), naltrexone = try arm("naltrexone"), placebo = try arm("placebo")
        // nausea: the entry's part for baclofen (listed), naltrexone's library part (dose driver).
        #expect(scenario.sideEffectModel(arm: baclofen, effect: 0).drugPart?.ec50InDriverUnit == 0.3)
        let naltrexoneNausea = try #require(scenario.sideEffectModel(arm: naltrexone, effect: 0).drugPart)
        #expect(naltrexoneNausea.driver == .dose && naltrexoneNausea.ec50InDriverUnit == 50)
        // somnolence: baclofen's library part (cmax); naltrexone's scenario part wins.
        let baclofenSomnolence = try #require(scenario.sideEffectModel(arm: baclofen, effect: 1).drugPart)
        #expect(baclofenSomnolence.driver == .cmax && baclofenSomnolence.ec50InDriverUnit == 0.25)
        #expect(scenario.sideEffectModel(arm: naltrexone, effect: 1).drugPart?.maximumDrugHazardPerDay == 0.01)
        // paraesthesia: naltrexone declares none, so background only; the placebo arm never has a part.
        #expect(scenario.sideEffectModel(arm: baclofen, effect: 2).drugPart != nil)
        #expect(scenario.sideEffectModel(arm: naltrexone, effect: 2).drugPart == nil)
        #expect(scenario.sideEffectModel(arm: naltrexone, effect: 2).onset.baselinePerDay == 0.0003)
        for k in 0..<3 { #expect(scenario.sideEffectModel(arm: placebo, effect: k).drugPart == nil) }
    }

    @Test func aScenarioDrugPartWithoutDrugsIsAnErrorWhenArmsGiveSeveralDrugs() throws {
        let lines = try issueLines(Self.scenario("""
            side_effects:
              - {name: somnolence, background_per_day: 0.002, max_drug_hazard_per_day: 0.006, ec50_mg_per_L: 0.25}
            """))
        #expect(lines == [
            "22: side_effects[0]: gives a drug part (max_drug_hazard_per_day, ec50_mg_per_L) but the arms give 2 drugs (baclofen, naltrexone), so one drug's parameters would be applied to the others' exposure. Add drugs: [baclofen] naming the drug(s) these numbers describe, or move them to drugs.<drug>.side_effects.somnolence or the drug's library file.",
        ])
    }

    @Test func aPartGivenTwiceOrForAnUnlistedEffectOrWithoutAPartIsReported() throws {
        let lines = try issueLines(Self.scenario(
            drugExtra: "    side_effects: {nausea: {driver: dose, max_drug_hazard_per_day: 0.01, ec50_mg_per_day: 50}, somnolnce: {max_drug_hazard_per_day: 0.01, ec50_mg_per_L: 0.1}}",
            """
            side_effects:
              - {name: nausea, background_per_day: 0.001, max_drug_hazard_per_day: 0.01, ec50_mg_per_L: 0.3, drugs: [baclofen, naltrexone]}
              - {name: somnolence, background_per_day: 0.002, drugs: [baclofen]}
            """))
        #expect(lines == [
            "12: drugs.naltrexone.side_effects.nausea: gives naltrexone's drug part for nausea a second time (side_effects[0] lists naltrexone under drugs:). Keep one: remove naltrexone from side_effects[0].drugs, or remove this block.",
            "23: side_effects[1].drugs: lists the drugs of a drug part, but this entry gives none. Add max_drug_hazard_per_day and the EC50 (e.g. ec50_mg_per_L) for baclofen, or remove drugs:.",
            "12: drugs.naltrexone.side_effects.somnolnce: no side effect 'somnolnce' is listed under side_effects:. List it, e.g. side_effects: [{name: somnolnce, background_per_day: 0.001}], or remove this block. Did you mean 'somnolence'?",
        ])
    }

    @Test func armOverridesMustNameAListedEffectAndATaperNeedsADeclaredTaper() throws {
        let lines = try issueLines(Self.scenario(
            armExtra: "    side_effect_consequences: {nausea: {action: taper}, nausae: {action: discontinue}}",
            """
            side_effects:
              - {name: nausea, background_per_day: 0.001}
            """))
        #expect(lines == [
            "18: arms[2].side_effect_consequences.nausae: no side effect 'nausae' is listed under side_effects:. Use one of: nausea.",
            "18: arms[2].side_effect_consequences.nausea.action: arm 'naltrexone' stops naltrexone by its declared taper after nausea, but its regimen declares none. Give the arm's regimen a discontinuation taper, e.g. discontinuation: {kind: linear, days: 14}, or stop abruptly in this arm: side_effect_consequences: {nausea: {action: discontinue}}.",
        ])
        // Baclofen's library regimen declares a 14-day discontinuation taper: `taper` is valid there.
        let valid = try load(Self.scenario("""
            side_effects:
              - {name: nausea, background_per_day: 0.001, drugs: [baclofen], max_drug_hazard_per_day: 0.001, ec50_mg_per_L: 0.2, consequences: {intolerable_probability: 0.5, action: reduce_dose, reduce_by_mg_per_day: 10}}
            """).replacingOccurrences(of: "  - {name: baclofen, drug: baclofen}",
                                      with: "  - {name: baclofen, drug: baclofen, side_effect_consequences: {nausea: {action: taper}}}")).get()
        let consequences = valid.sideEffectModel(arm: 1, effect: 0).consequences
        #expect(consequences.intolerableAction == .discontinue(.protocolTaper))
        #expect(consequences.intolerableProbability == 0.5)  // keys left out keep the scenario's
        #expect(valid.sideEffectModel(arm: 2, effect: 0).consequences.intolerableAction == .reduceDose(byMgPerDay: 10))
    }

    @Test func anEC50KeyThatDoesNotMatchTheDriverIsReported() throws {
        let lines = try issueLines(Self.scenario(
            drugExtra: "    side_effects: {nausea: {driver: cumulative_dose, max_drug_hazard_per_day: 0.01, ec50_mg_per_L: 50}}",
            """
            side_effects:
              - {name: nausea, background_per_day: 0.001}
            """))
        #expect(lines == [
            "12: drugs.naltrexone.side_effects.nausea.ec50_mg_per_L: does not match driver cumulative_dose. Driver cumulative_dose takes its EC50 as ec50_g; convert the value to that unit, or change driver.",
            "12: drugs.naltrexone.side_effects.nausea.ec50_g: missing. Give the cumulative_dose exposure of half-maximal hazard as ec50_g, e.g. 500.",
        ])
    }

    @Test func everyLibraryDrugDecodesItsSideEffectParts() throws {
        let library = DrugLibrary(folder: URL(fileURLWithPath: Self.models).deletingLastPathComponent().appendingPathComponent("drugs").path)
        let expected: [String: [String]] = [
            "baclofen": ["dry_mouth", "headache", "insomnia", "nausea", "paraesthesia", "somnolence"],
            "naltrexone": ["hepatotoxicity", "nausea"], "acamprosate": ["diarrhoea"],
            "diazepam": ["somnolence"], "chlordiazepoxide": ["somnolence"],
            "methadone": ["constipation", "somnolence"], "buprenorphine": ["constipation", "somnolence"],
            "vigabatrin": ["somnolence", "visual_field_defect"],
        ]
        for (name, effects) in expected {
            let drug = try library.load(name)
            #expect(drug.sideEffects.keys.sorted() == effects, "\(name)")
            for part in drug.sideEffects.values { #expect(part.validationProblems().isEmpty && part.source != nil, "\(name)") }
        }
        let visual = try #require(try library.load("vigabatrin").sideEffects["visual_field_defect"])
        #expect(visual.driver == .cumulativeDose && visual.ec50InDriverUnit == 1000)
        #expect(try library.load("naltrexone").sideEffects["hepatotoxicity"]?.susceptibility.liverDiseaseMultiplier == 3)
    }
}
