import Foundation
import Testing

@testable import Baclosim

@Suite struct RunReportTests {
    private func report(subjects: Int = 200, failEvery: UInt64? = nil, trajectories: Int = 0) throws -> RunReport {
        let result = try EngineFixtures.runToy(
            subjects: subjects, threads: 2, failEvery: failEvery, trajectories: trajectories)
        let provenance = RunProvenance(
            gitCommit: "abc123", scenarioPath: "Scenarios/toy.yaml", scenarioSHA256: "00ff", seed: 42,
            generator: "toy-hash", gslVersion: "2.7.1", warnings: ["daily-dose cap exceeded under supervised exception"])
        return RunReport(result: result, manifest: RunManifest(result: result, provenance: provenance, wallTimeS: 2))
    }

    @Test func summaryCSVHasOneRowPerArmMetricQuantileAndCount() throws {
        let lines = try report().summaryCSV.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "arm,metric,mean,se,ci_low,ci_high")
        #expect(lines.last == "")  // ends with a newline
        // Per arm: score, 3 quantiles, responded, subjects, excluded, failed.
        #expect(lines.count == 1 + 3 * 8 + 1)
        let metrics = lines[1...8].map { $0.split(separator: ",", omittingEmptySubsequences: false)[1] }
        #expect(metrics == ["score", "score_p05", "score_p50", "score_p95", "responded", "subjects", "excluded", "failed"])
        #expect(lines.contains("control,subjects,200,,,"))
        #expect(lines.contains("treated,excluded,19,,,"))
    }

    /// A mean's interval is mean ± 1.96 SE; a proportion's (`responded`) is Wilson's, inside
    /// [0, 1], over the arm's subjects.
    @Test func numbersRoundTripAndIntervalIsMeanPlusMinus196SEOrWilsonForAProportion() throws {
        let text = try report().summaryCSV
        let lines = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var checkedProportions = 0
        for fields in lines {
            #expect(fields.count == 6)
            guard !fields[3].isEmpty, let mean = Double(fields[2]), let se = Double(fields[3]) else { continue }
            // Shortest round-trip text: printing the parsed value gives the same text.
            #expect(mean.description == fields[2])
            if fields[1] == "responded" {
                let n = try #require(lines.first { $0[0] == fields[0] && $0[1] == "subjects" }.flatMap { Int($0[2]) })
                let wilson = SummaryRow.wilsonInterval(proportion: mean, subjects: n)
                #expect(Double(fields[4]) == wilson.low && Double(fields[5]) == wilson.high)
                #expect(wilson.low >= 0 && wilson.low <= mean && mean <= wilson.high && wilson.high <= 1)
                checkedProportions += 1
            } else {
                #expect(Double(fields[4]) == mean - 1.96 * se)
                #expect(Double(fields[5]) == mean + 1.96 * se)
            }
        }
        #expect(checkedProportions == 3)
    }

    /// Wilson's interval against a textbook value (Newcombe 1998, table I: 81/263 → 0.2553 to
    /// 0.3662) and at the boundaries, where the normal interval leaves [0, 1].
    @Test func wilsonIntervalsMatchTheTextbookAndStayInTheUnitInterval() {
        let (low, high) = SummaryRow.wilsonInterval(proportion: 81.0 / 263.0, subjects: 263)
        #expect(abs(low - 0.2553) < 5e-5 && abs(high - 0.3662) < 5e-5, "\(low), \(high)")
        let zero = SummaryRow.wilsonInterval(proportion: 0, subjects: 29)
        #expect(zero.low == 0 && abs(zero.high - 0.1170) < 5e-5, "\(zero)")
        let one = SummaryRow.wilsonInterval(proportion: 1, subjects: 29)
        #expect(one.high == 1 && abs(one.low - 0.8830) < 5e-5, "\(one)")
    }

    @Test func emptyMetricReadsNanWithEmptyError() {
        let csv = SummaryTable.csv([SummaryRow(arm: "a", metric: "m", mean: nil, se: nil)])
        #expect(csv == "arm,metric,mean,se,ci_low,ci_high\na,m,nan,,,\n")
    }

    @Test func differencesCSVNamesArmsMinuendMinusSubtrahend() throws {
        let lines = try report().differencesCSV.split(separator: "\n")
        #expect(lines.first == "arm,metric,mean,se,ci_low,ci_high")
        // The treated arm excludes some subjects, so treated − control is over fewer subjects
        // than control has: the `_n` rows say how many.
        #expect(lines.dropFirst().map { $0.split(separator: ",")[0] + "," + $0.split(separator: ",")[1] } == [
            "treated-control,score", "treated-control,score_n", "treated-control,responded", "treated-control,responded_n",
            "treated_copy-treated,score", "treated_copy-treated,responded",
        ])
        #expect(lines.contains("treated-control,score_n,181,,,"))
        #expect(lines.contains("treated_copy-treated,score,0.0,0.0,0.0,0.0"))
    }

    @Test func markdownHasAColumnPerArmAndADifferencesTable() throws {
        let markdown = try report().summaryMarkdown
        #expect(markdown.contains("| metric | control | treated | treated_copy |"))
        #expect(markdown.contains("| subjects | 200 | 181 | 181 |"))
        #expect(markdown.contains("| treated_copy-treated | score | 0 (0, 0) |"))
        // The toy's time-to-event endpoint ("relapse") has no row of its own: no event-share line.
        #expect(!markdown.contains("Time-to-event endpoints"))
        #expect(SummaryTable.markdownCell(SummaryRow(arm: "a", metric: "m", mean: 0.123456, se: 0.001)) ==
            "0.1235 (0.1215, 0.1254)")
    }

    @Test func kaplanMeierAndTimeSeriesTablesHaveARowPerArmAndDay() throws {
        let report = try report()
        let km = SeriesTables.kaplanMeierCSV(report.result).split(separator: "\n")
        #expect(km.first == "arm,endpoint,day,at_risk,events,censored,survival")
        #expect(km.count == 1 + 3 * 10)
        #expect(km[1].hasPrefix("control,relapse,0,200,"))
        let series = SeriesTables.timeSeriesCSV(report.result).split(separator: "\n")
        #expect(series.first == "arm,day,level,level_se")
        #expect(series.count == 1 + 3 * 10)
    }

    @Test func manifestIsSortedSnakeCaseJSONWithProvenanceAndCounts() throws {
        let report = try report(subjects: 300, failEvery: 97)
        let json = try report.manifestJSON()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["tool_version"] as? String == Baclosim.version)
        #expect(object["git_commit"] as? String == "abc123")
        #expect(object["scenario_sha256"] as? String == "00ff")
        #expect(object["seed"] as? Int == 42)
        #expect(object["subjects"] as? Int == 300)
        #expect(object["block_size"] as? Int == 16)
        #expect(object["threads"] as? Int == 2)
        #expect(object["failed_subjects"] as? Int == 4)  // subjects 5, 102, 199, 296
        #expect(object["first_failure"] as? String == "subject 5: toy failure for subject 5")
        #expect((object["excluded_subjects"] as? [String: Int])?["treated"] == 28)
        let expectedRate: Double = 300.0 * 10 * 3 / 2
        #expect(object["subject_days_per_second"] as? Double == expectedRate)
        #expect((object["warnings"] as? [String])?.count == 1)
        // Keys appear in sorted order, so equal manifests are equal text.
        let keys = json.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == keys.sorted())
        let decoded = try JSONDecoder().decode(RunManifest.self, from: Data(json.utf8))
        #expect(decoded == report.manifest)
    }

    /// `effects.csv`: for a paired comparison of the same subjects, the risk difference is the
    /// paired difference with its interval; for one over different subjects (the treated arm
    /// excludes some), the difference of the arm means; a mean gets MD and SMD.
    @Test func effectsFollowTheArmsAndThePairedDifferences() throws {
        let report = try report()
        let rows = report.effectsCSV.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["comparison", "metric", "measure", "estimate", "ci_low", "ci_high"])
        func field(_ comparison: String, _ metric: String, _ measure: String) -> [String]? {
            rows.first { $0[0] == comparison && $0[1] == metric && $0[2] == measure }
        }
        #expect(field("treated_copy-treated", "responded", "risk_difference") == ["treated_copy-treated", "responded", "risk_difference", "0.0", "0.0", "0.0"])
        let summary = report.summaryCSV.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        func mean(_ arm: String, _ metric: String) -> Double { Double(summary.first { $0[0] == arm && $0[1] == metric }?[2] ?? "") ?? .nan }
        let rd = try #require(field("treated-control", "responded", "risk_difference").flatMap { Double($0[3]) })
        #expect(rd == mean("treated", "responded") - mean("control", "responded"))
        let rr = try #require(field("treated-control", "responded", "risk_ratio").flatMap { Double($0[3]) })
        #expect(abs(rr - mean("treated", "responded") / mean("control", "responded")) < 1e-12)
        #expect(field("treated-control", "score", "mean_difference") != nil && field("treated-control", "score", "standardized_mean_difference") != nil)
        #expect(try report.files().map(\.name).contains("effects.csv"))
    }

    @Test func outputFolderHoldsEveryTable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baclosim-report-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = try report(trajectories: 2)
        try report.write(to: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == [
            "differences.csv", "effects.csv", "km.csv", "manifest.json", "summary.csv", "summary.md", "timeseries.csv",
            "trajectories.csv",
        ])
        #expect(try String(contentsOfFile: folder + "/summary.csv", encoding: .utf8) == report.summaryCSV)
    }
}
