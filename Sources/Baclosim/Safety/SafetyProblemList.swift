/// Collects the problems of a safety model's `validationProblems()`: one call per rule, all
/// problems kept, each with a key path relative to the model's block (e.g.
/// `onset.ec50_mg_per_L`; the scenario layer prefixes the block's path and adds file and line).
struct SafetyProblemList {
    private(set) var problems: [ParameterProblem] = []

    /// Records `problem` (no full stop) under `key` with its `fix` unless `isValid`.
    mutating func require(_ isValid: Bool, _ key: String, _ problem: @autoclosure () -> String, fix: @autoclosure () -> String) {
        if !isValid { problems.append(ParameterProblem(keyPath: key, problem: problem(), fix: fix())) }
    }

    /// `value` must be finite and ≥ 0.
    mutating func requireNonNegative(_ value: Double, _ key: String, example: String) {
        require(value.isFinite && value >= 0, key,
                "must be a finite number ≥ 0 (found \(value))", fix: "Use e.g. \(example).")
    }

    /// `value` must be finite and > 0.
    mutating func requirePositive(_ value: Double, _ key: String, example: String) {
        require(value.isFinite && value > 0, key,
                "must be a finite number > 0 (found \(value))", fix: "Use e.g. \(example).")
    }

    /// `value` must be a probability in [0, 1].
    mutating func requireProbability(_ value: Double, _ key: String, example: String) {
        require(value >= 0 && value <= 1, key,
                "must be a probability in [0, 1] (found \(value))", fix: "Use e.g. \(example).")
    }

    /// Validates a concentration-hazard curve under `prefix`.
    mutating func check(_ curve: ConcentrationHazard, prefix: String) {
        requireNonNegative(curve.baselinePerDay, "\(prefix).baseline_per_day", example: "0.004")
        requireNonNegative(curve.maximumDrugHazardPerDay, "\(prefix).emax_per_day", example: "0.05")
        requireNonNegative(curve.ec50MgPerL, "\(prefix).ec50_mg_per_L", example: "0.25")
        requirePositive(curve.hillCoefficient, "\(prefix).hill", example: "1")
    }

    /// Validates a tolerance under `prefix`.
    mutating func check(_ tolerance: HazardTolerance, prefix: String) {
        require(tolerance.floor >= 0 && tolerance.floor <= 1, "\(prefix).floor",
                "must be in [0, 1] (found \(tolerance.floor))", fix: "Use the hazard multiplier left after long stable dosing, e.g. 0.5.")
        requirePositive(tolerance.timeConstantDays, "\(prefix).time_constant_days", example: "14")
    }
}
