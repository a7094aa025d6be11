/// Withdrawal from a drug whose effect the body has adapted to (baclofen, benzodiazepines,
/// opioids), after docs/model.md#10-drug-withdrawal-and-toxicity:
///
///     W_d = max(0, A_d − E_d − threshold)        drive, from A_d before today's update
///     h_d = k·W_d                                 daily hazard of a withdrawal day
///     withdrawal day iff u < 1 − e^{−h_d}
///     A_{d+1} = A_d + (E_d − A_d)(1 − e^{−1/τ}),  τ = τ_up if E_d > A_d else τ_down
///
/// A taper keeps `E` falling slowly enough for `A` to follow; an abrupt stop does not. `E` is
/// the level of the model's ``driver``: the arm's craving effect (baclofen, RM-1) or the drug's
/// own occupancy (benzodiazepines, opioid agonists, which have no craving effect here).
///
/// **Assumptions.** No published data tie taper speed to withdrawal risk for oral baclofen
/// (docs/sources.md#gap-4: no quantitative evidence links taper speed to the incidence of withdrawal):
/// `τ_up`, `τ_down`, the threshold, `k` and the severity tiers are assumptions, to be labelled
/// as such in scenario files. Qualitative anchors: withdrawal is reported mostly after months
/// at high doses (shortest oral exposure 5 months in a 23-case review), hence a slow `τ_up`;
/// oral withdrawal follows the last dose within about 1–3 days, hence a short `τ_down`; label
/// advice is to taper over 1–2 weeks (pms-Baclofen monograph).
public struct WithdrawalModel: Sendable, Hashable {
    /// What `A` follows: the craving effect (default) or the drug's own occupancy
    /// (``WithdrawalDriver``). `E` in the formulas above is this driver's level.
    public let driver: WithdrawalDriver
    /// `τ_up`: time constant of adaptation while the effect exceeds it (days, > 0).
    public let adaptationRiseTimeConstantDays: Double
    /// `τ_down`: time constant of de-adaptation while the effect is below it (days, > 0).
    public let adaptationFallTimeConstantDays: Double
    /// Gap `A − E` tolerated without withdrawal (effect units, ≥ 0).
    public let driveThreshold: Double
    /// `k`: withdrawal-day hazard per unit of drive (per day per effect unit, ≥ 0).
    public let hazardPerUnitDrive: Double
    /// Symptom tiers, mildest first (may be empty: withdrawal days without a tier).
    public let severityTiers: [WithdrawalSeverityTier]
    /// A withdrawal day at this tier or worse asks the caller to reinstate the drug; `nil` never.
    /// (Leo & Baer 2005: baclofen was reinstated in 43.5% of 23 oral cases; D'Aleo 2007:
    /// hallucinations resolved after restart.)
    public let reinstateAtSymptom: WithdrawalSymptom?

    /// `1 − e^{−1/τ_up}`, computed once.
    let riseGain: Double
    /// `1 − e^{−1/τ_down}`, computed once.
    let fallGain: Double

    /// Creates a withdrawal model; see the properties for units.
    public init(adaptationRiseTimeConstantDays: Double, adaptationFallTimeConstantDays: Double,
                driveThreshold: Double, hazardPerUnitDrive: Double,
                severityTiers: [WithdrawalSeverityTier] = [], reinstateAtSymptom: WithdrawalSymptom? = nil,
                driver: WithdrawalDriver = .cravingEffect) {
        self.driver = driver
        self.adaptationRiseTimeConstantDays = adaptationRiseTimeConstantDays
        self.adaptationFallTimeConstantDays = adaptationFallTimeConstantDays
        self.driveThreshold = driveThreshold
        self.hazardPerUnitDrive = hazardPerUnitDrive
        self.severityTiers = severityTiers
        self.reinstateAtSymptom = reinstateAtSymptom
        self.riseGain = DailyHazard.probability(ofHazard: 1 / adaptationRiseTimeConstantDays)
        self.fallGain = DailyHazard.probability(ofHazard: 1 / adaptationFallTimeConstantDays)
    }

    /// RM-1: τ_up 20 d, τ_down 3 d, threshold 0.05, k 3.0, no tiers (docs/rm1.md#4-one-day-step-by-step,
    /// steps 5–6). Assumed values, as every withdrawal parameter.
    public static let rm1 = WithdrawalModel(adaptationRiseTimeConstantDays: 20, adaptationFallTimeConstantDays: 3,
                                            driveThreshold: 0.05, hazardPerUnitDrive: 3.0)

    /// Assumed default tiers for the RM-1 effect scale (Emax 0.7; an abrupt stop from 60 mg/d
    /// at steady state gives W ≈ 0.31). Every withdrawal day has at least anxiety; worse tiers
    /// need a larger drive, so they follow fast, large falls of the effect. Assumptions only.
    public static let assumedSeverityTiers: [WithdrawalSeverityTier] = [
        WithdrawalSeverityTier(symptom: .anxiety, driveThreshold: 0, probabilitySlopePerUnitDrive: .infinity),
        WithdrawalSeverityTier(symptom: .tachycardia, driveThreshold: 0.05, probabilitySlopePerUnitDrive: 4),
        WithdrawalSeverityTier(symptom: .hallucinations, driveThreshold: 0.10, probabilitySlopePerUnitDrive: 2),
        WithdrawalSeverityTier(symptom: .psychosis, driveThreshold: 0.15, probabilitySlopePerUnitDrive: 1),
        WithdrawalSeverityTier(symptom: .convulsions, driveThreshold: 0.20, probabilitySlopePerUnitDrive: 0.5),
    ]

    /// Daily withdrawal-day hazard `k·W` for a drive `W` (per day).
    @inline(__always)
    func hazardPerDay(drive: Double) -> Double {
        hazardPerUnitDrive * drive
    }
}
