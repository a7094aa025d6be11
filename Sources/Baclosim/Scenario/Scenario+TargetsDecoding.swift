import Yams

/// Reading the `targets:` block: published trial results to compare the simulation with.
extension ScenarioNodeReader {
    /// The keys that say which quantity a target compares (exactly one per target).
    static let quantityKeys = ["arm", "difference", "ratio", "odds_ratio"]

    static let targetKeys = ["name", "metric"] + quantityKeys + ["value", "interval", "weight", "source"]

    /// The `targets:` list, checked against the scenario's arms, metric names and differences.
    ///
    /// - Parameters:
    ///   - metrics: metric names the run will report, or `nil` when not all are known here
    ///     (economics adds metrics); unknown names are then left to the `targets` command.
    ///   - differences: the scenario's `differences:` requests (empty: each arm minus the first).
    func targets(_ top: ScenarioMapping, arms: [String], metrics: Set<String>?, differences: [DifferenceRequest]) -> [TrialTarget] {
        guard let items = top.sequence("targets", required: false,
                                       fix: "Give a list of {name, metric, arm, value, interval: [low, high], source}.") else { return [] }
        var result: [TrialTarget] = []
        var names = Set<String>()
        for item in items {
            guard let block = mapping(item.node, at: item.path,
                                      fix: "Give a target as {name: abstinence, metric: abstinent, arm: placebo, value: 0.29, interval: [0.17, 0.44], source: ...}.") else { continue }
            block.checkKeys(allowed: Self.targetKeys, fix: "A target has name, metric, arm (or difference, ratio or odds_ratio), value, interval, weight and source.")
            let name = block.text("name", fix: "Name the target, e.g. name: abstinence_placebo.")
            if let name, !names.insert(name).inserted {
                report(item.path.appending("name"), at: block.value("name"), "target '\(name)' is defined twice", fix: "Give every target a different name.")
            }
            let metric = block.text("metric", fix: "Name a metric the run reports, e.g. metric: abstinent.")
            if let metric, let metrics, !metrics.contains(metric) {
                report(item.path.appending("metric"), at: block.value("metric"), "no metric '\(metric)' in this scenario",
                       fix: "Use an endpoint or metric name: \(metrics.sorted().joined(separator: ", "))." + ParameterProblem.didYouMean(metric, among: metrics))
            }
            let quantity = targetQuantity(block, arms: arms)
            if let quantity, let metric {
                checkReported(quantity, metric: metric, block: block, arms: arms, differences: differences)
            }
            let value = block.number("value", fix: "Give the published value, e.g. 0.71 for 71%.")
            var interval: ClosedRange<Double>?
            if let bounds = block.numbers("interval", fix: "Give the published 95% interval as [low, high], e.g. [0.56, 0.83].") {
                let path = item.path.appending("interval")
                if bounds.count != 2 {
                    report(path, at: block.value("interval"), "must have two numbers (found \(bounds.count))", fix: "Write interval: [low, high].")
                } else if bounds.allSatisfy(\.isFinite) {
                    if bounds[0] > bounds[1] {
                        report(path, at: block.value("interval"),
                               "low \(ScenarioIssue.formatNumber(bounds[0])) is above high \(ScenarioIssue.formatNumber(bounds[1]))",
                               fix: "Write interval: [low, high] with low ≤ high.")
                    } else {
                        interval = bounds[0]...bounds[1]
                        if let value, !interval!.contains(value) {
                            report(item.path.appending("value"), at: block.value("value"),
                                   "\(ScenarioIssue.formatNumber(value)) lies outside its interval [\(ScenarioIssue.formatNumber(bounds[0])), \(ScenarioIssue.formatNumber(bounds[1]))]",
                                   fix: "Check the value and interval against the source (same unit: proportions as 0–1).")
                        }
                    }
                }
            }
            let weight = block.number("weight", required: false, rule: .positive, fix: "Give a positive weight, e.g. 1.") ?? 1
            let source = block.text("source", fix: "Cite the source with its evidence tag, e.g. source: Addolorato 2007 [V].")
            if let name, let metric, let quantity, let value, let interval, let source {
                result.append(TrialTarget(name: name, metric: metric, quantity: quantity, value: value, interval: interval,
                                          weight: weight, source: source))
            }
        }
        return result
    }

