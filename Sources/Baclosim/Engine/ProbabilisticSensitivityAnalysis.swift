import Foundation

/// The outer loop of a probabilistic sensitivity analysis: for each draw, the parameter values
/// from ``PSAParameterSet`` (their own stream keyed by draw), the model with those values, and an
/// inner-loop run of the same subjects with the scenario's seed.
///
/// **Compile once, bind parameters.** The scenario is decoded and compiled once. Each PSA key
/// path is resolved once, before the outer loop, to a ``CompiledParameterBinding``: a typed place
/// in the compiled model. A draw writes its values there in place and reruns the inner loop on a
/// ``CohortWorkerPool`` whose simulators, workspaces and accumulators are reused, so a draw
/// neither re-parses, re-decodes, re-compiles nor allocates per subject. A draw the decoder
/// would reject (a value outside its key's rule, or a sub-model made invalid) is decoded the old
/// way for the decoder's own error, named with the draw and its values.
///
/// **Fallback.** When any key path cannot be bound in place (``PSAKeyPathBinding/reason`` says
/// why), every draw is run as before: the template decoded with the draw's values
/// (``ScenarioTemplate``: the file is parsed once, each draw decodes a copy of the node tree) and
/// compiled. ``PSARunResult/binding`` lists how each key path was handled; `baclosim psa` prints
/// the re-decoded ones and writes `psa_binding.csv`.
///
/// The inner loop's common random numbers are shared across arms and across draws: draws then
/// differ only by their parameter values, and arms within a draw only by treatment. Results
/// depend on neither the thread count, the order draws are run in, nor the path (bound or
/// re-decoded): both give byte-identical rows.
public enum ProbabilisticSensitivityAnalysis {
    /// How draws reach the model.
    enum DrawPath: Sendable {
        /// Bind in place when every key path binds, else re-decode every draw.
        case automatic
        /// Re-decode every draw (the reference the bound path is tested against).
        case redecode
    }

    /// Runs draws `0 ..< draws` of `definition` with `subjects` per draw.
    /// - Parameters:
    ///   - threads: worker threads: a draw's blocks first, further draws side by side with the rest.
    ///   - reDecodeEveryDraw: decode and compile the scenario for every draw even when every key
    ///     path binds in place (the reference path, for benchmarks and checks; same rows).
    ///   - drawDone: called after each draw with (finished, total), one call at a time.
    /// - Throws: ``ScenarioIssues`` (a draw that makes the scenario invalid, named with its values),
    ///   run failures.
    public static func run(template: ScenarioTemplate, definition: PSADefinition, draws: Int, subjects: Int, threads: Int,
                           reDecodeEveryDraw: Bool = false,
                           drawDone: ((_ finished: Int, _ total: Int) -> Void)? = nil) throws -> PSARunResult {
        try run(template: template, definition: definition, draws: draws, subjects: subjects, threads: threads,
                path: reDecodeEveryDraw ? .redecode : .automatic, drawDone: drawDone)
    }

    /// How each of `definition`'s value names (key paths; Dirichlet components `key[k]`) binds in
    /// `scenario`'s compiled model.
    static func bindings(of definition: PSADefinition, in scenario: Scenario)
        -> [Result<CompiledParameterBinding, CompiledParameterBinding.Unbindable>] {
        definition.valueNames.map { CompiledParameterBinding.resolve(keyPath: $0, in: scenario) }
    }

    /// Runs the draws of `definition` not yet in `store` (its part of the PSA), recording each
    /// in the store as it finishes (one transaction per draw), so a killed run resumes where it
    /// stopped. With `stopAfter`, stops claiming draws once that many have finished in this call
    /// (to test resuming). Returns the draws finished in this call.
    /// - Throws: as ``run(template:definition:draws:subjects:threads:reDecodeEveryDraw:drawDone:)``,
    ///   and the store's errors.
    public static func run(template: ScenarioTemplate, definition: PSADefinition, store: PSAStore, threads: Int,
                           stopAfter: Int? = nil, drawDone: ((_ finished: Int, _ total: Int) -> Void)? = nil) throws -> Int {
        let pending = try store.pendingDraws()
        var finished = 0
        _ = try run(template: template, definition: definition, draws: store.identity.draws, subjects: store.identity.subjects,
                    threads: threads, path: .automatic, only: pending, stopAfter: stopAfter, record: { draw, values, rows in
                        try store.record(draw: draw, values: values, rows: rows)
                        finished += 1
                    }, drawDone: drawDone)
        return finished
    }

