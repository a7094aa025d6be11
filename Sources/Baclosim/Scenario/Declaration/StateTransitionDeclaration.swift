/// A state-transition file (`Scenarios/textbook/*.yaml`: a document with a top-level `states:`
/// key): a cycle-based Markov model run as a cohort (`baclosim cohort`) or a microsimulation
/// (`baclosim run`). Its tables are generated into `Scenarios/textbook/README.md`; its JSON
/// Schema is `baclosim schema --state-transition`.
extension BlockDeclaration {
    static let stateTransitionFile: BlockDeclaration = {
        var block = BlockDeclaration(
            "state-transition file", meaning: "a cycle-based state-transition (Markov) model: states, transitions per cycle, strategies",
            example: "{name: sick_sicker, states: {H: {...}, D: {dead: true}}, cycle: {length_years: 1, count: 75}, transitions: [...], strategies: {usual_care: {}}}",
            keys: [
                KeyDeclaration("name", .identifier, .required, meaning: "the model's name (the default output folder is out/<name>)",
                               fix: "Name the model with letters, digits and underscores, e.g. name: sick_sicker."),
                KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the model in words", fix: "Describe the model in words."),
                KeyDeclaration("source", .text, .optional(absent: ""), meaning: "where the model and its inputs come from", fix: "Cite the model's source."),
                KeyDeclaration("states", .named(stateTransitionState), .required, meaning: "the states, by name, in the order of the trace's columns",
                               fix: "Give the states by name, e.g. states: {healthy: {cost_per_year: 2000, utility: 1}, dead: {dead: true}}."),
                KeyDeclaration("initial", .namedNumbers(unit: "share", rule: .unitInterval), .optional(absent: "everyone in the first state"),
                               meaning: "the share of the cohort in each state at time 0 (sums to 1)",
                               fix: "Give shares by state name that sum to 1, e.g. initial: {healthy: 1}."),
                KeyDeclaration("cycle", .block(stateTransitionCycle), .required, meaning: "cycle length and number of cycles",
                               fix: "Give the cycle, e.g. cycle: \(stateTransitionCycle.example)."),
                KeyDeclaration("start_age_years", .number(unit: "years", rule: .within(0, 150)), .defaulted(.number(0)),
                               meaning: "the cohort's age at time 0, for life-table moves", fix: "Give the starting age in years, e.g. start_age_years: 25."),
                KeyDeclaration("life_table", .block(.lifeTable), .optional(absent: "none"),
                               meaning: "background mortality by age, for moves given as `life_table: true` (exact over each cycle's ages)",
                               fix: "Give life_table: \(BlockDeclaration.lifeTable.example)."),
                KeyDeclaration("transitions", .list(stateTransitionMove), .required, meaning: "the moves between states per cycle; a row's stay is the complement",
                               fix: "Give the transitions as a list, e.g. transitions: [\(stateTransitionMove.example)]."),
                KeyDeclaration("competition", .choice(StateTransitionModel.Competition.allCases.map(\.rawValue)), .defaulted(.text("unconditional")),
                               meaning: "`unconditional`: a row's moves are the cycle's probabilities; `conditional_on_survival`: moves into death states first, every other move conditional on surviving the cycle",
                               fix: "Use competition: unconditional or conditional_on_survival."),
                KeyDeclaration("discounting", .block(stateTransitionDiscounting), .optional(absent: "no discounting"), meaning: "annual discount rates",
                               fix: "Give discounting: \(stateTransitionDiscounting.example)."),
                KeyDeclaration("rewards", .choice(RewardTiming.allCases.map(\.rawValue)), .defaulted(.text("half_cycle")),
                               meaning: "when a cycle's rewards count: `start` (t = 0 … T − 1), `end` (t = 1 … T), `all_time_points` (t = 0 … T), or a within-cycle correction over t = 0 … T: `half_cycle` (trapezoid), `simpson` (Simpson's 1/3, an even number of cycles), `darth_simpson` (the DARTH tutorials' weights)",
                               fix: "Use rewards: start, end, all_time_points, half_cycle, simpson or darth_simpson."),
                KeyDeclaration("effect", .choice(StateTransitionModel.EffectMeasure.allCases.map(\.rawValue)), .defaulted(.text("qalys")),
                               meaning: "the effect of ICERs and the frontier", fix: "Use effect: qalys or life_years."),
                KeyDeclaration("currency", .text, .defaulted(.text("GBP")), meaning: "ISO 4217 code of the costs", fix: "Give a currency code, e.g. currency: USD."),
                KeyDeclaration("price_year", .integer(unit: "year", minimum: 1900, maximum: 2200), .optional(absent: "not stated"),
                               meaning: "the year of the prices", fix: "Give the price year, e.g. price_year: 2018."),
                KeyDeclaration("strategies", .named(stateTransitionStrategy), .required, meaning: "the strategies compared, by name; the first is the reference",
                               fix: "Give at least one strategy, e.g. strategies: {usual_care: {}, treatment: {costs: [...]}}."),
                KeyDeclaration("events", .named(stateTransitionEvent), .optional(absent: "none"),
                               meaning: "events counted per person over the horizon (harms such as admissions, injuries, deaths), by name: `events.csv`, per 100,000 and avoided between strategies",
                               fix: "Give events by name, e.g. events: {admissions: \(stateTransitionEvent.example)}."),
                KeyDeclaration("microsimulation", .block(stateTransitionMicrosimulation), .optional(absent: "10,000 subjects, seed 1"),
                               meaning: "subjects and seed of `baclosim run`", fix: "Give microsimulation: \(stateTransitionMicrosimulation.example)."),
                KeyDeclaration("psa", .block(stateTransitionPSA), .optional(absent: "none"),
                               meaning: "probabilistic sensitivity analysis of `baclosim psa`: each draw evaluated as a cohort or as a microsimulation",
                               fix: "Give psa: \(stateTransitionPSA.example)."),
                KeyDeclaration("sweep", .block(stateTransitionSweep), .optional(absent: "none"),
                               meaning: "deterministic sensitivity analysis of `baclosim sweep`: each point evaluated as a cohort (one-way: a tornado)",
                               fix: "Give sweep: \(stateTransitionSweep.example)."),
            ])
        block.isDocument = true
        return block
    }()

