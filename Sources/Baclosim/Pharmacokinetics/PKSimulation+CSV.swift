extension PKProfile {
    /// `time_h,concentration_mg_per_L`, one row per output time; numbers in shortest round-trip
    /// form (whole hours without a decimal point), so equal results give identical text.
    public var csv: String {
        var text = "time_h,concentration_mg_per_L\n"
        for (time, concentration) in zip(timesH, concentrationsMgPerL) {
            text += PKSimulation.formatTime(time) + "," + CSVNumber.format(concentration) + "\n"
        }
        return text
    }
}

extension PKPercentileProfile {
    /// Column name of a percentile: `p05`, `p50`, `p95`, `p2.5`.
    public static func columnName(probability: Double) -> String {
        let percent = probability * 100
        if percent == percent.rounded() {
            let whole = Int(percent)
            return whole < 10 ? "p0\(whole)" : "p\(whole)"
        }
        return "p" + CSVNumber.format(percent)
    }

    /// `time_h,p05,p50,p95`, one row per output time (numbers as in ``PKProfile/csv``).
    public var csv: String {
        var text = "time_h," + probabilities.map(Self.columnName(probability:)).joined(separator: ",") + "\n"
        for (time, row) in zip(timesH, concentrationsMgPerL) {
            text += PKSimulation.formatTime(time)
            for value in row { text += "," + CSVNumber.format(value) }
            text += "\n"
        }
        return text
    }
}

extension PKSimulation {
    /// A time (h) for a CSV: whole hours as integers (`12`), others in shortest round-trip form.
    static func formatTime(_ timeH: Double) -> String {
        if timeH == timeH.rounded(), abs(timeH) < 1e15 { return String(Int(timeH)) }
        return CSVNumber.format(timeH)
    }
}
