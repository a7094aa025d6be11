/// Percentiles of the concentration across simulated subjects, at the output times of a
/// ``PKSimulation``.
public struct PKPercentileProfile: Sendable, Equatable {
    /// Output times (h), as requested.
    public var timesH: [Double]
    /// The probabilities of the percentiles, e.g. [0.05, 0.5, 0.95].
    public var probabilities: [Double]
    /// `concentrationsMgPerL[t][k]`: percentile `probabilities[k]` at `timesH[t]` (mg/L).
    public var concentrationsMgPerL: [[Double]]
    /// Number of simulated subjects.
    public var subjects: Int
}

extension PKSimulation {
    /// Most subjects × output times one population run may hold (the exact percentiles keep every
    /// concentration in memory: 8 bytes each, 400 MB at this limit).
    public static let maximumPopulationValues = 50_000_000

    /// Simulates `subjects` subjects and returns exact sample percentiles of their concentrations
    /// at each output time.
    ///
    /// Subject i has random effects η = L·z, with L the Cholesky factor of the model's Ω and z
    /// standard normals from `CounterStream(StreamKey(seed, i, .pkVariability), day 0)`, so a
    /// subject's parameters depend only on (seed, i). Every subject has ``covariates``.
    /// Percentiles use linear interpolation between order statistics (Hyndman & Fan 1996,
    /// type 7, as R's `quantile` default): x₍ₕ₎ with h = (n − 1)·p.
    ///
    /// - Complexity: O(subjects · (doses + times)) work, O(subjects · times) memory.
    public func populationProfile(subjects: Int, seed: UInt64, probabilities: [Double] = [0.05, 0.5, 0.95])
        throws(PKSimulationError) -> PKPercentileProfile
    {
        guard subjects >= 1 else {
            throw PKSimulationError("the number of subjects must be ≥ 1 (found \(subjects)).")
        }
        guard subjects * max(1, timesH.count) <= Self.maximumPopulationValues else {
            throw PKSimulationError(
                "\(subjects) subjects × \(timesH.count) times is more than \(Self.maximumPopulationValues) concentrations. Use fewer subjects or times.")
        }
        let parameters = try model.parameterModel().requirePositiveDefinite()
        let names = parameters.parameters.map(\.name)
        let order = Self.ascendingOrder(timesH)
        let sortedTimes = order.map { timesH[$0] }
        let windowEndH = windowH.upperBound

        // byTime[rank][subject]: one column per subject, filled subject by subject.
        var byTime = [[Double]](repeating: [Double](repeating: 0, count: subjects), count: timesH.count)
        var z = [Double](repeating: 0, count: parameters.etaCount)
        var eta = [Double](repeating: 0, count: parameters.etaCount)
        var values = [Double](repeating: 0, count: names.count)
        for index in 0..<subjects {
            var stream = CounterStream(key: StreamKey(seed: seed, subject: UInt64(index), purpose: .pkVariability), day: 0)
            for k in z.indices { z[k] = stream.normal() }
            parameters.eta(fromStandardNormals: z, into: &eta)
            parameters.evaluate(covariates: covariates, eta: eta, into: &values)
            let subject = try model.subject(values: values, names: names)
            let plan = try regimen.plan(for: subject, windowEndH: windowEndH, covariates: covariates, label: model.label)
            let concentrations = subject.run(from: plan.state, doses: plan.doses, outputsH: sortedTimes, window: nil).concentrations
            for rank in concentrations.indices { byTime[rank][index] = concentrations[rank] }
        }

        var result = [[Double]](repeating: [], count: timesH.count)
        for (rank, timeIndex) in order.enumerated() {
            let sample = byTime[rank].sorted()
            result[timeIndex] = probabilities.map { Self.quantile(sortedSample: sample, probability: $0) }
        }
        return PKPercentileProfile(timesH: timesH, probabilities: probabilities, concentrationsMgPerL: result, subjects: subjects)
    }

    /// Type-7 sample quantile of an ascending, non-empty sample: x₍ₕ₎ interpolated, h = (n − 1)·p.
    static func quantile(sortedSample x: [Double], probability p: Double) -> Double {
        let h = Double(x.count - 1) * min(max(p, 0), 1)
        let low = Int(h.rounded(.down))
        let high = min(low + 1, x.count - 1)
        return x[low] + (h - Double(low)) * (x[high] - x[low])
    }
}