    static let stateTransitionState = BlockDeclaration(
        "state", meaning: "one state: its cost and utility per year, and one-off rewards on entering it",
        example: "{cost_per_year: 2000, utility: 1}", atMostOneOf: [["cost_per_year", "costs_per_year"]],
        keys: [
            KeyDeclaration("cost_per_year", .number(unit: "currency/year", rule: .nonNegative), .defaulted(.number(0)),
                           meaning: "cost of a year in the state (a cycle costs this × its length); an item `states` of the breakdown", fix: "Give a cost per year ≥ 0, e.g. cost_per_year: 2000."),
            KeyDeclaration("costs_per_year", .namedNumbers(unit: "currency/year", rule: .nonNegative), .optional(absent: "`cost_per_year`"),
                           meaning: "the cost per year in named parts, each an item of the breakdown", fix: "Give named costs per year, e.g. costs_per_year: {direct_medical: 1701, community: 1055}."),
            KeyDeclaration("utility", .number(unit: "", rule: .within(-1, 1)), .defaulted(.number(0)),
                           meaning: "quality of life of a year in the state (1 full health, 0 dead)", fix: "Give a utility in [−1, 1], e.g. utility: 0.75."),
            KeyDeclaration("dead", .boolean, .defaulted(.boolean(false)),
                           meaning: "a death state: absorbing, out of life-years", fix: "Write dead: true for a death state."),
            KeyDeclaration("tunnel_cycles", .integer(unit: "cycles", minimum: 2, maximum: 1000), .optional(absent: "no time in state"),
                           meaning: "a tunnel: the state counts cycles spent in it, as states NAME_1 … NAME_k (the k-th holds k cycles or more), so moves out of it can depend on time in state",
                           fix: "Give the cycles a tunnel counts, e.g. tunnel_cycles: 3."),
            KeyDeclaration("entry_cost", .number(unit: "currency", rule: .nonNegative), .defaulted(.number(0)),
                           meaning: "one-off cost on entering the state from another (at the end of the cycle)", fix: "Give a one-off cost ≥ 0, e.g. entry_cost: 5000."),
            KeyDeclaration("entry_qalys", .number(unit: "QALYs", rule: .within(-10, 10)), .defaulted(.number(0)),
                           meaning: "one-off QALY change on entering the state (negative for a loss)", fix: "Give a one-off QALY change, e.g. entry_qalys: -0.05."),
        ])

