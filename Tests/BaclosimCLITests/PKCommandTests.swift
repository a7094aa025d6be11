import Foundation
import Testing

/// End-to-end tests of `baclosim pk`: the built binary, its output files, streams and exit codes.
@Suite("baclosim pk")
struct PKCommandTests {
    /// Concentration at steady state of a 1-cmt oral model, `dose` every `tau` h, `t` h after a
    /// dose: F·D·KA/(V·(KA − k)) · (e^{−kt}/(1 − e^{−kτ}) − e^{−KA·t}/(1 − e^{−KA·τ})).
    static func oneCompartmentOralSteadyState(doseMg: Double, tau: Double, clearance: Double, volume: Double,
                                              ka: Double, atH t: Double) -> Double {
        let k = clearance / volume
        return doseMg * ka / (volume * (ka - k))
            * (exp(-k * t) / -expm1(-k * tau) - exp(-ka * t) / -expm1(-ka * tau))
    }

    @Test func baclofenDefaultRegimenWritesOneRowPerHourAndASummaryLine() throws {
        let result = try BaclosimBinary.run(["pk", "baclofen", "--days", "3"])
        #expect(result.status == 0)
        let (header, rows) = result.csv
        #expect(header == ["time_h", "concentration_mg_per_L"])
        #expect(rows.count == 73)
        #expect(rows.map { $0[0] } == (0...72).map(String.init))
        // Nothing before the first dose at 08:00; drug in the body afterwards.
        let values = result.numericRows.map { $0[1] }
        #expect(values[0...8].allSatisfy { $0 == 0 })
        #expect(values[9...].allSatisfy { $0 > 0 && $0.isFinite })
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.hasPrefix("baclofen/simon2018, typical subject: Cmax ") == true)
    }

    @Test func oneCompartmentOralSteadyStateMatchesClosedForm() throws {
        let result = try BaclosimBinary.run([
            "pk", "--param", "CL=5", "--param", "V=100", "--param", "KA=1",
            "--dose", "100", "--every", "12", "--steady-state", "--times", "0,2.31565,12",
        ])
        #expect(result.status == 0)
        #expect(result.csv.header == ["time_h", "concentration_mg_per_L"])
        let rows = result.numericRows
        #expect(rows.map { $0[0] } == [0, 2.31565, 12])
        let published = [1.2803822, 1.9740511, 1.2803822]
        for (row, expected) in zip(rows, published) {
            let oracle = Self.oneCompartmentOralSteadyState(doseMg: 100, tau: 12, clearance: 5, volume: 100, ka: 1, atH: row[0])
            #expect(abs(row[1] - expected) < 5e-7, "t = \(row[0])")
            #expect(abs(row[1] - oracle) < 1e-12 * oracle, "t = \(row[0])")
        }
        // Cavg at steady state = F·D/(CL·τ) = 100/(5·12).
        #expect(result.errorLines.first?.hasSuffix("Cavg at steady state 1.66667 mg/L") == true)
    }

    @Test func baclofenTypicalSubjectOnTenMilligramsThreeTimesDailyAveragesDoseOverClearance() throws {
        // Default regimen: 5 mg tid for 3 days, then 10 mg tid; by day 29 at steady state,
        // Cavg = 30 mg / (11.6 L/h × 24 h) = 0.107759 mg/L (Simon 2018 CL/F).
        let result = try BaclosimBinary.run(["pk", "baclofen", "--days", "30", "--times", "696:720:0.1"])
        #expect(result.status == 0)
        let expected = 30 / (11.6 * 24)
        let summary = try #require(result.errorLines.first)
        let cavg = try #require(Double(summary.split(separator: " ").dropLast().last ?? ""))
        #expect(summary.contains("Cavg over the last day (696–720 h)"))
        #expect(abs(cavg - expected) < 1e-6)
        #expect(abs(cavg - 0.1078) < 5e-5)
        // Independently, the trapezoid mean of the printed profile over the last day.
        let rows = result.numericRows
        #expect(rows.count == 241)
        var area = 0.0
        for (a, b) in zip(rows, rows.dropFirst()) { area += (b[0] - a[0]) * (a[1] + b[1]) / 2 }
        // Each oral dose kinks C (C' jumps by KA·D/V); a kink inside a trapezoid of width h costs
        // at most h²/8 × jump, three doses a day, so the mean is off by at most that × 3 / 24 h.
        let kinkBound = 3 * 0.1 * 0.1 / 8 * (1.64 * 10 / 72.8) / 24
        #expect(abs(area / 24 - expected) < kinkBound)
    }

    @Test func intravenousBolusFromParametersDecaysExponentially() throws {
        let result = try BaclosimBinary.run(["pk", "--param", "CL=5", "--param", "V=100", "--dose", "100", "--times", "0,1,10"])
        #expect(result.status == 0)
        for row in result.numericRows {
            #expect(abs(row[1] - exp(-0.05 * row[0])) < 1e-14)
        }
    }

    @Test func populationPercentilesAreOrderedAndRepeatForTheSameSeed() throws {
        let arguments = ["pk", "baclofen", "--subjects", "200", "--seed", "42", "--times", "0:48:4"]
        let first = try BaclosimBinary.run(arguments)
        let second = try BaclosimBinary.run(arguments)
        #expect(first.status == 0 && second.status == 0)
        #expect(first.csv.header == ["time_h", "p05", "p50", "p95"])
        #expect(first.csv.rows.count == 13)
        #expect(first.standardOutput == second.standardOutput)
        #expect(first.standardError == second.standardError)
        for row in first.numericRows {
            #expect(row[1] <= row[2] && row[2] <= row[3], "t = \(row[0])")
        }
        // Between-subject variability spreads the profile once drug is in the body.
        let afternoon = try #require(first.numericRows.first { $0[0] == 16 })
        #expect(afternoon[1] < afternoon[2] && afternoon[2] < afternoon[3])

        let typical = try BaclosimBinary.run(["pk", "baclofen", "--times", "16"]).numericRows[0][1]
        #expect(afternoon[1] < typical && typical < afternoon[3])

        let otherSeed = try BaclosimBinary.run(["pk", "baclofen", "--subjects", "200", "--seed", "43", "--times", "0:48:4"])
        #expect(otherSeed.standardOutput != first.standardOutput)
    }

    @Test func outputFileHoldsTheSameCSVAndNothingElseIsLeft() throws {
        let folder = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("profile.csv")
        let toFile = try BaclosimBinary.run(["pk", "baclofen", "--days", "2", "--out", file.path])
        let toScreen = try BaclosimBinary.run(["pk", "baclofen", "--days", "2"])
        #expect(toFile.status == 0)
        #expect(toFile.standardOutput.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == toScreen.standardOutput)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["profile.csv"])
    }

    @Test func aDrugWhoseRegimenTitratesToResponseNeedsExplicitDoses() throws {
        let library = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: library) }
        let text = try String(contentsOf: BaclosimBinary.repositoryRoot.appendingPathComponent("Scenarios/drugs/baclofen.yaml"), encoding: .utf8)
        // The drug file's regimen with its fixed steps replaced by a titration to response.
        let guided = text.components(separatedBy: "\n").compactMap { line -> String? in
            if line.hasPrefix("  titration:") || line.hasPrefix("    - {days: 3, mg_per_day: 15}") { return nil }
            if line.hasPrefix("  maintenance_mg_per_day:") {
                return "  titrate_to_response: {start_mg_per_day: 15, step_mg_per_day: 15, step_interval_days: 3, ceiling_mg_per_day: 90, response: {window_days: 7, max_heavy_days: 0}}"
            }
            return line
        }.joined(separator: "\n")
        #expect(guided != text)
        try guided.write(to: library.appendingPathComponent("baclofen.yaml"), atomically: true, encoding: .utf8)
        let result = try BaclosimBinary.run(["pk", "baclofen", "--library", library.path])
        #expect(result.status == 64)
        #expect(result.standardOutput.isEmpty)
        #expect(result.errorLines == [
            "Error: baclofen's regimen titrates to response (titrate_to_response), so its doses depend on each subject's course: simulate it with baclosim run, or give --dose (mg) and --every (h) here, e.g. --dose 10 --every 8.",
        ])
        #expect(try BaclosimBinary.run(["pk", "baclofen", "--library", library.path, "--dose", "10", "--every", "8"]).status == 0)
    }

    @Test func aDrugTakenAsNeededNeedsExplicitDoses() throws {
        let result = try BaclosimBinary.run(["pk", "nalmefene"])
        #expect(result.status == 64)
        #expect(result.standardOutput.isEmpty)
        #expect(result.errorLines == [
            "Error: nalmefene's regimen is taken as needed (as_needed), on days each subject expects to drink: simulate it with baclosim run, or give --dose (mg) and --every (h) here, e.g. --dose 18 --every 24 for a dose every day.",
        ])
        // Daily 18 mg for 7 days: a peak near the model's single-dose 11.4 ng/mL times the accumulation.
        let daily = try BaclosimBinary.run(["pk", "nalmefene", "--dose", "18", "--every", "24", "--days", "7"])
        #expect(daily.status == 0)
    }

    @Test func unknownDrugSuggestsTheNearestNameAndListsTheLibrary() throws {
        let library = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: library) }
        for name in ["baclofen", "naltrexone"] {
            try FileManager.default.copyItem(
                at: BaclosimBinary.repositoryRoot.appendingPathComponent("Scenarios/drugs/\(name).yaml"),
                to: library.appendingPathComponent("\(name).yaml"))
        }
        let result = try BaclosimBinary.run(["pk", "baclofn", "--library", library.path])
        #expect(result.status == 64)
        #expect(result.standardOutput.isEmpty)
        #expect(result.errorLines == [
            "Error: \(library.path): no drug named 'baclofn' in the library. Use one of: baclofen, naltrexone. Did you mean 'baclofen'?",
        ])

        let shipped = try BaclosimBinary.run(["pk", "baclofn"])
        #expect(shipped.status == 64)
        #expect(shipped.errorLines.count == 1)
        let line = shipped.errorLines.first ?? ""
        #expect(line.hasPrefix("Error: Scenarios/drugs: no drug named 'baclofn' in the library. Use one of: "))
        #expect(line.contains("baclofen, "))
        #expect(line.hasSuffix(" Did you mean 'baclofen'?"))
    }

    /// A command line that must fail with exactly one line on standard error.
    struct BadInput: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var line: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let badInputs: [BadInput] = [
        BadInput(arguments: ["baclofen", "--dose", "-5"],
                 line: "Error: --dose must be a number ≥ 0 mg (found -5). Give the amount of each dose, e.g. --dose 10."),
        BadInput(arguments: ["--param", "CL=5", "--param", "KA=1", "--dose", "10"],
                 line: "Error: missing parameter for a one-compartment oral model: V (apparent (central) volume of distribution, L). Add --param V=72.8."),
        BadInput(arguments: ["--param", "CL=5", "--param", "V=50", "--route", "oral", "--dose", "10"],
                 line: "Error: missing parameter for a one-compartment oral model: KA (first-order absorption rate constant, per_h). Add --param KA=1.64, or use --route iv."),
        BadInput(arguments: ["baclofen", "--param", "CL=0"],
                 line: "Error: --param CL=0: CL must be > 0. Give the apparent clearance (CL/F for oral models) in L_per_h, e.g. CL=11.6."),
        BadInput(arguments: ["--param", "CL=-2", "--param", "V=50", "--dose", "10"],
                 line: "Error: --param CL=-2: CL must be > 0. Give the apparent clearance (CL/F for oral models) in L_per_h, e.g. CL=11.6."),
        BadInput(arguments: ["baclofen", "--times", "0:abc:1"],
                 line: "Error: --times '0:abc:1': 'abc' is not a number. Give hours as a comma list (0,2.5,12) or as start:stop:step (0:168:1)."),
        BadInput(arguments: ["baclofen", "--times", "0:24"],
                 line: "Error: --times '0:24': a range has three parts, start:stop:step. Give hours as a comma list (0,2.5,12) or as start:stop:step (0:168:1)."),
        BadInput(arguments: ["baclofen", "--times", "0:24:0"],
                 line: "Error: --times '0:24:0': the step must be > 0 h. Give hours as a comma list (0,2.5,12) or as start:stop:step (0:168:1)."),
        BadInput(arguments: ["baclofen", "--times", "1,-2"],
                 line: "Error: --times '1,-2': times must be ≥ 0 h (found -2). Give hours as a comma list (0,2.5,12) or as start:stop:step (0:168:1)."),
        BadInput(arguments: ["baclofen", "--param", "CLL=5"],
                 line: "Error: unknown parameter 'CLL' in --param CLL=5. Use one of CL, V, KA, F, TLAG, Q, V2, D1. Did you mean 'CL'?"),
        BadInput(arguments: ["baclofen", "--param", "CL"],
                 line: "Error: --param 'CL' is not NAME=value. Give a NONMEM name and a number, e.g. --param CL=5."),
        BadInput(arguments: ["baclofen", "--drug-model", "simon"],
                 line: "Error: Scenarios/drugs/baclofen.yaml: models: drug 'baclofen' has no model 'simon'. Use one of 'simon2018', 'marsot2014', 'chevillard2018'."),
        BadInput(arguments: ["baclofen", "--route", "oarl"],
                 line: "Error: --route 'oarl' is not one of oral, iv, infusion. Use one of them (did you mean 'oral'?)."),
        BadInput(arguments: ["baclofen", "--steady-state"],
                 line: "Error: --steady-state needs a regular regimen. Give --dose (mg) and --every (h), e.g. --dose 10 --every 8."),
        BadInput(arguments: ["baclofen", "--dose", "10", "--every", "0"],
                 line: "Error: --every must be > 0 h (found 0). Give the dosing interval in hours, e.g. --every 8."),
        BadInput(arguments: ["--param", "CL=5", "--param", "V=50"],
                 line: "Error: no doses: name a drug to use its regimen, or give --dose (mg) and --every (h), e.g. --dose 100 --every 12."),
        BadInput(arguments: ["baclofen", "--subjects", "0"],
                 line: "Error: --subjects must be ≥ 1 (found 0). Give the number of subjects to simulate, e.g. --subjects 1000."),
        BadInput(arguments: ["baclofen", "--library", "no/such/folder"],
                 line: "Error: no drug library folder at no/such/folder. Run from the Baclosim checkout, give --library DIR, or give the path of a drug .yaml file."),
    ]

    @Test(arguments: badInputs)
    func badInputExitsWithOneLineSayingWhatAndHowToFix(_ input: BadInput) throws {
        let result = try BaclosimBinary.run(["pk"] + input.arguments)
        #expect(result.status == 64)
        #expect(result.standardOutput.isEmpty)
        #expect(result.errorLines == [input.line])
    }

    @Test func unwritableOutputFileFailsWithOneLine() throws {
        let result = try BaclosimBinary.run(["pk", "baclofen", "--days", "1", "--out", "/no/such/folder/profile.csv"])
        #expect(result.status == 1)
        #expect(result.errorLines == [
            "Error: cannot write /no/such/folder/profile.csv: folder /no/such/folder does not exist. Choose another --out path.",
        ])
    }
}
