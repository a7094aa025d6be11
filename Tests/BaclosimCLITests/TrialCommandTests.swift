import Foundation
import Testing

/// End-to-end tests of `baclosim trial`: the built binary writes trials.csv, power.csv and
/// power.md, and refuses bad sizes with one clear line.
@Suite("baclosim trial")
struct TrialCommandTests {
    @Test func writesTheReplicatesAndThePowerTable() throws {
        let out = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let folder = out.appendingPathComponent("trial").path
        let result = try BaclosimBinary.run(["trial", "Tests/Fixtures/scenarios/trial-power.yaml", "--subjects-per-arm", "10,30",
                                             "--replicates", "12", "--threads", "2", "--out", folder, "--quiet"])
        #expect(result.status == 0, "\(result.errorLines)")
        let trials = try String(contentsOfFile: folder + "/trials.csv", encoding: .utf8).split(separator: "\n")
        #expect(trials.first == "subjects_per_arm,replicate,comparison,metric,test,estimate,ci_low,ci_high,p_value")
        #expect(trials.count == 1 + 2 * 12 * 2)   // 2 sizes × 12 replicates × 2 comparisons
        let power = try String(contentsOfFile: folder + "/power.csv", encoding: .utf8).split(separator: "\n")
        #expect(power.count == 1 + 2 * 2)
        #expect(power.dropFirst().allSatisfy { $0.contains(",chi_square,12,0.05,") })
        #expect(FileManager.default.fileExists(atPath: folder + "/power.md"))
    }

    @Test func badSizesAreRefusedWithOneLine() throws {
        let result = try BaclosimBinary.run(["trial", "Tests/Fixtures/scenarios/trial-power.yaml", "--subjects-per-arm", "40,x"])
        #expect(result.status == 64)
        #expect(result.errorLines.contains { $0.contains("--subjects-per-arm must list sizes ≥ 2 (found '40,x')") })
    }
}
