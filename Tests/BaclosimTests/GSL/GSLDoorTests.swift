import Foundation
import Testing

/// GSL has one door: only the files in `Sources/Baclosim/GSL/` import it; every other folder
/// calls the Swift names there (``GSL``, ``GSLSampler``, ``CholeskyFactor``, ``NelderMead``).
@Suite struct GSLDoorTests {
    @Test func onlyTheGSLFolderImportsGSL() throws {
        let sources = URL(fileURLWithPath: DesignAdviceTests.scenarios).deletingLastPathComponent().appendingPathComponent("Sources").path
        let files = try #require(FileManager.default.enumerator(atPath: sources)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") })
        #expect(files.count > 100, "\(files.count) source files under \(sources)")
        var importers: [String] = []
        for file in files {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            if text.split(separator: "\n").contains(where: { $0.hasSuffix("import CGSL") }) { importers.append(file) }
        }
        #expect(!importers.isEmpty)
        #expect(importers.allSatisfy { $0.hasPrefix("Baclosim/GSL/") }, "\(importers.sorted())")
    }
}
