import Foundation

extension PKSimulation {
    /// Most output times a `--times` range may produce.
    public static let maximumTimes = 1_000_000

    /// Output times from a `--times` specification: a comma list (`0,2.5,12`) or a range
    /// `start:stop:step` (`0:168:1`, stop included when it falls on the grid). Times are hours
    /// from time 0, finite and ≥ 0.
    ///
    /// Range points are `start + i·step` rounded to 12 significant digits, so `0:1:0.1` gives
    /// 0.3, not 0.30000000000000004.
    public static func parseTimes(_ specification: String) throws(PKSimulationError) -> [Double] {
        let text = specification.trimmingCharacters(in: .whitespaces)
        let example = "Give hours as a comma list (0,2.5,12) or as start:stop:step (0:168:1)."
        func number(_ field: Substring) throws(PKSimulationError) -> Double {
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            guard let value = Double(trimmed), value.isFinite else {
                throw PKSimulationError("--times '\(specification)': '\(trimmed)' is not a number. \(example)")
            }
            guard value >= 0 else {
                throw PKSimulationError("--times '\(specification)': times must be ≥ 0 h (found \(ParameterProblem.formatNumber(value))). \(example)")
            }
            return value
        }
        guard !text.isEmpty else {
            throw PKSimulationError("--times is empty. \(example)")
        }
        if text.contains(":") {
            let fields = text.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 3 else {
                throw PKSimulationError("--times '\(specification)': a range has three parts, start:stop:step. \(example)")
            }
            let start = try number(fields[0]), stop = try number(fields[1]), step = try number(fields[2])
            guard step > 0 else {
                throw PKSimulationError("--times '\(specification)': the step must be > 0 h. \(example)")
            }
            guard stop >= start else {
                throw PKSimulationError("--times '\(specification)': stop (\(ParameterProblem.formatNumber(stop))) is before start (\(ParameterProblem.formatNumber(start))). \(example)")
            }
            let steps = ((stop - start) / step * (1 + 1e-12)).rounded(.down)
            guard steps < Double(maximumTimes) else {
                throw PKSimulationError("--times '\(specification)' gives more than \(maximumTimes) times. Use a larger step.")
            }
            return (0...Int(steps)).map { index in
                let time = start + Double(index) * step
                return Double(String(format: "%.12g", time)) ?? time
            }
        }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { field throws(PKSimulationError) in
            try number(field)
        }
    }
}
