import Yams

/// Reading the `targets:` block: published trial results to compare the simulation with.
extension ScenarioNodeReader {
    /// The keys that say which quantity a target compares (exactly one per target).
    static let quantityKeys = ["arm", "difference", "ratio", "odds_ratio"]

    /// The `targets:` list (``BlockDeclaration/target``), checked against the scenario's arms,
    /// metric names and differences.
    ///
    /// - Parameters:
    ///   - metrics: metric names the run will report, or `nil` when not all are known here
    ///     (economics adds metrics); unknown names are then left to the `targets` command.
    ///   - differences: the scenario's `differences:` requests (empty: each arm minus the first).
    func targets(_ top: ScenarioMapping, arms: [String], metrics: Set<String>?, differences: [DifferenceRequest]) -> [TrialTarget] {
        guard let items = top.sequence("targets", required: false, fix: "Give a list of targets, e.g. [\(BlockDeclaration.target.example)].") else { return [] }
        var result: [TrialTarget] = []
        var names = Set<String>()
        for item in items {
            guard let block = declared(item.node, at: item.path, as: .target) else { continue }
            let name = block.text("name")
            if let name, !names.insert(name).inserted {
                report(item.path.appending("name"), at: block.value("name"), "target '\(name)' is defined twice", fix: "Give every target a different name.")
            }
            let metric = block.text("metric")
            if let metric, let metrics, !metrics.contains(metric) {
                report(item.path.appending("metric"), at: block.value("metric"), "no metric '\(metric)' in this scenario",
                       fix: "Use an endpoint or metric name: \(metrics.sorted().joined(separator: ", "))." + ParameterProblem.didYouMean(metric, among: metrics))
            }
            let quantity = targetQuantity(block, arms: arms)
            if let quantity, let metric {
                checkReported(quantity, metric: metric, block: block, arms: arms, differences: differences)
            }
            let value = block.number("value")
            var interval: ClosedRange<Double>?
            if let bounds = block.numbers("interval") {
                if bounds[0] > bounds[1] {
                    report(item.path.appending("interval"), at: block.value("interval"),
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
            if let name, let metric, let quantity, let value, let interval, let source = block.text("source") {
                result.append(TrialTarget(name: name, metric: metric, quantity: quantity, value: value, interval: interval,
                                          weight: block.number("weight") ?? 1, source: source))
            }
        }
        return result
    }

    /// The one of `arm`, `difference: [a, b]`, `ratio: [a, b]` or `odds_ratio: [a, b]` given
    /// (the declaration reports none or several), naming declared arms.
    private func targetQuantity(_ block: DeclaredMapping, arms: [String]) -> TrialTarget.Quantity? {
        let present = Self.quantityKeys.filter(block.has)
        guard present.count == 1 else { return nil }
        func known(_ arm: String, at place: (path: ScenarioKeyPath, node: Node)) -> Bool {
            guard arms.isEmpty || arms.contains(arm) else {
                report(place.path, at: place.node, "no arm '\(arm)'", fix: "Use one of: \(arms.joined(separator: ", "))." + ParameterProblem.didYouMean(arm, among: arms))
                return false
            }
            return true
        }
        let key = present[0]
        if key == "arm" {
            guard let arm = block.text("arm"), let node = block.value("arm"), known(arm, at: (block.path.appending("arm"), node)) else { return nil }
            return .arm(arm)
        }
        guard let pair = block.texts(key) else { return nil }
        let knownArms = pair.indices.map { known(pair[$0], at: block.item(key, $0)) }
        guard knownArms.allSatisfy({ $0 }) else { return nil }
        let (a, b) = (pair[0], pair[1])
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
    private func checkReported(_ quantity: TrialTarget.Quantity, metric: String, block: DeclaredMapping, arms: [String],
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
