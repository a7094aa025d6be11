import Foundation
import Testing
@testable import Baclosim

/// PSA draws written in place into the compiled model (``CompiledParameterBinding``, run on a
/// ``CohortWorkerPool``) against the reference: the scenario re-decoded with the draw's values.
@Suite struct CompiledParameterBindingTests {
    /// The shipped UK PSA, cut to 60 days so a debug run is quick (costs, utilities, mortality,
    /// three drugs, psychosocial therapy in every arm).
    static let economicsPath = sweepFixtureFolder + "/../../../Scenarios/economics/uk-relapse-prevention-psa.yaml"
    static let shortHorizon: [(String, Double)] = [("run.horizon_days", 60)]
        + (0..<7).map { ("endpoints[\($0)].window_days[1]", 59) }

    private func psa(_ parameters: [PSAParameter]) throws -> PSADefinition {
        PSADefinition(draws: 2, subjectsPerDraw: nil, parameterSet: try PSAParameterSet(parameters: parameters), willingnessToPay: [0])
    }

    /// Rows as text: NaN-safe byte identity.
    private func text(_ rows: [[OutcomeRow]]) -> String { rows.map { $0.map { "\($0)" }.joined(separator: "\n") }.joined(separator: "\n--\n") }

    @Test func boundAndReDecodedDrawsGiveIdenticalRowsForAnyThreadCount() throws {
        let template = try ScenarioTemplate(path: sweepFixture)
        let definition = try #require(try template.scenario().psa)
        let reference = try ProbabilisticSensitivityAnalysis.run(template: template, definition: definition, draws: 3, subjects: 30,
                                                                 threads: 1, path: .redecode)
        // 30 subjects in blocks of 20: 2 blocks a draw; 5 threads also run 2 draws side by side.
        for threads in [1, 2, 3, 5] {
            let bound = try ProbabilisticSensitivityAnalysis.run(template: template, definition: definition, draws: 3, subjects: 30,
                                                                 threads: threads, path: .automatic)
            let allBound = bound.binding.allSatisfy { $0.boundInPlace }
            #expect(allBound)
            #expect(bound.drawValues == reference.drawValues)
            #expect(text(bound.rows) == text(reference.rows))
            #expect(bound.rows == reference.rows)
        }
        let noneBound = reference.binding.allSatisfy { !$0.boundInPlace }
        #expect(noneBound)
    }

    @Test func everyKeyPathOfTheShippedPSABindsInPlaceAndMatchesReDecoding() throws {
        let template = try ScenarioTemplate(path: Self.economicsPath)
        let base = try template.scenario(overrides: Self.shortHorizon)
        let definition = try #require(base.psa)
        let resolved = ProbabilisticSensitivityAnalysis.bindings(of: definition, in: base)
        for result in resolved {
            if case .failure(let failure) = result { Issue.record("\(failure.keyPath) falls back: \(failure.reason)") }
        }
        #expect(resolved.count == 21)
    }

    /// Writes `value` at `keyPath` through its binding into the compiled base model, after a
    /// first run on the same pool (so the pool's reuse is exercised), and runs it.
    private func boundRows(_ template: ScenarioTemplate, base overrides: [(String, Double)], keyPath: String, value: Double,
                           subjects: Int, threads: Int = 1) throws -> (base: [OutcomeRow], bound: [OutcomeRow]) {
        let scenario = try template.scenario(overrides: overrides)
        var model = try CohortModel(scenario: scenario)
        let binding = try CompiledParameterBinding.resolve(keyPath: keyPath, in: scenario).get()
        #expect(binding.violation(value) == nil)
        let pool = try CohortWorkerPool(model: model, configuration: RunConfiguration(
            subjects: subjects, blockSize: 7, threads: threads, maxFailedFraction: scenario.run.maxFailedFraction))
        let baseRows = ProbabilisticSensitivityAnalysis.rows(of: try pool.run(model: model))
        binding.write(value, into: &model)
        #expect(CompiledParameterBinding.refreshDerivedParts(of: &model, families: [binding.target.family]))
        return (baseRows, ProbabilisticSensitivityAnalysis.rows(of: try pool.run(model: model)))
    }

