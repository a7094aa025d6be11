/// One key of a scenario block, declared once: what it holds (with its unit and allowed range),
/// whether it may be left out and what that then means, what it is for, and how to fix a bad
/// value. Decoding (``DeclaredMapping``), the allowed-key list and "did you mean", the JSON Schema
/// (``BlockDeclaration/jsonSchema(fallback:)``), the reference tables in `Scenarios/README.md`
/// (``BlockDeclaration/markdownTable()``) and `baclosim migrate` (``renamedFrom``) all read this
/// one value, so they cannot disagree.
struct KeyDeclaration: Sendable {
    /// What the key's value is.
    indirect enum Value: Sendable {
        /// A finite number in `unit` obeying `rule`.
        case number(unit: String, rule: NumberRule)
        /// A whole number in `unit` within `minimum ... maximum` (either may be open).
        case integer(unit: String, minimum: Int?, maximum: Int?)
        /// `true` or `false`.
        case boolean
        /// Non-empty text (a citation, a description, a currency code).
        case text
        /// A name that becomes an output column or row (``OutputNames/isIdentifier(_:)``): letters,
        /// digits and underscores, starting with a letter.
        case identifier
        /// One of the listed words.
        case choice([String])
        /// A list of numbers in `unit`, each obeying `rule`; `count`, when set, is the exact length.
        case numbers(unit: String, rule: NumberRule, count: Int? = nil)
        /// A list of words, each one of the listed ones.
        case choiceList([String])
        /// A list of texts (names of arms, metrics, key paths) checked against the scenario by the
        /// decoder; `count`, when set, is the exact length.
        case texts(count: Int? = nil)
        /// A nested block with its own declaration.
        case block(BlockDeclaration)
        /// A list of blocks, each with the same declaration.
        case list(BlockDeclaration)
        /// A block given in one of several forms (a covariate as `{median, log_sd}` or
        /// `{distribution: gamma, …}`), each declared as a block whose first key picks it
        /// (``DeclaredMapping/form(_:)``).
        case forms([BlockDeclaration])
        /// Blocks by the user's names (drugs, side effects): every key is a name, every value a
        /// block with the same declaration.
        case named(BlockDeclaration)
        /// Numbers by the user's names (a PK model's parameters, key paths), each obeying `rule`;
        /// what the names may be is checked by the decoder.
        case namedNumbers(unit: String, rule: NumberRule)
    }

    /// Whether the key may be left out, and what leaving it out means.
    enum Presence: Sendable {
        /// The block is incomplete without it.
        case required
        /// Left out, the value is this one (shown in the docs and the schema, returned by the reader).
        case defaulted(DefaultValue)
        /// Left out, the model does without; `absent` says what that means ("none", "all 0").
        case optional(absent: String)
    }

    /// A default a reader returns for an absent key.
    enum DefaultValue: Sendable, Equatable {
        case number(Double)
        case integer(Int)
        case numbers([Double])
        case boolean(Bool)
        case text(String)

        /// As the docs print it.
        var description: String {
            switch self {
            case .number(let value): ScenarioIssue.formatNumber(value)
            case .integer(let value): "\(value)"
            case .numbers(let values): "[" + values.map(ScenarioIssue.formatNumber).joined(separator: ", ") + "]"
            case .boolean(let value): "\(value)"
            case .text(let value): "`\(value)`"
            }
        }

        /// As JSON Schema's `default` holds it.
        var json: Any {
            switch self {
            case .number(let value): value
            case .integer(let value): value
            case .numbers(let values): values
            case .boolean(let value): value
            case .text(let value): value
            }
        }
    }

    /// The key as written in a file.
    let name: String
    let value: Value
    let presence: Presence
    /// One line for the docs and the schema: what the value means.
    let meaning: String
    /// How to fix a missing or bad value (printed after the problem).
    let fix: String
    /// The key's name before a schema version renamed it, and that version: a file of an earlier
    /// version is told the new name, and `baclosim migrate` rewrites it.
    var renamedFrom: (name: String, inVersion: Int)?
    /// Words the key may be given as instead of a list (`severity_tiers: assumed_default`); the
    /// decoder says what each means. (A block's words are ``BlockDeclaration/scalarForms``.)
    var words: [String]

    init(_ name: String, _ value: Value, _ presence: Presence, meaning: String, fix: String,
         renamedFrom: (name: String, inVersion: Int)? = nil, words: [String] = []) {
        self.name = name
        self.value = value
        self.presence = presence
        self.meaning = meaning
        self.fix = fix
        self.renamedFrom = renamedFrom
        self.words = words
    }

    /// Whether a block is incomplete without this key.
    var isRequired: Bool {
        if case .required = presence { return true }
        return false
    }
}
