import Testing

@testable import Baclosim

@Suite struct OutcomeLayoutTests {
    @Test func reportsEveryProblemAtOnce() {
        #expect {
            _ = try OutcomeLayout(
                arms: ["a", "a", "b-c"],
                metrics: [MetricSpec("x", quantiles: [0.5], grid: nil), MetricSpec("y", quantiles: [1.5], grid: nil)],
                differences: [PairedDifference("a", minus: "z", metrics: ["w"])],
                horizonDays: 0)
        } throws: { error in
            guard case .invalidLayout(let problems) = error as? EngineError else { return false }
            let text = problems.joined(separator: "\n")
            return problems.count >= 7 && text.contains("'a' appears more than once")
                && text.contains("'b-c' is not a valid name") && text.contains("horizon")
                && text.contains("quantiles need a grid") && text.contains("quantile 1.5")
                && text.contains("arm 'z'") && text.contains("metric 'w'")
        }
    }

    @Test func logGridNeedsPositiveLowerEnd() {
        let metric = MetricSpec("c", quantiles: [0.5], grid: QuantileGrid(lower: 0, upper: 1, scale: .log))
        #expect(metric.validationProblems().contains { $0.contains("log grid needs lower > 0") })
    }

    @Test func quantileRowNamesUseTwoDigitPercents() {
        let metric = MetricSpec("cavg_day30")
        #expect(metric.quantileRowName(0.05) == "cavg_day30_p05")
        #expect(metric.quantileRowName(0.5) == "cavg_day30_p50")
        #expect(metric.quantileRowName(0.95) == "cavg_day30_p95")
        #expect(metric.quantileRowName(0.025) == "cavg_day30_p2_5")
        #expect(metric.quantileRowName(0.07) == "cavg_day30_p07")
    }

    @Test func indicesFollowDeclarationOrder() throws {
        let layout = try EngineFixtures.layout()
        #expect(layout.armIndex("treated_copy") == 2)
        #expect(layout.metricIndex("responded") == 1)
        #expect(layout.endpointIndex("relapse") == 0)
        #expect(layout.seriesIndex("level") == 0)
        #expect(layout.armIndex("nope") == nil)
    }
}
