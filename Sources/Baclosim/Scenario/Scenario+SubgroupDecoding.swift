import Yams

/// Reading the `subgroups:` list (``SubgroupDefinition``).
extension ScenarioNodeReader {
    static let subgroupKeys = ["name", "sex", "age_years", "creatinine_clearance_mL_per_min", "baseline_drinks_per_day", "dsm5_criteria",
                               "liver_disease", "psychiatric", "description"]

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
            guard let block = mapping(item.node, at: item.path, fix: "Give a subgroup as {name: women, sex: female}.") else { continue }
            block.checkKeys(allowed: Self.subgroupKeys, fix: "A subgroup has name and any of sex, age_years, creatinine_clearance_mL_per_min, baseline_drinks_per_day, dsm5_criteria, liver_disease and psychiatric.")
            if block.has("description") { _ = block.text("description", fix: "Describe the subgroup in words.") }
            guard let name = block.identifier("name", fix: "Name the subgroup (used in the outputs), e.g. name: women.") else { continue }
            if !names.insert(name).inserted {
                report(item.path.appending("name"), at: block.value("name"), "subgroup '\(name)' is defined twice", fix: "Give every subgroup a different name.")
            }
            var subgroup = SubgroupDefinition(name: name)
            if let sex = block.choice("sex", required: false, among: Sex.allCases.map(\.rawValue), fix: "Write male or female.") {
                subgroup.sex = Sex(rawValue: sex)
            }
            func band(_ key: String, _ example: String) -> ClosedRange<Double>? {
                guard let values = block.numbers(key, required: false, fix: "Give [low, high] (inclusive), e.g. \(example).") else { return nil }
                guard values.count == 2, values[0] <= values[1] else {
                    report(item.path.appending(key), at: block.value(key), "must be [low, high] with low ≤ high", fix: "Give two numbers, e.g. \(example).")
                    return nil
                }
                return values[0]...values[1]
            }
            subgroup.ageYears = band("age_years", "[65, 120]")
            subgroup.creatinineClearanceMLPerMin = band("creatinine_clearance_mL_per_min", "[0, 60]")
            subgroup.baselineDrinksPerDay = band("baseline_drinks_per_day", "[10, 100]")
            subgroup.dsm5Criteria = band("dsm5_criteria", "[6, 11]")
            if let states = block.sequence("liver_disease", required: false, fix: "List liver states, e.g. [compensated, cirrhosis].") {
                subgroup.liver = states.compactMap { state in
                    choice(state.node, at: state.path, among: LiverDisease.allCases.map(\.rawValue), fix: "Use none, compensated or cirrhosis.")
                        .flatMap(LiverDisease.init(rawValue:))
                }
            }
            subgroup.psychiatric = block.boolean("psychiatric", required: false, fix: "Write true or false.")
            if subgroup.isUnconditional && !hasIssue(overlapping: item.path) {
                report(item.path, at: item.node, "has no condition, so it is the whole population",
                       fix: "Give sex, age_years, creatinine_clearance_mL_per_min, baseline_drinks_per_day, dsm5_criteria, liver_disease or psychiatric.")
            }
            result.append(subgroup)
        }
        return result
    }
}
