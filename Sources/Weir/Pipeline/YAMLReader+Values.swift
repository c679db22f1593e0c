import Yams

extension YAMLReader {
    /// A param value as JSON. Numbers keep their YAML type (`2` is an integer, `2.0` a double);
    /// timestamps stay text as written; NaN, infinities, out-of-range integers and other tags are refused.
    func jsonValue(_ node: Node, param: String) throws(ConfigError) -> JSONValue {
        switch node {
        case .alias:
            throw ConfigError(.unhashableValue(param: param, problem: "it is an unresolved alias"), at: location(node))
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for (index, element) in sequence.enumerated() {
                elements.append(try jsonValue(element, param: "\(param)[\(index)]"))
            }
            return .array(elements)
        case .mapping:
            var members: [String: JSONValue] = [:]
            for entry in try mapping(node, what: "param '\(param)'", example: "'key: value'") {
                members[entry.key] = try jsonValue(entry.value, param: "\(param).\(entry.key)")
            }
            return .object(members)
        case .scalar(let scalar):
            return try scalarValue(scalar, node: node, param: param)
        }
    }

    private func scalarValue(_ scalar: Node.Scalar, node: Node, param: String) throws(ConfigError) -> JSONValue {
        switch node.tag.rawValue {
        case Tag.Name.str.rawValue, Tag.Name.timestamp.rawValue:
            return .string(scalar.string)
        case Tag.Name.null.rawValue:
            return .null
        case Tag.Name.bool.rawValue:
            guard let flag = Bool.construct(from: scalar) else { break }
            return .bool(flag)
        case Tag.Name.int.rawValue:
            guard let number = Int64.construct(from: scalar) else {
                throw ConfigError(
                    .unhashableValue(param: param, problem: "the integer '\(scalar.string)' does not fit in 64 bits"),
                    at: location(node))
            }
            return .int(number)
        case Tag.Name.float.rawValue:
            guard let number = Double.construct(from: scalar) else { break }
            guard number.isFinite else {
                throw ConfigError(
                    .unhashableValue(param: param, problem: "'\(scalar.string)' is not a finite number"),
                    at: location(node))
            }
            return .double(number)
        default:
            break
        }
        throw ConfigError(
            .unhashableValue(param: param, problem: "'\(scalar.string)' has the YAML tag '\(node.tag.rawValue)'"),
            at: location(node))
    }

    /// A mapping of params, names checked.
    func params(_ node: Node, what: String) throws(ConfigError) -> [(name: String, keyNode: Node, value: JSONValue)] {
        if isNull(node) { return [] }
        var result: [(name: String, keyNode: Node, value: JSONValue)] = []
        for entry in try mapping(node, what: what, example: "'params: {factor: 2}'") {
            guard Naming.isValid(entry.key) else {
                throw ConfigError(.invalidName(name: entry.key, what: "param"), at: location(entry.keyNode))
            }
            result.append((entry.key, entry.keyNode, try jsonValue(entry.value, param: entry.key)))
        }
        return result
    }
}

/// Rules for stage, dep and param names: they appear in placeholders and environment variables.
package enum Naming {
    package static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return name.utf8.allSatisfy {
            isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    /// `WEIR_PARAM_<NAME>`: upper-cased, every character other than a letter or digit becomes `_`.
    package static func environmentName(forParam name: String) -> String {
        let bytes = name.utf8.map { byte -> UInt8 in
            if isDigit(byte) { return byte }
            if isLetter(byte) { return byte & ~0x20 }
            return UInt8(ascii: "_")
        }
        return "WEIR_PARAM_" + String(decoding: bytes, as: UTF8.self)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
