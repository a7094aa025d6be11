/// Where an arm stands in a fully incremental cost-effectiveness analysis.
public enum FrontierStatus: String, Sendable, Hashable, CaseIterable {
    /// The least costly efficient arm: the frontier starts here and has no ICER.
    case reference
    /// On the efficient frontier, with an ICER against the previous frontier arm.
    case frontier
    /// Strongly dominated: another arm costs no more and is at least as effective (and is
    /// better in one of the two).
    case dominated
    /// Extendedly dominated: its ICER is higher than that of the next more effective efficient
    /// arm, so a mix of its neighbours would do better.
    case extendedlyDominated = "extendedly_dominated"
    /// Exactly the same cost and effect as an earlier arm (in arm order), which stands in for it.
    case identical
}

/// The efficient frontier of a set of arms on the cost-effectiveness plane, with strong and
/// extended dominance, computed deterministically.
///
/// Algorithm (Drummond et al., *Methods for the Economic Evaluation of Health Care Programmes*,
/// 4th ed., ch. 4; the same as dampack's `calculate_icers`):
/// 1. **Identical arms.** An arm with exactly the same cost and effect as an earlier arm (in
///    arm order) is `identical` and left out; the first one stands for both. Exact equality is
///    the right test here: with common random numbers two arms that do the same thing give
///    bit-identical means.
/// 2. **Strong dominance.** Sort by cost ascending, then effect descending, then arm order. An
///    arm is `dominated` if an arm before it in that order (so costing no more) is at least as
///    effective. This covers "more costly and less or equally effective" and "equally costly and
///    less effective".
/// 3. **Extended dominance.** Among the rest (cost and effect now strictly increasing), compute
///    ICERs between neighbours; while some arm's ICER is *strictly* greater than the next arm's,
///    remove the first such arm (`extendedlyDominated`) and recompute. Equal ICERs (three arms
///    on one line) keep the middle arm on the frontier.
/// 4. The first remaining arm is the `reference`; each later one is `frontier` with its ICER
///    against the previous one. ICERs along the frontier strictly increase.
public struct EfficientFrontier: Sendable, Equatable {
    /// Status of each arm, in arm order.
    public let status: [FrontierStatus]
    /// Frontier arms (indices), least costly first.
    public let frontierArms: [Int]
    /// For a `frontier` arm, the previous frontier arm it is compared with; nil otherwise.
    public let comparator: [Int?]
    /// For a `frontier` arm, ICER = Δcost/Δeffect against `comparator` (currency per unit of
    /// effect); nil otherwise.
    public let icer: [Double?]
    /// For a `dominated` arm, the first arm (in sorted order) that dominates it; for an
    /// `identical` arm, the earlier arm it equals; nil otherwise.
    public let dominatedBy: [Int?]

    /// Computes the frontier.
    /// - Parameters:
    ///   - costs: mean cost per arm (finite).
    ///   - effects: mean effect per arm (QALYs, finite), same length.
    /// - Complexity: O(n²) for n arms (n is small).
    public init(costs: [Double], effects: [Double]) {
        precondition(costs.count == effects.count, "EfficientFrontier: one cost and one effect per arm")
        let n = costs.count
        var status = [FrontierStatus](repeating: .frontier, count: n)
        var dominatedBy = [Int?](repeating: nil, count: n)

        var candidates: [Int] = []
        for arm in 0..<n {
            if let twin = candidates.first(where: { costs[$0] == costs[arm] && effects[$0] == effects[arm] }) {
                status[arm] = .identical
                dominatedBy[arm] = twin
            } else {
                candidates.append(arm)
            }
        }
        candidates.sort { a, b in
            if costs[a] != costs[b] { return costs[a] < costs[b] }
            if effects[a] != effects[b] { return effects[a] > effects[b] }
            return a < b
        }

        var efficient: [Int] = []
        var mostEffective: Int?
        for arm in candidates {
            if let best = mostEffective, effects[best] >= effects[arm] {
                status[arm] = .dominated
                dominatedBy[arm] = best
            } else {
                efficient.append(arm)
                mostEffective = arm
            }
        }

        func ratio(_ from: Int, _ to: Int) -> Double {
            (costs[to] - costs[from]) / (effects[to] - effects[from])
        }
        var removed = true
        while removed, efficient.count > 2 {
            removed = false
            for position in 1..<(efficient.count - 1) {
                let arm = efficient[position]
                if ratio(efficient[position - 1], arm) > ratio(arm, efficient[position + 1]) {
                    status[arm] = .extendedlyDominated
                    efficient.remove(at: position)
                    removed = true
                    break
                }
            }
        }

        var comparator = [Int?](repeating: nil, count: n)
        var icer = [Double?](repeating: nil, count: n)
        for (position, arm) in efficient.enumerated() {
            if position == 0 {
                status[arm] = .reference
            } else {
                comparator[arm] = efficient[position - 1]
                icer[arm] = ratio(efficient[position - 1], arm)
            }
        }
        self.status = status
        self.frontierArms = efficient
        self.comparator = comparator
        self.icer = icer
        self.dominatedBy = dominatedBy
    }
}