    /// Exactly one of `arm`, `difference: [a, b]`, `ratio: [a, b]` or `odds_ratio: [a, b]`, naming
    /// declared arms.
    private func targetQuantity(_ block: ScenarioMapping, arms: [String]) -> TrialTarget.Quantity? {
        let present = Self.quantityKeys.filter(block.has)
        guard present.count == 1 else {
            let problem = present.isEmpty ? "names no arm" : "gives \(present.joined(separator: " and ")); give one"
            report(block.path, at: block.node, problem,
                   fix: "Give arm: placebo, difference: [baclofen30, placebo] (a − b), ratio: [baclofen30, placebo] (a / b) or odds_ratio: [baclofen30, placebo].")
            return nil
        }
        func armName(_ node: Node, _ path: ScenarioKeyPath) -> String? {
            guard let arm = text(node, at: path, fix: "Name an arm.") else { return nil }
            guard arms.isEmpty || arms.contains(arm) else {
                report(path, at: node, "no arm '\(arm)'", fix: "Use one of: \(arms.joined(separator: ", "))." + ParameterProblem.didYouMean(arm, among: arms))
                return nil
            }
            return arm
        }
        if present[0] == "arm" {
            guard let node = block.value("arm"), let arm = armName(node, block.path.appending("arm")) else { return nil }
            return .arm(arm)
        }
        let key = present[0]
        guard let pair = block.sequence(key, fix: "Write \(key): [a, b].") else { return nil }
        guard pair.count == 2 else {
            report(block.path.appending(key), at: block.value(key), "must name exactly two arms (found \(pair.count))", fix: "Write \(key): [a, b].")
            return nil
        }
        let names = pair.map { armName($0.node, $0.path) }
        guard let a = names[0], let b = names[1] else { return nil }
        if a == b {
            report(block.path.appending(key), at: block.value(key), "names arm '\(a)' twice", fix: "Name two different arms.")
            return nil
        }
        switch key {
        case "difference": return .difference(a, b)
        case "ratio": return .ratio(a, b)
        default: return .oddsRatio(a, b)
        }
    }

    /// A difference or ratio needs the paired difference `a − b` of the metric in the run's
    /// output (its standard error gives the interval): reported by default when `b` is the first
    /// arm and no `differences:` are given, else only when requested.
    private func checkReported(_ quantity: TrialTarget.Quantity, metric: String, block: ScenarioMapping, arms: [String],
                               differences: [DifferenceRequest]) {
        let pair: (String, String)
        switch quantity {
        case .arm: return
        case .difference(let a, let b), .ratio(let a, let b), .oddsRatio(let a, let b): pair = (a, b)
        }
        let reported = differences.isEmpty
            ? pair.1 == arms.first
            : differences.contains { $0.a == pair.0 && $0.b == pair.1 && ($0.metrics.isEmpty || $0.metrics.contains(metric)) }
        guard !reported, !arms.isEmpty else { return }
        let key = Self.quantityKeys.dropFirst().first(where: block.has) ?? "difference"
        let fix = differences.isEmpty
            ? "Without differences:, only differences against the first arm (\(arms[0])) are reported; add differences: [{arms: [\(pair.0), \(pair.1)], metrics: [\(metric)]}]."
            : "Add {arms: [\(pair.0), \(pair.1)], metrics: [\(metric)]} to differences:."
        report(block.path.appending(key), at: block.value(key), "the run does not report \(pair.0)-\(pair.1) for '\(metric)'", fix: fix)
    }
}
