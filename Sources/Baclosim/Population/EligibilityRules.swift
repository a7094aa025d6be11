/// What happens to a subject who fails a rule of an arm.
enum EligibilityAction: Sendable, Equatable {
    /// Not enrolled in this arm (the arm's outcomes leave the subject out).
    case exclude
    /// Given the named arm's treatment instead (e.g. a pregnant woman gets the psychosocial
    /// arm rather than baclofen).
    case reassign(toArm: String)
}

/// Why a subject failed an arm's eligibility rules.
enum IneligibilityReason: Sendable, Equatable, Hashable {
    /// Positive pregnancy screen (pregnancy is a contraindication for baclofen).
    case pregnancy
    /// Creatinine clearance below the arm's minimum.
    case renalImpairment
    /// A liver disease category the arm excludes (e.g. naltrexone in cirrhosis).
    case liverDisease
    /// Age outside the arm's range.
    case age
}

/// The outcome of an arm's eligibility check.
enum EligibilityOutcome: Sendable, Equatable {
    /// Enrolled in the arm.
    case eligible
    /// Left out of the arm.
    case excluded(IneligibilityReason)
    /// Given another arm's treatment.
    case reassigned(toArm: String, reason: IneligibilityReason)
}

/// The outcome plus what the screen did (pregnancy tests cost money and enter the economics).
struct EligibilityDecision: Sendable, Equatable {
    /// Eligible, excluded or reassigned.
    var outcome: EligibilityOutcome
    /// A pregnancy test was performed.
    var pregnancyTested: Bool
    /// The pregnancy test was positive (true or false positive).
    var pregnancyTestPositive: Bool
}

/// Pregnancy screening: women in `testedAgeYears` take a test; a positive test triggers
/// `action`. A pregnant woman whose test is falsely negative (or who is not tested) is enrolled.
struct PregnancyScreening: Sendable, Equatable {
    /// Women aged `[lowerYears, upperYears)` are tested (childbearing age).
    /// Lower end of the tested ages, years (inclusive).
    var testedLowerAgeYears: Double = 15
    /// Upper end of the tested ages, years (exclusive).
    var testedUpperAgeYears: Double = 50
    /// P(negative test | pregnant); 0 = a perfect test.
    var falseNegativeProbability: Double = 0
    /// P(positive test | not pregnant).
    var falsePositiveProbability: Double = 0
    /// What a positive test does.
    var action: EligibilityAction = .exclude
}

/// Creatinine clearance below `minimumMLPerMin` fails (renal dose rules live with the regimen).
struct RenalExclusion: Sendable, Equatable {
    /// Minimum creatinine clearance, mL/min (e.g. 30).
    var minimumMLPerMin: Double
    /// What failing does.
    var action: EligibilityAction = .exclude
}

/// Listed liver disease categories fail.
struct LiverExclusion: Sendable, Equatable {
    /// Categories that fail.
    var excluded: [LiverDisease]
    /// What failing does.
    var action: EligibilityAction = .exclude
}

/// Ages outside `[minimumYears, maximumYears]` fail.
struct AgeRestriction: Sendable, Equatable {
    /// Youngest eligible age, years.
    var minimumYears: Double = 18
    /// Oldest eligible age, years.
    var maximumYears: Double = .infinity
    /// What failing does.
    var action: EligibilityAction = .exclude
}

/// One arm's eligibility rules, declared as data (docs/model.md#2-population-and-covariates). A rule left `nil`
/// is not checked.
struct EligibilityRules: Sendable, Equatable {
    /// Pregnancy screening (baclofen: a negative test required).
    var pregnancy: PregnancyScreening?
    /// Minimum creatinine clearance.
    var renal: RenalExclusion?
    /// Excluded liver disease categories.
    var liver: LiverExclusion?
    /// Age range.
    var age: AgeRestriction?

    /// Checks a subject. Rules are applied in a fixed order — pregnancy, renal, liver, age —
    /// and the first that fails decides the outcome.
    ///
    /// Deterministic given the covariates except for the pregnancy test's errors, which read
    /// `pregnancyTestUniform` (from the subject's own screening stream, the same in every arm):
    /// a pregnant woman tests positive iff `u ≥ falseNegativeProbability`, a non-pregnant one
    /// iff `u < falsePositiveProbability`. No other draws, so excluding a subject never shifts
    /// anyone else's random numbers.
    /// - Parameter pregnancyTestUniform: uniform in (0, 1); unused unless a test is taken.
    func evaluate(_ subject: Covariates, pregnancyTestUniform u: Double) -> EligibilityDecision {
        var tested = false
        var positive = false
        if let screening = pregnancy, subject.sex == .female,
           subject.ageYears >= screening.testedLowerAgeYears,
           subject.ageYears < screening.testedUpperAgeYears {
            tested = true
            positive = subject.pregnant
                ? u >= screening.falseNegativeProbability
                : u < screening.falsePositiveProbability
            if positive {
                return EligibilityDecision(outcome: Self.apply(screening.action, .pregnancy),
                                           pregnancyTested: true, pregnancyTestPositive: true)
            }
        }
        var outcome = EligibilityOutcome.eligible
        if let renal, subject.creatinineClearanceMLPerMin < renal.minimumMLPerMin {
            outcome = Self.apply(renal.action, .renalImpairment)
        } else if let liver, liver.excluded.contains(subject.liver) {
            outcome = Self.apply(liver.action, .liverDisease)
        } else if let age, subject.ageYears < age.minimumYears || subject.ageYears > age.maximumYears {
            outcome = Self.apply(age.action, .age)
        }
        return EligibilityDecision(outcome: outcome, pregnancyTested: tested,
                                   pregnancyTestPositive: positive)
    }

    /// The outcome of failing a rule with `action`.
    private static func apply(_ action: EligibilityAction,
                              _ reason: IneligibilityReason) -> EligibilityOutcome {
        switch action {
        case .exclude: return .excluded(reason)
        case .reassign(let arm): return .reassigned(toArm: arm, reason: reason)
        }
    }
}
