import Foundation
import Testing

@testable import Baclosim

@Suite struct RunnerTests {
    @Test func tablesAreByteIdenticalForOneTwoAndEightThreads() throws {
        func tables(threads: Int) throws -> [String] {
            let result = try EngineFixtures.runToy(subjects: 1500, blockSize: 7, threads: threads, failEvery: 97)
            let report = RunReport(
                result: result,
                manifest: RunManifest(result: result, provenance: RunProvenance(seed: 1, generator: "toy"), wallTimeS: 1))
            return try report.files().filter { $0.name != "manifest.json" }.map(\.text)
        }
        let one = try tables(threads: 1)
        #expect(one.count == 6)  // summary, differences, effects, timeseries, km CSVs and summary.md
        #expect(try tables(threads: 2) == one)
        #expect(try tables(threads: 8) == one)
    }

    @Test func meansMatchAPlainComputationOverTheSameSubjects() throws {
        let n = 600
        let result = try EngineFixtures.runToy(subjects: n, blockSize: 50, threads: 2, failEvery: 97)
        let layout = result.layout
        for arm in 0..<3 {
            let counted = (0..<UInt64(n)).filter {
                !EngineFixtures.toyFails($0, failEvery: 97) && !(arm > 0 && EngineFixtures.toyExcludedFromTreated($0))
            }
            let scores = counted.map { EngineFixtures.toyOutcome(subject: $0, arm: arm).score }
            let mean = scores.reduce(0, +) / Double(scores.count)
            let accumulator = result.outcomes.mean(arm: arm, metric: 0)
            #expect(accumulator.count == scores.count)
            #expect(abs(accumulator.mean - mean) < 1e-12 * mean)
            #expect(result.includedSubjects[arm] == counted.count)
            // The daily series mean on day 9 and the number of relapses on day 3.
            let level9 = counted.map { EngineFixtures.toyOutcome(subject: $0, arm: arm).levels[9] }
            let i = arm * layout.horizonDays + 9
            #expect(abs((result.outcomes.series.mean(at: i) ?? .nan) - level9.reduce(0, +) / Double(level9.count)) < 1e-12)
            let relapses3 = counted.filter { EngineFixtures.toyOutcome(subject: $0, arm: arm).relapseDay == 3 }.count
            #expect(result.outcomes.survival(arm: arm, endpoint: 0).events[3] == relapses3)
        }
        #expect(result.excludedSubjects == [0, result.excludedSubjects[1], result.excludedSubjects[1]])
    }

    @Test func identicalArmsGiveAPairedDifferenceOfExactlyZero() throws {
        let result = try EngineFixtures.runToy(subjects: 300, threads: 2)
        let table = SummaryTable(result)
        let copyRows = table.differenceRows.filter { $0.arm == "treated_copy-treated" }
        #expect(copyRows.count == 2)
        for row in copyRows {
            #expect(row.mean == 0 && row.se == 0 && row.ciLow == 0 && row.ciHigh == 0)
        }
        // Against a different arm: the toy adds exactly 1 to the score; responses differ by subject.
        let effect = try #require(table.differenceRows.first { $0.arm == "treated-control" && $0.metric == "score" })
        #expect(abs((effect.mean ?? 0) - 1) < 1e-12 && (effect.se ?? 1) < 1e-12)
        let response = try #require(
            table.differenceRows.first { $0.arm == "treated-control" && $0.metric == "responded" })
        #expect((response.mean ?? 0) > 0 && (response.se ?? 0) > 0)
    }

    @Test func failedSubjectsAreCountedAndLeftOutOfEveryArm() throws {
        let n = 970
        let result = try EngineFixtures.runToy(subjects: n, threads: 2, failEvery: 97, maxFailedFraction: 0.05)
        let failing = (0..<UInt64(n)).filter { EngineFixtures.toyFails($0, failEvery: 97) }
        #expect(result.subjects == n)
        #expect(result.failedSubjects == failing.count)
        #expect(result.firstFailure?.subject == failing.first)
        #expect(result.firstFailure?.message == "toy failure for subject 5")
        for arm in 0..<3 {
            #expect(result.includedSubjects[arm] + result.excludedSubjects[arm] + failing.count == n)
        }
    }

    @Test func tooManyFailuresThrowsWithTheFirstFailure() throws {
        #expect {
            _ = try EngineFixtures.runToy(subjects: 500, threads: 2, failEvery: 10, maxFailedFraction: 0.05)
        } throws: { error in
            guard case .tooManyFailures(let failed, let subjects, _, let first) = error as? EngineError else {
                return false
            }
            return failed == 50 && subjects == 500 && first == "subject 5: toy failure for subject 5"
        }
    }

    @Test func finishedBlocksWaitingForMergeStayWithinTheWindow() throws {
        // Many tiny blocks: whatever the scheduling, at most 2 × threads may wait.
        let threads = 4
        let result = try EngineFixtures.runToy(subjects: 3000, blockSize: 1, threads: threads)
        #expect(result.maxPendingBlocks <= Runner.windowBlocksPerThread * threads)
        #expect(result.subjects == 3000)
    }

    @Test func firstKSubjectsHaveTrajectoriesInSubjectOrder() throws {
        let result = try EngineFixtures.runToy(subjects: 100, blockSize: 2, threads: 3, trajectories: 5)
        #expect(result.outcomes.trajectories.map(\.subject) == [0, 1, 2, 3, 4])
        let csv = SeriesTables.trajectoriesCSV(result)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "subject,arm,day,level")
        // Subject 0 is excluded from the treated arms (0 % 11 == 0): 10 days × (1 + 4 × 3) arms.
        #expect(lines.count == 1 + 10 * (1 + 4 * 3))
        #expect(lines[1] == "0,control,0,\(EngineFixtures.toyOutcome(subject: 0, arm: 0).levels[0])")
    }

    @Test func aFailingSimulatorFactoryStopsTheRun() throws {
        struct SetupFailed: Error {}
        #expect(throws: SetupFailed.self) {
            _ = try Runner.run(
                RunConfiguration(subjects: 100, blockSize: 10, threads: 2), layout: try EngineFixtures.layout(),
                makeSimulator: { () throws -> EngineFixtures.ToySimulator in throw SetupFailed() })
        }
    }

    @Test func invalidConfigurationIsRejectedWithEveryProblem() throws {
        #expect {
            _ = try Runner.run(
                RunConfiguration(subjects: 0, blockSize: 0, threads: 0, maxFailedFraction: 2),
                layout: try EngineFixtures.layout(), makeSimulator: { EngineFixtures.ToySimulator() })
        } throws: { error in
            guard case .invalidConfiguration(let problems) = error as? EngineError else { return false }
            return problems.count == 4
        }
    }

    @Test func progressReachesTheTotal() throws {
        let seen = LockedMax()
        _ = try Runner.run(
            RunConfiguration(subjects: 200, blockSize: 9, threads: 3), layout: try EngineFixtures.layout(),
            makeSimulator: { EngineFixtures.ToySimulator() },
            progress: { done, total in seen.record(done, total) })
        #expect(seen.value == (200, 200))
    }
}

/// The largest progress report seen, from any thread.
private final class LockedMax: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private var total = 0
    func record(_ done: Int, _ total: Int) {
        lock.lock()
        self.done = max(self.done, done)
        self.total = total
        lock.unlock()
    }
    var value: (Int, Int) {
        lock.lock()
        defer { lock.unlock() }
        return (done, total)
    }
}
