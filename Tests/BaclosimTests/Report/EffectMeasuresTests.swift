import Foundation
import Testing
@testable import Baclosim

/// Effect measures against textbook values on hand-built 2×2 tables, and the survival
/// comparison against a direct computation over a small set of subjects.
@Suite struct EffectMeasuresTests {
    func measure(_ estimates: [EffectEstimate], _ name: String) throws -> EffectEstimate {
        try #require(estimates.first { $0.measure == name })
    }

    /// 20/100 events against 10/100, independent arms with binomial standard errors: RD 0.1
    /// (0.002, 0.198), RR 2 with SE(log RR) = √(1/20 − 1/100 + 1/10 − 1/100), OR 2.25 with
    /// Woolf's SE √(1/20 + 1/80 + 1/10 + 1/90), NNT 10 with the inverted RD interval.
    @Test func aTwoByTwoTableGivesTheTextbookMeasures() throws {
        let pA = 0.2, pB = 0.1, n = 100.0
        let effects = EffectMeasures.binary(pA: pA, pB: pB, seA: (pA * (1 - pA) / n).squareRoot(), seB: (pB * (1 - pB) / n).squareRoot(),
                                            seDifference: nil)
        let rd = try measure(effects, "risk_difference")
        #expect(abs(rd.estimate - 0.1) < 1e-15)
        #expect(abs((rd.ciLow ?? .nan) - 0.002) < 1e-12 && abs((rd.ciHigh ?? .nan) - 0.198) < 1e-12)
        let rr = try measure(effects, "risk_ratio")
        let seRR = (1.0 / 20 - 1.0 / 100 + 1.0 / 10 - 1.0 / 100).squareRoot()
        #expect(abs(rr.estimate - 2) < 1e-12)
        #expect(abs((rr.ciLow ?? .nan) - 2 * exp(-1.96 * seRR)) < 1e-12 && abs((rr.ciHigh ?? .nan) - 2 * exp(1.96 * seRR)) < 1e-12)
        #expect(abs((rr.ciLow ?? .nan) - 0.9866) < 5e-5)   // 0.987 to 4.05
        let or = try measure(effects, "odds_ratio")
        let seOR = (1.0 / 20 + 1.0 / 80 + 1.0 / 10 + 1.0 / 90).squareRoot()
        #expect(abs(or.estimate - 2.25) < 1e-12)
        #expect(abs((or.ciLow ?? .nan) - 2.25 * exp(-1.96 * seOR)) < 1e-12)
        #expect(abs((or.ciHigh ?? .nan) - 5.0917) < 5e-4)
        let nnt = try measure(effects, "nnt")
        #expect(abs(nnt.estimate - 10) < 1e-12)
        #expect(abs((nnt.ciLow ?? .nan) - 1 / 0.198) < 1e-9 && abs((nnt.ciHigh ?? .nan) - 500) < 1e-6)
        // A difference whose interval includes 0: the NNT's runs through infinity, left empty.
        let unclear = EffectMeasures.binary(pA: 0.12, pB: 0.1, seA: 0.03, seB: 0.03, seDifference: nil)
        #expect(try measure(unclear, "nnt").ciLow == nil)
        // No ratio for a zero proportion, no odds ratio for a certain one.
        #expect(EffectMeasures.binary(pA: 0, pB: 0.1, seA: 0, seB: 0.03, seDifference: nil).map(\.measure) == ["risk_difference", "nnt"])
    }

    /// With common random numbers the paired SE gives the covariance: identical arms give a
    /// zero-width interval around RR 1, a positive covariance narrows the ratio's interval.
    @Test func thePairedErrorNarrowsTheIntervals() throws {
        let same = EffectMeasures.binary(pA: 0.3, pB: 0.3, seA: 0.01, seB: 0.01, seDifference: 0)
        let rr = try measure(same, "risk_ratio")
        #expect(rr.estimate == 1 && abs((rr.ciLow ?? .nan) - 1) < 1e-12 && abs((rr.ciHigh ?? .nan) - 1) < 1e-12)
        let independent = try measure(EffectMeasures.binary(pA: 0.35, pB: 0.3, seA: 0.01, seB: 0.01, seDifference: nil), "odds_ratio")
        let paired = try measure(EffectMeasures.binary(pA: 0.35, pB: 0.3, seA: 0.01, seB: 0.01, seDifference: 0.005), "odds_ratio")
        #expect((paired.ciHigh ?? .nan) - (paired.ciLow ?? .nan) < (independent.ciHigh ?? .nan) - (independent.ciLow ?? .nan))
    }

