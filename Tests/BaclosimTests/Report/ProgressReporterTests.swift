import Foundation
import Testing

@testable import Baclosim

@Suite struct ProgressReporterTests {
    /// Collects output and serves a settable clock, from any thread.
    private final class Harness: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        private var nowS = 0.0
        func write(_ s: String) { lock.withLock { text += s } }
        func advance(to s: Double) { lock.withLock { nowS = s } }
        var output: String { lock.withLock { text } }
        var now: Double { lock.withLock { nowS } }
    }

    private func reporter(_ mode: ProgressReporter.Mode, total: Int, _ harness: Harness) -> ProgressReporter {
        ProgressReporter(
            total: total, mode: mode, output: { harness.write($0) }, clockS: { harness.now })
    }

    @Test func barShowsFractionCountRateAndETA() {
        let line = ProgressReporter.barLine(done: 250, total: 1000, elapsedS: 2, unit: "subjects", width: 10)
        #expect(line == "[##--------]  25.0%  250/1000 subjects  125 subjects/s  ETA 0:06")
        let done = ProgressReporter.barLine(done: 1000, total: 1000, elapsedS: 3725, unit: "subjects", width: 4)
        #expect(done == "[####] 100.0%  1000/1000 subjects  0.268 subjects/s  in 1:02:05")
    }

    @Test func lineModePrintsOneSummaryAtTheEnd() {
        let harness = Harness()
        let progress = reporter(.line, total: 5000, harness)
        harness.advance(to: 2)
        progress.update(done: 2000)
        progress.update(done: 5000)
        #expect(harness.output == "")
        harness.advance(to: 4)
        progress.finish()
        progress.finish()
        #expect(harness.output == "5000 subjects in 4 s (1.25k subjects/s)\n")
    }

    @Test func barRedrawsAtMostTenTimesASecondAndEndsWithANewline() {
        let harness = Harness()
        let progress = reporter(.bar, total: 100, harness)
        harness.advance(to: 1)
        progress.update(done: 10)
        progress.update(done: 20)  // same instant: not redrawn
        harness.advance(to: 1.05)
        progress.update(done: 30)  // 50 ms later: not redrawn
        harness.advance(to: 1.2)
        progress.update(done: 25)  // late report from another thread: the count never goes back
        progress.finish()
        let draws = harness.output.split(separator: "\r", omittingEmptySubsequences: true)
        #expect(draws.count == 3)
        #expect(draws[1].contains(" 30/100 "))
        #expect(harness.output.hasSuffix("\n"))
    }

    @Test func quietModePrintsNothing() {
        let harness = Harness()
        let progress = reporter(.quiet, total: 10, harness)
        progress.callback(10, 10)
        progress.finish()
        #expect(harness.output == "")
    }
}
