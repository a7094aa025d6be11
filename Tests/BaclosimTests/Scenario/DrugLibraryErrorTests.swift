import Testing
@testable import Baclosim

@Suite struct DrugLibraryErrorTests {
    /// Decodes `yaml`, expecting failure; returns the issues.
    func issues(_ yaml: String, expectedName: String? = nil) -> [ScenarioIssue] {
        do {
            _ = try DrugLibrary.decode(yaml: yaml, file: "broken.yaml", expectedName: expectedName)
            Issue.record("expected the file to be rejected")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func brokenDrugFileReportsEveryProblemAtOnceWithLines() {
        let yaml = """
            schema_version: 1
            drug: baclofen
            default_model: simon2018
            models:
              simon2018:
                structure: one-compartment
                route: oral
                parameters:
                  KA: {typical: 1.64, unit: per_h, iiv_cv_prcent: 44}
                  CL: {typical: -3, unit: L_per_h}
                  V: {typical: fast, unit: L}
            regimen:
              maintenance_mg_per_day: 30
              taper: {kind: step_down, step_mg: 0, every_days: 7, start_day: 10}
              tablet_strenghts_mg: [10, 25]
            """
        let found = issues(yaml)
        #expect(found.map(\.line) == [9, 10, 11, 14, 15])
        #expect(found.map(\.keyPath) == [
            "models.simon2018.parameters.KA.iiv_cv_prcent",
            "models.simon2018.parameters.CL.typical",
            "models.simon2018.parameters.V.typical",
            "regimen.taper.step_mg",
            "regimen.tablet_strenghts_mg",
        ])
        #expect(found[0].problem == "unknown key")
        #expect(found[0].fix.hasPrefix("Did you mean 'iiv_cv_percent'?"))
        #expect(found[1].description == "broken.yaml:10: models.simon2018.parameters.CL.typical: must be in (0, 1000000] (found -3). "
                + "Give the typical apparent clearance (CL/F for oral models) in L_per_h, e.g. 11.6.")
        #expect(found[2].problem == "must be a number (found 'fast')")
        #expect(found[3].description == "broken.yaml:14: regimen.taper.step_mg: must be in (0, 100000] (found 0). "
                + "Give the daily dose removed at each step in mg/day, e.g. 10.")
        #expect(found[4].fix.hasPrefix("Did you mean 'tablet_strengths_mg'?"))
    }

    @Test func wrongTypesAreReportedNotCrashed() {
        let yaml = """
            schema_version: "one"
            drug: [baclofen]
            default_model: simon2018
            models:
              simon2018:
                structure: two-compartments
                route: oral
                parameters: [CL, V]
            regimen:
              maintenance_mg_per_day: "30"
              dose_times_h: 8
              titration: [{days: three, mg_per_day: 15}]
              cap: {max_mg_per_day: 100, supervised_exception: maybe}
            """
        let found = issues(yaml)
        let byPath = Dictionary(found.map { ($0.keyPath, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byPath["schema_version"]?.problem == "must be a whole number (found the quoted text \"one\")")
        #expect(byPath["drug"]?.problem == "must be text (found a list)")
        #expect(byPath["models.simon2018.structure"]?.fix.contains("Did you mean 'two-compartment'?") == true)
        #expect(byPath["models.simon2018.parameters"]?.problem == "must be a mapping of keys to values (found a list)")
        #expect(byPath["regimen.maintenance_mg_per_day"]?.line == 10)
        #expect(byPath["regimen.dose_times_h"]?.problem == "must be a list (found '8')")
        #expect(byPath["regimen.titration[0].days"]?.line == 12)
        #expect(byPath["regimen.cap.supervised_exception"]?.problem == "must be true or false (found 'maybe')")
        // A value that could not be read is reported once, not again by regimen validation.
        #expect(found.filter { $0.keyPath == "regimen.titration[0].days" }.count == 1)
    }

    @Test func missingKeysAndWrongUnitsAreReported() {
        let yaml = """
            schema_version: 1
            drug: baclofen
            default_model: simon2019
            models:
              simon2018:
                structure: one-compartment
                route: oral
                parameters:
                  CL: {typical: 11.6, unit: L_per_min}
                  Q: {typical: 3, unit: L_per_h}
                  CLL: {typical: 3, unit: L_per_h}
            regimen:
              titration: [{days: 3, mg_per_day: 15}]
            """
        let found = issues(yaml)
        let paths = found.map(\.keyPath)
        #expect(paths.contains("default_model"))
        // With a single model the fix names it once, without a redundant "did you mean".
        #expect(found.first { $0.keyPath == "default_model" }?.fix == "Use 'simon2018'.")
        #expect(found.first { $0.keyPath == "models.simon2018.parameters.CL.unit" }?.problem
                == "CL is in L_per_h (found L_per_min)")
        #expect(paths.contains("models.simon2018.parameters.V"))     // missing
        #expect(paths.contains("models.simon2018.parameters.KA"))    // missing for an oral model
        #expect(found.first { $0.keyPath == "models.simon2018.parameters.Q" }?.problem
                == "applies only to two-compartment models")
        #expect(found.first { $0.keyPath == "models.simon2018.parameters.CLL" }?.fix.hasPrefix("Did you mean 'CL'?") == true)
        #expect(found.first { $0.keyPath == "regimen.maintenance_mg_per_day" }?.problem == "missing")
    }

    @Test func regimenAboveTheCapNeedsTheSupervisedException() {
        let yaml = """
            schema_version: 1
            drug: baclofen
            default_model: m
            models:
              m:
                structure: one-compartment
                route: oral
                parameters:
                  KA: {typical: 1.64, unit: per_h}
                  CL: {typical: 11.6, unit: L_per_h}
                  V: {typical: 72.8, unit: L}
            regimen:
              maintenance_mg_per_day: 180
              cap: {max_mg_per_day: 100}
            """
        let found = issues(yaml)
        #expect(found.count == 1)
        #expect(found.first?.line == 13)
        #expect(found.first?.keyPath == "regimen.maintenance_mg_per_day")
        let allowed = yaml.replacingOccurrences(of: "{max_mg_per_day: 100}",
                                                with: "{max_mg_per_day: 100, supervised_exception: true}")
        #expect(throws: Never.self) { try DrugLibrary.decode(yaml: allowed, file: "ok.yaml") }
    }

    @Test func yamlSyntaxErrorsGiveTheirLine() {
        let yaml = """
            schema_version: 1
            drug: baclofen
            models:
              m: {structure: one-compartment
            regimen: {}
            """
        let found = issues(yaml)
        #expect(found.count == 1)
        #expect(found.first?.problem.hasPrefix("not valid YAML") == true)
        #expect(found.first?.line != nil)
    }

    @Test func duplicateKeysAreReported() {
        let yaml = """
            schema_version: 1
            drug: baclofen
            drug: diazepam
            """
        let found = issues(yaml)
        #expect(found.count == 1)
        #expect(found.first?.problem.contains("duplicate key 'drug'") == true)
    }

    @Test func drugNameMustMatchTheFileName() {
        let yaml = """
            schema_version: 1
            drug: baclofen
            default_model: m
            models:
              m:
                structure: one-compartment
                route: intravenous
                parameters:
                  CL: {typical: 11.6, unit: L_per_h}
                  V: {typical: 72.8, unit: L}
            regimen: {maintenance_mg_per_day: 30}
            """
        let found = issues(yaml, expectedName: "diazepam")
        #expect(found.map(\.keyPath) == ["drug"])
        #expect(found.first?.fix == "Write drug: diazepam, or rename the file to baclofen.yaml.")
    }

    @Test func correlationsMustFormAValidCovariance() {
        let yaml = """
            schema_version: 1
            drug: x
            default_model: m
            models:
              m:
                structure: one-compartment
                route: intravenous
                parameters:
                  CL: {typical: 10, unit: L_per_h, iiv_cv_percent: 20}
                  V: {typical: 50, unit: L, iiv_cv_percent: 20}
                omega_correlations:
                  - {between: [CL, V], correlation: 0.5}
                  - {between: [CL, KA], correlation: 0.5}
            regimen: {maintenance_mg_per_day: 30}
            """
        let found = issues(yaml)
        #expect(found.map(\.keyPath) == ["models.m.omega_correlations[1].between"])
        let ok = yaml.replacingOccurrences(of: "      - {between: [CL, KA], correlation: 0.5}\n", with: "")
        let drug = try? DrugLibrary.decode(yaml: ok, file: "ok.yaml")
        let omega = drug?.model()?.parameterModel().omega ?? []
        #expect(omega.count == 4 && abs(omega[1] - 0.5 * 0.04) < 1e-15)
    }
}

