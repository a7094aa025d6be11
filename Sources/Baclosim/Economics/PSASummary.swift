/// One arm's result in one PSA draw: the inner loop's mean cost and QALYs per subject under that
/// draw's parameters, with their Monte Carlo standard errors when known.
public struct PSADrawResult: Sendable, Equatable {
    /// Outer-loop draw index.
    public var draw: Int
    /// Arm index (scenario order).
    public var arm: Int
    /// Mean discounted cost per subject.
    public var cost: Double
    /// Mean discounted QALYs per subject.
    public var qalys: Double
    /// Standard error of `cost` from the inner loop (subjects), if known.
    public var costStandardError: Double?
    /// Standard error of `qalys` from the inner loop, if known.
    public var qalysStandardError: Double?

    /// Creates a result.
    public init(draw: Int, arm: Int, cost: Double, qalys: Double,
                costStandardError: Double? = nil, qalysStandardError: Double? = nil) {
        self.draw = draw
        self.arm = arm
        self.cost = cost
        self.qalys = qalys
        self.costStandardError = costStandardError
        self.qalysStandardError = qalysStandardError
    }
}

/// Summaries of a PSA's per-draw results: acceptability curves, expected value of perfect
/// information, CE-plane points and how much of the spread is inner-loop noise.
///
/// For draw d and arm a at willingness to pay λ, NMB(d, a) = λ·QALYs(d, a) − cost(d, a).
/// - CEAC(λ, a) = share of draws in which a has the highest NMB (ties: first arm in order).
/// - EVPI(λ) = E_d[max_a NMB] − max_a E_d[NMB] ≥ 0, per subject (Claxton 1999): the value of
///   resolving all parameter uncertainty. Both expectations are sums over the same draws in the
///   same order, so when one arm wins every draw EVPI is exactly 0.
public struct PSASummary: Sendable, Equatable {
    /// Arm names, in arm order.
    public let armNames: [String]
    /// Number of draws D.
    public let drawCount: Int
    /// The draws' indices, ascending (position p holds draw `drawIndices[p]`).
    public let drawIndices: [Int]
    /// cost[p·arms + a].
    let costs: [Double]
    /// qalys[p·arms + a].
    let qalys: [Double]
    /// Inner-loop SEs of `costs` (NaN where not given).
    let costStandardErrors: [Double]
    /// Inner-loop SEs of `qalys` (NaN where not given).
    let qalysStandardErrors: [Double]

    /// Arranges `results` into a draws × arms grid.
    /// - Throws: `ParameterProblems` if there are no arms or results, an arm index is out of range,
    ///   a (draw, arm) pair repeats or is missing, or a value is not finite.
    public init(armNames: [String], results: [PSADrawResult]) throws(ParameterProblems) {
        var issues: [ParameterProblem] = []
        func report(_ problem: String, _ fix: String) {
            issues.append(ParameterProblem(keyPath: "psa", problem: problem, fix: fix))
        }
        let arms = armNames.count
        if arms == 0 || results.isEmpty {
            report("no PSA results to summarise", "Run at least one PSA draw with at least one arm.")
        }
        let draws = Array(Set(results.map(\.draw))).sorted()
        var position: [Int: Int] = [:]
        for (p, draw) in draws.enumerated() { position[draw] = p }
        let cells = draws.count * arms
        var costs = [Double](repeating: .nan, count: cells)
        var qalys = [Double](repeating: .nan, count: cells)
        var costSE = [Double](repeating: .nan, count: cells)
        var qalysSE = [Double](repeating: .nan, count: cells)
        var filled = [Bool](repeating: false, count: cells)
        for result in results {
            guard (0..<arms).contains(result.arm), let p = position[result.draw] else {
                report("draw \(result.draw) names arm \(result.arm), not in 0..<\(arms)", "Number arms in scenario order from 0.")
                continue
            }
            guard result.cost.isFinite, result.qalys.isFinite else {
                report("draw \(result.draw), arm \(armNames[result.arm]): cost or QALYs not finite",
                       "Check that draw's parameter values.")
                continue
            }
            let cell = p * arms + result.arm
            if filled[cell] {
                report("draw \(result.draw), arm \(armNames[result.arm]) is given twice", "Give one result per draw and arm.")
                continue
            }
            filled[cell] = true
            costs[cell] = result.cost
            qalys[cell] = result.qalys
            costSE[cell] = result.costStandardError ?? .nan
            qalysSE[cell] = result.qalysStandardError ?? .nan
        }
        if issues.isEmpty, let missing = filled.firstIndex(of: false) {
            report("draw \(draws[missing / arms]) has no result for arm \(armNames[missing % arms])",
                   "Run every arm in every draw (arms must be compared on the same parameter values).")
        }
        guard issues.isEmpty else { throw ParameterProblems(issues) }
        self.armNames = armNames
        self.drawCount = draws.count
        self.drawIndices = draws
        self.costs = costs
        self.qalys = qalys
        self.costStandardErrors = costSE
        self.qalysStandardErrors = qalysSE
    }

