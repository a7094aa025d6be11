/// The `sweep:` block: the values `baclosim sweep` runs the scenario at (a grid, or one value at
/// a time), each addressed by the key path of a number in the scenario.
extension BlockDeclaration {
    static let sweep = BlockDeclaration(
        "sweep", meaning: "the values `baclosim sweep` runs the scenario at, one full run per point (common random numbers)",
        example: "{kind: grid, parameters: [{key: drugs.baclofen.effect.emax, values: [0.5, 0.7]}]}",
        keys: [
            KeyDeclaration("kind", .choice(SweepDefinition.Kind.allCases.map(\.rawValue)), .defaulted(.text(SweepDefinition.Kind.grid.rawValue)),
                           meaning: "`grid`: every combination of the values; `one_way`: each parameter alone, the others at their base value (a tornado)",
                           fix: "Use kind: grid or one_way."),
            KeyDeclaration("parameters", .list(sweepParameter), .required,
                           meaning: "the varied numbers, at least one, each key once; at most 100,000 points",
                           fix: "List the varied values, e.g. [{key: drugs.baclofen.effect.emax, values: [0.5, 0.7]}]."),
        ])

    static let sweepParameter = BlockDeclaration(
        "sweep parameter", meaning: "one varied number: its key path and its values",
        example: "{key: drugs.baclofen.effect.emax, values: [0.5, 0.7]}",
        exactlyOneOf: [["values", "low", "relative"]],
        keys: [
            KeyDeclaration("key", .text, .required,
                           meaning: "key path of a number in this scenario, includes resolved, list items by index (`arms[1].regimen.maintenance_mg_per_day`); a wrong path is reported with a \"did you mean\"",
                           fix: "Give the key path of a number in this scenario, e.g. drugs.baclofen.effect.emax."),
            KeyDeclaration("values", .numbers(unit: "the key's unit", rule: .any), .optional(absent: "`low`/`high` or `relative`"),
                           meaning: "the values, at least one", fix: "Give the values as a list of numbers, e.g. [30, 60, 90]."),
            KeyDeclaration("low", .number(unit: "the key's unit", rule: .any), .optional(absent: "`values` or `relative`"),
                           meaning: "with `high`: the two values low and high", fix: "Give the low value (with high)."),
            KeyDeclaration("high", .number(unit: "the key's unit", rule: .any), .optional(absent: "only with `low`"),
                           meaning: "the high value, with `low`", fix: "Give the high value (with low)."),
            KeyDeclaration("relative", .number(unit: "fraction", rule: .positive), .optional(absent: "`values` or `low`/`high`"),
                           meaning: "the two values base × (1 − r) and base × (1 + r), base the scenario's value",
                           fix: "Give the relative change, e.g. relative: 0.25 for ±25 %."),
        ])
}