    static let stateTransitionCycle = BlockDeclaration(
        "cycle", meaning: "cycle length and count", example: "{length_years: 1, count: 75}",
        keys: [
            KeyDeclaration("length_years", .number(unit: "years", rule: .aboveZeroAtMost(100)), .required,
                           meaning: "years per cycle (1/12 a month, 7/365.25 a week, 1/365.25 a day)", fix: "Give the cycle length in years, e.g. length_years: 1."),
            KeyDeclaration("count", .integer(unit: "cycles", minimum: 1, maximum: StateTransitionModel.maximumCycles), .required,
                           meaning: "cycles simulated (the trace has time points 0 … count)", fix: "Give the number of cycles, e.g. count: 75."),
        ])

    static let stateTransitionMove = BlockDeclaration(
        "transition", meaning: "one move per cycle: a probability, an annual rate or an observed count",
        example: "{from: healthy, to: sick, rate_per_year: 0.15}",
        exactlyOneOf: [["probability", "rate_per_year", "count", "life_table", "probabilities_by_time_in_state", "rates_per_year_by_time_in_state"]],
        keys: [
            KeyDeclaration("from", .text, .required, meaning: "the state left", fix: "Name the state left, e.g. from: healthy."),
            KeyDeclaration("to", .text, .required, meaning: "the state entered (for counts, `from` itself gives the stay's count)", fix: "Name the state entered, e.g. to: sick."),
            KeyDeclaration("probability", .number(unit: "per cycle", rule: .unitInterval), .optional(absent: "another form"),
                           meaning: "probability per cycle", fix: "Give a probability in [0, 1], e.g. probability: 0.15."),
            KeyDeclaration("rate_per_year", .number(unit: "per year", rule: .nonNegative), .optional(absent: "another form"),
                           meaning: "constant rate: p = 1 − exp(−rate × cycle length)", fix: "Give a rate per year ≥ 0, e.g. rate_per_year: 0.15."),
            KeyDeclaration("count", .number(unit: "moves", rule: .nonNegative), .optional(absent: "another form"),
                           meaning: "observed moves; the row's counts (its stay included) are the denominator", fix: "Give a count ≥ 0, e.g. count: 350."),
            KeyDeclaration("probabilities_by_time_in_state", .numbers(unit: "per cycle", rule: .unitInterval), .optional(absent: "another form"),
                           meaning: "out of a tunnel state: the probability in its 1st, 2nd, … cycle there (the last repeats; at most tunnel_cycles values)",
                           fix: "Give one probability per cycle in the state, e.g. [0.1, 0.2, 0.3]."),
            KeyDeclaration("rates_per_year_by_time_in_state", .numbers(unit: "per year", rule: .nonNegative), .optional(absent: "another form"),
                           meaning: "out of a tunnel state: the rate per year in its 1st, 2nd, … cycle there (the last repeats)",
                           fix: "Give one rate per cycle in the state, e.g. [0.5, 0.3]."),
            KeyDeclaration("life_table", .boolean, .optional(absent: "another form"),
                           meaning: "`true`: the death probability of the file's `life_table` at the cohort's age in the cycle",
                           fix: "Write life_table: true, with a top-level life_table and start_age_years."),
            KeyDeclaration("hazard_ratio", .number(unit: "", rule: .nonNegative), .defaulted(.number(1)),
                           meaning: "multiplies the rate: p′ = 1 − (1 − p)^hr", fix: "Give a hazard ratio ≥ 0, e.g. hazard_ratio: 3."),
        ])

    static let stateTransitionDiscounting = BlockDeclaration(
        "discounting", meaning: "annual discount rates", example: "{costs: 0.035, effects: 0.035}",
        keys: [
            KeyDeclaration("costs", .number(unit: "per year", rule: .within(0, 1)), .defaulted(.number(0)),
                           meaning: "costs at time t years are divided by (1 + rate)^t", fix: "Give an annual rate in [0, 1], e.g. costs: 0.035."),
            KeyDeclaration("effects", .number(unit: "per year", rule: .within(0, 1)), .defaulted(.number(0)),
                           meaning: "QALYs and life-years likewise", fix: "Give an annual rate in [0, 1], e.g. effects: 0.035."),
        ])

    static let stateTransitionStrategy = BlockDeclaration(
        "strategy", meaning: "a strategy: its changes to the model's transitions, its costs and its utilities",
        example: "{costs: [{name: drug, per_year: 12000, states: [sick]}], utilities: {sick: 0.95}}",
        keys: [
            KeyDeclaration("transitions", .list(stateTransitionChange), .optional(absent: "the model's"), meaning: "relative risks, hazard ratios or the strategy's own probabilities of moves, in a window of cycles",
                           fix: "Give a list, e.g. transitions: [\(stateTransitionChange.example)]."),
            KeyDeclaration("costs", .list(stateTransitionCost), .optional(absent: "none"), meaning: "costs the strategy adds in some states",
                           fix: "Give a list, e.g. costs: [\(stateTransitionCost.example)]."),
            KeyDeclaration("utilities", .namedNumbers(unit: "", rule: .within(-1, 1)), .optional(absent: "the states'"),
                           meaning: "utilities that replace the states', by state name", fix: "Give utilities by state name, e.g. utilities: {sick: 0.95}."),
        ])

