import Foundation
import Testing
@testable import Baclosim

@Suite struct DiscountingTests {
    /// v = (1 + r)^(−1/365.25), computed independently of the implementation.
    func dailyFactor(_ rate: Double) -> Double { pow(1 + rate, -1 / 365.25) }

    @Test func tableSumEqualsClosedFormGeometricSeries() {
        for rate in [0.015, 0.035, 0.06] {
            let days = 3653
            let curve = DiscountCurve(annualRate: rate, horizonDays: days)
            let v = dailyFactor(rate)
            let closedForm = (1 - pow(v, Double(days))) / (1 - v)
            let tableSum = curve.factors.reduce(0, +)
            #expect(abs(tableSum - closedForm) <= 1e-11 * closedForm, "rate \(rate): \(tableSum) vs \(closedForm)")
            #expect(abs(curve.presentValue(ofDailyAmount: 1, days: days) - closedForm) <= 1e-11 * closedForm)
        }
    }

    @Test func oneYearOf365Point25DaysDiscountsByOnePlusRate() {
        let curve = DiscountCurve(annualRate: 0.035, horizonDays: 1462)
        #expect(curve.factor(day: 0) == 1)
        // Day 1461 is exactly 4 years.
        #expect(abs(curve.factor(day: 1461) - pow(1.035, -4)) <= 1e-14)
        #expect(abs(DiscountCurve.factor(annualRate: 0.035, day: 1461) - pow(1.035, -4)) <= 1e-14)
    }

    @Test func daysBeyondTheTableUseTheFormula() {
        let curve = DiscountCurve(annualRate: 0.035, horizonDays: 10)
        #expect(abs(curve.factor(day: 3000) - pow(1.035, -3000 / 365.25)) <= 1e-14)
    }

    @Test func zeroRateLeavesEveryDayUndiscounted() {
        let curve = DiscountCurve(annualRate: 0, horizonDays: 100)
        #expect(curve.factors.allSatisfy { $0 == 1 })
        #expect(curve.presentValue(ofDailyAmount: 2, days: 100) == 200)
    }

    @Test func totalsDiscountCostsAndEffectsAtTheirOwnRates() {
        let days = 730
        let discounting = Discounting(costRatePerYear: 0.035, effectRatePerYear: 0.015, horizonDays: days)
        var totals = EconomicTotals()
        var dayCost = CostBreakdown()
        dayCost.drug = 3
        dayCost.visits = 7
        let qalysPerDay = 0.8 / 365.25
        for day in 0..<days {
            totals.add(day: day, cost: dayCost, qalys: qalysPerDay, lifeYears: 1 / 365.25, discounting: discounting)
        }
        let vCost = dailyFactor(0.035), vEffect = dailyFactor(0.015)
        let costSeries = (1 - pow(vCost, Double(days))) / (1 - vCost)
        let effectSeries = (1 - pow(vEffect, Double(days))) / (1 - vEffect)
        #expect(abs(totals.cost.total - 10 * Double(days)) <= 1e-9)
        #expect(abs(totals.discountedCost.total - 10 * costSeries) <= 1e-9)
        #expect(abs(totals.discountedCost.drug - 3 * costSeries) <= 1e-9)
        #expect(abs(totals.qalys - 0.8 * Double(days) / 365.25) <= 1e-12)
        #expect(abs(totals.discountedQALYs - qalysPerDay * effectSeries) <= 1e-12)
        #expect(abs(totals.discountedLifeYears - effectSeries / 365.25) <= 1e-12)
        #expect(totals.discountedLifeYears < totals.lifeYears)
    }

    @Test func ratesGivenAsPercentagesOrNegativeAreRejectedWithTheFix() {
        let issues = Discounting.validate(costRatePerYear: 3.5, effectRatePerYear: -0.01)
        #expect(issues.map(\.keyPath) == ["costs_per_year", "effects_per_year"])
        #expect(issues[0].description.contains("found 3.5"))
        #expect(issues[0].fix.contains("0.035"))
        #expect(Discounting.validate(costRatePerYear: 0.035, effectRatePerYear: 0).isEmpty)
    }
}
