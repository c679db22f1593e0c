/// Canonical JSON: the one byte form of a ``JSONValue`` that fingerprints are computed from.
///
/// Object keys are sorted by their UTF-8 bytes, there is no whitespace, integers are written as
/// integers, doubles in Swift's shortest round-trip form, and strings escape only `"`, `\` and
/// control characters (with the short forms `\b \f \n \r \t` where JSON has them, `\u00XX` otherwise).
/// NaN and infinities have no JSON form and throw ``CanonicalJSONError``.
extension JSONValue {
    /// The canonical bytes of this value.
    ///
    /// - Throws: ``CanonicalJSONError`` when a double is NaN or infinite; the error names the path to it.
    public func canonicalBytes() throws(CanonicalJSONError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        try Self.write(self, into: &output, path: "")
        return output
    }

    /// The canonical form as a string.
    public func canonicalString() throws(CanonicalJSONError) -> String {
        String(decoding: try canonicalBytes(), as: UTF8.self)
    }

    private static func write(_ value: JSONValue, into output: inout [UInt8], path: String) throws(CanonicalJSONError) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number):
            guard number.isFinite else { throw CanonicalJSONError(path: path, value: number) }
            output.append(contentsOf: number.description.utf8)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                try write(element, into: &output, path: path + "[\(index)]")
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                try write(members[key]!, into: &output, path: path.isEmpty ? key : path + "." + key)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// A value with no deterministic JSON form (NaN or an infinity) was about to be hashed.
public struct CanonicalJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the value sits, as `key.sub[2]`; empty for the top level.
    public let path: String
    public let value: Double

    public var description: String {
        let place = path.isEmpty ? "The value" : "The value at '\(path)'"
        return
            "\(place) is '\(value)', which has no deterministic JSON form and cannot be part of a fingerprint. Use a finite number, or a string such as 'inf'."
    }
}
