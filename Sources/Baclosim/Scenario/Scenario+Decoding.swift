import Foundation
import Yams

/// Reading a scenario document (schema in `Scenarios/README.md`).
extension ScenarioNodeReader {
    /// The longest horizon a scenario may ask for, in days: 100 years, beyond any lifetime
    /// model, and small enough that the per-day tables of every arm stay in memory.
    static let maximumHorizonDays = 36_525
    /// The whole scenario, or `nil` when anything was wrong (every problem is reported).
    func scenario(from root: Node, path: String, loader: ScenarioLoader) -> Scenario? {
        let before = issues.count
        guard let top = mapping(root, at: .root, fix: "A scenario is a mapping; see Scenarios/README.md.") else { return nil }
        // Unknown keys, missing required blocks and the plain values: the declaration (BlockDeclaration.scenario).
        let document = DeclaredMapping(top, as: .scenario)
        if let version = document.integer("schema_version"), version != Scenario.schemaVersion {
            if (1..<Scenario.schemaVersion).contains(version) {
                let renames = KeyRename.all.filter { $0.version > version }.map { "\($0.oldKeyPath) → \($0.newKeyPath)" }
                report(top.path.appending("schema_version"), at: top.value("schema_version"),
                       "version \(version) is older than this Baclosim's \(Scenario.schemaVersion)",
                       fix: "Run `baclosim migrate \(file)`: it rewrites the file for schema_version \(Scenario.schemaVersion)"
                           + (renames.isEmpty ? "." : " (\(renames.joined(separator: ", "))), keeping comments and layout."))
            } else {
                report(top.path.appending("schema_version"), at: top.value("schema_version"), "unsupported version \(version)",
                       fix: "This Baclosim reads schema_version \(Scenario.schemaVersion); see Scenarios/README.md.")
            }
        }
        let name = document.text("name")
        let description = document.text("description") ?? ""
        let run = top.value("run").flatMap { runSettings($0, at: top.path.appending("run")) }
        let horizon = run?.horizonDays ?? Int.max

        let population = block("population", in: top, loader: loader, required: false) { $0.population(from: $1, at: $2) }
        let drugs = drugEntries(top, loader: loader)
        var arms = armList(top, drugs: drugs, horizonDays: horizon)
        let adherence = block("adherence", in: top, loader: loader, required: false) { $0.adherence(from: $1, at: $2) }
            ?? Adherence.perfect
        let craving = block("craving", in: top, loader: loader, required: false) { $0.craving(from: $1, at: $2) }
        let drinking = block("drinking", in: top, loader: loader, required: false) { $0.drinking(from: $1, at: $2) }
        let sideEffects = block("side_effects", in: top, loader: loader, required: false) { $0.sideEffects(from: $1, at: $2) } ?? []
        let withdrawal = block("withdrawal", in: top, loader: loader, required: false) { $0.withdrawal(from: $1, at: $2) }
        let alcoholWithdrawal = block("alcohol_withdrawal", in: top, loader: loader, required: false) { $0.alcoholWithdrawal(from: $1, at: $2) }
        let toxicity = block("toxicity", in: top, loader: loader, required: false) { $0.toxicity(from: $1, at: $2) }
        let drugSafety = drugSafetySelections(top, loader: loader, withdrawal: withdrawal, toxicity: toxicity,
                                              withdrawalGiven: top.has("withdrawal"), toxicityGiven: top.has("toxicity"))
        // An endpoint without its own heavy_day_drinks counts heavy days by the drinking model's.
        let heavyThreshold = drinking?.heavyThreshold ?? .niaaa
        // So does a course rule's relapse criterion.
        if var resolved = arms {
            for i in resolved.indices { resolved[i].course = resolved[i].course.map { $0.withDefaultHeavyThreshold(heavyThreshold) } }
            arms = resolved
        }
        let endpoints = block("endpoints", in: top, loader: loader, required: false) {
            $0.endpoints(from: $1, at: $2, horizonDays: horizon, defaultHeavyThreshold: heavyThreshold)
        }
        if let drinking, let endpoints, !drinking.substance.hasAmounts {
            for (index, endpoint) in endpoints.enumerated() where endpoint.definition.needsAmounts {
                report(top.path.appending("endpoints").appending(index: index), at: top.value("endpoints"),
                       "endpoint '\(endpoint.name)' needs drink amounts, which a \(drinking.substance.rawValue) use model does not have",
                       fix: "Use proportion_use_free_days, urine_negative_share, continuous_abstinence, time_to_first_use, retention or dropout.")
            }
        }
        if let population, let endpoints, population.baselineHeavyDrinkingDaysPercent == nil {
            for (index, endpoint) in endpoints.enumerated() {
                guard case .changeFromBaseline(_, .heavyDaysPercent, _) = endpoint.definition else { continue }
                report(top.path.appending("endpoints").appending(index: index).appending("kind"), at: top.value("endpoints"),
                       "endpoint '\(endpoint.name)' compares heavy drinking days with each subject's baseline, which the population does not give",
                       fix: "Add population.baseline_heavy_drinking_days_percent, e.g. {mean: 70, sd: 20} from the trial's baseline table.")
            }
        }
        let metrics = block("metrics", in: top, loader: loader, required: false) { $0.metrics(from: $1, at: $2, horizonDays: horizon) }
        // After a problem in side_effects: the list is incomplete, so do not report its names as unknown.
        if var resolved = arms, !hasIssue(overlapping: top.path.appending("side_effects")) {
            resolveSideEffectParts(top, arms: &resolved, sideEffects: sideEffects, drugs: drugs.mapValues(\.sideEffects))
            arms = resolved
        }
        let differences = differenceList(top, arms: arms ?? [])
        let subgroupDefinitions = subgroups(top)
        let economics = block("economics", in: top, loader: loader, required: false) { $0.economics(from: $1, at: $2) }
        if top.value("economics") != nil, let drinking, !drinking.substance.hasAmounts {
            // Costs, utilities and mortality read WHO drinking-risk levels from grams of alcohol.
            report(top.path.appending("economics"), at: top.value("economics"),
                   "the economics block reads alcohol drinking-risk levels, which a \(drinking.substance.rawValue) use model does not have",
                   fix: "Remove economics, or use an alcohol model (substance: alcohol).")
        }
        if var resolved = arms { armEconomics(top, arms: &resolved, scenarioEconomics: economics, loader: loader); arms = resolved }
        if let economics {
            let declared: Set<String> = { if case .mapping(let m)? = top.value("drugs") { return Set(m.keys.compactMap(\.string)) }; return [] }()
            for (index, drug) in economics.productDrugNames.enumerated() where !declared.contains(drug) {
                report(top.path.appending("economics").appending("drug_products").appending(index: index).appending("drug"), at: top.value("economics"),
                       "no drug '\(drug)' is declared under drugs:", fix: "Use one of: \(declared.sorted().joined(separator: ", ")).")
            }
        }
        let sweep = top.value("sweep").flatMap { sweepDefinition($0, at: top.path.appending("sweep"), root: root, loader: loader) }
        // A psa block may include its parameters (e.g. a joint calibration's --psa-out file).
        let psa = block("psa", in: top, loader: loader, required: false) { reader, node, path in
            reader.psaDefinition(node, at: path, root: root, loader: loader)
        }

        if let arms, let endpoints {
            var seen = Set<String>()
            let names = endpoints.map(\.name) + (metrics?.exposure.map(\.name) ?? []) + (metrics?.craving.map(\.name) ?? [])
                + sideEffects.map { "\($0.name)_incidence" } + (reportsDoses(metrics?.dose, arms: arms) ? OutputNames.dose : [])
                + (arms.contains { !$0.course.isEmpty } ? OutputNames.course : [])
            for metric in names where !seen.insert(metric).inserted {
                report(top.path.appending("endpoints"), at: top.value("endpoints"), "metric '\(metric)' is defined twice",
                       fix: "Give every endpoint and metric a different name.")
            }
            if metrics?.dose == true, !arms.contains(where: { $0.treatment != nil }) {
                report(top.path.appending("metrics").appending("dose"), at: metrics?.doseNode,
                       "asks for dose outputs, but no arm gives a drug", fix: "Remove metrics.dose, or give an arm a drug.")
            }
        }
        let targetMetrics: Set<String>? = endpoints == nil || economics != nil ? nil
            : Set((endpoints ?? []).map(\.name) + (endpoints ?? []).filter(\.reportsStandardDeviation).map { $0.name + "_sd" }
                  + (metrics?.exposure.map(\.name) ?? []) + (metrics?.craving.map(\.name) ?? [])
                  + (reportsDoses(metrics?.dose, arms: arms ?? []) ? OutputNames.dose : [])
                  + ((arms ?? []).contains { !$0.course.isEmpty } ? OutputNames.course : [])
                  + OutputNames.safety(sideEffects: sideEffects.map(\.name),
                                                  withdrawal: (withdrawal.map { [$0] } ?? []) + drugSafety.values.compactMap { $0.withdrawal.resolved(scenarioLevel: withdrawal) },
                                                  alcoholWithdrawal: alcoholWithdrawal != nil,
                                                  toxicity: toxicity != nil || drugSafety.values.contains { $0.toxicity.resolved(scenarioLevel: toxicity) != nil }))
        let targets = targets(top, arms: arms?.map(\.name) ?? [], metrics: targetMetrics, differences: differences)
        let calibration = top.value("calibration").flatMap {
            calibrationDefinition($0, at: top.path.appending("calibration"), root: root, loader: loader, hasTargets: !targets.isEmpty)
        }
        guard issues.count == before, let name, let run, let population, let arms, let craving, let drinking,
              let endpoints else { return nil }
        var scenario = Scenario(name: name, path: path, description: description, run: run, population: population,
                                arms: arms, adherence: adherence, craving: craving, drinking: drinking,
                                sideEffects: sideEffects, withdrawal: withdrawal, endpoints: endpoints,
                                exposureMetrics: metrics?.exposure ?? [], cravingMetrics: metrics?.craving ?? [],
                                differences: differences, economics: economics, targets: targets)
        scenario.reportsDoses = reportsDoses(metrics?.dose, arms: arms)
        scenario.subgroups = subgroupDefinitions
        scenario.sweep = sweep
        scenario.psa = psa
        scenario.calibration = calibration
        scenario.alcoholWithdrawal = alcoholWithdrawal
        scenario.toxicity = toxicity
        // A reduce_dose consequence without its own reduce_by_mg_per_day takes the arm's regimen
        // side_effect_reduction_mg (or its titrate_to_response step down): an arm given a drug
        // needs one of them.
        for (a, arm) in scenario.arms.enumerated() {
            guard let regimen = arm.treatment?.regimen, regimen.sideEffectReductionMg == nil, regimen.responseGuided == nil else { continue }
            for k in scenario.sideEffects.indices {
                guard case .reduceDose(nil) = scenario.sideEffectModel(arm: a, effect: k).consequences.intolerableAction else { continue }
                report(top.path.appending("side_effects").appending(index: k), at: top.value("side_effects"),
                       "\(scenario.sideEffects[k].name) reduces the dose with no reduce_by_mg_per_day, and arm \(arm.name)'s regimen has no side_effect_reduction_mg",
                       fix: "Give consequences.reduce_by_mg_per_day (e.g. 10), or side_effect_reduction_mg in the arm's regimen.")
            }
        }
        guard issues.count == before else { return nil }
        for index in scenario.arms.indices {
            guard let drug = scenario.arms[index].treatment?.drugName, let selection = drugSafety[drug] else { continue }
            scenario.arms[index].treatment?.withdrawal = selection.withdrawal
            scenario.arms[index].treatment?.toxicity = selection.toxicity
        }
        return scenario
    }

