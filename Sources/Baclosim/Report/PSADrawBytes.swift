/// One PSA draw's values and rows as bytes, bit for bit (``PartEncoder``): what an MPI rank
/// sends back for a draw, recorded by the root in its ``PSAStore`` as if computed there.
public enum PSADrawBytes {
    /// The bytes of a draw's `values` and `rows`.
    public static func encode(values: [Double], rows: [OutcomeRow]) -> [UInt8] {
        var encoder = PartEncoder()
        encoder.reals(values)
        encoder.count(rows.count)
        for row in rows {
            encoder.text(row.arm)
            encoder.text(row.metric)
            encoder.text(row.kind.rawValue)
            for value in [row.mean, row.se, row.ciLow, row.ciHigh] {
                encoder.flag(value != nil)
                if let value { encoder.real(value) }
            }
        }
        return encoder.bytes
    }

    /// A draw's bytes that do not decode.
    public struct DecodingError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The values and rows ``encode(values:rows:)`` wrote.
    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> (values: [Double], rows: [OutcomeRow]) {
        var decoder = PartDecoder(bytes)
        do throws(PartDecodingError) {
            let values = try decoder.reals()
            var rows: [OutcomeRow] = []
            for _ in 0..<(try decoder.count()) {
                let arm = try decoder.text(), metric = try decoder.text()
                guard let kind = OutcomeRow.Kind(rawValue: try decoder.text()) else { throw PartDecodingError("a row of an unknown kind") }
                var numbers: [Double?] = []
                for _ in 0..<4 { numbers.append(try decoder.flag() ? try decoder.real() : nil) }
                var row = OutcomeRow(arm: arm, metric: metric, kind: kind, mean: numbers[0], se: numbers[1])
                row.ciLow = numbers[2]
                row.ciHigh = numbers[3]
                rows.append(row)
            }
            guard decoder.isAtEnd else { throw PartDecodingError("bytes after the draw's rows") }
            return (values, rows)
        } catch {
            throw DecodingError(description: "a PSA draw's result does not decode (\(error.description))")
        }
    }
}