    private func decodedRows(_ template: ScenarioTemplate, overrides: [(String, Double)], subjects: Int) throws -> [OutcomeRow] {
        var scenario = try template.scenario(overrides: overrides)
        scenario.run.blockSize = 7
        return OutcomeRow.rows(of: try Simulation(scenario: scenario).run(subjects: subjects, threads: 2)).filter { $0.kind != .count }
    }

    @Test(arguments: [
        ("economics.utility_by_risk_level.abstinent", 0.3),       // reached from day 0 (never before the fix)
        ("economics.hospitalisation_cost_per_day_by_risk_level.abstinent", 40),
        ("economics.drug_products[1].pack_price", 140),
        ("economics.psychosocial_sessions.unit_cost", 55),
        ("economics.monitoring_visits.unit_cost", 90),
        ("economics.mortality.relative_risk_by_risk_level.abstinent", 5000),
        ("economics.mortality.gompertz.a_per_year", 0.03),
        ("economics.mortality.gompertz.b_per_year", 0.2),
        ("drugs.baclofen.effect.emax", 0.95),
        ("drugs.naltrexone.effect.ec50_mg_per_L", 0.0002),
        ("drugs.acamprosate.effect.emax", 0.9),
        ("adherence.take_probability", 0.4),
        ("craving.theta_per_day", 0.05),
    ] as [(String, Double)])
    func anEconomicsOrBehaviourBindingChangesTheResultAsReDecodingDoes(keyPath: String, value: Double) throws {
        let template = try ScenarioTemplate(path: Self.economicsPath)
        let (base, bound) = try boundRows(template, base: Self.shortHorizon, keyPath: keyPath, value: value, subjects: 24, threads: 2)
        let decoded = try decodedRows(template, overrides: Self.shortHorizon + [(keyPath, value)], subjects: 24)
        #expect(text([bound]) == text([decoded]))
        #expect(text([bound]) != text([base]), "the binding of \(keyPath) changed nothing")
    }

    @Test(arguments: [
        ("drinking.states[0].drinking_hazard.baseline.constant_per_day", 0.2),
        ("drinking.states[0].drinking_hazard.craving_coefficient", 2.5),
        ("drugs.baclofen.effect.ec50_mg_per_L", 1.5),
        ("craving.sigma_per_sqrt_day", 1.2),
    ] as [(String, Double)])
    func aDrinkingHazardOrDrugEffectBindingChangesTheResultAsReDecodingDoes(keyPath: String, value: Double) throws {
        let template = try ScenarioTemplate(path: sweepFixture)
        let (base, bound) = try boundRows(template, base: [], keyPath: keyPath, value: value, subjects: 30)
        let decoded = try decodedRows(template, overrides: [(keyPath, value)], subjects: 30)
        #expect(text([bound]) == text([decoded]))
        #expect(text([bound]) != text([base]), "the binding of \(keyPath) changed nothing")
    }

    /// A hazard binding checks a draw by the declared rule (BlockDeclaration.hazard), whether the
    /// state is addressed by index or by name: a craving coefficient beyond ±20 is refused as the
    /// decoder refuses it.
    @Test func aHazardBindingTakesTheDeclaredRuleByIndexOrName() throws {
        let scenario = try ScenarioTemplate(path: sweepFixture).scenario()
        let name = scenario.drinking.states[0].name
        for state in ["[0]", "." + name] {
            let binding = try CompiledParameterBinding.resolve(keyPath: "drinking.states\(state).drinking_hazard.craving_coefficient", in: scenario).get()
            #expect(binding.rule == .within(-20, 20), "\(state)")
            #expect(binding.violation(25) != nil && binding.violation(2.5) == nil)
        }
    }

