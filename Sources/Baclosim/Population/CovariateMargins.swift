import Foundation

// Marginal distributions of the covariates. Each reads one coordinate `y` of the Gaussian
// copula: continuous margins use `y` directly, discrete ones the uniform `u = Φ(y)`.

/// A lognormal margin `v = median·exp(logSD·y)` (= `exp(ln(median) + logSD·y)`, computed without
/// the log so that y = 0 gives the median exactly), optionally clamped to `[lower, upper]`.
///
/// RM-1: weight `exp(ln 80 + 0.18·z1)` (men), CrCl `min(180, max(15, exp(ln 100 + 0.25·z2)))`,
/// craving `exp(0.30·z3)` (median 1).
struct LogNormalMargin: Sendable, Equatable {
    /// Median of the unclamped distribution, in the covariate's unit.
    var median: Double
    /// Standard deviation of the natural log (≈ CV for small values).
    var logSD: Double
    /// Lower clamp (same unit as `median`); `-infinity` for none.
    var lower: Double = -.infinity
    /// Upper clamp; `+infinity` for none.
    var upper: Double = .infinity

    /// The value at correlated normal `y`.
    func value(normal y: Double) -> Double {
        min(upper, max(lower, median * exp(logSD * y)))
    }
}

/// Age at day 0, in years.
enum AgeDistribution: Sendable, Equatable {
    /// Everyone has this age.
    case fixed(years: Double)
    /// Uniform on `[lowerYears, upperYears]`: `lower + (upper − lower)·Φ(y)`.
    case uniform(lowerYears: Double, upperYears: Double)
    /// Normal(mean, sd) truncated to `[lowerYears, upperYears]`, by inversion:
    /// `mean + sd·Φ⁻¹(Φ(α) + Φ(y)·(Φ(β) − Φ(α)))`, α, β the standardised bounds.
    case truncatedNormal(meanYears: Double, sdYears: Double, lowerYears: Double, upperYears: Double)
    /// Any distribution of the shared vocabulary (`distribution: NAME`), bounded
    /// (``CovariateMargin``).
    case distribution(BoundedDistribution)

    /// The age at correlated normal `y`.
    func ageYears(normal y: Double) -> Double {
        switch self {
        case .fixed(let years):
            return years
        case .uniform(let lower, let upper):
            return lower + (upper - lower) * StandardNormalDistribution.cdf(y)
        case .truncatedNormal(let mean, let sd, let lower, let upper):
            let pLower = StandardNormalDistribution.cdf((lower - mean) / sd)
            let pUpper = StandardNormalDistribution.cdf((upper - mean) / sd)
            let p = pLower + StandardNormalDistribution.cdf(y) * (pUpper - pLower)
            let age = mean + sd * StandardNormalDistribution.quantile(p)
            return min(upper, max(lower, age))
        case .distribution(let bounded):
            return bounded.value(uniform: StandardNormalDistribution.cdf(y))
        }
    }
}

/// Body weight by sex, in kg: a margin per sex.
struct WeightDistribution: Sendable, Equatable {
    /// Men's weight margin (kg).
    var male: CovariateMargin
    /// Women's weight margin (kg).
    var female: CovariateMargin

    /// Weight for `sex` at correlated normal `y`, in kg.
    func weightKg(sex: Sex, normal y: Double) -> Double {
        (sex == .male ? male : female).value(normal: y)
    }
}

/// How renal function is drawn.
enum RenalFunctionModel: Sendable, Equatable {
    /// Creatinine clearance drawn directly (mL/min), e.g. lognormal clamped to [15, 180] (RM-1),
    /// or a truncated distribution (``CovariateMargin``).
    case creatinineClearance(CovariateMargin)
    /// Serum creatinine drawn (mg/dL; divide µmol/L by 88.42), clearance from Cockcroft–Gault
    /// with the subject's age, weight and sex, then clamped to `[lowerMLPerMin, upperMLPerMin]`.
    case cockcroftGault(serumCreatinineMgPerDL: CovariateMargin, lowerMLPerMin: Double,
                        upperMLPerMin: Double)

    /// Creatinine clearance (mL/min) at correlated normal `y`.
    func creatinineClearanceMLPerMin(normal y: Double, ageYears: Double, weightKg: Double,
                                     sex: Sex) -> Double {
        switch self {
        case .creatinineClearance(let margin):
            return margin.value(normal: y)
        case .cockcroftGault(let serumCreatinine, let lower, let upper):
            let clearance = CockcroftGault.creatinineClearanceMLPerMin(
                ageYears: ageYears, weightKg: weightKg,
                serumCreatinineMgPerDL: serumCreatinine.value(normal: y), sex: sex)
            return min(upper, max(lower, clearance))
        }
    }
}

/// Liver disease category probabilities; `none` has the remainder.
struct LiverDiseaseDistribution: Sendable, Equatable {
    /// P(compensated liver disease).
    var compensated: Double = 0
    /// P(cirrhosis).
    var cirrhosis: Double = 0

    /// Category at uniform `u`: [0, p_none) none, then compensated, then cirrhosis.
    func category(uniform u: Double) -> LiverDisease {
        let none = 1 - compensated - cirrhosis
        if u < none { return .none }
        if u < none + compensated { return .compensated }
        return .cirrhosis
    }
}

/// AUD severity as the count of DSM-5 criteria met (2…11: a diagnosis needs at least 2).
enum DSM5CriteriaDistribution: Sendable, Equatable {
    /// Everyone meets this many criteria.
    case fixed(Int)
    /// `2 + Binomial(9, p)`: each of the 9 criteria beyond the two required is met with
    /// probability `p`, independently. Drawn by inversion of `u`.
    case binomial(probabilityPerCriterion: Double)
    /// Probabilities of 2, 3, …, 11 criteria (10 entries, summing to 1). Inverted from `u`.
    case categorical([Double])

    /// Criteria count at uniform `u`.
    func criteria(uniform u: Double) -> Int {
        switch self {
        case .fixed(let n):
            return n
        case .binomial(let p):
            return 2 + DiscreteInversion.binomial(uniform: u, trials: 9, probability: p)
        case .categorical(let probabilities):
            var cumulative = 0.0
            for (k, p) in probabilities.enumerated() {
                cumulative += p
                if u < cumulative { return 2 + k }
            }
            return 1 + probabilities.count
        }
    }
}

/// Probability of pregnancy at screening by age band, for women only.
struct PregnancyDistribution: Sendable, Equatable {
    /// One age band `[lowerYears, upperYears)` and the probability of being pregnant in it.
    struct Band: Sendable, Equatable {
        /// Lower age, years (inclusive).
        var lowerYears: Double
        /// Upper age, years (exclusive).
        var upperYears: Double
        /// P(pregnant) for a woman in the band.
        var probability: Double
    }
    /// Bands, non-overlapping; ages outside every band (and all men) are never pregnant.
    var bands: [Band] = []

    /// Probability for a subject of this sex and age.
    func probability(sex: Sex, ageYears: Double) -> Double {
        guard sex == .female else { return 0 }
        for band in bands where ageYears >= band.lowerYears && ageYears < band.upperYears {
            return band.probability
        }
        return 0
    }
}
