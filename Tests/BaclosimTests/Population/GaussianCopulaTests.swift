import Foundation
import Testing
@testable import Baclosim

@Suite struct GaussianCopulaTests {
    @Test func choleskyFactorReproducesTheMatrix() throws {
        let r: [Double] = [1, 0.5, 0.2,
                           0.5, 1, -0.3,
                           0.2, -0.3, 1]
        let l = try GaussianCopula.cholesky(r, dimension: 3)
        for i in 0..<3 {
            for j in 0..<3 {
                var sum = 0.0
                for k in 0..<3 { sum += l[i * 3 + k] * l[j * 3 + k] }
                #expect(abs(sum - r[i * 3 + j]) < 1e-14)
                if j > i { #expect(l[i * 3 + j] == 0) }
            }
        }
    }

    @Test func inconsistentCorrelationsAreRejected() {
        // ρ12 = ρ13 = 0.9 but ρ23 = −0.9 is not positive definite.
        let r: [Double] = [1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1]
        #expect(throws: GaussianCopula.BuildError.self) { try GaussianCopula(correlation: r, dimension: 3) }
        #expect(throws: GaussianCopula.BuildError.self) {
            try GaussianCopula(correlations: [(.weight, .weight, 0.5)])
        }
    }

    @Test func identityCopulaPassesNormalsThrough() {
        let copula = GaussianCopula.independent()
        let z = (0..<CovariateSlot.count).map { Double($0) * 0.3 - 1 }
        for i in z.indices { #expect(copula.correlate(i, normals: z) == z[i]) }
    }

    @Test func spearmanCorrelationMatchesTheNormalCopula() throws {
        // Weight and baseline craving, ρ = 0.6: Spearman's ρ_S = (6/π)·asin(ρ/2) for any
        // monotone margins (Kruskal 1958).
        let rho = 0.6
        var model = RM1BehaviorParts.covariateModel()
        model.copula = try GaussianCopula(correlations: [(.weight, .baselineCraving, rho)])
        var random = BehaviorTestRandom(seed: 3)
        let n = 20_000
        var weights: [Double] = [], cravings: [Double] = [], sexes: [Sex] = []
        var normals = [Double](repeating: 0, count: CovariateSlot.count)
        for _ in 0..<n {
            for i in normals.indices { normals[i] = random.normal() }
            let s = model.sample(normals: normals)
            weights.append(s.weightKg); cravings.append(s.baselineCraving); sexes.append(s.sex)
        }
        // Within men only: the weight margin is then one lognormal.
        let men = sexes.indices.filter { sexes[$0] == .male }
        let spearman = BehaviorStats.spearmanCorrelation(men.map { weights[$0] }, men.map { cravings[$0] })
        let expected = 6 / Double.pi * asin(rho / 2)
        // Fisher z of Spearman's ρ has variance ≈ 1.06/(n − 3) (Fieller, Hartley & Pearson 1957).
        let tolerance = 5 * (1.06 / Double(men.count - 3)).squareRoot()
        #expect(abs(atanh(spearman) - atanh(expected)) <= tolerance,
                "Spearman \(spearman) vs \(expected)")
        // Margins are untouched by the copula.
        let weightMean = 80 * exp(0.18 * 0.18 / 2)
        let menWeights = men.map { weights[$0] }
        #expect(abs(BehaviorStats.meanAndVariance(menWeights).mean - weightMean)
                <= 5 * weightMean * (exp(0.0324) - 1).squareRoot() / Double(men.count).squareRoot())
    }

    @Test func correlatedDiscreteMarginKeepsItsProportion() throws {
        var model = RM1BehaviorParts.covariateModel()
        model.probabilityPsychiatric = 0.25
        model.copula = try GaussianCopula(correlations: [(.psychiatric, .baselineCraving, 0.5)])
        var random = BehaviorTestRandom(seed: 8)
        let n = 20_000
        var normals = [Double](repeating: 0, count: CovariateSlot.count)
        var psychiatric = 0
        var cravingWith = 0.0, cravingWithout = 0.0
        for _ in 0..<n {
            for i in normals.indices { normals[i] = random.normal() }
            let s = model.sample(normals: normals)
            if s.psychiatric { psychiatric += 1; cravingWith += s.baselineCraving } else {
                cravingWithout += s.baselineCraving
            }
        }
        #expect(BehaviorStats.proportionAgrees(Double(psychiatric) / Double(n), 0.25, n: n))
        // Positive dependence: comorbid subjects crave more on average.
        #expect(cravingWith / Double(psychiatric) > cravingWithout / Double(n - psychiatric))
    }
}
