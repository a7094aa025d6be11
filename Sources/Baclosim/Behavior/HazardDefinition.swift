import Foundation

/// Which clock a baseline hazard reads.
enum HazardClock: String, Sendable, Equatable {
    /// Days spent in the current state before today (0 on the first day in the state).
    case timeInState
    /// Study day `d`.
    case studyDay
}

/// Constant multipliers on a hazard from covariates and from the subject's history and status.
/// Every multiplier defaults to 1 (no effect).
struct HazardMultipliers: Sendable, Equatable {
    /// Applied to men.
    var male: Double = 1
    /// Applied with psychiatric comorbidity.
    var psychiatric: Double = 1
    /// Applied with compensated liver disease.
    var compensatedLiver: Double = 1
    /// Applied with cirrhosis.
    var cirrhosis: Double = 1
    /// Raised to the power (DSM-5 criteria − `referenceDSM5Criteria`).
    var perDSM5Criterion: Double = 1
    /// Reference criteria count for `perDSM5Criterion`.
    var referenceDSM5Criteria: Int = 6
    /// Log hazard ratio per year of current age above `referenceAgeYears` (current age =
    /// age at day 0 + d/365.25).
    var logPerAgeYear: Double = 0
    /// Reference age, years.
    var referenceAgeYears: Double = 40
    /// Applied once the subject has had a drinking day before today (RM-1: 4).
    var hasDrunk: Double = 1
    /// Applied while the side-effect flag passed in is set (e.g. dropout with an intolerable
    /// side effect).
    var sideEffect: Double = 1
    /// p: the hazard is multiplied by the subject's drinking frailty to the power p (0: not at
    /// all; 1: in proportion). Subject-level heterogeneity in how often a subject drinks, beyond
    /// the covariates (a shared frailty across the hazards that opt in).
    var drinkingFrailtyPower: Double = 0
}

/// Everything of a hazard except its baseline: the clock and the proportional factors.
/// Trivially copyable, so the daily kernel reads it in place.
struct HazardModifiers: Sendable, Equatable {
    /// Clock the baseline reads.
    var clock: HazardClock = .timeInState
    /// β: log hazard ratio per unit of latent craving.
    var cravingCoefficient: Double = 0
    /// Craving at which the craving factor is 1.
    var cravingReference: Double = 0
    /// Log hazard ratio per unit of drug effect E (a direct effect besides the one via craving).
    var effectCoefficient: Double = 0
    /// s in [0, 1]: the hazard is multiplied by `1 − s·E` (E = the day's drug effect, a
    /// fraction in [0, 1]), so s = 1 reads `h × (1 − E)`: the drug's PD model removes the
    /// fraction E of the hazard (e.g. dropout under opioid agonist treatment: retention then
    /// depends on the drug, its dose and its exposure through `PharmacodynamicModel`).
    /// Dimensionless; 0 = no such effect (the default; RM-1 and the alcohol models).
    var effectReduction: Double = 0
    /// Covariate and status multipliers.
    var multipliers: HazardMultipliers = HazardMultipliers()
    /// Multiply by the arm's treatment hazard ratio passed in (false e.g. for dropout).
    var appliesTreatmentHazardRatio: Bool = true

    /// Elapsed days on this hazard's clock.
    @inline(__always)
    func elapsedDays(day: Int, daysInState: Int) -> Int {
        clock == .timeInState ? daysInState : day
    }

    /// `base × exp(β·(x − x_ref)) × exp(β_E·E) × (1 − s·E) × treatment × Π multipliers`, per day.
    /// The factors multiply in this order, so RM-1's `0.03 × exp(1.2(x − 1)) × 4` is reproduced
    /// bit for bit.
    /// - Complexity: O(1) (one `exp` per non-zero coefficient); allocation-free.
    @inline(__always)
    func apply(to base: Double, subject: Covariates, context: DrinkingDayContext,
               hasDrunk: Bool) -> Double {
        var h = base
        guard h > 0 else { return 0 }
        if cravingCoefficient != 0 { h *= exp(cravingCoefficient * (context.craving - cravingReference)) }
        if effectCoefficient != 0 { h *= exp(effectCoefficient * context.effect) }
        if effectReduction != 0 { h *= max(0, 1 - effectReduction * context.effect) }
        if hasDrunk { h *= multipliers.hasDrunk }
        if context.sideEffect { h *= multipliers.sideEffect }
        if appliesTreatmentHazardRatio { h *= context.treatmentHazardRatio }
        if subject.sex == .male { h *= multipliers.male }
        if subject.psychiatric { h *= multipliers.psychiatric }
        switch subject.liver {
        case .none: break
        case .compensated: h *= multipliers.compensatedLiver
        case .cirrhosis: h *= multipliers.cirrhosis
        }
        if multipliers.perDSM5Criterion != 1 {
            h *= pow(multipliers.perDSM5Criterion,
                     Double(subject.dsm5Criteria - multipliers.referenceDSM5Criteria))
        }
        if multipliers.drinkingFrailtyPower != 0 {
            h *= multipliers.drinkingFrailtyPower == 1 ? subject.drinkingFrailty : pow(subject.drinkingFrailty, multipliers.drinkingFrailtyPower)
        }
        if multipliers.logPerAgeYear != 0 {
            let age = subject.ageYears + Double(context.day) / 365.25
            h *= exp(multipliers.logPerAgeYear * (age - multipliers.referenceAgeYears))
        }
        return h
    }
}

/// A proportional hazard `h = base(τ) × exp(β·(x − x_ref)) × exp(β_E·E) × (1 − s·E) × treatment × Π multipliers`
/// (docs/model.md#7-drinking-as-a-multi-state-process), declared as data. RM-1's drinking hazard is
/// `base = constant 0.03, β = 1.2, x_ref = 1, hasDrunk = 4`.
struct HazardDefinition: Sendable, Equatable {
    /// Baseline hazard on `modifiers.clock`.
    var baseline: BaselineHazard
    /// Clock and proportional factors.
    var modifiers: HazardModifiers

    /// Declares a hazard; see `HazardModifiers` for the parameters.
    init(baseline: BaselineHazard, clock: HazardClock = .timeInState, cravingCoefficient: Double = 0,
         cravingReference: Double = 0, effectCoefficient: Double = 0, effectReduction: Double = 0,
         multipliers: HazardMultipliers = HazardMultipliers(), appliesTreatmentHazardRatio: Bool = true) {
        self.baseline = baseline
        modifiers = HazardModifiers(clock: clock, cravingCoefficient: cravingCoefficient,
                                    cravingReference: cravingReference, effectCoefficient: effectCoefficient,
                                    effectReduction: effectReduction, multipliers: multipliers,
                                    appliesTreatmentHazardRatio: appliesTreatmentHazardRatio)
    }

    /// The day's hazard (per day, ≥ 0), evaluated from the declaration. The daily kernel uses
    /// the compiled form in `DrinkingProcess`, which gives the same value.
    /// - Parameters:
    ///   - subject: the subject's covariates.
    ///   - context: today's dynamic inputs.
    ///   - daysInState: days spent in the current state before today.
    ///   - hasDrunk: the subject had a drinking day before today.
    func hazard(subject: Covariates, context: DrinkingDayContext, daysInState: Int,
                hasDrunk: Bool) -> Double {
        let tau = modifiers.elapsedDays(day: context.day, daysInState: daysInState)
        return modifiers.apply(to: baseline.dayHazard(elapsedDays: tau), subject: subject,
                               context: context, hasDrunk: hasDrunk)
    }
}
