import Foundation
import Testing
@testable import Baclosim

/// Withdrawal outputs, reinstatement and side-effect discontinuation through the whole engine.
@Suite struct WithdrawalOutputsEngineTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/scenarios/withdrawal-reinstate.yaml").path

    /// The fixture's withdrawal model with `reinstate_at_symptom: anxiety` (the first tier).
    static func reinstateAtTheFirstSymptom(_ scenario: inout Scenario) throws {
        let w = try #require(scenario.withdrawal)
        scenario.withdrawal = WithdrawalModel(adaptationRiseTimeConstantDays: w.adaptationRiseTimeConstantDays,
                                              adaptationFallTimeConstantDays: w.adaptationFallTimeConstantDays,
                                              driveThreshold: w.driveThreshold, hazardPerUnitDrive: w.hazardPerUnitDrive,
                                              severityTiers: w.severityTiers, reinstateAtSymptom: .anxiety)
    }

    func mean(_ report: RunReport, arm: String, metric: String) throws -> MeanAccumulator {
        try report.metric(metric, arm: arm)
    }

    @Test func discontinuationSharesAndWithdrawalOutputsFollowTheirDefinitions() throws {
        let scenario = try Scenario.load(path: Self.fixture)
        let report = try Simulation(scenario: scenario).run(threads: 1)
        // Every onset is intolerable and stops the drug: the stopping share is the incidence.
        let incidence = try mean(report, arm: "baclofen60", metric: "somnolence_incidence")
        let stopped = try mean(report, arm: "baclofen60", metric: "somnolence_discontinued")
        let reduced = try mean(report, arm: "baclofen60", metric: "somnolence_dose_reduced")
        #expect(incidence.mean > 0.5)
        #expect(stopped.mean == incidence.mean)
        #expect(reduced.mean == 0)
        // Severe withdrawal (hallucinations or worse) is part of withdrawal.
        let withdrawal = try mean(report, arm: "baclofen60", metric: "withdrawal_incidence")
        let severe = try mean(report, arm: "baclofen60", metric: "withdrawal_severe_incidence")
        #expect(withdrawal.mean > 0.1)
        #expect(severe.mean > 0 && severe.mean <= withdrawal.mean)
        // Onset after the last dose: averaged over subjects with an episode only (NaN elsewhere),
        // and an abrupt stop means at least one day without a dose before withdrawal.
        let onset = try mean(report, arm: "baclofen60", metric: "withdrawal_onset_days_after_last_dose")
        #expect(onset.count > 0 && onset.count <= Int((withdrawal.mean * 1000).rounded()))
        #expect(onset.mean >= 1 && onset.mean < 10)
        #expect(try mean(report, arm: "placebo", metric: "withdrawal_onset_days_after_last_dose").count == 0)
    }

    @Test func reinstatementAtTheFirstSymptomShortensWithdrawal() throws {
        var scenario = try Scenario.load(path: Self.fixture)
        let stopped = try Simulation(scenario: scenario).run(threads: 1)
        try Self.reinstateAtTheFirstSymptom(&scenario)
        let reinstated = try Simulation(scenario: scenario).run(threads: 1)
        let daysStopped = try mean(stopped, arm: "baclofen60", metric: "withdrawal_days")
        let daysReinstated = try mean(reinstated, arm: "baclofen60", metric: "withdrawal_days")
        // Common random numbers: the first withdrawal day is the same; the restart ends it early.
        #expect(try mean(reinstated, arm: "baclofen60", metric: "withdrawal_incidence").mean
                == mean(stopped, arm: "baclofen60", metric: "withdrawal_incidence").mean)
        #expect(daysReinstated.mean < daysStopped.mean - 5 * (daysStopped.standardError ?? 0))
    }

    /// Withdrawal in hours (``WithdrawalTiming``): for each subject the onset lies on the day
    /// counted in days, at an hour of that day after the last dose's clock hour or before it,
    /// so the hours and 24 × the days differ by less than a day on average too; a restart at
    /// the first symptom ends the drive hours after its first dose.
    @Test func onsetAndResolutionInHoursAgreeWithTheDaysAndTheRestart() throws {
        var scenario = try Scenario.load(path: Self.fixture)
        try Self.reinstateAtTheFirstSymptom(&scenario)
        let report = try Simulation(scenario: scenario).run(threads: 2)
        let days = try mean(report, arm: "baclofen60", metric: "withdrawal_onset_days_after_last_dose")
        let hours = try mean(report, arm: "baclofen60", metric: "withdrawal_onset_hours_after_last_dose")
        #expect(hours.count == days.count && hours.count > 50)
        #expect(abs(hours.mean - 24 * days.mean) < 24, "\(hours.mean) h vs \(days.mean) d")
        // Every first onset restarts the drug (reinstate at the first tier): its drive ends after
        // the restarted drug's first dose, within the days a 60 mg/day restart takes.
        let resolution = try mean(report, arm: "baclofen60", metric: "withdrawal_resolution_hours_after_reinstatement")
        #expect(resolution.count > 0 && resolution.count <= hours.count)
        #expect(resolution.mean > 0 && resolution.mean < 72, "\(resolution.mean) h")
        #expect(try mean(report, arm: "placebo", metric: "withdrawal_onset_hours_after_last_dose").count == 0)
        // The same for any thread count.
        let one = try Simulation(scenario: scenario).run(subjects: 300, threads: 1)
        let three = try Simulation(scenario: scenario).run(subjects: 300, threads: 3)
        #expect(SummaryTable(one.result).summaryCSV == SummaryTable(three.result).summaryCSV)
    }
}