@Suite struct ScenarioIssueTests {
    @Test func issuePrintsFileLinePathProblemAndFix() {
        let issue = ScenarioIssue(file: "Scenarios/taper.yaml", line: 12, keyPath: "arms[1].regimen.taper.step_mg",
                                  problem: "must be > 0 (found 0)", fix: "Use the dose to remove at each step, e.g. 10.")
        #expect(issue.description
                == "Scenarios/taper.yaml:12: arms[1].regimen.taper.step_mg: must be > 0 (found 0). Use the dose to remove at each step, e.g. 10.")
    }

    @Test func kernelIssuesArePlacedUnderTheirBlock() {
        let issue = ScenarioIssue(keyPath: "taper.step_mg", problem: "must be > 0 (found 0)", fix: "")
            .located(file: "a.yaml", line: 3, under: "arms[1].regimen")
        #expect(issue.description == "a.yaml:3: arms[1].regimen.taper.step_mg: must be > 0 (found 0).")
        #expect(ScenarioKeyPath.join("renal", "[0].dose_factor") == "renal[0].dose_factor")
    }

    @Test func keyPathsRoundTrip() {
        let path = ScenarioKeyPath.root.appending("regimen").appending("titration").appending(index: 1).appending("days")
        #expect(path.description == "regimen.titration[1].days")
        #expect(ScenarioKeyPath(parsing: path.description) == path)
    }

    @Test func suggestionsFindLikelyTypos() {
        let keys = ["clearance_L_per_h", "volume_L", "ka_per_h", "iiv_cv_percent"]
        #expect(ParameterProblem.suggestion(for: "clerance_L_per_h", among: keys) == "clearance_L_per_h")
        #expect(ParameterProblem.suggestion(for: "voluem_L", among: keys) == "volume_L")
        #expect(ParameterProblem.suggestion(for: "route", among: keys) == nil)
        #expect(ParameterProblem.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }
}
