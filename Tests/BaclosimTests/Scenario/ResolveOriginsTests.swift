import Foundation
import Testing
@testable import Baclosim
import Yams

/// `baclosim resolve --origins`: every value of the resolved scenario names the file and line it
/// came from, so a key kept from an include beside an override shows where it was written.
@Suite struct ResolveOriginsTests {
    /// A population include and a scenario that overrides its age mean and SD (keeping the
    /// include's bounds), with an `overrides:` block.
    func files() throws -> (folder: URL, scenario: String, population: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("origins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let population = folder.appendingPathComponent("population.yaml").path
        try """
            male_probability: 0.7
            age_years: {mean: 46.5, sd: 10, lower: 18, upper: 75}
            baseline_craving: {median: 1, log_sd: 0.30}

            """.write(toFile: population, atomically: true, encoding: .utf8)
        let scenario = folder.appendingPathComponent("scenario.yaml").path
        try """
            schema_version: 1
            name: origins
            run: {subjects: 50, seed: 3, horizon_days: 28}
            overrides: {run.subjects: 60}
            population:
              include: population.yaml
              age_years: {mean: 72.5, sd: 4.3}
            arms: [{name: placebo}]
            craving: {theta_per_day: 0.25, sigma_per_sqrt_day: 0.35}
            drinking:
              standard_drink_g: 12
              heavy_day_drinks: {men: 5, women: 4}
              states:
                - name: active
                  drinking_hazard: {baseline: {constant_per_day: 0.3}, craving_coefficient: 1, craving_reference: 1}
            endpoints:
              - {name: pda, kind: proportion_days_abstinent, window_days: [0, 27]}

            """.write(toFile: scenario, atomically: true, encoding: .utf8)
        return (folder, scenario, population)
    }

    @Test func everyValueNamesItsFileAndLine() throws {
        let (folder, scenario, population) = try files()
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = try ScenarioTemplate(path: scenario)
        let text = try template.resolvedYAMLWithOrigins()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("    mean: 72.5   # \(scenario):7"), "\(text)")
        #expect(lines.contains("    upper: 75   # \(population):2"), "the include's bound kept beside the override: \(text)")
        #expect(lines.contains("  male_probability: 0.7   # \(population):1"))
        #expect(lines.contains("  subjects: 60   # overrides: \(scenario):4"))
        #expect(lines.contains("  seed: 3   # \(scenario):3"))
        #expect(lines.contains { $0.hasPrefix("    - name: active   # ") })
    }

    @Test func theAnnotatedTextIsTheSameDocumentAsThePlainOne() throws {
        let (folder, scenario, _) = try files()
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = try ScenarioTemplate(path: scenario)
        func canonical(_ yaml: String) throws -> String {
            let object = try #require(try Yams.load(yaml: yaml))
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try canonical(template.resolvedYAMLWithOrigins()) == canonical(template.resolvedYAML()))
    }

    @Test func pathsAreNormalisedLexically() {
        #expect(ScenarioTemplate.lexicallyNormalized("Scenarios/trials/../models/x.yaml") == "Scenarios/models/x.yaml")
        #expect(ScenarioTemplate.lexicallyNormalized("/a/./b/../c") == "/a/c")
        #expect(ScenarioTemplate.lexicallyNormalized("../up/x") == "../up/x")
    }
}
