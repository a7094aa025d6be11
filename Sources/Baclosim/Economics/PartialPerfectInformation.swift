/// The expected value of partial perfect information (EVPPI) of a group of parameters, from a
/// PSA's draws by the regression method of Strong, Oakley & Brennan (Med Decis Making
/// 2014;34:311-326): each strategy's cost and effect are regressed on a flexible basis of the
/// group's drawn values; the fitted values estimate E[NB | group]; then
/// EVPPI(λ) = mean over draws of max over strategies of the fitted NB − max over strategies of
/// the mean NB. Costs and effects are fitted once, since NB = λ·effect − cost is linear in λ.
///
/// The basis, on standardised values: for one parameter x, x², x³ and (x − k)³₊ at its 25th,
/// 50th and 75th percentiles (a cubic regression spline); for a group of several, x, x², x³ of
/// each and the pairwise products x_i·x_j, so the fit can follow their interaction. At least
/// five draws per basis column are required. A flexible fit on a finite sample
/// overfits a little: the estimate of an irrelevant parameter is a small positive number, not 0
/// (its size shrinks as draws grow), and that of all parameters together falls short of the EVPI
/// by what the basis cannot follow.
public enum PartialPerfectInformation {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// Too few draws for the basis of the group.
        case tooFewDraws(draws: Int, needed: Int)
        case fit(String)

        public var description: String {
            switch self {
            case .tooFewDraws(let draws, let needed): "EVPPI needs at least \(needed) draws for this group of parameters (found \(draws)); run more draws"
            case .fit(let detail): "EVPPI: the regression failed (\(detail))"
            }
        }
    }

    /// EVPPI of the parameters `group` (columns of `values`) at each λ of `willingnessToPay`.
    /// - Parameters:
    ///   - values: per draw, the drawn values of every parameter.
    ///   - costs, effects: per draw, per strategy.
    public static func evppi(values: [[Double]], group: [Int], costs: [[Double]], effects: [[Double]],
                             willingnessToPay: [Double]) throws(Failure) -> [Double] {
        let draws = values.count
        let strategies = costs.first?.count ?? 0
        guard strategies > 1 else { return willingnessToPay.map { _ in 0 } }
        let (design, columns) = basis(values: values, group: group)
        let needed = 5 * columns
        guard draws >= needed else { throw .tooFewDraws(draws: draws, needed: needed) }
        let responses = (0..<strategies).map { s in costs.map { $0[s] } } + (0..<strategies).map { s in effects.map { $0[s] } }
        let fitted: [[Double]]
        do { fitted = try LeastSquares.fittedValues(design: design, rows: draws, columns: columns, responses: responses) } catch {
            throw .fit("\(error)")
        }
        return willingnessToPay.map { lambda in
            var meanOfMax = 0.0
            var means = [Double](repeating: 0, count: strategies)
            for d in 0..<draws {
                var best = -Double.infinity
                for s in 0..<strategies {
                    let nb = lambda * fitted[strategies + s][d] - fitted[s][d]
                    best = max(best, nb)
                    means[s] += lambda * effects[d][s] - costs[d][s]
                }
                meanOfMax += best
            }
            let value = meanOfMax / Double(draws) - means.map { $0 / Double(draws) }.max()!
            return max(0, value)
        }
    }

    /// The design matrix (row-major) of the group's basis, with an intercept, and its columns.
    static func basis(values: [[Double]], group: [Int]) -> (design: [Double], columns: Int) {
        let draws = values.count
        guard draws > 1 else { return ([Double](repeating: 1, count: draws), 1) }
        var columns: [[Double]] = [[Double](repeating: 1, count: draws)]
        var linear: [[Double]] = []
        for p in group {
            let raw = values.map { $0[p] }
            let mean = raw.reduce(0, +) / Double(max(draws, 1))
            let sd = (raw.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(draws - 1, 1))).squareRoot()
            guard sd > 0, sd.isFinite else { continue }
            let x = raw.map { ($0 - mean) / sd }
            let sorted = x.sorted()
            let knots = [0.25, 0.5, 0.75].map { sorted[Int(($0 * Double(draws - 1)).rounded())] }
            linear.append(x)
            columns += [x, x.map { $0 * $0 }, x.map { $0 * $0 * $0 }]
            if group.count == 1 {
                for k in Set(knots).sorted() { columns.append(x.map { $0 > k ? ($0 - k) * ($0 - k) * ($0 - k) : 0 }) }
            }
        }
        for i in linear.indices { for j in linear.indices where j > i { columns.append(zip(linear[i], linear[j]).map { $0 * $1 }) } }
        var design = [Double](repeating: 0, count: draws * columns.count)
        for (c, column) in columns.enumerated() { for d in 0..<draws { design[d * columns.count + c] = column[d] } }
        return (design, columns.count)
    }

    /// Parameter groups from the names of a PSA's drawn values: one per name, the proportions of
    /// a Dirichlet (`key[0]`, `key[1]`, …) together less the last (the others fix it), then
    /// `all` (when there are several).
    public static func groups(valueNames: [String]) -> [(name: String, columns: [Int])] {
        var groups: [(name: String, columns: [Int])] = []
        for (column, name) in valueNames.enumerated() {
            var base = name
            if name.hasSuffix("]"), let open = name.lastIndex(of: "["), Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) != nil {
                base = String(name[..<open])
            }
            if let last = groups.indices.last, groups[last].name == base, base != name {
                groups[last].columns.append(column)
            } else {
                groups.append((base, [column]))
            }
        }
        // A Dirichlet's last proportion is fixed by the others.
        groups = groups.map { $0.columns.count > 1 ? ($0.name, Array($0.columns.dropLast())) : $0 }
        if groups.count > 1 { groups.append(("all", groups.flatMap(\.columns))) }
        return groups
    }

    /// `evppi.csv`: parameters, wtp, evppi — per group (``groups(valueNames:)`` or given) and λ;
    /// a group with too few draws for its basis is left out.
    public static func csv(groups: [(name: String, columns: [Int])], values: [[Double]], costs: [[Double]], effects: [[Double]],
                           willingnessToPay: [Double]) -> String {
        csv(estimates: groups.map { group in
            (group.name, try? evppi(values: values, group: group.columns, costs: costs, effects: effects, willingnessToPay: willingnessToPay))
        }, willingnessToPay: willingnessToPay)
    }

    /// `evppi.csv` from estimates already made (per group, per λ; nil: left out).
    public static func csv(estimates: [(group: String, values: [Double]?)], willingnessToPay: [Double]) -> String {
        var text = "parameters,wtp,evppi\n"
        for (name, values) in estimates {
            guard let values else { continue }
            for (lambda, value) in zip(willingnessToPay, values) {
                text += "\(CSVField.escaped(name)),\(CSVNumber.format(lambda)),\(CSVNumber.format(value))\n"
            }
        }
        return text
    }
}