    @Test func anUnbindableKeyPathIsReportedAndEveryDrawReDecodes() throws {
        let template = try ScenarioTemplate(path: sweepFixture)
        let base = try template.scenario()
        for keyPath in ["arms.baclofen30.regimen.maintenance_mg_per_day", "run.seed", "craving.cues.rate_per_day",
                        "drugs.baclofen.parameters.CL", "drinking.states[0].drinking_hazard.baseline.weibull.shape"] {
            guard case .failure(let failure) = CompiledParameterBinding.resolve(keyPath: keyPath, in: base) else {
                Issue.record("\(keyPath) was bound")
                continue
            }
            #expect(failure.keyPath == keyPath && !failure.reason.isEmpty)
        }
        let definition = try psa([
            PSAParameter(keyPath: "drugs.baclofen.effect.emax", distribution: .scalar(.beta(alpha: 70, beta: 30))),
            PSAParameter(keyPath: "arms.baclofen30.regimen.maintenance_mg_per_day", distribution: .scalar(.uniform(lower: 20, upper: 40))),
        ])
        let result = try ProbabilisticSensitivityAnalysis.run(template: template, definition: definition, draws: 2, subjects: 20, threads: 2)
        #expect(result.reDecodedKeyPaths.map(\.keyPath) == ["drugs.baclofen.effect.emax", "arms.baclofen30.regimen.maintenance_mg_per_day"])
        #expect(result.reDecodedKeyPaths[1].reason?.contains("regimen") == true)
        #expect(result.reDecodedKeyPaths[0].reason?.contains("another key path") == true)
        let reference = try ProbabilisticSensitivityAnalysis.run(template: template, definition: definition, draws: 2, subjects: 20,
                                                                 threads: 1, path: .redecode)
        #expect(text(result.rows) == text(reference.rows))
        let files = try PSAReport(result: result, willingnessToPay: [0]).files()
        let bindingCSV = try #require(files.first { $0.name == "psa_binding.csv" }?.text)
        #expect(bindingCSV.contains("arms.baclofen30.regimen.maintenance_mg_per_day,false,"))
    }

    @Test func anInvalidDrawnValueIsTheSameScenarioErrorNamingTheDraw() throws {
        let template = try ScenarioTemplate(path: sweepFixture)
        // A normal Emax around 0.95 with se 0.2: some draw leaves [0, 1].
        let definition = try psa([
            PSAParameter(keyPath: "drugs.baclofen.effect.emax", distribution: .scalar(.normal(mean: 0.95, sd: 0.2))),
            PSAParameter(keyPath: "drinking.states[0].drinking_hazard.baseline.constant_per_day", distribution: .scalar(.fixed(0.03))),
        ])
        func message(_ path: ProbabilisticSensitivityAnalysis.DrawPath, threads: Int = 1) -> String? {
            do {
                _ = try ProbabilisticSensitivityAnalysis.run(template: template, definition: definition, draws: 30, subjects: 4,
                                                             threads: threads, path: path)
                return nil
            } catch {
                return "\(error)"
            }
        }
        let bound = try #require(message(.automatic))
        #expect(bound == message(.redecode))
        // Three draws side by side (one block each): still the lowest failing draw's error.
        #expect(message(.automatic, threads: 3) == bound)
        #expect(bound.contains("PSA draw ") && bound.contains("emax") && bound.contains("must be in [0, 1]"))
    }

    /// A drawn parameter that no output reads (grams, in a scenario whose endpoints count days
    /// and drinks) is marked in psa_binding.csv with its reason; an effective one is not.
    @Test func aDrawnParameterWithoutEffectIsMarkedInTheBindingTable() throws {
        let template = try ScenarioTemplate(path: sweepFixture)
        let definition = try psa([
            PSAParameter(keyPath: "drugs.baclofen.effect.emax", distribution: .scalar(.normal(mean: 0.7, sd: 0.01))),
            PSAParameter(keyPath: "drinking.standard_drink_g", distribution: .scalar(.normal(mean: 12, sd: 0.5))),
        ])
        let result = try ProbabilisticSensitivityAnalysis.run(template: template, definition: definition, draws: 2, subjects: 20, threads: 1)
        let byKey = Dictionary(result.binding.map { ($0.keyPath, $0.noEffect) }, uniquingKeysWith: { a, _ in a })
        #expect(byKey["drugs.baclofen.effect.emax"] == .some(nil))
        #expect(byKey["drinking.standard_drink_g"]??.contains("grams") == true)
        let csv = try #require(try PSAReport(result: result, willingnessToPay: [0]).files().first { $0.name == "psa_binding.csv" }?.text)
        #expect(csv.hasPrefix("key,bound_in_place,reason,has_effect,no_effect_reason\n"))
        #expect(csv.contains("drinking.standard_drink_g,") && csv.contains(",false,\"no output reads grams"))
        let emaxLine = try #require(csv.split(separator: "\n").first { $0.hasPrefix("drugs.baclofen.effect.emax,") })
        #expect(emaxLine.hasSuffix(",true,"))
    }
}
