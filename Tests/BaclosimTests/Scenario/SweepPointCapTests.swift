import Foundation
import Testing
@testable import Baclosim

/// A sweep whose grid would have more than 100,000 points is refused when the file is read (it
/// would list every point in memory and in its store), for scenarios and state-transition models
/// alike; the count is found without listing the points, even when it overflows.
@Suite struct SweepPointCapTests {
    static let hundred = "[" + (1...100).map { "\(Double($0) / 100)" }.joined(separator: ", ") + "]"

    @Test func pointCountsWithoutListing() {
        let parameter = SweepDefinition.Parameter(keyPath: "a", baseValue: 1, values: [1, 2, 3])
        #expect(SweepDefinition(kind: .grid, parameters: [parameter, parameter]).pointCount == 9)
        #expect(SweepDefinition(kind: .oneWay, parameters: [parameter, parameter]).pointCount == 7)
        let wide = SweepDefinition.Parameter(keyPath: "a", baseValue: 1, values: [Double](repeating: 1, count: 1 << 20))
        #expect(SweepDefinition(kind: .grid, parameters: [SweepDefinition.Parameter](repeating: wide, count: 4)).pointCount == .max)
    }

    @Test func aHugeScenarioGridIsRefused() throws {
        let text = try String(contentsOfFile: sweepFixture, encoding: .utf8)
        let grid = """
        sweep:
          kind: grid
          parameters:
            - {key: arms.baclofen30.regimen.maintenance_mg_per_day, values: [20, 30, 40, 50, 60]}
            - {key: drugs.baclofen.effect.emax, values: \(Self.hundred)}
            - {key: "drinking.states[0].drinking_hazard.baseline.constant_per_day", values: \(Self.hundred)}
            - {key: craving.theta_per_day, values: \(Self.hundred)}

        psa:
        """
        let edited = text.replacingOccurrences(of: text[text.range(of: "sweep:")!.lowerBound..<text.range(of: "psa:")!.upperBound], with: grid)
        let path = sweepFixtureFolder + "/.sweep-cap-\(UUID().uuidString).yaml"
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let issues: [ScenarioIssue]
        do { _ = try Scenario.load(path: path); issues = [] } catch { issues = error.issues }
        #expect(issues.contains { $0.keyPath == "sweep.parameters" && $0.problem.contains("gives 5000000 points, more than 100000") },
                "\(issues.map(\.problem))")
    }

    @Test func aHugeStateTransitionGridIsRefused() {
        let text = StateTransitionFixtures.wellDead("""
        sweep:
          kind: grid
          parameters:
            - {key: states.well.cost_per_year, values: \(Self.hundred)}
            - {key: states.well.utility, values: \(Self.hundred)}
            - {key: "transitions[0].probability", values: \(Self.hundred)}
        """)
        let issues: [ScenarioIssue]
        do { _ = try StateTransitionModel.decode(yaml: text, file: "g.yaml"); issues = [] } catch { issues = error.issues }
        #expect(issues.map { "\($0.keyPath): \($0.problem)" } == ["sweep.parameters: gives 1000000 points, more than 100000"])
    }
}
