/// The byte form of a shard's accumulated state (``CohortPart``): whole numbers as LEB128
/// varints (non-negative) or zigzag varints (signed), reals as their IEEE 754 bit patterns,
/// little-endian, so a decoded state merges to the same bits as the one encoded.
struct PartEncoder {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    /// A non-negative whole number (a count, an index, a length).
    mutating func count(_ value: Int) {
        precondition(value >= 0, "a count is never negative")
        count64(UInt64(value))
    }

    /// A whole number of either sign (zigzag: small magnitudes take few bytes).
    mutating func signed(_ value: Int) {
        let v = Int64(value)
        count64((UInt64(bitPattern: v) << 1) ^ UInt64(bitPattern: v >> 63))
    }

    private mutating func count64(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// 64 bits as they are (a subject number).
    mutating func word(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// A real, bit for bit (NaN payloads and signed zeros kept).
    mutating func real(_ value: Double) { word(value.bitPattern) }

    mutating func flag(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// UTF-8 text with its length.
    mutating func text(_ value: String) {
        let utf8 = Array(value.utf8)
        count(utf8.count)
        bytes += utf8
    }

    /// Counts with their length.
    mutating func counts(_ values: [Int]) {
        count(values.count)
        for v in values { count(v) }
    }

    /// Reals with their length.
    mutating func reals(_ values: [Double]) {
        count(values.count)
        bytes.reserveCapacity(bytes.count + 8 * values.count)
        for v in values { real(v) }
    }

    /// Counts mostly zero (a sketch's bins, a day's events): the length, then (gap, count) for
    /// each non-zero entry, ended by a zero count.
    mutating func sparseCounts(_ values: [Int]) {
        count(values.count)
        var last = -1
        for (i, v) in values.enumerated() where v != 0 {
            count(i - last - 1)
            count(v)
            last = i
        }
        count(0)
        count(0)
    }
}

/// Reads what ``PartEncoder`` wrote, checking every length against the bytes left and the
/// layout's expectation: a truncated or altered part is an error, never a crash.
struct PartDecoder {
    private let bytes: [UInt8]
    private(set) var position: Int

    init(_ bytes: [UInt8], from position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// Whether every byte was read.
    var isAtEnd: Bool { position == bytes.count }

    mutating func count() throws(PartDecodingError) -> Int {
        let v = try count64()
        guard v <= UInt64(Int.max) else { throw PartDecodingError("a count out of range at byte \(position)") }
        return Int(v)
    }

    mutating func signed() throws(PartDecodingError) -> Int {
        let z = try count64()
        return Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
    }

    private mutating func count64() throws(PartDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count else { throw PartDecodingError("the part ends inside a number") }
            let byte = bytes[position]
            position += 1
            guard shift < 64 else { throw PartDecodingError("a number longer than 64 bits at byte \(position)") }
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    mutating func word() throws(PartDecodingError) -> UInt64 {
        guard bytes.count - position >= 8 else { throw PartDecodingError("the part ends inside a number") }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[position + i]) << UInt64(8 * i) }
        position += 8
        return v
    }

    mutating func real() throws(PartDecodingError) -> Double { Double(bitPattern: try word()) }

    mutating func flag() throws(PartDecodingError) -> Bool {
        guard position < bytes.count else { throw PartDecodingError("the part ends inside a flag") }
        let byte = bytes[position]
        position += 1
        guard byte <= 1 else { throw PartDecodingError("a flag of value \(byte) at byte \(position - 1)") }
        return byte == 1
    }

    mutating func text() throws(PartDecodingError) -> String {
        let n = try count()
        guard n <= bytes.count - position else { throw PartDecodingError("the part ends inside a text") }
        defer { position += n }
        return String(decoding: bytes[position..<(position + n)], as: UTF8.self)
    }

    /// A length that must equal `expected` (the layout's), named `what` in the error.
    mutating func length(_ expected: Int, of what: String) throws(PartDecodingError) {
        let n = try count()
        guard n == expected else { throw PartDecodingError("\(what) has \(n) entries where the scenario's layout has \(expected)") }
    }

    mutating func counts(_ expected: Int, of what: String) throws(PartDecodingError) -> [Int] {
        try length(expected, of: what)
        var values: [Int] = []
        values.reserveCapacity(expected)
        for _ in 0..<expected { values.append(try count()) }
        return values
    }

    mutating func reals(_ expected: Int, of what: String) throws(PartDecodingError) -> [Double] {
        try length(expected, of: what)
        return try realValues(expected, of: what)
    }

    /// Reals of a length the part itself gives (a subject's kept values).
    mutating func reals() throws(PartDecodingError) -> [Double] {
        try realValues(try count(), of: "a list of numbers")
    }

    /// `n` reals, after their length.
    private mutating func realValues(_ n: Int, of what: String) throws(PartDecodingError) -> [Double] {
        guard n <= (bytes.count - position) / 8 else { throw PartDecodingError("the part ends inside \(what)") }
        var values: [Double] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try real()) }
        return values
    }

    mutating func sparseCounts(_ expected: Int, of what: String) throws(PartDecodingError) -> [Int] {
        try length(expected, of: what)
        var values = Array(repeating: 0, count: expected)
        var next = 0
        while true {
            let gap = try count(), value = try count()
            if value == 0 {
                guard gap == 0 else { throw PartDecodingError("\(what): a zero entry stored") }
                return values
            }
            guard gap <= expected - next - 1 else { throw PartDecodingError("\(what): an entry beyond its \(expected)") }
            values[next + gap] = value
            next += gap + 1
        }
    }
}

/// A part's bytes that do not hold what its header says.
struct PartDecodingError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
