/// The decimal digits of `magnitude` in groups of three from the right, joined by `separator`
/// (`1234567`, "," → `1,234,567`). The scenario reference tables group with a thin space, `ce.md`
/// with a comma.
func thousandsGrouped(_ magnitude: UInt64, separator: String) -> String {
    var digits = String(magnitude)
    var groups: [String] = []
    while digits.count > 3 {
        groups.insert(String(digits.suffix(3)), at: 0)
        digits.removeLast(3)
    }
    groups.insert(digits, at: 0)
    return groups.joined(separator: separator)
}
