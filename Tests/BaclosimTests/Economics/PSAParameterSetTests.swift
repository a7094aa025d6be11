import Foundation
import Testing
@testable import Baclosim

@Suite struct PSAParameterSetTests {
    /// Spearman rank correlation (Pearson correlation of ranks; no ties in continuous draws).
    static func rankCorrelation(_ x: [Double], _ y: [Double]) -> Double {
        func ranks(_ v: [Double]) -> [Double] {
            var r = [Double](repeating: 0, count: v.count)
            for (rank, index) in v.indices.sorted(by: { v[$0] < v[$1] }).enumerated() { r[index] = Double(rank) }
            return r
        }
        return correlation(ranks(x), ranks(y))
    }

    func parameters() throws -> [PSAParameter] {
        [
            PSAParameter(keyPath: "economics.costs.drugs[0].pack_price", distribution: .scalar(try .gamma(mean: 2.5, standardError: 0.5))),
            PSAParameter(keyPath: "economics.utilities.by_risk_level.high", distribution: .scalar(try .beta(mean: 0.75, standardError: 0.05))),
            PSAParameter(keyPath: "economics.mortality.relative_risk_by_risk_level.very_high",
                         distribution: .scalar(try .lognormal(mean: 2, standardError: 0.3))),
            PSAParameter(keyPath: "population.risk_level_split", distribution: .dirichlet(DirichletDistribution(alphas: [20, 50, 30]))),
        ]
    }

    @Test func copulaDrawsHaveTheRankCorrelationOfTheNormalCorrelation() throws {
        let rho = 0.6
        let set = try PSAParameterSet(parameters: try parameters(), correlations: [
            PSACorrelation(first: "economics.utilities.by_risk_level.high",
                           second: "economics.costs.drugs[0].pack_price", normalCorrelation: rho),
        ])
        let draws = 4_000
        var sampler = GSLSampler(key: StreamKey(seed: 9, subject: 0, purpose: .psaParameters), day: 0)
        var cost: [Double] = [], utility: [Double] = [], risk: [Double] = []
        var costMoments = SampleMoments()
        for iteration in 0..<draws {
            let values = try set.draw(iteration: iteration, seed: 9, sampler: &sampler)
            cost.append(values[0])
            utility.append(values[1])
            risk.append(values[2])
            costMoments.add(values[0])
        }
        // Spearman ρ_S = (6/π)·asin(ρ/2); Fisher z of Spearman has variance ≈ 1.06/(n − 3)
        // (Fieller, Hartley & Pearson 1957): 5 standard errors on the z scale.
        let expected = 6 / Double.pi * asin(rho / 2)
        let zTolerance = 5 * (1.06 / Double(draws - 3)).squareRoot()
        let observed = Self.rankCorrelation(cost, utility)
        #expect(abs(atanh(observed) - atanh(expected)) <= zTolerance, "\(observed) vs \(expected)")
        // An uncorrelated parameter stays independent (SE of a null correlation 1/√n).
        #expect(abs(Self.rankCorrelation(cost, risk)) <= 5 / Double(draws).squareRoot())
        // The copula keeps the gamma margin: mean 2.5, variance 0.25, excess kurtosis 6/k, k = 25.
        costMoments.expectMatches(mean: 2.5, variance: 0.25, excessKurtosis: 6.0 / 25, "copula gamma margin")
        #expect(abs(PSACorrelation.normalCorrelation(fromRankCorrelation: expected) - rho) <= 1e-12)
    }

    @Test func drawsAreAddressedByIterationAndParameterIndex() throws {
        let all = try parameters()
        let first = try PSAParameterSet(parameters: all)
        let second = try PSAParameterSet(parameters: all)
        let a = try first.draw(iteration: 12, seed: 5)
        #expect(a == (try second.draw(iteration: 12, seed: 5)))
        #expect(a != (try first.draw(iteration: 13, seed: 5)))
        // Dropping the last parameter (or appending one) leaves the others' draws unchanged.
        let shorter = try PSAParameterSet(parameters: Array(all.prefix(2)))
        #expect(Array(a.prefix(2)) == (try shorter.draw(iteration: 12, seed: 5)))
        // The Dirichlet occupies three values from offset 3 and sums to 1.
        #expect(first.offsets == [0, 1, 2, 3] && first.valueCount == 6)
        #expect(abs(a[3] + a[4] + a[5] - 1) <= 1e-12)
        #expect(first.index(of: "population.risk_level_split") == 3)
    }

    /// An empirical parameter draws each value with its probability: over n = 4 000 draws each
    /// share is within 4 binomial standard errors, √(p(1 − p)/n), of its probability.
    @Test func anEmpiricalParameterDrawsEachValueWithItsProbability() throws {
        let set = try PSAParameterSet(parameters: [PSAParameter(keyPath: "economics.unit_cost",
                                                                 distribution: .scalar(.empirical(values: [10, 20, 40], probabilities: [0.2, 0.5, 0.3])))])
        let n = 4_000
        var counts: [Double: Int] = [:]
        for iteration in 0..<n { counts[try set.draw(iteration: iteration, seed: 11)[0], default: 0] += 1 }
        #expect(Set(counts.keys) == [10, 20, 40])
        for (value, p) in [(10.0, 0.2), (20.0, 0.5), (40.0, 0.3)] {
            let share = Double(counts[value, default: 0]) / Double(n)
            #expect(abs(share - p) <= 4 * (p * (1 - p) / Double(n)).squareRoot(), "\(value): \(share) vs \(p)")
        }
    }

    @Test func invalidParametersAndCorrelationsAreAllReported() throws {
        var all = try parameters()
        all.append(PSAParameter(keyPath: all[0].keyPath, distribution: .scalar(.beta(alpha: -1, beta: 1))))
        do {
            _ = try PSAParameterSet(parameters: all, correlations: [
                PSACorrelation(first: "nope", second: all[1].keyPath, normalCorrelation: 0.2),
                PSACorrelation(first: all[3].keyPath, second: all[1].keyPath, normalCorrelation: 0.2),
                PSACorrelation(first: all[1].keyPath, second: all[2].keyPath, normalCorrelation: 1),
            ])
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.keyPath) == [
                "parameters[4].key", "parameters[4].alpha", "correlations[0].first", "correlations[1].first",
                "correlations[2].rho",
            ])
        }
    }

    @Test func inconsistentCorrelationsAreRejectedAsNotJointlyPossible() throws {
        let all = try parameters()
        let keys = all.prefix(3).map(\.keyPath)
        do {
            _ = try PSAParameterSet(parameters: all, correlations: [
                PSACorrelation(first: keys[0], second: keys[1], normalCorrelation: 0.9),
                PSACorrelation(first: keys[0], second: keys[2], normalCorrelation: 0.9),
                PSACorrelation(first: keys[1], second: keys[2], normalCorrelation: -0.9),
            ])
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.keyPath) == ["correlations"])
            #expect(error.description.contains("not jointly possible"))
        }
    }
}
