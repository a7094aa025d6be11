import Foundation

/// Discount factors for one annual rate, applied per day.
///
/// **Convention.** A flow (a cost, a QALY, a life-day) that accrues on day d (0-based, day 0 is
/// the first simulated day) is discounted as if it occurred at the *start* of that day:
///
///     factor(d) = (1 + r)^(−d / 365.25)
///
/// so day 0 is undiscounted and day 365.25·k carries exactly (1 + r)^(−k). This is the daily
/// analogue of "discount at the start of each cycle"; it differs from mid-day timing by the
/// factor (1 + r)^(−1/730.5) ≈ 1 − 4.7·10⁻⁵ at 3.5%, which is negligible. Cycle models that
/// discount by whole years ((1 + r)^(−⌊t⌋), e.g. annual-cycle Markov models) give somewhat larger
/// present values within each year; the per-day rule is the continuous-time limit of both.
///
/// The factors for days `0..<horizonDays` are tabulated once (per scenario) so that the subject-
/// day path reads an array; each entry is computed directly as `exp(−d·ln(1 + r)/365.25)`, not
/// by repeated multiplication, so no rounding accumulates over long horizons.
public struct DiscountCurve: Sendable, Equatable {
    /// Annual discount rate r as a fraction (0.035 for 3.5% per year).
    public let annualRate: Double
    /// `factors[d]` = factor(d) for d in `0..<horizonDays`.
    public let factors: [Double]

    /// Tabulates factor(d) for d in `0..<horizonDays`.
    /// - Parameters:
    ///   - annualRate: r ≥ 0 and < 1, a fraction per year (validate scenario input with
    ///     `Discounting.validate`).
    ///   - horizonDays: number of simulated days ≥ 0.
    public init(annualRate: Double, horizonDays: Int) {
        precondition(horizonDays >= 0, "DiscountCurve: horizonDays must be ≥ 0")
        assert(annualRate > -1 && annualRate.isFinite, "DiscountCurve: annual rate must be > −1")
        self.annualRate = annualRate
        let logDecayPerDay = log1p(annualRate) / YearLength.days
        self.factors = (0..<horizonDays).map { exp(-Double($0) * logDecayPerDay) }
    }

    /// Number of tabulated days.
    public var horizonDays: Int { factors.count }

    /// factor(d) = (1 + r)^(−d/365.25), from the table inside the horizon and from the formula
    /// beyond it.
    /// - Parameter day: day index ≥ 0.
    @inline(__always)
    public func factor(day: Int) -> Double {
        day < factors.count ? factors[day] : DiscountCurve.factor(annualRate: annualRate, day: day)
    }

    /// (1 + r)^(−day/365.25) without a table.
    public static func factor(annualRate: Double, day: Int) -> Double {
        exp(-Double(day) * log1p(annualRate) / YearLength.days)
    }

    /// Present value at day 0 of `amountPerDay` accruing on each of days `0..<days`: the
    /// geometric series amount·(1 − v^n)/(1 − v) with v = (1 + r)^(−1/365.25) (amount·n when
    /// r = 0). Closed form, for checks and for flows that are constant per day.
    public func presentValue(ofDailyAmount amountPerDay: Double, days: Int) -> Double {
        let logV = -log1p(annualRate) / YearLength.days
        if logV == 0 { return amountPerDay * Double(days) }
        // (1 − v^n)/(1 − v) with expm1 for accuracy when r is small.
        return amountPerDay * expm1(Double(days) * logV) / expm1(logV)
    }
}

/// The two discount curves of an analysis: one for costs and one for effects (QALYs and
/// life-years). NICE's reference case uses 3.5% for both (docs/sources.md#nice-pmg36, [U]); some
/// jurisdictions discount effects at a lower rate, hence two.
public struct Discounting: Sendable, Equatable {
    /// Discounting of costs.
    public let costs: DiscountCurve
    /// Discounting of QALYs and life-years.
    public let effects: DiscountCurve

    /// Tabulates both curves over `horizonDays` days.
    /// - Parameters:
    ///   - costRatePerYear: annual rate for costs, a fraction (0.035 = 3.5%).
    ///   - effectRatePerYear: annual rate for QALYs and life-years, a fraction.
    ///   - horizonDays: simulated days.
    public init(costRatePerYear: Double, effectRatePerYear: Double, horizonDays: Int) {
        costs = DiscountCurve(annualRate: costRatePerYear, horizonDays: horizonDays)
        effects = DiscountCurve(annualRate: effectRatePerYear, horizonDays: horizonDays)
    }

    /// No discounting (both rates 0).
    public static func none(horizonDays: Int) -> Discounting {
        Discounting(costRatePerYear: 0, effectRatePerYear: 0, horizonDays: horizonDays)
    }

    /// Problems with scenario discount rates (keys `costs_per_year`, `effects_per_year`,
    /// relative to the `discount_rates` block); empty when valid.
    public static func validate(costRatePerYear: Double, effectRatePerYear: Double) -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        for (key, rate) in [("costs_per_year", costRatePerYear), ("effects_per_year", effectRatePerYear)]
        where !(rate >= 0 && rate < 1) {
            issues.append(ParameterProblem(
                keyPath: key, problem: "must be a fraction per year in [0, 1) (found \(ParameterProblem.formatNumber(rate)))",
                fix: "Write the rate as a fraction, e.g. 0.035 for 3.5% per year (NICE reference case), or 0 for none."))
        }
        return issues
    }
}
