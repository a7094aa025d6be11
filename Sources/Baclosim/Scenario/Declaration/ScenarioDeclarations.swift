/// Where the declared blocks sit in a scenario, for the schema and the README tables generated
/// from them. A block not listed here is still decoded by hand and its schema comes from the
/// shipped examples (``ScenarioSchema``).
enum ScenarioDeclarations {
    /// Declared blocks by their key path from the top of a scenario.
    static let blocks: [(path: [String], declaration: BlockDeclaration)] = [
        (["run"], .run),
        (["adherence"], .adherence),
        (["craving"], .craving),
        (["alcohol_withdrawal"], .alcoholWithdrawal),
        (["economics"], .economics),
    ]

    /// The declaration at `path`, if that block is declared.
    static func declaration(at path: ScenarioSchema.Path) -> BlockDeclaration? {
        blocks.first { ScenarioSchema.Path(components: $0.path.map { .key($0) }) == path }?.declaration
    }

    /// The declaration of the value at `path` (a number, or a number in a declared list of
    /// numbers, gives its key), or `nil` when the path is not inside a declared block.
    static func key(at path: ScenarioKeyPath) -> KeyDeclaration? {
        for (blockPath, declaration) in blocks {
            let prefix = blockPath.map { ScenarioKeyPath.Component.key($0) }
            guard path.components.starts(with: prefix) else { continue }
            var block = declaration
            var rest = path.components.dropFirst(prefix.count)
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
                default:
                    return rest.isEmpty ? key : nil
                }
            }
            return nil
        }
        return nil
    }

    /// The rule of the number at `path` (a declared number, or an item of a declared list of
    /// numbers), or `nil` when no declaration covers it.
    static func numberRule(at path: ScenarioKeyPath) -> NumberRule? {
        switch key(at: path)?.value {
        case .number(_, let rule)?, .numbers(_, let rule)?: rule
        default: nil
        }
    }

    /// The README section markers of the block at `path`: generated text sits between them.
    static func markers(_ path: [String]) -> (begin: String, end: String) {
        let name = path.joined(separator: ".")
        return ("<!-- BEGIN GENERATED \(name): edit the declaration, then run `baclosim schema --readme Scenarios/README.md` -->",
                "<!-- END GENERATED \(name) -->")
    }

    /// `readme` with every declared block's tables written between its markers. A block whose
    /// markers are missing is an error: the README must document every declared block.
    ///
    /// - Throws: ``ScenarioIssues`` naming the missing markers.
    static func updatingReadme(_ readme: String, file: String) throws -> String {
        var text = readme
        var problems: [ScenarioIssue] = []
        for (path, declaration) in blocks {
            let (begin, end) = markers(path)
            guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex) else {
                problems.append(ScenarioIssue(file: file, line: nil, keyPath: path.joined(separator: "."),
                                              problem: "has no generated section for this declared block",
                                              fix: "Add the two lines\n\(begin)\n\(end)\nwhere its table belongs, then run `baclosim schema --readme \(file)`."))
                continue
            }
            text.replaceSubrange(start.upperBound..<stop.lowerBound,
                                 with: "\n" + declaration.markdownTables(at: path.joined(separator: ".")))
        }
        if !problems.isEmpty { throw ScenarioIssues(problems) }
        return text
    }
}
