import Foundation
import Testing

/// Issue 20's reproductions, kept as files (Tests/Fixtures/invalid/reproductions): each used to
/// validate and then crash, hang or exhaust memory, or gave a message without a line. Now
/// `baclosim validate` rejects each with exactly the located, fixable message in its
/// `.expected` file, and exits 1. The files also seed the fuzzer's corpus (scripts/fuzz).
///
/// After a reviewed change of wording, `BACLOSIM_UPDATE_FIXTURES=1 swift test --filter
/// ReproductionFixtureTests` rewrites the `.expected` files.
@Suite struct ReproductionFixtureTests {
    static let folder = "Tests/Fixtures/invalid/reproductions"
    /// Files the reproductions include rather than reproductions themselves.
    static let included: Set<String> = ["not-a-mapping.yaml"]

    static var fixtures: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: RunCommandTests.root.path + "/" + folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && !included.contains($0) }.sorted()
    }

    @Test func thereAreReproductionsToCheck() {
        #expect(Self.fixtures.count >= 15, "\(Self.fixtures)")
    }

    @Test(arguments: fixtures)
    func validateGivesTheExpectedLocatedMessage(fixture: String) throws {
        let file = "\(Self.folder)/\(fixture)"
        let result = try RunCommandTests.baclosim(["validate", file])
        let expectedPath = RunCommandTests.root.path + "/" + file.replacingOccurrences(of: ".yaml", with: ".expected")
        if ProcessInfo.processInfo.environment["BACLOSIM_UPDATE_FIXTURES"] == "1" {
            try result.stderr.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        #expect(result.status == 1, "\(file) was accepted: \(result.stdout)")
        #expect(result.stdout.isEmpty)
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(result.stderr == expected)
        // Every message names the file and a line.
        for line in result.stderr.split(separator: "\n") {
            #expect(line.hasPrefix("\(file):") && line.dropFirst(file.count + 1).first?.isNumber == true, "\(line)")
        }
    }
}
