import Foundation

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .int(number)
        } else if let number = try? container.decode(Double.self) {
            self = .double(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([JSONValue].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .int(let number): try container.encode(number)
        case .double(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let elements): try container.encode(elements)
        case .object(let members): try container.encode(members)
        }
    }

    /// The JSON value of an `Encodable` value, as `JSONEncoder` writes it.
    ///
    /// - Throws: ``CanonicalJSONError``-like `EncodingError` for NaN and infinities (JSONEncoder
    ///   refuses them), or ``JSONParseError`` should the encoder write something unreadable.
    public init(encoding value: some Encodable) throws {
        if let json = value as? JSONValue {
            self = json
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        self = try JSONValue.parse(Array(data))
    }

    /// Human-readable JSON: sorted keys, two-space indentation, a final newline.
    public func prettyString() -> String {
        var output = ""
        Self.writePretty(self, indent: "", into: &output)
        return output + "\n"
    }

    private static func writePretty(_ value: JSONValue, indent: String, into output: inout String) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output += "[\n"
            for (index, element) in elements.enumerated() {
                output += indent + "  "
                writePretty(element, indent: indent + "  ", into: &output)
                output += index == elements.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object(let members) where !members.isEmpty:
            output += "{\n"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                var keyBytes: [UInt8] = []
                writeString(key, into: &keyBytes)
                output += indent + "  " + String(decoding: keyBytes, as: UTF8.self) + ": "
                writePretty(members[key]!, indent: indent + "  ", into: &output)
                output += index == keys.count - 1 ? "\n" : ",\n"
            }
            output += indent + "}"
        default:
            // Scalars and empty containers have one form; a non-finite double prints as null here,
            // which only human-facing output uses.
            output += (try? value.canonicalString()) ?? "null"
        }
    }
}
