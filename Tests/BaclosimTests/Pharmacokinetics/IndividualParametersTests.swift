import Foundation
import Testing
@testable import Baclosim

@Suite struct IndividualParametersTests {
    func subject(crCl: Double = 100, weightKg: Double = 70, ageYears: Double = 45,
                 liver: LiverFunction = .none, sex: PKCovariates.Sex = .male) -> PKCovariates {
        PKCovariates(weightKg: weightKg, creatinineClearanceMLPerMin: crCl, ageYears: ageYears, liver: liver, sex: sex)
    }

    @Test func renalSplitGivesTheTypicalValueAtReferenceCrCl() {
        let clearance = IndividualParameter(
            name: "CL", typicalValue: 11.6, effects: [.renal(renalFraction: 0.57, referenceCrClMLPerMin: 100)])
        #expect(abs(clearance.typicalValue(for: subject(crCl: 100)) - 11.6) < 1e-12)
    }

    @Test func renalSplitReproducesTheDomainRatios() {
        // docs/sources.md#d-renal-covariate [D]: fe 0.57 → ratio 0.60 at CrCl 30, 0.51 at 15;
        // fe 0.70 → 0.51 at 30, 0.40 at 15 (printed to two decimals).
        func ratio(_ fe: Double, _ crCl: Double) -> Double {
            CovariateEffect.renal(renalFraction: fe, referenceCrClMLPerMin: 100).multiplier(for: subject(crCl: crCl))
        }
        // Own formula: (1 − fe) + fe·CrCl/100.
        #expect(abs(ratio(0.57, 30) - (0.43 + 0.57 * 0.30)) < 1e-12)
        #expect(abs(ratio(0.57, 30) - 0.60) < 0.005)
        #expect(abs(ratio(0.57, 15) - 0.51) < 0.01)
        #expect(abs(ratio(0.70, 30) - 0.51) < 0.005)
        #expect(abs(ratio(0.70, 15) - 0.40) < 0.01)
    }

    @Test func renalSplitMatchesTheDomainLinearFormula() {
        // docs/sources.md#d-renal-covariate: with CL_ref 10.8 L/h, fe 0.57: CL/F ≈ 4.6 + 0.062·CrCl (rounded coefficients).
        let clearance = IndividualParameter(
            name: "CL", typicalValue: 10.8, effects: [.renal(renalFraction: 0.57, referenceCrClMLPerMin: 100)])
        for crCl in stride(from: 10.0, through: 150, by: 10) {
            let domain = 4.6 + 0.062 * crCl
            #expect(abs(clearance.typicalValue(for: subject(crCl: crCl)) - domain) < 0.05 + 0.001 * crCl)
        }
    }

    @Test func allometricWeightScalesByPower() {
        let clearance = IndividualParameter(
            name: "CL", typicalValue: 10, effects: [.power(.weight, reference: 70, exponent: 0.75)])
        #expect(abs(clearance.typicalValue(for: subject(weightKg: 140)) - 10 * pow(2, 0.75)) < 1e-12)
        #expect(abs(clearance.typicalValue(for: subject(weightKg: 70)) - 10) < 1e-12)
    }

    @Test func ageLiverAndSexEffectsMultiply() {
        let clearance = IndividualParameter(
            name: "CL", typicalValue: 2,
            effects: [.linear(.age, reference: 40, slopePerUnit: -0.01),
                      .liver(compensated: 0.8, cirrhosis: 0.5),
                      .sex(female: 0.9)])
        // 2 × (1 − 0.01·20) × 0.5 × 0.9 = 0.72.
        let value = clearance.typicalValue(for: subject(ageYears: 60, liver: .cirrhosis, sex: .female))
        #expect(abs(value - 0.72) < 1e-12)
        #expect(abs(clearance.typicalValue(for: subject(ageYears: 40)) - 2) < 1e-12)
        // An extreme age cannot make the parameter negative.
        #expect(clearance.typicalValue(for: subject(ageYears: 200)) == 0)
    }

    @Test func randomEffectMultipliesByExpEta() {
        let volume = IndividualParameter(name: "V", typicalValue: 72.8, etaIndex: 1)
        let value = volume.value(for: subject(), eta: [0.3, -0.2])
        #expect(abs(value - 72.8 * exp(-0.2)) < 1e-12)
        let fixed = IndividualParameter(name: "F", typicalValue: 0.74)
        #expect(fixed.value(for: subject(), eta: [0.3, -0.2]) == 0.74)
    }

    @Test func modelEvaluatesAllParametersInOrder() {
        let model = IndividualParameterModel(
            parameters: [
                IndividualParameter(name: "KA", typicalValue: 1.64, etaIndex: 0),
                IndividualParameter(name: "CL", typicalValue: 11.6,
                                    effects: [.renal(renalFraction: 0.57, referenceCrClMLPerMin: 100)], etaIndex: 1),
                IndividualParameter(name: "V", typicalValue: 72.8, etaIndex: 2),
            ],
            etaNames: ["KA", "CL", "V"],
            omega: [0.44 * 0.44, 0, 0, 0, 0.21 * 0.21, 0, 0, 0, 0.22 * 0.22])
        var values = [Double](repeating: 0, count: 3)
        model.evaluate(covariates: subject(crCl: 30), eta: [0, 0.1, 0], into: &values)
        #expect(abs(values[0] - 1.64) < 1e-12)
        #expect(abs(values[1] - 11.6 * (0.43 + 0.57 * 0.3) * exp(0.1)) < 1e-12)
        #expect(abs(values[2] - 72.8) < 1e-12)
        #expect(model.index(of: "V") == 2)
    }

    @Test func etaFromStandardNormalsHasCovarianceOmega() throws {
        // Ω with correlation 0.5 between two effects: L·Lᵀ must give Ω back, and η = L·z.
        let omega = [0.04, 0.5 * 0.2 * 0.3, 0.5 * 0.2 * 0.3, 0.09]
        let model = IndividualParameterModel(parameters: [], etaNames: ["CL", "V"], omega: omega)
        let factor = try #require(model.omegaCholesky)
        for row in 0..<2 {
            for column in 0..<2 {
                var sum = 0.0
                for k in 0..<2 { sum += factor[row * 2 + k] * factor[column * 2 + k] }
                #expect(abs(sum - omega[row * 2 + column]) < 1e-15)
            }
        }
        var eta = [0.0, 0.0]
        model.eta(fromStandardNormals: [1, 1], into: &eta)
        #expect(abs(eta[0] - 0.2) < 1e-15)
        #expect(abs(eta[1] - (0.15 + 0.3 * 0.75.squareRoot())) < 1e-15)
    }

    @Test func nonPositiveDefiniteOmegaHasNoFactor() {
        let model = IndividualParameterModel(parameters: [], etaNames: ["CL", "V"], omega: [0.04, 0.1, 0.1, 0.09])
        #expect(model.omegaCholesky == nil)
    }
}