    /// Draw `draw` of a PSA of `draws` draws alone: its values and rows, as a whole run computes
    /// them (a draw's rows depend only on the draw): an MPI rank's unit of work.
    public static func draw(_ draw: Int, template: ScenarioTemplate, definition: PSADefinition, draws: Int, subjects: Int,
                            threads: Int) throws -> (values: [Double], rows: [OutcomeRow]) {
        let result = try run(template: template, definition: definition, draws: draws, subjects: subjects, threads: threads,
                             path: .automatic, only: [draw])
        return (result.drawValues[0], result.rows[0])
    }

    /// The binding report of `definition` in `template`'s scenario (``PSARunResult/binding``),
    /// as a run computes it.
    public static func binding(template: ScenarioTemplate, definition: PSADefinition) throws -> [PSAKeyPathBinding] {
        try run(template: template, definition: definition, draws: 0, subjects: 1, threads: 1, path: .automatic, only: []).binding
    }

    /// Runs draws `only` (ascending; default every draw `0 ..< draws`); `record` is called once
    /// per finished draw, one call at a time (an error it throws fails the draw); with
    /// `stopAfter`, no draw is started once that many have finished. The result holds the draws
    /// finished, in the order of `only`.
    static func run(template: ScenarioTemplate, definition: PSADefinition, draws: Int, subjects: Int, threads: Int,
                    path: DrawPath, only: [Int]? = nil, stopAfter: Int? = nil,
                    record: ((_ draw: Int, _ values: [Double], _ rows: [OutcomeRow]) throws -> Void)? = nil,
                    drawDone: ((_ finished: Int, _ total: Int) -> Void)? = nil) throws -> PSARunResult {
        let selected = only ?? Array(0..<draws)
        let base = try template.scenario()
        let seed = base.run.seed
        let resolved = bindings(of: definition, in: base)
        let report = resolved.map { result -> PSAKeyPathBinding in
            switch result {
            case .success(let binding): PSAKeyPathBinding(keyPath: binding.keyPath, boundInPlace: path == .automatic ? true : false,
                                                         reason: path == .automatic ? nil : "re-decoding requested")
            case .failure(let failure): PSAKeyPathBinding(keyPath: failure.keyPath, boundInPlace: false, reason: failure.reason)
            }
        }
        let bindings = resolved.compactMap { try? $0.get() }
        let bindInPlace = path == .automatic && bindings.count == resolved.count
        // Every key path re-decodes when one does (a draw's scenario must carry all its values).
        var binding = bindInPlace ? report : report.map { entry in
            entry.boundInPlace ? PSAKeyPathBinding(keyPath: entry.keyPath, boundInPlace: false,
                                                   reason: "another key path of this PSA cannot be bound in place") : entry
        }
        // A drawn parameter that changes no output (a drug no arm gives, ...) is named with why.
        let drawsPopulation = binding.contains { $0.keyPath.hasPrefix("population.") }
        let noEffect = ScenarioInputWarning.Context(
            scenario: base, unreadCovariates: drawsPopulation ? CovariateUseProbe().unreadCovariates(of: base) : [])
        for index in binding.indices {
            let path = ScenarioKeyPath(parsing: binding[index].keyPath.replacingOccurrences(of: #"\[\d+\]$"#, with: "",
                                                                                         options: .regularExpression))
            binding[index].noEffect = noEffect.reason(for: path) ?? template.baseValue(at: binding[index].keyPath).flatMap {
                template.regimenReason(keyPath: binding[index].keyPath, value: $0, base: base)
            }
        }

        if selected.isEmpty {
            return PSARunResult(armNames: base.armNames, valueNames: definition.valueNames, drawValues: [], rows: [], binding: binding)
        }
        if bindInPlace {
            let (drawValues, rows) = try runBound(template: template, definition: definition, base: base, bindings: bindings,
                                                  draws: selected, subjects: subjects, threads: threads, stopAfter: stopAfter,
                                                  record: record, drawDone: drawDone)
            return PSARunResult(armNames: base.armNames, valueNames: definition.valueNames, drawValues: drawValues, rows: rows,
                                binding: binding)
        }
        var sampler = GSLSampler(key: StreamKey(seed: seed, subject: 0, purpose: .psaParameters), day: 0)
        var drawValues: [[Double]] = []
        var rows: [[OutcomeRow]] = []
        drawValues.reserveCapacity(selected.count)
        rows.reserveCapacity(selected.count)
        for (i, draw) in selected.enumerated() {
            if let stopAfter, i >= stopAfter { break }
            let values = try definition.parameterSet.draw(iteration: draw, seed: seed, sampler: &sampler)
            rows.append(try redecodedRows(template: template, definition: definition, values: values, draw: draw,
                                          subjects: subjects, threads: threads))
            drawValues.append(values)
            try record?(draw, values, rows[rows.count - 1])
            drawDone?(i + 1, selected.count)
        }
        return PSARunResult(armNames: base.armNames, valueNames: definition.valueNames, drawValues: drawValues, rows: rows,
                            binding: binding)
    }

