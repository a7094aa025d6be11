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
    /// Keys a choice key's value brings (a taper's `kind: linear` needs `days`); see ``ChoiceKeys``.
    var choiceKeys: ChoiceKeys?
    /// An example of the block, for the fix of a value that is not a mapping.
    let example: String
    /// Words the block may be given as instead of a mapping (`toxicity: assumed_baclofen`); the
    /// decoder says what each means.
    var scalarForms: [String] = []
    /// Whether this is the whole document (the top level of a scenario or drug file), not a
    /// block in it.
    var isDocument = false
    /// Whether the document's blocks are documented in sections of their own (a scenario's), not
    /// in tables below the document's (a drug file's).
    var blocksHaveSections = false

    init(_ name: String, meaning: String, example: String, exactlyOneOf: [[String]] = [], atMostOneOf: [[String]] = [],
         scalarForms: [String] = [], choiceKeys: ChoiceKeys? = nil, keys: [KeyDeclaration]) {
        self.name = name
        self.meaning = meaning
        self.example = example
        self.exactlyOneOf = exactlyOneOf
        self.atMostOneOf = atMostOneOf
        self.scalarForms = scalarForms
        self.choiceKeys = choiceKeys
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

    /// The fix printed for an unknown key: the block's keys, and the README documenting them.
    func unknownKeyFix(readme: String = "Scenarios/README.md") -> String {
        let names = keyNames
        if names.count > 8 { return "See the \(name) keys in \(readme)." }
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + names.last! : names.joined()
        return "\(name) has \(list); see \(readme)."
    }

    /// The fix printed when the block is not a mapping.
    var mappingFix: String { "Give \(name) as a mapping, e.g. \(example)." }
}

/// Keys that belong to values of a choice key: with `kind: linear` a taper needs `days`, and
/// `step_mg` (a `step_down` key) would go unused, so it is an error. Checked by
/// ``DeclaredMapping``, written into the schema as `if`/`then` and into the docs.
struct ChoiceKeys: Sendable {
    /// The choice key, e.g. `kind`.
    let key: String
    /// Per value of the choice key, the keys it requires, in documentation order.
    let keys: [(choice: String, keys: [String])]
    /// Per value, the keys it may take besides (a renal effect's reference CrCl).
    var optionalKeys: [(choice: String, keys: [String])] = []

    /// The keys `choice` requires.
    func required(by choice: String) -> [String] { keys.first { $0.choice == choice }?.keys ?? [] }

    /// The keys `choice` may take besides.
    func optional(for choice: String) -> [String] { optionalKeys.first { $0.choice == choice }?.keys ?? [] }

    /// The keys of other values than `choice`, which do not apply to it.
    func foreign(to choice: String) -> [String] {
        let own = Set(required(by: choice) + optional(for: choice))
        var seen = Set<String>()
        return (keys + optionalKeys).flatMap(\.keys).filter { !own.contains($0) && seen.insert($0).inserted }
    }

    /// The values of the choice key that take `key`.
    func choices(taking key: String) -> [String] {
        (keys.map(\.choice) + optionalKeys.map(\.choice)).filter { required(by: $0).contains(key) || optional(for: $0).contains(key) }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }
}