    /// NMB of draw position `p`, arm `a`, at λ.
    @inline(__always)
    func netBenefit(_ p: Int, _ a: Int, _ lambda: Double) -> Double {
        lambda * qalys[p * armNames.count + a] - costs[p * armNames.count + a]
    }

    /// Mean NMB of each arm at λ over the draws.
    public func expectedNetBenefit(willingnessToPay lambda: Double) -> [Double] {
        let arms = armNames.count
        var sums = [Double](repeating: 0, count: arms)
        for p in 0..<drawCount {
            for a in 0..<arms { sums[a] += netBenefit(p, a, lambda) }
        }
        return sums.map { $0 / Double(drawCount) }
    }

    /// The cost-effectiveness acceptability curves (and frontier): for every λ (in the order
    /// given) and arm, the share of draws in which the arm has the highest NMB, and whether it
    /// has the highest expected NMB (the CEAF).
    public func acceptability(willingnessToPay values: [Double]) -> [AcceptabilityPoint] {
        let arms = armNames.count
        var points: [AcceptabilityPoint] = []
        points.reserveCapacity(values.count * arms)
        var wins = [Int](repeating: 0, count: arms)
        for lambda in values {
            for a in 0..<arms { wins[a] = 0 }
            for p in 0..<drawCount { wins[bestArm(p, lambda)] += 1 }
            let expected = Self.firstMaximum(expectedNetBenefit(willingnessToPay: lambda))
            for a in 0..<arms {
                points.append(AcceptabilityPoint(
                    willingnessToPay: lambda, arm: armNames[a],
                    probabilityOptimal: Double(wins[a]) / Double(drawCount), isOptimalOnExpectation: a == expected))
            }
        }
        return points
    }

    /// EVPI per subject at every λ (in the order given).
    public func expectedValueOfPerfectInformation(willingnessToPay values: [Double]) -> [EVPIPoint] {
        let arms = armNames.count
        return values.map { lambda in
            var sumOfMaxima = 0.0
            var sums = [Double](repeating: 0, count: arms)
            for p in 0..<drawCount {
                var best = -Double.infinity
                for a in 0..<arms {
                    let nmb = netBenefit(p, a, lambda)
                    sums[a] += nmb
                    best = max(best, nmb)
                }
                sumOfMaxima += best
            }
            let optimal = Self.firstMaximum(sums)
            // Never negative in exact arithmetic; clamp rounding below 0.
            let evpi = max(0, (sumOfMaxima - sums[optimal]) / Double(drawCount))
            return EVPIPoint(willingnessToPay: lambda, evpi: evpi, optimalArm: armNames[optimal])
        }
    }

    /// Every draw's cost and QALY differences from `referenceArm` (CE-plane scatter), draws in
    /// ascending order, other arms in arm order.
    public func costEffectivenessPlane(referenceArm: Int) -> [CEPlanePoint] {
        precondition(armNames.indices.contains(referenceArm), "PSASummary: reference arm out of range")
        let arms = armNames.count
        var points: [CEPlanePoint] = []
        for p in 0..<drawCount {
            let base = p * arms
            for a in 0..<arms where a != referenceArm {
                points.append(CEPlanePoint(draw: drawIndices[p], arm: armNames[a],
                                           incrementalCost: costs[base + a] - costs[base + referenceArm],
                                           incrementalQALYs: qalys[base + a] - qalys[base + referenceArm]))
            }
        }
        return points
    }

