/// A key a schema version renamed, generated from the declarations (``KeyDeclaration/renamedFrom``):
/// `economics.utilities` became `economics.utility_by_risk_level` in schema_version 2.
struct KeyRename: Sendable, Equatable {
    /// The version that introduced the new name.
    let version: Int
    /// The key path of the old key from the top of a scenario (list items as `[]`).
    let oldPath: [String]
    /// The key's new name (same parent).
    let newName: String

    /// The problem a file of the current version that still uses the old name is told.
    static func problem(oldName: String, newName: String, version: Int) -> String {
        "'\(oldName)' is called '\(newName)' since schema_version \(version)"
    }

    /// The old key path as users write it in key-path strings (`economics.utilities`).
    var oldKeyPath: String { ScenarioDeclarations.display(oldPath) }
    /// The new key path (`economics.utility_by_risk_level`).
    var newKeyPath: String { ScenarioDeclarations.display(oldPath.dropLast() + [newName]) }

    /// Every rename the declared blocks record, in declaration order.
    static let all: [KeyRename] = {
        // A block is reached from its own place and again through the top level: list each once.
        var seen = Set<String>()
        return ScenarioDeclarations.blocks.flatMap { collect(in: $0.declaration, at: $0.path) }
            .filter { seen.insert($0.oldKeyPath).inserted }
    }()

    private static func collect(in block: BlockDeclaration, at path: [String]) -> [KeyRename] {
        block.keys.flatMap { key -> [KeyRename] in
            var found: [KeyRename] = []
            if let old = key.renamedFrom { found.append(KeyRename(version: old.inVersion, oldPath: path + [old.name], newName: key.name)) }
            switch key.value {
            case .block(let inner): found += collect(in: inner, at: path + [key.name])
            case .list(let inner): found += collect(in: inner, at: path + [key.name, "[]"])
            default: break
            }
            return found
        }
    }
}