    /// Decodes the block under `key`, following an `include:`. A block that is only an include
    /// is decoded by a reader for the included file, so its problems name that file and line
    /// (with the scenario's key path, e.g. `population.age_years`).
    func block<T>(_ key: String, in top: ScenarioMapping, loader: ScenarioLoader, required: Bool = true,
                  decode: (ScenarioNodeReader, Node, ScenarioKeyPath) -> T?) -> T? {
        let path = top.path.appending(key)
        guard let node = required ? top.required(key, fix: "Give the \(key) block (see Scenarios/README.md) or include: a file with it.")
                                  : top.value(key) else { return nil }
        guard case .mapping(let mapping) = node, let include = mapping.first(where: { $0.key.string == "include" }) else {
            return decode(self, node, path)
        }
        let before = loader.issues.count
        guard let resolved = loader.resolveIncludes(node, file: file, at: path, stack: [(file as NSString).standardizingPath]) else {
            for issue in loader.issues[before...] { report(issue) }
            return nil
        }
        // A merge that resolved with problems (a distribution overridden in part) still decodes.
        for issue in loader.issues[before...] { report(issue) }
        if mapping.count == 1, let relative = include.value.string {
            let sub = ScenarioNodeReader(file: ScenarioLoader.resolve(relative, from: file))
            // Key paths stay the scenario's (`side_effects[2].consequences`), file and line the
            // included file's.
            let value = decode(sub, resolved, path)
            for issue in sub.issues { report(issue) }
            return value
        }
        // Include plus sibling keys: problems name the file that wrote each value.
        loader.recordOrigins(of: node, file: file, at: path, into: &origins, stack: [(file as NSString).standardizingPath])
        return decode(self, resolved, path)
    }

