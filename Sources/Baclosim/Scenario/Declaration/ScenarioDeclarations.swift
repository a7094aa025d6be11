/// Where the declared blocks sit in a scenario, for the schema and the README tables generated
/// from them. A block not listed here is still decoded by hand and its schema comes from the
/// shipped examples (``ScenarioSchema``).
enum ScenarioDeclarations {
    /// Declared blocks by their key path from the top of a scenario (`[]`: every item of a list).
    static let blocks: [(path: [String], declaration: BlockDeclaration)] = [
        (["run"], .run),
        (["population"], .population),
        (["adherence"], .adherence),
        (["craving"], .craving),
        (["drinking"], .drinking),
        (["alcohol_withdrawal"], .alcoholWithdrawal),
        (["side_effects", "[]"], .sideEffect),
        (["drugs", "*", "effect"], .drugEffect),
        (["drugs", "*", "side_effects", "*"], .drugPart),
        (["withdrawal"], .withdrawal),
        (["drugs", "*", "withdrawal"], .drugWithdrawal),
        (["toxicity"], .toxicity),
        (["drugs", "*", "toxicity"], .drugToxicity),
        (["endpoints", "[]"], .endpoint),
        (["metrics"], .metrics),
        (["subgroups", "[]"], .subgroup),
        (["economics"], .economics),
        (["differences", "[]"], .difference),
        (["targets", "[]"], .target),
        (["calibration"], .calibration),
        (["sweep"], .sweep),
        (["psa"], .psa),
        // Last: the document itself, whose blocks above have tables of their own.
        ([], .scenario),
    ]

    /// The declaration at `path`, if that block is declared.
    static func declaration(at path: ScenarioSchema.Path) -> BlockDeclaration? {
        blocks.first { schemaPath($0.path) == path }?.declaration
    }

    /// A registry path as the schema writes it: `[]` a list item, `*` a user's name (a drug).
    static func schemaPath(_ path: [String]) -> ScenarioSchema.Path {
        ScenarioSchema.Path(components: path.map { step in
            switch step { case "[]": .item; case "*": .name; default: .key(step) }
        })
    }

    /// Whether the start of `path` is a registry path: `[]` matches any index, `*` any key.
    static func matches(_ pattern: [String], prefixOf path: ScenarioKeyPath) -> Bool {
        guard path.components.count >= pattern.count else { return false }
        return zip(pattern, path.components).allSatisfy { step, component in
            switch (step, component) {
            case ("[]", .index): true
            case ("*", .key): true
            case (let name, .key(let key)): name == key
            default: false
            }
        }
    }

    /// The declaration of the value at `path` (a number, or a number in a declared list of
    /// numbers, gives its key), or `nil` when the path is not inside a declared block.
    static func key(at path: ScenarioKeyPath) -> KeyDeclaration? {
        for (blockPath, declaration) in blocks where matches(blockPath, prefixOf: path) {
            if let found = key(in: declaration, at: path.components.dropFirst(blockPath.count)) { return found }
        }
        return nil
    }

    /// The declaration of the value at `rest` below a block declared as `declaration`.
    private static func key(in declaration: BlockDeclaration, at rest: ArraySlice<ScenarioKeyPath.Component>) -> KeyDeclaration? {
        var block = declaration
        var rest = rest
        while case .key(let name)? = rest.first {
            rest = rest.dropFirst()
            guard let key = block.keys.first(where: { $0.name == name }) else { return nil }
            switch key.value {
            case .block(let inner):
                block = inner
            case .list(let inner):
                guard case .index? = rest.first else { return nil }
                rest = rest.dropFirst()
                block = inner
            case .numbers:
                guard case .index? = rest.first, rest.count == 1 else { return nil }
                return key
            case .section, .forms:
                // A form is told by the file, not the path.
                return nil
            default:
                return rest.isEmpty ? key : nil
            }
        }
        return nil
    }

    /// The rule of the number at `steps` below a block declared as `declaration` (a state's
    /// hazard addressed by the state's name, whose path the registry cannot match).
    static func numberRule(in declaration: BlockDeclaration, at steps: some Collection<ScenarioKeyPath.Component>) -> NumberRule? {
        switch key(in: declaration, at: ArraySlice(steps))?.value {
        case .number(_, let rule)?, .numbers(_, let rule, _)?: rule
        default: nil
        }
    }

    /// The rule of the number at `path` (a declared number, or an item of a declared list of
    /// numbers), or `nil` when no declaration covers it.
    static func numberRule(at path: ScenarioKeyPath) -> NumberRule? {
        switch key(at: path)?.value {
        case .number(_, let rule)?, .numbers(_, let rule, _)?: rule
        default: nil
        }
    }

    /// A registry path as users read it: `economics.mortality`, `subgroups[]`.
    static func display<S: Sequence<String>>(_ path: S) -> String {
        path.reduce(into: "") { text, step in text += step == "[]" ? "[]" : (text.isEmpty ? step : "." + step) }
    }

    /// The README section markers of the block at `path`: generated text sits between them.
    static func markers(_ path: [String]) -> (begin: String, end: String) {
        let name = path.isEmpty ? "top level" : display(path)
        return ("<!-- BEGIN GENERATED \(name): edit the declaration, then run `baclosim schema --readme Scenarios/README.md` -->",
                "<!-- END GENERATED \(name) -->")
    }

    /// `readme` with every declared block's tables written between its markers (at the block's
    /// first place). A block whose markers are missing is an error: the README must document
    /// every declared block.
    ///
    /// - Throws: ``ScenarioIssues`` naming the missing markers.
    static func updatingReadme(_ readme: String, file: String) throws -> String {
        var text = readme
        var problems: [ScenarioIssue] = []
        var documented = Set<String>()
        // A block declared at several places (toxicity, and a drug's toxicity) is documented once.
        for (path, declaration) in blocks where documented.insert(declaration.name).inserted {
            let (begin, end) = markers(path)
            guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex) else {
                problems.append(ScenarioIssue(file: file, line: nil, keyPath: display(path),
                                              problem: "has no generated section for this declared block",
                                              fix: "Add the two lines\n\(begin)\n\(end)\nwhere its table belongs, then run `baclosim schema --readme \(file)`."))
                continue
            }
            text.replaceSubrange(start.upperBound..<stop.lowerBound,
                                 with: "\n" + declaration.markdownTables(at: display(path)))
        }
        if !problems.isEmpty { throw ScenarioIssues(problems) }
        return text
    }
}
