/// The `withdrawal:` block (scenario level, `drugs.<name>.withdrawal` and drug files): drug
/// withdrawal by adaptation (docs/model.md section 10). All values are assumptions
/// (docs/sources.md#gap-4).
extension BlockDeclaration {
    static let withdrawal = BlockDeclaration(
        "withdrawal", meaning: "adaptation A follows the driver's level E, slowly up and fast down; drive W = max(0, A − E − threshold); a withdrawal day with probability 1 − e^{−kW}",
        example: "{tau_up_days: 20, tau_down_days: 3, threshold: 0.05, hazard_per_unit_drive: 3}",
        keys: [
            KeyDeclaration("driver", .block(withdrawalDriver), .optional(absent: "`craving_effect`: E is the arm drug's effect on craving"),
                           meaning: "what A follows: the word `craving_effect`, or an occupancy of the drug's own exposure (for drugs without a craving effect: benzodiazepines, opioid agonists)",
                           fix: "Write craving_effect, or {kind: occupancy, exposure: cavg, ec50_mg_per_L: 0.1, hill: 1} for a drug without a craving effect."),
            KeyDeclaration("tau_up_days", .number(unit: "days", rule: .within(1e-3, 36_525)), .required,
                           meaning: "adaptation rise time constant", fix: "Give the adaptation rise time constant in days, e.g. 20."),
            KeyDeclaration("tau_down_days", .number(unit: "days", rule: .within(1e-3, 36_525)), .required,
                           meaning: "adaptation fall time constant", fix: "Give the adaptation fall time constant in days, e.g. 3."),
            KeyDeclaration("threshold", .number(unit: "driver units", rule: .within(0, 1e6)), .required,
                           meaning: "gap A − E tolerated without withdrawal", fix: "Give the drive threshold, e.g. 0.05."),
            KeyDeclaration("hazard_per_unit_drive", .number(unit: "/day per driver unit", rule: .within(0, 1e6)), .required,
                           meaning: "k", fix: "Give the hazard per unit drive, e.g. 3."),
            KeyDeclaration("severity_tiers", .list(withdrawalTier), .optional(absent: "`none`"),
                           meaning: "`none`, `assumed_default` (anxiety, tachycardia, hallucinations, psychosis, convulsions by drive, in craving-effect units) or a list, mildest first, in the driver's units",
                           fix: "Use none, assumed_default, or list tiers [{symptom: anxiety, drive_threshold: 0}, ...].",
                           words: ["none", "assumed_default"]),
            KeyDeclaration("reinstate_at_symptom", .choice(WithdrawalSymptom.allCases.map(\.key)), .optional(absent: "never"),
                           meaning: "a drug stopped early (after a side effect) is restarted the next day when withdrawal reaches this tier (Leo & Baer 2005: reinstated in 43.5% of 23 oral cases)",
                           fix: "Use one of \(WithdrawalSymptom.allCases.map(\.key).joined(separator: ", ")), e.g. hallucinations."),
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the assumptions", fix: "Describe the assumptions."),
            KeyDeclaration("source", .text, .optional(absent: ""), meaning: "where the values come from", fix: "Describe the assumptions."),
        ])

    /// A drug's own `drugs.<name>.withdrawal`: the same block, or a word choosing the drug file's
    /// block, the scenario's or none (Scenarios/README.md, "Per-drug withdrawal and toxicity").
    static let drugWithdrawal: BlockDeclaration = {
        var block = withdrawal
        block.scalarForms += ScenarioNodeReader.drugSafetyWords
        return block
    }()

    static let withdrawalDriver = BlockDeclaration(
        "driver", meaning: "occupancy E = C^h/(C^h + EC50^h) of the drug's own exposure C, in mg/L of that drug",
        example: "{kind: occupancy, exposure: cavg, ec50_mg_per_L: 0.1, hill: 1}",
        scalarForms: ["craving_effect"],
        keys: [
            KeyDeclaration("kind", .choice(["craving_effect", "occupancy"]), .required, meaning: "`occupancy` (or `craving_effect`, as the word alone)",
                           fix: "Use occupancy (or the word craving_effect instead of a mapping)."),
            KeyDeclaration("exposure", .choice(["cavg", "cmax"]), .defaulted(.text("cavg")), meaning: "the day's exposure read", fix: "Use cavg or cmax."),
            KeyDeclaration("ec50_mg_per_L", .number(unit: "mg/L", rule: .within(1e-9, 1e6)), .optional(absent: "required for occupancy"),
                           meaning: "concentration of half occupancy", fix: "Give the concentration of half occupancy in mg/L of this drug, e.g. 0.1."),
            KeyDeclaration("hill", .number(unit: "", rule: .within(1e-3, 100)), .defaulted(.number(1)), meaning: "steepness", fix: "Give the Hill coefficient, e.g. 1."),
        ])

    static let withdrawalTier = BlockDeclaration(
        "severity tier", meaning: "a symptom possible from a drive threshold on, with a probability rising with the drive (no slope: certain from the threshold on)",
        example: "{symptom: hallucinations, drive_threshold: 0.2, probability_slope_per_unit_drive: 2}",
        keys: [
            KeyDeclaration("symptom", .choice(WithdrawalSymptom.allCases.map(\.key)), .required, meaning: "the tier's symptom",
                           fix: "Use one of \(WithdrawalSymptom.allCases.map(\.key).joined(separator: ", "))."),
            KeyDeclaration("drive_threshold", .number(unit: "driver units", rule: .within(0, 1e6)), .required,
                           meaning: "drive at which the tier becomes possible", fix: "Give the drive at which the tier becomes possible, e.g. 0.2."),
            KeyDeclaration("probability_slope_per_unit_drive", .number(unit: "per driver unit", rule: .within(1e-9, 1e6)), .optional(absent: "certain"),
                           meaning: "how fast the tier's probability rises per unit drive",
                           fix: "Give how fast the tier's probability rises per unit drive, e.g. 2 (leave out for certain)."),
        ])
}
