import Foundation
import Testing

/// The health-economics scenarios shipped in `Scenarios/economics/` load, and the 12-month UK
/// base case runs; once runs price costs (a `cost` metric in `summary.csv`), the run also writes
/// a cost-effectiveness table with one row per arm. Runs the built binary (see ``BaclosimBinary``).
@Suite(.serialized) struct EconomicsScenarioTests {
    /// The files of `Scenarios/economics/`, relative to the repository root.
    static let files = [
        "Scenarios/economics/comparator-calibration.yaml",
        "Scenarios/economics/uk-relapse-prevention-12m.yaml",
        "Scenarios/economics/uk-relapse-prevention-5y.yaml",
        "Scenarios/economics/us-payer-12m.yaml",
        "Scenarios/economics/uk-relapse-prevention-psa.yaml",
        "Scenarios/economics/uk-relapse-prevention-sweep.yaml",
        "Scenarios/economics/uk-relapse-prevention-markov.yaml",
    ]

    /// The five strategies of the relapse-prevention scenarios, reference first.
    static let arms = ["psychosocial", "baclofen30", "baclofen75", "naltrexone", "acamprosate"]

    @Test func everyEconomicsScenarioValidates() throws {
        for file in Self.files {
            let result = try BaclosimBinary.run(["validate", file])
            #expect(result.status == 0, "\(file): \(result.standardError)")
        }
    }

    /// Every `.yaml` in the folder is listed above, so a new file cannot skip validation here.
    @Test func everyFileInTheFolderIsChecked() throws {
        let folder = BaclosimBinary.repositoryRoot.appendingPathComponent("Scenarios/economics")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(Set(names.map { "Scenarios/economics/\($0)" }) == Set(Self.files))
    }

    /// A 200-subject run of the 12-month UK base case succeeds and reports every arm; if the run
    /// prices costs (`cost` metric), `ce.csv` has exactly one row per arm. About 6 s in debug.
    @Test func twelveMonthBaseCaseRunsAndReportsEveryArm() throws {
        let out = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let folder = out.appendingPathComponent("run")
        let run = try BaclosimBinary.run(["run", "Scenarios/economics/uk-relapse-prevention-12m.yaml", "--subjects", "200",
                                          "--threads", "2", "--out", folder.path, "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        let summary = try String(contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8)
        let rows = summary.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for arm in Self.arms {
            #expect(rows.contains { $0.count > 2 && $0[0] == arm && $0[1] == "any_drinking" }, "no any_drinking row for \(arm)")
        }
        guard rows.contains(where: { $0.count > 1 && $0[1] == "cost" }) else { return }   // economics not wired into runs yet
        let ce = try String(contentsOf: folder.appendingPathComponent("ce.csv"), encoding: .utf8)
        let ceRows = ce.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(ceRows.count == Self.arms.count, "\(ce)")
        #expect(Set(ceRows.compactMap(\.first)) == Set(Self.arms), "\(ce)")
    }
}
