import ArgumentParser
import Baclosim
import Foundation

/// `baclosim audit`: does every numeric input of a scenario count? Moves each value of the
/// resolved scenario to another valid value, runs a small cohort and compares the tables.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check that every numeric input of a scenario changes an output or is named by a warning (one small run per input).")

    @Argument(help: "Scenario file to audit.")
    var file: String

    @Option(parsing: .unconditional, help: "Subjects of each run (common random numbers: a few hundred find any input the model reads); default 200, fewer for horizons over a year.")
    var subjects: Int?

    @OptionGroup var workers: WorkerThreadsOption

    @Flag(help: "List every input, not only those without effect.")
    var all = false

    func validate() throws {
        if let subjects, subjects < 1 { throw ValidationError("--subjects must be ≥ 1 (found \(subjects)). Give e.g. --subjects 200.") }
    }

    func run() throws {
        let warnings = try loadWarnings()
        let audit = ScenarioInputAudit(subjects: subjects, threads: workers.threads)
        let listAll = all
        let findings: [ScenarioInputAudit.Finding]
        do {
            findings = try audit.audit(path: file, warned: Set(warnings.map(\.keyPath))) { finding in
                if let line = Self.line(for: finding, warnings: warnings, all: listAll) { print(line) }
            }
        } catch let issues as ScenarioIssues {
            printToStandardError(issues.description)
            throw ExitCode(2)
        }
        let silent = findings.filter { !$0.changed && !Self.isWarned($0, warnings) }
        let wrong = findings.filter { $0.changed && $0.perturbedTo != nil && Self.isWarned($0, warnings) }
        print("\(file): \(findings.count) numeric inputs, \(findings.filter(\.changed).count) change an output, "
              + "\(warnings.count) named by warnings, \(silent.count) silently ignored, \(wrong.count) warned but effective")
        if !silent.isEmpty || !wrong.isEmpty { throw ExitCode(1) }
    }

    private func loadWarnings() throws -> [ScenarioInputWarning] {
        do {
            return try ScenarioTemplate(path: file).inputWarnings()
        } catch {
            printToStandardError(error.description)
            throw ExitCode(2)
        }
    }

    private static func isWarned(_ finding: ScenarioInputAudit.Finding, _ warnings: [ScenarioInputWarning]) -> Bool {
        warnings.contains { $0.keyPath == finding.input.keyPath }
    }

    /// The line printed for one finding, or nil (an effective input without `--all`).
    private static func line(for finding: ScenarioInputAudit.Finding, warnings: [ScenarioInputWarning], all: Bool) -> String? {
        let warned = warnings.first { $0.keyPath == finding.input.keyPath }
        let to = finding.perturbedTo.map { " → \(ScenarioIssue.formatNumber($0))" } ?? ""
        let place = "\(finding.input.file):\(finding.input.line.map(String.init) ?? "?")"
        let note = finding.note.map { " (\($0))" } ?? ""
        let value = ScenarioIssue.formatNumber(finding.input.value)
        if !finding.changed, warned == nil { return "NO EFFECT  \(place): \(finding.input.keyPath) = \(value)\(to)\(note)" }
        if finding.changed, finding.perturbedTo != nil, let warned {
            return "WARNED BUT CHANGES  \(place): \(finding.input.keyPath) = \(value)\(to): \(warned.reason)"
        }
        guard all else { return nil }
        return "ok  \(finding.input.keyPath) = \(value)\(to): " + (finding.changed ? "changes" : "no effect, warned: \(warned?.reason ?? "")") + note
    }
}
