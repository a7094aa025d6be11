/// A drug entry's `effect:` (`drugs.<name>.effect`): E = Emax·C^h/(EC50^h + C^h) lowers the mean of
/// craving to μ_i(1 − E), C the day's exposure (docs/model.md, drug effect).
extension BlockDeclaration {
    static let drugEffect = BlockDeclaration(
        "effect", meaning: "the drug's effect on craving: E = Emax·C^h/(EC50^h + C^h) lowers the mean of craving to μ_i(1 − E)",
        example: "{exposure: cavg, emax: 0.7, ec50_mg_per_L: 0.2}",
        keys: [
            KeyDeclaration("exposure", .choice(["cavg", "cmax", "enzyme_inactivation"]), .defaulted(.text("cavg")),
                           meaning: "C is the day's average (`cavg`) or peak (`cmax`) concentration, or the inactivated enzyme fraction (`enzyme_inactivation`, below)",
                           fix: "Use exposure: cavg, cmax or enzyme_inactivation."),
            KeyDeclaration("emax", .number(unit: "", rule: .unitInterval), .required,
                           meaning: "maximal fractional reduction of mean craving", fix: "Give the maximal fractional reduction of mean craving, e.g. 0.7."),
            KeyDeclaration("ec50_mg_per_L", .number(unit: "mg/L", rule: .positive), .optional(absent: "required unless exposure: enzyme_inactivation"),
                           meaning: "concentration of half-maximal effect", fix: "Give the concentration of half-maximal effect in mg/L, e.g. 0.2."),
            KeyDeclaration("hill", .number(unit: "", rule: .aboveZeroAtMost(20)), .defaulted(.number(1)),
                           meaning: "Hill coefficient h", fix: "Give the Hill coefficient (0–20), e.g. 1."),
            KeyDeclaration("responder_probability", .number(unit: "", rule: .unitInterval), .defaulted(.number(1)),
                           meaning: "share of responders (drawn per subject)", fix: "Give the share of responders, e.g. 0.38 (Imbert 2015)."),
            KeyDeclaration("non_responder_emax", .number(unit: "", rule: .unitInterval), .defaulted(.number(0)),
                           meaning: "Emax of non-responders", fix: "Give non-responders' Emax, e.g. 0."),
            KeyDeclaration("inactivation", .block(enzymeInactivation), .optional(absent: "required with exposure: enzyme_inactivation"),
                           meaning: "`enzyme_inactivation` only: dI/dt = kinact·C/(KI + C)·(1 − I) − kdeg·I, C the day's Cavg",
                           fix: "Give \(enzymeInactivation.example)."),
            KeyDeclaration("ec50_inactivated_fraction", .number(unit: "", rule: .within(1e-9, 1)), .optional(absent: "required with exposure: enzyme_inactivation"),
                           meaning: "`enzyme_inactivation` only: I50, the inactivated fraction of half-maximal effect (replaces `ec50_mg_per_L`)",
                           fix: "Give the inactivated enzyme fraction of half-maximal effect (0–1), e.g. 0.5."),
        ])

    static let enzymeInactivation = BlockDeclaration(
        "inactivation", meaning: "an irreversible enzyme inhibitor's inactivation and the enzyme's turnover",
        example: "{kinact_per_h: 0.1, ki_mg_per_L: 50, kdeg_per_h: 0.0096}",
        keys: [
            KeyDeclaration("kinact_per_h", .number(unit: "/h", rule: .nonNegative), .required,
                           meaning: "maximal inactivation rate", fix: "Give the maximal inactivation rate per hour, e.g. 0.1."),
            KeyDeclaration("ki_mg_per_L", .number(unit: "mg/L", rule: .positive), .required,
                           meaning: "Cavg of half-maximal inactivation rate", fix: "Give the concentration of half-maximal inactivation rate in mg/L, e.g. 50."),
            KeyDeclaration("kdeg_per_h", .number(unit: "/h", rule: .positive), .required,
                           meaning: "enzyme turnover (t½ = ln 2/kdeg)", fix: "Give the enzyme turnover rate per hour (ln 2 / t½), e.g. 0.0096."),
        ])
}
