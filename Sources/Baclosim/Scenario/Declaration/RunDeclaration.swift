/// The `run:` block: how many subjects, which seed, how many days.
extension BlockDeclaration {
    static let run = BlockDeclaration(
        "run", meaning: "subjects, seed and horizon of the simulation",
        example: "{subjects: 10000, seed: 1, horizon_days: 84}",
        keys: [
            KeyDeclaration("subjects", .integer(unit: "count", minimum: 1, maximum: 999_999_999), .required,
                           meaning: "subjects (each in every arm); `--subjects` overrides", fix: "Give the number of subjects, e.g. 10000."),
            KeyDeclaration("seed", .integer(unit: "", minimum: 0, maximum: 999_999_999), .required,
                           meaning: "seed of every random stream; `--seed` overrides", fix: "Give a non-negative seed, e.g. 1."),
            KeyDeclaration("horizon_days", .integer(unit: "days", minimum: 1, maximum: ScenarioNodeReader.maximumHorizonDays), .required,
                           meaning: "days simulated, 0 … horizon_days − 1 (at most 100 years)",
                           fix: "Give the days to simulate, at most \(ScenarioNodeReader.maximumHorizonDays) (100 years), e.g. 84 for 12 weeks."),
            KeyDeclaration("block_size", .integer(unit: "subjects", minimum: 1, maximum: 999_999_999), .defaulted(.integer(1000)),
                           meaning: "subjects per work block (results do not depend on threads)", fix: "Give subjects per block, e.g. 1000."),
            KeyDeclaration("max_failed_fraction", .number(unit: "", rule: .unitInterval), .defaulted(.number(0.001)),
                           meaning: "the run fails if more subjects than this hit a numerical failure",
                           fix: "Give the tolerated fraction of failed subjects, e.g. 0.001."),
        ])
}
