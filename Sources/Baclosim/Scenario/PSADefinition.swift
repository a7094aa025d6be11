/// The `psa:` block: the parameters `baclosim psa` draws, the number of draws and inner-loop
/// subjects, and the willingness-to-pay values of the acceptability outputs.
public struct PSADefinition: Sendable {
    /// Outer-loop draws (overridden by `--draws`).
    public var draws: Int
    /// Subjects per draw (inner loop); `nil`: the scenario's `run.subjects`.
    public var subjectsPerDraw: Int?
    /// The distributions, validated, with their correlations.
    public var parameterSet: PSAParameterSet
    /// λ values (currency per QALY) for `ceac.csv` and `evpi.csv`.
    public var willingnessToPay: [Double]

    /// Default λ grid when the block gives none: 0 to 50,000 by 5,000 (covers the NICE
    /// £20,000–30,000/QALY range and common US thresholds' lower end).
    public static let defaultWillingnessToPay: [Double] = stride(from: 0.0, through: 50_000, by: 5_000).map { $0 }

    /// The overrides that put one draw's flat values (``PSAParameterSet/draw(iteration:seed:)``)
    /// into the scenario: a scalar parameter's key path gets its value; a Dirichlet's key path
    /// names a list, whose items `key[0]`, `key[1]`, … get the components.
    public func overrides(values: [Double]) -> [(String, Double)] {
        var result: [(String, Double)] = []
        for (index, parameter) in parameterSet.parameters.enumerated() {
            let offset = parameterSet.offsets[index]
            switch parameter.distribution {
            case .scalar:
                result.append((parameter.keyPath, values[offset]))
            case .dirichlet(let dirichlet):
                for k in 0..<dirichlet.dimension { result.append(("\(parameter.keyPath)[\(k)]", values[offset + k])) }
            }
        }
        return result
    }

    /// Column names of one draw's flat values: key paths (Dirichlet components as `key[k]`).
    public var valueNames: [String] {
        overrides(values: [Double](repeating: 0, count: parameterSet.valueCount)).map(\.0)
    }
}