    /// For each arm, the share of the PSA variance of mean cost and of mean QALYs that is inner-
    /// loop Monte Carlo noise (`innerLoopNoiseShare(means:standardErrors:)`); nil where
    /// standard errors were not given.
    public func innerLoopNoise() -> [InnerLoopNoise] {
        let arms = armNames.count
        return (0..<arms).map { a in
            let rows = (0..<drawCount).map { $0 * arms + a }
            return InnerLoopNoise(
                arm: armNames[a],
                costShare: Self.innerLoopNoiseShare(means: rows.map { costs[$0] },
                                                    standardErrors: rows.map { costStandardErrors[$0] }),
                qalysShare: Self.innerLoopNoiseShare(means: rows.map { qalys[$0] },
                                                     standardErrors: rows.map { qalysStandardErrors[$0] }))
        }
    }

    /// mean(se_d²) / var(m_d): the share of the variance of per-draw means m_d that the inner
    /// loop's finite sample adds (each m_d = true value + noise of variance se_d², so
    /// var(m) ≈ var(true) + mean(se²)). Near 0: the spread is parameter uncertainty; near or
    /// above 1: the inner loop is too small for the PSA. `var` uses the n − 1 denominator.
    /// - Returns: nil with fewer than 2 draws, a missing (NaN) or negative standard error, or zero
    ///   variance.
    public static func innerLoopNoiseShare(means: [Double], standardErrors: [Double]) -> Double? {
        precondition(means.count == standardErrors.count, "innerLoopNoiseShare: one SE per mean")
        let n = means.count
        guard n >= 2, standardErrors.allSatisfy({ $0 >= 0 }) else { return nil }
        var accumulator = MeanAccumulator()
        for m in means { accumulator.add(m) }
        guard let variance = accumulator.sampleVariance, variance > 0 else { return nil }
        let meanSquaredError = standardErrors.reduce(0) { $0 + $1 * $1 } / Double(n)
        return meanSquaredError / variance
    }

    /// Arm with the highest NMB in draw position p (ties: first arm).
    private func bestArm(_ p: Int, _ lambda: Double) -> Int {
        var best = 0
        var bestValue = -Double.infinity
        for a in 0..<armNames.count {
            let value = netBenefit(p, a, lambda)
            if value > bestValue {
                best = a
                bestValue = value
            }
        }
        return best
    }

    /// Index of the first maximum.
    private static func firstMaximum(_ values: [Double]) -> Int {
        var best = 0
        for (index, value) in values.enumerated() where value > values[best] { best = index }
        return best
    }
}

/// One point of an acceptability curve.
public struct AcceptabilityPoint: Sendable, Equatable {
    /// λ, currency per QALY.
    public var willingnessToPay: Double
    /// Arm name.
    public var arm: String
    /// Share of draws in which the arm has the highest NMB.
    public var probabilityOptimal: Double
    /// The arm has the highest expected NMB at λ (it is on the acceptability frontier).
    public var isOptimalOnExpectation: Bool
}

/// EVPI at one willingness to pay.
public struct EVPIPoint: Sendable, Equatable {
    /// λ, currency per QALY.
    public var willingnessToPay: Double
    /// Expected value of perfect information per subject, in currency.
    public var evpi: Double
    /// The arm with the highest expected NMB.
    public var optimalArm: String
}

/// One draw's position on the cost-effectiveness plane against the reference arm.
public struct CEPlanePoint: Sendable, Equatable {
    /// Draw index.
    public var draw: Int
    /// Arm name.
    public var arm: String
    /// Cost minus the reference arm's in the same draw.
    public var incrementalCost: Double
    /// QALYs minus the reference arm's in the same draw.
    public var incrementalQALYs: Double
}

/// Inner-loop noise shares of one arm.
public struct InnerLoopNoise: Sendable, Equatable {
    /// Arm name.
    public var arm: String
    /// Share of the PSA variance of mean cost due to inner-loop noise.
    public var costShare: Double?
    /// Share of the PSA variance of mean QALYs due to inner-loop noise.
    public var qalysShare: Double?
}
