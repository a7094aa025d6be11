import Yams

/// A YAML mapping read by its ``BlockDeclaration``: unknown keys are reported (with "did you
/// mean", or the new name of a renamed key), and every scalar key is read and checked against its
/// declared type and range when the mapping is made, whether or not the decoder asks for it, so
/// no declared value goes unchecked. Accessors return the value, the declared default for an
/// absent key, or `nil` (absent and optional, or already reported).
struct DeclaredMapping {
    /// A scalar key's value as read.
    private enum Scalar {
        case number(Double), integer(Int), boolean(Bool), text(String), numbers([Double]), texts([String]), named([(String, Double)])
    }

    let mapping: ScenarioMapping
    let declaration: BlockDeclaration
    private var scalars: [String: Scalar] = [:]

    /// Reads `mapping` as `declaration` describes it (reports go to the mapping's reader).
    init(_ mapping: ScenarioMapping, as declaration: BlockDeclaration) {
        self.mapping = mapping
        self.declaration = declaration
        mapping.checkKeys(declaredBy: declaration)
        for key in declaration.keys {
            let path = mapping.path.appending(key.name)
            // Every missing required key is reported here, nested blocks included (not when it is
            // given by its former name, which checkKeys has reported with the new one).
            let givenByOldName = key.renamedFrom.map { mapping.has($0.name) } ?? false
            guard let node = key.isRequired && !givenByOldName ? mapping.required(key.name, fix: key.fix) : mapping.value(key.name) else {
                if case .defaulted(let value) = key.presence { scalars[key.name] = Self.scalar(value) }
                continue
            }
            let reader = mapping.reader
            switch key.value {
            case .number(_, let rule):
                if let v = reader.number(node, at: path, rule: rule, fix: key.fix) { scalars[key.name] = .number(v) }
            case .integer(_, let minimum, let maximum):
                if let v = reader.integer(node, at: path, minimum: minimum, maximum: maximum, fix: key.fix) { scalars[key.name] = .integer(v) }
            case .boolean:
                if let v = reader.boolean(node, at: path, fix: key.fix) { scalars[key.name] = .boolean(v) }
            case .text:
                if let v = reader.text(node, at: path, fix: key.fix) { scalars[key.name] = .text(v) }
            case .identifier:
                if let v = reader.identifier(node, at: path, fix: key.fix) { scalars[key.name] = .text(v) }
            case .choice(let choices):
                if let v = reader.choice(node, at: path, among: choices, fix: key.fix) { scalars[key.name] = .text(v) }
            case .numbers(_, let rule, let count):
                guard let items = reader.sequence(node, at: path, fix: key.fix) else { continue }
                if let count, items.count != count {
                    reader.report(path, at: node, "must be a list of \(count) numbers (found \(items.count))", fix: key.fix)
                    continue
                }
                let values = items.map { reader.number($0.node, at: $0.path, rule: rule, fix: key.fix) }
                if values.allSatisfy({ $0 != nil }) { scalars[key.name] = .numbers(values.map { $0! }) }
            case .choiceList(let choices):
                guard let items = reader.sequence(node, at: path, fix: key.fix) else { continue }
                let values = items.map { reader.choice($0.node, at: $0.path, among: choices, fix: key.fix) }
                if values.allSatisfy({ $0 != nil }) { scalars[key.name] = .texts(values.map { $0! }) }
            case .texts(let count):
                guard let items = reader.sequence(node, at: path, fix: key.fix) else { continue }
                if let count, items.count != count {
                    reader.report(path, at: node, "must be a list of \(count) names (found \(items.count))", fix: key.fix)
                    continue
                }
                let values = items.map { reader.text($0.node, at: $0.path, fix: key.fix) }
                if values.allSatisfy({ $0 != nil }) { scalars[key.name] = .texts(values.map { $0! }) }
            case .namedNumbers(_, let rule):
                guard let named = reader.mapping(node, at: path, fix: key.fix) else { continue }
                let values = named.entries.filter { $0.key != "include" }.map { entry in
                    reader.number(entry.value, at: path.appending(entry.key), rule: rule, fix: key.fix).map { (entry.key, $0) }
                }
                if values.allSatisfy({ $0 != nil }) { scalars[key.name] = .named(values.map { $0! }) }
            case .block, .list, .forms, .named:
                continue
            }
        }
        if let variants = declaration.choiceKeys, case .text(let chosen)? = scalars[variants.key] {
            for key in variants.required(by: chosen) where !mapping.has(key) {
                mapping.reader.report(mapping.path.appending(key), at: mapping.node, "missing: \(variants.key) \(chosen) needs it", fix: declaration[key].fix)
            }
            for key in variants.foreign(to: chosen) where mapping.has(key) {
                let takers = variants.choices(taking: key).map { "\(variants.key): \($0)" }.joined(separator: " or ")
                mapping.reader.report(mapping.path.appending(key), at: mapping.value(key), "applies only with \(takers), not \(variants.key): \(chosen)",
                                      fix: "Remove \(key), or use \(takers).")
            }
        }
        for (group, atLeastOne) in declaration.exactlyOneOf.map({ ($0, true) }) + declaration.atMostOneOf.map({ ($0, false) }) {
            let given = group.filter(mapping.has)
            if given.count == 1 || (given.isEmpty && !atLeastOne) { continue }
            let names = group.map { "'\($0)'" }.joined(separator: " or ")
            if given.isEmpty {
                mapping.reader.report(mapping.path, at: mapping.node, "gives none of \(names)", fix: "Give one of \(names).")
            } else {
                mapping.reader.report(mapping.path.appending(given[1]), at: mapping.value(given[1]),
                                      "gives both '\(given[0])' and '\(given[1])'", fix: "Give only one of \(names).")
            }
        }
    }

