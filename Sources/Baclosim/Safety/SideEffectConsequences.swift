/// What a side effect does to treatment, utility and cost.
///
/// The safety kernel only reports these; the regimen applies dose changes and discontinuation,
/// the economics layer applies disutility and cost.
public struct SideEffectConsequences: Sendable, Hashable {
    /// Probability that an episode is intolerable (drawn once at onset from the caller's
    /// `uIntolerable`), in [0, 1].
    public var intolerableProbability: Double
    /// What an intolerable episode triggers.
    public var intolerableAction: SideEffectAction
    /// Utility lost on each day with the effect (QALY weight, 0…1 per day).
    public var disutilityPerEpisodeDay: Double
    /// Cost of managing one episode (currency units per episode).
    public var costPerEpisode: Double

    /// Creates the consequences; all default to none.
    public init(intolerableProbability: Double = 0, intolerableAction: SideEffectAction = .none,
                disutilityPerEpisodeDay: Double = 0, costPerEpisode: Double = 0) {
        self.intolerableProbability = intolerableProbability
        self.intolerableAction = intolerableAction
        self.disutilityPerEpisodeDay = disutilityPerEpisodeDay
        self.costPerEpisode = costPerEpisode
    }

    /// No consequences (RM-1 somnolence is an outcome only).
    public static let none = SideEffectConsequences()
}

/// A treatment change requested by an intolerable side-effect episode.
public enum SideEffectAction: Sendable, Hashable {
    /// Nothing changes. Scenario value `none`.
    case none
    /// Lower the prescribed daily dose by this many mg/day (> 0), or, when nil, by the arm's
    /// regimen `side_effect_reduction_mg`. Scenario `reduce_dose`.
    case reduceDose(byMgPerDay: Double?)
    /// Stop the drug: `discontinue` stops at once (abrupt, whatever the regimen declares), `taper`
    /// stops via the arm's declared taper.
    case discontinue(Discontinuation)

    /// How a side effect stops the drug.
    public enum Discontinuation: String, Sendable, Hashable {
        /// Stop at once (the default: an intolerable effect usually ends the drug at once).
        case abrupt
        /// Stop by the arm's declared taper (``Regimen/declaredTaperKind``: its regimen's
        /// `discontinuation`, else its scheduled `taper`'s shape); docs/sources.md#pms-baclofen: the label
        /// advises tapering over 1–2 weeks. Scenario value `taper` (or `protocol_taper`); an arm
        /// whose regimen declares no taper is a validation error.
        case protocolTaper = "protocol_taper"
    }
}

extension SideEffectAction.Discontinuation {
    /// The regimen's early-stop shape for this kind of discontinuation.
    var earlyStopShape: EarlyStopShape {
        switch self {
        case .abrupt: .abrupt
        case .protocolTaper: .declaredTaper
        }
    }
}

/// An arm's changes to a side effect's consequences (`arms[i].side_effect_consequences.<effect>`,
/// issue #5): each key given replaces the scenario's, each key left out keeps it, so an arm
/// can change only the action (protocol step-down in one arm, abrupt stop in another).
public struct SideEffectConsequenceOverride: Sendable, Hashable {
    public var intolerableProbability: Double?
    public var intolerableAction: SideEffectAction?
    public var disutilityPerEpisodeDay: Double?
    public var costPerEpisode: Double?

    /// Creates an override; `nil` keeps the scenario's value.
    public init(intolerableProbability: Double? = nil, intolerableAction: SideEffectAction? = nil,
                disutilityPerEpisodeDay: Double? = nil, costPerEpisode: Double? = nil) {
        self.intolerableProbability = intolerableProbability
        self.intolerableAction = intolerableAction
        self.disutilityPerEpisodeDay = disutilityPerEpisodeDay
        self.costPerEpisode = costPerEpisode
    }

    /// `base` with the given keys replaced.
    public func applied(to base: SideEffectConsequences) -> SideEffectConsequences {
        SideEffectConsequences(intolerableProbability: intolerableProbability ?? base.intolerableProbability,
                               intolerableAction: intolerableAction ?? base.intolerableAction,
                               disutilityPerEpisodeDay: disutilityPerEpisodeDay ?? base.disutilityPerEpisodeDay,
                               costPerEpisode: costPerEpisode ?? base.costPerEpisode)
    }
}
