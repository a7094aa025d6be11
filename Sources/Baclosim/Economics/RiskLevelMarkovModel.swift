import Foundation

/// A Markov model on the WHO drinking-risk levels, derived from a run of a scenario with
/// economics: the NICE-style alcohol model (states abstinent, low, medium, high, very high risk
/// and dead; one cycle per risk-level window) whose transition probabilities are the run's
/// observed moves between consecutive windows (`risk_level_transitions.csv`), written as a
/// state-transition file that `baclosim cohort`, `run`, `psa` and `sweep` evaluate.
///
/// How the file is built (Scenarios/economics/README.md "A Markov model on the drinking-risk
/// levels"):
/// - one cycle = one window of W days (`economics.risk_level_window_days`, default 28); the
///   state at time point t is the level of the t-th window (its mean g/day), so rewards count
///   at the cycles' ends (`rewards: end`): a cycle earns its own level's cost and utility;
/// - `initial`: the first arm's shares at baseline (the level of the baseline drinks per day);
/// - in cycle p ≤ P (the run's whole windows), each strategy's own probability of each move
///   between living levels is its arm's count over the subjects alive at both ends of window p
///   (the model's `competition: conditional_on_survival`); after P (with `extrapolation_cycles`),
///   each strategy's moves pooled over its last `pooled_periods` windows, the first arm's in
///   the model's own transitions;
/// - death: the scenario's background mortality (a Gompertz hazard tabulated as annual
///   probabilities by year of age, or its life table) from the population's median age, times
///   the level's relative risk (`mortality.relative_risk_by_risk_level`), so extrapolated deaths
///   follow age;
/// - states' costs per year: the scenario's hospital (and productivity and crime) cost per day
///   by level × 365.25; utilities: `utility_by_risk_level`; the strategies' other costs (drug,
///   visits, tests, psychosocial sessions, side effects, safety events) as each arm's mean per
///   subject alive at the end of each window, a cost per year in the living states in that cycle
///   (one cost `care`, `per_year_by_cycle`; after the run's horizon the pooled windows' mean);
/// - discount rates, currency, price year and alcohol-attributable events from the scenario.
///
/// What it leaves out: side-effect disutilities, serious-event deaths and drinking-model `dead`
/// states; differences between the arms' baseline shares (the first arm's are used).
public struct RiskLevelMarkovModel: Sendable {
    /// Options of the derivation.
    public struct Options: Sendable {
        /// Cycles after the run's last whole window (0: the run's horizon only).
        public var extrapolationCycles = 0
        /// Windows pooled for the extrapolated moves (the run's last ones; default 13, a year of
        /// 28-day windows, at most the run's windows).
        public var pooledPeriods = 13
        /// The cohort's age at time 0 (default: the population's median age).
        public var startAgeYears: Double?
        /// The scenario's path as given (named in the file's header and `source`).
        public var scenarioPath = ""

        /// The defaults.
        public init() {}
    }

    /// The state-transition file's text.
    public let yaml: String

    /// Why a model cannot be derived from a run.
    public struct DerivationError: Error, CustomStringConvertible {
        /// What is missing, and how to fix it.
        public let description: String
    }

    /// The model of `report` (a run of `scenario`).
    ///
    /// - Throws: ``DerivationError`` when the run counted no risk-level transitions (a scenario
    ///   without economics, or a horizon shorter than one window).
    public init(report: RunReport, scenario: Scenario, options: Options = Options()) throws {
        let result = report.result
        guard let economics = scenario.economics, let counts = result.outcomes.periodTransitions else {
            throw DerivationError(description: "the run counted no drinking-risk level transitions: the scenario needs an `economics` block and a horizon of at least one risk-level window (economics.risk_level_window_days)")
        }
        let table = counts.table
        let levels = DrinkingRiskLevel.allCases
        let names = levels.map { PerDrinkingRiskLevel<Double>.scenarioKey($0) }
        let dead = PeriodStateTable.riskLevelDeadState
        let periods = table.periods
        let cycleYears = Double(table.periodDays) / YearLength.days
        let pooled = max(1, min(options.pooledPeriods, periods))
        let arms = result.layout.arms
        let mortality = economics.mortality
        let startAge = options.startAgeYears ?? scenario.population.age.ageYears(normal: 0)
        func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }

