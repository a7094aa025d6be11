import Yams

/// Reading an arm's `course:` list (``TreatmentCourseRule``; Scenarios/README.md "Treatment
/// course").
extension ScenarioNodeReader {
    static let courseRuleKeys = ["on", "relapse", "heavy_day_drinks", "from_day", "while_off_drug", "switch_to", "times", "endpoints", "description"]
    static let courseTriggers = ["relapse", "no_response"]

    /// One arm's `course:` list. Targets and their drugs are checked by
    /// ``checkCourseTargets(_:arms:)`` once every arm is read. A relapse criterion without its own
    /// `heavy_day_drinks` counts heavy days by `NIAAA` here; the scenario then gives it the
    /// drinking model's threshold (as endpoints get it).
    func courseRules(_ items: [(node: Node, path: ScenarioKeyPath)], horizonDays: Int) -> [TreatmentCourseRule] {
        var rules: [TreatmentCourseRule] = []
        for item in items {
            guard let block = mapping(item.node, at: item.path,
                                      fix: "Give a rule as {on: relapse, relapse: {heavy_days: {count: 1, window_days: 1}}, switch_to: open-label}.") else { continue }
            block.checkKeys(allowed: Self.courseRuleKeys,
                            fix: "A course rule has on, relapse, heavy_day_drinks, from_day, while_off_drug, switch_to, times, endpoints and description.")
            if block.has("description") { _ = block.text("description", fix: "Describe the rule in words.") }
            let on = block.choice("on", among: Self.courseTriggers, fix: ParameterProblem.useOneOf(Self.courseTriggers, insteadOf: ""))
            let target = block.text("switch_to", fix: "Name the arm whose treatment the subject gets (this arm's own name restarts it), e.g. switch_to: open-label.")
            let fromDay = block.integer("from_day", required: false, minimum: 0,
                                        fix: "Give the first study day the criterion is read on, e.g. 84.") ?? 0
            if fromDay >= horizonDays {
                report(item.path.appending("from_day"), at: block.value("from_day"), "is after the last day simulated (day \(horizonDays - 1))",
                       fix: "Give a day within the horizon, or remove the rule.")
            }
            let whileOffDrug = block.boolean("while_off_drug", required: false,
                                             fix: "Write true to read the criterion only on days without a prescribed dose (re-treatment after a course ended), else false.") ?? false
            let times = block.integer("times", required: false, minimum: 1, maximum: 1_000,
                                      fix: "Give the most times the rule fires per subject, e.g. 1.") ?? 1
            let conventionText = block.choice("endpoints", required: false, among: CourseEndpointConvention.allCases.map(\.rawValue),
                                              fix: "Write as_observed (days after the event count as simulated) or as_dropout (the event ends observation).")
            let convention = conventionText.flatMap(CourseEndpointConvention.init(rawValue:)) ?? .asObserved
            let threshold = heavyDayDrinks(in: block) ?? .niaaa
            var trigger: CourseTrigger?
            switch on {
            case "relapse":
                if let r = block.mapping("relapse", fix: "Give the criterion, e.g. relapse: {heavy_days: {count: 2, window_days: 14}}.") {
                    let relapse = relapseDefinition(DeclaredMapping(r, as: .relapse), threshold: threshold)
                    if let heavy = relapse.heavyDays, heavy.windowDays > 64 || heavy.count > heavy.windowDays {
                        report(r.path.appending("heavy_days"), at: r.value("heavy_days"),
                               "needs 1 ≤ count ≤ window_days ≤ 64 (found \(heavy.count) in \(heavy.windowDays))",
                               fix: "Give at most 64 days and no more heavy days than the window has.")
                    }
                    trigger = .relapse(relapse)
                }
            case "no_response":
                for key in ["relapse", "heavy_day_drinks"] where block.has(key) {
                    report(item.path.appending(key), at: block.value(key), "applies only with on: relapse",
                           fix: "Remove \(key): the no_response trigger is the arm's titrate_to_response stopping rule.")
                }
                trigger = .noResponse
            default:
                break
            }
            guard let trigger, let target else { continue }
            if trigger == .noResponse && block.has("while_off_drug") {
                report(item.path.appending("while_off_drug"), at: block.value("while_off_drug"), "applies only with on: relapse",
                       fix: "Remove while_off_drug: the no_response trigger fires on a rule day, while the drug is given.")
            }
            rules.append(TreatmentCourseRule(trigger: trigger, fromDay: fromDay, whileOffDrug: whileOffDrug, targetArm: target,
                                             maxTimes: times, endpoints: convention, heavyThresholdGiven: block.has("heavy_day_drinks")))
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
