import Foundation
import Testing
@testable import Baclosim

/// A copy of the sweep fixture with `edit` applied, in a fresh folder (relative paths made
/// absolute so it still finds its drug file and include). The caller removes the folder.
func editedSweepFixture(_ edit: (String) -> String) throws -> (path: String, folder: URL) {
    let text = try String(contentsOfFile: sweepFixture, encoding: .utf8)
        .replacingOccurrences(of: "../../../Scenarios", with: sweepFixtureFolder + "/../../../Scenarios")
        .replacingOccurrences(of: "include: sweep-small-drinking.yaml", with: "include: \(sweepFixtureFolder)/sweep-small-drinking.yaml")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baclosim-sweep-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("scenario.yaml").path
    try edit(text).write(toFile: path, atomically: true, encoding: .utf8)
    return (path, folder)
}

/// The issues loading `path` throws (empty when it loads).
func loadIssues(_ path: String) -> [ScenarioIssue] {
    do {
        _ = try Scenario.load(path: path)
        return []
    } catch {
        return error.issues
    }
}

/// The 1-based line of the first line of `path` containing `text`.
func line(of text: String, in path: String) -> Int? {
    ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        .firstIndex { $0.contains(text) }.map { $0 + 1 }
}

@Suite struct SweepDecodingTests {
    @Test func oneWaySweepHasTheBaseCaseThenEachParameterAtEachValue() throws {
        let sweep = try #require(try Scenario.load(path: sweepFixture).sweep)
        #expect(sweep.kind == .oneWay)
        #expect(sweep.parameters.map(\.baseValue) == [30, 0.7, 0.03])
        // relative: 0.25 gives base·(1 ∓ 0.25).
        let hazard = sweep.parameters[2].values
        #expect(abs(hazard[0] - 0.0225) < 1e-15 && abs(hazard[1] - 0.0375) < 1e-15)
        let points = sweep.points
        #expect(points.count == 1 + 2 + 2 + 2)
        #expect(points[0].values == [30, 0.7, 0.03] && points[0].variedParameter == nil)
        #expect(sweep.overrides(for: points[0]).isEmpty)
        #expect(points[2].values == [60, 0.7, 0.03])
        #expect(sweep.overrides(for: points[2]).map(\.0) == ["arms.baclofen30.regimen.maintenance_mg_per_day"])
    }

    @Test func gridSweepIsTheProductWithTheFirstParameterSlowest() {
        let sweep = SweepDefinition(kind: .grid, parameters: [
            .init(keyPath: "a", baseValue: 1, values: [1, 2]),
            .init(keyPath: "b", baseValue: 0, values: [10, 20, 30]),
        ])
        #expect(sweep.points.map(\.values) == [[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]])
        #expect(sweep.overrides(for: sweep.points[4]).map(\.1) == [2, 20])
    }

    @Test func psaBlockDecodesDistributionsCorrelationsAndWillingnessToPay() throws {
        let psa = try #require(try Scenario.load(path: sweepFixture).psa)
        #expect(psa.draws == 4 && psa.subjectsPerDraw == 40)
        #expect(psa.willingnessToPay == [0, 20000, 30000])
        let set = psa.parameterSet
        #expect(set.parameters.count == 3)
        #expect(set.parameters[0].distribution == .scalar(try .beta(mean: 0.7, standardError: 0.05)))
        #expect(set.parameters[2].distribution == .scalar(.lognormal(meanLog: -1.6, sdLog: 0.1)))
        #expect(set.correlatedMembers == [0, 2])
    }

    @Test func betaMeanOutsideTheUnitIntervalIsAnErrorWithLinePathAndFix() throws {
        let fixture = try editedSweepFixture {
            $0.replacingOccurrences(of: "distribution: beta, mean: 0.7, se: 0.05", with: "distribution: beta, mean: 1.2, se: 0.05")
        }
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let issues = loadIssues(fixture.path)
        let issue = try #require(issues.first { $0.keyPath == "psa.parameters[0].mean" })
        #expect(issue.line == (line(of: "mean: 1.2", in: fixture.path)))
        #expect(issue.problem.contains("(0, 1)") && issue.fix.contains("gamma or lognormal"))
        #expect(issue.file == fixture.path)
    }

