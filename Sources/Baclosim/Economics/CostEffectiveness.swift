/// One arm's mean outcomes for the cost-effectiveness analysis (discounted, per subject).
public struct ArmOutcome: Sendable, Equatable {
    /// Arm name as in the scenario.
    public var name: String
    /// Mean cost per subject, in the model's currency.
    public var cost: Double
    /// Mean QALYs per subject.
    public var qalys: Double
    /// Mean life-years per subject.
    public var lifeYears: Double
    /// Mean cost per subject of each ``CostCategory`` the run reports (the societal ones only in
    /// a societal perspective), or empty when not known; the categories add up to ``cost``.
    public var costByCategory: [CostCategory: Double]

    /// Creates an arm's outcome.
    public init(name: String, cost: Double, qalys: Double, lifeYears: Double, costByCategory: [CostCategory: Double] = [:]) {
        self.name = name
        self.cost = cost
        self.qalys = qalys
        self.lifeYears = lifeYears
        self.costByCategory = costByCategory
    }
}

/// One row of `ce.csv`: an arm's means, its place on the efficient frontier, and its
/// differences from the analysis's reference arm.
public struct CostEffectivenessRow: Sendable, Equatable {
    /// Arm name.
    public var arm: String
    /// Mean cost.
    public var cost: Double
    /// Mean QALYs.
    public var qalys: Double
    /// Mean life-years.
    public var lifeYears: Double
    /// Frontier arms after the first: cost minus the comparator's; nil otherwise.
    public var incrementalCost: Double?
    /// Frontier arms after the first: QALYs minus the comparator's; nil otherwise.
    public var incrementalQALYs: Double?
    /// Frontier arms after the first: incremental cost per QALY gained against the comparator.
    public var icer: Double?
    /// Status on the frontier.
    public var status: FrontierStatus
    /// The previous frontier arm (frontier arms), the dominating arm (dominated) or the equal
    /// earlier arm (identical); nil otherwise.
    public var comparator: String?
    /// Cost minus the reference arm's.
    public var costVersusReference: Double
    /// QALYs minus the reference arm's.
    public var qalysVersusReference: Double
    /// Life-years minus the reference arm's.
    public var lifeYearsVersusReference: Double
}

/// A fully incremental cost-effectiveness analysis of arms' mean costs and QALYs: efficient
/// frontier, ICERs, differences from a chosen reference arm, and net monetary benefit.
///
/// Net monetary benefit at a willingness to pay λ (currency per QALY) is NMB = λ·QALYs − cost.
/// The arm with the highest NMB is optimal at λ; it is always a frontier arm, the one whose ICER
/// is the largest ICER ≤ λ. Ties in NMB (e.g. exactly at an ICER) go to the first arm in arm
/// order.
public struct CostEffectivenessAnalysis: Sendable, Equatable {
    /// The arms, in scenario order.
    public let arms: [ArmOutcome]
    /// Index of the arm that `…VersusReference` differences are taken against (usually usual
    /// care or placebo).
    public let referenceArm: Int
    /// The efficient frontier over all arms.
    public let frontier: EfficientFrontier
    /// Paired cost and QALY differences between arms, from a run's subjects (empty when only
    /// means are known, as in a PSA draw): what ``decisionEvidence(arm:)`` judges the frontier
    /// decisions by.
    public var pairedDifferences: [PairedEconomicDifference] = []

    /// Analyses `arms`.
    /// - Throws: `ParameterProblems` if there are no arms, a value is not finite, two arms share a
    ///   name, or `referenceArm` is out of range.
    public init(arms: [ArmOutcome], referenceArm: Int = 0) throws(ParameterProblems) {
        var issues: [ParameterProblem] = []
        if arms.isEmpty {
            issues.append(ParameterProblem(keyPath: "arms", problem: "no arms to compare",
                                        fix: "Run at least one arm with economics enabled."))
        }
        for (index, arm) in arms.enumerated() where !(arm.cost.isFinite && arm.qalys.isFinite && arm.lifeYears.isFinite) {
            issues.append(ParameterProblem(keyPath: "arms[\(index)]",
                                        problem: "arm \(arm.name) has a non-finite cost, QALY or life-year mean",
                                        fix: "Check the arm's cost and utility inputs; every subject must contribute finite values."))
        }
        var seen = Set<String>()
        for (index, arm) in arms.enumerated() where !seen.insert(arm.name).inserted {
            issues.append(ParameterProblem(keyPath: "arms[\(index)].name", problem: "duplicate arm name \(arm.name)",
                                        fix: "Give every arm a distinct name."))
        }
        if !arms.isEmpty, !arms.indices.contains(referenceArm) {
            issues.append(ParameterProblem(keyPath: "economics.reference_arm",
                                        problem: "arm index \(referenceArm) out of range 0..<\(arms.count)",
                                        fix: "Name one of the scenario's arms as the reference."))
        }
        guard issues.isEmpty else { throw ParameterProblems(issues) }
        self.arms = arms
        self.referenceArm = referenceArm
        self.frontier = EfficientFrontier(costs: arms.map(\.cost), effects: arms.map(\.qalys))
    }

