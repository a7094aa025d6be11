import Foundation
import Testing
@testable import Baclosim

/// ``TargetComparison``: arm, difference and ratio estimates with their Monte Carlo intervals,
/// met/missed, and the generated README section.
@Suite struct TargetComparisonTests {
    func target(_ quantity: TrialTarget.Quantity, interval: ClosedRange<Double>) -> TrialTarget {
        TrialTarget(name: "t", metric: "m", quantity: quantity, value: interval.lowerBound, interval: interval, weight: 1, source: "s")
    }

    let arms = [OutcomeRow(arm: "a", metric: "m", mean: 0.7, se: 0.01), OutcomeRow(arm: "b", metric: "m", mean: 0.8, se: 0.01),
                OutcomeRow(arm: "a", metric: "other", mean: 5, se: 1)]
    let differences = [OutcomeRow(arm: "a-b", metric: "m", mean: -0.1, se: 0.005)]

    @Test func armTargetIsMetWhenTheMeanIsInsideThePublishedInterval() {
        let met = TargetComparison(target: target(.arm("a"), interval: 0.6...0.75), scenario: "s", armRows: arms, differenceRows: differences)
        #expect(met.simulated == 0.7)
        #expect(abs(met.simulatedInterval!.lowerBound - (0.7 - 1.96 * 0.01)) < 1e-12)
        #expect(met.isMet)
        let missed = TargetComparison(target: target(.arm("b"), interval: 0.6...0.75), scenario: "s", armRows: arms, differenceRows: differences)
        #expect(!missed.isMet)
    }

    @Test func differenceTargetReadsThePairedDifferenceRow() {
        let c = TargetComparison(target: target(.difference("a", "b"), interval: -0.2...0), scenario: "s", armRows: arms, differenceRows: differences)
        #expect(c.simulated == -0.1)
        #expect(abs(c.simulatedInterval!.upperBound - (-0.1 + 1.96 * 0.005)) < 1e-12)
    }

    @Test func ratioUsesTheDeltaMethodWithThePairedCovariance() {
        let c = TargetComparison(target: target(.ratio("a", "b"), interval: 0.77...0.99), scenario: "s", armRows: arms, differenceRows: differences)
        let ratio = 0.7 / 0.8
        // cov = (0.01² + 0.01² − 0.005²)/2; var(log r) = se_a²/a² + se_b²/b² − 2 cov/(ab)
        let covariance = (1e-4 + 1e-4 - 0.25e-4) / 2
        let logSE = (1e-4 / 0.49 + 1e-4 / 0.64 - 2 * covariance / 0.56).squareRoot()
        #expect(abs(c.simulated! - ratio) < 1e-12)
        #expect(abs(c.simulatedInterval!.lowerBound - ratio * exp(-1.96 * logSE)) < 1e-12)
        #expect(c.isMet)
    }

    @Test func oddsRatioUsesTheDeltaMethodOnTheLogOdds() {
        let c = TargetComparison(target: target(.oddsRatio("a", "b"), interval: 0.4...0.9), scenario: "s", armRows: arms, differenceRows: differences)
        // (0.7/0.3)/(0.8/0.2) = 0.58333…; d log-odds/dp = 1/(p(1 − p)): 1/0.21 and 1/0.16
        let odds = (0.7 / 0.3) / (0.8 / 0.2)
        let covariance = (1e-4 + 1e-4 - 0.25e-4) / 2
        let logSE = (1e-4 / (0.21 * 0.21) + 1e-4 / (0.16 * 0.16) - 2 * covariance / (0.21 * 0.16)).squareRoot()
        #expect(abs(c.simulated! - odds) < 1e-12)
        #expect(abs(c.simulatedInterval!.upperBound - odds * exp(1.96 * logSE)) < 1e-12)
        #expect(c.isMet)
        #expect(c.target.quantityLabel == "odds a / b")
        // A mean outside (0, 1) has no odds: no estimate, a miss.
        let other = TargetComparison(target: TrialTarget(name: "t", metric: "other", quantity: .oddsRatio("a", "b"), value: 1,
                                                         interval: 0.5...2, weight: 1, source: "s"),
                                     scenario: "s", armRows: arms, differenceRows: differences)
        #expect(other.simulated == nil && !other.isMet)
    }

    @Test func missingEstimateIsAMiss() {
        let c = TargetComparison(target: target(.arm("zzz"), interval: 0...1), scenario: "s", armRows: arms, differenceRows: [])
        #expect(c.simulated == nil && !c.isMet)
        #expect(TargetComparison.markdownTable([c]).contains("| — |"))
    }

    @Test func generatedSectionReplacesOnlyTheTextBetweenTheMarkers() {
        let document = "head\n<!-- targets:begin -->\nold table\n<!-- targets:end -->\ntail\n"
        #expect(TargetComparison.replacingGeneratedSection(in: document, with: "new\n")
                == "head\n<!-- targets:begin -->\nnew\n<!-- targets:end -->\ntail\n")
        #expect(TargetComparison.replacingGeneratedSection(in: "no markers", with: "x") == nil)
        #expect(TargetComparison.replacingGeneratedSection(in: "<!-- targets:end --> <!-- targets:begin -->", with: "x") == nil)
    }
}

extension TargetComparisonTests {
    @Test func monteCarloIntervalAcrossAPublishedBoundIsBorderline() {
        // a: 0.7 ± 0.0196 crosses 0.71.
        let c = TargetComparison(target: target(.arm("a"), interval: 0.71...0.9), scenario: "s", armRows: arms, differenceRows: differences)
        #expect(!c.isMet && c.isBorderline)
        #expect(c.verdict == "**MISS** (borderline: MC interval crosses a bound)")
        let clear = TargetComparison(target: target(.arm("a"), interval: 0.5...0.9), scenario: "s", armRows: arms, differenceRows: differences)
        #expect(clear.isMet && !clear.isBorderline && clear.verdict == "**met**")
    }
}