    @Test func negativeGammaParametersAreErrors() throws {
        let fixture = try editedSweepFixture {
            $0.replacingOccurrences(of: "distribution: gamma, mean: 0.03, se: 0.005", with: "distribution: gamma, shape: -2, scale: 0.01")
                .replacingOccurrences(of: "distribution: lognormal, meanlog: -1.6, sdlog: 0.1", with: "distribution: gamma, mean: -0.2, se: 0.01")
        }
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let issues = loadIssues(fixture.path)
        let shape = try #require(issues.first { $0.keyPath == "psa.parameters[1].shape" })
        #expect(shape.problem.contains("> 0") && shape.line == (line(of: "shape: -2", in: fixture.path)))
        #expect(issues.contains { $0.keyPath == "psa.parameters[2].mean" && $0.problem.contains("> 0") })
    }

    @Test func unknownKeyPathInASweepIsReportedOnItsLineWithASuggestion() throws {
        let fixture = try editedSweepFixture {
            $0.replacingOccurrences(of: "{key: drugs.baclofen.effect.emax, low: 0.5", with: "{key: drugs.baclofen.effect.emx, low: 0.5")
        }
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let issues = loadIssues(fixture.path)
        let issue = try #require(issues.first { $0.keyPath == "sweep.parameters[1].key" })
        #expect(issue.problem.contains("drugs.baclofen.effect.emx") && issue.fix.contains("Did you mean 'emax'"))
        #expect(issue.line == (line(of: "effect.emx", in: fixture.path)))
    }

    @Test func aKeyVariedTwiceIsReportedOnTheSecondEntry() throws {
        let fixture = try editedSweepFixture {
            $0.replacingOccurrences(of: "{key: drugs.baclofen.effect.emax, low: 0.5", with: "{key: arms.baclofen30.regimen.maintenance_mg_per_day, low: 0.5")
        }
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let issue = try #require(loadIssues(fixture.path).first { $0.keyPath == "sweep.parameters[1].key" })
        #expect(issue.problem == "arms.baclofen30.regimen.maintenance_mg_per_day is already varied by parameters[0]")
        #expect(issue.fix == "Vary each value once.")
        #expect(issue.line == line(of: "maintenance_mg_per_day, low: 0.5", in: fixture.path))
    }

    @Test func correlationNamingNoParameterIsAnError() throws {
        let fixture = try editedSweepFixture {
            $0.replacingOccurrences(of: "between: [drugs.baclofen.effect.emax,", with: "between: [drugs.baclofen.effect.hill,")
        }
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let issues = loadIssues(fixture.path)
        #expect(issues.contains { $0.keyPath == "psa.correlations[0].between[0]" && $0.problem.contains("not a PSA parameter") })
    }

    @Test func dirichletDrawsOverrideEachItemOfTheListTheyName() throws {
        let set = try PSAParameterSet(parameters: [
            PSAParameter(keyPath: "a.b", distribution: .scalar(.fixed(2))),
            PSAParameter(keyPath: "shares", distribution: .dirichlet(DirichletDistribution(alphas: [1, 2, 3]))),
        ])
        let psa = PSADefinition(draws: 1, subjectsPerDraw: nil, parameterSet: set, willingnessToPay: [0])
        let overrides = psa.overrides(values: [2, 0.1, 0.3, 0.6])
        #expect(overrides.map(\.0) == ["a.b", "shares[0]", "shares[1]", "shares[2]"])
        #expect(overrides.map(\.1) == [2, 0.1, 0.3, 0.6])
        #expect(psa.valueNames == ["a.b", "shares[0]", "shares[1]", "shares[2]"])
    }
}
