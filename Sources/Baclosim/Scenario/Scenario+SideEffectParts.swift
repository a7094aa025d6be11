import Yams

/// Which drug part an arm uses for one side effect (issue #5). The rule, documented in
/// `Scenarios/README.md` ("Side effects per drug"), for an arm giving drug `D` and effect `k`:
///
/// 1. the scenario's `drugs.D.side_effects.k`, if given;
/// 2. else the scenario entry's own drug part, if it applies to `D`: its `drugs:` lists `D`, or
///    it has no `drugs:` and the arms give a single drug (with several drugs and no `drugs:`,
///    validation fails: one drug's EC50 would be applied to another's exposure);
/// 3. else `D`'s library file's `side_effects.k`;
/// 4. else none: `D` adds nothing to the background rate.
///
/// Arms without a drug use none. Effects are those the scenario lists; a library part for an
/// effect the scenario does not list is not simulated.
enum SideEffectPartChoice: Sendable {
    /// The scenario entry's own drug part.
    case scenarioEntry
    /// A drug's own part (scenario `drugs.<name>.side_effects` or library file).
    case drug(SideEffectDrugPart)
    /// No drug part: background only.
    case none
}

/// A drug's side-effect parts: from the scenario's `drugs.<name>.side_effects` and from its
/// library file.
struct DrugSideEffectParts: Sendable {
    var scenario: [String: SideEffectDrugPart] = [:]
    var library: [String: SideEffectDrugPart] = [:]
}

extension Scenario {
    /// The side effect `effect` (index into ``sideEffects``) as arm `arm` gives it: the scenario
    /// entry with the arm drug's part (``SideEffectPartChoice``) and the arm's consequences.
    func sideEffectModel(arm: Int, effect k: Int) -> SideEffectModel {
        let entry = sideEffects[k].model
        let parts = arms[arm].sideEffectParts
        var model: SideEffectModel
        switch parts.indices.contains(k) ? parts[k] : .scenarioEntry {
        case .scenarioEntry: model = entry
        case .drug(let part): model = entry.replacingDrugPart(part)
        case .none: model = entry.replacingDrugPart(nil)
        }
        if let override = arms[arm].sideEffectConsequences[sideEffects[k].name] {
            model = model.replacingConsequences(override.applied(to: model.consequences))
        }
        return model
    }
}

