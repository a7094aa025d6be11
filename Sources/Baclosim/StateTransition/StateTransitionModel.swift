import Foundation

/// A cycle-based state-transition model (a Markov model as health economists build them): named
/// states with a cost per year and a utility, transition probabilities per cycle of any length,
/// and strategies that modify transitions and add costs or utilities. The same model runs as a
/// cohort expectation (``CohortTrace``: the state trace by matrix products, exact) and as a
/// microsimulation (``StateTransitionMicrosimulation``: one subject at a time, Monte Carlo), so
/// one can be checked against the other.
///
/// Read from a state-transition file (a YAML document with a top-level `states:` key; keys in
/// `Scenarios/textbook/README.md`); decoded by ``StateTransitionModel/load(path:)``.
public struct StateTransitionModel: Sendable {
    /// A named part of a state's cost per year (e.g. direct medical, community care).
    public struct CostComponent: Sendable, Equatable {
        public let name: String
        public internal(set) var perYear: Double
    }

    /// One state of the model.
    public struct State: Sendable, Equatable {
        public let name: String
        /// The parts of its cost per year, each an item of the cost breakdown (one part named
        /// `states` when the file gives a single `cost_per_year`).
        public internal(set) var costComponents: [CostComponent]
        /// Cost of a year in the state (currency units per year); a cycle costs this × its length.
        public var costPerYear: Double { costComponents.reduce(0) { $0 + $1.perYear } }
        /// Utility of a year in the state (a year in full health is 1).
        public internal(set) var utility: Double
        /// A death state: counted out of life-years, and the target of background death when
        /// non-death transitions are conditional on survival.
        public let isDead: Bool
        /// A one-off cost on entering the state from another (currency units).
        public internal(set) var entryCost: Double
        /// A one-off QALY change on entering the state from another (QALYs; negative for a loss).
        public internal(set) var entryQALYs: Double
        /// For a tunnel state's cycle: the file's state name and the cycle in it (1-based); nil
        /// for a state without `tunnel_cycles`. A tunnel state X of k cycles is the states
        /// X_1 … X_k: entering X enters X_1, staying moves on to the next, X_k keeps its own.
        public var tunnel: (state: String, cycle: Int)? = nil

        public static func == (a: Self, b: Self) -> Bool {
            a.name == b.name && a.costComponents == b.costComponents && a.utility == b.utility && a.isDead == b.isDead
                && a.entryCost == b.entryCost && a.entryQALYs == b.entryQALYs && a.tunnel?.state == b.tunnel?.state && a.tunnel?.cycle == b.tunnel?.cycle
        }
    }

    /// How one transition's probability per cycle is given.
    public enum TransitionValue: Sendable, Equatable {
        /// A probability per cycle.
        case probability(Double)
        /// A constant rate per year: p = 1 − exp(−rate × cycle length in years).
        case ratePerYear(Double)
        /// An observed count of moves (the row's counts, the stay included, are the denominator).
        case count(Double)
        /// The model's life table at the cohort's age over the cycle: p = 1 − exp(−∫μ(age)),
        /// exact for the table's piecewise-constant hazard.
        case lifeTable
    }

    /// A transition from one state to another, with its modifiers in the base model (e.g. a
    /// hazard ratio of death in a sick state).
    public struct Transition: Sendable, Equatable {
        public let from: Int
        public let to: Int
        public internal(set) var value: TransitionValue
        /// Hazard ratio on the transition: p′ = 1 − (1 − p)^hr (for a rate, 1 − exp(−hr·r·Δt)).
        public internal(set) var hazardRatio: Double
        /// While decoding, out of a tunnel state: the value in its 1st, 2nd, … cycle in the state
        /// (the last repeats); empty after the tunnel is expanded into sub-states.
        var byTimeInState: [TransitionValue] = []
        /// Its index in the file's `transitions` list (the moves of a tunnel's cycles share one).
        var fileIndex = 0
    }

    /// How the probabilities of one row combine.
    public enum Competition: String, Sendable, CaseIterable {
        /// The given probabilities are those of the cycle; the stay is the complement (they must
        /// sum to at most 1).
        case unconditional
        /// Moves into death states first; every other move is conditional on surviving the cycle:
        /// p(i→j) = (1 − p_death)·p_j, stay = (1 − p_death)(1 − Σ p_j) (the DARTH tutorials' form).
        case conditionalOnSurvival = "conditional_on_survival"
    }