    /// Each arm's `economics:` (``BlockDeclaration/armEconomics``): the scenario's economics block
    /// (includes resolved) with the arm's keys replacing its own, decoded as a whole; problems
    /// are reported under `arms[i].economics`.
    func armEconomics(_ top: ScenarioMapping, arms: inout [Arm], scenarioEconomics: EconomicsSettings?, loader: ScenarioLoader) {
        guard case .sequence(let items)? = top.value("arms") else { return }
        for (index, item) in items.enumerated() where index < arms.count {
            guard case .mapping(let armMapping) = item, let node = armMapping[Node("economics")], !ScenarioNodeReader.isNull(node) else { continue }
            let path = top.path.appending("arms").appending(index: index).appending("economics")
            let before = issues.count
            guard let own = declared(node, at: path, as: .armEconomics), issues.count == before else { continue }
            guard scenarioEconomics != nil, let base = top.value("economics") else {
                report(path, at: node, "an arm's economics changes the scenario's, and the scenario has no economics block",
                       fix: "Add an economics: block to the scenario (e.g. include: economics/inputs/uk-nhs.yaml), or remove this one.")
                continue
            }
            let loaderBefore = loader.issues.count
            guard case .mapping(var merged)? = loader.resolveIncludes(base, file: file, at: top.path.appending("economics"),
                                                                     stack: [(file as NSString).standardizingPath]) else {
                continue
            }
            _ = loaderBefore
            for (key, value) in own.mapping.entries.map({ ($0.key, $0.value) }) { merged[Node(key)] = value }
            if let settings = economics(from: .mapping(merged), at: path) { arms[index].economics = settings }
        }
    }

