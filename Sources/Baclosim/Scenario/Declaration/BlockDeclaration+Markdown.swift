/// The reference table of a declared block for `Scenarios/README.md`: one row per key, with its
/// unit, allowed values, default and meaning, then one table per nested block. Generated, so the
/// docs say exactly what `baclosim validate` enforces (a drift test compares them).
extension BlockDeclaration {
    /// The tables of this block at key path `path` (e.g. `economics`) and of its nested blocks.
    func markdownTables(at path: String) -> String {
        var documented: [String: String] = [:]
        return markdownTables(at: path, documented: &documented)
    }

    /// The tables, a nested block already in `documented` (by name, with the path it is
    /// documented at) referred to instead of repeated.
    func markdownTables(at path: String, documented: inout [String: String]) -> String {
        var text = "| key | unit | allowed | default | meaning |\n|---|---|---|---|---|\n"
        var nested: [(String, BlockDeclaration)] = []
        for key in keys {
            // The document's blocks have sections of their own.
            let (unit, allowed) = switch (isDocument && blocksHaveSections, key.value) {
            case (true, .block): ("block", "see `## \(key.name)`")
            case (true, .list): ("list of blocks", "see `## \(key.name)`")
            case (true, .named): ("blocks by name", "see `## \(key.name)`")
            default: key.documentedType(nested: &nested, at: path.isEmpty ? key.name : "\(path).\(key.name)")
            }
            text += "| `\(key.name)` | \(unit.isEmpty ? "—" : unit) | \(allowed) | \(key.documentedDefault) | \(key.meaning.replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        if !scalarForms.isEmpty {
            text += "\nInstead of these keys the block may be " + scalarForms.map { "`\($0)`" }.joined(separator: " or ") + ".\n"
        }
        if !exactlyOneOf.isEmpty {
            text += "\n" + exactlyOneOf.map { "Exactly one of " + $0.map { "`\($0)`" }.joined(separator: ", ") + "." }.joined(separator: " ") + "\n"
        }
        if let variants = choiceKeys {
            let rules = variants.keys.map { choice, keys -> String in
                let needed: String = keys.isEmpty ? "none of them" : keys.map { "`\($0)`" }.joined(separator: ", ")
                let optional: [String] = variants.optional(for: choice).map { "`\($0)`" }
                let besides: String = optional.isEmpty ? "" : " (may give \(optional.joined(separator: ", ")))"
                return "`\(choice)` needs \(needed)\(besides)"
            }
            text += "\nBy `\(variants.key)`: \(rules.joined(separator: "; ")). A key only another `\(variants.key)` takes is an error.\n"
        }
        if !atMostOneOf.isEmpty {
            text += "\n" + atMostOneOf.map { "At most one of " + $0.map { "`\($0)`" }.joined(separator: ", ") + "." }.joined(separator: " ") + "\n"
        }
        // A block declared once and used under several keys (the three scheduled services) is
        // documented once, under all its paths.
        var order: [String] = []
        var paths: [String: [String]] = [:]
        var blocks: [String: BlockDeclaration] = [:]
        for (nestedPath, block) in nested {
            if blocks[block.name] == nil { order.append(block.name); blocks[block.name] = block }
            paths[block.name, default: []].append(nestedPath)
        }
        for name in order {
            let block = blocks[name]!, at = paths[name]!
            let heading = "\n" + at.map { "**`\($0)`**" }.joined(separator: ", ") + ": \(block.meaning)"
            if let first = documented[name] {
                text += heading + " (keys: see the table of \(first)).\n"
                continue
            }
            documented[name] = "`\(at[0])`"
            text += heading + "\n\n" + block.markdownTables(at: at[0], documented: &documented)
        }
        return text
    }

    /// Whether this block is written inline in its parent's row (a few keys sharing one type,
    /// such as a value per drinking-risk level), not as its own table.
    var isInline: Bool {
        guard keys.count > 1, keys.allSatisfy(\.isRequired) else { return false }
        let types = Set(keys.map { key -> String in
            if case .number(let unit, let rule) = key.value { return unit + rule.documentation }
            return "not a number"
        })
        return types.count == 1 && !types.contains("not a number")
    }
}

extension KeyDeclaration {
    /// The unit and allowed-values columns; a nested block that needs its own table is added to
    /// `nested` under `path`.
    func documentedType(nested: inout [(String, BlockDeclaration)], at path: String) -> (String, String) {
        switch value {
        case .number(let unit, let rule): return (unit, rule.documentation)
        case .integer(let unit, let minimum, let maximum):
            let allowed = switch (minimum, maximum) {
            case (let lower?, let upper?): "\(documented(Double(lower))) … \(documented(Double(upper)))"
            case (let lower?, nil): "≥ \(documented(Double(lower)))"
            case (nil, let upper?): "≤ \(documented(Double(upper)))"
            case (nil, nil): ""
            }
            return (unit.isEmpty ? "whole number" : unit, allowed)
        case .boolean: return ("", "`true`, `false`")
        case .text: return ("text", "")
        case .identifier: return ("name", "letters, digits, `_`")
        case .choiceList(let choices): return ("list", choices.map { "`\($0)`" }.joined(separator: ", "))
        case .texts(let count): return ("list of names", count.map { "\($0) names" } ?? "")
        case .choice(let choices): return ("", choices.map { "`\($0)`" }.joined(separator: ", "))
        case .numbers(let unit, let rule, let count):
            let length = count.map { "\($0) numbers" } ?? ""
            let each = rule.documentation.isEmpty ? "" : "each \(rule.documentation)"
            return (unit.isEmpty ? "list" : "list of \(unit)", [length, each].filter { !$0.isEmpty }.joined(separator: ", "))
        case .block(let block):
            if block.isInline, case .number(let unit, let rule) = block.keys[0].value {
                return (unit, "`{" + block.keyNames.joined(separator: ", ") + "}`, each \(rule.documentation)")
            }
            nested.append((path, block))
            return ("block", (block.scalarForms.map { "`\($0)`, " }.joined()) + "below")
        case .named(let block):
            nested.append((path + ".<name>", block))
            return ("blocks by name", "below")
        case .namedNumbers(let unit, let rule):
            return ("numbers by name" + (unit.isEmpty ? "" : ", \(unit) unit"), rule.documentation.isEmpty ? "" : "each \(rule.documentation)")
        case .forms(let forms):
            for form in forms { nested.append((path, form)) }
            return ("block", "one of " + forms.map { "`\($0.example)`" }.joined(separator: ", ") + " (below)")
        case .list(let block):
            nested.append((path + "[]", block))
            return ("list of blocks", (words.map { "`\($0)`, " }.joined()) + "below")
        }
    }

    /// The default column: `required`, the default value, or what an absent key means.
    var documentedDefault: String {
        switch presence {
        case .required: "required"
        case .defaulted(let value): value.description
        case .optional(let absent): absent
        }
    }
}

/// A number as the reference tables print it: whole numbers from 10 000 up with thin-space
/// thousands groups (`36 525`, `1 000 000 000`), others as in messages (`0.035`, `1e-06`).
func documented(_ value: Double) -> String {
    guard value == value.rounded(), abs(value) >= 10_000, abs(value) < 1e15 else { return ScenarioIssue.formatNumber(value) }
    return (value < 0 ? "−" : "") + thousandsGrouped(UInt64(abs(value)), separator: "\u{2009}")
}