    static let stateTransitionChange = BlockDeclaration(
        "transition change", meaning: "a relative risk or hazard ratio on moves out of some states, or the strategy's own probability of a move",
        example: "{from: [sick], to: [sicker], hazard_ratio: 0.6}",
        exactlyOneOf: [["relative_risk", "hazard_ratio", "probability"]],
        keys: [
            KeyDeclaration("from", .texts(count: nil), .required, meaning: "the rows changed", fix: "Name the states left, e.g. from: [sick]."),
            KeyDeclaration("to", .texts(count: nil), .optional(absent: "every move out of those states"),
                           meaning: "the moves changed", fix: "Name the states entered, e.g. to: [sicker]."),
            KeyDeclaration("relative_risk", .number(unit: "", rule: .nonNegative), .optional(absent: "hazard_ratio or probability"),
                           meaning: "p′ = rr × p", fix: "Give a relative risk ≥ 0, e.g. relative_risk: 0.509."),
            KeyDeclaration("hazard_ratio", .number(unit: "", rule: .nonNegative), .optional(absent: "relative_risk or probability"),
                           meaning: "p′ = 1 − (1 − p)^hr", fix: "Give a hazard ratio ≥ 0, e.g. hazard_ratio: 0.6."),
            KeyDeclaration("probability", .number(unit: "per cycle", rule: .unitInterval), .optional(absent: "relative_risk or hazard_ratio"),
                           meaning: "p′ = q: the strategy's own probability per cycle of each move named in `to` (e.g. from its arm of a trial), in place of the model's (and of the move's own hazard ratio); later changes in the list apply to it",
                           fix: "Give a probability per cycle in [0, 1] with the moves in to, e.g. {from: [ill], to: [well], probability: 0.3}."),
            KeyDeclaration("first_cycle", .integer(unit: "cycle", minimum: 1, maximum: StateTransitionModel.maximumCycles), .defaulted(.integer(1)),
                           meaning: "first cycle it applies in (1 is the first)", fix: "Give the first cycle, e.g. first_cycle: 1."),
            KeyDeclaration("last_cycle", .integer(unit: "cycle", minimum: 1, maximum: StateTransitionModel.maximumCycles), .optional(absent: "the last cycle"),
                           meaning: "last cycle it applies in", fix: "Give the last cycle, e.g. last_cycle: 2."),
        ])

    static let stateTransitionCost = BlockDeclaration(
        "strategy cost", meaning: "a cost per year the strategy adds while in some states",
        example: "{name: drug, per_year: 12000, states: [sick, sicker]}",
        exactlyOneOf: [["per_year", "per_year_by_cycle"]],
        keys: [
            KeyDeclaration("name", .identifier, .required, meaning: "the cost's name in the breakdown", fix: "Name the cost, e.g. name: zidovudine."),
            KeyDeclaration("per_year", .number(unit: "currency/year", rule: .nonNegative), .optional(absent: "per_year_by_cycle"),
                           meaning: "cost of a year (a cycle costs this × its length)", fix: "Give a cost per year ≥ 0, e.g. per_year: 2278."),
            KeyDeclaration("per_year_by_cycle", .numbers(unit: "currency/year", rule: .nonNegative), .optional(absent: "per_year"),
                           meaning: "a cost per year that changes by cycle: one value for each cycle from first_cycle on (e.g. a treatment's cost as fewer stay on it), the last repeating to last_cycle",
                           fix: "Give one cost per year for each cycle from first_cycle, e.g. per_year_by_cycle: [1200, 900, 600]."),
            KeyDeclaration("states", .texts(count: nil), .required, meaning: "states in which it is charged", fix: "Name the states, e.g. states: [sick, sicker]."),
            KeyDeclaration("first_cycle", .integer(unit: "cycle", minimum: 1, maximum: StateTransitionModel.maximumCycles), .defaulted(.integer(1)),
                           meaning: "first cycle charged", fix: "Give the first cycle, e.g. first_cycle: 1."),
            KeyDeclaration("last_cycle", .integer(unit: "cycle", minimum: 1, maximum: StateTransitionModel.maximumCycles), .optional(absent: "the last cycle"),
                           meaning: "last cycle charged", fix: "Give the last cycle, e.g. last_cycle: 2."),
        ])

