import Foundation
import Testing
@testable import Baclosim
import Yams

/// Inputs that used to validate and then crash, hang or exhaust memory (issue 20's
/// reproductions), each now a located validation error, and the extremes that still validate
/// running to completion.
@Suite struct ValidationGuardTests {
    /// A small alcohol scenario; `craving` and `amount` lines are replaced by the tests, and
    /// `population` lines (indented by two spaces) are added after the baseline craving.
    static func scenario(craving: String = "{theta_per_day: 0.25, sigma_per_sqrt_day: 0.35}",
                         amount: String = "{distribution: poisson, craving_slope: 3}",
                         age: String = "{fixed: 45}", window: String = "[0, 27]",
                         subjects: Int = 50, population: String = "") -> String {
        """
        schema_version: 2
        name: guards
        run: {subjects: \(subjects), seed: 3, horizon_days: 28}
        population:
          male_probability: 0.5
          age_years: \(age)
          baseline_craving: {median: 1, log_sd: 0.30}\(population.isEmpty ? "" : "\n" + population)
        arms: [{name: placebo}]
        craving: \(craving)
        drinking:
          standard_drink_g: 12
          heavy_day_drinks: {men: 5, women: 4}
          amount: \(amount)
          states:
            - name: active
              drinking_hazard: {baseline: {constant_per_day: 0.3}, craving_coefficient: 1, craving_reference: 1}
        endpoints:
          - {name: pda, kind: proportion_days_abstinent, window_days: \(window)}

        """
    }

    @Test func numbersThatOverflowTheCravingOrTheDrinkCountAreRefused() throws {
        let sigma = try ScenarioText.issueLines(Self.scenario(craving: "{theta_per_day: 0.25, sigma_per_sqrt_day: 1e20}"))
        #expect(sigma.contains { $0.contains("craving.sigma_per_sqrt_day: must be in [0, 10]") })
        let jump = try ScenarioText.issueLines(Self.scenario(craving: "{theta_per_day: 0.25, sigma_per_sqrt_day: 0.3, cues: {rate_per_day: 1, mean_jump: 1e308}}"))
        #expect(jump.contains { $0.contains("craving.cues.mean_jump: must be in [0, 10]") })
        let priming = try ScenarioText.issueLines(Self.scenario(craving: "{theta_per_day: 0.25, sigma_per_sqrt_day: 0.3, priming: {multiplier: 1e23, days: 3}}"))
        #expect(priming.contains { $0.contains("craving.priming.multiplier: must be in [0, 10]") })
        for (amount, key) in [("{distribution: poisson, craving_slope: 1e19}", "craving_slope"),
                              ("{distribution: poisson, craving_slope: 3, intercept: 1e15}", "intercept")] {
            let lines = try ScenarioText.issueLines(Self.scenario(amount: amount))
            #expect(lines.contains { $0.contains("drinking.amount.\(key): must be in [0, 100]") }, "\(lines)")
        }
    }

    /// Every bound at its extreme together still runs, quickly: the mean drink count is capped
    /// (DrinkAmountModel.maximumExtraDrinksMean), so drinks stay finite and the inversion short.
    @Test func theExtremesThatValidateRunToCompletion() throws {
        let text = Self.scenario(craving: "{theta_per_day: 0.25, sigma_per_sqrt_day: 10, priming: {multiplier: 10, days: 30}, cues: {rate_per_day: 20, mean_jump: 10}}",
                                 amount: "{distribution: poisson, craving_slope: 100, intercept: 100, baseline_drinks_slope: 100}")
        let report = try Simulation(scenario: ScenarioText.load(text).get()).run(threads: 1)
        let pda = try report.metric("pda", arm: "placebo")
        #expect(pda.count == 50 && pda.mean >= 0 && pda.mean <= 1)
        let model = DrinkAmountModel(cravingSlope: 100, intercept: 100, baselineDrinksSlope: 100)
        #expect(model.extraDrinksMean(craving: .infinity, baselineDrinksPerDay: 30) == DrinkAmountModel.maximumExtraDrinksMean)
        #expect(model.extraDrinksMean(craving: .nan, baselineDrinksPerDay: .nan) == 0)
        #expect(model.drinks(uniform: 0.999_999, craving: 1e300, baselineDrinksPerDay: 1e300) < 200)
    }

