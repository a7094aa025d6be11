/// The tornado table of a one-way sweep: for each parameter, one outcome at its low and high
/// values against the base case, widest swing first.
///
/// The outcome is one (arm, metric) row of the runs: by default the first paired difference
/// (the scenario's first `differences:` entry, first metric), else the first arm's first metric.
struct TornadoTable {
    /// One parameter's bar.
    struct Bar: Equatable {
        var parameter: String
        var lowValue: Double
        var highValue: Double
        var atLow: Double?
        var atHigh: Double?
        /// |atHigh − atLow| (0 when either is missing).
        var swing: Double { atLow.flatMap { l in atHigh.map { abs($0 - l) } } ?? 0 }
    }

    /// The outcome's arm (or `A-B`).
    let arm: String
    /// The outcome's metric.
    let metric: String
    /// The outcome at the base case.
    let base: Double?
    /// Bars, widest swing first (ties in parameter order).
    let bars: [Bar]

    /// Problems choosing the outcome.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The table of a one-way `definition` whose points' rows are `results` (by point index).
    /// `arm`/`metric` choose the outcome (defaults above).
    /// - Throws: ``Failure`` when the base point is missing or the outcome is not among its rows.
    init(definition: SweepDefinition, results: [Int: [OutcomeRow]], arm: String?, metric: String?) throws(Failure) {
        guard let baseRows = results[0] else { throw Failure(description: "the base case (point 0) has no results") }
        let candidates = baseRows.filter { $0.kind != .count }
        let chosen: OutcomeRow?
        switch (arm, metric) {
        case (nil, nil):
            chosen = candidates.first { $0.kind == .difference } ?? candidates.first
        case (let arm?, nil):
            chosen = candidates.first { $0.arm == arm }
        case (nil, let metric?):
            chosen = candidates.first { $0.kind == .difference && $0.metric == metric } ?? candidates.first { $0.metric == metric }
        case (let arm?, let metric?):
            chosen = candidates.first { $0.arm == arm && $0.metric == metric }
        }
        guard let chosen else {
            let arms = Array(Set(candidates.map(\.arm))).sorted()
            let metrics = Array(Set(candidates.map(\.metric))).sorted()
            throw Failure(description: "no outcome \(arm ?? "(any arm)") / \(metric ?? "(any metric)") in the sweep's results. "
                + "Use --arm with one of: \(arms.joined(separator: ", ")); --metric with one of: \(metrics.joined(separator: ", ")).")
        }
        func value(_ point: Int) -> Double? {
            results[point]?.first { $0.arm == chosen.arm && $0.metric == chosen.metric }?.mean
        }
        let points = definition.points
        var bars: [Bar] = []
        for (p, parameter) in definition.parameters.enumerated() {
            let own = points.filter { $0.variedParameter == p }
            guard let low = own.first, let high = own.last else { continue }
            bars.append(Bar(parameter: parameter.keyPath, lowValue: low.values[p], highValue: high.values[p],
                            atLow: value(low.index), atHigh: value(high.index)))
        }
        self.arm = chosen.arm
        self.metric = chosen.metric
        self.base = value(0)
        // Stable: equal swings keep parameter order.
        self.bars = bars.enumerated().sorted { a, b in
            a.element.swing != b.element.swing ? a.element.swing > b.element.swing : a.offset < b.offset
        }.map(\.element)
    }

    /// `tornado.csv`: parameter, low and high values, the outcome at base, low and high, and the
    /// changes from base.
    var csv: String {
        var text = "parameter,low_value,high_value,arm,metric,base,at_low,at_high,change_at_low,change_at_high,swing\n"
        for bar in bars {
            let changeLow = bar.atLow.flatMap { l in base.map { l - $0 } }
            let changeHigh = bar.atHigh.flatMap { h in base.map { h - $0 } }
            text += [CSVField.escaped(bar.parameter), CSVNumber.format(bar.lowValue), CSVNumber.format(bar.highValue),
                     CSVField.escaped(arm), CSVField.escaped(metric), CSVNumber.format(base), CSVNumber.format(bar.atLow),
                     CSVNumber.format(bar.atHigh), CSVNumber.format(changeLow), CSVNumber.format(changeHigh),
                     CSVNumber.format(bar.swing)].joined(separator: ",") + "\n"
        }
        return text
    }
}
