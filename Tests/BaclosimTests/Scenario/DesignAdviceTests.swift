import Foundation
import Testing
@testable import Baclosim

/// `validate --warnings` design advice (issue 20, "honest defaults"): a taper whose withdrawal
/// cannot change (no model applied) or cannot be seen (the run ends too soon after the last dose).
@Suite struct DesignAdviceTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios").path

    /// Baclofen 60 mg/day tapered over 7 days from day `taperStart`; `withdrawal` is the drug
    /// entry's withdrawal line (or none).
    static func text(horizon: Int, taperStart: Int, withdrawal: String?) -> String {
        """
        schema_version: 2
        name: design-advice
        run: {subjects: 100, seed: 3, horizon_days: \(horizon)}
        population: {include: \(scenarios)/models/population-aud.yaml}
        craving: {include: \(scenarios)/models/craving-default.yaml}
        drinking: {include: \(scenarios)/models/alcohol-default.yaml}
        drugs:
          baclofen:
            library: baclofen
            effect: {exposure: cavg, emax: 0.5, ec50_mg_per_L: 0.02}
        \(withdrawal.map { "    withdrawal: \($0)" } ?? "")
        arms:
          - name: placebo
          - name: tapered
            drug: baclofen
            regimen:
              dose_times_h: [8, 14, 20]
              maintenance_mg_per_day: 60
              taper: {start_day: \(taperStart), kind: linear, days: 7}
        endpoints:
          - {name: pda, kind: proportion_days_abstinent}
        """
    }

    func advice(_ text: String, at keyPath: String = "arms[1].regimen.taper", line: Int = 19) throws -> [ScenarioDesignAdvice] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("advice-\(UUID().uuidString).yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let found = try ScenarioTemplate(path: file).designAdvice()
        #expect(found.allSatisfy { $0.file == file && $0.keyPath == keyPath && $0.line == line }, "\(found)")
        return found
    }

    /// Two arms without drugs, economics on line 9, one endpoint over days 0 … `lastDay`.
    static func economicsText(horizon: Int, lastDay: Int) -> String {
        """
        schema_version: 2
        name: economics-period
        run: {subjects: 100, seed: 3, horizon_days: \(horizon)}
        population: {include: \(scenarios)/models/population-aud.yaml}
        craving: {include: \(scenarios)/models/craving-default.yaml}
        drinking: {include: \(scenarios)/models/alcohol-default.yaml}
        arms: [{name: placebo}, {name: therapy, psychosocial_therapy: true}]
        endpoints: [{name: pda, kind: proportion_days_abstinent, window_days: [0, \(lastDay)]}]
        economics:
          currency: GBP
          price_year: 2024
          psychosocial_sessions: {unit_cost: 50, schedule: [{first_day: 0, every_days: 7, last_day: 83}]}
          utility_by_risk_level: {abstinent: 0.80, low: 0.83, medium: 0.85, high: 0.78, very_high: 0.72}
        """
    }

    @Test func economicsOverAYearBesideATwelveWeekEndpointIsNamed() throws {
        let found = try advice(Self.economicsText(horizon: 365, lastDay: 83), at: "economics", line: 9)
        #expect(found.count == 1)
        #expect(found.first?.problem.contains("all 365 days of the run (days 0–364), but no endpoint measures past day 83") == true, "\(found)")
        #expect(found.first?.fix.contains("window_days ending at 364, or set run.horizon_days to 84") == true, "\(found)")
        // A last visit a few days before the end, or an endpoint to the last day, is fine.
        #expect(try advice(Self.economicsText(horizon: 90, lastDay: 83), at: "economics", line: 9).isEmpty)
        #expect(try advice(Self.economicsText(horizon: 365, lastDay: 364), at: "economics", line: 9).isEmpty)
    }

    @Test func aTaperOfADrugWithAWithdrawalModelThatTheScenarioDoesNotApplyIsNamed() throws {
        let found = try advice(Self.text(horizon: 120, taperStart: 60, withdrawal: nil))
        #expect(found.count == 1)
        #expect(found.first?.problem.contains("applies no withdrawal model") == true)
        #expect(found.first?.fix.contains("withdrawal: library under drugs.baclofen") == true)
        // Saying so silences it; using the library model answers it.
        #expect(try advice(Self.text(horizon: 120, taperStart: 60, withdrawal: "none")).isEmpty)
        #expect(try advice(Self.text(horizon: 120, taperStart: 60, withdrawal: "library")).isEmpty)
    }

    @Test(arguments: [(70, "gives its last dose on day 66, 3 days before the run ends", 74),
                      (68, "gives its last dose on day 66, 1 day before the run ends", 74)])
    func aTaperEndingTooCloseToTheHorizonIsNamed(horizon: Int, says: String, needs: Int) throws {
        let found = try advice(Self.text(horizon: horizon, taperStart: 60, withdrawal: "library"))
        #expect(found.count == 1)
        #expect(found.first?.problem.contains(says) == true, "\(found)")
        #expect(found.first?.fix.contains("run.horizon_days to at least \(needs)") == true, "\(found)")
    }

    @Test func aTaperWithAWeekOfFollowUpIsFine() throws {
        // Last dose on day 66 (linear over days 60-66), 7 days observed: days 67-73.
        #expect(try advice(Self.text(horizon: 74, taperStart: 60, withdrawal: "library")).isEmpty)
    }
}