    static let stateTransitionMicrosimulation = BlockDeclaration(
        "microsimulation", meaning: "the Monte Carlo run of the model", example: "{subjects: 100000, seed: 1}",
        keys: [
            KeyDeclaration("subjects", .integer(unit: "count", minimum: 1, maximum: 999_999_999), .defaulted(.integer(10000)),
                           meaning: "subjects (each in every strategy); `--subjects` overrides", fix: "Give the number of subjects, e.g. subjects: 100000."),
            KeyDeclaration("seed", .integer(unit: "", minimum: 0, maximum: 999_999_999), .defaulted(.integer(1)),
                           meaning: "seed of the subjects' streams; `--seed` overrides", fix: "Give a seed ≥ 0, e.g. seed: 1."),
        ])

    static let stateTransitionPSA = BlockDeclaration(
        "psa", meaning: "probabilistic sensitivity analysis: parameter draws, each evaluated as a cohort (the exact expectation given the draw) or as a microsimulation",
        example: "{draws: 1000, count_rows: [A, B], parameters: [{key: states.A.cost_per_year, distribution: gamma, mean: 2756, se: 2756}]}",
        keys: [
            KeyDeclaration("draws", .integer(unit: "count", minimum: 1, maximum: 1_000_000), .defaulted(.integer(1000)),
                           meaning: "parameter draws (`--draws` overrides)", fix: "Give the number of draws, e.g. draws: 1000."),
            KeyDeclaration("evaluation", .choice(StateTransitionPSADefinition.Evaluation.names), .defaulted(.text("cohort")),
                           meaning: "how each draw is evaluated: `cohort` (the exact expectation given the draw) or `microsimulation` (subjects_per_draw subjects, each draw in its own copy of the subjects' streams)",
                           fix: "Use cohort or microsimulation."),
            KeyDeclaration("subjects_per_draw", .integer(unit: "count", minimum: 1, maximum: 999_999_999), .optional(absent: "microsimulation.subjects"),
                           meaning: "with `evaluation: microsimulation`: subjects simulated per draw (`--subjects` overrides)",
                           fix: "Give the subjects per draw, e.g. subjects_per_draw: 1000, with evaluation: microsimulation."),
            KeyDeclaration("seed", .integer(unit: "", minimum: 0, maximum: 999_999_999), .defaulted(.integer(1)),
                           meaning: "seed of the draws (`--seed` overrides)", fix: "Give a seed ≥ 0, e.g. seed: 1."),
            KeyDeclaration("willingness_to_pay", .numbers(unit: "currency/effect", rule: .nonNegative),
                           .defaulted(.numbers(PSADefinition.defaultWillingnessToPay)),
                           meaning: "λ values for the acceptability curve and the EVPI", fix: "Give λ values in currency per unit of effect, e.g. [0, 20000, 30000]."),
            KeyDeclaration("count_rows", .texts(count: nil), .optional(absent: "none"),
                           meaning: "states whose row of transition counts is drawn from a Dirichlet with the counts as concentrations",
                           fix: "Name states whose moves are given as counts, e.g. count_rows: [A, B, C]."),
            KeyDeclaration("parameters", .list(stateTransitionPSAParameter), .optional(absent: "none"),
                           meaning: "uncertain numbers of this file, by key path (e.g. `states.A.cost_per_year`, `transitions[2].rate_per_year`, `strategies.B.transitions[0].hazard_ratio`)",
                           fix: "List the uncertain values, e.g. [{key: states.A.cost_per_year, distribution: gamma, mean: 2756, se: 2756}]."),
            KeyDeclaration("correlations", .list(psaCorrelation), .optional(absent: "independent"),
                           meaning: "normal-copula correlations between parameters", fix: "Give [{between: [key1, key2], rho: 0.3}]."),
        ])

