import Foundation
import Testing
@testable import Baclosim

/// `Calibrator` on the small fixture `Tests/Fixtures/scenarios/calibrate-small.yaml` (2 arms,
/// 300 subjects, 28 days): the objective is deterministic, and a fit recovers a known emax.
@Suite struct CalibratorTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/scenarios")
    static let fixture = fixtures.appendingPathComponent("calibrate-small.yaml").path

    /// The fixture with its targets and calibration replaced by `tail` and its relative paths
    /// made absolute, written to a temporary folder; the caller removes the folder.
    static func variant(_ tail: String) throws -> (folder: URL, path: String) {
        let text = try String(contentsOfFile: fixture, encoding: .utf8)
            .replacingOccurrences(of: "../../../Scenarios/", with: fixtures.appendingPathComponent("../../../Scenarios/").standardized.path + "/")
            .replacingOccurrences(of: "include: sweep-small-drinking.yaml", with: "include: \(fixtures.path)/sweep-small-drinking.yaml")
        guard let cut = text.range(of: "\ntargets:") else { throw CocoaError(.fileReadCorruptFile) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("calibrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("variant.yaml").path
        try (String(text[..<cut.lowerBound]) + "\n" + tail).write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    /// Common random numbers: the same point gives the same objective, bit for bit, on any
    /// thread count.
    @Test func objectiveIsDeterministicAcrossThreadCounts() throws {
        let one = try Calibrator(path: Self.fixture, threads: 1).evaluate([0.55])
        let two = try Calibrator(path: Self.fixture, threads: 2).evaluate([0.55])
        #expect(one == two)
        #expect(one.objective == one.fits.reduce(0) { $0 + $1.comparison.target.weight * $1.standardizedError * $1.standardizedError })
    }

    /// Recovery: simulate at emax 0.7, make that result the target, start from 0.3: the fit
    /// comes back to 0.7 (the objective is exactly 0 there with common random numbers; the
    /// tolerance covers the flat stretch where the discrete outcome does not change).
    @Test func fitRecoversTheEmaxThatMadeTheTarget() throws {
        let truth = 0.7
        let simulated = try #require(try Calibrator(path: Self.fixture, threads: 2).evaluate([truth]).fits.first?.comparison.simulated)
        let (folder, path) = try Self.variant("""
            targets:
              - {name: pda_md, metric: pda, difference: [baclofen30, placebo], value: \(simulated), interval: [\(simulated - 0.01), \(simulated + 0.01)], source: recovery test}
            calibration:
              subjects: 300
              max_iterations: 40
              parameters:
                - {key: drugs.baclofen.effect.emax, initial: 0.3, lower: 0.01, upper: 0.99}
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Calibrator(path: path, threads: 2).run()
        #expect(result.start.values == [0.3])
        #expect(abs(result.fitted.values[0] - truth) < 0.03, "fitted \(result.fitted.values[0])")
        #expect(result.fitted.objective < result.start.objective)
        #expect(result.fitted.objective < 0.05)
        #expect(result.fitted.fits[0].comparison.isMet)
    }

    /// The include file names each fitted key path with its value, after a header.
    @Test func includeFileListsFittedValuesAfterAHeader() throws {
        let calibrator = try Calibrator(path: Self.fixture, maxIterations: 2, threads: 2)
        let result = try calibrator.run()
        let text = result.includeFile(date: Date(timeIntervalSince1970: 0), command: "baclosim calibrate x.yaml")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("# Calibrated parameters for scenario calibrate-small") == true)
        #expect(text.contains("on 1970-01-01T00:00:00Z"))
        #expect(text.contains("NOT converged"))
        let entries = lines.filter { !$0.hasPrefix("#") }
        #expect(entries.count == 1)
        #expect(entries[0].hasPrefix("drugs.baclofen.effect.emax: \(CalibrationResult.formatFitted(result.fitted.values[0]))"))
    }

    /// z is measured against the interval's half-width on the simulated side.
    @Test func standardizedErrorUsesTheHalfWidthOnTheSimulatedSide() {
        let target = TrialTarget(name: "t", metric: "m", quantity: .arm("a"), value: 0.3, interval: 0.2...0.6, weight: 1, source: "s")
        #expect(abs(CalibrationTargetFit.standardizedError(0.6, against: target) - 1) < 1e-12)
        #expect(abs(CalibrationTargetFit.standardizedError(0.25, against: target) + 0.5) < 1e-12)
        #expect(CalibrationTargetFit.standardizedError(0.3, against: target) == 0)
    }
}
