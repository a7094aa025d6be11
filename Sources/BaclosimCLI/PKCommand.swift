import ArgumentParser
import Baclosim
import Foundation

/// `baclosim pk`: a quick concentration-time simulation (in the spirit of mrgsolve's `mrgsim`).
/// Parse → load the drug → run → write; the work is `PKSimulation`'s.
struct PKCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pk",
        abstract: "Simulate concentrations over time for a typical subject or a population.",
        discussion: """
            Writes CSV (time_h,concentration_mg_per_L; with --subjects, time_h,p05,p50,p95) to \
            standard output or --out, and one summary line for the typical subject (Cmax, Tmax, \
            AUC over the window, Cavg at steady state) to standard error. The typical subject \
            has η = 0 and reference covariates (70 kg, CrCl 100 mL/min) unless --weight-kg or \
            --crcl say otherwise; with --subjects, every subject has those covariates and its \
            own random effects.

            Examples:
              baclosim pk baclofen --days 3
              baclosim pk baclofen --dose 20 --every 8 --steady-state --times 0:8:0.25
              baclosim pk baclofen --subjects 500 --seed 7 --out profile.csv
              baclosim pk --param CL=5 --param V=100 --param KA=1 --dose 100 --every 12
            """
    )

    @Argument(help: ArgumentHelp(
        "A drug in the library (e.g. baclofen) or the path of a drug .yaml file. Leave it out to build the model from --param alone.",
        valueName: "drug"))
    var drug: String?

    @Option(help: ArgumentHelp("The drug library folder.", valueName: "dir"))
    var library: String = DrugLibrary.defaultFolder

    @Option(name: .customLong("drug-model"), help: ArgumentHelp(
        "Which of the drug's models to use (default: the drug's default_model).", valueName: "name"))
    var drugModel: String?

    @Option(name: .customLong("param"), help: ArgumentHelp(
        "Set a parameter's typical value, NONMEM names: CL (L/h), V (L), KA (1/h), F, TLAG (h), Q (L/h), V2 (L), D1 (h). Repeatable.",
        valueName: "NAME=value"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("one-compartment or two-compartment (default: the drug's, or two when Q or V2 is given).",
                               valueName: "structure"))
    var model: String?

    @Option(help: ArgumentHelp("oral, iv or infusion (default: oral with KA, infusion with D1 only, else iv).",
                               valueName: "route"))
    var route: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Amount of each dose (mg). Without dose flags the drug's own regimen is used.", valueName: "mg"))
    var dose: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Dosing interval (h).", valueName: "hours"))
    var every: Double?

    @Option(help: ArgumentHelp("Number of doses (default: through the last output time).", valueName: "n"))
    var doses: Int?

    @Flag(name: .customLong("steady-state"), help: "Start at steady state: time 0 is a dose after infinitely many.")
    var steadyState = false

    @Option(help: ArgumentHelp("Days of the drug's regimen, and the default window 0 to 24×days h.", valueName: "n"))
    var days: Int = 7

    @Option(parsing: .unconditional, help: ArgumentHelp("Output times (h): a comma list (0,2.5,12) or start:stop:step (default 0:24×days:1).",
                               valueName: "times"))
    var times: String?

    @Option(name: .customLong("weight-kg"), parsing: .unconditional, help: ArgumentHelp("Body weight (kg; default 70).", valueName: "kg"))
    var weightKg: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Creatinine clearance (mL/min; default 100).", valueName: "mL/min"))
    var crcl: Double?

    @Option(help: ArgumentHelp("Simulate this many subjects and write the 5th, 50th and 95th percentiles.", valueName: "n"))
    var subjects: Int?

    @Option(help: ArgumentHelp("Random seed for --subjects.", valueName: "seed"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Write the CSV to this file (atomically) instead of standard output.", valueName: "file"))
    var out: String?

    func run() throws {
        try simulate()
    }

    /// Parse → load → run → write.
    func simulate() throws {
        let drugDefinition = try loadDrug()
        let overrides = try parsedOverrides()
        let structure = try choice(model, flag: "--model", among: DrugModelDefinition.Structure.self)
        let routeChoice = try choice(route, flag: "--route", among: PKSimulationModel.Route.self)
        let pkModel = try PKSimulationModel(drug: drugDefinition, modelName: drugModel, overrides: overrides,
                                  structure: structure, route: routeChoice)
        let regimen = try dosingRegimen(drug: drugDefinition)
        guard days >= 1 else {
            throw CommandLineError("--days must be ≥ 1 (found \(days)). Give the number of days to simulate, e.g. --days 7.")
        }
        let outputTimes = try PKSimulation.parseTimes(times ?? "0:\(24 * days):1")
        let simulation = PKSimulation(model: pkModel, regimen: regimen, timesH: outputTimes, covariates: try covariates())

        let csv: String
        if let subjects {
            guard subjects >= 1 else {
                throw CommandLineError("--subjects must be ≥ 1 (found \(subjects)). Give the number of subjects to simulate, e.g. --subjects 1000.")
            }
            csv = try simulation.populationProfile(subjects: subjects, seed: seed).csv
        } else {
            csv = try simulation.typicalProfile().csv
        }
        let summary = try simulation.typicalSummary()

        if let out {
            do {
                try AtomicFile.write(csv, to: out)
            } catch {
                throw CommandLineError("\(error). Choose another --out path.", exitCode: 1)
            }
        } else {
            FileHandle.standardOutput.write(Data(csv.utf8))
        }
        printToStandardError(summary.line(label: pkModel.label))
    }

    /// The drug named on the command line, or `nil` when the model comes from --param alone.
    func loadDrug() throws(CommandLineError) -> DrugDefinition? {
        guard let drug else { return nil }
        let isPath = drug.contains("/") || drug.hasSuffix(".yaml")
        var isFolder: ObjCBool = false
        if !isPath && !(FileManager.default.fileExists(atPath: library, isDirectory: &isFolder) && isFolder.boolValue) {
            throw CommandLineError(
                "no drug library folder at \(library). Run from the Baclosim checkout, give --library DIR, or give the path of a drug .yaml file.")
        }
        do {
            return try DrugLibrary(folder: library).load(drug)
        } catch {
            throw CommandLineError(error.issues.map(\.description).joined(separator: "; "))
        }
    }

    /// `--param NAME=value` pairs.
    func parsedOverrides() throws(CommandLineError) -> [(name: String, value: Double)] {
        var overrides: [(name: String, value: Double)] = []
        for text in parameters {
            guard let pair = DrugModelDefinition.parseOverride(text) else {
                throw CommandLineError("--param '\(text)' is not NAME=value. Give a NONMEM name and a number, e.g. --param CL=5.")
            }
            overrides.append(pair)
        }
        return overrides
    }

    /// The regimen from --dose/--every/--doses, or the drug's own.
    func dosingRegimen(drug: DrugDefinition?) throws(CommandLineError) -> PKSimulationRegimen {
        guard let dose else {
            if let flag = [("--every", every != nil), ("--doses", doses != nil)].first(where: \.1)?.0 {
                throw CommandLineError("\(flag) needs --dose. Give the amount of each dose, e.g. --dose 10.")
            }
            guard let drug else {
                throw CommandLineError("no doses: name a drug to use its regimen, or give --dose (mg) and --every (h), e.g. --dose 100 --every 12.")
            }
            if steadyState {
                throw CommandLineError("--steady-state needs a regular regimen. Give --dose (mg) and --every (h), e.g. --dose 10 --every 8.")
            }
            // Its doses come from each subject's drinking and side effects, which only a cohort run has.
            if drug.regimen.responseGuided != nil {
                throw CommandLineError("\(drug.name)'s regimen titrates to response (titrate_to_response), so its doses depend on each subject's course: simulate it with baclosim run, or give --dose (mg) and --every (h) here, e.g. --dose 10 --every 8.")
            }
            if let asNeeded = drug.regimen.asNeeded {
                throw CommandLineError("\(drug.name)'s regimen is taken as needed (as_needed), on days each subject expects to drink: simulate it with baclosim run, or give --dose (mg) and --every (h) here, e.g. --dose \(asNeeded.doseMg.formatted) --every 24 for a dose every day.")
            }
            return .schedule(drug.regimen, days: days)
        }
        guard dose.isFinite && dose >= 0 else {
            throw CommandLineError("--dose must be a number ≥ 0 mg (found \(dose.formatted)). Give the amount of each dose, e.g. --dose 10.")
        }
        if let every, !(every.isFinite && every > 0) {
            throw CommandLineError("--every must be > 0 h (found \(every.formatted)). Give the dosing interval in hours, e.g. --every 8.")
        }
        if let doses {
            guard doses >= 1 else {
                throw CommandLineError("--doses must be ≥ 1 (found \(doses)). Give the number of doses, e.g. --doses 10.")
            }
            if doses > 1 && every == nil {
                throw CommandLineError("--doses \(doses) needs --every. Give the dosing interval in hours, e.g. --every 12.")
            }
        }
        if steadyState && every == nil {
            throw CommandLineError("--steady-state needs --every. Give the dosing interval in hours, e.g. --every 12.")
        }
        return .regular(doseMg: dose, intervalH: every, count: doses, steadyState: steadyState)
    }

    /// Reference covariates (70 kg, CrCl 100 mL/min) with --weight-kg and --crcl applied.
    func covariates() throws(CommandLineError) -> PKCovariates {
        var covariates = PKCovariates.reference
        if let weightKg {
            guard weightKg.isFinite && weightKg > 0 else {
                throw CommandLineError("--weight-kg must be > 0 (found \(weightKg.formatted)). Give body weight in kg, e.g. --weight-kg 70.")
            }
            covariates.weightKg = weightKg
        }
        if let crcl {
            guard crcl.isFinite && crcl >= 0 else {
                throw CommandLineError("--crcl must be ≥ 0 (found \(crcl.formatted)). Give creatinine clearance in mL/min, e.g. --crcl 60.")
            }
            covariates.creatinineClearanceMLPerMin = crcl
        }
        return covariates
    }

    /// The case of `T` whose raw value is `text`, or a one-line error listing the choices.
    func choice<T: RawRepresentable & CaseIterable>(_ text: String?, flag: String, among _: T.Type)
        throws(CommandLineError) -> T? where T.RawValue == String
    {
        guard let text else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map(\.rawValue)
        var message = "\(flag) '\(text)' is not one of \(names.joined(separator: ", ")). Use one of them"
        if let match = ParameterProblem.suggestion(for: text, among: names) { message += " (did you mean '\(match)'?)" }
        throw CommandLineError(message + ".")
    }
}

extension Double {
    /// The value as a user would type it (`-5`, `0.5`).
    var formatted: String { ScenarioIssue.formatNumber(self) }
}