    private static func scalar(_ value: KeyDeclaration.DefaultValue) -> Scalar {
        switch value {
        case .number(let v): .number(v)
        case .integer(let v): .integer(v)
        case .numbers(let v): .numbers(v)
        case .boolean(let v): .boolean(v)
        case .text(let v): .text(v)
        }
    }

    var path: ScenarioKeyPath { mapping.path }
    var node: Node { mapping.node }
    var reader: ScenarioNodeReader { mapping.reader }

    /// Whether `key` is given (not null) in the file.
    func has(_ key: String) -> Bool { mapping.has(key) }

    /// Whether `key` is given; if not, reports it missing with `fix` (the declared fix by
    /// default). For a key the declaration leaves optional that another key's value makes
    /// required (an endpoint kind's own keys, a distribution's parameters).
    @discardableResult
    func require(_ key: String, fix: String? = nil) -> Bool {
        mapping.required(key, fix: fix ?? declaration[key].fix) != nil
    }

    /// The node of `key`, for locating later problems.
    func value(_ key: String) -> Node? { mapping.value(key) }

    /// A declared number (or whole number, as a number).
    func number(_ key: String) -> Double? {
        switch scalars[checked: key, declaration] {
        case .number(let v)?: v
        case .integer(let v)?: Double(v)
        default: nil
        }
    }

    /// A declared whole number.
    func integer(_ key: String) -> Int? {
        if case .integer(let v)? = scalars[checked: key, declaration] { return v }
        return nil
    }

    /// A declared `true`/`false`.
    func boolean(_ key: String) -> Bool? {
        if case .boolean(let v)? = scalars[checked: key, declaration] { return v }
        return nil
    }

    /// A declared list of words or texts (``KeyDeclaration/Value/choiceList(_:)``,
    /// ``KeyDeclaration/Value/texts(count:)``), all valid, or `nil`.
    func texts(_ key: String) -> [String]? {
        if case .texts(let v)? = scalars[checked: key, declaration] { return v }
        return nil
    }

    /// A declared text, name or choice.
    func text(_ key: String) -> String? {
        if case .text(let v)? = scalars[checked: key, declaration] { return v }
        return nil
    }

    /// A declared list of numbers (all valid), or `nil`.
    func numbers(_ key: String) -> [Double]? {
        if case .numbers(let v)? = scalars[checked: key, declaration] { return v }
        return nil
    }

    /// Declared numbers by name (``KeyDeclaration/Value/namedNumbers(unit:rule:)``), in file
    /// order, all valid, or `nil`.
    func namedNumbers(_ key: String) -> [(name: String, value: Double)]? {
        if case .named(let v)? = scalars[checked: key, declaration] { return v }
        return nil
    }

    /// Declared blocks by name (``KeyDeclaration/Value/named(_:)``), in file order: each value
    /// that is a mapping, read by the item declaration (others are reported and left out); `nil`
    /// when absent or not a mapping.
    func named(_ key: String) -> [(name: String, block: DeclaredMapping)]? {
        guard case .named(let inner) = declaration[key].value else { preconditionFailure("\(declaration.name).\(key) is not named blocks") }
        guard let named = mapping.mapping(key, required: false, fix: declaration[key].fix) else { return nil }
        return named.entries.compactMap { entry in
            reader.declared(entry.value, at: named.path.appending(entry.key), as: inner).map { (entry.key, $0) }
        }
    }

    /// The place of item `index` of the list at `key`, for locating a problem with that item
    /// (the list itself when the item is not there).
    func item(_ key: String, _ index: Int) -> (path: ScenarioKeyPath, node: Node) {
        let list = mapping.value(key)
        if case .sequence(let items)? = list, index < items.count {
            return (path.appending(key).appending(index: index), items[index])
        }
        return (path.appending(key), list ?? node)
    }