    /// The draws with every key path bound in place.
    ///
    /// `threads` go first to a draw's blocks; threads a draw's blocks cannot use (a draw of
    /// 1,000 subjects in blocks of 1,000 is one block) run further draws side by side, each
    /// lane with its own compiled model and ``CohortWorkerPool`` (lane `l` runs draws `l`,
    /// `l + lanes`, …). A draw's values and rows depend only on the draw, so the result is the
    /// same for any number of lanes; the error of the lowest failing draw is the one thrown.
    private static func runBound(template: ScenarioTemplate, definition: PSADefinition, base: Scenario,
                                 bindings: [CompiledParameterBinding], draws selected: [Int], subjects: Int, threads: Int,
                                 stopAfter: Int?, record: ((_ draw: Int, _ values: [Double], _ rows: [OutcomeRow]) throws -> Void)?,
                                 drawDone: ((_ finished: Int, _ total: Int) -> Void)?) throws -> ([[Double]], [[OutcomeRow]]) {
        let draws = selected.count
        GSL.configure()
        let seed = base.run.seed
        let compiled = try CohortModel(scenario: base)
        let configuration = RunConfiguration(subjects: subjects, blockSize: base.run.blockSize, threads: max(1, threads),
                                             maxFailedFraction: base.run.maxFailedFraction, trajectorySubjects: 0)
        let workersPerDraw = max(1, min(max(1, threads), configuration.blockCount))
        let laneCount = max(1, min(draws, max(1, threads) / workersPerDraw))
        var laneConfiguration = configuration
        laneConfiguration.threads = workersPerDraw
        // Built here, one per lane, so a configuration error is thrown before any draw.
        var built: [PSALane] = []
        for _ in 0..<laneCount {
            built.append(PSALane(model: compiled, pool: try CohortWorkerPool(model: compiled, configuration: laneConfiguration),
                                 seed: seed))
        }
        let lanes = built
        let families = Set(bindings.map(\.target.family))
        let collected = PSADrawCollector(draws: draws, stopAfter: stopAfter, record: record, drawDone: drawDone)
        let shared = UncheckedSendableBox(template)
        DispatchQueue.concurrentPerform(iterations: laneCount) { l in
            let lane = lanes[l]
            var position = l
            while position < draws && !collected.isPastFailure(position) && !collected.isStopped {
                let draw = selected[position]
                do {
                    let values = try definition.parameterSet.draw(iteration: draw, seed: seed, sampler: &lane.sampler)
                    var accepted = !bindings.indices.contains { bindings[$0].violation(values[$0]) != nil }
                    if accepted {
                        for (binding, value) in zip(bindings, values) {
                            binding.write(CompiledParameterBinding.normalised(value), into: &lane.model)
                        }
                        accepted = CompiledParameterBinding.refreshDerivedParts(of: &lane.model, families: families)
                    }
                    let rows: [OutcomeRow]
                    if accepted {
                        rows = Self.rows(of: try lane.pool.run(model: lane.model))
                    } else {
                        // The decoder's verdict: its error (thrown, naming the draw) or, when it
                        // accepts the values after all, a run of the decoded scenario.
                        rows = try collected.withTemplateLock {
                            try redecodedRows(template: shared.value, definition: definition, values: values, draw: draw,
                                              subjects: subjects, threads: workersPerDraw)
                        }
                    }
                    try collected.finish(position: position, draw: draw, values: values, rows: rows)
                } catch {
                    collected.fail(draw: position, error: error)
                }
                position += laneCount
            }
        }
        return try collected.result()
    }

