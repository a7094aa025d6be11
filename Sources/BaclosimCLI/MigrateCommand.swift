import ArgumentParser
import Baclosim
import Foundation

/// `baclosim migrate FILE...`: rewrites scenario files of an earlier `schema_version` for this
/// Baclosim, in place and atomically, keeping comments and layout (``ScenarioMigration``).
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Rewrite scenario files of an earlier schema_version for this Baclosim (renamed keys and the key paths that name them), keeping comments and layout.")

    @Argument(help: "Scenario files to migrate in place.")
    var files: [String]

    @Flag(help: "Write nothing; list what would change and exit with status 1 if any file needs migrating.")
    var check = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one scenario file, e.g. baclosim migrate my-scenario.yaml.") }
    }

    func run() throws {
        var problems: [String] = []
        var outdated = 0
        for file in files {
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                problems.append("\(file): could not read the file: \(error.localizedDescription). Check the path.")
                continue
            }
            let outcome: ScenarioMigration.Outcome
            do { outcome = try ScenarioMigration.migrate(text: text, file: file) } catch {
                problems.append(error.description)
                continue
            }
            guard outcome.changed else {
                print("\(file): already schema_version \(Scenario.schemaVersion)")
                continue
            }
            outdated += 1
            if !check {
                do { try AtomicFile.write(outcome.text, to: file) } catch {
                    problems.append("\(file): could not write the migrated file: \(error). Check that the folder is writable.")
                    continue
                }
            }
            print("\(file): \(check ? "needs migrating" : "migrated to schema_version \(Scenario.schemaVersion)")")
            for change in outcome.changes { print("  \(change)") }
        }
        if !problems.isEmpty {
            printToStandardError(problems.joined(separator: "\n"))
            throw ExitCode(2)
        }
        if check && outdated > 0 { throw ExitCode(1) }
    }
}
