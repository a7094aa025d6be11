import Foundation
import Testing

/// `baclosim validate --warnings`, `baclosim audit` and `baclosim compare` as a user runs them.
@Suite struct InputAuditCommandTests {
    typealias Run = RunCommandTests

    @Test func validateWarningsNamesAnInputWithoutEffectWithFileLineAndReason() throws {
        let file = "Tests/Fixtures/scenarios/sweep-small.yaml"
        let result = try Run.baclosim(["validate", "--warnings", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("\(file):17: warning: population.creatinine_clearance_mL_per_min.lower: has no effect in this scenario: the lower bound lies"),
                "\(result.stderr)")
        #expect(result.stdout.contains("inputs without effect)"))
        // Without the flag: no warnings.
        let plain = try Run.baclosim(["validate", file])
        #expect(plain.status == 0 && plain.stderr.isEmpty)
    }

    /// The audit of a small scenario: every input changes an output or is named (exit 0).
    @Test func auditOfASmallScenarioAccountsForEveryInput() throws {
        let result = try Run.baclosim(["audit", "Tests/Fixtures/scenarios/sweep-small.yaml", "--subjects", "30", "--threads", "1"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("0 silently ignored, 0 warned but effective"), "\(result.stdout)")
    }

    @Test func compareTellsAgreementAndDisagreementAndRejectsABadTable() throws {
        let folder = Run.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let a = "arm,metric,mean,se\nx,p,0.50,0.01\nx,zero,0,0\n"
        let near = "arm,metric,mean,se\nx,p,0.52,0.01\nx,zero,0,0\ny,q,1,0.1\n"
        let far = "arm,metric,mean,se\nx,p,0.60,0.01\nx,zero,0,0\n"
        for (name, text) in [("a", a), ("near", near), ("far", far), ("bad", "arm,mean\nx,1\n")] {
            try text.write(toFile: "\(folder)/\(name).csv", atomically: true, encoding: .utf8)
        }
        let agree = try Run.baclosim(["compare", "\(folder)/a.csv", "\(folder)/near.csv"])
        #expect(agree.status == 0, "\(agree.stdout)")
        #expect(agree.stdout.contains("z 1.41") && agree.stdout.hasSuffix("2 compared, 0 beyond limit\n"))
        #expect(agree.stdout.contains("only in the second table: y,q"))
        let disagree = try Run.baclosim(["compare", "\(folder)/a.csv", "\(folder)/far.csv"])
        #expect(disagree.status == 1)
        #expect(disagree.stdout.contains("BEYOND") && disagree.stdout.hasSuffix("1 beyond limit\n"))
        let bad = try Run.baclosim(["compare", "\(folder)/a.csv", "\(folder)/bad.csv"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("missing column(s) metric, se"), "\(bad.stderr)")
    }
}