    @Test func contradictoryAgesAndFractionalDaysAreRefused() throws {
        let reversed = try ScenarioText.issueLines(Self.scenario(age: "{mean: 46.5, sd: 10, lower: 50, upper: 20}"))
        #expect(reversed.contains { $0.contains("population.age_years.lower: lower 50 is not below upper 20") })
        let mixed = try ScenarioText.issueLines(Self.scenario(age: "{uniform: [65, 80], mean: 30, sd: 2}"))
        #expect(mixed.contains { $0.contains("population.age_years: gives more than one form (uniform and mean/sd/lower/upper)") })
        let empty = try ScenarioText.issueLines(Self.scenario(age: "{mean: 30, sd: 1, lower: 60, upper: 70}"))
        #expect(empty.contains { $0.contains("population.age_years.mean: a normal with mean 30 and SD 1 has almost no mass in [60, 70]") })
        let fraction = try ScenarioText.issueLines(Self.scenario(window: "[0, 20.5]"))
        #expect(fraction.contains { $0.contains("endpoints[0].window_days[1]: must be a whole number in 0…36524") })
    }

    @Test func anIncludedFileThatIsNotAMappingIsNamedNotDropped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("include-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "just: [a, list]\n".write(to: folder.appendingPathComponent("map.yaml"), atomically: true, encoding: .utf8)
        try "- one\n- two\n".write(to: folder.appendingPathComponent("list.yaml"), atomically: true, encoding: .utf8)
        let text = Self.scenario(craving: "{include: \(folder.appendingPathComponent("list.yaml").path), theta_per_day: 0.25, sigma_per_sqrt_day: 0.35}")
        let lines = try ScenarioText.issueLines(text)
        #expect(lines.contains { $0.contains("craving.include: the included file") && $0.contains("is a list, not a mapping") })
        #expect(!lines.contains { $0.contains("- one") })
    }

    /// A problem inside a block that is only an include names the included file and its line,
    /// with the scenario's full key path (not a path relative to the included file).
    @Test func aProblemInAnIncludedBlockKeepsTheScenarioKeyPath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("include-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let included = folder.appendingPathComponent("craving.yaml")
        try "theta_per_day: 0.25\nsigma_per_sqrt_day: -1\n".write(to: included, atomically: true, encoding: .utf8)
        guard case .failure(let failure) = try ScenarioText.load(Self.scenario(craving: "{include: \(included.path)}")) else {
            Issue.record("expected the scenario to be rejected")
            return
        }
        let issue = try #require(failure.issues.first { $0.keyPath.hasSuffix("sigma_per_sqrt_day") })
        #expect(issue.keyPath == "craving.sigma_per_sqrt_day")
        #expect(issue.file == included.path && issue.line == 2)
    }

