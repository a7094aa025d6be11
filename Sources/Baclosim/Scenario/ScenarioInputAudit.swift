import Foundation

/// Checks that every numeric input of a scenario counts: each value of the resolved scenario
/// (``ScenarioTemplate/numericInputs()``) is moved to another valid value and the run's tables
/// are compared with those of the unchanged scenario.
///
/// With common random numbers a changed input that the model reads changes the tables
/// deterministically, so a small cohort suffices; the perturbation is large (×1.5 or ×0.5, or
/// a step of 1 for whole numbers) so that hazards of rare events still move some subject.
/// Values read only by other commands (`sweep:`, `psa:`, `targets:`, `calibration:`) are checked
/// by whether the decoded definition those commands consume changes.
public struct ScenarioInputAudit {
    /// What became of one input.
    public struct Finding: Sendable {
        public let input: ScenarioInput
        /// The value it was moved to, or nil when no other value validates.
        public let perturbedTo: Double?
        /// Some output table (or, for command blocks, the decoded definition) changed.
        public let changed: Bool
        /// Why the input was not perturbed, or which command reads it.
        public let note: String?
    }

    /// Top-level blocks read by commands other than `run`.
    static let commandBlocks = ["sweep", "psa", "targets", "calibration"]

    /// Cohort size of each audit run.
    /// Cohort size of each audit run; nil: 200, fewer for horizons over a year (about 73,000
    /// subject-days per arm, at least 40 subjects), so a 5-year model costs what a 1-year one does.
    public let subjects: Int?
    /// An input without effect at the audit's size is tried again at `escalation` times it.
    public let escalation: Int
    public let threads: Int

    public init(subjects: Int? = nil, escalation: Int = 10, threads: Int = 1) {
        self.subjects = subjects
        self.escalation = escalation
        self.threads = threads
    }

    /// Audits every numeric input of the scenario at `path` (or only those at the key paths in
    /// `only`); `progress` is told each finding.
    ///
    /// An input in `warned` (named by ``ScenarioInputWarning``: its value, as it is, does not
    /// matter) is moved once, to the first valid candidate, and should change nothing; any other
    /// input is moved to every valid candidate in turn until some output changes.
    public func audit(path: String, only: Set<String>? = nil, warned: Set<String> = [],
                      progress: ((Finding) -> Void)? = nil) throws -> [Finding] {
        let template = try ScenarioTemplate(path: path)
        let base = try template.scenario()
        let subjects = self.subjects ?? min(200, max(40, 73_000 / max(1, base.run.horizonDays)))
        let baseTables = try tables(of: base, subjects: subjects)
        let baseCommands = Self.commandDefinitions(base)
        // The unchanged scenario's tables at each larger size, run once when first needed.
        var larger: [Int: [String: String]] = [:]
        let escalated = { (size: Int) throws -> [String: String] in
            if let tables = larger[size] { return tables }
            let tables = try self.tables(of: base, subjects: size)
            larger[size] = tables
            return tables
        }
        // The last resort for an input without effect so far: about 2·10⁷ arm-days.
        let arms = max(1, base.arms.count), days = max(1, base.run.horizonDays)
        let largest = max(subjects * escalation, 20_000_000 / (arms * days))
        var findings: [Finding] = []
        for input in template.numericInputs() where only?.contains(input.keyPath) ?? true {
            let finding = try audit(input, subjects: subjects, largest: largest, template: template, baseTables: baseTables,
                                    baseCommands: baseCommands, warned: warned.contains(input.keyPath), escalated: escalated)
            progress?(finding)
            findings.append(finding)
        }
        return findings
    }

