import Yams

/// Reading an arm's `course:` list (``TreatmentCourseRule``; Scenarios/README.md "Treatment
/// course").
extension ScenarioNodeReader {
    /// One arm's `course:` list (``BlockDeclaration/courseRule``). Targets and their drugs are
    /// checked by ``checkCourseTargets(_:arms:)`` once every arm is read. A relapse criterion
    /// without its own `heavy_day_drinks` counts heavy days by `NIAAA` here; the scenario then
    /// gives it the drinking model's threshold (as endpoints get it).
    func courseRules(_ items: [DeclaredMapping], horizonDays: Int) -> [TreatmentCourseRule] {
        var rules: [TreatmentCourseRule] = []
        for block in items {
            let fromDay = block.integer("from_day") ?? 0
            if fromDay >= horizonDays {
                report(block.path.appending("from_day"), at: block.value("from_day"), "is after the last day simulated (day \(horizonDays - 1))",
                       fix: "Give a day within the horizon, or remove the rule.")
            }
            let threshold = block.block("heavy_day_drinks").flatMap(heavyThreshold) ?? .niaaa
            var trigger: CourseTrigger?
            switch block.text("on") {
            case "relapse":
                if let r = block.block("relapse") {
                    let relapse = relapseDefinition(r, threshold: threshold)
                    if let heavy = relapse.heavyDays, heavy.windowDays > 64 || heavy.count > heavy.windowDays {
                        report(r.path.appending("heavy_days"), at: r.value("heavy_days"),
                               "needs 1 ≤ count ≤ window_days ≤ 64 (found \(heavy.count) in \(heavy.windowDays))",
                               fix: "Give at most 64 days and no more heavy days than the window has.")
                    }
                    trigger = .relapse(relapse)
                }
            case "no_response":
                trigger = .noResponse
            default:
                break
            }
            guard let trigger, let target = block.text("switch_to") else { continue }
            let convention = block.text("endpoints").flatMap(CourseEndpointConvention.init(rawValue:)) ?? .asObserved
            rules.append(TreatmentCourseRule(trigger: trigger, fromDay: fromDay, whileOffDrug: block.boolean("while_off_drug") ?? false, targetArm: target,
                                             maxTimes: block.integer("times") ?? 1, endpoints: convention, heavyThresholdGiven: block.has("heavy_day_drinks")))
        }
        return rules
    }

    /// Checks every arm's course rules against the arms: the target exists; its drug is none or
    /// this arm's drug (the engine follows one drug's amounts per subject and arm, so a switch
    /// between two drugs cannot carry the first one's washout); a `no_response` rule belongs to
    /// an arm whose regimen titrates to response with a stopping rule.
    func checkCourseTargets(_ items: [(node: Node, path: ScenarioKeyPath)], arms: [Arm]) {
        let names = arms.map(\.name)
        for (index, arm) in arms.enumerated() where !arm.course.isEmpty && index < items.count {
            guard case .mapping(let armNode) = items[index].node, let courseNode = armNode["course"],
                  case .sequence(let ruleNodes) = courseNode else { continue }
            let coursePath = items[index].path.appending("course")
            for (r, rule) in arm.course.enumerated() where r < ruleNodes.count {
                let rulePath = coursePath.appending(index: r)
                let ruleNode = ruleNodes[r]
                let targetNode = ruleNode.mapping?["switch_to"] ?? ruleNode
                guard let target = arms.first(where: { $0.name == rule.targetArm }) else {
                    report(rulePath.appending("switch_to"), at: targetNode, "no arm '\(rule.targetArm)'",
                           fix: "Use one of: \(names.joined(separator: ", "))." + ParameterProblem.didYouMean(rule.targetArm, among: names))
                    continue
                }
                if let drug = arm.treatment?.drugName, let targetDrug = target.treatment?.drugName, drug != targetDrug {
                    report(rulePath.appending("switch_to"), at: targetNode,
                           "switches from \(drug) to \(targetDrug): the engine follows one drug's amounts per subject and arm, so the first drug's washout would be lost",
                           fix: "Switch to an arm giving \(drug) or no drug, or start the rescue arm's drug in an arm of its own.")
                }
                if rule.trigger == .noResponse {
                    let stopRule = arm.treatment?.regimen.responseGuided?.stopWithoutResponseDays
                    if stopRule == nil {
                        report(rulePath.appending("on"), at: ruleNode.mapping?["on"] ?? ruleNode,
                               "no_response needs this arm's regimen to titrate to response with stop_without_response_weeks",
                               fix: "Add titrate_to_response with stop_without_response_weeks to the arm's regimen, or use on: relapse.")
                    }
                }
            }
        }
    }
}
