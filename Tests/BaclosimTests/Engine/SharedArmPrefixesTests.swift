import Foundation
import Testing

@testable import Baclosim

/// Arms that give the same treatment up to a day share those days (`SharedArmPrefixes`): the
/// plan, and the oracle that matters, every table byte-identical to simulating every arm on
/// every day.
@Suite struct SharedArmPrefixesTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios")

    /// Arms by their daily doses (one number per day stands for the day's doses).
    static func plan(_ doses: [[Double]], compatible: @escaping (Int, Int) -> Bool = { _, _ in true }) -> SharedArmPrefixes {
        SharedArmPrefixes(armCount: doses.count, horizonDays: doses[0].count, compatible: compatible,
                          sameDoses: { a, b, day in doses[a][day] == doses[b][day] })
    }

    @Test func followsTheEarlierArmWithTheLongestRunOfEqualLeadingDays() {
        let plan = Self.plan([
            [0, 0, 0, 0, 0, 0],     // placebo
            [5, 10, 10, 10, 10, 10],
            [5, 10, 20, 20, 20, 20],
            [5, 10, 20, 20, 0, 0],  // shares 4 days with arm 2, 2 with arm 1
            [5, 9, 9, 9, 9, 9],     // 1 day with arms 1-3: the first of them
        ])
        #expect(plan.leader == [-1, -1, 1, 2, -1])
        // One day fewer than the run: a dose change on its last day reads the next day's dose.
        #expect(plan.days == [0, 0, 1, 3, 0])
        #expect(plan.simulatedArmDays(horizonDays: 6) == 5 * 6 - 4)
        #expect(!plan.isEmpty)
    }

    @Test func aRunThroughTheHorizonIsSharedWhole() {
        let plan = Self.plan([[1, 2, 3], [0, 2, 3], [1, 2, 3]])
        #expect(plan.leader == [-1, -1, 0])
        #expect(plan.days == [0, 0, 3])
    }

    @Test func incompatibleArmsNeverShare() {
        let plan = Self.plan([[1, 2, 3], [1, 2, 3], [1, 2, 3]], compatible: { a, b in a + b != 1 })
        #expect(plan.leader == [-1, -1, 0])
        let none = Self.plan([[1, 2, 3], [1, 2, 3]], compatible: { _, _ in false })
        #expect(none.isEmpty && none.leader == [-1, -1])
        #expect(SharedArmPrefixes(armCount: 3).isEmpty)
    }

    /// RM-1: the taper arm follows baclofen 30 mg/day through their common 15 then 30 mg/day
    /// days 0–5 (5 shared), the abrupt arm follows the taper arm through day 69 (69 shared).
    @Test func rm1SharesTheTitrationAndTheMaintenanceBeforeTheStop() throws {
        let scenario = try Scenario.load(path: Self.scenarios.appendingPathComponent("reference/rm1.yaml").path)
        let model = try CohortModel(scenario: scenario)
        let plan = CohortSimulator(model: model).armSharing
        #expect(plan.leader == [-1, -1, 1, 2])
        #expect(plan.days == [0, 0, 5, 69])
        #expect(CohortSimulator(model: model, sharesArmPrefixes: false).armSharing.isEmpty)
    }

    /// Arms that differ in anything but their doses do not share: a hazard ratio, psychosocial
    /// therapy, a side effect's consequence, another drug with the same doses.
    @Test func armsThatDifferInMoreThanDosesDoNotShare() throws {
        let models = ScenarioText.models
        let text = """
            schema_version: 2
            name: incompatible
            run: {subjects: 10, seed: 1, horizon_days: 28}
            population: {include: \(models)/population-aud.yaml}
            craving: {include: \(models)/craving-default.yaml}
            drinking: {include: \(models)/alcohol-default.yaml}
            side_effects: {include: \(models)/side-effects-aud.yaml}
            drugs:
              baclofen: {library: baclofen, effect: {exposure: cavg, emax: 0.5, ec50_mg_per_L: 0.08}}
            arms:
              - {name: b30, drug: baclofen, regimen: {dose_times_h: [8, 14, 20], maintenance_mg_per_day: 30}}
              - {name: b30_hr, drug: baclofen, drinking_hazard_ratio: 0.9, regimen: {dose_times_h: [8, 14, 20], maintenance_mg_per_day: 30}}
              - {name: b30_therapy, drug: baclofen, psychosocial_therapy: true, regimen: {dose_times_h: [8, 14, 20], maintenance_mg_per_day: 30}}
              - name: b30_reduce
                drug: baclofen
                regimen: {dose_times_h: [8, 14, 20], maintenance_mg_per_day: 30}
                side_effect_consequences: {somnolence: {action: reduce_dose, reduce_by_mg_per_day: 10}}
              - {name: b30_twice, drug: baclofen, regimen: {dose_times_h: [8, 14, 20], maintenance_mg_per_day: 30}}
            endpoints:
              - {name: abstinent, kind: continuous_abstinence}
            """
        guard case .success(let scenario) = try ScenarioText.load(text) else {
            Issue.record("the scenario should load")
            return
        }
        let plan = CohortSimulator(model: try CohortModel(scenario: scenario)).armSharing
        #expect(plan.leader == [-1, -1, -1, -1, 0])
        #expect(plan.days == [0, 0, 0, 0, 28])
    }

    /// Every table of a run with sharing (2 threads) equals, byte for byte, the same run with
    /// every arm simulated on every day (1 thread).
    static func expectSameTables(_ scenario: Scenario, subjects: Int, trajectories: Int = 0) throws {
        let simulation = try Simulation(scenario: scenario)
        let shared = try simulation.run(subjects: subjects, threads: 2, trajectories: trajectories)
        let alone = try simulation.run(subjects: subjects, threads: 1, trajectories: trajectories, sharesArmPrefixes: false)
        #expect(shared.manifest.armSharing?.enabled == true && alone.manifest.armSharing?.enabled == false)
        let files = try shared.files().filter { $0.name != "manifest.json" }
        let others = try alone.files().filter { $0.name != "manifest.json" }
        #expect(files.map(\.name) == others.map(\.name))
        for (file, other) in zip(files, others) {
            #expect(file.text == other.text, "\(scenario.name): \(file.name) differs with arm sharing")
        }
    }

    @Test(arguments: ["reference/rm1.yaml", "taper-comparison.yaml", "comparators/withdrawal-comparators.yaml",
                      "economics/uk-relapse-prevention-12m.yaml", "oud/methadone-buprenorphine.yaml"])
    func shippedScenariosGiveTheSameTablesWithAndWithoutSharing(path: String) throws {
        let scenario = try Scenario.load(path: Self.scenarios.appendingPathComponent(path).path)
        try Self.expectSameTables(scenario, subjects: 300)
    }

    /// The forks a subject can force: dose reductions (split into other tablets in one arm) and
    /// early stops (with the arm's own declared taper afterwards) while the arms still share, dropout that ends treatment,
    /// withdrawal that restarts the drug, an arm the subject is excluded from or reassigned out
    /// of, economics (tablets, services, mortality), and recorded trajectories (never shared).
    @Test func subjectsThatForkEarlyGiveTheSameTables() throws {
        let models = ScenarioText.models
        let regimen = "dose_times_h: [8, 14, 20], titration: [{days: 3, mg_per_day: 15}, {days: 3, mg_per_day: 30}], maintenance_mg_per_day: 60, tablet_strengths_mg: [10], smallest_tablet_scored: true, side_effect_reduction_mg: 15"
        let text = """
            schema_version: 2
            name: forks
            run: {subjects: 400, seed: 11, horizon_days: 120, block_size: 64}
            population: {include: \(models)/population-aud.yaml}
            craving: {include: \(models)/craving-default.yaml}
            drugs:
              baclofen: {library: baclofen, effect: {exposure: cavg, emax: 0.5, ec50_mg_per_L: 0.08}}
            adherence: {take_probability: 0.9}
            arms:
              - {name: psychosocial, psychosocial_therapy: true}
              - {name: b60, drug: baclofen, psychosocial_therapy: true, regimen: {\(regimen), discontinuation: {kind: linear, days: 7}}}
              - {name: b60_taper, drug: baclofen, psychosocial_therapy: true, regimen: {\(regimen), taper: {start_day: 60, kind: linear, days: 28}, discontinuation: {kind: linear, days: 14}}}
              - {name: b60_abrupt, drug: baclofen, psychosocial_therapy: true, regimen: {\(regimen), taper: {start_day: 60, kind: abrupt}, discontinuation: {kind: linear, days: 7}}}
              - name: b60_renal_excluded
                drug: baclofen
                psychosocial_therapy: true
                regimen: {\(regimen), taper: {start_day: 90, kind: linear, days: 21}}
                eligibility: {min_creatinine_clearance_mL_per_min: 90}
              - name: b60_reassigned
                drug: baclofen
                psychosocial_therapy: true
                regimen: {\(regimen), taper: {start_day: 100, kind: abrupt}, discontinuation: {kind: linear, days: 3}}
                eligibility: {age_years: [18, 50], action: {reassign: psychosocial}}
              - name: b60_1mg_tablets
                drug: baclofen
                psychosocial_therapy: true
                regimen: {dose_times_h: [8, 14, 20], titration: [{days: 3, mg_per_day: 15}, {days: 3, mg_per_day: 30}], maintenance_mg_per_day: 60, tablet_strengths_mg: [1, 10], side_effect_reduction_mg: 15, discontinuation: {kind: linear, days: 7}}
            drinking:
              standard_drink_g: 12
              heavy_day_drinks: {men: 5, women: 4}
              amount: {distribution: poisson, craving_slope: 3}
              states:
                - name: active
                  drinking_hazard: {baseline: {constant_per_day: 0.05}, craving_coefficient: 1.2, craving_reference: 1, treatment_effect: true}
                  transitions: [{to: dropped_out, hazard: {baseline: {constant_per_day: 0.004}}}]
                - name: dropped_out
                  role: dropped_out
                  ends_treatment: true
                  drinking_hazard: {baseline: {constant_per_day: 0.2}}
            side_effects:
              - name: somnolence
                driver: cmax
                background_per_day: 0.004
                max_drug_hazard_per_day: 0.03
                ec50_mg_per_L: 0.25
                resolution: {probability_per_day: 0.2}
                consequences: {intolerable_probability: 0.5, action: reduce_dose, reduce_by_mg_per_day: 10}
              - name: dizziness
                background_per_day: 0.002
                max_drug_hazard_per_day: 0.01
                ec50_mg_per_L: 0.25
                resolution: {probability_per_day: 0.2}
                consequences: {intolerable_probability: 0.3, action: taper}
            withdrawal:
              tau_up_days: 20
              tau_down_days: 3
              threshold: 0.05
              hazard_per_unit_drive: 3.0
              severity_tiers: assumed_default
              reinstate_at_symptom: anxiety
            endpoints:
              - {name: abstinent, kind: continuous_abstinence}
              - {name: any_drinking, kind: time_to_first_drink}
              - {name: dropout, kind: dropout}
              - {name: phdd, kind: proportion_heavy_drinking_days}
            metrics:
              exposure:
                - {name: cavg_day20, measure: cavg, day: 20, quantiles: [0.05, 0.5, 0.95]}
                - {name: cmax_day70, measure: cmax, day: 70}
              craving:
                - {name: craving_day10, day: 10}
            economics:
              currency: GBP
              price_year: 2024
              discount_rates: {costs_per_year: 0.035, effects_per_year: 0.035}
              willingness_to_pay_per_qaly: [20000]
              drug_products:
                - {drug: baclofen, tablet_strength_mg: 10, tablets_per_pack: 84, pack_price: 2.00, basis: tablets_dispensed}
              monitoring_visits: {unit_cost: 45, schedule: [{first_day: 0, every_days: 28, last_day: 119}]}
              psychosocial_sessions: {unit_cost: 110, schedule: [{first_day: 0, every_days: 7, last_day: 83}]}
              side_effect_cost_per_event: 45
              hospitalisation_cost_per_day_by_risk_level: {abstinent: 0.5, low: 0.6, medium: 1, high: 2, very_high: 4}
              utility_by_risk_level: {abstinent: 0.8, low: 0.83, medium: 0.85, high: 0.78, very_high: 0.72}
              disutility_per_side_effect_day: 0.02
              mortality:
                gompertz: {a_per_year: 0.00007, b_per_year: 0.078}
                relative_risk_by_risk_level: {abstinent: 1.5, low: 1.5, medium: 2, high: 3, very_high: 4.5}
            """
        let scenario: Scenario
        switch try ScenarioText.load(text) {
        case .success(let loaded): scenario = loaded
        case .failure(let issues):
            Issue.record("the scenario should load: \(issues)")
            return
        }
        let plan = CohortSimulator(model: try CohortModel(scenario: scenario)).armSharing
        // b60_1mg_tablets gives b60's doses from other tablets: it shares the whole horizon, but
        // a reduced dose (a 50 mg/day ceiling) splits differently, so it must fork at once.
        #expect(plan.leader == [-1, -1, 1, 1, 1, 1, 1])
        #expect(plan.days == [0, 0, 59, 59, 89, 99, 120])
        try Self.expectSameTables(scenario, subjects: 400)
        try Self.expectSameTables(scenario, subjects: 40, trajectories: 5)
        // The subjects did fork early: some reduced or stopped the drug while the arms shared.
        let report = try Simulation(scenario: scenario).run(subjects: 400, threads: 2)
        #expect(try report.metric("somnolence_dose_reduced", arm: "b60").mean > 0)
        #expect(try report.metric("dizziness_discontinued", arm: "b60").mean > 0)
        #expect(try report.metric("dropout", arm: "b60").mean > 0)
    }
}