    private func audit(_ input: ScenarioInput, subjects: Int, largest: Int, template: ScenarioTemplate, baseTables: [String: String],
                       baseCommands: [String: String], warned: Bool, escalated: (Int) throws -> [String: String]) throws -> Finding {
        if input.keyPath == "run.subjects" {
            return Finding(input: input, perturbedTo: nil, changed: true, note: "the cohort size (the audit runs \(subjects) subjects)")
        }
        if input.keyPath == "run.block_size" {
            // The partition into blocks: tables are byte-identical for any thread count at a
            // given block size, but sums merged across blocks change in their last digits.
            return Finding(input: input, perturbedTo: nil, changed: true, note: "the cohort's partition into blocks")
        }
        let block = ScenarioKeyPath(parsing: input.keyPath).components.first.flatMap { component -> String? in
            if case .key(let key) = component { return key }
            return nil
        }
        // Every candidate that validates is tried, at the audit's size and then at
        // `escalation` times it, before an input is said to have no effect: a rare event (a
        // truncation bound few subjects reach, a window's first day) needs a larger cohort.
        // Then, for an input not named by a warning, each candidate once more at the largest
        // size (about 2·10⁷ arm-days: a window start that matters to 1 subject in 2,000).
        var tried: Double?
        let candidates = warned ? Self.mildCandidates(for: input.value) : Self.candidates(for: input.value)
        var valid: [(Double, Scenario)] = []
        for candidate in candidates {
            guard let scenario = try? template.scenario(overrides: [(input.keyPath, candidate)]) else { continue }
            if let block, Self.commandBlocks.contains(block) {
                let changed = Self.commandDefinitions(scenario)[block] != baseCommands[block]
                return Finding(input: input, perturbedTo: candidate, changed: changed, note: "read by baclosim \(block)")
            }
            guard let tables = try? tables(of: scenario, subjects: subjects) else { continue }
            tried = tried ?? candidate
            if tables != baseTables { return Finding(input: input, perturbedTo: candidate, changed: true, note: nil) }
            if try self.tables(of: scenario, subjects: subjects * escalation) != escalated(subjects * escalation) {
                return Finding(input: input, perturbedTo: candidate, changed: true,
                               note: "changes an output at \(subjects * escalation) subjects")
            }
            valid.append((candidate, scenario))
            if warned { break }
        }
        if !warned, largest > subjects * escalation {
            for (candidate, scenario) in valid where try self.tables(of: scenario, subjects: largest) != escalated(largest) {
                return Finding(input: input, perturbedTo: candidate, changed: true, note: "changes an output at \(largest) subjects")
            }
        }
        return Finding(input: input, perturbedTo: tried, changed: false, note: tried == nil ? "no other value validates" : nil)
    }

    /// The run's tables by file name (the manifest and the Markdown summary left out: the first
    /// holds timings, the second repeats summary.csv).
    private func tables(of scenario: Scenario, subjects: Int) throws -> [String: String] {
        let report = try Simulation(scenario: scenario).run(subjects: subjects, threads: threads)
        var tables: [String: String] = [:]
        for file in try report.files() where file.name != "manifest.json" && file.name != "summary.md" {
            tables[file.name] = file.text
        }
        return tables
    }

    /// Text dumps of the definitions the other commands read.
    private static func commandDefinitions(_ scenario: Scenario) -> [String: String] {
        func text(_ value: some Any) -> String {
            var out = ""
            dump(value, to: &out)
            return out
        }
        return ["sweep": text(scenario.sweep as Any), "psa": text(scenario.psa as Any),
                "targets": text(scenario.targets), "calibration": text(scenario.calibration as Any)]
    }

    /// A small move of a warned input (whose value, as it is, should not matter): one step for
    /// whole numbers, 10 % for others.
    static func mildCandidates(for value: Double) -> [Double] {
        let values = value == value.rounded() ? [value + 1, value - 1] : [value * 1.1, value * 0.9]
        return value == 0 ? [1, 0.1, -1, -0.1] : values
    }

    /// Values to try instead of `value`, boldest first: whole numbers move by a step (and are
    /// kept whole, so integer fields still read), others by half their size; the last ones are
    /// large (×10, ×1000) so that a relative risk of a rarely reached state still moves someone.
    static func candidates(for value: Double) -> [Double] {
        if value == 0 { return [1, 7, 0.5, 0.1, 0.01, -1, -0.5] }
        var values: [Double]
        if value == value.rounded() {
            values = [value * 2, (value / 2).rounded(.towardZero), value + 1, value - 1, value * 10]
        } else {
            values = [value * 1.5, value * 0.5, value * 1.1, value * 0.9, (value + 1) / 2, value * 1.01, value * 0.99,
                      value * 10, value * 0.1, value * 1000]
        }
        var seen: Set<Double> = [value]
        return values.filter { $0.isFinite && seen.insert($0).inserted }
    }
}
