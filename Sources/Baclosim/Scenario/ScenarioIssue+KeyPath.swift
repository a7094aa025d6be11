/// A path to a value in a YAML document, printed the way users write it:
/// `models.simon2018.parameters.CL.typical`, `regimen.titration[1].days`.
public struct ScenarioKeyPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path: a mapping key or a sequence index (0-based).
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The steps from the document root.
    public var components: [Component]

    /// The document root (prints as the empty string).
    public static let root = ScenarioKeyPath(components: [])

    /// Creates a path from its steps.
    public init(components: [Component]) {
        self.components = components
    }

    /// This path followed by mapping key `key`.
    public func appending(_ key: String) -> ScenarioKeyPath {
        ScenarioKeyPath(components: components + [.key(key)])
    }

    /// This path followed by sequence index `index`.
    public func appending(index: Int) -> ScenarioKeyPath {
        ScenarioKeyPath(components: components + [.index(index)])
    }

    /// `a.b[1].c`.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// Parses the printed form back (`a.b[1].c`); keys may not contain `.` or `[`.
    public init(parsing text: String) {
        var parts: [Component] = []
        for segment in text.split(separator: ".", omittingEmptySubsequences: true) {
            var rest = Substring(segment)
            if let bracket = rest.firstIndex(of: "[") {
                let key = rest[..<bracket]
                if !key.isEmpty { parts.append(.key(String(key))) }
                rest = rest[bracket...]
                while rest.first == "[", let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) {
                        parts.append(.index(index))
                    }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                parts.append(.key(String(rest)))
            }
        }
        components = parts
    }

    /// Joins two printed paths (`a` + `b[1].c` gives `a.b[1].c`; an index suffix joins without a dot).
    public static func join(_ prefix: String, _ suffix: String) -> String {
        ParameterProblem.joinKeyPath(prefix, suffix)
    }
}
