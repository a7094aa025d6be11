/// Whether an arm's place on the efficient frontier is settled by the simulation, judged on the
/// paired differences it rests on:
/// - a frontier arm after the first: its QALYs and cost against the previous frontier arm;
/// - a dominated arm: its cost and QALYs against the arm that dominates it;
/// - an extendedly dominated arm: its QALYs against the frontier arms on either side of it.
/// The decision lies within Monte Carlo error when any of these 95 % intervals includes 0;
/// ``subjectsToResolve`` is then the number of subjects at which the widest of them would
/// exclude 0, were the means to stay as estimated (a planning figure, not a promise).
public struct FrontierDecisionEvidence: Sendable, Equatable {
    /// Whether every difference the decision rests on has a 95 % interval that excludes 0.
    public var isResolved: Bool
    /// For an unresolved decision: subjects (per arm) that would settle it; `nil` when resolved,
    /// or when a difference is exactly 0.
    public var subjectsToResolve: Int?

    public init(isResolved: Bool, subjectsToResolve: Int?) {
        self.isResolved = isResolved
        self.subjectsToResolve = subjectsToResolve
    }

    /// The verdict on a decision that rests on `estimates`.
    init(_ estimates: [PairedEstimate]) {
        let open = estimates.filter { !$0.isResolved }
        isResolved = open.isEmpty
        let needed = open.map(\.subjectsToResolve)
        subjectsToResolve = open.isEmpty || needed.contains(nil) ? nil : needed.compactMap { $0 }.max()
    }
}

extension CostEffectivenessAnalysis {
    /// The paired difference `a − b` from ``pairedDifferences`` (either order), or `nil`.
    func pairedDifference(_ a: Int, minus b: Int) -> PairedEconomicDifference? {
        if let found = pairedDifferences.first(where: { $0.minuend == a && $0.subtrahend == b }) { return found }
        guard let reversed = pairedDifferences.first(where: { $0.minuend == b && $0.subtrahend == a }) else { return nil }
        func negated(_ e: PairedEstimate) -> PairedEstimate {
            PairedEstimate(mean: -e.mean, standardError: e.standardError, subjects: e.subjects)
        }
        return PairedEconomicDifference(minuend: a, subtrahend: b, cost: negated(reversed.cost), qalys: negated(reversed.qalys))
    }

    /// Whether arm `index`'s frontier decision is settled (see ``FrontierDecisionEvidence``);
    /// `nil` for the reference and identical arms, and when the paired differences it needs
    /// were not accumulated (e.g. a PSA draw's means).
    public func decisionEvidence(arm index: Int) -> FrontierDecisionEvidence? {
        switch frontier.status[index] {
        case .reference, .identical:
            return nil
        case .frontier:
            guard let previous = frontier.comparator[index], let d = pairedDifference(index, minus: previous) else { return nil }
            return FrontierDecisionEvidence([d.qalys, d.cost])
        case .dominated:
            guard let by = frontier.dominatedBy[index], let d = pairedDifference(index, minus: by) else { return nil }
            return FrontierDecisionEvidence([d.qalys, d.cost])
        case .extendedlyDominated:
            // The frontier arms just below and just above it in QALYs.
            let effect = arms[index].qalys
            let below = frontier.frontierArms.filter { arms[$0].qalys < effect }.max { arms[$0].qalys < arms[$1].qalys }
            let above = frontier.frontierArms.filter { arms[$0].qalys > effect }.min { arms[$0].qalys < arms[$1].qalys }
            var estimates: [PairedEstimate] = []
            for neighbour in [below, above].compactMap({ $0 }) {
                guard let d = pairedDifference(index, minus: neighbour) else { return nil }
                estimates.append(d.qalys)
            }
            return estimates.isEmpty ? nil : FrontierDecisionEvidence(estimates)
        }
    }
}
