import Yams

/// Reading the `subgroups:` list (``SubgroupDefinition``) by its item declaration
/// (``BlockDeclaration/subgroup``); the rules between items and between a band's two ends are here.
extension ScenarioNodeReader {
    func subgroups(_ top: ScenarioMapping) -> [SubgroupDefinition] {
        guard let items = top.sequence("subgroups", required: false,
                                       fix: "Give a list, e.g. [{name: women, sex: female}, {name: elderly, age_years: [65, 120]}].") else { return [] }
        var result: [SubgroupDefinition] = []
        var names = Set<String>()
        if items.count > SubgroupDefinition.maximumCount {
            report(top.path.appending("subgroups"), at: top.value("subgroups"), "has \(items.count) subgroups (at most \(SubgroupDefinition.maximumCount))",
                   fix: "Keep the \(SubgroupDefinition.maximumCount) subgroups the analysis needs.")
        }
        for item in items.prefix(SubgroupDefinition.maximumCount) {
            guard let block = declared(item.node, at: item.path, as: .subgroup), let name = block.text("name") else { continue }
            if !names.insert(name).inserted {
                report(item.path.appending("name"), at: block.value("name"), "subgroup '\(name)' is defined twice", fix: "Give every subgroup a different name.")
            }
            var subgroup = SubgroupDefinition(name: name)
            subgroup.sex = block.text("sex").flatMap(Sex.init(rawValue:))
            func band(_ key: String) -> ClosedRange<Double>? {
                guard let values = block.numbers(key) else { return nil }
                guard values[0] <= values[1] else {
                    report(item.path.appending(key), at: block.value(key), "must be [low, high] with low ≤ high", fix: BlockDeclaration.subgroup[key].fix)
                    return nil
                }
                return values[0]...values[1]
            }
            subgroup.ageYears = band("age_years")
            subgroup.creatinineClearanceMLPerMin = band("creatinine_clearance_mL_per_min")
            subgroup.baselineDrinksPerDay = band("baseline_drinks_per_day")
            subgroup.dsm5Criteria = band("dsm5_criteria")
            subgroup.liver = block.texts("liver_disease")?.compactMap(LiverDisease.init(rawValue:))
            subgroup.psychiatric = block.boolean("psychiatric")
            if subgroup.isUnconditional && !hasIssue(overlapping: item.path) {
                report(item.path, at: item.node, "has no condition, so it is the whole population",
                       fix: "Give sex, age_years, creatinine_clearance_mL_per_min, baseline_drinks_per_day, dsm5_criteria, liver_disease or psychiatric.")
            }
            result.append(subgroup)
        }
        return result
    }
}
