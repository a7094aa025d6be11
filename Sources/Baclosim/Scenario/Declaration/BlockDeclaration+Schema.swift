/// The JSON Schema of a declared block: complete (every key, its type, range, choices and
/// default), whatever the shipped examples happen to use.
extension BlockDeclaration {
    /// The schema of this block as a JSON object (a dictionary for `JSONSerialization`).
    func jsonSchema() -> [String: Any] {
        var properties: [String: Any] = [:]
        for key in keys { properties[key.name] = key.jsonSchema() }
        properties["include"] = ["type": "string", "description": "A file whose content this block takes, relative to this file; other keys override it."]
        var schema: [String: Any] = ["type": "object", "description": meaning, "properties": properties, "additionalProperties": false]
        let required = keys.filter(\.isRequired).map(\.name)
        // A block that includes a file gets its required keys from there; the document itself
        // includes nothing.
        if isDocument {
            properties["include"] = nil
            schema["properties"] = properties
            if !required.isEmpty { schema["required"] = required }
        } else if !required.isEmpty {
            schema["anyOf"] = [["required": ["include"]], ["required": required]]
        }
        var rules: [[String: Any]] = exactlyOneOf.map { group in ["oneOf": group.map { ["required": [$0]] }] }
        // At most one: no two of the group together.
        for group in atMostOneOf {
            let pairs = group.indices.flatMap { i in group[(i + 1)...].map { ["required": [group[i], $0]] } }
            rules.append(["not": ["anyOf": pairs]])
        }
        // A choice's own keys are required with it, the other choices' keys not allowed.
        if let variants = choiceKeys {
            for (choice, own) in variants.keys {
                var then: [String: Any] = [:]
                if !own.isEmpty { then["required"] = own }
                let foreign = variants.foreign(to: choice)
                if !foreign.isEmpty { then["not"] = ["anyOf": foreign.map { ["required": [$0]] }] }
                if then.isEmpty { continue }
                rules.append(["if": ["properties": [variants.key: ["const": choice]], "required": [variants.key]] as [String: Any], "then": then])
            }
        }
        if !rules.isEmpty { schema["allOf"] = rules }
        if !scalarForms.isEmpty {
            return ["description": meaning, "anyOf": [["enum": scalarForms], schema]]
        }
        return schema
    }
}

extension KeyDeclaration {
    /// The schema of this key's value, with its meaning (and unit) as the description.
    func jsonSchema() -> [String: Any] {
        var schema: [String: Any]
        switch value {
        case .number(let unit, let rule):
            schema = rule.jsonSchema(type: "number")
            if !unit.isEmpty { schema["description"] = "\(meaning) (\(unit))" }
        case .integer(let unit, let minimum, let maximum):
            schema = ["type": "integer"]
            if let minimum { schema["minimum"] = minimum }
            if let maximum { schema["maximum"] = maximum }
            if !unit.isEmpty { schema["description"] = "\(meaning) (\(unit))" }
        case .boolean:
            schema = ["type": "boolean"]
        case .text:
            schema = ["type": "string", "minLength": 1]
        case .identifier:
            schema = ["type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]*$"]
        case .choiceList(let choices):
            schema = ["type": "array", "items": ["enum": choices]]
        case .texts(let count):
            schema = ["type": "array", "items": ["type": "string", "minLength": 1]]
            if let count { schema["minItems"] = count; schema["maxItems"] = count }
        case .choice(let choices):
            schema = ["enum": choices]
        case .numbers(let unit, let rule, let count):
            schema = ["type": "array", "items": rule.jsonSchema(type: "number")]
            if let count { schema["minItems"] = count; schema["maxItems"] = count }
            if !unit.isEmpty { schema["description"] = "\(meaning) (\(unit))" }
        case .block(let block):
            schema = block.jsonSchema()
        case .list(let block):
            // A list may also be taken whole from a file: `{include: FILE}`.
            schema = ["anyOf": [
                ["type": "array", "items": block.jsonSchema()] as [String: Any],
                ["type": "object", "properties": ["include": ["type": "string"]], "required": ["include"], "additionalProperties": false],
            ]]
        case .forms(let forms):
            // Each form forbids the others' keys, so a mix of forms matches none.
            schema = ["anyOf": forms.map { $0.jsonSchema() }]
        case .named(let block):
            schema = ["type": "object", "properties": ["include": ["type": "string"]], "additionalProperties": block.jsonSchema()]
        case .namedNumbers(let unit, let rule):
            schema = ["type": "object", "properties": ["include": ["type": "string"]], "additionalProperties": rule.jsonSchema(type: "number")]
            if !unit.isEmpty { schema["description"] = "\(meaning) (\(unit))" }
        }
        if schema["description"] == nil { schema["description"] = meaning }
        if case .defaulted(let value) = presence { schema["default"] = value.json }
        if !words.isEmpty { return ["description": meaning, "anyOf": [["enum": words], schema]] }
        return schema
    }
}

extension NumberRule {
    /// JSON Schema keywords for a value of `type` that obeys this rule.
    func jsonSchema(type: String) -> [String: Any] {
        switch self {
        case .any: ["type": type]
        case .positive: ["type": type, "exclusiveMinimum": 0]
        case .nonNegative: ["type": type, "minimum": 0]
        case .fractionAboveZero: ["type": type, "exclusiveMinimum": 0, "maximum": 1]
        case .aboveZeroAtMost(let upper): ["type": type, "exclusiveMinimum": 0, "maximum": upper]
        case .wholeWithin(let lower, let upper): ["type": "integer", "minimum": lower, "maximum": upper]
        case .unitInterval: ["type": type, "minimum": 0, "maximum": 1]
        case .within(let lower, let upper): ["type": type, "minimum": lower, "maximum": upper]
        }
    }

    /// The allowed values as the docs write them: `> 0`, `[0, 1]`; empty for any number.
    var documentation: String {
        switch self {
        case .any: ""
        case .positive: "> 0"
        case .nonNegative: "≥ 0"
        case .fractionAboveZero: "(0, 1]"
        case .aboveZeroAtMost(let upper): "(0, \(documented(upper))]"
        case .wholeWithin(let lower, let upper): "whole, \(documented(Double(lower))) … \(documented(Double(upper)))"
        case .unitInterval: "[0, 1]"
        case .within(let lower, let upper): "[\(documented(lower)), \(documented(upper))]"
        }
    }
}
