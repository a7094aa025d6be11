import Yams

/// Per-drug withdrawal and toxicity: the `driver` and tier list of a `withdrawal:` block, and
/// which block applies to each drug of a scenario (``DrugSafetySelection``; precedence in
/// Scenarios/README.md "Per-drug withdrawal and toxicity").
extension ScenarioNodeReader {
    /// Words a drug entry may give instead of a block.
    static let drugSafetyWords = ["none", "library", "scenario"]

    /// `driver:` of a withdrawal block (``BlockDeclaration/withdrawalDriver``): absent or
    /// `craving_effect` → the craving effect; `{kind: occupancy, exposure: cavg, ec50_mg_per_L: 0.1,
    /// hill: 1}` → occupancy. `nil` when invalid (reported).
    func withdrawalDriver(_ w: DeclaredMapping) -> WithdrawalDriver? {
        guard let node = w.value("driver") else { return .cravingEffect }
        let path = w.path.appending("driver")
        if case .scalar = node {
            return choice(node, at: path, among: BlockDeclaration.withdrawalDriver.scalarForms, fix: BlockDeclaration.withdrawal["driver"].fix)
                .map { _ in .cravingEffect }
        }
        guard let d = w.block("driver"), let kind = d.text("kind") else { return nil }
        if kind == "craving_effect" { return .cravingEffect }
        guard let ec50 = d.number("ec50_mg_per_L") else {
            if !hasIssue(overlapping: path.appending("ec50_mg_per_L")) {
                report(path.appending("ec50_mg_per_L"), at: node, "missing: an occupancy driver needs it", fix: BlockDeclaration.withdrawalDriver["ec50_mg_per_L"].fix)
            }
            return nil
        }
        guard let hill = d.number("hill") else { return nil }
        return .occupancy(exposure: d.text("exposure") == "cmax" ? .cmax : .cavg, ec50MgPerL: ec50, hill: hill)
    }

    /// `severity_tiers:` of a withdrawal block: absent or `none` → no tiers; `assumed_default` →
    /// ``WithdrawalModel/assumedSeverityTiers`` (craving-effect units); or a list of
    /// ``BlockDeclaration/withdrawalTier`` in the driver's units (no slope: certain once the
    /// threshold is reached). `nil` when invalid (reported).
    func withdrawalTiers(_ w: DeclaredMapping) -> [WithdrawalSeverityTier]? {
        guard let node = w.value("severity_tiers") else { return [] }
        if case .scalar = node {
            let key = BlockDeclaration.withdrawal["severity_tiers"]
            return choice(node, at: w.path.appending("severity_tiers"), among: key.words, fix: key.fix)
                .map { $0 == "assumed_default" ? WithdrawalModel.assumedSeverityTiers : [] }
        }
        let before = issues.count
        let tiers = (w.list("severity_tiers") ?? []).compactMap { t -> WithdrawalSeverityTier? in
            guard let key = t.text("symptom"), let symptom = WithdrawalSymptom.allCases.first(where: { $0.key == key }),
                  let threshold = t.number("drive_threshold") else { return nil }
            return WithdrawalSeverityTier(symptom: symptom, driveThreshold: threshold,
                                          probabilitySlopePerUnitDrive: t.number("probability_slope_per_unit_drive") ?? .infinity)
        }
        return issues.count == before ? tiers : nil
    }

