/// How numbers are written in CSV files: deterministic and round-trippable.
///
/// Doubles use Swift's `description`, the shortest decimal that reads back to the same bits, so
/// equal results give byte-identical files and nothing is lost in the text.
enum CSVNumber {
    /// `x` as shortest round-trip text (`0.1`, `1e-05`, `nan`), or an empty field for nil.
    static func format(_ x: Double?) -> String {
        guard let x else { return "" }
        return x.description
    }

    /// `x` as shortest round-trip text, or an empty field for nil or NaN.
    static func formatOrEmpty(_ x: Double?) -> String {
        guard let x, !x.isNaN else { return "" }
        return x.description
    }
}
