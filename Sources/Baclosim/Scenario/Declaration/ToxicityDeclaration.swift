/// The `toxicity:` block (scenario level and `drugs.<name>.toxicity`): graded toxicity at high
/// exposure (docs/sources.md#leung2006, #polish2005), or the word `assumed_baclofen`
/// (``ToxicityModel/assumedBaclofen``, assumptions [D]).
extension BlockDeclaration {
    static let toxicity = BlockDeclaration(
        "toxicity", meaning: "grades of toxicity whose daily hazards rise with one drug's exposure (mg/L), mildest first and nested",
        example: "{driver: cmax, grades: [{kind: coma, hazard: {emax_per_day: 2, ec50_mg_per_L: 2.2, hill: 12}, serious: true}]}",
        scalarForms: ["assumed_baclofen"],
        keys: [
            KeyDeclaration("driver", .choice(["cmax", "cavg"]), .defaulted(.text("cmax")),
                           meaning: "the day's exposure the hazards read", fix: "Use cmax or cavg."),
            KeyDeclaration("grades", .list(toxicityGrade), .required, meaning: "the grades, mildest first, each kind once",
                           fix: "List grades mildest first, e.g. [{kind: deep_sedation, hazard: {emax_per_day: 2, ec50_mg_per_L: 1.8, hill: 12}, serious: true}]."),
            KeyDeclaration("tolerance", .block(hazardTolerance), .optional(absent: "none"),
                           meaning: "the hazards fall towards `floor` on a stable dose", fix: "Give {floor: 0.3, time_constant_days: 14}."),
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "what the model is based on", fix: "Write text."),
            KeyDeclaration("source", .text, .optional(absent: ""), meaning: "where the numbers come from", fix: "Write text."),
        ])

    /// A drug's own `drugs.<name>.toxicity`: the same block, or also one of the words that choose
    /// the drug file's block, the scenario's or none (Scenarios/README.md, "Per-drug withdrawal and toxicity").
    static let drugToxicity: BlockDeclaration = {
        var block = toxicity
        block.scalarForms += ScenarioNodeReader.drugSafetyWords
        return block
    }()

    static let toxicityGrade = BlockDeclaration(
        "toxicity grade", meaning: "one grade and its exposure–hazard curve",
        example: "{kind: coma, hazard: {emax_per_day: 2, ec50_mg_per_L: 2.2, hill: 12}, serious: true}",
        keys: [
            KeyDeclaration("kind", .choice(ToxicityKind.allCases.map(\.rawValue)), .required, meaning: "the grade",
                           fix: "Use one of \(ToxicityKind.allCases.map(\.rawValue).joined(separator: ", "))."),
            KeyDeclaration("hazard", .block(concentrationHazard), .required, meaning: "daily hazard at exposure X",
                           fix: "Give {emax_per_day: 2, ec50_mg_per_L: 2.2, hill: 12}."),
            KeyDeclaration("serious", .boolean, .defaulted(.boolean(true)), meaning: "counts as a serious event", fix: "Write true or false."),
            KeyDeclaration("cost_per_event_day", .number(unit: "currency/day", rule: .within(0, 1e9)), .defaulted(.number(0)),
                           meaning: "charged on each day of the event, with the serious-event costs", fix: "Give a cost, e.g. 3000."),
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "what the grade is", fix: "Write text."),
            KeyDeclaration("source", .text, .optional(absent: ""), meaning: "where the numbers come from", fix: "Write text."),
        ])

    static let concentrationHazard = BlockDeclaration(
        "hazard", meaning: "baseline + emax·X^hill/(ec50^hill + X^hill) per day",
        example: "{emax_per_day: 2, ec50_mg_per_L: 2.2, hill: 12}",
        keys: [
            KeyDeclaration("baseline_per_day", .number(unit: "/day", rule: .within(0, 100)), .defaulted(.number(0)),
                           meaning: "hazard without drug", fix: "Give the hazard without drug per day, e.g. 0."),
            KeyDeclaration("emax_per_day", .number(unit: "/day", rule: .within(0, 100)), .required,
                           meaning: "maximal drug hazard (a ceiling is a low value)", fix: "Give the maximal hazard per day, e.g. 2."),
            KeyDeclaration("ec50_mg_per_L", .number(unit: "mg/L", rule: .within(1e-9, 1e6)), .required,
                           meaning: "exposure of half-maximal hazard", fix: "Give the concentration of half-maximal hazard in mg/L, e.g. 2.2."),
            KeyDeclaration("hill", .number(unit: "", rule: .within(1e-3, 100)), .defaulted(.number(1)),
                           meaning: "steepness", fix: "Give the Hill coefficient, e.g. 12."),
        ])

    /// Tolerance of a hazard to a stable dose (toxicity and side effects alike).
    static let hazardTolerance = BlockDeclaration(
        "tolerance", meaning: "a hazard multiplier that falls from 1 towards `floor` with time constant `time_constant_days` on a stable dose",
        example: "{floor: 0.3, time_constant_days: 14}",
        keys: [
            KeyDeclaration("floor", .number(unit: "", rule: .unitInterval), .required,
                           meaning: "the multiplier reached on a long stable dose", fix: "Give the hazard multiplier reached on a long stable dose, e.g. 0.3."),
            KeyDeclaration("time_constant_days", .number(unit: "days", rule: .positive), .required,
                           meaning: "how fast tolerance develops", fix: "Give the time constant in days, e.g. 14."),
        ])
}