    /// The `run:` block.
    func runSettings(_ node: Node, at path: ScenarioKeyPath) -> RunSettings? {
        guard let block = declared(node, at: path, as: .run), let subjects = block.integer("subjects"), let seed = block.integer("seed"),
              let horizon = block.integer("horizon_days"), let blockSize = block.integer("block_size"),
              let maxFailed = block.number("max_failed_fraction") else { return nil }
        return RunSettings(subjects: subjects, seed: UInt64(seed), horizonDays: horizon, blockSize: blockSize, maxFailedFraction: maxFailed)
    }

    /// Drugs by scenario name (``BlockDeclaration/drugEntry``), each with its PK model (typical
    /// values overridden by `parameters`), effect, default regimen and side-effect parts.
    func drugEntries(_ top: ScenarioMapping, loader: ScenarioLoader) -> [String: (model: DrugModelDefinition, effect: PharmacodynamicModel, regimen: Regimen?, sideEffects: DrugSideEffectParts)] {
        guard let drugs = top.mapping("drugs", required: false, fix: BlockDeclaration.scenario["drugs"].fix) else { return [:] }
        var result: [String: (DrugModelDefinition, PharmacodynamicModel, Regimen?, DrugSideEffectParts)] = [:]
        for entry in drugs.entries {
            let path = drugs.path.appending(entry.key)
            guard let block = declared(entry.value, at: path, as: .drugEntry) else { continue }
            let drugPath = drugFilePath(library: block.text("library"), file: block.text("file"))
            let effect = block.block("effect").flatMap(pharmacodynamics)
            var sideEffectParts = DrugSideEffectParts()
            if let parts = block.mapping.mapping("side_effects", required: false, fix: BlockDeclaration.drugEntry["side_effects"].fix) {
                sideEffectParts.scenario = drugSideEffectParts(parts)
            }
            guard let drugPath, let overrides = block.has("parameters") ? block.namedNumbers("parameters") : [] else { continue }
            do throws(ScenarioIssues) {
                let drug = try loader.drug(path: drugPath)
                var model = try drug.requireModel(named: block.text("model"))
                if !overrides.isEmpty {
                    do { model = try model.overridingTypicalValues(overrides, source: nil) } catch {
                        throw ScenarioIssues(error.issues.map { $0.located(file: nil, line: nil, under: "parameters") })
                    }
                }
                sideEffectParts.library = drug.sideEffects
                if let effect { result[entry.key] = (model, effect, drug.regimen, sideEffectParts) }
            } catch {
                // A problem with a key of the entry on its line, else (a drug file missing) on the reference's.
                let reference = (block.value("library") ?? block.value("file"))?.mark?.line ?? entry.value.mark?.line
                for issue in error.issues {
                    // A drug file that cannot be read is told at the line naming it.
                    if issue.file == drugPath, issue.line == nil, issue.keyPath.isEmpty {
                        if let name = block.text("library") {
                            let folder = Self.libraryFolder(from: file)
                            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
                            report(path.appending("library"), at: block.value("library"), "no drug '\(name)' in the library (\(folder))",
                                   fix: names.isEmpty ? issue.fix : "Use one of: \(names.joined(separator: ", "))." + ParameterProblem.didYouMean(name, among: names))
                        } else {
                            report(path.appending("file"), at: block.value("file"), "\(issue.problem): \(drugPath)", fix: issue.fix)
                        }
                        continue
                    }
                    let relative = ScenarioKeyPath(parsing: issue.keyPath)
                    let line = relative.components.isEmpty ? reference : Self.deepestNode(along: relative, from: entry.value)?.mark?.line
                    report(issue.file != nil ? issue : issue.located(file: file, line: line, under: path.description))
                }
            }
        }
        return result
    }

