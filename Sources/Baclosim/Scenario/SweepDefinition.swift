/// The `sweep:` block: which scenario values `baclosim sweep` varies, and how.
///
/// - `grid`: every combination of the parameters' values (the first parameter varies slowest).
/// - `one_way`: point 0 is the base case (the scenario as written); then each parameter in turn
///   takes each of its values while the others keep their base values (one-way sensitivity,
///   the input of a tornado table).
public struct SweepDefinition: Sendable, Equatable {
    /// How points are formed.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case grid
        case oneWay = "one_way"
    }

    /// One varied value.
    public struct Parameter: Sendable, Equatable {
        /// Key path of the value in the scenario (see ``ScenarioOverride``).
        public var keyPath: String
        /// The value the scenario file gives it.
        public var baseValue: Double
        /// The values it takes, in order; for one-way sweeps the first is "low" and the last
        /// "high" in the tornado table.
        public var values: [Double]
    }

    /// Grid or one-way.
    public var kind: Kind
    /// The varied values, in scenario order.
    public var parameters: [Parameter]

    /// Most points a sweep may have: each is a full run (or cohort), and every point is listed
    /// in memory and in the sweep's store.
    public static let maximumPoints = 100_000

    /// The number of points, without listing them (saturating at `Int.max` for a grid whose
    /// product overflows).
    public var pointCount: Int {
        switch kind {
        case .grid:
            return parameters.reduce(1) { count, parameter in
                let (product, overflow) = count.multipliedReportingOverflow(by: parameter.values.count)
                return overflow ? .max : product
            }
        case .oneWay:
            return parameters.reduce(1) { $0 + $1.values.count }
        }
    }

    /// Every point of the sweep, indexed from 0.
    public var points: [SweepPoint] {
        switch kind {
        case .grid:
            var combinations: [[Double]] = [[]]
            for parameter in parameters {
                combinations = combinations.flatMap { prefix in parameter.values.map { prefix + [$0] } }
            }
            return combinations.enumerated().map { SweepPoint(index: $0.offset, values: $0.element, variedParameter: nil) }
        case .oneWay:
            let base = parameters.map(\.baseValue)
            var points = [SweepPoint(index: 0, values: base, variedParameter: nil)]
            for (p, parameter) in parameters.enumerated() {
                for value in parameter.values {
                    var values = base
                    values[p] = value
                    points.append(SweepPoint(index: points.count, values: values, variedParameter: p))
                }
            }
            return points
        }
    }

    /// The overrides that make `point`'s scenario: every parameter of a grid point, only the
    /// varied one of a one-way point (none for the base case).
    public func overrides(for point: SweepPoint) -> [(String, Double)] {
        switch kind {
        case .grid:
            return zip(parameters, point.values).map { ($0.keyPath, $1) }
        case .oneWay:
            guard let p = point.variedParameter else { return [] }
            return [(parameters[p].keyPath, point.values[p])]
        }
    }
}

/// One point of a sweep.
public struct SweepPoint: Sendable, Equatable {
    /// Position in ``SweepDefinition/points``.
    public var index: Int
    /// Every parameter's value at this point, in parameter order (base values where not varied).
    public var values: [Double]
    /// The parameter a one-way point varies; `nil` for grid points and the base case.
    public var variedParameter: Int?
}
