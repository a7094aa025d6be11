import Foundation
import Testing
@testable import Baclosim

extension RM1BehaviorParts {
    /// RM-1's covariate model (docs/rm1.md#2-the-subject): male 0.70, weight lognormal by sex, CrCl
    /// lognormal clamped to [15, 180], craving median 1.
    static func covariateModel() -> CovariateModel {
        CovariateModel(
            probabilityMale: 0.70,
            age: .fixed(years: 45),
            weight: WeightDistribution(male: .lognormal(LogNormalMargin(median: 80, logSD: 0.18)),
                                       female: .lognormal(LogNormalMargin(median: 65, logSD: 0.18))),
            renal: .creatinineClearance(.lognormal(LogNormalMargin(median: 100, logSD: 0.25, lower: 15, upper: 180))),
            baselineCraving: .lognormal(LogNormalMargin(median: 1, logSD: 0.30)))
    }
}

@Suite struct CovariateModelTests {
    @Test func rm1SubjectWithAllNormalsZeroIsTheTypicalMan() {
        let subject = RM1BehaviorParts.covariateModel().sample(normals: [Double](repeating: 0, count: CovariateSlot.count))
        #expect(subject.sex == .male)  // u = Φ(0) = 0.5 < 0.70
        #expect(subject.weightKg == 80)
        #expect(subject.creatinineClearanceMLPerMin == 100)
        #expect(subject.baselineCraving == 1)
        #expect(!subject.pregnant)
    }

    @Test func rm1MarginsFollowTheirFormulas() {
        var normals = [Double](repeating: 0, count: CovariateSlot.count)
        normals[CovariateSlot.sex.rawValue] = 1  // Φ(1) = 0.84 ≥ 0.70: female
        normals[CovariateSlot.weight.rawValue] = -1.3
        normals[CovariateSlot.renal.rawValue] = 8  // clamps at 180
        normals[CovariateSlot.baselineCraving.rawValue] = 0.7
        let subject = RM1BehaviorParts.covariateModel().sample(normals: normals)
        #expect(subject.sex == .female)
        #expect(subject.weightKg == 65 * exp(0.18 * -1.3))
        #expect(subject.creatinineClearanceMLPerMin == 180)
        #expect(subject.baselineCraving == exp(0.30 * 0.7))
    }

    @Test func marginalMeansAndProportionsMatchTheirDistributions() {
        var model = RM1BehaviorParts.covariateModel()
        model.age = .uniform(lowerYears: 20, upperYears: 70)
        model.liver = LiverDiseaseDistribution(compensated: 0.15, cirrhosis: 0.05)
        model.probabilityPsychiatric = 0.3
        model.dsm5Criteria = .binomial(probabilityPerCriterion: 0.5)
        model.baselineDrinksPerDay = .lognormal(LogNormalMargin(median: 8, logSD: 0.4))
        model.pregnancy = PregnancyDistribution(bands: [.init(lowerYears: 20, upperYears: 45, probability: 0.04)])
        var random = BehaviorTestRandom(seed: 11)
        let n = 40_000
        var males = 0, cirrhosis = 0, compensated = 0, psychiatric = 0, pregnant = 0, pregnantMen = 0
        var ages: [Double] = [], criteria: [Double] = [], drinks: [Double] = [], maleWeights: [Double] = []
        var normals = [Double](repeating: 0, count: CovariateSlot.count)
        var womenInBand = 0
        for _ in 0..<n {
            for i in normals.indices { normals[i] = random.normal() }
            let s = model.sample(normals: normals)
            if s.sex == .male { males += 1; maleWeights.append(s.weightKg); if s.pregnant { pregnantMen += 1 } }
            if s.liver == .cirrhosis { cirrhosis += 1 }
            if s.liver == .compensated { compensated += 1 }
            if s.psychiatric { psychiatric += 1 }
            if s.sex == .female && s.ageYears >= 20 && s.ageYears < 45 {
                womenInBand += 1
                if s.pregnant { pregnant += 1 }
            }
            ages.append(s.ageYears)
            criteria.append(Double(s.dsm5Criteria))
            drinks.append(s.baselineDrinksPerDay)
            #expect(s.creatinineClearanceMLPerMin >= 15 && s.creatinineClearanceMLPerMin <= 180)
            #expect((2...11).contains(s.dsm5Criteria))
        }
        #expect(BehaviorStats.proportionAgrees(Double(males) / Double(n), 0.70, n: n))
        #expect(BehaviorStats.proportionAgrees(Double(cirrhosis) / Double(n), 0.05, n: n))
        #expect(BehaviorStats.proportionAgrees(Double(compensated) / Double(n), 0.15, n: n))
        #expect(BehaviorStats.proportionAgrees(Double(psychiatric) / Double(n), 0.30, n: n))
        #expect(BehaviorStats.proportionAgrees(Double(pregnant) / Double(womenInBand), 0.04, n: womenInBand))
        #expect(pregnantMen == 0)

        func meanAgrees(_ values: [Double], _ mean: Double, _ sd: Double) -> Bool {
            abs(BehaviorStats.meanAndVariance(values).mean - mean) <= 5 * sd / Double(values.count).squareRoot()
        }
        #expect(meanAgrees(ages, 45, 50 / 12.0.squareRoot()))
        #expect(meanAgrees(criteria, 2 + 9 * 0.5, (9 * 0.25).squareRoot()))
        // Lognormal: mean m·e^{s²/2}, sd = mean·√(e^{s²} − 1).
        let drinksMean = 8 * exp(0.08)
        #expect(meanAgrees(drinks, drinksMean, drinksMean * (exp(0.16) - 1).squareRoot()))
        let weightMean = 80 * exp(0.18 * 0.18 / 2)
        #expect(meanAgrees(maleWeights, weightMean, weightMean * (exp(0.18 * 0.18) - 1).squareRoot()))
    }

    @Test func truncatedNormalAgeStaysInRangeAndMatchesItsMean() {
        let age = AgeDistribution.truncatedNormal(meanYears: 45, sdYears: 12, lowerYears: 18, upperYears: 65)
        var random = BehaviorTestRandom(seed: 5)
        let n = 40_000
        let ages = (0..<n).map { _ in age.ageYears(normal: random.normal()) }
        #expect(ages.allSatisfy { $0 >= 18 && $0 <= 65 })
        // Truncated normal mean: μ + σ(φ(α) − φ(β))/(Φ(β) − Φ(α)).
        let a = (18.0 - 45) / 12, b = (65.0 - 45) / 12
        func pdf(_ x: Double) -> Double { exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
        let mass = StandardNormalDistribution.cdf(b) - StandardNormalDistribution.cdf(a)
        let expected = 45 + 12 * (pdf(a) - pdf(b)) / mass
        #expect(abs(BehaviorStats.meanAndVariance(ages).mean - expected) <= 5 * 12 / Double(n).squareRoot())
    }

    @Test func categoricalDSM5CriteriaInvertTheUniform() {
        let distribution = DSM5CriteriaDistribution.categorical([0.1, 0.2, 0.3, 0.4, 0, 0, 0, 0, 0, 0])
        #expect(distribution.criteria(uniform: 0.05) == 2)
        #expect(distribution.criteria(uniform: 0.15) == 3)
        #expect(distribution.criteria(uniform: 0.55) == 4)
        #expect(distribution.criteria(uniform: 0.95) == 5)
    }
}