    /// A declared nested block, read by its own declaration; `nil` when absent (a required one was
    /// reported when this mapping was read) or not a mapping (reported).
    func block(_ key: String) -> DeclaredMapping? {
        let declaration = self.declaration[key]
        guard case .block(let inner) = declaration.value else { preconditionFailure("\(self.declaration.name).\(key) is not a block") }
        guard let nested = mapping.mapping(key, required: false, fix: inner.mappingFix) else { return nil }
        return DeclaredMapping(nested, as: inner)
    }

    /// A declared block that may also be given as a word (``BlockDeclaration/scalarForms``):
    /// `.word` when it is one of them (another scalar is reported, `nil`), `.block` read by its
    /// declaration, `nil` when absent or unreadable.
    func blockOrWord(_ key: String) -> BlockOrWord? {
        guard case .block(let inner) = declaration[key].value else { preconditionFailure("\(declaration.name).\(key) is not a block") }
        guard let node = mapping.value(key) else { return nil }
        if case .scalar = node {
            return reader.choice(node, at: path.appending(key), among: inner.scalarForms, fix: declaration[key].fix).map(BlockOrWord.word)
        }
        return block(key).map(BlockOrWord.block)
    }

    /// A block's value given as a word or a mapping.
    enum BlockOrWord {
        case word(String)
        case block(DeclaredMapping)
    }

    /// A declared block given in one of its forms (``KeyDeclaration/Value/forms(_:)``), read by
    /// that form's declaration (its ``declaration``'s name says which), or `nil` when absent or
    /// not readable (reported). The form is the first whose first key is given (else the one
    /// with most keys given, the last on a tie); keys of another form beside it are one error
    /// naming both forms, so an override cannot merge forms silently.
    func form(_ key: String) -> DeclaredMapping? {
        guard case .forms(let forms) = declaration[key].value else { preconditionFailure("\(declaration.name).\(key) has no forms") }
        guard let nested = mapping.mapping(key, required: false, fix: declaration[key].fix) else { return nil }
        return Self.form(of: nested, among: forms)
    }

    /// `mapping` read as the form of `forms` it gives (``form(_:)``).
    static func form(of mapping: ScenarioMapping, among forms: [BlockDeclaration]) -> DeclaredMapping? {
        let selected = forms.first { mapping.has($0.keys[0].name) }
            ?? forms.reversed().max { a, b in a.keyNames.filter(mapping.has).count < b.keyNames.filter(mapping.has).count }!
        // The other form most of whose keys are given (the later on a tie: the shorthand).
        func foreignKeys(_ form: BlockDeclaration) -> Int { form.keyNames.filter { mapping.has($0) && !selected.keyNames.contains($0) }.count }
        let other = forms.filter { $0.name != selected.name && foreignKeys($0) > 0 }.reversed().max { foreignKeys($0) < foreignKeys($1) }
        if let other {
            mapping.reader.report(mapping.path, at: mapping.node, "gives more than one form (\(selected.name) and \(other.name))",
                                  fix: "Keep one: " + forms.map(\.example).joined(separator: ", ") + "; an override must replace the whole block's form.")
            return nil
        }
        return DeclaredMapping(mapping, as: selected)
    }

    /// A declared list of blocks: each item that is a mapping, read by the item declaration
    /// (items that are not are reported and left out); `nil` when absent or not a list.
    func list(_ key: String) -> [DeclaredMapping]? {
        let declaration = self.declaration[key]
        guard case .list(let inner) = declaration.value else { preconditionFailure("\(self.declaration.name).\(key) is not a list") }
        guard let items = mapping.sequence(key, required: false, fix: declaration.fix) else { return nil }
        return items.compactMap { item in
            reader.mapping(item.node, at: item.path, fix: inner.mappingFix).map { DeclaredMapping($0, as: inner) }
        }
    }
}

private extension Dictionary where Key == String {
    /// The value of a key `declaration` declares; an undeclared key is a programming error.
    subscript(checked key: String, declaration: BlockDeclaration) -> Value? {
        precondition(declaration.keys.contains { $0.name == key }, "block \(declaration.name) declares no key '\(key)'")
        return self[key]
    }
}

extension ScenarioNodeReader {
    /// `node` read as `declaration` describes it, or `nil` (reported) when it is not a mapping.
    func declared(_ node: Node, at path: ScenarioKeyPath, as declaration: BlockDeclaration) -> DeclaredMapping? {
        mapping(node, at: path, fix: declaration.mappingFix).map { DeclaredMapping($0, as: declaration) }
    }
}

extension ScenarioMapping {
    /// Reports every key `declaration` does not declare (``checkKeys(allowed:fix:renamed:)``),
    /// a former name with its new one.
    func checkKeys(declaredBy declaration: BlockDeclaration) {
        var renamed: [String: (newName: String, version: Int)] = [:]
        for key in declaration.keys { if let old = key.renamedFrom { renamed[old.name] = (key.name, old.inVersion) } }
        checkKeys(allowed: declaration.keyNames, fix: declaration.unknownKeyFix(readme: reader.readme), renamed: renamed)
    }
}