extension ScenarioNodeReader {
    /// Sets every arm's ``Arm/sideEffectParts`` by the rule of ``SideEffectPartChoice`` and
    /// reports the ambiguous or misapplied cases, unknown effect names in drug entries and arm
    /// overrides, and `taper` actions on arms that declare no taper.
    func resolveSideEffectParts(_ top: ScenarioMapping, arms: inout [Arm], sideEffects: [NamedSideEffect],
                                drugs: [String: DrugSideEffectParts]) {
        let sideEffectsPath = top.path.appending("side_effects")
        let entryNodes = top.value("side_effects").flatMap { node -> [Node]? in
            if case .sequence(let items) = node { return Array(items) } else { return nil }
        } ?? []
        func entryNode(_ i: Int) -> Node? { entryNodes.indices.contains(i) ? entryNodes[i] : top.value("side_effects") }
        /// The node deepest along `path` (for its line).
        func node(at path: ScenarioKeyPath) -> Node? { Self.deepestNode(along: path, from: top.node) }
        let armDrugs = Array(Set(arms.compactMap { $0.treatment?.drugName })).sorted()
        let declared = Set(drugs.keys)
        let names = sideEffects.map(\.name)

        // The entries' own drug parts: to which drugs they apply.
        for (i, effect) in sideEffects.enumerated() {
            let path = sideEffectsPath.appending(index: i)
            if let list = effect.drugs {
                if effect.scenarioDrugPart == nil {
                    report(path.appending("drugs"), at: entryNode(i), "lists the drugs of a drug part, but this entry gives none",
                           fix: "Add max_drug_hazard_per_day and the EC50 (e.g. ec50_mg_per_L) for \(list.joined(separator: ", ")), or remove drugs:.")
                }
                for drug in list where !declared.contains(drug) {
                    report(path.appending("drugs"), at: entryNode(i), "no drug '\(drug)' is declared under drugs:",
                           fix: "Use one of: \(declared.sorted().joined(separator: ", "))." + ParameterProblem.didYouMean(drug, among: declared.sorted()))
                }
                for drug in list where drugs[drug]?.scenario[effect.name] != nil {
                    let partPath = top.path.appending("drugs").appending(drug).appending("side_effects").appending(effect.name)
                    report(partPath, at: node(at: partPath),
                           "gives \(drug)'s drug part for \(effect.name) a second time (side_effects[\(i)] lists \(drug) under drugs:)",
                           fix: "Keep one: remove \(drug) from side_effects[\(i)].drugs, or remove this block.")
                }
            } else if effect.scenarioDrugPart != nil && armDrugs.count > 1 {
                report(path, at: entryNode(i),
                       "gives a drug part (max_drug_hazard_per_day, \(effect.model.driver.ec50Key)) but the arms give \(armDrugs.count) drugs (\(armDrugs.joined(separator: ", "))), so one drug's parameters would be applied to the others' exposure",
                       fix: "Add drugs: [\(armDrugs[0])] naming the drug(s) these numbers describe, or move them to drugs.<drug>.side_effects.\(effect.name) or the drug's library file.")
            }
        }
        // Scenario drug parts must name a listed effect: otherwise they would silently do nothing.
        for (drug, parts) in drugs {
            for effect in parts.scenario.keys.sorted() where !names.contains(effect) {
                let partPath = top.path.appending("drugs").appending(drug).appending("side_effects").appending(effect)
                report(partPath, at: node(at: partPath),
                       "no side effect '\(effect)' is listed under side_effects:",
                       fix: "List it, e.g. side_effects: [{name: \(effect), background_per_day: 0.001}], or remove this block."
                            + ParameterProblem.didYouMean(effect, among: names))
            }
        }

        let armItems = top.sequence("arms", required: false, fix: "") ?? []
        for a in arms.indices {
            let armPath = top.path.appending("arms").appending(index: a)
            let armNode = armItems.indices.contains(a) ? armItems[a].node : nil
            for effect in arms[a].sideEffectConsequences.keys.sorted() where !names.contains(effect) {
                let overridePath = armPath.appending("side_effect_consequences").appending(effect)
                report(overridePath, at: node(at: overridePath) ?? armNode,
                       "no side effect '\(effect)' is listed under side_effects:",
                       fix: "Use one of: \(names.joined(separator: ", "))." + ParameterProblem.didYouMean(effect, among: names))
            }
            guard let treatment = arms[a].treatment else {
                arms[a].sideEffectParts = Array(repeating: .none, count: sideEffects.count)
                continue
            }
            let drug = treatment.drugName
            let parts = drugs[drug] ?? DrugSideEffectParts()
            arms[a].sideEffectParts = sideEffects.map { effect in
                if let own = parts.scenario[effect.name] { return .drug(own) }
                if effect.scenarioDrugPart != nil, effect.drugs?.contains(drug) ?? (armDrugs.count <= 1) { return .scenarioEntry }
                if let library = parts.library[effect.name] { return .drug(library) }
                return .none
            }
            // A `taper` action needs a taper to follow.
            guard treatment.regimen.declaredTaperKind == nil else { continue }
            for (k, effect) in sideEffects.enumerated() {
                let override = arms[a].sideEffectConsequences[effect.name]
                let action = override?.intolerableAction ?? effect.model.consequences.intolerableAction
                guard case .discontinue(.protocolTaper) = action else { continue }
                let fromArm = override?.intolerableAction != nil
                let path = fromArm ? armPath.appending("side_effect_consequences").appending(effect.name).appending("action")
                                           : sideEffectsPath.appending(index: k).appending("consequences").appending("action")
                report(path, at: node(at: path) ?? (fromArm ? armNode : entryNode(k)),
                       "arm '\(arms[a].name)' stops \(drug) by its declared taper after \(effect.name), but its regimen declares none",
                       fix: "Give the arm's regimen a discontinuation taper, e.g. discontinuation: {kind: linear, days: 14}, or stop abruptly in this arm: side_effect_consequences: {\(effect.name): {action: discontinue}}.")
            }
        }
    }
}
