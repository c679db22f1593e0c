/// Hive-style partition folder names (`key=value`), escaped so that no value can leave the dataset.
public enum HivePartition {
    /// The folder name Hive, Spark, DuckDB and pyarrow use for a null (or empty) value.
    public static let nullValue = "__HIVE_DEFAULT_PARTITION__"

    /// `key=value` with both sides escaped; `nil` or an empty value is ``nullValue``.
    public static func segment(key: String, value: String?) -> String {
        escape(key) + "=" + (value.map { $0.isEmpty ? nullValue : escape($0) } ?? nullValue)
    }

    /// Percent-escapes the bytes that are unsafe in a partition folder name: control characters,
    /// path separators, `=`, `%`, quotes, wildcards and a few more that Hive escapes, plus a value
    /// made only of dots (`.` and `..` would name the folder itself or its parent).
    public static func escape(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 == UInt8(ascii: ".") }) {
            return String(repeating: "%2E", count: text.utf8.count)
        }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if needsEscape(byte) {
                let hex = Array("0123456789ABCDEF".utf8)
                output.append(UInt8(ascii: "%"))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            } else {
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Reverses ``escape(_:)``; malformed escapes are kept as they are.
    public static func unescape(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Splits a `key=value` folder name; `nil` value for ``nullValue``.
    public static func parse(segment: String) -> (key: String, value: String?)? {
        guard let equals = segment.firstIndex(of: "=") else { return nil }
        let key = unescape(String(segment[..<equals]))
        let raw = String(segment[segment.index(after: equals)...])
        return (key, raw == nullValue ? nil : unescape(raw))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        if byte < 0x20 || byte == 0x7F { return true }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "'"), UInt8(ascii: "*"),
            UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "\\"),
            UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "^"):
            return true
        default:
            return false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