    @Test func theStandardizedMeanDifferenceIsOverThePooledSD() throws {
        let effects = EffectMeasures.continuous(meanA: 5, meanB: 3, sdA: 3, sdB: 5, seA: 0.1, seB: 0.1, seDifference: 0.05)
        let md = try measure(effects, "mean_difference")
        #expect(md.estimate == 2 && abs((md.ciLow ?? .nan) - (2 - 1.96 * 0.05)) < 1e-12)
        let smd = try measure(effects, "standardized_mean_difference")
        #expect(abs(smd.estimate - 2 / 17.0.squareRoot()) < 1e-12)   // pooled SD √((9 + 25)/2) = √17
    }

    /// Two small arms, computed directly from each subject's (day, event) over the distinct
    /// event days: O − E and V of the log-rank test, the MH hazard ratio and its Greenland–Robins
    /// variance, and the RMST (without censoring before τ, the mean of min(time, τ)).
    @Test func theSurvivalComparisonMatchesADirectComputation() throws {
        let horizon = 10
        // (day, event): an event on `day`, or censored after `day`.
        let armA: [(Int, Bool)] = [(0, true), (2, true), (2, true), (3, false), (5, true), (9, false), (9, false), (7, true)]
        let armB: [(Int, Bool)] = [(1, true), (4, true), (6, true), (9, false), (9, false), (9, false), (8, true), (9, false)]
        var countsA = KaplanMeierCounts(horizonDays: horizon), countsB = KaplanMeierCounts(horizonDays: horizon)
        for (day, event) in armA { countsA.add(day: day, event: event) }
        for (day, event) in armB { countsB.add(day: day, event: event) }
        let comparison = SurvivalComparison(countsA, countsB, tauDays: horizon)

        var oMinusE = 0.0, v = 0.0, num = 0.0, den = 0.0, gr = 0.0
        for day in 0..<horizon {
            // At risk on a day: an event or censoring on that day or later.
            let nA = Double(armA.filter { $0.0 >= day }.count), nB = Double(armB.filter { $0.0 >= day }.count)
            let eA = Double(armA.filter { $0.0 == day && $0.1 }.count), eB = Double(armB.filter { $0.0 == day && $0.1 }.count)
            let n = nA + nB, e = eA + eB
            guard e > 0 else { continue }
            oMinusE += eA - e * nA / n
            v += nA * nB * e * (n - e) / (n * n * (n - 1))
            num += eA * nB / n
            den += eB * nA / n
            gr += e * nA * nB / (n * n)
        }
        #expect(abs(comparison.observedMinusExpected - oMinusE) < 1e-12)
        #expect(abs(comparison.variance - v) < 1e-12)
        #expect(abs(comparison.chiSquare - oMinusE * oMinusE / v) < 1e-12)
        #expect(abs(comparison.hazardRatio - num / den) < 1e-12)
        #expect(abs(comparison.logHazardRatioVariance - gr / (num * den)) < 1e-12)
        #expect(abs(comparison.pValue - erfc((oMinusE * oMinusE / v / 2).squareRoot())) < 1e-12)

        // RMST without censoring before the end: B's subjects, times d + 1 or τ = 10.
        let timesB = armB.map { $0.1 ? Double($0.0 + 1) : Double(horizon) }
        #expect(abs(comparison.rmstB - timesB.reduce(0, +) / Double(timesB.count)) < 1e-12)
        // With censoring (A censors one subject on day 3), the product-limit area.
        let rowsA = countsA.table()
        var area = 1.0   // S(−1)
        for d in 0..<(horizon - 1) { area += rowsA[d].survival }
        #expect(abs(comparison.rmstA - area) < 1e-12)
        #expect(comparison.tauDays == horizon)
    }
}
