import Foundation
import Testing

/// `baclosim targets` on the shipped trial scenarios (Scenarios/trials): the targets the README
/// marks as met land inside their published intervals, the misses stay misses, and a broken
/// `targets:` block gives exact error lines. Runs the built binary (see ``BaclosimBinary``).
///
/// Size: 2 000 subjects (Addolorato) or 5 000 (Cochrane, Garbutt, Jonas, whose targets lie closer
/// to a bound). The Monte Carlo SE of a proportion is then ≤ 0.011 (≤ 0.006 at 5 000), against
/// trial 95 % half-widths of 0.03-0.13, and every checked estimate lies ≥ 3 Monte Carlo SEs inside
/// (or outside) its interval. Targets too close to a bound for a debug-sized run are checked in
/// release at 100 000 subjects by the command that writes the README table (every met and MISS
/// of that table must reproduce in CI: scripts/regenerate-results --check).
@Suite(.serialized) struct TrialTargetsTests {
    /// Target rows of the command's Markdown table: name → (simulated mean, verdict).
    static func verdicts(_ scenario: String, subjects: Int = 2000) throws -> [String: (simulated: Double, met: Bool)] {
        let result = try BaclosimBinary.run(["targets", scenario, "--subjects", String(subjects), "--threads", "2"])
        #expect(result.status == 0, "\(result.standardError)")
        var rows: [String: (Double, Bool)] = [:]
        for line in result.standardOutput.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 7, let simulated = Double(cells[5].split(separator: " ").first ?? "") else { continue }
            rows[cells[1]] = (simulated, cells[6].hasPrefix("**met**"))
        }
        return rows
    }

    /// Cochrane 2023 pooled effect at 5 000 subjects: the relative risk, the PDA difference and the
    /// drinks-per-drinking-day difference lie ≥ 5 Monte Carlo SEs inside; the placebo relapse share
    /// (≈ 0.79 against a lower bound of 0.781) and PDA (≈ 0.53 against 0.513) only at the README
    /// size, where the placebo drinks per drinking day (≈ 5.05 against an upper bound of 5.03) is
    /// a miss.
    @Test func cochranePooledTargetsAreMet() throws {
        let rows = try Self.verdicts("Scenarios/trials/cochrane2023-pooled.yaml", subjects: 5000)
        #expect(rows["ddd_placebo"] != nil)
        for name in ["relapse_rr", "pda_difference", "ddd_difference"] {
            #expect(rows[name]?.met == true, "\(name): \(String(describing: rows[name]))")
        }
    }

    /// Garbutt 2010 at 5 000 subjects: the placebo arm, the difference, both dropouts and both
    /// spreads across subjects (the drinking frailty's work). The baclofen arm's heavy days (≈ 0.19
    /// against a lower bound of 0.187) is too close to its bound for this size: checked at 100 000
    /// subjects only.
    @Test func garbuttTargetsAreMetIncludingTheSpreadAcrossSubjects() throws {
        let rows = try Self.verdicts("Scenarios/trials/garbutt2010.yaml", subjects: 5000)
        for name in ["phdd_placebo", "phdd_difference", "dropout_baclofen", "dropout_placebo", "phdd_sd_baclofen", "phdd_sd_placebo"] {
            #expect(rows[name]?.met == true, "\(name): \(String(describing: rows[name]))")
        }
        #expect(rows["phdd_baclofen"] != nil)
    }

    /// Addolorato 2007 (cirrhosis) at 2 000 subjects: both dropouts met, the baclofen arm's total
    /// abstinence (≈ 0.36 against 0.714) a clear miss that must not turn into a pass.
    @Test func addoloratoDropoutIsMetAndBaclofenAbstinenceIsMissed() throws {
        let rows = try Self.verdicts("Scenarios/trials/addolorato2007.yaml")
        for name in ["dropout_baclofen", "dropout_placebo"] {
            #expect(rows[name]?.met == true, "\(name): \(String(describing: rows[name]))")
        }
        #expect(rows["abstinence_baclofen"]?.met == false, "a README miss")
        #expect(rows["cad_baclofen"] != nil && rows["cad_sd_placebo"] != nil)
    }

    /// The pooled abstinence odds ratio (Rose & Jones 2018) and Addolorato 2002's baclofen arm,
    /// 2 000 subjects: both ≥ 5 Monte Carlo SEs inside their intervals.
    @Test func pooledOddsRatioAndAddolorato2002BaclofenArmAreMet() throws {
        let pooled = try Self.verdicts("Scenarios/trials/rose-jones2018-pooled.yaml")
        #expect(pooled["abstinence_or"]?.met == true, "\(String(describing: pooled["abstinence_or"]))")
        let early = try Self.verdicts("Scenarios/trials/addolorato2002.yaml")
        #expect(early["abstinence_baclofen"]?.met == true, "\(String(describing: early["abstinence_baclofen"]))")
    }

    /// Mayo-Smith 1997: both risk differences (inputs of the model, so this checks the engine's
    /// delivery through the abstinence window) and both untreated incidences. 20 000 subjects,
    /// 7 days: every estimate ≥ 5 Monte Carlo SEs inside its interval.
    @Test func mayoSmithBenzodiazepineTargetsAreMet() throws {
        let rows = try Self.verdicts("Scenarios/trials/mayosmith1997.yaml", subjects: 20000)
        for name in ["seizure_rd", "delirium_rd", "seizure_untreated", "delirium_untreated"] {
            #expect(rows[name]?.met == true, "\(name): \(String(describing: rows[name]))")
        }
    }

    /// Jonas 2014 with the jointly calibrated Emax values. 5 000 subjects: paired SE of a risk
    /// difference ≈ 0.004; both any-drinking RDs ≥ 4 SEs inside. Naltrexone's heavy-drinking RD
    /// (≈ −0.062 against −0.06) is checked at the README size only.
    @Test func jonasRiskDifferencesAreMetWithTheCalibratedEffects() throws {
        let rows = try Self.verdicts("Scenarios/trials/jonas2014.yaml", subjects: 5000)
        for name in ["acamprosate_any_rd", "naltrexone_any_rd"] {
            #expect(rows[name]?.met == true, "\(name): \(String(describing: rows[name]))")
        }
        #expect(rows["naltrexone_heavy_rd"] != nil)
    }

    /// Rolland 2018 high dose with the calibrated drug hazards (calibrated/rolland2018-highdose.yaml).
    /// 3 000 subjects: SE of an incidence ≤ 0.009, the sedation and insomnia rows ≥ 3.8 SEs inside;
    /// the paraesthesia rows (half-widths 0.004 and 0.011) are checked at the README size only.
    @Test func rollandSedationAndInsomniaIncidencesAreMet() throws {
        let rows = try Self.verdicts("Scenarios/trials/rolland2018-highdose.yaml", subjects: 3000)
        for name in ["sedation_baclofen", "sedation_placebo", "insomnia_baclofen", "insomnia_placebo"] {
            #expect(rows[name]?.met == true, "\(name): \(String(describing: rows[name]))")
        }
    }

    /// The generating command takes the folder: every trial scenario (a file with targets:, in
    /// name order), none of the calibrated include files in `calibrated/` nor the joint
    /// calibration file (`scenarios:`, no `targets:`).
    @Test func folderArgumentRunsEveryTrialScenario() throws {
        let result = try BaclosimBinary.run(["targets", "Scenarios/trials", "--subjects", "20", "--threads", "2"])
        #expect(result.status == 0, "\(result.standardError)")
        let trials = try FileManager.default.contentsOfDirectory(atPath: BaclosimBinary.repositoryRoot.appendingPathComponent("Scenarios/trials").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
            .filter { name in
                let text = (try? String(contentsOf: BaclosimBinary.repositoryRoot.appendingPathComponent("Scenarios/trials/\(name)"), encoding: .utf8)) ?? ""
                return text.hasPrefix("targets:") || text.contains("\ntargets:")
            }
            .map { String($0.dropLast(5)) }
        #expect(trials.count >= 6)
        let runs = trials.map { "\($0): 20 subjects" }
        #expect(result.standardOutput.contains("Runs: " + runs[0]))
        for run in runs { #expect(result.standardOutput.contains(run), "\(run)") }
    }

    @Test func brokenTargetsBlockGivesExactErrorLines() throws {
        let folder = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let trial = try String(contentsOf: BaclosimBinary.repositoryRoot.appendingPathComponent("Scenarios/trials/garbutt2010.yaml"), encoding: .utf8)
        let models = BaclosimBinary.repositoryRoot.appendingPathComponent("Scenarios/models").path
        let head = trial.components(separatedBy: "\ntargets:")[0].replacingOccurrences(of: "../models", with: models)
            .replacingOccurrences(of: "library: baclofen", with: "file: \(BaclosimBinary.repositoryRoot.path)/Scenarios/drugs/baclofen.yaml")
        let line = head.split(separator: "\n", omittingEmptySubsequences: false).count + 2
        let path = folder.appendingPathComponent("broken.yaml").path
        try (head + """

            targets:
              - {name: x, metric: phd, arm: placebo, value: 0.2, interval: [0.1, 0.3], source: S}
              - {name: y, metric: phdd, ratio: [baclofen30], value: 2, interval: [0.1, 0.3], source: S}

            """).write(toFile: path, atomically: true, encoding: .utf8)
        let result = try BaclosimBinary.run(["targets", path])
        #expect(result.status == 2)
        #expect(result.errorLines == [
            "\(path):\(line): targets[0].metric: no metric 'phd' in this scenario. Use an endpoint or metric name: dropout, phdd, phdd_sd. Did you mean 'phdd'?",
            "\(path):\(line + 1): targets[1].ratio: must be a list of 2 names (found 1). Write ratio: [a, b].",
            "\(path):\(line + 1): targets[1].value: 2 lies outside its interval [0.1, 0.3]. Check the value and interval against the source (same unit: proportions as 0–1).",
        ])
    }

    @Test func updateReadmeReplacesOnlyTheMarkedSection() throws {
        let folder = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let readme = folder.appendingPathComponent("README.md")
        try "intro\n<!-- targets:begin -->\nstale\n<!-- targets:end -->\noutro\n".write(to: readme, atomically: true, encoding: .utf8)
        let markdown = folder.appendingPathComponent("table.md").path
        let result = try BaclosimBinary.run(["targets", "Scenarios/trials/cochrane2023-pooled.yaml", "--subjects", "200", "--threads", "2",
                                             "--update-readme", readme.path, "--markdown", markdown])
        #expect(result.status == 0, "\(result.standardError)")
        let text = try String(contentsOf: readme, encoding: .utf8)
        #expect(text.hasPrefix("intro\n<!-- targets:begin -->\n| scenario | target |"))
        #expect(text.hasSuffix("<!-- targets:end -->\noutro\n"))
        #expect(!text.contains("stale"))
        #expect(try String(contentsOfFile: markdown, encoding: .utf8) == result.standardOutput)

        try "no markers\n".write(to: readme, atomically: true, encoding: .utf8)
        let refused = try BaclosimBinary.run(["targets", "Scenarios/trials/cochrane2023-pooled.yaml", "--subjects", "200", "--update-readme", readme.path])
        #expect(refused.status == 2)
        #expect(try String(contentsOf: readme, encoding: .utf8) == "no markers\n")
    }
}