    /// The rows of `ce.csv`, in arm order.
    public var rows: [CostEffectivenessRow] {
        let reference = arms[referenceArm]
        return arms.indices.map { index in
            let arm = arms[index]
            // Only frontier arms after the first have a frontier comparator.
            let previous = frontier.comparator[index].map { arms[$0] }
            let comparator = frontier.comparator[index] ?? frontier.dominatedBy[index]
            return CostEffectivenessRow(
                arm: arm.name, cost: arm.cost, qalys: arm.qalys, lifeYears: arm.lifeYears,
                incrementalCost: previous.map { arm.cost - $0.cost },
                incrementalQALYs: previous.map { arm.qalys - $0.qalys },
                icer: frontier.icer[index], status: frontier.status[index],
                comparator: comparator.map { arms[$0].name },
                costVersusReference: arm.cost - reference.cost,
                qalysVersusReference: arm.qalys - reference.qalys,
                lifeYearsVersusReference: arm.lifeYears - reference.lifeYears)
        }
    }

    /// NMB = λ·QALYs − cost of each arm, in arm order.
    /// - Parameter willingnessToPay: λ, currency per QALY (≥ 0).
    public func netMonetaryBenefit(willingnessToPay lambda: Double) -> [Double] {
        arms.map { lambda * $0.qalys - $0.cost }
    }

    /// The arm with the highest NMB at λ (ties: first in arm order).
    public func optimalArm(willingnessToPay lambda: Double) -> Int {
        var best = 0
        var bestValue = -Double.infinity
        for (index, arm) in arms.enumerated() {
            let value = lambda * arm.qalys - arm.cost
            if value > bestValue {
                best = index
                bestValue = value
            }
        }
        return best
    }

    /// NMB of every arm at every λ: rows ordered by λ (as given), then arm.
    public func netBenefitRows(willingnessToPay values: [Double]) -> [NetBenefitRow] {
        let reference = arms[referenceArm]
        var rows: [NetBenefitRow] = []
        rows.reserveCapacity(values.count * arms.count)
        for lambda in values {
            let optimal = optimalArm(willingnessToPay: lambda)
            let referenceNMB = lambda * reference.qalys - reference.cost
            for (index, arm) in arms.enumerated() {
                let nmb = lambda * arm.qalys - arm.cost
                rows.append(NetBenefitRow(willingnessToPay: lambda, arm: arm.name, netMonetaryBenefit: nmb,
                                          incrementalVersusReference: nmb - referenceNMB,
                                          isOptimal: index == optimal))
                // NHB = QALYs − cost/λ (undefined at λ = 0).
                rows[rows.count - 1].netHealthBenefit = lambda > 0 ? arm.qalys - arm.cost / lambda : nil
            }
        }
        return rows
    }
}

/// Net monetary benefit of one arm at one willingness to pay.
public struct NetBenefitRow: Sendable, Equatable {
    /// λ, currency per QALY.
    public var willingnessToPay: Double
    /// Arm name.
    public var arm: String
    /// λ·QALYs − cost.
    public var netMonetaryBenefit: Double
    /// NMB minus the reference arm's NMB (incremental NMB).
    public var incrementalVersusReference: Double
    /// This arm has the highest NMB at λ.
    public var isOptimal: Bool
    /// Net health benefit, QALYs − cost/λ (QALYs); nil at λ = 0. Ranks arms as NMB does.
    public var netHealthBenefit: Double?
}