    /// In a block that merges an included file with sibling keys, a problem names the file that
    /// wrote the value (the included one for its values, the scenario for the overrides), and
    /// contradictory bounds from the two files name both places.
    @Test func aMergedIncludeNamesTheFileOfEachValueAndBothPlacesOfContradictoryBounds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let included = folder.appendingPathComponent("population.yaml")
        try """
        male_probability: 0.5
        age_years: {mean: 46.5, sd: 10, lower: 18, upper: 75}
        baseline_craving: {median: 1, log_sd: -0.3}

        """.write(to: included, atomically: true, encoding: .utf8)
        let population = "population: {include: \(included.path), age_years: {lower: 80}}"
        let text = Self.scenario().replacingOccurrences(of: """
            population:
              male_probability: 0.5
              age_years: {fixed: 45}
              baseline_craving: {median: 1, log_sd: 0.30}
            """, with: population)
        #expect(text.contains(population))
        guard case .failure(let failure) = try ScenarioText.load(text) else { Issue.record("accepted"); return }
        let bound = try #require(failure.issues.first { $0.keyPath == "population.age_years.lower" })
        #expect(bound.file?.hasSuffix("/s.yaml") == true && bound.line == 4, "\(bound)")
        #expect(bound.problem == "lower 80 is not below upper 75 (upper from \(included.path):2)", "\(bound)")
        let craving = try #require(failure.issues.first { $0.keyPath == "population.baseline_craving.log_sd" })
        #expect(craving.file == included.path && craving.line == 3, "\(craving)")
    }

    /// The tablet search is bounded before it runs; overlapping renal bands give one message each.
    @Test func combinatorialTabletsAndOverlappingBandsStayLinear() {
        let many = Regimen(maintenanceMgPerDay: 30, tablets: TabletStrengths(strengthsMg: (1...30).map(Double.init), maxTabletsPerDose: 8))
        #expect(many.tablets!.tabletCombinations > TabletStrengths.maximumCombinations)
        let issues = many.validate()
        #expect(issues.contains { $0.keyPath == "tablet_strengths_mg" && $0.problem.contains("combinations to search") })
        let baclofen = TabletStrengths(strengthsMg: [10, 25], smallestScored: true, maxTabletsPerDose: 8)
        #expect(baclofen.tabletCombinations == 165 && baclofen.givableDosesMg().last == 200)
        let bands = (0..<320).map { RenalBand(aboveMLPerMin: Double($0) * 0.1, upToMLPerMin: 200, action: .scale(factor: 0.5)) }
        let overlapping = Regimen(maintenanceMgPerDay: 30, renalRule: RenalDoseRule(bands: bands)).validate()
        #expect(overlapping.filter { $0.problem.hasPrefix("overlaps") }.count == 319)
    }

    /// Messages that used to come without a line or with the wrong README: an output name that
    /// cannot be a column (reported at its line, not later as an "invalid outcome layout"), a
    /// control character, bytes that are not UTF-8, an empty file.
    @Test func badNamesAndBadBytesAreLocated() throws {
        let arm = try ScenarioText.issueLines(Self.scenario().replacingOccurrences(of: "arms: [{name: placebo}]", with: "arms: [{name: \"pla cebo\"}]"))
        #expect(arm.contains { $0.hasPrefix("8: arms[0].name: 'pla cebo' is not a valid name") }, "\(arm)")
        let endpoint = try ScenarioText.issueLines(Self.scenario().replacingOccurrences(of: "{name: pda,", with: "{name: 2pda,"))
        #expect(endpoint.contains { $0.contains("endpoints[0].name: '2pda' is not a valid name") })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func issues(_ bytes: [UInt8]) -> [String] {
            let path = folder.appendingPathComponent("s.yaml").path
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            do {
                _ = try Scenario.load(path: path)
                return []
            } catch {
                return error.issues.map { "\($0.line.map(String.init) ?? "?"): \($0.problem). \($0.fix)" }
            }
        }
        let control = issues(Array("schema_version: 2\nname: x\u{01}\n".utf8))
        #expect(control.contains { $0.hasPrefix("2: not valid YAML: control characters are not allowed (U+0001)") }, "\(control)")
        let latin1 = issues(Array("schema_version: 2\nname: ".utf8) + [0xE9, 0x0A])
        #expect(latin1.contains { $0.hasPrefix("2: is not UTF-8 text: byte 0xE9") }, "\(latin1)")
        let empty = issues([])
        #expect(empty.contains { $0.contains("the file is empty. Write the keys described in Scenarios/README.md.") }, "\(empty)")
        #expect(ScenarioLoader.firstInvalidUTF8(in: Data("ok ü €\n".utf8)) == nil)
    }

    /// Many list items with the same mistake: all are found (validation stays linear), the first
    /// five printed, the rest summarised in one line at the sixth one's line.
    @Test func repeatedProblemsAreSummarisedAfterTheFirstFew() throws {
        let items = (0..<2_000).map { "  - {name: e\($0), kind: nonsense}" }.joined(separator: "\n")
        let text = Self.scenario().replacingOccurrences(of: "endpoints:\n", with: "endpoints:\n" + items + "\n")
        guard case .failure(let failure) = try ScenarioText.load(text) else { Issue.record("accepted"); return }
        #expect(failure.issues.count == 2_000)
        let lines = failure.description.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines[5].contains("... and 1995 more like the 5 above (endpoints[*].kind), from this line on."))
        // Different mistakes are all printed.
        let mixed = ScenarioIssues((0..<7).map { (index: Int) in ScenarioIssue(file: "f", line: index, keyPath: "k\(index)", problem: "p", fix: "x") })
        #expect(mixed.description.split(separator: "\n").count == 7)
    }

    /// A stray file where a mapping belongs is named, not echoed whole.
    @Test func aLongValueIsCutWhenEchoed() {
        let long = String(repeating: "root:x:0:0 ", count: 50)
        #expect(ScenarioNodeReader.kind(of: Node(long)) == "'" + String(long.prefix(40)) + "…'")
        #expect(ScenarioNodeReader.kind(of: Node("two\nlines")) == "'two…'")
        #expect(ScenarioNodeReader.kind(of: Node("short")) == "'short'")
    }
}
