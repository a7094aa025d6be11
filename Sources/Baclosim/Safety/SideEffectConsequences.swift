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
    /// Lower the prescribed daily dose by this many mg/day (> 0). Scenario `reduce_dose`.
    case reduceDose(byMgPerDay: Double)
    /// Stop the drug. Scenario `discontinue`.
    case discontinue(Discontinuation)

    /// How a side effect stops the drug.
    public enum Discontinuation: String, Sendable, Hashable {
        /// Stop at once (the default: an intolerable effect usually ends the drug at once).
        case abrupt
        /// Stop by the arm's protocol taper (when the protocol says so; DOMAIN.md §5.1: label
        /// advises tapering over 1–2 weeks). Scenario value `protocol_taper`.
        case protocolTaper = "protocol_taper"
    }
}
