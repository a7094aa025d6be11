/// Where the declared blocks sit in a scenario: the blocks documented by a generated section of
/// `Scenarios/README.md`, and the declarations a key path (a PSA or sweep binding) is checked by.
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
        (["drugs", "*", "side_effects", "*"], .drugPart),
        (["withdrawal"], .withdrawal),
        (["toxicity"], .toxicity),
        (["endpoints", "[]"], .endpoint),
        (["metrics"], .metrics),
        (["subgroups", "[]"], .subgroup),
        (["economics"], .economics),
        (["differences", "[]"], .difference),
        (["targets", "[]"], .target),
        (["calibration"], .calibration),
        (["sweep"], .sweep),
        (["psa"], .psa),
        // After the blocks their tables refer to (withdrawal, consequences, relapse criteria).
        (["drugs", "*"], .drugEntry),
        (["arms", "[]"], .arm),
        // Last: the document itself, whose blocks above have tables of their own.
        ([], .scenario),
    ]

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
            case .named(let inner):
                guard case .key? = rest.first else { return nil }
                rest = rest.dropFirst()
                block = inner
            case .namedNumbers:
                guard case .key? = rest.first, rest.count == 1 else { return nil }
                return key
            case .forms:
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
        case .number(_, let rule)?, .numbers(_, let rule, _)?, .namedNumbers(_, let rule)?: rule
        default: nil
        }
    }

    /// The rule of the number at `path` (a declared number, or an item of a declared list of
    /// numbers), or `nil` when no declaration covers it.
    static func numberRule(at path: ScenarioKeyPath) -> NumberRule? {
        switch key(at: path)?.value {
        case .number(_, let rule)?, .numbers(_, let rule, _)?, .namedNumbers(_, let rule)?: rule
        default: nil
        }
    }

    /// A registry path as users read it: `economics.mortality`, `subgroups[]`.
    static func display<S: Sequence<String>>(_ path: S) -> String {
        path.reduce(into: "") { text, step in
            let shown = step == "*" ? "<name>" : step
            text += step == "[]" ? "[]" : (text.isEmpty ? shown : "." + shown)
        }
    }

    /// The declared blocks of drug files, documented in `Scenarios/drugs/README.md`.
    static let drugFileBlocks: [(path: [String], declaration: BlockDeclaration)] = [([], .drugFile)]
    static let stateTransitionBlocks: [(path: [String], declaration: BlockDeclaration)] = [([], .stateTransitionFile)]

    /// A README whose generated sections come from one registry.
    struct Readme {
        let blocks: [(path: [String], declaration: BlockDeclaration)]
        /// What the markers of the top level (path `[]`) call it.
        let topLevel: String
        /// The README's path in the repository, for the markers' instruction.
        let file: String

        static let scenarios = Readme(blocks: ScenarioDeclarations.blocks, topLevel: "top level", file: "Scenarios/README.md")
        static let drugFiles = Readme(blocks: ScenarioDeclarations.drugFileBlocks, topLevel: "drug file", file: "Scenarios/drugs/README.md")
        static let stateTransitionFiles = Readme(blocks: ScenarioDeclarations.stateTransitionBlocks, topLevel: "state-transition file",
                                                 file: "Scenarios/textbook/README.md")

        /// The section markers of the block at `path`: generated text sits between them.
        func markers(_ path: [String]) -> (begin: String, end: String) {
            let name = path.isEmpty ? topLevel : display(path)
            return ("<!-- BEGIN GENERATED \(name): edit the declaration, then run `baclosim schema --readme \(file)` -->",
                    "<!-- END GENERATED \(name) -->")
        }
    }

    /// `readme` with every declared block's tables written between its markers (at the block's
    /// first place). Which registry it documents is told by its top-level marker (a drug-file
    /// README has the `drug file` one). A block whose markers are missing is an error: the
    /// README must document every declared block.
    ///
    /// - Throws: ``ScenarioIssues`` naming the missing markers.
    static func updatingReadme(_ readme: String, file: String) throws -> String {
        if readme.contains(Readme.stateTransitionFiles.markers([]).begin) {
            var documented: [String: String] = [:]
            return try update(.stateTransitionFiles, in: readme, file: file, documented: &documented)
        }
        let isDrugFiles = readme.contains(Readme.drugFiles.markers([]).begin)
        var documented: [String: String] = [:]
        // A drug-file README refers to the tables of the scenario README for the blocks both use.
        if isDrugFiles {
            _ = try? update(Readme.scenarios, in: "", file: file, documented: &documented)
            documented = documented.mapValues { $0 + " in Scenarios/README.md" }
        }
        return try update(isDrugFiles ? .drugFiles : .scenarios, in: readme, file: file, documented: &documented)
    }

    /// `text` with `readme`'s sections regenerated; `documented` (block name → where its table
    /// is) grows with every block documented.
    private static func update(_ readme: Readme, in text: String, file: String, documented: inout [String: String]) throws -> String {
        var text = text
        var problems: [ScenarioIssue] = []
        // A block declared at several places (side-effect consequences, and an arm's) is
        // documented once, where the registry first reaches it; later places refer to it.
        for (path, declaration) in readme.blocks where documented[declaration.name] == nil {
            documented[declaration.name] = "`\(display(path))`"
            let (begin, end) = readme.markers(path)
            let tables = declaration.markdownTables(at: display(path), documented: &documented)
            guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex) else {
                problems.append(ScenarioIssue(file: file, line: nil, keyPath: display(path),
                                              problem: "has no generated section for this declared block",
                                              fix: "Add the two lines\n\(begin)\n\(end)\nwhere its table belongs, then run `baclosim schema --readme \(file)`."))
                continue
            }
            text.replaceSubrange(start.upperBound..<stop.lowerBound, with: "\n" + tables)
        }
        if !problems.isEmpty { throw ScenarioIssues(problems) }
        return text
    }
}