    /// One draw the old way: the template decoded with the draw's values, compiled and run.
    private static func redecodedRows(template: ScenarioTemplate, definition: PSADefinition, values: [Double], draw: Int,
                                      subjects: Int, threads: Int) throws -> [OutcomeRow] {
        let overrides = definition.overrides(values: values)
        let scenario: Scenario
        do {
            scenario = try template.scenario(overrides: overrides)
        } catch {
            let described = overrides.map { "\($0.0) = \(ScenarioIssue.formatNumber($0.1))" }.joined(separator: ", ")
            throw ScenarioIssues(error.issues.map { issue in
                var copy = issue
                copy.problem += " (PSA draw \(draw): \(described))"
                return copy
            })
        }
        let report = try Simulation(scenario: scenario).run(subjects: subjects, threads: threads)
        return OutcomeRow.rows(of: report).filter { $0.kind != .count }
    }

    /// A run's arm and paired-difference rows without the counts: ``OutcomeRow/rows(of:)`` of
    /// the run's report, without building the report's manifest.
    static func rows(of result: RunResult) -> [OutcomeRow] {
        let table = SummaryTable(result)
        var rows: [OutcomeRow] = []
        rows.reserveCapacity(table.armRows.count + table.differenceRows.count)
        for row in table.armRows where !row.isCount {
            rows.append(OutcomeRow(arm: row.arm, metric: row.metric, kind: .arm, mean: row.mean, se: row.se, interval: row.interval))
        }
        for row in table.differenceRows where !row.isCount {
            rows.append(OutcomeRow(arm: row.arm, metric: row.metric, kind: .difference, mean: row.mean, se: row.se, interval: row.interval))
        }
        return rows
    }
}

/// How one PSA value name reached the model.
public struct PSAKeyPathBinding: Sendable, Equatable {
    /// The key path (a Dirichlet component as `key[k]`).
    public let keyPath: String
    /// Written in place into the compiled model (true), or re-decoded every draw (false).
    public let boundInPlace: Bool
    /// Why it is re-decoded; nil when bound in place.
    public let reason: String?
    /// Why its draws change no output of the scenario (``ScenarioInputWarning``); nil when
    /// they do. `baclosim psa` warns about each such parameter.
    public var noEffect: String?

    /// Creates an entry.
    public init(keyPath: String, boundInPlace: Bool, reason: String?, noEffect: String? = nil) {
        self.keyPath = keyPath
        self.boundInPlace = boundInPlace
        self.reason = reason
        self.noEffect = noEffect
    }
}

/// Every draw of a PSA: its parameter values and its run's outcome rows.
public struct PSARunResult: Sendable, Equatable {
    /// Arm names, in scenario order.
    public let armNames: [String]
    /// Names of a draw's values (key paths; a Dirichlet's components `key[k]`).
    public let valueNames: [String]
    /// Parameter values by draw.
    public let drawValues: [[Double]]
    /// Outcome rows (arm metrics and paired differences) by draw.
    public let rows: [[OutcomeRow]]
    /// Per value name, whether it was bound in place or re-decoded every draw (empty for a
    /// result built by hand).
    public let binding: [PSAKeyPathBinding]

    /// Creates a result.
    public init(armNames: [String], valueNames: [String], drawValues: [[Double]], rows: [[OutcomeRow]],
                binding: [PSAKeyPathBinding] = []) {
        self.armNames = armNames
        self.valueNames = valueNames
        self.drawValues = drawValues
        self.rows = rows
        self.binding = binding
    }

    /// The key paths re-decoded every draw, with why.
    public var reDecodedKeyPaths: [PSAKeyPathBinding] { binding.filter { !$0.boundInPlace } }
}