    /// The drug file a `drugs:` entry names: `library: NAME` in the library folder, or `file:`
    /// relative to this scenario; `nil` unless exactly one is given.
    func drugFilePath(library: String?, file relative: String?) -> String? {
        switch (library, relative) {
        case (let name?, nil): ScenarioLoader.resolve("\(Self.libraryFolder(from: file))/\(name).yaml", from: "")
        case (nil, let relative?): ScenarioLoader.resolve(relative, from: file)
        default: nil
        }
    }

    /// The library folder for a scenario file: `Scenarios/drugs` beside the nearest `Scenarios`
    /// folder above it, else `Scenarios/drugs` in the working directory.
    static func libraryFolder(from scenarioFile: String) -> String {
        var folder = ((scenarioFile as NSString).deletingLastPathComponent as NSString).standardizingPath
        while !folder.isEmpty && folder != "/" && folder != "." {
            if (folder as NSString).lastPathComponent == "Scenarios" { return (folder as NSString).appendingPathComponent("drugs") }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder { break }
            folder = parent
        }
        return DrugLibrary.defaultFolder
    }

    /// A drug's effect on craving (``BlockDeclaration/drugEffect``).
    func pharmacodynamics(_ block: DeclaredMapping) -> PharmacodynamicModel? {
        let exposure = block.text("exposure") ?? "cavg"
        var inactivation: EnzymeInactivation?
        let ec50: Double?
        if exposure == "enzyme_inactivation" {
            for key in ["ec50_inactivated_fraction", "inactivation"] {
                block.require(key)
            }
            ec50 = block.number("ec50_inactivated_fraction")
            if block.has("ec50_mg_per_L") {
                report(block.path.appending("ec50_mg_per_L"), at: block.value("ec50_mg_per_L"), "does not apply: the effect reads the inactivated fraction",
                       fix: "Give ec50_inactivated_fraction instead.")
            }
            if let m = block.block("inactivation"), let kinact = m.number("kinact_per_h"), let ki = m.number("ki_mg_per_L"), let kdeg = m.number("kdeg_per_h") {
                inactivation = EnzymeInactivation(kinactPerH: kinact, kiMgPerL: ki, kdegPerH: kdeg)
            }
        } else {
            block.require("ec50_mg_per_L")
            ec50 = block.number("ec50_mg_per_L")
            for key in ["inactivation", "ec50_inactivated_fraction"] where block.has(key) {
                report(block.path.appending(key), at: block.value(key), "applies only with exposure: enzyme_inactivation",
                       fix: "Write exposure: enzyme_inactivation, or remove \(key).")
            }
        }
        let hill = block.number("hill") ?? 1
        guard let emax = block.number("emax"), let ec50 else { return nil }
        if exposure == "enzyme_inactivation" && inactivation == nil { return nil }
        let measure: ExposureMeasure = exposure == "cmax" ? .peakConcentration
            : exposure == "enzyme_inactivation" ? .enzymeInactivation : .averageConcentration
        return PharmacodynamicModel(exposure: measure,
                                    responder: EffectModel(emax: emax, ec50MgPerL: ec50, hill: hill),
                                    nonResponder: EffectModel(emax: block.number("non_responder_emax") ?? 0, ec50MgPerL: ec50, hill: hill),
                                    responderProbability: block.number("responder_probability") ?? 1, inactivation: inactivation)
    }

