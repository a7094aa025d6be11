import Foundation
import Testing
@testable import Baclosim
import Yams

/// `baclosim resolve --origins`: every value of the resolved scenario names the file and line it
/// came from, so a key kept from an include beside an override shows where it was written.
@Suite struct ResolveOriginsTests {
    /// A population include and a scenario that narrows its age bounds (a bound alone merges:
    /// the include's mean, SD and upper bound are kept), with an `overrides:` block.
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
            schema_version: 2
            name: origins
            run: {subjects: 50, seed: 3, horizon_days: 28}
            overrides: {run.subjects: 60}
            population:
              include: population.yaml
              age_years: {lower: 65}
            arms: [{name: placebo}]
            craving: {theta_per_day: 0.25, sigma_per_sqrt_day: 0.35}
            drinking:
              standard_drink_g: 12
              heavy_day_drinks: {men: 5, women: 4}
              amount: {distribution: poisson, craving_slope: 3}
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
        #expect(lines.contains("    lower: 65   # \(scenario):7"), "\(text)")
        #expect(lines.contains("    mean: 46.5   # \(population):2"), "\(text)")
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

    /// An override that gives part of an included distribution is an error naming both places
    /// (issue 20: no silent merges), in `validate` and in `resolve`; the example restates the
    /// kept keys of the same form.
    @Test(arguments: [
        ("age_years: {mean: 72.5, sd: 4.3}", "lower: 18, upper: 75", "{mean: 72.5, sd: 4.3, lower: 18, upper: 75}"),
        ("age_years: {uniform: [65, 80]}", "mean: 46.5, sd: 10, lower: 18, upper: 75", "{uniform: [65, 80]}"),
        ("baseline_craving: {median: 1.2}", "log_sd: 0.30", "{median: 1.2, log_sd: 0.30}"),
    ])
    func aDistributionOverriddenInPartIsAnErrorNamingBothPlaces(override: String, kept: String, example: String) throws {
        let (folder, scenario, _) = try files()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOfFile: scenario, encoding: .utf8).replacingOccurrences(of: "age_years: {lower: 65}", with: override)
        try text.write(toFile: scenario, atomically: true, encoding: .utf8)
        let key = String(override.prefix { $0 != ":" })
        for attempt in [{ _ = try Scenario.load(path: scenario) }, { _ = try ScenarioTemplate(path: scenario).resolvedYAML() }] as [() throws -> Void] {
            let issues = try #require(throws: ScenarioIssues.self) { try attempt() }
            let issue = try #require(issues.issues.first { $0.keyPath == "population.\(key)" }, "\(issues)")
            #expect(issue.file == scenario && issue.line == 7)
            #expect(issue.problem.contains("the included file 'population.yaml' line \(key == "age_years" ? 2 : 3) also gives \(kept)"), "\(issue.problem)")
            #expect(issue.fix.contains("e.g. \(example)"), "\(issue.fix)")
        }
    }

    /// A bound alone narrows an included distribution (the form is kept): still a merge.
    @Test func aBoundAloneStillMerges() throws {
        let (folder, scenario, _) = try files()
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try Scenario.load(path: scenario)
        #expect(loaded.population.age == .truncatedNormal(meanYears: 46.5, sdYears: 10, lowerYears: 65, upperYears: 75))
    }

    @Test func pathsAreNormalisedLexically() {
        #expect(ScenarioTemplate.lexicallyNormalized("Scenarios/trials/../models/x.yaml") == "Scenarios/models/x.yaml")
        #expect(ScenarioTemplate.lexicallyNormalized("/a/./b/../c") == "/a/c")
        #expect(ScenarioTemplate.lexicallyNormalized("../up/x") == "../up/x")
    }
}
