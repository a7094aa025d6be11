/// A scenario block (a YAML mapping) declared once: its keys in the order the docs list them, and
/// the rules that tie keys together. See ``KeyDeclaration`` for what is generated from it.
struct BlockDeclaration: Sendable {
    /// The block's name in messages and docs, e.g. `economics`, `discount_rates`.
    let name: String
    /// One line: what the block describes.
    let meaning: String
    /// Its keys, in documentation order.
    let keys: [KeyDeclaration]
    /// Groups of keys of which exactly one must be given (`mortality`: `gompertz` or `life_table`).
    var exactlyOneOf: [[String]] = []
    /// Groups of keys of which at most one may be given (an endpoint's `window_days`,
    /// `through_day` and `final_days`): a second one would go unused.
    var atMostOneOf: [[String]] = []
    /// An example of the block, for the fix of a value that is not a mapping.
    let example: String
    /// Words the block may be given as instead of a mapping (`toxicity: assumed_baclofen`); the
    /// decoder says what each means.
    var scalarForms: [String] = []
    /// Whether this is the whole document (the top level of a scenario), not a block in it.
    var isDocument = false

    init(_ name: String, meaning: String, example: String, exactlyOneOf: [[String]] = [], atMostOneOf: [[String]] = [],
         scalarForms: [String] = [], keys: [KeyDeclaration]) {
        self.name = name
        self.meaning = meaning
        self.example = example
        self.exactlyOneOf = exactlyOneOf
        self.atMostOneOf = atMostOneOf
        self.scalarForms = scalarForms
        self.keys = keys
        precondition(Set(keys.map(\.name)).count == keys.count, "block \(name) declares a key twice")
    }

    /// The key names, in order.
    var keyNames: [String] { keys.map(\.name) }

    /// The declaration of `key`; asking for an undeclared key is a programming error.
    subscript(key: String) -> KeyDeclaration {
        guard let declaration = keys.first(where: { $0.name == key }) else {
            preconditionFailure("block \(name) declares no key '\(key)'")
        }
        return declaration
    }

    /// The fix printed for an unknown key: the block's keys.
    var unknownKeyFix: String {
        let names = keyNames
        if names.count > 8 { return "See the \(name) keys in Scenarios/README.md." }
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + names.last! : names.joined()
        return "\(name) has \(list); see Scenarios/README.md."
    }

    /// The fix printed when the block is not a mapping.
    var mappingFix: String { "Give \(name) as a mapping, e.g. \(example)." }
}