    /// The `arms:` list (``BlockDeclaration/arm``).
    func armList(_ top: ScenarioMapping, drugs: [String: (model: DrugModelDefinition, effect: PharmacodynamicModel, regimen: Regimen?, sideEffects: DrugSideEffectParts)],
                 horizonDays: Int) -> [Arm]? {
        guard let items = top.sequence("arms", required: false, fix: BlockDeclaration.scenario["arms"].fix) else { return nil }
        if items.isEmpty { report(top.path.appending("arms"), at: top.value("arms"), "is empty", fix: "Give at least one arm.") }
        let before = issues.count
        var arms: [Arm] = []
        var names = Set<String>()
        // Drugs declared but unreadable were reported already; do not report their arms again.
        var declaredDrugs = Set<String>()
        if case .mapping(let m)? = top.value("drugs") { declaredDrugs = Set(m.keys.compactMap(\.string)) }
        for item in items {
            guard let block = declared(item.node, at: item.path, as: .arm), let name = block.text("name") else { continue }
            if !names.insert(name).inserted {
                report(item.path.appending("name"), at: block.value("name"), "arm '\(name)' is defined twice", fix: "Give every arm a different name.")
            }
            var treatment: Treatment?
            // Read whether or not the drug is known, so every problem in it is reported at once.
            let armRegimen = block.mapping.mapping("regimen", required: false, fix: BlockDeclaration.regimen.mappingFix).flatMap(self.regimen(from:))
            if let drugName = block.text("drug") {
                if let drug = drugs[drugName] {
                    if drug.regimen == nil { block.require("regimen") }
                    if let regimen = block.has("regimen") ? armRegimen : drug.regimen {
                        adopt(regimen.validate(horizonDays: horizonDays), under: item.path.appending("regimen"), node: block.value("regimen") ?? item.node)
                        treatment = Treatment(drugName: drugName, model: drug.model, pharmacodynamics: drug.effect, regimen: regimen)
                    }
                } else if !declaredDrugs.contains(drugName) {
                    report(item.path.appending("drug"), at: block.value("drug"), "no drug '\(drugName)' is declared under drugs:",
                           fix: "Declare it under drugs:, or use one of: \(drugs.keys.sorted().joined(separator: ", "))."
                               + ParameterProblem.didYouMean(drugName, among: drugs.keys.sorted()))
                }
            } else if block.has("regimen") {
                report(item.path.appending("regimen"), at: block.value("regimen"), "a regimen needs a drug",
                       fix: "Add drug: <name>, or remove the regimen for a placebo arm.")
            }
            var arm = Arm(name: name, treatment: treatment, eligibility: block.block("eligibility").map(eligibility),
                          psychosocialTherapy: block.boolean("psychosocial_therapy") ?? false,
                          treatmentHazardRatio: block.number("drinking_hazard_ratio") ?? 1, benzodiazepineCover: block.boolean("benzodiazepine_cover") ?? false)
            for (effect, c) in block.named("side_effect_consequences") ?? [] {
                arm.sideEffectConsequences[effect] = sideEffectConsequences(c)
            }
            if let rules = block.list("course") {
                arm.course = courseRules(rules, horizonDays: horizonDays)
            }
            arms.append(arm)
        }
        if arms.count == items.count { checkCourseTargets(items, arms: arms) }
        for (index, arm) in arms.enumerated() {
            let actions = [arm.eligibility?.pregnancy?.action, arm.eligibility?.renal?.action,
                           arm.eligibility?.liver?.action, arm.eligibility?.age?.action]
            for case .reassign(let target)? in actions where !names.contains(target) {
                report(items[index].path.appending("eligibility"), at: items[index].node, "reassigns to unknown arm '\(target)'",
                       fix: "Use one of: \(arms.map(\.name).joined(separator: ", ")).")
            }
        }
        return issues.count == before ? arms : nil
    }

