import Foundation
import Testing

/// End-to-end tests of `baclosim run` and `baclosim validate` on the built binary.
@Suite(.serialized) struct RunCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/baclosim").path

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func baclosim(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryFolder() -> String {
        NSTemporaryDirectory() + "baclosim-test-\(UUID().uuidString)"
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func sameSeedGivesByteIdenticalTablesOnOneAndTwoThreads() throws {
        let one = Self.temporaryFolder(), two = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: one); try? FileManager.default.removeItem(atPath: two) }
        let a = try Self.baclosim(["run", "Scenarios/reference/rm1.yaml", "--subjects", "300", "--threads", "1", "--out", one, "--quiet"])
        let b = try Self.baclosim(["run", "Scenarios/reference/rm1.yaml", "--subjects", "300", "--threads", "2", "--out", two, "--quiet"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        for file in ["summary.csv", "differences.csv", "timeseries.csv", "km.csv"] where FileManager.default.fileExists(atPath: "\(one)/\(file)") {
            #expect(try Self.read("\(one)/\(file)") == Self.read("\(two)/\(file)"), "\(file) differs between 1 and 2 threads")
        }
        #expect(try Self.read("\(one)/summary.csv").hasPrefix("arm,metric,mean,se,ci_low,ci_high\n"))
    }

    /// The daily Cavg percentiles of timeseries.csv are ordered, and on day 30 the median agrees
    /// with the summary's cavg_day30_p50 (an independent sketch on another grid) within the
    /// daily sketch's 5 % bin resolution.
    @Test func timeSeriesCarriesDailyExposurePercentiles() throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try Self.baclosim(["run", "Scenarios/reference/rm1.yaml", "--subjects", "400", "--out", out, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try Self.read("\(out)/timeseries.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let p05 = try #require(header.firstIndex(of: "cavg_mg_per_L_p05")), p50 = try #require(header.firstIndex(of: "cavg_mg_per_L_p50"))
        let p95 = try #require(header.firstIndex(of: "cavg_mg_per_L_p95"))
        #expect(header.contains("somnolence_prevalence"))
        for row in lines.dropFirst() {
            let (a, b, c) = (Double(row[p05])!, Double(row[p50])!, Double(row[p95])!)
            #expect(a <= b && b <= c, "\(row)")
        }
        let day30 = try #require(lines.first { $0[0] == "baclofen30" && $0[1] == "30" })
        let summary = try Self.read("\(out)/summary.csv").split(separator: "\n").first { $0.hasPrefix("baclofen30,cavg_day30_p50,") }
        let median = Double(try #require(summary).split(separator: ",")[2])!
        #expect(abs(Double(day30[p50])! / median - 1) < 0.05)
    }

    /// With arm sharing the copy arm takes every day from its twin, so its zero difference says
    /// little; `--no-arm-sharing` simulates it on its own from the same random numbers, which is
    /// the check of common random numbers.
    @Test(arguments: [[], ["--no-arm-sharing"]])
    func identicalArmsHaveExactlyZeroPairedDifference(options: [String]) throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try Self.baclosim(["run", "Tests/Fixtures/scenarios/identical-arms.yaml", "--subjects", "200", "--out", out, "--quiet"]
                                    + options)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try Self.read("\(out)/differences.csv").split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty)
        for row in rows {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields[0] == "baclofen30copy-baclofen30")
            // (A `<metric>_n` row counts the subjects of a metric some lack: no standard error.)
            guard !fields[3].isEmpty else { continue }
            #expect(fields[2] == "0.0" && fields[3] == "0.0", "\(row)")
        }
    }

    /// RM-1 through the engine agrees with the independent NumPy reference (fixture made by the
    /// reference implementation at 100,000 subjects, seed 1; docs/rm1.md) within 4 combined
    /// standard errors, by `baclosim compare`; and the same check fails when RM-1 is wrong (the
    /// withdrawal adaptation's rise time 20 → 5 days).
    @Test func rm1AgreesWithTheReferenceImplementation() throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let reference = Self.root.appendingPathComponent("Tests/Fixtures/rm1/reference-numpy-100k-seed1.csv").path
        let rm1 = try Self.read(Self.root.appendingPathComponent("Scenarios/reference/rm1.yaml").path)
            .replacingOccurrences(of: "file: rm1-baclofen.yaml",
                                  with: "file: \(Self.root.appendingPathComponent("Scenarios/reference/rm1-baclofen.yaml").path)")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        func compared(_ scenario: String, _ name: String) throws -> Result {
            let file = "\(out)/\(name).yaml"
            try scenario.write(toFile: file, atomically: true, encoding: .utf8)
            let run = try Self.baclosim(["run", file, "--subjects", "3000", "--threads", "2", "--out", "\(out)/\(name)", "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
            let summary = try Self.read("\(out)/\(name)/summary.csv").split(separator: "\n")
            let differences = try Self.read("\(out)/\(name)/differences.csv").split(separator: "\n").dropFirst()
            let rows = (summary + differences).filter { !$0.contains(",subjects,") && !$0.contains(",excluded,") && !$0.contains(",failed,") }
            let engine = "\(out)/\(name).csv"
            try (rows.joined(separator: "\n") + "\n").write(toFile: engine, atomically: true, encoding: .utf8)
            return try Self.baclosim(["compare", engine, reference])
        }
        let right = try compared(rm1, "rm1")
        #expect(right.status == 0, "\(right.stdout)")
        #expect(right.stdout.hasSuffix("85 compared, 0 beyond limit\n"), "\(right.stdout)")
        let wrong = try compared(rm1.replacingOccurrences(of: "tau_up_days: 20", with: "tau_up_days: 5"), "rm1-wrong")
        #expect(wrong.status == 1, "\(wrong.stdout)")
        #expect(wrong.stdout.contains("BEYOND") && !wrong.stdout.hasSuffix(" 0 beyond limit\n"))
    }

    @Test func validateReportsEveryProblemAtOnceWithLineAndFix() throws {
        let result = try Self.baclosim(["validate", "Tests/Fixtures/invalid/many-problems.yaml"])
        #expect(result.status == 1)
        let file = "Tests/Fixtures/invalid/many-problems.yaml"
        #expect(result.stderr == """
        \(file):11: run.subjects: must be ≥ 1 (found 0). Give the number of subjects, e.g. 10000.
        \(file):53: arms[3].regimen.taper.step_mg: must be in (0, 100000] (found 0). Give the daily dose removed at each step in mg/day, e.g. 10.
        \(file):56: adherence.take_probability: must be in [0, 1] (found 1.5). Give the probability a dose is taken, e.g. 0.9.
        \(file):60: craving.sigmaa_per_sqrt_day: unknown key. Did you mean 'sigma_per_sqrt_day'? craving has description, theta_per_day, sigma_per_sqrt_day, psychosocial_multiplier, priming, early_withdrawal and cues; see Scenarios/README.md.
        \(file):59: craving.sigma_per_sqrt_day: missing. Give the volatility (0–10), e.g. 0.35.

        """)
    }

    @Test func validateReportsBadTypesAndNegativeDoses() throws {
        let result = try Self.baclosim(["validate", "Tests/Fixtures/invalid/types-and-doses.yaml"])
        #expect(result.status == 1)
        let file = "Tests/Fixtures/invalid/types-and-doses.yaml"
        #expect(result.stderr == """
        \(file):13: run.horizon_days: must be a whole number (found 'eighty-four'). Give the days to simulate, at most 36525 (100 years), e.g. 84 for 12 weeks.
        \(file):36: arms[1].regimen.maintenance_mg_per_day: must be in [0, 100000] (found -30). Give the daily dose after titration in mg/day, e.g. 30.

        """)
    }

    @Test func validateReportsATaperLongerThanTheHorizon() throws {
        let result = try Self.baclosim(["validate", "Tests/Fixtures/invalid/taper-past-horizon.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr == """
        Tests/Fixtures/invalid/taper-past-horizon.yaml:53: arms[3].regimen.taper.start_day: the linear taper from 60 mg/day \
        starting on day 78 lasts 30 days and reaches 0 on day 108, after the last simulated day 83. Start the taper by day 54, \
        shorten it, or lengthen the horizon to at least 108 days.

        """)
    }

    @Test func validateReportsCyclicAndMissingIncludes() throws {
        let result = try Self.baclosim(["validate", "Tests/Fixtures/invalid/cyclic-a.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cyclic-b.yaml:1: include: cyclic include (cyclic-a.yaml → cyclic-b.yaml → cyclic-a.yaml)."))
        #expect(result.stderr.contains("cyclic-a.yaml:7: drinking.include: cannot read included file"))
        #expect(result.stderr.split(separator: "\n").count == 2)
    }

    @Test func shippedScenariosAreValid() throws {
        let result = try Self.baclosim(["validate", "Scenarios/reference/rm1.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func runWithABrokenScenarioExitsNonZeroAndWritesNothing() throws {
        let out = Self.temporaryFolder()
        let result = try Self.baclosim(["run", "Tests/Fixtures/invalid/many-problems.yaml", "--out", out])
        #expect(result.status == 2)
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func aRunKilledPartWayLeavesNoOutputFolder() throws {
        let out = Self.temporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["run", "Scenarios/reference/rm1.yaml", "--subjects", "1000000", "--out", out, "--quiet"]
        process.currentDirectoryURL = Self.root
        try process.run()
        Thread.sleep(forTimeInterval: 1.0)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}

/// `baclosim schema`: the committed JSON Schemas are what the declarations generate, and every
/// shipped scenario and drug file validates against them (checked with Python's jsonschema, as an editor would).
@Suite struct SchemaCommandTests {
    @Test func committedSchemaIsUpToDate() throws {
        let result = try RunCommandTests.baclosim(["schema"])
        #expect(result.status == 0, "\(result.stderr)")
        let committed = try RunCommandTests.read(RunCommandTests.root.appendingPathComponent("Scenarios/schema/scenario.schema.json").path)
        #expect(result.stdout == committed, "run `baclosim schema --out Scenarios/schema/scenario.schema.json` and commit it")
        let drug = try RunCommandTests.baclosim(["schema", "--drug-file"])
        #expect(drug.status == 0, "\(drug.stderr)")
        let committedDrug = try RunCommandTests.read(RunCommandTests.root.appendingPathComponent("Scenarios/schema/drug.schema.json").path)
        #expect(drug.stdout == committedDrug, "run `baclosim schema --drug-file --out Scenarios/schema/drug.schema.json` and commit it")
        let model = try RunCommandTests.baclosim(["schema", "--state-transition"])
        #expect(model.status == 0, "\(model.stderr)")
        let committedModel = try RunCommandTests.read(RunCommandTests.root.appendingPathComponent("Scenarios/schema/state-transition.schema.json").path)
        #expect(model.stdout == committedModel, "run `baclosim schema --state-transition --out Scenarios/schema/state-transition.schema.json` and commit it")
    }

    @Test func schemaAcceptsShippedScenariosAndRejectsAnUnknownKey() throws {
        let script = """
        import glob, json, re, sys, yaml, jsonschema
        # YAML 1.2 booleans, as Baclosim and editors read them (PyYAML's 1.1 rules make `on:` true).
        class Loader(yaml.SafeLoader): pass
        Loader.yaml_implicit_resolvers = {key: [(tag, rx) for tag, rx in rules if tag != "tag:yaml.org,2002:bool"]
                                          for key, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()}
        Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
        # YAML 1.2 floats without a dot (1e20), which PyYAML's 1.1 rules read as text.
        Loader.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$"), list("-+.0123456789"))
        load = lambda path: yaml.load(open(path, encoding="utf-8"), Loader=Loader)
        schema = json.load(open("Scenarios/schema/scenario.schema.json"))
        shipped = [f for f in sorted(glob.glob("Scenarios/**/*.yaml", recursive=True))
                   if any(line.startswith("arms:") for line in open(f))]
        assert len(shipped) >= 25, shipped
        for f in shipped:
            jsonschema.validate(load(f), schema)
        # A declared block's ranges are in the schema: a discount rate of 3.5 is rejected.
        economics = load("Scenarios/economics/uk-relapse-prevention-12m.yaml")
        economics["economics"]["discount_rates"] = {"costs_per_year": 3.5}   # beside its include
        # The shipped economics input sets (Scenarios/economics/inputs/) are whole economics blocks.
        sets = sorted(glob.glob("Scenarios/economics/inputs/*.yaml"))
        assert len(sets) >= 2, sets
        for f in sets:
            jsonschema.validate(dict(economics, economics=load(f)), schema)
        try:
            jsonschema.validate(economics, schema)
            sys.exit("a discount rate of 3.5 passed the schema")
        except jsonschema.ValidationError as error:
            print(error.message)
        try:
            jsonschema.validate(load("Tests/Fixtures/invalid/many-problems.yaml"), schema)
            sys.exit("an unknown key passed the schema")
        except jsonschema.ValidationError as error:
            print(error.message)
        # An arm's regimen is declared too: a taper key of another kind is rejected.
        taper = load("Scenarios/taper-comparison.yaml")
        taper["arms"][1]["regimen"]["taper"]["step_mg"] = 5
        try:
            jsonschema.validate(taper, schema)
            sys.exit("a taper with another kind's key passed the schema")
        except jsonschema.ValidationError as error:
            print("taper:", error.message)
        # Every invalid fixture is rejected by the schema, except those whose problem lies between
        # keys or files (a YAML parser rejects the two that are not text).
        beyond_schema = {"cyclic-a.yaml": "an include cycle", "age-bounds-reversed.yaml": "lower above upper",
                         "include-not-a-mapping.yaml": "an included file's content", "tablet-strengths-100.yaml": "the tablet search bound",
                         "taper-past-horizon.yaml": "a taper against the horizon"}
        for f in sorted(glob.glob("Tests/Fixtures/invalid/**/*.yaml", recursive=True)):
            try:
                document = load(f)
            except (yaml.YAMLError, UnicodeDecodeError):
                continue
            try:
                jsonschema.validate(document, schema)
                if f.split("/")[-1] not in beyond_schema: sys.exit(f + " passed the schema")
            except jsonschema.ValidationError as error:
                if f.split("/")[-1] in beyond_schema: sys.exit(f + " is listed as beyond the schema, yet rejected: " + error.message)
        # Drug files have their own schema; every shipped one passes it.
        drug_schema = json.load(open("Scenarios/schema/drug.schema.json"))
        drugs = sorted(glob.glob("Scenarios/drugs/*.yaml"))
        assert len(drugs) >= 9, drugs
        for f in drugs:
            jsonschema.validate(load(f), drug_schema)
        # State-transition models have their own schema; every shipped one passes it.
        model_schema = json.load(open("Scenarios/schema/state-transition.schema.json"))
        models = sorted(glob.glob("Scenarios/textbook/*.yaml"))
        assert len(models) >= 3, models
        for f in models:
            jsonschema.validate(load(f), model_schema)
        sick = load("Scenarios/textbook/sick-sicker.yaml")
        sick["transitions"][0]["probabilty"] = 0.1
        try:
            jsonschema.validate(sick, model_schema)
            sys.exit("a misspelt transition key passed the state-transition schema")
        except jsonschema.ValidationError as error:
            print("state-transition:", error.message)
        baclofen = load("Scenarios/drugs/baclofen.yaml")
        baclofen["regimen"]["maintenance_mg_per_day"] = 1e300
        try:
            jsonschema.validate(baclofen, drug_schema)
            sys.exit("a dose of 1e300 mg/day passed the drug schema")
        except jsonschema.ValidationError as error:
            print("drug:", error.message)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        process.currentDirectoryURL = RunCommandTests.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("'sigmaa_per_sqrt_day' was unexpected"), "\(text)")
        #expect(text.contains("3.5 is greater than the maximum of 1"), "\(text)")
        #expect(text.contains("state-transition:") && text.contains("'probabilty' was unexpected"), "\(text)")
        #expect(text.contains("taper: "), "\(text)")
        #expect(text.contains("drug: 1e+300 is greater than the maximum of 100000"), "\(text)")
    }
}
