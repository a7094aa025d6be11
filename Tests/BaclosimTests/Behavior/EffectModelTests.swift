import Foundation
import Testing
@testable import Baclosim

@Suite struct EffectModelTests {
    @Test func rm1EffectIsTheHyperbolicEmaxModel() {
        let model = EffectModel(emax: 0.70, ec50MgPerL: 0.20)
        let cavg = 30 / (11.6 * 24)
        #expect(model.effect(concentrationMgPerL: cavg) == 0.70 * cavg / (0.20 + cavg))
        #expect(model.effect(concentrationMgPerL: 0) == 0)
        #expect(abs(model.effect(concentrationMgPerL: 0.20) - 0.35) < 1e-15)
    }

    @Test func sigmoidModelIsHalfMaximalAtEC50AndSteeperWithHill() {
        let steep = EffectModel(emax: 0.8, ec50MgPerL: 0.3, hill: 3)
        #expect(abs(steep.effect(concentrationMgPerL: 0.3) - 0.4) < 1e-15)
        let c = 0.45
        #expect(abs(steep.effect(concentrationMgPerL: c) - 0.8 * pow(c, 3) / (pow(0.3, 3) + pow(c, 3))) < 1e-15)
        let hyperbolic = EffectModel(emax: 0.8, ec50MgPerL: 0.3)
        #expect(steep.effect(concentrationMgPerL: c) > hyperbolic.effect(concentrationMgPerL: c))
        #expect(steep.effect(concentrationMgPerL: 0.1) < hyperbolic.effect(concentrationMgPerL: 0.1))
    }

    @Test func responderMixtureChoosesByTheSubjectUniform() {
        let pd = PharmacodynamicModel(responder: EffectModel(emax: 0.9, ec50MgPerL: 0.2),
                                      responderProbability: 0.4)
        #expect(pd.effectModel(responderUniform: 0.39) == EffectModel(emax: 0.9, ec50MgPerL: 0.2))
        #expect(pd.effectModel(responderUniform: 0.41) == .none)
        #expect(EffectModel.none.effect(concentrationMgPerL: 5) == 0)
    }

    @Test func effectSiteMatchesTheExactSolutionForAConstantInput() {
        // dCe/dt = ke0(C − Ce) with C constant: Ce(t) = C + (Ce0 − C)e^{−ke0 t}. Check the end
        // value and the day mean (midpoint rule, 24,000 steps) over several days.
        let ke0 = 0.05
        let link = EffectSiteLink(ke0PerH: ke0)
        var ce = 0.3
        for cavg in [0.1, 0.1, 0.25, 0.0] {
            let (end, mean) = link.advance(from: ce, averageConcentration: cavg)
            #expect(abs(end - (cavg + (ce - cavg) * exp(-24 * ke0))) < 1e-15)
            var integral = 0.0
            let steps = 24_000
            for i in 0..<steps {
                let t = (Double(i) + 0.5) * 24 / Double(steps)
                integral += cavg + (ce - cavg) * exp(-ke0 * t)
            }
            #expect(abs(mean - integral / Double(steps)) < 1e-9)
            ce = end
        }
        let frozen = EffectSiteLink(ke0PerH: 0).advance(from: 0.2, averageConcentration: 1)
        #expect(frozen.end == 0.2 && frozen.mean == 0.2)
    }
}