        /// Moves between living levels of `arm` over windows `range`, conditional on surviving.
        func probabilities(arm: Int, periods range: ClosedRange<Int>) -> [[Double]?] {
            levels.indices.map { from in
                var row = [Int](repeating: 0, count: levels.count)
                for p in range {
                    for to in levels.indices { row[to] += counts.count(arm: arm, period: p, from: from, to: to) }
                }
                let total = row.reduce(0, +)
                return total > 0 ? row.map { Double($0) / Double(total) } : nil
            }
        }
        /// Subjects of `arm` alive at the end of window p.
        func aliveAtEnd(arm: Int, period p: Int) -> Int {
            table.states.indices.reduce(0) { sum, from in
                sum + levels.indices.reduce(0) { $0 + counts.count(arm: arm, period: p, from: from, to: $1) }
            }
        }

        var lines: [String] = []
        let subjects = result.subjects
        lines.append("# A Markov model on the WHO drinking-risk levels, derived by `baclosim markov` (Baclosim \(Baclosim.version))")
        lines.append("# from \(subjects) subjects × \(arms.count) arms of \(options.scenarioPath.isEmpty ? scenario.name : options.scenarioPath), seed \(report.manifest.seed).")
        lines.append("# Cycles 1–\(periods) carry each arm's observed moves between consecutive \(table.periodDays)-day windows;")
        lines.append(options.extrapolationCycles > 0
                     ? "# cycles \(periods + 1)–\(periods + options.extrapolationCycles) repeat each arm's moves pooled over its last \(pooled) windows."
                     : "# the model ends with the run's horizon (no extrapolation).")
        lines.append("# Generated: edit the scenario and derive again rather than editing this file.")
        let modelName = (scenario.name + "_risk_levels").map { $0.isLetter || $0.isNumber ? $0 : "_" }
        lines.append("name: \(String(modelName))")
        lines.append("description: >-")
        lines.append("  Drinking-risk level Markov model of \(scenario.name): abstinent, low, medium, high and very high risk (WHO, mean g/day")
        lines.append("  over each \(table.periodDays)-day window)\(mortality == nil ? "" : " and dead"), with each strategy's moves observed in the microsimulation.")
        lines.append("source: >-")
        lines.append("  baclosim markov \(options.scenarioPath.isEmpty ? scenario.name : options.scenarioPath) (\(subjects) subjects, seed \(report.manifest.seed));")
        lines.append("  costs, utilities, mortality and discounting of the scenario's economics block.")
        lines.append("states:")
        let costs = economics.costs
        for (k, level) in levels.enumerated() {
            var parts = ["hospital: \(number(costs.hospitalisationCostPerDay[level] * YearLength.days))"]
            if let productivity = costs.productivityCostPerDay { parts.append("productivity: \(number(productivity[level] * YearLength.days))") }
            if let crime = costs.crimeCostPerDay { parts.append("crime: \(number(crime[level] * YearLength.days))") }
            lines.append("  \(names[k]): {costs_per_year: {\(parts.joined(separator: ", "))}, utility: \(number(economics.utilities.utilityByRiskLevel[level]))}")
        }
        if mortality != nil { lines.append("  dead: {dead: true}") }
        let baseline = levels.indices.map { from in table.states.indices.reduce(0) { $0 + counts.count(arm: 0, period: 1, from: from, to: $1) } }
        let baselineTotal = baseline.reduce(0, +)
        guard baselineTotal > 0 else {
            throw DerivationError(description: "the first arm (\(arms[0])) has no subject at baseline: include subjects in it")
        }
        lines.append("initial: {" + levels.indices.filter { baseline[$0] > 0 }
            .map { "\(names[$0]): \(number(Double(baseline[$0]) / Double(baselineTotal)))" }.joined(separator: ", ") + "}")
        lines.append("cycle: {length_years: \(number(cycleYears)), count: \(periods + options.extrapolationCycles)}")
        if let mortality {
            lines.append("start_age_years: \(number((startAge * 100).rounded() / 100))")
            let table = Self.lifeTable(mortality.background, fromAgeYears: startAge)
            lines.append("life_table:")
            lines.append("  band_start_ages_years: [\(table.bandStartAgesYears.map(number).joined(separator: ", "))]")
            lines.append("  annual_death_probabilities: [\(table.annualDeathProbabilities.map(number).joined(separator: ", "))]")
            lines.append("competition: conditional_on_survival")
        }
        lines.append("transitions:")
        let reference = probabilities(arm: 0, periods: (periods - pooled + 1)...periods)
        for (from, level) in levels.enumerated() {
            if let mortality {
                lines.append("  - {from: \(names[from]), to: dead, life_table: true, hazard_ratio: \(number(mortality.relativeRiskByRiskLevel[level]))}")
            }
            for to in levels.indices where to != from {
                lines.append("  - {from: \(names[from]), to: \(names[to]), probability: \(number(reference[from]?[to] ?? 0))}")
            }
        }
        lines.append("rewards: end")
        lines.append("discounting: {costs: \(number(economics.costDiscountRatePerYear)), effects: \(number(economics.effectDiscountRatePerYear))}")
        lines.append("effect: qalys")
        lines.append("currency: \(costs.currency)")
        lines.append("price_year: \(costs.priceYear)")
        lines.append("strategies:")
        let living = "[" + names.joined(separator: ", ") + "]"
        for (a, arm) in arms.enumerated() {
            lines.append("  \(arm):")
            var moves: [String] = []
            func add(_ rows: [[Double]?], first: Int, last: Int?) {
                let window = last.map { "first_cycle: \(first), last_cycle: \($0)" } ?? "first_cycle: \(first)"
                for (from, row) in rows.enumerated() {
                    guard let row else { continue }
                    for to in levels.indices where to != from {
                        moves.append("      - {from: [\(names[from])], to: [\(names[to])], probability: \(number(row[to])), \(window)}")
                    }
                }
            }
            for p in 1...periods { add(probabilities(arm: a, periods: p...p), first: p, last: p) }
            if options.extrapolationCycles > 0 && a > 0 {
                add(probabilities(arm: a, periods: (periods - pooled + 1)...periods), first: periods + 1, last: nil)
            }
            lines.append(moves.isEmpty ? "    transitions: []" : "    transitions:")
            lines += moves
            var care: [Double] = (1...periods).map { p in
                let alive = aliveAtEnd(arm: a, period: p)
                return alive > 0 ? counts.cost(arm: a, period: p) / Double(alive) / cycleYears : 0
            }
            if options.extrapolationCycles > 0 {
                let range = (periods - pooled + 1)...periods
                let alive = range.reduce(0) { $0 + aliveAtEnd(arm: a, period: $1) }
                let total = range.reduce(0.0) { $0 + counts.cost(arm: a, period: $1) }
                care.append(alive > 0 ? total / Double(alive) / cycleYears : 0)
            }
            // The last value repeats to the last cycle: trailing zeros become a last_cycle instead.
            let charged = care.count
            while care.last == 0 { care.removeLast() }
            if !care.isEmpty {
                let window = care.count < charged ? ", last_cycle: \(care.count)" : ""
                lines.append("    costs:")
                lines.append("      - {name: care, per_year_by_cycle: [\(care.map(number).joined(separator: ", "))], states: \(living)\(window)}")
            }
        }
        if !economics.events.isEmpty {
            lines.append("events:")
            for event in economics.events {
                let rates = levels.enumerated().map { "\(names[$0.offset]): \(number(event.ratePerYear[$0.element]))" }
                lines.append("  \(event.name): {rates_per_year: {\(rates.joined(separator: ", "))}}")
            }
        }
        yaml = lines.joined(separator: "\n") + "\n"
    }

    /// Background mortality as annual death probabilities by year of age from `fromAgeYears`
    /// (rounded down) to 110: a life table as given; a Gompertz hazard tabulated as
    /// q = 1 − exp(−∫ μ) over each year of age, so the cumulative hazard at whole ages is exact.
    static func lifeTable(_ background: BackgroundMortality, fromAgeYears: Double) -> LifeTable {
        switch background {
        case .lifeTable(let table):
            return table
        case .gompertz(let hazard):
            let first = max(0, min(110, Int(fromAgeYears.rounded(.down))))
            let ages = (first...110).map(Double.init)
            return LifeTable(bandStartAgesYears: ages,
                             annualDeathProbabilities: ages.map { -expm1(-hazard.cumulativeHazard(fromAgeYears: $0, toAgeYears: $0 + 1)) })
        }
    }
}
