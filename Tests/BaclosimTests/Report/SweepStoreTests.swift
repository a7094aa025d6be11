import Foundation
import Testing
@testable import Baclosim

@Suite struct SweepStoreTests {
    /// Runs the fixture's sweep into `folder`, `stopAfter` points per call, until complete;
    /// returns sweep.csv and the calls made.
    private func sweepCSV(in folder: URL, stopAfter: Int?) throws -> (csv: String, calls: Int) {
        var calls = 0
        while true {
            // A fresh template and store per call, as a restarted process would have.
            let template = try ScenarioTemplate(path: sweepFixture)
            let sweep = try #require(try template.scenario().sweep)
            let identity = try ScenarioSweep.identity(template: template, definition: sweep, subjects: 30)
            let store = try SweepStore(path: folder.appendingPathComponent("sweep.sqlite").path, identity: identity,
                                       points: sweep.points)
            let progress = try ScenarioSweep.run(template: template, definition: sweep, store: store, subjects: 30,
                                                 threads: 2, stopAfter: stopAfter)
            calls += 1
            if progress.isComplete { return (try store.tidyCSV(parameters: sweep.parameters.map(\.keyPath)), calls) }
            #expect(progress.pointsRun == stopAfter)
        }
    }

    @Test func resumedSweepGivesTheSameTableAsAnUninterruptedOne() throws {
        let whole = try BaclosimTestFolder()
        let pieces = try BaclosimTestFolder()
        defer { whole.remove(); pieces.remove() }
        let uninterrupted = try sweepCSV(in: whole.url, stopAfter: nil)
        let resumed = try sweepCSV(in: pieces.url, stopAfter: 3)
        #expect(uninterrupted.calls == 1 && resumed.calls == 3)
        #expect(resumed.csv == uninterrupted.csv)
        // 7 points × (2 arms × (2 metrics + 3 counts) + 2 difference rows) + header.
        #expect(uninterrupted.csv.split(separator: "\n").count == 1 + 7 * 12)
    }

    @Test func pointsWithCommonRandomNumbersDifferOnlyByTheirParameters() throws {
        let folder = try BaclosimTestFolder()
        defer { folder.remove() }
        _ = try sweepCSV(in: folder.url, stopAfter: nil)
        let template = try ScenarioTemplate(path: sweepFixture)
        let sweep = try #require(try template.scenario().sweep)
        let store = try SweepStore(path: folder.url.appendingPathComponent("sweep.sqlite").path,
                                   identity: ScenarioSweep.identity(template: template, definition: sweep, subjects: 30),
                                   points: sweep.points)
        let results = try store.results()
        // The placebo arm takes no drug: changing the baclofen dose (points 1, 2) or Emax (3, 4)
        // leaves it identical to the base case, draw for draw.
        for point in 1...4 {
            #expect(results[point]?.filter { $0.arm == "placebo" } == results[0]?.filter { $0.arm == "placebo" })
        }
        #expect(results[5]?.filter { $0.arm == "placebo" } != results[0]?.filter { $0.arm == "placebo" })
    }

    @Test func storeForAChangedScenarioRefusesToResume() throws {
        let folder = try BaclosimTestFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("sweep.sqlite").path
        let points = [SweepPoint(index: 0, values: [1], variedParameter: nil)]
        let identity = SweepStore.Identity(scenarioDigest: "aaaa", subjects: 10, seed: 1, kind: "grid", parameters: ["a"], pointCount: 1)
        _ = try SweepStore(path: path, identity: identity, points: points)
        _ = try SweepStore(path: path, identity: identity, points: points)
        var changed = identity
        changed.scenarioDigest = "bbbb"
        #expect {
            try SweepStore(path: path, identity: changed, points: points)
        } throws: { error in
            "\(error)".contains("changed since this sweep started") && "\(error)".contains("another --out")
        }
    }

    @Test func tornadoDefaultsToTheFirstDifferenceAndSortsByWidestSwing() throws {
        let sweep = SweepDefinition(kind: .oneWay, parameters: [
            .init(keyPath: "narrow", baseValue: 1, values: [0.9, 1.1]),
            .init(keyPath: "wide", baseValue: 5, values: [1, 9]),
        ])
        func rows(_ diff: Double) -> [OutcomeRow] {
            [OutcomeRow(arm: "a", metric: "m", kind: .arm, mean: 1, se: 0.1),
             OutcomeRow(arm: "b-a", metric: "m", kind: .difference, mean: diff, se: 0.1)]
        }
        let results: [Int: [OutcomeRow]] = [0: rows(0.5), 1: rows(0.45), 2: rows(0.55), 3: rows(0.1), 4: rows(1.5)]
        let table = try TornadoTable(definition: sweep, results: results, arm: nil, metric: nil)
        #expect(table.arm == "b-a" && table.metric == "m" && table.base == 0.5)
        #expect(table.bars.map(\.parameter) == ["wide", "narrow"])
        #expect(table.bars[0].atLow == 0.1 && table.bars[0].atHigh == 1.5)
        #expect(table.csv.split(separator: "\n")[1].hasPrefix("wide,1.0,9.0,b-a,m,0.5,0.1,1.5,-0.4,1.0,1.4"))
        #expect(throws: TornadoTable.Failure.self) { try TornadoTable(definition: sweep, results: results, arm: "zz", metric: nil) }
    }
}

/// A fresh temporary folder for one test.
struct BaclosimTestFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("baclosim-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(at: url) }
}