    /// The `differences:` list (``BlockDeclaration/difference``), naming declared arms.
    func differenceList(_ top: ScenarioMapping, arms: [Arm]) -> [DifferenceRequest] {
        guard let items = top.sequence("differences", required: false, fix: "Give [\(BlockDeclaration.difference.example)].") else { return [] }
        let names = arms.map(\.name)
        return items.compactMap { item in
            guard let block = declared(item.node, at: item.path, as: .difference), let pair = block.texts("arms") else { return nil }
            for (index, arm) in pair.enumerated() where !names.isEmpty && !names.contains(arm) {
                let at = block.item("arms", index)
                report(at.path, at: at.node, "no arm '\(arm)'",
                       fix: "Use one of: \(names.joined(separator: ", "))." + ParameterProblem.didYouMean(arm, among: names))
            }
            return DifferenceRequest(a: pair[0], b: pair[1], metrics: block.texts("metrics") ?? [])
        }
    }
}

extension ScenarioNodeReader {
    /// Whether a run reports the per-subject dose outputs: as `metrics.dose` says, else when an
    /// arm titrates to response (whose achieved doses are the point of it).
    func reportsDoses(_ requested: Bool?, arms: [Arm]) -> Bool {
        requested ?? arms.contains { $0.treatment?.regimen.responseGuided != nil }
    }
}
