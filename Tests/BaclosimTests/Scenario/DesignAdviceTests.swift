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
        schema_version: 1
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

    func advice(_ text: String) throws -> [ScenarioDesignAdvice] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("advice-\(UUID().uuidString).yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let found = try ScenarioTemplate(path: file).designAdvice()
        #expect(found.allSatisfy { $0.file == file && $0.keyPath == "arms[1].regimen.taper" && $0.line == 19 }, "\(found)")
        return found
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
