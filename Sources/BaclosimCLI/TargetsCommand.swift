import ArgumentParser
import Baclosim
import Foundation

/// `baclosim targets`: run trial scenarios and compare each `targets:` entry with the simulation.
struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "Run scenarios and compare each published target (targets:) with the simulated mean: met when inside the published 95% interval.")

    @Argument(help: "Scenario files with a targets: block, or folders: every *.yaml directly in a folder whose top level has targets: (sorted by name), e.g. Scenarios/trials.")
    var scenarios: [String]

    @Option(parsing: .unconditional, help: "Subjects per scenario (each in every arm); default: each scenario's run.subjects.")
    var subjects: Int?

    @Option(parsing: .unconditional, help: "Seed of every random stream; default: each scenario's run.seed.")
    var seed: UInt64?

    @OptionGroup var workers: WorkerThreadsOption
    /// `--threads` (see `WorkerThreadsOption`).
    var threads: Int { workers.threads }

    @Option(help: "Also write the table (Markdown) to this file, atomically.")
    var markdown: String?

    @Option(name: .customLong("update-readme"),
            help: "Replace the section between <!-- targets:begin --> and <!-- targets:end --> of this file with the table.")
    var updateReadme: String?

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("give at least one scenario file, e.g. baclosim targets Scenarios/trials/garbutt2010.yaml.") }
        if let subjects, subjects < 2 { throw ValidationError("--subjects must be ≥ 2 (found \(subjects)). Give the number of subjects, e.g. --subjects 20000.") }
    }

    /// `paths` with each folder replaced by its `*.yaml` files that declare `targets:` at the
    /// top level (sorted), so a trial added to the folder joins the generated table by itself and
    /// include files (calibrated parameters, models) are skipped.
    static func expandingFolders(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.filter { $0.hasSuffix(".yaml") }.sorted().map { (path as NSString).appendingPathComponent($0) }.filter { file in
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return false }
                return text.split(separator: "\n").contains { $0.hasPrefix("targets:") }
            }
        }
    }

    func run() throws {
        var loaded: [Scenario] = []
        var failed = false
        let scenarios = Self.expandingFolders(self.scenarios)
        if scenarios.isEmpty { throw CommandLineError("no scenario with a targets: block in \(self.scenarios.joined(separator: ", ")).", exitCode: 2) }
        for path in scenarios {
            do {
                let scenario = try Scenario.load(path: path)
                if scenario.targets.isEmpty {
                    printToStandardError("\(path): no targets: block. Add targets: [{name, metric, arm, value, interval, source}] (see Scenarios/trials/README.md).")
                    failed = true
                }
                loaded.append(scenario)
            } catch {
                printToStandardError(error.description)
                failed = true
            }
        }
        if failed { throw ExitCode(2) }

        var comparisons: [TargetComparison] = []
        var runs: [String] = []
        for scenario in loaded {
            let report: RunReport
            do {
                report = try Simulation(scenario: scenario).run(subjects: subjects, seed: seed, threads: threads)
            } catch {
                throw CommandLineError("\(scenario.path): run failed: \(error)", exitCode: 1)
            }
            let armRows = report.armOutcomeRows, differenceRows = report.differenceOutcomeRows
            for target in scenario.targets {
                guard armRows.contains(where: { $0.metric == target.metric }) else {
                    throw CommandLineError("\(scenario.path): target '\(target.name)': the run reports no metric '\(target.metric)'. Use a metric of summary.csv.", exitCode: 2)
                }
                comparisons.append(TargetComparison(target: target, scenario: scenario.name, armRows: armRows, differenceRows: differenceRows))
            }
            runs.append("\(scenario.name): \(subjects ?? scenario.run.subjects) subjects, seed \(seed ?? scenario.run.seed), \(scenario.run.horizonDays) days")
        }

        let met = comparisons.filter(\.isMet).count
        let table = TargetComparison.markdownTable(comparisons)
        let section = table + "\n" + "Met \(met) of \(comparisons.count) targets (met: simulated mean inside the published 95% interval). Runs: "
            + runs.joined(separator: "; ") + ". Generated by `baclosim targets`"
            + (subjects.map { " --subjects \($0)" } ?? "") + (seed.map { " --seed \($0)" } ?? "") + ".\n"
        print(section, terminator: "")
        if let markdown {
            do { try AtomicFile.write(section, to: markdown) } catch {
                throw CommandLineError("\(markdown): could not write the table: \(error)", exitCode: 1)
            }
        }
        if let updateReadme {
            let document: String
            do { document = try String(contentsOfFile: updateReadme, encoding: .utf8) } catch {
                throw CommandLineError("\(updateReadme): could not read: \(error.localizedDescription)", exitCode: 1)
            }
            guard let updated = TargetComparison.replacingGeneratedSection(in: document, with: section) else {
                throw CommandLineError("\(updateReadme): no <!-- targets:begin --> … <!-- targets:end --> section. Add the two markers, in that order, where the table goes.", exitCode: 2)
            }
            do { try AtomicFile.write(updated, to: updateReadme) } catch {
                throw CommandLineError("\(updateReadme): could not write: \(error)", exitCode: 1)
            }
        }
    }
}
