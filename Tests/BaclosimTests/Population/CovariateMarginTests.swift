import Foundation
import Testing
@testable import Baclosim

/// One vocabulary for distributions (issue 20): covariates take `{distribution: NAME, …}` with
/// the keys of `psa:` parameters, bounded by truncation (default) or clamping; checked against
/// closed forms.
@Suite struct CovariateMarginTests {
    /// The mean of `margin` over a fine midpoint grid of u (the copula's Φ(y)).
    func gridMean(_ bounded: BoundedDistribution, points: Int = 200_000) -> Double {
        (0..<points).reduce(0.0) { $0 + bounded.value(uniform: (Double($1) + 0.5) / Double(points)) } / Double(points)
    }

    @Test func aTruncatedNormalHasTheClosedFormMeanAndNoMassOnItsBounds() {
        // CrCl ~ Normal(90, 40) truncated to [15, 180] mL/min.
        let bounded = BoundedDistribution(.normal(mean: 90, sd: 40), lower: 15, upper: 180)
        let alpha = (15.0 - 90) / 40, beta = (180.0 - 90) / 40
        func phi(_ z: Double) -> Double { exp(-z * z / 2) / (2 * Double.pi).squareRoot() }
        let mass = StandardNormalDistribution.cdf(beta) - StandardNormalDistribution.cdf(alpha)
        let closedForm = 90 + 40 * (phi(alpha) - phi(beta)) / mass
        #expect(abs(bounded.mass - mass) < 1e-12)
        #expect(abs(gridMean(bounded) - closedForm) < 1e-3, "\(gridMean(bounded)) vs \(closedForm)")
        // Nobody sits on a bound: the lowest and highest of 100 000 are strictly inside, where
        // the density at 15 (φ(α)/(σ·mass) ≈ 0.0018 per mL/min) puts them: 15 + 5·10⁻⁶/0.0018.
        let density = phi(alpha) / (40 * mass)
        #expect(abs(bounded.value(uniform: 0.5 / 100_000) - (15 + 0.5e-5 / density)) < 1e-4)
        #expect(bounded.value(uniform: 1 - 0.5 / 100_000) < 180)
    }

    @Test func aClampedDistributionPutsItsTailsOnTheBounds() {
        let clamped = BoundedDistribution(.normal(mean: 90, sd: 40), lower: 15, upper: 180, truncates: false)
        // P(X < 15) = Φ(−1.875) ≈ 0.0304: every u below it gives exactly 15.
        #expect(clamped.value(uniform: 0.02) == 15)
        #expect(clamped.value(uniform: 0.99) == 180)
        #expect(abs(clamped.value(uniform: 0.5) - 90) < 1e-9)
    }

    /// cdf is the inverse of quantile for every form of the vocabulary.
    @Test(arguments: [ParameterDistribution.beta(alpha: 2, beta: 5), .gamma(shape: 3, scale: 2), .lognormal(meanLog: 4.5, sdLog: 0.3),
                      .normal(mean: 47, sd: 10), .uniform(lower: 18, upper: 65), .triangular(lower: 0, mode: 2, upper: 10)])
    func theCDFInvertsTheQuantile(distribution: ParameterDistribution) {
        for p in [0.001, 0.05, 0.3, 0.5, 0.8, 0.999] {
            #expect(abs(distribution.cdf(distribution.quantile(p)) - p) < 1e-9, "\(distribution) at \(p)")
        }
        #expect(distribution.cdf(-.infinity) == 0 && distribution.cdf(.infinity) == 1)
    }

    /// The empirical form: each value with its probability, and a truncation that keeps a value
    /// equal to its lower bound (P(X < lower) is cut, not P(X ≤ lower)).
    @Test func anEmpiricalMarginGivesEachValueItsShare() {
        let empirical = ParameterDistribution.empirical(values: [4, 8, 16], probabilities: [0.25, 0.5, 0.25])
        #expect(empirical.validate().isEmpty)
        #expect(empirical.mean == 9 && empirical.variance == 0.25 * 25 + 0.5 * 1 + 0.25 * 49)
        func shares(_ bounded: BoundedDistribution, points: Int = 100_000) -> [Double: Double] {
            var counts: [Double: Double] = [:]
            for k in 0..<points { counts[bounded.value(uniform: (Double(k) + 0.5) / Double(points)), default: 0] += 1 / Double(points) }
            return counts
        }
        let all = shares(BoundedDistribution(empirical))
        #expect(abs(all[4, default: 0] - 0.25) < 1e-9 && abs(all[8, default: 0] - 0.5) < 1e-9 && abs(all[16, default: 0] - 0.25) < 1e-9)
        let truncated = shares(BoundedDistribution(empirical, lower: 8))
        #expect(truncated[4] == nil && abs(truncated[8, default: 0] - 2.0 / 3) < 1e-4 && abs(truncated[16, default: 0] - 1.0 / 3) < 1e-4)
        #expect(empirical.cdf(8) == 0.75 && empirical.cdfBelow(8) == 0.25)
        let unequal = ParameterDistribution.empirical(values: [2, 1], probabilities: [0.6, 0.3])
        #expect(Set(unequal.validate().map(\.keyPath)) == ["values", "probabilities"])
    }

