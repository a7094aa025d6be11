import Foundation
import Testing

/// `baclosim cohort`, `run` and `validate` on state-transition files, as a user runs them.
@Suite struct StateTransitionCommandTests {
    @Test func cohortWritesTheTablesOfTheTutorial() throws {
        let folder = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("ss").path
        let result = try BaclosimBinary.run(["cohort", "Scenarios/textbook/sick-sicker.yaml", "--out", out])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("| B | 259,100.41 | 22.1845 | 107,520.54 | 1.4731 | 72,987.64 | on the frontier (vs standard_of_care) |"))
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["ce.csv", "ce.md", "costs.csv", "manifest.json", "results.csv", "summary.md", "trace.csv"])
        let trace = try String(contentsOfFile: out + "/trace.csv", encoding: .utf8).split(separator: "\n")
        #expect(trace.first == "strategy,cycle,years,H,S1,S2,D")
        #expect(trace.count == 1 + 4 * 76)
        #expect(trace[1] == "standard_of_care,0,0.0,1.0,0.0,0.0,0.0")
        let ce = try String(contentsOfFile: out + "/ce.csv", encoding: .utf8)
        #expect(ce.contains("\nA,284804.51337057") && ce.contains(",21.49866280843755,qalys,dominated,,,,,USD,\n"), "\(ce)")
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"mode\" : \"cohort\""))
    }

    /// `run` microsimulates the same file; two runs with different thread counts write
    /// byte-identical folders, and the summary compares each mean with the cohort.
    @Test func runMicrosimulatesByteIdenticallyForAnyThreadCount() throws {
        let folder = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var texts: [[String]] = []
        for threads in ["1", "2"] {
            let out = folder.appendingPathComponent("k\(threads)").path
            let result = try BaclosimBinary.run(["run", "Scenarios/textbook/krijkamp-sick-sicker-microsimulation.yaml", "--subjects", "3000",
                                                 "--threads", threads, "--seed", "5", "--out", out, "--quiet"])
            #expect(result.status == 0, "\(result.standardError)")
            texts.append(try ["results.csv", "ce.csv", "costs.csv", "trace.csv", "summary.md", "manifest.json"].map {
                try String(contentsOfFile: out + "/" + $0, encoding: .utf8)
            })
        }
        #expect(texts[0] == texts[1])
        #expect(texts[0][0].hasPrefix("strategy,cost,cost_se,qalys,qalys_se,"))
        #expect(texts[0][4].contains("z: (simulated mean − cohort expectation) / MCSE"))
        #expect(texts[0][5].contains("\"subjects\" : 3000"))
    }

    @Test func validateAcceptsTheShippedModelsAndReportsMistakes() throws {
        let ok = try BaclosimBinary.run(["validate", "Scenarios/textbook/chancellor-hiv.yaml"])
        #expect(ok.status == 0)
        #expect(ok.standardOutput.contains("ok (state-transition model: 4 states, 2 strategies, 20 cycles)"))
        let folder = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.yaml")
        try """
        name: bad
        states: {well: {utility: 1}, dead: {dead: true}}
        cycle: {length_years: 1, count: 3}
        transitions: [{from: well, to: dead, probability: 1.5}]
        strategies: {usual: {}}
        """.write(to: bad, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        for command in [["validate", bad.path], ["cohort", bad.path, "--out", out], ["run", bad.path, "--out", out]] {
            let result = try BaclosimBinary.run(command)
            #expect(result.status != 0)
            #expect(result.standardError.contains("bad.yaml:4: transitions[0].probability: must be in [0, 1] (found 1.5)"), "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    /// `psa` on the Chancellor model's PSA version writes the PSA tables; `--subjects` (a
    /// scenario's inner loop) is refused with the reason.
    @Test func psaDrawsTheChancellorModel() throws {
        let folder = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("psa").path
        let result = try BaclosimBinary.run(["psa", "Scenarios/textbook/chancellor-hiv.yaml", "--draws", "30", "--threads", "2", "--out", out, "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["ce_plane.csv", "ceac.csv", "evpi.csv", "evppi.csv", "manifest.json", "psa.csv", "summary.md"])
        let psa = try String(contentsOfFile: out + "/psa.csv", encoding: .utf8).split(separator: "\n")
        #expect(psa.count == 31)
        #expect(psa[0].hasSuffix(",cost_monotherapy,life_years_monotherapy,cost_combination,life_years_combination"))
        let refused = try BaclosimBinary.run(["psa", "Scenarios/textbook/chancellor-hiv.yaml", "--subjects", "10", "--out", out])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("--subjects has no effect: this model's draws are each evaluated as a cohort"))
    }

    /// `baclosim sweep` on a state-transition file writes the sweep, its tornado and a summary;
    /// options that only scenarios take are refused.
    @Test func sweepWritesATornado() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("baclosim-ss-sweep-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try BaclosimBinary.run(["sweep", "Scenarios/textbook/sick-sicker.yaml", "--out", out, "--arm", "B-standard_of_care", "--metric", "icer"])
        #expect(result.status == 0, "\(result.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["manifest.json", "summary.md", "sweep.csv", "tornado.csv", "tornado.svg"])
        #expect(result.standardOutput.contains("Tornado of icer (B-standard_of_care)"))
        let wrong = try BaclosimBinary.run(["sweep", "Scenarios/textbook/sick-sicker.yaml", "--out", out, "--arm", "nobody"])
        #expect(wrong.status == 2)
        #expect(wrong.standardError.contains("no outcome nobody"))
        let refused = try BaclosimBinary.run(["sweep", "Scenarios/textbook/sick-sicker.yaml", "--subjects", "10", "--out", out])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("--subjects, --shard, --stop-after and --mpi apply to scenarios"))
    }

    /// The Krijkamp PSA evaluates each draw as a microsimulation; --subjects sets its size.
    @Test func psaOfAMicrosimulation() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("baclosim-kr-psa-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try BaclosimBinary.run(["psa", "Scenarios/textbook/krijkamp-sick-sicker-microsimulation.yaml", "--draws", "6",
                                             "--subjects", "50", "--out", out, "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"evaluation\" : \"microsimulation\""))
        #expect(manifest.contains("\"subjects_per_draw\" : 50"))
        #expect(manifest.contains("\"draws_written_in_place\" : true"))
        let summary = try String(contentsOfFile: out + "/summary.md", encoding: .utf8)
        #expect(summary.contains("6 draws (seed 1) of 14 values, each evaluated as a microsimulation of 50 subjects"))
    }
}
