/// Text fields in economics CSV tables (RFC 4180): a field holding a comma, a double quote or a
/// line break is quoted, with inner quotes doubled; others are written as is.
enum CSVField {
    /// `text` ready to place between commas.
    static func escaped(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
