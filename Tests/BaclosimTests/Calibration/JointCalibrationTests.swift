import Foundation
import Testing
@testable import Baclosim

/// Joint calibration (issue 19) on a synthetic multi-trial set whose truth is known
/// (`Tests/Fixtures/joint/`: three trials of 7, 14 and 21 days sharing a constant drinking
/// hazard of 0.04/day and a treated-arm hazard ratio of 0.5, each file starting from wrong
/// values): the joint fit recovers both, their intervals contain them, and each trial left out
/// is predicted within its interval by the fit to the other two.
@Suite struct JointCalibrationTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/joint")
    static let joint = folder.appendingPathComponent("joint.yaml").path
    static let hazardKey = "drinking.states[0].drinking_hazard.baseline.constant_per_day"

    @Test func recoversKnownParametersAndPredictsEachLeftOutTrial() throws {
        #expect(JointCalibrationSpec.isJointCalibration(path: Self.joint))
        #expect(!JointCalibrationSpec.isJointCalibration(path: Self.folder.appendingPathComponent("trial-7d.yaml").path))
        let calibrator = try JointCalibrator(path: Self.joint, threads: 2)
        #expect(calibrator.scenarios.map(\.name) == ["trial-7d", "trial-14d", "trial-21d"])
        let result = try calibrator.run(leaveOneOut: true)
        let hazard = result.full.fitted.values[0], ratio = result.full.fitted.values[1]
        #expect(abs(hazard - 0.04) < 0.006, "hazard \(hazard)")
        #expect(abs(ratio - 0.5) < 0.1, "ratio \(ratio)")
        #expect(result.full.fitted.objective < result.full.start.objective / 50)
        // The Laplace intervals contain the truth; the two parameters trade off (a higher hazard
        // needs a stronger treatment effect to give the treated arms' abstinence).
        let u = result.uncertainty
        #expect(u.problem == nil)
        #expect(try #require(u.interval(of: 0)).contains(0.04) && (u.standardError(of: 0) ?? 0) > 0)
        #expect(try #require(u.interval(of: 1)).contains(0.5))
        #expect((u.correlation(0, 1) ?? 0) < 0)
        // In sample and out of sample: every target met.
        #expect(result.inSample == (6, 6))
        #expect(result.folds.count == 3 && result.folds.allSatisfy { $0.fit.free == [0, 1] && $0.unreached.isEmpty })
        #expect(result.outOfSample.total == 6 && result.outOfSample.met >= 5, "out of sample \(result.outOfSample)")
        // Each fold fitted without its trial: its values differ from the full fit's.
        #expect(result.folds.allSatisfy { $0.fit.fitted.values != result.full.fitted.values && $0.fit.members.count == 2 })
        let markdown = result.crossValidationMarkdown
        #expect(markdown.contains("| trial-21d | treated_abstinent |") && markdown.contains("Out of sample"))

        // The include files work where they are meant to: overrides in a trial, psa in a scenario.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("joint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try result.includeFile(date: Date(), command: "test").write(to: dir.appendingPathComponent("fitted.yaml"), atomically: true, encoding: .utf8)
        let psa = try #require(result.psaInclude(date: Date(), command: "test"))
        try psa.write(to: dir.appendingPathComponent("psa.yaml"), atomically: true, encoding: .utf8)
        let trial = try String(contentsOf: Self.folder.appendingPathComponent("trial-7d.yaml"), encoding: .utf8)
        let using = trial.replacingOccurrences(of: "run: {subjects: 400", with: "overrides: {include: fitted.yaml}\npsa: {include: psa.yaml, draws: 10}\nrun: {subjects: 400")
        let path = dir.appendingPathComponent("trial.yaml").path
        try using.write(toFile: path, atomically: true, encoding: .utf8)
        let scenario = try Scenario.load(path: path, overrides: [])
        let template = try ScenarioTemplate(path: path)
        #expect(abs((template.baseValue(at: Self.hazardKey) ?? 0) - hazard) < 1e-5 * hazard)
        let parameters = try #require(scenario.psa).parameterSet
        #expect(parameters.parameters.count == 2 && parameters.copula != nil)
    }

    /// The curvature oracle: for a quadratic objective `(y − a)ᵀA(y − a)` in the transformed
    /// coordinates, central differences are exact, so the covariance is `(1.96²·A)⁻¹`.
    @Test func theUncertaintyOfAQuadraticObjectiveIsItsInverseCurvature() throws {
        let transforms = [ParameterTransform(lower: 0.01, upper: 10, isLogScale: true), ParameterTransform(lower: 0, upper: 1, isLogScale: false)]
        let values = [0.5, 0.3]
        let a = transforms.indices.map { transforms[$0].unbounded(values[$0]) }
        let curvature = [2.0, 0.5, 0.5, 1.0]
        let u = try CalibrationUncertainty.estimate(at: values, free: [0, 1], transforms: transforms) { v in
            let d = [transforms[0].unbounded(v[0]) - a[0], transforms[1].unbounded(v[1]) - a[1]]
            return d[0] * d[0] * curvature[0] + 2 * d[0] * d[1] * curvature[1] + d[1] * d[1] * curvature[3]
        }
        // (1.96²·A)⁻¹ = [[1, −0.5], [−0.5, 2]] / (1.96² · 1.75).
        let scale = 1 / (1.96 * 1.96 * 1.75)
        let c = try #require(u.transformedCovariance)
        for (found, expected) in zip(c, [scale, -0.5 * scale, -0.5 * scale, 2 * scale]) {
            #expect(abs(found - expected) < 1e-6 * scale, "\(c)")
        }
        #expect(abs((u.correlation(0, 1) ?? 0) + 0.5 / 2.0.squareRoot()) < 1e-6)
        #expect(try #require(u.interval(of: 1)).contains(0.3))
        // A flat direction is not identified: no covariance, and the reason.
        let flat = try CalibrationUncertainty.estimate(at: values, free: [0, 1], transforms: transforms) { v in
            let d = transforms[0].unbounded(v[0]) - a[0]
            return d * d
        }
        #expect(flat.transformedCovariance == nil && flat.problem != nil && flat.standardError(of: 0) == nil)
    }

    /// Errors in a joint file are located: a key in none of the scenarios, a scenario without
    /// targets, a single scenario.
    @Test func aJointFileIsCheckedWithLocatedErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("joint-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["trial-7d.yaml", "trial-14d.yaml"] {
            try FileManager.default.copyItem(at: Self.folder.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        let noTargets = try String(contentsOf: Self.folder.appendingPathComponent("trial-21d.yaml"), encoding: .utf8)
            .components(separatedBy: "\ntargets:")[0] + "\n"
        try noTargets.write(to: dir.appendingPathComponent("plain.yaml"), atomically: true, encoding: .utf8)
        func issues(_ text: String) throws -> [String] {
            let path = dir.appendingPathComponent("joint.yaml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            do {
                _ = try JointCalibrator(path: path)
                Issue.record("expected the joint file to be rejected")
                return []
            } catch let failure as ScenarioIssues {
                return failure.issues.map { "\($0.line.map(String.init) ?? "?"): \($0.keyPath): \($0.problem). \($0.fix)" }
            }
        }
        let base = """
            schema_version: 1
            name: j
            scenarios: [trial-7d.yaml, trial-14d.yaml]
            calibration:
              parameters:
                - {key: drugs.baclofen.effect.emax, lower: 0.1, upper: 0.9}

            """
        #expect(try issues(base).contains { $0.hasPrefix("6: calibration.parameters[0].key: drugs") && $0.contains("in any of the 2 scenarios") })
        let plain = base.replacingOccurrences(of: "[trial-7d.yaml, trial-14d.yaml]", with: "[trial-7d.yaml, plain.yaml]")
            .replacingOccurrences(of: "drugs.baclofen.effect.emax", with: "arms.treated.drinking_hazard_ratio")
        #expect(try issues(plain).contains { $0.contains("scenarios[1]: plain.yaml has no targets: to fit") })
        let single = plain.replacingOccurrences(of: "[trial-7d.yaml, plain.yaml]", with: "[trial-7d.yaml]")
        #expect(try issues(single).contains { $0.hasPrefix("3: scenarios: lists 1 scenario.") })
    }
}