    static let stateTransitionPSAParameter = BlockDeclaration(
        "psa parameter", meaning: "one uncertain number of the file (or several that share it): its key path and its distribution",
        example: "{key: transitions[0].rate_per_year, also_keys: [transitions[2].rate_per_year], distribution: gamma, mean: 0.002, se: 0.0002}",
        keys: [
            KeyDeclaration("key", .text, .required,
                           meaning: "key path of a number in this file; the parameter's name in psa.csv and evppi.csv",
                           fix: "Give the key path of a number in this file, e.g. states.A.cost_per_year."),
            KeyDeclaration("also_keys", .texts(count: nil), .optional(absent: "none"),
                           meaning: "key paths of other numbers of this file that take the same drawn value (one death rate written in several rows, one drug cost in several strategies)",
                           fix: "List key paths of numbers in this file, e.g. also_keys: [transitions[2].rate_per_year]."),
            KeyDeclaration("distribution", .choice(distributionNames.filter { $0 != "dirichlet" }), .required, meaning: "the distribution's name",
                           fix: "Use beta (probabilities, utilities), gamma or lognormal (costs, rates), normal, uniform, triangular, fixed or empirical; draw rows of counts through count_rows."),
        ] + distributionParameters)

    static let stateTransitionSweep = BlockDeclaration(
        "sweep", meaning: "the values `baclosim sweep` evaluates the model at, each point as a cohort",
        example: "{kind: one_way, parameters: [{key: states.S1.cost_per_year, relative: 0.2}]}",
        keys: [
            KeyDeclaration("kind", .choice(SweepDefinition.Kind.allCases.map(\.rawValue)), .defaulted(.text(SweepDefinition.Kind.grid.rawValue)),
                           meaning: "`grid`: every combination of the values; `one_way`: each parameter alone, the others at the file's values (a tornado)",
                           fix: "Use kind: grid or one_way."),
            KeyDeclaration("parameters", .list(stateTransitionSweepParameter), .required,
                           meaning: "the varied numbers, at least one, each key once; at most 100,000 points",
                           fix: "List the varied values, e.g. [{key: states.S1.cost_per_year, values: [3000, 5000]}]."),
        ])

    static let stateTransitionSweepParameter = BlockDeclaration(
        "sweep parameter", meaning: "one varied number of the file (or several that take the same value): its key path and its values",
        example: "{key: transitions[0].rate_per_year, also_keys: [transitions[2].rate_per_year], low: 0.0015, high: 0.0025}",
        exactlyOneOf: [["values", "low", "relative"]],
        keys: [
            KeyDeclaration("key", .text, .required,
                           meaning: "key path of a number in this file; the parameter's name in sweep.csv and the tornado",
                           fix: "Give the key path of a number in this file, e.g. states.S1.cost_per_year."),
            KeyDeclaration("also_keys", .texts(count: nil), .optional(absent: "none"),
                           meaning: "key paths of other numbers of this file that take the same values",
                           fix: "List key paths of numbers in this file, e.g. also_keys: [transitions[2].rate_per_year]."),
            KeyDeclaration("values", .numbers(unit: "the key's unit", rule: .any), .optional(absent: "`low`/`high` or `relative`"),
                           meaning: "the values, at least one", fix: "Give the values as a list of numbers, e.g. [3000, 5000]."),
            KeyDeclaration("low", .number(unit: "the key's unit", rule: .any), .optional(absent: "`values` or `relative`"),
                           meaning: "with `high`: the two values low and high", fix: "Give the low value (with high)."),
            KeyDeclaration("high", .number(unit: "the key's unit", rule: .any), .optional(absent: "only with `low`"),
                           meaning: "the high value, with `low`", fix: "Give the high value (with low)."),
            KeyDeclaration("relative", .number(unit: "fraction", rule: .positive), .optional(absent: "`values` or `low`/`high`"),
                           meaning: "the two values base × (1 − r) and base × (1 + r), base the file's value",
                           fix: "Give the relative change, e.g. relative: 0.2 for ±20 %."),
        ])

    static let stateTransitionEvent = BlockDeclaration(
        "event", meaning: "an event counted per person: at a rate per year in some states, or on entering some states from outside them",
        example: "{rates_per_year: {high: 0.05, very_high: 0.12}}", exactlyOneOf: [["rates_per_year", "on_entering"]],
        keys: [
            KeyDeclaration("rates_per_year", .namedNumbers(unit: "per year", rule: .nonNegative), .optional(absent: "on_entering"),
                           meaning: "events per year spent in each state named (undiscounted, counted with the file's reward timing)",
                           fix: "Give rates by state name, e.g. rates_per_year: {high: 0.05}."),
            KeyDeclaration("on_entering", .texts(count: nil), .optional(absent: "rates_per_year"),
                           meaning: "one event each time someone enters one of these states from outside them (e.g. [dead] for deaths)",
                           fix: "Name the states, e.g. on_entering: [dead]."),
        ])
}
