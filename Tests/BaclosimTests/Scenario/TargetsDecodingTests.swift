import Foundation
import Testing
@testable import Baclosim

/// The `targets:` block: a valid block decodes to ``TrialTarget`` values; a broken one reports
/// every problem at once with its line, key path and fix.
@Suite struct TargetsDecodingTests {
    /// A two-arm placebo scenario (no drug) followed by `targets` (from line 19).
    static func scenario(targets: String) -> String {
        ScenarioText.twoArmPlacebo(name: "targets-test", then: targets)
    }

    /// Loads `text` from a temporary file; returns the scenario or the issues.
    func load(_ text: String) throws -> Result<Scenario, ScenarioIssues> { try ScenarioText.load(text) }

    @Test func validTargetsDecodeWithDefaultWeight() throws {
        let yaml = Self.scenario(targets: """
            targets:
              - {name: abst, metric: abstinent, arm: placebo, value: 0.29, interval: [0.17, 0.44], source: "12/42 [V]"}
              - {name: pda_md, metric: pda, difference: [therapy, placebo], value: 0.09, interval: [0.03, 0.15], weight: 2, source: S}
              - {name: rr, metric: abstinent, ratio: [therapy, placebo], value: 1.2, interval: [1.0, 1.4], source: S}
              - {name: or, metric: abstinent, odds_ratio: [therapy, placebo], value: 2.67, interval: [1.03, 6.93], source: S}
            """)
        let scenario = try load(yaml).get()
        #expect(scenario.targets.map(\.name) == ["abst", "pda_md", "rr", "or"])
        #expect(scenario.targets[3].quantity == .oddsRatio("therapy", "placebo"))
        #expect(scenario.targets[0].quantity == .arm("placebo"))
        #expect(scenario.targets[0].interval == 0.17...0.44)
        #expect(scenario.targets[0].weight == 1)
        #expect(scenario.targets[1].quantity == .difference("therapy", "placebo"))
        #expect(scenario.targets[1].weight == 2)
        #expect(scenario.targets[2].quantity == .ratio("therapy", "placebo"))
        #expect(scenario.targets[2].quantityLabel == "therapy / placebo")
    }

    @Test func scenarioWithoutTargetsHasNone() throws {
        #expect(try load(Self.scenario(targets: "")).get().targets.isEmpty)
    }

    @Test func brokenTargetsReportEveryProblemWithLineKeyPathAndFix() throws {
        let yaml = Self.scenario(targets: """
            targets:
              - {name: a, metric: abstinance, arm: placebos, value: 0.29, interval: [0.17, 0.44], source: S}
              - {name: a, metric: pda, arm: placebo, difference: [therapy, placebo], value: 0.5, interval: [0.6, 0.4], source: S}
              - {name: c, metric: pda, difference: [placebo, therapy], value: 0.7, interval: [0.1, 0.2], wieght: 1}
            """)
        guard case .failure(let failure) = try load(yaml) else {
            Issue.record("expected the targets block to be rejected")
            return
        }
        let lines = failure.issues.map { issue in
            "\(issue.line.map(String.init) ?? "?"): \(issue.keyPath): \(issue.problem). \(issue.fix)"
        }
        #expect(lines == [
            "20: targets[0].metric: no metric 'abstinance' in this scenario. Use an endpoint or metric name: abstinent, dropout, pda. Did you mean 'abstinent'?",
            "20: targets[0].arm: no arm 'placebos'. Use one of: placebo, therapy. Did you mean 'placebo'?",
            "21: targets[1].difference: gives both 'arm' and 'difference'. Give only one of 'arm' or 'difference' or 'ratio' or 'odds_ratio'.",
            "21: targets[1].name: target 'a' is defined twice. Give every target a different name.",
            "21: targets[1].interval: low 0.6 is above high 0.4. Write interval: [low, high] with low ≤ high.",
            "22: targets[2].wieght: unknown key. Did you mean 'weight'? See the target keys in Scenarios/README.md.",
            "22: targets[2].source: missing. Cite the source with its evidence tag, e.g. source: Addolorato 2007 [V].",
            "22: targets[2].difference: the run does not report placebo-therapy for 'pda'. Without differences:, only differences against the first arm (placebo) are reported; add differences: [{arms: [placebo, therapy], metrics: [pda]}].",
            "22: targets[2].value: 0.7 lies outside its interval [0.1, 0.2]. Check the value and interval against the source (same unit: proportions as 0–1).",
        ])
        #expect(failure.issues.allSatisfy { $0.file?.hasSuffix("s.yaml") == true })
    }

    @Test func targetsMustBeAList() throws {
        guard case .failure(let failure) = try load(Self.scenario(targets: "targets: {name: a}\n")) else {
            Issue.record("expected rejection")
            return
        }
        #expect(failure.issues.map(\.keyPath) == ["targets"])
        #expect(failure.issues.first?.problem == "must be a list (found a mapping)")
        #expect(failure.issues.first?.line == 19)
    }
}
