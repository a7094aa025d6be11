import Foundation
import Testing
@testable import Baclosim

/// The drinking-risk level transitions a run counts (`risk_level_transitions.csv`) and the Markov
/// model derived from them (``RiskLevelMarkovModel``), on the UK 12-month scenario
/// (``SocietalPerspectiveTests/scenario(_:in:)``: no deaths, no discounting, unless stated).
@Suite struct RiskLevelTransitionTests {
    /// With one-day windows every day is a period, so the subjects counted at each level over
    /// all periods are the days lived at that level, which five attributable events (one per
    /// level, one event per day at it) count independently; each period starts where the last
    /// ended; and the table is the same for one thread and two.
    @Test func oneDayWindowsCountTheDaysAtEachLevel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("risk-levels-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let levels = DrinkingRiskLevel.allCases
        let names = levels.map { PerDrinkingRiskLevel<Double>.scenarioKey($0) }
        let events = names.indices.map { k in
            "  at_\(names[k]): {rates_per_year_by_risk_level: {" + names.indices.map { "\(names[$0]): \($0 == k ? 365.25 : 0)" }.joined(separator: ", ") + "}}"
        }
        let extra = "risk_level_window_days: 1\nalcohol_attributable_events:\n" + events.joined(separator: "\n")
        let scenario = try Scenario.load(path: try SocietalPerspectiveTests.scenario(extra, in: folder))
        let subjects = 120
        let two = try Simulation(scenario: scenario).run(subjects: subjects, threads: 2)
        let one = try Simulation(scenario: scenario).run(subjects: subjects, threads: 1)
        let file = try #require(PeriodTransitionTable.file(two.result))
        #expect(file.name == "risk_level_transitions.csv")
        #expect(file.text == PeriodTransitionTable.file(one.result)?.text)
        #expect(try two.files().contains { $0.name == "risk_level_transitions.csv" })
        let counts = try #require(two.result.outcomes.periodTransitions)
        #expect(counts.table.periods == scenario.run.horizonDays)
        for (a, arm) in two.result.layout.arms.enumerated() {
            let included = two.result.includedSubjects[a]
            for (k, name) in names.enumerated() {
                var days = 0
                for p in 1...counts.table.periods {
                    for from in counts.table.states.indices { days += counts.count(arm: a, period: p, from: from, to: k) }
                }
                let mean = try #require(two.table.armRows.first { $0.arm == arm && $0.metric == "events_at_\(name)" }?.mean)
                #expect(Double(days) == (mean * Double(included)).rounded(), "\(arm) \(name)")
            }
            // Everyone starts period 1 (at the baseline level); period p starts where p − 1 ended.
            var baseline = 0
            for from in counts.table.states.indices {
                for to in counts.table.states.indices { baseline += counts.count(arm: a, period: 1, from: from, to: to) }
            }
            #expect(baseline == included)
            for p in 2...counts.table.periods {
                for state in counts.table.states.indices {
                    let ended = counts.table.states.indices.reduce(0) { $0 + counts.count(arm: a, period: p - 1, from: $1, to: state) }
                    let started = counts.table.states.indices.reduce(0) { $0 + counts.count(arm: a, period: p, from: state, to: $1) }
                    #expect(ended == started, "\(arm) period \(p) state \(state)")
                }
            }
        }
    }