    @Test func anEmpiricalCovariateAndAStrayParameterAreDecodedAndNamed() throws {
        let scenario = try ScenarioText.load(Self.scenario(population: "  baseline_drinks_per_day: {distribution: empirical, values: [4, 8, 16]}")).get()
        guard case .distribution(let drinks) = scenario.population.baselineDrinksPerDay,
              case .empirical(let values, let probabilities) = drinks.distribution else {
            Issue.record("not decoded: \(scenario.population.baselineDrinksPerDay)")
            return
        }
        #expect(values == [4, 8, 16] && probabilities.allSatisfy { abs($0 - 1.0 / 3) < 1e-15 })
        let stray = try ScenarioText.issueLines(Self.scenario(population: "  baseline_drinks_per_day: {distribution: gamma, mean: 8, se: 2, sdlog: 0.3}"))
        #expect(stray.contains { $0.contains("population.baseline_drinks_per_day.sdlog: is not a parameter of the gamma distribution. The gamma distribution takes mean, se, shape, scale; remove sdlog.") }, "\(stray)")
    }

    /// ValidationGuardTests' small scenario (400 subjects) with `population` lines added.
    static func scenario(population: String, age: String = "{fixed: 45}") -> String {
        ValidationGuardTests.scenario(age: age, subjects: 400, population: population)
    }

    @Test func everyContinuousCovariateTakesTheSharedForms() throws {
        let text = Self.scenario(population: """
              creatinine_clearance_mL_per_min: {distribution: normal, mean: 90, sd: 40, lower: 15, upper: 180}
              weight_kg:
                male: {distribution: gamma, mean: 82, se: 14}
                female: {median: 66, log_sd: 0.18}
              baseline_drinks_per_day: {distribution: lognormal, meanlog: 2.2, sdlog: 0.5, upper: 40, bounds: clamp}
              drinking_frailty: {distribution: gamma, shape: 4, scale: 0.25}
            """, age: "{distribution: triangular, min: 20, mode: 45, max: 70}")
        let scenario = try ScenarioText.load(text).get()
        let population = scenario.population
        guard case .creatinineClearance(.distribution(let crcl)) = population.renal,
              case .distribution(let male) = population.weight.male, case .lognormal = population.weight.female,
              case .distribution(let drinks) = population.baselineDrinksPerDay,
              case .distribution(let frailty) = population.drinkingFrailty,
              case .distribution(let age) = population.age else {
            Issue.record("forms not decoded: \(population)")
            return
        }
        #expect(crcl == BoundedDistribution(.normal(mean: 90, sd: 40), lower: 15, upper: 180))
        #expect(abs(male.distribution.mean - 82) < 1e-9 && male.truncates)
        #expect(!drinks.truncates && drinks.upper == 40)
        #expect(frailty.distribution == .gamma(shape: 4, scale: 0.25))
        #expect(age.distribution == .triangular(lower: 20, mode: 45, upper: 70))
        let pda = try Simulation(scenario: scenario).run(threads: 1).metric("pda", arm: "placebo")
        #expect(pda.count == 400 && pda.mean > 0 && pda.mean < 1)
    }

    @Test func mixedFormsUnknownBoundsAndEmptyTruncationsAreLocatedErrors() throws {
        let mixed = try ScenarioText.issueLines(Self.scenario(population: "  baseline_drinks_per_day: {distribution: gamma, mean: 8, se: 2, median: 8}"))
        #expect(mixed.contains { $0.contains("population.baseline_drinks_per_day: gives more than one form (distribution and median/log_sd)") }, "\(mixed)")
        let bounds = try ScenarioText.issueLines(Self.scenario(population: "  baseline_drinks_per_day: {distribution: gamma, mean: 8, se: 2, bounds: squash}"))
        #expect(bounds.contains { $0.contains("population.baseline_drinks_per_day.bounds: unknown value 'squash'") }, "\(bounds)")
        let empty = try ScenarioText.issueLines(Self.scenario(population: "  creatinine_clearance_mL_per_min: {distribution: normal, mean: 90, sd: 5, lower: 200, upper: 250}"))
        #expect(empty.contains { $0.contains("population.creatinine_clearance_mL_per_min.distribution: the normal distribution has almost no mass in [200, 250]") }, "\(empty)")
        let reversed = try ScenarioText.issueLines(Self.scenario(population: "  creatinine_clearance_mL_per_min: {distribution: normal, mean: 90, sd: 30, lower: 180, upper: 15}"))
        #expect(reversed.contains { $0.contains("population.creatinine_clearance_mL_per_min.lower: lower 180 is not below upper 15") }, "\(reversed)")
        let dirichlet = try ScenarioText.issueLines(Self.scenario(population: "  baseline_drinks_per_day: {distribution: dirichlet, alphas: [1, 2]}"))
        #expect(dirichlet.contains { $0.contains("population.baseline_drinks_per_day") }, "\(dirichlet)")
        let ageMixed = try ScenarioText.issueLines(Self.scenario(population: "", age: "{distribution: normal, mean: 47, sd: 10, uniform: [18, 65]}"))
        #expect(ageMixed.contains { $0.contains("population.age_years: gives more than one form (distribution and uniform)") }, "\(ageMixed)")
    }
}