    /// Per declared drug (scenario name): the withdrawal and toxicity selection, after the
    /// precedence rules. Reports a drug entry's `library`/`scenario` word that names no block, and
    /// the ambiguous cases, where no choice is made under `drugs.<name>`: a scenario-level block
    /// that would apply to a drug whose file has its own block with a different withdrawal
    /// driver, or a different toxicity block; and a scenario-level block in mg/L (toxicity,
    /// occupancy-driven withdrawal) that would apply to two different drugs (drug files) of the arms.
    func drugSafetySelections(_ top: ScenarioMapping, loader: ScenarioLoader, withdrawal: WithdrawalModel?, toxicity: ToxicityModel?,
                              withdrawalGiven: Bool, toxicityGiven: Bool)
        -> [String: (withdrawal: DrugSafetySelection<WithdrawalModel>, toxicity: DrugSafetySelection<ToxicityModel>)] {
        guard case .mapping(let drugs)? = top.value("drugs") else { return [:] }
        var result: [String: (DrugSafetySelection<WithdrawalModel>, DrugSafetySelection<ToxicityModel>)] = [:]
        let drugsPath = top.path.appending("drugs")
        let usedDrugs = armDrugNames(top)
        var implicitWithdrawal: [String: [String]] = [:], implicitToxicity: [String: [String]] = [:]
        for (keyNode, value) in drugs {
            guard let name = keyNode.string, case .mapping(let entry) = value else { continue }
            let path = drugsPath.appending(name)
            let library = libraryDrug(entry, loader: loader)
            let w = selection(entry["withdrawal"], key: "withdrawal", drug: name, at: path, entryNode: value,
                              libraryModel: library?.withdrawal, libraryFile: library?.file,
                              scenarioLevel: withdrawal, scenarioLevelGiven: withdrawalGiven,
                              ambiguity: { scenario, own in
                                  scenario.driver == own.driver ? nil
                                      : "the scenario-level withdrawal: (driven by \(scenario.driver.summary)) would apply to drug '\(name)', whose file has its own withdrawal: block (driven by \(own.driver.summary)); which one is meant is ambiguous"
                              }, decode: { self.withdrawal(from: $0, at: $1) })
            let t = selection(entry["toxicity"], key: "toxicity", drug: name, at: path, entryNode: value,
                              libraryModel: library?.toxicity, libraryFile: library?.file,
                              scenarioLevel: toxicity, scenarioLevelGiven: toxicityGiven,
                              ambiguity: { scenario, own in
                                  scenario == own ? nil
                                      : "the scenario-level toxicity: would apply to drug '\(name)', whose file has its own, different toxicity: block (thresholds are in each drug's mg/L); which one is meant is ambiguous"
                              }, decode: { self.toxicity(from: $0, at: $1) })
            result[name] = (w, t)
            // Drugs that meet a scenario-level block only because they chose nothing, by drug file.
            let file = library?.file ?? name
            if usedDrugs.contains(name), !hasValue(entry["withdrawal"]), case .occupancy = withdrawal?.driver {
                implicitWithdrawal[file, default: []].append(name)
            }
            if usedDrugs.contains(name), !hasValue(entry["toxicity"]), toxicity != nil {
                implicitToxicity[file, default: []].append(name)
            }
        }
        // A block in mg/L (toxicity; occupancy-driven withdrawal) fits one drug: applied by default
        // to two different drugs, which drug's mg/L it means is ambiguous.
        for (key, users, what) in [("withdrawal", implicitWithdrawal, "its occupancy EC50"), ("toxicity", implicitToxicity, "its thresholds")]
        where users.count > 1 {
            let names = users.values.flatMap { $0 }.sorted()
            let list = names.dropLast().map { "'\($0)'" }.joined(separator: ", ") + " and '\(names[names.count - 1])'"
            report(top.path.appending(key), at: top.value(key),
                   "the scenario-level \(key): block gives \(what) in mg/L of one drug but would apply to the different drugs \(list); which drug's mg/L it means is ambiguous",
                   fix: "Give each of these drugs its own \(key): under drugs.<name> (a block, library or none), or write \(key): scenario under the one it is meant for.")
        }
        return result
    }

    /// Whether a drug entry gives `node` (present and not null).
    private func hasValue(_ node: Node?) -> Bool {
        node.map { !ScenarioNodeReader.isNull($0) } ?? false
    }

    /// The drug names the `arms:` list uses (`drug:` keys).
    private func armDrugNames(_ top: ScenarioMapping) -> Set<String> {
        guard case .sequence(let arms)? = top.value("arms") else { return [] }
        return Set(arms.compactMap { arm in arm.mapping?["drug"]?.string })
    }

    /// The library drug of a `drugs:` entry (loaded once by the loader), or `nil` (problems are
    /// reported by `drugEntries`).
    private func libraryDrug(_ entry: Node.Mapping, loader: ScenarioLoader) -> DrugDefinition? {
        guard let path = drugFilePath(library: entry["library"]?.string, file: entry["file"]?.string) else { return nil }
        return try? loader.drug(path: path)
    }

    /// One drug's selection for `key` (`withdrawal` or `toxicity`).
    private func selection<Model>(_ node: Node?, key: String, drug: String, at path: ScenarioKeyPath, entryNode: Node,
                                  libraryModel: Model?, libraryFile: String?, scenarioLevel: Model?, scenarioLevelGiven: Bool,
                                  ambiguity: (Model, Model) -> String?,
                                  decode: (Node, ScenarioKeyPath) -> Model?) -> DrugSafetySelection<Model> {
        let keyPath = path.appending(key)
        let fileName = libraryFile ?? ""
        if let node, !ScenarioNodeReader.isNull(node) {
            if case .scalar(let scalar) = node, Self.drugSafetyWords.contains(scalar.string) {
                switch scalar.string {
                case "none":
                    return .none
                case "library":
                    if let libraryModel { return .drug(libraryModel) }
                    // A drug file that did not load is reported by `drugEntries`.
                    guard libraryFile != nil else { return .none }
                    report(keyPath, at: node, "drug '\(drug)' has no \(key): block in \(fileName)",
                           fix: "Give a \(key): block here, or write none or scenario.")
                    return .none
                default:
                    if scenarioLevelGiven { return .scenarioLevel }
                    report(keyPath, at: node, "the scenario has no scenario-level \(key): block",
                           fix: "Add a scenario-level \(key): block, give a block here, or write library or none.")
                    return .none
                }
            }
            return decode(node, keyPath).map { .drug($0) } ?? .none
        }
        // A drug file's block applies only when the scenario asks for it (`library`): a drug file
        // gaining a block never changes an existing scenario's results.
        guard scenarioLevelGiven else { return .scenarioLevel }
        if let libraryModel, let scenarioLevel, let problem = ambiguity(scenarioLevel, libraryModel) {
            report(path, at: entryNode, problem,
                   fix: "Write \(key): library under drugs.\(drug) to use the drug file's block, \(key): scenario to use the scenario-level block, or give drugs.\(drug) its own \(key): block.")
        }
        return .scenarioLevel
    }
}