    /// Without deaths the derived model's trace is, cycle by cycle, the shares of the run's arms
    /// at the end of each window (each cycle's matrix is the observed moves of that window); the
    /// care costs per window enter as costs of their cycle.
    @Test func derivedModelReproducesTheObservedShares() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("risk-markov-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try Scenario.load(path: try SocietalPerspectiveTests.scenario("", in: folder))
        let report = try Simulation(scenario: scenario).run(subjects: 150, threads: 2)
        let derived = try RiskLevelMarkovModel(report: report, scenario: scenario)
        let model = try StateTransitionModel.decode(yaml: derived.yaml, file: "derived.yaml")
        let counts = try #require(report.result.outcomes.periodTransitions)
        #expect(model.cycleCount == counts.table.periods)
        #expect(model.states.map(\.name) == Array(counts.table.states.prefix(5)))
        let trace = try CohortTrace(model: model)
        for (a, arm) in report.result.layout.arms.enumerated() {
            let s = try #require(model.strategies.firstIndex { $0.name == arm })
            for p in 1...counts.table.periods {
                let atEnd = (0..<5).map { to in counts.table.states.indices.reduce(0) { $0 + counts.count(arm: a, period: p, from: $1, to: to) } }
                let total = Double(atEnd.reduce(0, +))
                for state in 0..<5 {
                    #expect(abs(trace.occupancy[s][p][state] - Double(atEnd[state]) / total) <= 1e-12, "\(arm) cycle \(p) state \(state)")
                }
            }
            // Care (drug, visits, tests, sessions, side effects) per window: the run's sum over the window's days.
            let care = try #require(trace.outcomes[s].costByItem.first { $0.name == "care" }?.cost)
            let runCare = (1...counts.table.periods).reduce(0.0) { $0 + counts.cost(arm: a, period: $1) } / Double(report.result.includedSubjects[a])
            #expect(abs(care - runCare) <= 1e-9 * runCare, "\(arm)")
        }
    }

    /// With mortality and discounting (the shipped scenario), the derived model over the run's
    /// horizon lands within a few percent of the run's own costs and QALYs (a window's level for
    /// its 28 days against each day's trailing level; deaths from the life table at the median
    /// age), keeps the arms' order of hospital costs, and extrapolates with age-dependent deaths.
    @Test func derivedModelFollowsTheRunWithMortality() throws {
        let path = SocietalPerspectiveTests.repository.appendingPathComponent("Scenarios/economics/uk-relapse-prevention-12m.yaml").path
        let scenario = try Scenario.load(path: path)
        let report = try Simulation(scenario: scenario).run(subjects: 150, threads: 2)
        var options = RiskLevelMarkovModel.Options()
        options.extrapolationCycles = 26
        let derived = try RiskLevelMarkovModel(report: report, scenario: scenario, options: options)
        #expect(derived.yaml.contains("competition: conditional_on_survival"))
        let model = try StateTransitionModel.decode(yaml: derived.yaml, file: "derived.yaml")
        let horizon = try RiskLevelMarkovModel(report: report, scenario: scenario)
        let trace = try CohortTrace(model: StateTransitionModel.decode(yaml: horizon.yaml, file: "horizon.yaml"))
        func mean(_ arm: String, _ metric: String) -> Double {
            report.table.armRows.first { $0.arm == arm && $0.metric == metric }?.mean ?? .nan
        }
        for (s, outcome) in trace.outcomes.enumerated() {
            let arm = report.result.layout.arms[s]
            #expect(abs(outcome.cost / mean(arm, "cost") - 1) < 0.04, "\(arm): \(outcome.cost) vs \(mean(arm, "cost"))")
            #expect(abs(outcome.qalys / mean(arm, "qalys") - 1) < 0.01, "\(arm): \(outcome.qalys) vs \(mean(arm, "qalys"))")
        }
        // Extrapolated: three more years; deaths keep rising, and the first 13 cycles are the horizon model's.
        let long = try CohortTrace(model: model)
        let dead = try #require(model.states.firstIndex { $0.name == "dead" })
        for s in model.strategies.indices {
            #expect(long.occupancy[s][13] == trace.occupancy[s][13])
            #expect(long.occupancy[s][39][dead] > long.occupancy[s][13][dead])
        }
    }

    /// A scenario without economics has nothing to derive from: a clear error, no file.
    @Test func withoutEconomicsDerivationFails() throws {
        let path = SocietalPerspectiveTests.repository.appendingPathComponent("Scenarios/reference/rm1.yaml").path
        let scenario = try Scenario.load(path: path)
        let report = try Simulation(scenario: scenario).run(subjects: 4, threads: 1)
        #expect(PeriodTransitionTable.file(report.result) == nil)
        #expect(throws: RiskLevelMarkovModel.DerivationError.self) { try RiskLevelMarkovModel(report: report, scenario: scenario) }
    }
}
