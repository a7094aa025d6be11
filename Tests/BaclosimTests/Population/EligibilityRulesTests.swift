import Foundation
import Testing
@testable import Baclosim

@Suite struct EligibilityRulesTests {
    static func subject(sex: Sex = .female, age: Double = 30, crcl: Double = 100,
                        liver: LiverDisease = .none, pregnant: Bool = false) -> Covariates {
        Covariates(sex: sex, ageYears: age, weightKg: 65, creatinineClearanceMLPerMin: crcl,
                   liver: liver, psychiatric: false, dsm5Criteria: 6, baselineDrinksPerDay: 8,
                   pregnant: pregnant, baselineCraving: 1)
    }

    static let baclofenRules = EligibilityRules(
        pregnancy: PregnancyScreening(action: .reassign(toArm: "psychosocial")),
        renal: RenalExclusion(minimumMLPerMin: 30),
        liver: nil,
        age: AgeRestriction(minimumYears: 18, maximumYears: 75))

    @Test func pregnantWomanIsReassignedAndTested() {
        let decision = Self.baclofenRules.evaluate(Self.subject(pregnant: true), pregnancyTestUniform: 0.5)
        #expect(decision.outcome == .reassigned(toArm: "psychosocial", reason: .pregnancy))
        #expect(decision.pregnancyTested && decision.pregnancyTestPositive)
    }

    @Test func falseNegativeTestEnrolsAPregnantWoman() {
        var rules = Self.baclofenRules
        rules.pregnancy?.falseNegativeProbability = 0.02
        let missed = rules.evaluate(Self.subject(pregnant: true), pregnancyTestUniform: 0.01)
        #expect(missed.outcome == .eligible)
        #expect(missed.pregnancyTested && !missed.pregnancyTestPositive)
        let caught = rules.evaluate(Self.subject(pregnant: true), pregnancyTestUniform: 0.03)
        #expect(caught.outcome == .reassigned(toArm: "psychosocial", reason: .pregnancy))
    }

    @Test func menAndOlderWomenAreNotTested() {
        let man = Self.baclofenRules.evaluate(Self.subject(sex: .male), pregnancyTestUniform: 0.5)
        #expect(man.outcome == .eligible && !man.pregnancyTested)
        let older = Self.baclofenRules.evaluate(Self.subject(age: 60), pregnancyTestUniform: 0.5)
        #expect(older.outcome == .eligible && !older.pregnancyTested)
    }

    @Test func renalLiverAndAgeRulesExcludeDeterministically() {
        #expect(Self.baclofenRules.evaluate(Self.subject(sex: .male, crcl: 25), pregnancyTestUniform: 0.5)
            .outcome == .excluded(.renalImpairment))
        #expect(Self.baclofenRules.evaluate(Self.subject(sex: .male, age: 80), pregnancyTestUniform: 0.5)
            .outcome == .excluded(.age))
        let naltrexone = EligibilityRules(liver: LiverExclusion(excluded: [.cirrhosis]))
        #expect(naltrexone.evaluate(Self.subject(liver: .cirrhosis), pregnancyTestUniform: 0.5)
            .outcome == .excluded(.liverDisease))
        #expect(naltrexone.evaluate(Self.subject(liver: .compensated), pregnancyTestUniform: 0.5)
            .outcome == .eligible)
        // The pregnancy rule comes first.
        #expect(Self.baclofenRules.evaluate(Self.subject(crcl: 20, pregnant: true), pregnancyTestUniform: 0.5)
            .outcome == .reassigned(toArm: "psychosocial", reason: .pregnancy))
    }

    @Test func exclusionCountsMatchTheCovariateDistribution() {
        // Women 50%, uniform age 20–70, pregnancy 5% at 20–45; CrCl lognormal(100, 0.4):
        // P(CrCl < 30) = Φ(ln(0.3)/0.4); cirrhosis 10%. Expected counts from those probabilities.
        var model = RM1BehaviorParts.covariateModel()
        model.probabilityMale = 0.5
        model.age = .uniform(lowerYears: 20, upperYears: 70)
        model.renal = .creatinineClearance(.lognormal(LogNormalMargin(median: 100, logSD: 0.4)))
        model.liver = LiverDiseaseDistribution(compensated: 0, cirrhosis: 0.10)
        model.pregnancy = PregnancyDistribution(bands: [.init(lowerYears: 20, upperYears: 45, probability: 0.05)])
        let rules = EligibilityRules(pregnancy: PregnancyScreening(),
                                     renal: RenalExclusion(minimumMLPerMin: 30),
                                     liver: LiverExclusion(excluded: [.cirrhosis]))
        var random = BehaviorTestRandom(seed: 21)
        let n = 40_000
        var counts: [IneligibilityReason: Int] = [:]
        var normals = [Double](repeating: 0, count: CovariateSlot.count)
        for _ in 0..<n {
            for i in normals.indices { normals[i] = random.normal() }
            let subject = model.sample(normals: normals)
            if case .excluded(let reason) = rules.evaluate(subject, pregnancyTestUniform: random.uniform()).outcome {
                counts[reason, default: 0] += 1
            }
        }
        let pPregnant = 0.5 * (25.0 / 50.0) * 0.05
        let pRenal = StandardNormalDistribution.cdf(log(0.3) / 0.4)
        // Rules apply in order: renal counts only non-pregnant-excluded, liver only the rest.
        let expectedRenal = (1 - pPregnant) * pRenal
        let expectedLiver = (1 - pPregnant) * (1 - pRenal) * 0.10
        #expect(BehaviorStats.proportionAgrees(Double(counts[.pregnancy, default: 0]) / Double(n), pPregnant, n: n))
        #expect(BehaviorStats.proportionAgrees(Double(counts[.renalImpairment, default: 0]) / Double(n), expectedRenal, n: n))
        #expect(BehaviorStats.proportionAgrees(Double(counts[.liverDisease, default: 0]) / Double(n), expectedLiver, n: n))
    }
}
