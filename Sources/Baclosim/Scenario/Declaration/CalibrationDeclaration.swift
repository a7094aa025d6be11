/// The `calibration:` block: the numbers `baclosim calibrate` fits to the scenario's `targets:`
/// (also the `calibration:` of a joint calibration file).
extension BlockDeclaration {
    static let calibration = BlockDeclaration(
        "calibration", meaning: "the numbers `baclosim calibrate` fits to the targets (Nelder–Mead on the logit of each parameter's place between its bounds)",
        example: "{parameters: [{key: drugs.baclofen.effect.emax, initial: 0.5, lower: 0.05, upper: 0.95}]}",
        keys: [
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "what is fitted and why", fix: "Describe the calibration."),
            KeyDeclaration("parameters", .list(calibrationParameter), .required, meaning: "the fitted numbers, at least one, each key once",
                           fix: "List the fitted values, e.g. [{key: drugs.baclofen.effect.emax, initial: 0.5, lower: 0.05, upper: 0.95}]."),
            KeyDeclaration("subjects", .integer(unit: "count", minimum: 2, maximum: 999_999_999), .defaulted(.integer(CalibrationDefinition.defaultSubjects)),
                           meaning: "subjects per evaluation (each in every arm); SE of a proportion ≤ 0.011 at 2000",
                           fix: "Give the subjects per evaluation, e.g. subjects: 2000."),
            KeyDeclaration("max_iterations", .integer(unit: "count", minimum: 1, maximum: 1_000_000), .defaulted(.integer(CalibrationDefinition.defaultMaxIterations)),
                           meaning: "Nelder–Mead iterations (≈ 1.5–2.5 evaluations each); the report says whether it converged",
                           fix: "Give the Nelder–Mead iteration limit, e.g. max_iterations: 100."),
            KeyDeclaration("size_tolerance", .number(unit: "transformed units", rule: .positive), .defaulted(.number(CalibrationDefinition.defaultSizeTolerance)),
                           meaning: "converged when the simplex size falls below this",
                           fix: "Give the simplex size at convergence (transformed units), e.g. 0.01."),
        ])

    static let calibrationParameter = BlockDeclaration(
        "calibration parameter", meaning: "one fitted number: its key path, bounds and start value",
        example: "{key: drugs.baclofen.effect.emax, initial: 0.5, lower: 0.05, upper: 0.95}",
        keys: [
            KeyDeclaration("key", .text, .required, meaning: "key path of a number, as for `sweep`",
                           fix: "Give the key path of a number in this scenario, e.g. drugs.baclofen.effect.emax."),
            KeyDeclaration("initial", .number(unit: "the key's unit", rule: .any), .optional(absent: "the scenario's value, after `overrides:`"),
                           meaning: "start value, strictly between the bounds (give it, so a rerun starts from the same point)",
                           fix: "Give the start value, between lower and upper."),
            KeyDeclaration("lower", .number(unit: "the key's unit", rule: .any), .required, meaning: "lower bound, below `upper` (above 0 with `scale: log`)",
                           fix: "Give the lower bound, e.g. lower: 0.05."),
            KeyDeclaration("upper", .number(unit: "the key's unit", rule: .any), .required, meaning: "upper bound",
                           fix: "Give the upper bound, e.g. upper: 0.95."),
            KeyDeclaration("scale", .choice(["linear", "log"]), .defaulted(.text("linear")),
                           meaning: "`log`: the simplex moves log(value)", fix: "Use scale: linear or log."),
            KeyDeclaration("source", .text, .optional(absent: ""), meaning: "why these bounds, with an evidence tag (docs/sources.md) or ASSUMPTION",
                           fix: "Say why these bounds, with an evidence tag (docs/sources.md) or ASSUMPTION."),
        ])

    /// A joint calibration file (``JointCalibrationSpec``): one parameter set fitted to the
    /// targets of several scenarios.
    static let jointCalibration: BlockDeclaration = {
        var block = BlockDeclaration(
            "joint calibration", meaning: "one shared parameter set fitted to the `targets:` of several trial scenarios at once",
            example: "{schema_version: 1, name: shared-models, scenarios: [a.yaml, b.yaml], calibration: {...}}",
            keys: [
                KeyDeclaration("schema_version", .integer(unit: "", minimum: JointCalibrationSpec.schemaVersion, maximum: JointCalibrationSpec.schemaVersion),
                               .required, meaning: "`\(JointCalibrationSpec.schemaVersion)` (the joint calibration format's own)",
                               fix: "Write schema_version: \(JointCalibrationSpec.schemaVersion)."),
                KeyDeclaration("name", .text, .required, meaning: "the calibration's name", fix: "Name the calibration, e.g. name: shared-models."),
                KeyDeclaration("description", .text, .optional(absent: ""), meaning: "what is fitted", fix: "Say what is fitted, in a sentence."),
                KeyDeclaration("scenarios", .texts(count: nil), .required, meaning: "two or more scenario files with targets, relative to this file",
                               fix: "List the trial scenarios, e.g. scenarios: [garbutt2010.yaml, addolorato2007.yaml]."),
                KeyDeclaration("calibration", .block(calibration), .required, meaning: "the shared parameters (key paths every scenario may have)",
                               fix: "Give calibration: \(calibration.example)."),
            ])
        block.isDocument = true
        return block
    }()
}
