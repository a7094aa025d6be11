/// One invalid safety parameter, found by a model's `validationProblems()`.
///
/// The key is relative to the model's block (e.g. `onset.ec50_mg_per_L`); the scenario layer
/// prefixes the block's path (e.g. `side_effects[2].`) and adds the file and line.
public struct SafetyParameterProblem: Sendable, Hashable, CustomStringConvertible {
    /// Scenario-style key of the offending parameter, relative to the block.
    public var key: String
    /// What is wrong, with the value found, and how to fix it.
    public var message: String

    /// Creates a problem record.
    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    /// `key: message`.
    public var description: String { "\(key): \(message)" }
}

/// Collects problems for validation functions: one call per rule, all problems kept.
struct SafetyProblemList {
    private(set) var problems: [SafetyParameterProblem] = []

    /// Records a problem under `key` unless `isValid`.
    mutating func require(_ isValid: Bool, _ key: String, _ message: @autoclosure () -> String) {
        if !isValid { problems.append(SafetyParameterProblem(key: key, message: message())) }
    }

    /// `value` must be finite and ≥ 0.
    mutating func requireNonNegative(_ value: Double, _ key: String, example: String) {
        require(value.isFinite && value >= 0, key,
                "must be a finite number ≥ 0 (found \(value)). Use e.g. \(example).")
    }

    /// `value` must be finite and > 0.
    mutating func requirePositive(_ value: Double, _ key: String, example: String) {
        require(value.isFinite && value > 0, key,
                "must be a finite number > 0 (found \(value)). Use e.g. \(example).")
    }

    /// `value` must be a probability in [0, 1].
    mutating func requireProbability(_ value: Double, _ key: String, example: String) {
        require(value >= 0 && value <= 1, key,
                "must be a probability in [0, 1] (found \(value)). Use e.g. \(example).")
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
                "must be in [0, 1] (found \(tolerance.floor)). Use the hazard multiplier left after long stable dosing, e.g. 0.5.")
        requirePositive(tolerance.timeConstantDays, "\(prefix).time_constant_days", example: "14")
    }
}
