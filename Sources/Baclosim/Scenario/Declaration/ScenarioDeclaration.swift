/// The top level of a scenario file: its keys, each a value or a block with a section of its own
/// in `Scenarios/README.md`.
extension BlockDeclaration {
    static let scenario: BlockDeclaration = {
        var block = BlockDeclaration(
            "scenario", meaning: "what to simulate, for whom, under which arms, and what to report",
            example: "{schema_version: \(Scenario.schemaVersion), name: my-scenario, run: {subjects: 1000, seed: 1, horizon_days: 84}, ...}",
            keys: [
                KeyDeclaration("schema_version", .integer(unit: "", minimum: 1, maximum: nil), .required,
                               meaning: "`\(Scenario.schemaVersion)`; a file of an earlier version is an error that says to run `baclosim migrate` (below)",
                               fix: "Write schema_version: \(Scenario.schemaVersion)."),
                KeyDeclaration("name", .text, .required, meaning: "scenario name; default output folder `out/<name>/`",
                               fix: "Name the scenario, e.g. name: taper-comparison."),
                KeyDeclaration("description", .text, .optional(absent: ""), meaning: "one sentence", fix: "Describe the scenario in a sentence."),
                KeyDeclaration("run", .block(.run), .required, meaning: "subjects, seed, horizon",
                               fix: "Give run: \(BlockDeclaration.run.example)."),
                KeyDeclaration("population", .block(.population), .required, meaning: "covariate distributions",
                               fix: "Give the population block (see Scenarios/README.md) or include: a file with it."),
                section("drugs", .optional(absent: "none"), "drugs the arms use, with their effect on craving"),
                section("arms", .required, "the arms; the first is the reference for default paired differences",
                        fix: "Give a list of arms, e.g. [{name: placebo}, {name: baclofen, drug: baclofen, regimen: {...}}]."),
                KeyDeclaration("adherence", .block(.adherence), .optional(absent: "every dose taken"), meaning: "dose taking",
                               fix: "Give the adherence block (see Scenarios/README.md) or include: a file with it."),
                KeyDeclaration("craving", .block(.craving), .required, meaning: "latent craving process",
                               fix: "Give the craving block (see Scenarios/README.md) or include: a file with it."),
                KeyDeclaration("drinking", .block(.drinking), .required, meaning: "drinking states, hazards, amounts",
                               fix: "Give the drinking block (see Scenarios/README.md) or include: a file with it."),
                KeyDeclaration("side_effects", .list(.sideEffect), .optional(absent: "none"),
                               meaning: "side effects reported (background rate, consequences; drug parts per drug)",
                               fix: "List side effects, e.g. [\(BlockDeclaration.sideEffect.example)]."),
                KeyDeclaration("withdrawal", .block(.withdrawal), .optional(absent: "not modelled"),
                               meaning: "drug withdrawal (adaptation model) for every drug without its own choice under `drugs.<name>`",
                               fix: "Give the withdrawal block (see Scenarios/README.md) or include: a file with it."),
                KeyDeclaration("alcohol_withdrawal", .block(.alcoholWithdrawal), .optional(absent: "not modelled"),
                               meaning: "alcohol withdrawal seizures and delirium tremens at treatment start",
                               fix: "Give the alcohol_withdrawal block (see Scenarios/README.md) or include: a file with it."),
                KeyDeclaration("toxicity", .block(.toxicity), .optional(absent: "not modelled"),
                               meaning: "high-exposure toxicity grades, likewise per drug under `drugs.<name>`",
                               fix: "Give the toxicity block (see Scenarios/README.md) or include: a file with it."),
                KeyDeclaration("endpoints", .list(.endpoint), .required, meaning: "per-subject trial endpoints",
                               fix: "List endpoints, e.g. [\(BlockDeclaration.endpoint.example)]."),
                KeyDeclaration("metrics", .block(.metrics), .optional(absent: "none"), meaning: "exposure and craving summaries on given days",
                               fix: "Give {exposure: [...], craving: [...]}."),
                KeyDeclaration("differences", .list(.difference), .optional(absent: "every arm against the first"), meaning: "paired differences to report",
                               fix: "Give a list, e.g. [\(BlockDeclaration.difference.example)]."),
                KeyDeclaration("subgroups", .list(.subgroup), .optional(absent: "none"), meaning: "subgroups every table is also reported for",
                               fix: "Give a list, e.g. [{name: women, sex: female}, {name: elderly, age_years: [65, 120]}]."),
                KeyDeclaration("targets", .list(.target), .optional(absent: "none"), meaning: "published results to compare with (`baclosim targets`)",
                               fix: "Give a list of targets, e.g. [\(BlockDeclaration.target.example)]."),
                KeyDeclaration("economics", .block(.economics), .optional(absent: "no costs or QALYs"),
                               meaning: "costs, utilities, mortality, discounting",
                               fix: "Give the economics block (see Scenarios/README.md) or include: a file with it."),
                KeyDeclaration("sweep", .block(.sweep), .optional(absent: "none"), meaning: "grid or one-way values for `baclosim sweep`",
                               fix: "Give sweep: \(BlockDeclaration.sweep.example)."),
                KeyDeclaration("psa", .block(.psa), .optional(absent: "none"), meaning: "parameter distributions for `baclosim psa`",
                               fix: "Give psa: \(BlockDeclaration.psa.example)."),
                KeyDeclaration("calibration", .block(.calibration), .optional(absent: "none"), meaning: "parameters `baclosim calibrate` fits to the `targets:`",
                               fix: "Give calibration: \(BlockDeclaration.calibration.example)."),
                section("overrides", .optional(absent: "none"), "`key.path: number` entries applied before decoding, e.g. a calibration's output"),
            ])
        block.isDocument = true
        return block
    }()

    /// A top-level block still decoded by hand, documented in its own section.
    private static func section(_ name: String, _ presence: KeyDeclaration.Presence, _ meaning: String, fix: String? = nil) -> KeyDeclaration {
        KeyDeclaration(name, .section(name), presence, meaning: meaning,
                       fix: fix ?? "Give the \(name) block (see Scenarios/README.md) or include: a file with it.")
    }
}