    /// A change to transitions in a strategy (a multiplier, or the strategy's own probability),
    /// in cycles `firstCycle…lastCycle` (1-based).
    public struct TransitionModifier: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// p′ = rr · p.
            case relativeRisk(Double)
            /// p′ = 1 − (1 − p)^hr.
            case hazardRatio(Double)
            /// p′ = q: the strategy's own probability per cycle of the move (e.g. from its arm of
            /// a trial), in place of the model's.
            case probability(Double)
        }
        public internal(set) var kind: Kind
        /// Rows modified (state indices).
        public let from: [Int]
        /// Destinations modified; `nil`: every move the row gives out of its state.
        public let to: [Int]?
        public let firstCycle: Int
        public let lastCycle: Int

        /// Whether the modifier applies to the move `from → to` in `cycle`.
        func applies(from row: Int, to column: Int, cycle: Int) -> Bool {
            guard cycle >= firstCycle, cycle <= lastCycle, row != column, from.contains(row) else { return false }
            return to?.contains(column) ?? true
        }

        /// `p` modified.
        func apply(_ p: Double) -> Double {
            switch kind {
            case .relativeRisk(let rr): rr * p
            case .hazardRatio(let hr): -expm1(hr * log1p(-p))
            case .probability(let q): q
            }
        }
    }

    /// A cost a strategy adds while a subject is in some states (a drug charged in sick states),
    /// in cycles `firstCycle…lastCycle`.
    public struct StrategyCost: Sendable, Equatable {
        public let name: String
        /// Cost per year (currency/year); with ``perYearByCycle`` its first value.
        public internal(set) var perYear: Double
        /// Per cycle from ``firstCycle`` on, the cost per year (the last repeats to
        /// ``lastCycle``); empty for a constant ``perYear``.
        public internal(set) var perYearByCycle: [Double] = []
        public let states: [Int]
        public let firstCycle: Int
        public let lastCycle: Int
    }

    /// One strategy (an arm): its changes to the base model.
    public struct Strategy: Sendable, Equatable {
        public let name: String
        public internal(set) var modifiers: [TransitionModifier]
        public internal(set) var costs: [StrategyCost]
        /// Utilities that replace the state's (by state index).
        public internal(set) var utilities: [Int: Double]
    }

    /// An event counted per person over the horizon (undiscounted): at a rate per year in some
    /// states (e.g. alcohol-related admissions by drinking-risk level), or on entering states
    /// from outside them (e.g. deaths).
    public struct Event: Sendable, Equatable {
        public let name: String
        /// Per state: events per year spent there (0 where not given).
        public internal(set) var ratePerYear: [Double]
        /// Per state: whether entering it from a state outside the set counts one event.
        public let onEntering: [Bool]
    }

    /// The effect measure of ICERs and the frontier.
    public enum EffectMeasure: String, Sendable, CaseIterable {
        case qalys
        case lifeYears = "life_years"
    }

    public let name: String
    public let description: String
    public let source: String
    public internal(set) var states: [State]
    /// Cycle length in years (1/365.25 for a day, 1/52 … for a week, 1/12 for a month, 1 for a year).
    public let cycleLengthYears: Double
    /// Cycles simulated: the trace has time points 0 … cycleCount.
    public let cycleCount: Int
    /// The cohort's age at time 0 (years), for life-table moves.
    public let startAgeYears: Double
    /// Background mortality by age, for moves given as `life_table: true`.
    public let lifeTable: LifeTable?
    /// The share of the cohort in each state at time 0 (sums to 1).
    public let initial: [Double]
    public internal(set) var transitions: [Transition]
    /// Per state: where a row's stay goes: the state itself, or for a cycle of a tunnel state
    /// (``State/tunnel``) the next one (the last keeps its own).
    public let stayTarget: [Int]
    public let competition: Competition
    /// Annual discount rates.
    public internal(set) var costDiscountRate: Double
    public internal(set) var effectDiscountRate: Double
    public let timing: RewardTiming
    public let effectMeasure: EffectMeasure
    public internal(set) var strategies: [Strategy]
    public internal(set) var events: [Event]
    public let currency: String
    public let priceYear: Int?
    /// Microsimulation defaults (`baclosim run`).
    public let subjects: Int
    public let seed: UInt64
    /// The probabilistic sensitivity analysis of `baclosim psa`, when the file has a `psa:` block.
    public let psa: StateTransitionPSADefinition?
    /// The deterministic sensitivity analysis of `baclosim sweep`, when the file has a `sweep:` block.
    public var sweep: StateTransitionSweepDefinition? = nil
}
