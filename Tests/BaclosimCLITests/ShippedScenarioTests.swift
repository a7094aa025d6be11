import Foundation
import Testing

/// The scenario files shipped under `Scenarios/` load and, for the taper comparison, show the
/// mechanism they were written for. Runs the built binary (see ``BaclosimBinary``).
@Suite(.serialized) struct ShippedScenarioTests {
    /// Every `.yaml` under `Scenarios/` with a top-level `arms:` key (a scenario, not a drug
    /// file or an includable model block), relative to the repository root.
    static func shippedScenarios() throws -> [String] {
        let root = BaclosimBinary.repositoryRoot
        let folder = root.appendingPathComponent("Scenarios")
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var paths: [String] = []
        for case let url as URL in walker where url.pathExtension == "yaml" {
            let text = try String(contentsOf: url, encoding: .utf8)
            let isScenario = text.split(separator: "\n").contains { $0.hasPrefix("arms:") }
            if isScenario { paths.append(String(url.path.dropFirst(root.path.count + 1))) }
        }
        return paths.sorted()
    }

    @Test func everyShippedScenarioValidates() throws {
        let scenarios = try Self.shippedScenarios()
        #expect(scenarios.contains("Scenarios/taper-comparison.yaml"))
        #expect(scenarios.contains("Scenarios/models/calibration.yaml"))
        for scenario in scenarios {
            let result = try BaclosimBinary.run(["validate", scenario])
            #expect(result.status == 0, "\(scenario): \(result.standardError)")
        }
    }

    /// Paired difference rows of `differences.csv`: `(a − b, metric) → (mean, ci_low, ci_high)`.
    static func differences(in folder: URL) throws -> [String: (mean: Double, low: Double, high: Double)] {
        let text = try String(contentsOf: folder.appendingPathComponent("differences.csv"), encoding: .utf8)
        var rows: [String: (Double, Double, Double)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 6, let mean = Double(fields[2]), let low = Double(fields[4]), let high = Double(fields[5]) else { continue }
            rows["\(fields[0]),\(fields[1])"] = (mean, low, high)
        }
        return rows
    }

    /// Every taper lowers withdrawal incidence against the abrupt stop of the same dose, and
    /// for the 4-week taper the paired 95% interval excludes 0. With the shipped assumptions the
    /// differences are about −0.12 (1-week, 90 mg) to −0.30 (4-week, 90 mg) at 4000 subjects; with
    /// 150 subjects a paired difference of proportions has SE ≤ √(0.25/150) ≈ 0.041, so the
    /// smallest lies about 3 SE below 0 and the 4-week ones (≈ −0.25) about 6 SE (the run takes
    /// ≈ 9 s in a debug build).
    @Test func everyTaperHasLessWithdrawalThanTheAbruptStop() throws {
        let out = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try BaclosimBinary.run(["run", "Scenarios/taper-comparison.yaml", "--subjects", "150", "--threads", "2",
                                          "--out", out.appendingPathComponent("run").path, "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        let rows = try Self.differences(in: out.appendingPathComponent("run"))
        // summary.md says once that the relapse rows are event shares, naming each of them.
        let markdown = try String(contentsOf: out.appendingPathComponent("run/summary.md"), encoding: .utf8)
        let note = markdown.split(separator: "\n").first { $0.hasPrefix("Time-to-event endpoints (") }
        for endpoint in ["relapse_after_stop", "relapse_before_stop", "relapse_during_taper", "relapse_after_taper"] {
            #expect(note?.contains(endpoint) == true, "summary.md: no event-share line naming \(endpoint)")
        }
        for dose in [60, 90] {
            for taper in ["linear1w", "linear2w", "linear4w", "step10q3d"] {
                let key = "b\(dose)_\(taper)-b\(dose)_abrupt,withdrawal_incidence"
                guard let row = rows[key] else {
                    Issue.record("no row \(key) in differences.csv")
                    continue
                }
                #expect(row.mean < 0, "\(key): \(row)")
                if taper == "linear4w" { #expect(row.high < 0, "\(key): interval \(row.low) … \(row.high) includes 0") }
            }
        }
    }
}
