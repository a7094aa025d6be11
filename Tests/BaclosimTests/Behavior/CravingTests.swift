import Foundation
import Testing
@testable import Baclosim

@Suite struct CravingTests {
    @Test func ouStepHasTheExactConditionalMeanAndVariance() {
        let theta = 0.25, sigma = 0.35, x0 = 2.0, m = 0.5
        let process = CravingProcess(reversionPerDay: theta, volatility: sigma)
        var random = BehaviorTestRandom(seed: 10)
        let n = 200_000
        let next = (0..<n).map { _ in process.advance(x0, mean: m, normal: random.normal()) }
        let (mean, variance) = BehaviorStats.meanAndVariance(next)
        let exactMean = m + (x0 - m) * exp(-theta)
        let exactVariance = sigma * sigma * (1 - exp(-2 * theta)) / (2 * theta)
        #expect(abs(mean - exactMean) <= 5 * (exactVariance / Double(n)).squareRoot())
        #expect(abs(variance - exactVariance) <= 5 * exactVariance * (2 / Double(n - 1)).squareRoot())
    }

    @Test func ouStepsComposeToTheExactMultiDayLaw() {
        // k exact one-day steps = one exact k-day step: mean m + (x0 − m)e^{−kθ},
        // variance σ²(1 − e^{−2kθ})/(2θ).
        let theta = 0.25, sigma = 0.35, x0 = -1.0, m = 1.2, k = 6
        let process = CravingProcess(reversionPerDay: theta, volatility: sigma)
        var random = BehaviorTestRandom(seed: 11)
        let n = 40_000
        let values = (0..<n).map { _ -> Double in
            var x = x0
            for _ in 0..<k { x = process.advance(x, mean: m, normal: random.normal()) }
            return x
        }
        let (mean, variance) = BehaviorStats.meanAndVariance(values)
        let exactMean = m + (x0 - m) * exp(-Double(k) * theta)
        let exactVariance = sigma * sigma * (1 - exp(-2 * Double(k) * theta)) / (2 * theta)
        #expect(abs(mean - exactMean) <= 5 * (exactVariance / Double(n)).squareRoot())
        #expect(abs(variance - exactVariance) <= 5 * exactVariance * (2 / Double(n - 1)).squareRoot())
    }

    @Test func ouCachesRM1Constants() {
        let process = CravingProcess(reversionPerDay: 0.25, volatility: 0.35)
        #expect(abs(process.decay - exp(-0.25)) < 1e-16)
        #expect(abs(process.noiseSD - 0.35 * ((1 - exp(-0.5)) / 0.5).squareRoot()) < 1e-15)
        let walk = CravingProcess(reversionPerDay: 0, volatility: 0.35)
        #expect(walk.decay == 1 && walk.noiseSD == 0.35)
    }

    @Test func meanModelAppliesEffectAndModifiersOnTheirDays() {
        let model = CravingMeanModel(psychosocialMultiplier: 0.9, primingMultiplier: 1.5, primingDays: 2,
                                     earlyWithdrawalMultiplier: 1.2, earlyWithdrawalDays: 7)
        let mu = 2.0, effect = 0.25
        #expect(model.mean(baseline: mu, effect: effect, day: 10, lastDrinkingDay: nil,
                           inPsychosocialTherapy: false) == 1.5)
        #expect(abs(model.mean(baseline: mu, effect: effect, day: 10, lastDrinkingDay: 8,
                               inPsychosocialTherapy: true) - 1.5 * 0.9 * 1.5) < 1e-15)
        #expect(model.mean(baseline: mu, effect: effect, day: 10, lastDrinkingDay: 7,
                           inPsychosocialTherapy: false) == 1.5)  // 3 days after: priming over
        #expect(model.mean(baseline: mu, effect: effect, day: 10, lastDrinkingDay: 10,
                           inPsychosocialTherapy: false) == 1.5)  // same day: not yet primed
        #expect(abs(model.mean(baseline: mu, effect: effect, day: 6, lastDrinkingDay: nil,
                               inPsychosocialTherapy: false) - 1.5 * 1.2) < 1e-15)
        #expect(model.mean(baseline: mu, effect: effect, day: 7, lastDrinkingDay: nil,
                           inPsychosocialTherapy: false) == 1.5)
        #expect(CravingMeanModel().mean(baseline: mu, effect: effect, day: 0, lastDrinkingDay: nil,
                                        inPsychosocialTherapy: true) == mu * (1 - effect))
    }

    @Test func cueJumpsAreCompoundPoissonExponential() {
        // Mean λ·m and variance λ·2m² per day.
        let cues = CueExposure(ratePerDay: 0.2, meanJumpSize: 0.5)
        var random = BehaviorTestRandom(seed: 12)
        let n = 100_000
        var sizes = [Double](repeating: 0, count: 8)
        let jumps = (0..<n).map { _ -> Double in
            let countUniform = random.uniform()
            for i in sizes.indices { sizes[i] = random.uniform() }
            return cues.jump(countUniform: countUniform, sizeUniforms: sizes)
        }
        let (mean, variance) = BehaviorStats.meanAndVariance(jumps)
        let exactMean = 0.2 * 0.5, exactVariance = 0.2 * 2 * 0.25
        #expect(abs(mean - exactMean) <= 5 * (exactVariance / Double(n)).squareRoot())
        #expect(abs(variance - exactVariance) <= 0.1 * exactVariance)
        #expect(CueExposure(ratePerDay: 0, meanJumpSize: 1).jump(countUniform: 0.99, sizeUniforms: [0.5]) == 0)
    }

    @Test func reportedScoreIsAMonotoneMapOntoZeroToForty() {
        let score = CravingScore()
        #expect(score.score(craving: -1) == 0 && score.score(craving: 0) == 0)
        var previous = 0.0
        for i in 1...200 {
            let s = score.score(craving: Double(i) * 0.1)
            #expect(s > previous && s < 40)
            previous = s
        }
        #expect(abs(score.score(craving: 1.5) - 40 * (1 - exp(-1))) < 1e-12)
    }
}
